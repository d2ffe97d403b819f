// The same operations as goro's host benchmarks, in Go, for a ratio taken
// on one machine at one time: a Gosched ping-pong between two goroutines,
// go func + exit, and a round trip over unbuffered channels. One P, as
// goro has one CPU. Prints "bench <name> <ns per operation>".
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

const n = 2000000

func switches() float64 {
	var wg sync.WaitGroup
	wg.Add(2)
	start := time.Now()
	for k := 0; k < 2; k++ {
		go func() {
			for i := 0; i < n; i++ {
				runtime.Gosched()
			}
			wg.Done()
		}()
	}
	wg.Wait()
	return float64(time.Since(start).Nanoseconds()) / (2 * n)
}

func spawns() float64 {
	done := make(chan struct{})
	start := time.Now()
	for i := 0; i < n; i++ {
		go func() { done <- struct{}{} }()
		<-done
	}
	return float64(time.Since(start).Nanoseconds()) / n
}

func roundTrips() float64 {
	ping, pong := make(chan uint32), make(chan uint32)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
	}()
	start := time.Now()
	var v uint32
	for i := 0; i < n; i++ {
		ping <- v
		v = <-pong
	}
	el := time.Since(start)
	close(ping)
	return float64(el.Nanoseconds()) / n
}

func main() {
	runtime.GOMAXPROCS(1)
	fmt.Printf("bench switch %.1f\n", switches())
	fmt.Printf("bench spawn %.1f\n", spawns())
	fmt.Printf("bench chan_unbuffered %.1f\n", roundTrips())
}
