/*
 * Several count-downs towards one deadline (deadline.h).
 */
#include "deadline.h"
#include "board.h"
#include "sp.h"

/* Count down towards d->at from now: the whole way, or one step of it. A
 * deadline already past gets the shortest count-down, so its interrupt
 * still comes and finds it due. */
static void
deadline_arm(struct board_deadline *d, uint64_t now)
{
	uint64_t us = d->at > now ? d->at - now : 1;

	if (us > d->step_us)
		us = d->step_us;
	d->start(now, us);
}

struct board_deadline *board_deadline_used;

void
board_deadline_set(struct board_deadline *d, uint64_t deadline_us)
{
	unsigned long irq = port_irq_save();

	board_deadline_used = d;
	d->isr = board_deadline_isr;
	d->at = deadline_us;
	if (deadline_us == UINT64_MAX)
		d->stop(); /* tickless: no deadline, no interrupt */
	else
		deadline_arm(d, d->now());
	port_irq_restore(irq);
}

void
board_deadline_isr(struct board_deadline *d)
{
	uint64_t now;

	if (d->at == UINT64_MAX)
		return; /* cancelled after the count-down had ended */
	now = d->now();
	if (now >= d->at) {
		d->at = UINT64_MAX;
		d->stop();
		goro_timer_isr();
	} else {
		deadline_arm(d, now); /* a long deadline: another count-down */
	}
}
