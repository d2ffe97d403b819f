/*
 * Helpers for the stack growth tests: spawn on the smallest stack with room
 * to grow, and check afterwards that growth really happened.
 */
#ifndef GORO_TEST_GROW_H
#define GORO_TEST_GROW_H

#include <string.h>

#include "check.h"
#include "goro.h"
#include "goro_config.h"

/* Spawn fn on the smallest stack the pool has, allowed to grow to max
 * bytes (0: the board default). */
__attribute__((unused)) static int
spawn_small(void (*fn)(void *), void *arg, const char *name, size_t max)
{
	struct goro_opts o = {.name = name, .stack_size = 1, .max_stack = max};
	int id = goro_go_opts(fn, arg, &o);

	CHECK(id > 0);
	return id;
}

/* Spawn fn on a stack whose first block holds a full-size frame (and
 * sched_start's, and 56 bytes more) above the guard zone: for a task that
 * must not grow. Where the plugin's entry check lets the guard zone hold
 * only small frames, the smallest block may not. */
__attribute__((unused)) static int
spawn_roomy(void (*fn)(void *), void *arg, const char *name)
{
	struct goro_opts o = {.name = name, .stack_size = GORO_STACK_GUARD + GORO_FRAME_MAX + 64};
	int id = goro_go_opts(fn, arg, &o);

	CHECK(id > 0);
	return id;
}

/* Called by a task on itself: its stack has moved at least n times and is
 * now bigger than the smallest block. */
__attribute__((noinline, unused)) static void
check_grew(int n)
{
	struct goro_stack_info si;
	struct goro_pool_info pi;

	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	goro_pool_info(&pi);
	if ((int)si.grows < n || si.size <= pi.min_block) {
		printf("FAIL: goroutine %d: %u grows (wanted %d), stack %lu bytes\n", goro_self(),
		       si.grows, n, (unsigned long)si.size);
		exit(1);
	}
}

/* Recursion that never ends by itself: each level takes about a hundred
 * bytes, so the stack must grow until something stops it. */
__attribute__((noinline, unused)) static int
climb(int n)
{
	volatile char pad[100];

	memset((char *)pad, n, sizeof pad);
	if (n > 1000000000) /* never: keeps the compiler from calling it endless */
		return 0;
	return climb(n + 1) + pad[1];
}

#endif
