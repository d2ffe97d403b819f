/*
 * Converting a board clock's ticks to and from microseconds, exactly and
 * without overflow, for clocks of any rate: QEMU's 10 MHz CLINT, the
 * HiFive1's 32768 Hz one, the generic timer's 62.5 MHz. hz is a constant
 * on most boards, and the compiler then folds the divisions.
 */
#ifndef GORO_BOARD_CLOCK_H
#define GORO_BOARD_CLOCK_H

#include <stdint.h>

#define BOARD_US_PER_S 1000000u

/* floor(t * 10^6 / hz): whole seconds, then the rest, whose product with
 * 10^6 fits in 64 bits for any hz below 18 THz. At a whole number of MHz
 * it is one division. */
static inline uint64_t
board_ticks_to_us(uint64_t t, uint64_t hz)
{
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
	uint64_t s = us / BOARD_US_PER_S, rest = us % BOARD_US_PER_S;

	if (s > (UINT64_MAX - hz) / hz)
		return UINT64_MAX;
	return s * hz + (rest * hz + BOARD_US_PER_S - 1) / BOARD_US_PER_S;
}

#endif
