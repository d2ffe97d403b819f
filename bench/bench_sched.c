/*
 * Scheduler costs: a task-to-task switch through goro_yield (two tasks
 * yielding to each other), and a spawn: goro_go, the task running and
 * exiting (the next spawn takes over its stack and slot, or g0 frees
 * them). Then spawns from outside a task: one task at a time, each run
 * by a goro_run of its own, and batches of BATCH tasks, each batch run
 * by one goro_run (g0 frees every stack and slot). Prints "bench <name>
 * <count per operation>"
 * in the board's count unit, including the benchmark loop's own few
 * instructions.
 */
#include <stdio.h>

#include "board.h"
#include "goro.h"

#if defined(__arm__)
#define N 20000
#else
#define N 2000000
#endif
#define BATCH 8

static volatile int spins;
static uint64_t t0, t1;

static void
yielder(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < N; i++)
		goro_yield();
}

static void
empty(void *arg)
{
	(void)arg;
	spins++;
}

static void
spawner(void *arg)
{
	int i;

	(void)arg;
	t0 = goro_board_count();
	for (i = 0; i < N; i++) {
		goro_go(empty, NULL);
		goro_yield(); /* the new task runs and exits, and we go on */
	}
	t1 = goro_board_count();
}

int
main(void)
{
	uint64_t a, b;
	int i, j;

	goro_board_count();
	goro_go(yielder, NULL);
	goro_go(yielder, NULL);
	a = goro_board_count();
	goro_run();
	b = goro_board_count();
	/* 2N yields, each one switch (the last two find nobody to switch to). */
	printf("bench switch %.1f\n", (double)(b - a) / (2.0 * N));

	goro_go(spawner, NULL);
	goro_run();
	if (spins != N)
		return 1;
	printf("bench spawn %.1f\n", (double)(t1 - t0) / N);

	spins = 0;
	a = goro_board_count();
	for (i = 0; i < N / BATCH; i++) {
		goro_go(empty, NULL);
		goro_run();
	}
	b = goro_board_count();
	if (spins != N / BATCH)
		return 1;
	printf("bench spawn_run1 %.1f\n", (double)(b - a) / (N / BATCH));

	spins = 0;
	a = goro_board_count();
	for (i = 0; i < N / BATCH; i++) {
		for (j = 0; j < BATCH; j++)
			goro_go(empty, NULL);
		goro_run();
	}
	b = goro_board_count();
	if (spins != N / BATCH * BATCH)
		return 1;
	printf("bench spawn_batch %.1f\n", (double)(b - a) / (N / BATCH * BATCH));
	printf("unit %s\n", goro_board_count_unit());
	return 0;
}
