/*
 * The board's multi-core part (runtime/board.h, "Multi-core boards"),
 * without the multi-core scheduler: CPU 0 starts every other CPU with
 * board_cpu_start, each on a static stack of its own, then wakes each one
 * WAKES times with board_cpu_wake and waits for each wake to be
 * acknowledged before it sends the next.
 *
 * Each secondary checks that board_cpu_id() is the cpu its entry was
 * given, counts itself started, and then loops on goro_board_idle() with
 * interrupts masked, as the scheduler idles, counting every return. A CPU
 * that does not start, a wrong CPU number, a wake that is lost (the
 * target stays asleep: CPU 0 gives up after WAIT_US) and a return from
 * idle that no wake explains all fail the test. A lost wake can fall on
 * either side of the target's sleep: sent while it sleeps, or while it is
 * between two goro_board_idle calls, where the contract says the next one
 * returns at once. Before the rounds, each secondary in turn wakes CPU 0,
 * which waits in goro_board_idle; after them, CPU 0 wakes itself, which
 * must also be kept for its next goro_board_idle. (Those two hang rather
 * than fail when a wake is lost, and the suite's timeout fails the test.)
 *
 * The secondaries that wait for their turn to wake CPU 0 spin on shared
 * memory: on QEMU under -icount, which runs the CPUs in turns on one
 * thread, the others still run at the emulator's time-slice ends.
 *
 * TEST_CPUS is the board's board_caps 'cpus' (tests/meson.build). The
 * runtime is not running (no goro_run): the secondaries' code is built
 * without the stack check (GORO_NOSPLIT), since it runs on stacks no task
 * owns.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#include "board.h"
#include "goro.h"
#include "goro_config.h"
#include "goro_board.h"
#include "sp.h"

#ifndef TEST_CPUS
#error "TEST_CPUS: the board's CPU count (tests/meson.build)"
#endif
_Static_assert(TEST_CPUS > 1, "a test for boards with more than one CPU");

/* Rounds of wakes per secondary, how long CPU 0 waits for one step
 * (start, or the acknowledgement of one wake: virtual time under QEMU
 * -icount, ample for a few hundred instructions of the target's), and how
 * often it looks meanwhile. */
#define WAKES 8
#if GORO_HOSTED
/* The host's time is the wall clock: a thread may start late on a loaded
 * machine (under valgrind, with a busy CI, 200 ms was not enough). */
#define WAIT_US 10000000
#else
#define WAIT_US 200000
#endif
#define POLL_US 100

/* Each secondary's stack: its entry, goro_board_idle and its interrupt
 * handlers (on cores whose handlers use the interrupted stack). */
#define STACK_BYTES 2048
static _Alignas(16) uint8_t stacks[TEST_CPUS][STACK_BYTES];

static atomic_uint started;
static atomic_int ring0;                    /* the secondary that is to wake CPU 0 next */
static atomic_int bad_id[TEST_CPUS];        /* board_cpu_id() + 1 where it was wrong */
static atomic_uint idle_returns[TEST_CPUS]; /* each secondary's returns from idle */

GORO_NOSPLIT static void
secondary(int cpu)
{
	int id = board_cpu_id();

	if (id != cpu)
		atomic_store(&bad_id[cpu], id + 1);
	atomic_fetch_add(&started, 1);
	while (atomic_load(&ring0) != cpu) /* CPU 0's turn to be woken, by this CPU */
		;
	board_cpu_wake(0);
	for (;;) {
		unsigned long irq = port_irq_save();

		goro_board_idle();
		port_irq_restore(irq); /* the wake's interrupt, if any, runs here */
		atomic_fetch_add(&idle_returns[cpu], 1);
	}
}

/*
 * Wait until *v reaches want, for at most WAIT_US. CPU 0 sleeps between
 * looks, woken by the timer every POLL_US: an emulator that runs every
 * CPU on one thread (QEMU under -icount) runs the others only while this
 * one sleeps, or at its next timer deadline.
 */
static int
wait_for(atomic_uint *v, unsigned want)
{
	uint64_t until = goro_board_now_us() + WAIT_US;
	int ok;

	for (;;) {
		unsigned long irq;

		if (atomic_load(v) >= want) {
			ok = 1;
			break;
		}
		if (goro_board_now_us() > until) {
			ok = 0;
			break;
		}
		irq = port_irq_save();
		goro_board_timer_set(goro_board_now_us() + POLL_US);
		goro_board_idle();
		port_irq_restore(irq);
	}
	goro_board_timer_set(UINT64_MAX);
	return ok;
}

static int
start_all(void)
{
	int cpu;

	for (cpu = 1; cpu < TEST_CPUS; cpu++) {
		board_cpu_start(cpu, (uintptr_t)(stacks[cpu] + STACK_BYTES), secondary);
		if (!wait_for(&started, (unsigned)cpu)) {
			printf("FAIL: CPU %d did not start\n", cpu);
			return 0;
		}
		if (atomic_load(&bad_id[cpu])) {
			printf("FAIL: CPU %d's board_cpu_id() is %d\n", cpu,
			       atomic_load(&bad_id[cpu]) - 1);
			return 0;
		}
	}
	return 1;
}

static int
wake_all(void)
{
	unsigned round;
	int cpu;

	for (round = 1; round <= WAKES; round++)
		for (cpu = 1; cpu < TEST_CPUS; cpu++) {
			unsigned seen = atomic_load(&idle_returns[cpu]);

			if (seen != round - 1) {
				printf("FAIL: CPU %d returned from idle %u times before wake %u: "
				       "a return no wake explains\n",
				       cpu, seen, round);
				return 0;
			}
			board_cpu_wake(cpu);
			if (!wait_for(&idle_returns[cpu], round)) {
				printf("FAIL: CPU %d lost wake %u (still asleep after %d us)\n",
				       cpu, round, WAIT_US);
				return 0;
			}
		}
	return 1;
}

int
main(void)
{
	unsigned long irq;
	int cpu;

	if (board_cpu_id() != 0) {
		printf("FAIL: main runs on CPU %d, not 0\n", board_cpu_id());
		return 1;
	}
	if (!start_all())
		return 1;
	/* Each secondary wakes CPU 0 in turn, sent while CPU 0 sleeps or just
	 * before (a lost one hangs here, and the suite's timeout fails the
	 * test). */
	for (cpu = 1; cpu < TEST_CPUS; cpu++) {
		irq = port_irq_save();
		atomic_store(&ring0, cpu);
		goro_board_idle();
		port_irq_restore(irq);
	}
	if (!wake_all())
		return 1;
	/* Settle, then check that no extra return came after the last wake. */
	for (cpu = 1; cpu < TEST_CPUS; cpu++) {
		atomic_uint last;

		atomic_init(&last, 0);
		(void)wait_for(&last, 1); /* WAIT_US of nothing */
		if (atomic_load(&idle_returns[cpu]) != WAKES) {
			printf("FAIL: CPU %d returned from idle %u times for %d wakes\n", cpu,
			       atomic_load(&idle_returns[cpu]), WAKES);
			return 1;
		}
	}
	/* A wake for the calling CPU, sent before it sleeps, is kept: its
	 * next idle returns at once (a lost one hangs here, and the suite's
	 * timeout fails the test). */
	irq = port_irq_save();
	board_cpu_wake(0);
	goro_board_idle();
	port_irq_restore(irq);
	printf("ok board_cpus: %d CPUs started, each woke CPU 0, %d wakes each acknowledged\n",
	       TEST_CPUS, WAKES);
	return 0;
}
