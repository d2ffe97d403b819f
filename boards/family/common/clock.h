/*
 * Converting a board clock's ticks to and from microseconds, exactly and
 * without overflow, for clocks of any rate: QEMU's 10 MHz CLINT, the
 * HiFive1's 32768 Hz one, the generic timer's 62.5 MHz. hz is a constant
 * on most boards, and the compiler then folds the divisions.
 *
 * No 64-bit division where hz is a constant: a 32-bit MCU has none, and
 * libgcc's is 0.5-1 KB. The divisions by 10^6, and by a whole number of
 * ticks per us, are done in 16-bit steps of 32-bit divisions by a
 * constant, which compile to a multiply (board_div_small).
 */
#ifndef GORO_BOARD_CLOCK_H
#define GORO_BOARD_CLOCK_H

#include <stdint.h>

#define BOARD_US_PER_S 1000000u

/*
 * floor(n / k) for 1 <= k <= 2^16, in three 32-bit divisions: the high
 * word, then the low word 16 bits at a time, each step dividing the last
 * remainder (< k) shifted up by 16 bits and the next 16 bits of n, which
 * fits 32 bits because k <= 2^16.
 */
static inline uint64_t
board_div_small(uint64_t n, uint32_t k)
{
	uint32_t hi = (uint32_t)(n >> 32), lo = (uint32_t)n;
	uint32_t mid = (hi % k) << 16 | lo >> 16;
	uint32_t low = (mid % k) << 16 | (lo & 0xFFFFu);

	return (uint64_t)(hi / k) << 32 | (mid / k) << 16 | low / k;
}

/* floor(n / 10^6): 10^6 is 2^6 * 15625, and floor(floor(n / a) / b) is
 * floor(n / (a * b)). */
static inline uint64_t
board_div_us_per_s(uint64_t n)
{
	return board_div_small(n >> 6, BOARD_US_PER_S >> 6);
}

/* floor(t * 10^6 / hz): whole seconds, then the rest, whose product with
 * 10^6 fits in 64 bits for any hz below 18 THz. At a whole number of MHz
 * it is one division, by 16-bit steps up to 65536 MHz. */
static inline uint64_t
board_ticks_to_us(uint64_t t, uint64_t hz)
{
	if (hz % BOARD_US_PER_S == 0 && hz / BOARD_US_PER_S <= 0x10000u)
		return board_div_small(t, (uint32_t)(hz / BOARD_US_PER_S));
	if (hz % BOARD_US_PER_S == 0)
		return t / (hz / BOARD_US_PER_S);
	return t / hz * BOARD_US_PER_S + t % hz * BOARD_US_PER_S / hz;
}

/*
 * The first tick whose board_ticks_to_us is >= us: ceil(us * hz / 10^6).
 * Rounding up matters: when a compare at this tick interrupts, the clock
 * must already read the deadline, or the runtime finds nothing due and
 * sleeps with the timer spent. A deadline the counter cannot reach gives
 * UINT64_MAX, never.
 */
static inline uint64_t
board_us_to_ticks(uint64_t us, uint64_t hz)
{
	uint64_t s = board_div_us_per_s(us), rest = us - s * BOARD_US_PER_S;

	if (s > (UINT64_MAX - hz) / hz)
		return UINT64_MAX;
	return s * hz + board_div_us_per_s(rest * hz + BOARD_US_PER_S - 1);
}

#endif
