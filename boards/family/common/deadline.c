/*
 * Several count-downs towards one deadline (deadline.h).
 */
#include "deadline.h"
#include "board.h"
#include "sp.h"

/* Interrupts masked, or from the count-down's interrupt (fired). What
 * the deadline needs next: no count-down if there is none (or it was
 * cancelled after the count-down had ended); while it has not come, a
 * count-down towards it from now, the whole way or one step of it; once
 * the count-down that ended finds it come, its end, and the runtime told.
 * A deadline already past when set gets the shortest count-down, so its
 * interrupt still comes and finds it due. */
static void
deadline_next(struct board_deadline *d, int fired)
{
	uint64_t now, us;

	if (d->at == UINT64_MAX) {
		d->stop();
		return;
	}
	now = d->now();
	if (now < d->at) {
		us = d->at - now;
		if (us > d->step_us)
			us = d->step_us;
	} else if (fired) {
		d->at = UINT64_MAX;
		d->stop();
		goro_timer_isr();
		return;
	} else {
		us = 1;
	}
	d->start(now, us);
}

struct board_deadline *board_deadline_used;

void
board_deadline_set(struct board_deadline *d, uint64_t deadline_us)
{
	unsigned long irq = port_irq_save();

	board_deadline_used = d;
	d->isr = board_deadline_isr;
	d->at = deadline_us; /* UINT64_MAX: tickless, no deadline, no interrupt */
	deadline_next(d, 0);
	port_irq_restore(irq);
}

void
board_deadline_isr(struct board_deadline *d)
{
	deadline_next(d, 1);
}
