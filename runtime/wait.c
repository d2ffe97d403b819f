/*
 * Wait queues: FIFO lists of wait records, each on its parked task's stack.
 *
 * A record belongs to a wait (struct goro_wait): one park of one task. A
 * select parks on several records at once, one per case, all with the same
 * wait; whoever fires the wait first wins, so a waker that finds a record
 * whose wait has fired drops it and looks at the next. The task itself
 * unlinks its remaining records once it runs again.
 */
#include <string.h>

#include "rt.h"

/* Queue w, one of st's records, on q for the running task, and start st
 * (not fired yet). The record's idx is 0: a select numbers its records
 * itself. Out of line for the waits of sync.c and select, which queue
 * their records before they park, so it adds nothing to the depth of a
 * parked task's stack. Nothing fires st before the park: a timeout
 * already started on it (a timed wait's) runs only at a scheduling
 * point. */
void
waitq_join(struct goro_waitq *q, struct goro_waiter *w, struct goro_wait *st, void *elem)
{
	st->fired = 0;
	st->idx = 0;
	waitq_push(q, wait_init(w, st, elem, 0));
}

/* Unlink w from its queue, if it is on one. */
void
waitq_remove(struct goro_waiter *w)
{
	struct goro_waitq *q = w->q;

	if (q == NULL)
		return;
	if (w->prev)
		w->prev->next = w->next;
	else
		q->head = w->next;
	if (w->next)
		w->next->prev = w->prev;
	else
		q->tail = w->prev;
	w->next = w->prev = NULL;
	w->q = NULL;
}

/* waitq_take_body (rt.h), out of line. */
struct goro_waiter *
waitq_take(struct goro_waitq *q)
{
	return waitq_take_body(q);
}

#if GORO_NCPU == 1 && RT_SMALL
/* sched_ready_inline (rt.h), out of line: in a runtime built for size,
 * every wakeup (a channel's, a semaphore's, a timeout's) shares it. */
void
sched_ready(struct g *g)
{
	sched_ready_inline(g);
}
#endif

/* Whether a waker would find someone: records of fired waits don't count. */
int
waitq_empty(struct goro_waitq *q)
{
	struct goro_waiter *w;

	for (w = q->head; w; w = w->next)
		if (!w->st->fired)
			return 0;
	return 1;
}
