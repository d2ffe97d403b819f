/*
 * False adjustments: how often a stack move changes data that is not a
 * pointer. A task fills its frames with random words (a seeded generator,
 * so each frame can check its own afterwards), deep enough that the stack
 * must grow out of its first block, of 512 B, 4 KiB or 64 KiB. At each move
 * the hook records the old block and live part; afterwards each frame
 * counts its words whose value fell in the window of the old rule (the
 * whole old block, [lo, hi]) and of the live-part rule ([sp, hi)), and the
 * words that really changed.
 *
 * Prints "false <block bytes> <moves> <random words> <old-rule hits>
 * <live-rule hits> <changed>" per block size. On a 32-bit board a random
 * word lands in a window of w bytes with odds w / 2^32; at a growth the
 * live part is the whole block less the guard zone, so the two windows
 * differ by the guard zone only.
 *
 * Each frame's seed stays in a callee-saved register, which is saved in
 * the live part too; seeds are kept below 2^28, where no board has RAM,
 * so that no seed is itself adjusted (that would change every word its
 * frame regenerates).
 */
#include <stdio.h>
#include <string.h>

#include "goro.h"

#define WORDS 24 /* random words per frame: 96 B on 32-bit boards */

/* The move's old block and live part, as a base and lengths: a pointer
 * into the live part kept in a global is what the stale-pointer scan
 * (checks=2) reports. */
static uintptr_t oldlo, oldspan, oldlive;
static unsigned long words, oldhits, livehits, changed;
static volatile int moved; /* set by the hook, behind the compiler's back */

static uint32_t
next(uint32_t *s)
{
	/* xorshift32: full period, no zero */
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void
hook(int end, size_t bytes)
{
	struct goro_stack_info si;

	if (end || moved || goro_stack_info(goro_self(), &si) != GORO_OK)
		return;
	oldlo = si.lo;
	oldspan = si.hi - si.lo;
	oldlive = bytes;
	moved = 1;
}

static size_t block;
static uint32_t seed = 2463534242u;
static unsigned levels; /* enough frames to outgrow the first block */

/* One frame of random words, then the frames below it; on the way back
 * each frame that was on the stack when it moved checks its words. */
__attribute__((noinline)) static void
fill(uint32_t seed_, unsigned level)
{
	volatile uintptr_t data[WORDS];
	uint32_t s = seed_;
	int i, before = !moved;

	for (i = 0; i < WORDS; i++)
		data[i] = (uintptr_t)next(&s);
	if (level + 1 < levels) /* seeds stay below 2^28, under every board's RAM */
		fill((seed_ * 2654435761u + 1) & 0x0FFFFFFFu, level + 1);
	if (!before || !moved)
		return;
	s = seed_;
	for (i = 0; i < WORDS; i++) {
		uintptr_t v = (uintptr_t)next(&s);
		words++;
		oldhits += v - oldlo <= oldspan;
		livehits += v - (oldlo + oldspan - oldlive) < oldlive;
		changed += data[i] != v;
	}
}

/* The stack fills its first block until the check moves it: then the live
 * part is the whole block but the guard zone. */
static void
task(void *arg)
{
	(void)arg;
	fill(next(&seed) & 0x0FFFFFFFu, 0);
}

int
main(void)
{
	static const size_t sizes[] = {512, 4096, 65536};
	struct goro_pool_info pi;
	unsigned i, k, n, moves;

	goro_pool_info(&pi);
	goro_debug_on_move(hook);
	for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		block = sizes[k];
		if (block < pi.min_block || 16 * block > pi.total)
			continue;
		/* About 4 MiB of random data through moves per size. */
		n = (unsigned)((4u << 20) / block);
		words = oldhits = livehits = changed = 0;
		levels = (unsigned)(block / (WORDS * sizeof(uintptr_t))) + 2;
		moves = 0;
		for (i = 0; i < n; i++) {
			struct goro_opts o = {
			        .name = "filler", .stack_size = block, .max_stack = 16 * block};
			moved = 0;
			if (goro_go_opts(task, NULL, &o) < 0)
				return 1;
			goro_run();
			moves += moved;
		}
		printf("false %lu %u %lu %lu %lu %lu\n", (unsigned long)block, moves, words,
		       oldhits, livehits, changed);
	}
	goro_debug_on_move(NULL);
	return 0;
}
