/*
 * The board clock conversions (boards/family/common/clock.h) at their
 * edges, for every rate a board uses and a few beyond: word and 16-bit
 * boundaries, the largest values, and a sweep of pseudo-random ones.
 *   - board_ticks_to_us is floor(t * 10^6 / hz): checked against plain
 *     64-bit division, and on the host against 128-bit arithmetic;
 *   - board_us_to_ticks is the first tick whose board_ticks_to_us is >=
 *     us, or UINT64_MAX where the counter cannot reach it.
 * The rates are read through a volatile, so the conversions' general
 * code runs as well as the folded one the boards compile.
 */
#include "../boards/family/common/clock.h"
#include "check.h"

static volatile uint64_t rates[] = {
        1000000u,  /* the STM32F4 and micro:bit timers */
        10000000u, /* QEMU's CLINT */
        25000000u, /* the CMSDK timers */
        62500000u, /* QEMU's generic timer */
        32768u,    /* the HiFive1's CLINT */
        24000000u, /* a 24 MHz crystal's */
        65536000000u /* 2^16 ticks per us: a 16-bit edge for a division in steps */,
        65537000000u /* and one past it */,
        1u,
        999999u,
};

/* floor(t * 10^6 / hz) by 64-bit division, where t / hz * 10^6 fits. */
static uint64_t
ref_to_us(uint64_t t, uint64_t hz)
{
	return t / hz * 1000000u + t % hz * 1000000u / hz;
}

static uint64_t seed = 0x9E3779B97F4A7C15u;

static uint64_t
next(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

/* Not inlined: on Cortex-M0 the 64-bit arithmetic of both in one frame
 * passes the frame limit (frame_max). */
static __attribute__((noinline)) void
check_to_us(uint64_t t, uint64_t hz)
{
	uint64_t us = board_ticks_to_us(t, hz);

	if (t / hz < UINT64_MAX / 1000000u)
		CHECK(us == ref_to_us(t, hz));
#ifdef __SIZEOF_INT128__
	{
		unsigned __int128 exact = (unsigned __int128)t * 1000000u / hz;
		if (exact <= UINT64_MAX)
			CHECK(us == (uint64_t)exact);
	}
#endif
}

/* The first tick that reads us or later: that tick reads >= us, and the
 * one before it < us. */
static __attribute__((noinline)) void
check_to_ticks(uint64_t us, uint64_t hz)
{
	uint64_t t = board_us_to_ticks(us, hz);

	if (t == UINT64_MAX) {
		/* Only for deadlines past what the counter reaches. */
		CHECK(us / 1000000u > (UINT64_MAX - hz) / hz);
		return;
	}
	/* (In the last second before 2^64 us and past it, board_ticks_to_us
	 * has no answer to compare: its product overflows.) */
	if (t / hz >= UINT64_MAX / 1000000u)
		return;
	CHECK(board_ticks_to_us(t, hz) >= us);
	if (t > 0)
		CHECK(board_ticks_to_us(t - 1, hz) < us);
}

int
main(void)
{
	static const uint64_t edges[] = {
	        0,
	        1,
	        0xFFFFu,
	        0x10000u,
	        0x10001u,
	        999999u,
	        1000000u,
	        0xFFFFFFFFu,
	        0x100000000u,
	        0x100000001u,
	        0xFFFFFFFFFFFFu,
	        0x1000000000000u,
	        (uint64_t)1 << 63,
	        UINT64_MAX / 1000000u,
	        UINT64_MAX / 1000000u + 1,
	        UINT64_MAX - 1000000u,
	        UINT64_MAX - 1,
	        UINT64_MAX,
	};
	size_t r, i, j;
	int n = 0;

	for (r = 0; r < sizeof rates / sizeof rates[0]; r++) {
		uint64_t hz = rates[r];
		for (i = 0; i < sizeof edges / sizeof edges[0]; i++) {
			for (j = 0; j < 3; j++) { /* each edge, and one either side */
				uint64_t v = edges[i] + j - 1;
				check_to_us(v, hz);
				check_to_ticks(v, hz);
				check_to_us(v + hz, hz);
				n += 2;
			}
		}
		for (i = 0; i < 2000; i++) {
			uint64_t v = next();
			check_to_us(v, hz);
			check_to_ticks(v, hz);
			check_to_us(v >> (v & 63), hz); /* small values too */
			check_to_ticks(v >> (v & 63), hz);
			n += 4;
		}
	}
	/* The rates the boards compile, folded. */
	CHECK(board_ticks_to_us(UINT64_MAX, 10000000u) == UINT64_MAX / 10u);
	CHECK(board_ticks_to_us(0xFFFFFFFFFFu, 25000000u) == 0xFFFFFFFFFFu / 25u);
	CHECK(board_us_to_ticks(1, 32768u) == 1); /* 30.5 us per tick */
	CHECK(board_us_to_ticks(30, 32768u) == 1);
	CHECK(board_us_to_ticks(31, 32768u) == 2);
	CHECK(board_us_to_ticks(1000000u, 32768u) == 32768u);
	CHECK(board_us_to_ticks(UINT64_MAX - 1, 10000000u) == UINT64_MAX);
	CHECK(board_us_to_ticks(1844674407370955u, 10000000u) == 18446744073709550u);
	printf("ok clock (%d conversions)\n", n);
	return 0;
}
