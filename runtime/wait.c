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

struct goro_waiter *
wait_init(struct goro_waiter *w, struct goro_wait *st, void *elem, int idx)
{
	w->next = w->prev = NULL;
	w->q = NULL;
	st->g = mycpu()->curg;
	w->elem = elem;
	w->st = st;
	w->idx = (short)idx;
	w->result = 0;
	return w;
}

void
waitq_push(struct goro_waitq *q, struct goro_waiter *w)
{
	w->q = q;
	w->next = NULL;
	w->prev = q->tail;
	if (q->tail)
		q->tail->next = w;
	else
		q->head = w;
	q->tail = w;
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

/* The first record whose wait has not fired, unlinked, its wait fired.
 * The caller completes the operation and readies w->st->g. */
struct goro_waiter *
waitq_take(struct goro_waitq *q)
{
	struct goro_waiter *w;

	while ((w = q->head) != NULL) {
		/* Unlink the head: the one case of waitq_remove a waker needs. */
		q->head = w->next;
		if (q->head)
			q->head->prev = NULL;
		else
			q->tail = NULL;
		w->next = NULL;
		w->q = NULL;
		if (w->st->fired)
			continue; /* a select another case already woke */
		w->st->fired = 1;
		w->st->idx = w->idx;
		return w;
	}
	return NULL;
}

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
