/*
 * Several CPUs (meson option cpus), in the board's count unit:
 *
 *   cpubound    64 CPU-bound tasks, each a fixed amount of work with a
 *               yield now and then: the time until the last is done.
 *               scripts/bench compares the figure of a build with one CPU
 *               and with more, run in turns;
 *   rt_same     an unbuffered channel round trip between two tasks on
 *               one CPU (both pinned to CPU 0);
 *   rt_cross    the same between a task on CPU 0 and one on CPU 1.
 *
 * Prints "bench <name> <count>" (cpubound: for the whole run; round trips:
 * per round trip, the loop included).
 */
#include <stdio.h>

#include "board.h"
#include "goro.h"

#define TASKS 64
#if defined(__x86_64__)
#define WORK   20000000u /* additions per task */
#define ROUNDS 200000
#else
#define WORK   200000u
#define ROUNDS 2000
#endif
#define SLICE 10000u /* additions between yields */

static volatile unsigned sink[TASKS];

static void
worker(void *arg)
{
	unsigned i, x = 0, me = (unsigned)(uintptr_t)arg;

	for (i = 0; i < WORK; i++) {
		x += i ^ me;
		if (i % SLICE == 0)
			goro_yield();
	}
	sink[me] = x;
}

static struct goro_chan ping, pong;

static void
pinger(void *arg)
{
	int i, v = 0;
	uint64_t *t = arg;

	t[0] = goro_board_count();
	for (i = 0; i < ROUNDS; i++) {
		goro_chan_send(&ping, &v);
		goro_chan_recv(&pong, &v);
	}
	t[1] = goro_board_count();
}

static void
ponger(void *arg)
{
	int i, v;

	(void)arg;
	for (i = 0; i < ROUNDS; i++) {
		goro_chan_recv(&ping, &v);
		goro_chan_send(&pong, &v);
	}
}

/* A round trip between a task on CPU a and one on CPU b. */
static uint64_t
round_trip(unsigned a, unsigned b)
{
	struct goro_opts oa = {.name = "ping", .flags = GORO_PIN_CPU, .cpu = a};
	struct goro_opts ob = {.name = "pong", .flags = GORO_PIN_CPU, .cpu = b};
	uint64_t t[2];

	goro_chan_init(&ping, NULL, sizeof(int), 0);
	goro_chan_init(&pong, NULL, sizeof(int), 0);
	goro_go_opts(ponger, NULL, &ob);
	goro_go_opts(pinger, t, &oa);
	goro_run();
	return (t[1] - t[0]) / ROUNDS;
}

int
main(void)
{
	uint64_t t0, t1;
	int i;

	goro_board_count();
	for (i = 0; i < TASKS; i++)
		goro_go(worker, (void *)(uintptr_t)i);
	t0 = goro_board_count();
	goro_run();
	t1 = goro_board_count();
	printf("bench cpus %d\n", goro_ncpu());
	printf("bench cpubound %llu\n", (unsigned long long)(t1 - t0));
	printf("bench rt_same %llu\n", (unsigned long long)round_trip(0, 0));
	if (goro_ncpu() > 1)
		printf("bench rt_cross %llu\n", (unsigned long long)round_trip(0, 1));
	return 0;
}
