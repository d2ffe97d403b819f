/* Recursion 10,000 deep from the smallest stack. Every level keeps a local
 * and passes its address down; on the way back up each level checks that
 * the pointer it got still reaches its caller's local (so every frame-to-
 * frame pointer survived every move), and the sum of the levels is exact.
 * Then recursion with frames as large as task code may have: the guard
 * zone must hold them, which painted stacks (checks=2) show as headroom
 * left above the canary at every growth. */
#include <string.h>

#include "goro_config.h"
#include "grow.h"

/* 10,000 levels where the pool holds them (about 48 bytes each on a 32-bit
 * board, 64 on the host), fewer on boards with little RAM. */
#define MAXDEPTH 10000
static int DEPTH;

__attribute__((noinline)) static long
down(int n, const volatile int *parent)
{
	volatile int mine = n;
	long below;

	if (n == 0)
		return 0;
	below = down(n - 1, &mine);
	CHECK_EQ(*parent, n + 1); /* the caller's local, through its pointer */
	return below + mine;
}

__attribute__((noinline)) static void
deep(void *arg)
{
	volatile int top = DEPTH + 1;
	struct goro_stack_info si;

	(void)arg;
	CHECK_EQ(down(DEPTH, &top), (long)DEPTH * (DEPTH + 1) / 2);
	/* Three moves at least where the pool lets the stack double that
	 * often from its first size (a 16 KB board's cannot). */
	check_grew(DEPTH == MAXDEPTH ? 3 : 1);
	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	/* 10,000 frames cannot be smaller than 8 bytes each. */
	CHECK(si.high_water > (size_t)8 * DEPTH);
	printf("deep: %d levels, %u moves, stack %lu bytes, high water %lu\n", DEPTH, si.grows,
	       (unsigned long)si.size, (unsigned long)si.high_water);
}

/* Room for the frame's other contents under the board's frame limit. */
#define WIDE (GORO_FRAME_MAX - 64)
static int WIDE_LEVELS;

__attribute__((noinline)) static int
wide_down(int n)
{
	volatile char big[WIDE];

	memset((char *)big, n, sizeof big);
	if (n == 0)
		return 0;
	return wide_down(n - 1) + big[WIDE - 1];
}

#if defined(GORO_FRAME_SMALL) && GORO_CHECKS >= 2
/* A leaf with a frame of more than the entry check's frame_small: only
 * the entry check, before its prologue, can move the stack here. */
__attribute__((noinline)) static int
wide_leaf(int n)
{
	volatile char big[WIDE];

	memset((char *)big, n, sizeof big);
	return big[n];
}
#endif

static void
wide(void *arg)
{
	(void)arg;
	CHECK_EQ(wide_down(WIDE_LEVELS), WIDE_LEVELS * (WIDE_LEVELS + 1) / 2);
	check_grew(WIDE_LEVELS == 100 ? 2 : 1);
#if defined(GORO_FRAME_SMALL) && GORO_CHECKS >= 2
	/* Forced moves reach the entry check too: its limit plus the frame
	 * size must not wrap past the debug limit (stack_set_guard). */
	struct goro_stack_info before, after;
	CHECK_EQ(goro_stack_info(goro_self(), &before), GORO_OK);
	CHECK_EQ(goro_debug_move_every(1), GORO_OK);
	CHECK_EQ(wide_leaf(3), 3);
	CHECK_EQ(goro_debug_move_every(0), GORO_OK);
	CHECK_EQ(goro_stack_info(goro_self(), &after), GORO_OK);
	CHECK(after.grows > before.grows);
#endif
}

int
main(void)
{
	struct goro_pool_info pi;
	size_t headroom;

	goro_pool_info(&pi);
	/* The stack doubles: its last block must fit in half the pool. */
	DEPTH = MAXDEPTH;
	while ((size_t)DEPTH * 16 * sizeof(void *) > pi.total / 2)
		DEPTH /= 2;
	spawn_small(deep, NULL, "deep", pi.total);
	goro_run();
	CHECK_POOL_WHOLE();
	WIDE_LEVELS = 100;
	while ((size_t)WIDE_LEVELS * GORO_FRAME_MAX * 2 > pi.total / 2)
		WIDE_LEVELS /= 2;
	spawn_small(wide, NULL, "wide", pi.total);
	goro_run();
	CHECK_POOL_WHOLE();
	headroom = goro_debug_min_headroom();
	if (headroom != (size_t)-1) {
		/* Every growth came before the guard zone was used up. */
		CHECK(headroom > 0);
		printf("guard zone %d bytes, least headroom left at a growth: %lu\n",
		       GORO_STACK_GUARD, (unsigned long)headroom);
	}
	printf("ok grow_deep\n");
	return 0;
}
