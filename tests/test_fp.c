/*
 * The FP registers a callee must preserve (s16-s31 on ARMv7-M with an
 * FPU) survive task switches and stack moves. tests/meson.build builds this
 * only for 32-bit ARM where the compiler keeps floats in FP registers.
 *
 * Each task keeps sixteen float accumulators live across goro_yield. A
 * call clobbers s0-s15, so the compiler keeps them in s16-s31; each
 * increment is a constant it loads with one vmov, so nothing else needs
 * those registers. Four tasks run the same loop from different starting
 * values: a switch that did not save and restore s16-s31 would hand one
 * task another's values. Halfway through, each task recurses (integer code
 * only) deep enough to grow its stack while its accumulators are live:
 * goro_morestack saves them in its block, the mover copies the block, and
 * they come back from the new one. At the end, a pointer into the stack
 * held in s16 must follow the stack when it moves. The run is repeated
 * with the stack moved at every 1st, 3rd and 7th check
 * (goro_debug_move_every, checks=2 builds). main keeps its own floats live
 * across goro_run, for the switches between g0 and the tasks.
 *
 * Every value is checked exactly. Each is a multiple of 1/4 below 2^22,
 * which single precision holds exactly, so no rounding enters the sums.
 * They all lie between 1000 and 6000: as bits (0x447A0000 and up) none
 * can be mistaken for an address in a task's stack, so the mover's
 * conservative scan leaves them as they are.
 */
#include <string.h>

#include "grow.h"

#if !defined(__arm__) || !defined(__ARM_FP)
#error "test_fp is for ARM builds that keep floats in the FP registers (see tests/meson.build)"
#endif

#define TASKS  4
#define ROUNDS 200 /* yields per task: each one a switch to another task */

static int BURN; /* recursion depth that grows the smallest stack */
static int done; /* tasks that finished with every value right */

/* Integer-only recursion with frames of about 100 bytes: deep enough to
 * grow the stack at least once (set in main from the pool's block size). */
__attribute__((noinline)) static int
burn(int n)
{
	volatile char pad[96];

	memset((char *)pad, n, sizeof pad);
	return n == 0 ? pad[5] : burn(n - 1) + pad[7] - n;
}

/*
 * A pointer to a local, held in s16 across a growth. GCC may keep a core
 * register's value in s16-s31 when it runs short of core registers, and
 * such a value may point into the stack: goro_morestack saves s16-s31
 * inside the block it leaves on the stack, so the mover adjusts them like
 * any other word. (The switch's own test, the accumulators, would pass
 * even if goro_morestack left them out: code on g0 preserves them too.)
 */
__attribute__((noinline)) static void
pointer_in_s16(void)
{
	volatile int local = 7;
	register float held __asm__("s16"); /* the bits of &local, not a float */
	struct goro_stack_info before, after;
	uintptr_t back;

	CHECK_EQ(goro_stack_info(goro_self(), &before), GORO_OK);
	__asm__ volatile("vmov %0, %1" : "=t"(held) : "r"(&local));
	CHECK(burn(BURN) != 12345); /* moves the stack, with local on it */
	__asm__ volatile("vmov %0, %1" : "=r"(back) : "t"(held));
	CHECK_EQ(goro_stack_info(goro_self(), &after), GORO_OK);
	CHECK(after.grows > before.grows);
	CHECK_EQ(back, (uintptr_t)&local);
	CHECK_EQ(*(volatile int *)back, 7);
}

/* Called once at the end, so a report may take its time. */
__attribute__((noinline)) static void
check_acc(const char *who, int j, float got, long quarters)
{
	float want = (float)quarters / 4.0f;
	uint32_t gb, wb;

	if (got == want)
		return;
	memcpy(&gb, &got, sizeof gb);
	memcpy(&wb, &want, sizeof wb);
	printf("FAIL %s: accumulator %d is 0x%08lx, want 0x%08lx (%ld/4)\n", who, j,
	       (unsigned long)gb, (unsigned long)wb, quarters);
	exit(1);
}

/* The sixteen accumulators, named a0..a15: accumulator j starts at
 * base + j and gains (j + 1) / 4 every round. */
#define EACH(X)                                                                                    \
	X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15)
#define DECLARE(j) float a##j = base + (float)(j);
#define ADVANCE(j) a##j += (float)((j) + 1) * 0.25f;
#define VERIFY(j)  check_acc(goro_name(goro_self()), j, a##j, 4L * (b + (j)) + ROUNDS * ((j) + 1L));

static void
worker(void *arg)
{
	int b = 1000 * (int)(intptr_t)arg; /* this task's start: 1000, 2000, ... */
	float base = (float)b;
	struct goro_stack_info si;
	int i;

	EACH(DECLARE)
	for (i = 0; i < ROUNDS; i++) {
		EACH(ADVANCE)
		goro_yield();
		if (i == ROUNDS / 2)
			CHECK(burn(BURN) != 12345); /* grows the stack: any result will do */
	}
	pointer_in_s16();
	EACH(VERIFY)
	/* The accumulators did ride at least one move. (The stack may have
	 * shrunk back since, in place, during the quiet yields after burn.) */
	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	CHECK(si.grows >= 1);
	done++;
}

static void
run_tasks(const char *name)
{
	int k;

	done = 0;
	for (k = 1; k <= TASKS; k++)
		spawn_small(worker, (void *)(intptr_t)k, name, 0);
	goro_run();
	CHECK_EQ(done, TASKS);
	CHECK_POOL_WHOLE();
}

int
main(void)
{
	/* g0's own values: held in s16-s31 across goro_run, while every task
	 * puts its own values there. volatile: computed at run time. */
	volatile float seed = 0.75f;
	float m0 = seed * 3.0f, m1 = seed * 5.0f, m2 = seed * 7.0f, m3 = seed * 9.0f;
	struct goro_pool_info pi;
	int every;

	goro_pool_info(&pi);
	BURN = (int)(pi.min_block * 3 / 100) + 8;
	while (BURN > 6 && (size_t)BURN * 128 * TASKS * 4 > pi.total / 2)
		BURN /= 2; /* small pools: every stack must fit, with room to move */

	run_tasks("fp");
	/* Again, with the stack moved at every 1st, 3rd and 7th check. */
	for (every = 1; every <= 7; every += every + 1) {
		if (goro_debug_move_every((unsigned)every) != GORO_OK)
			break; /* built with checks < 2: no forced moves */
		run_tasks("fp-moved");
		goro_debug_move_every(0);
	}

	check_acc("main", 0, m0, 9);
	check_acc("main", 1, m1, 15);
	check_acc("main", 2, m2, 21);
	check_acc("main", 3, m3, 27);
	printf("ok fp\n");
	return 0;
}
