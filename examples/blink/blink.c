/*
 * blink: an LED-style ticker. A task toggles an "LED" every 100 ms from a
 * ticker; another task sleeps 250 ms at a time and reports; after a
 * second both stop. With nothing to do between ticks the CPU sleeps
 * (tickless: the board timer is armed for the next deadline only).
 */
#include <stdio.h>

#include "goro.h"

static volatile int led;
static int stop;

static void
blinker(void *arg)
{
	static struct goro_timer tick;
	uint64_t when;
	int n = 0;

	(void)arg;
	goro_timer_start(&tick, 100000, 100000);
	while (!stop) {
		goro_chan_recv(goro_timer_chan(&tick), &when);
		led = !led;
		printf("%6lu ms  led %s\n", (unsigned long)(when / 1000), led ? "on" : "off");
		n++;
	}
	goro_timer_stop(&tick);
	printf("blinked %d times\n", n);
}

static void
watcher(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 4; i++) {
		goro_sleep_us(250000);
		printf("%6lu ms  watcher awake\n", (unsigned long)(goro_now_us() / 1000));
	}
	stop = 1;
}

int
main(void)
{
	goro_go(blinker, NULL);
	goro_go(watcher, NULL);
	goro_run();
	return 0;
}
