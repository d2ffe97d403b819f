/*
 * One deadline on a count-down too short to reach every deadline at once:
 * the CMSDK's TIMER1 (171.8 s at 25 MHz), the STM32F4's SysTick (99.9 ms
 * at 168 MHz), the nRF51's compare (half a wrap of its 32-bit count). Each
 * count-down's interrupt reads the clock: at or past the deadline it calls
 * goro_timer_isr, else it counts down again, as far towards the deadline
 * as one count-down goes. So only the last of several count-downs wakes
 * the runtime, and the deadline is never early: the clock, not the
 * count-down, says when it has come.
 *
 * The board's goro_board_timer_set calls board_deadline_set; the
 * count-down's interrupt handler clears its own flag and calls
 * board_deadline_irq.
 *
 * The handler reaches the board's struct board_deadline only through
 * board_deadline_used, which board_deadline_set fills in, and through the
 * struct's isr (board_deadline_set sets it too). The vector table keeps
 * the handler in every program; this way it keeps neither the struct nor
 * the code here, nor through them the clock: a program that never sets
 * a deadline links none of it.
 */
#ifndef GORO_BOARD_DEADLINE_H
#define GORO_BOARD_DEADLINE_H

#include <stddef.h>
#include <stdint.h>

struct board_deadline {
	uint64_t at;      /* the deadline in us; UINT64_MAX: none */
	uint64_t step_us; /* the longest one count-down reaches, in us */
	/* The clock, in us. */
	uint64_t (*now)(void);
	/* Interrupt once, us (1 <= us <= step_us) after the clock read now. */
	void (*start)(uint64_t now, uint64_t us);
	/* No interrupt from the count-down until the next start. */
	void (*stop)(void);
	/* board_deadline_isr, once board_deadline_set has run. */
	void (*isr)(struct board_deadline *d);
};

/* A new deadline, or none (UINT64_MAX): replaces the last one. Masks
 * interrupts itself. A board has one struct board_deadline: d is always
 * the same. */
void board_deadline_set(struct board_deadline *d, uint64_t deadline_us);

/* The count-down's interrupt, with its flag cleared. */
void board_deadline_isr(struct board_deadline *d);

/* The board's deadline once board_deadline_set has run; NULL before. */
extern struct board_deadline *board_deadline_used;

/* What the count-down's handler calls, with its flag cleared: nothing to
 * do before the first deadline. */
static inline void
board_deadline_irq(void)
{
	struct board_deadline *d = board_deadline_used;

	if (d)
		d->isr(d);
}

#endif
