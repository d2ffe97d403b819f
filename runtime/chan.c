/*
 * Channels, with Go's semantics (select is select.c's). With several CPUs every
 * operation holds the runtime lock (rtlock, rt.h) while it looks at a
 * channel; a blocking one parks with it held, and sched_park releases it.
 *
 * A channel is a ring of elements plus two queues of parked tasks: senders
 * waiting for room or a receiver, receivers waiting for a value. A value
 * goes straight from sender to receiver whenever one is waiting (always so
 * for an unbuffered channel), so the ring is used only when nobody waits.
 * Parked tasks' records live on their stacks (wait.c).
 */
#include <string.h>

#include "rt.h"

/* Element i (i < cap) of the ring. By a compare, not %: head + i is under
 * twice cap, and Cortex-M0 has no divide (it would link libgcc's). */
static unsigned char *
slot(struct goro_chan *c, size_t i)
{
	size_t k = c->head + i;

	return c->buf + (k >= c->cap ? k - c->cap : k) * c->elem_size;
}

/* Copy one element: small sizes inline (a constant-size memcpy compiles to
 * a load and a store, unaligned-safe), others through memcpy. NULL from:
 * the zero value. NULL to: dropped. */
static inline void
copy_elem(struct goro_chan *c, void *to, const void *from)
{
	if (to == NULL)
		return;
	if (from == NULL) {
		memset(to, 0, c->elem_size);
		return;
	}
	switch (c->elem_size) {
	case 4:
		memcpy(to, from, 4);
		break;
	case 8:
		memcpy(to, from, 8);
		break;
	case 1:
		*(unsigned char *)to = *(const unsigned char *)from;
		break;
	default:
		memcpy(to, from, c->elem_size);
	}
}

int
goro_chan_init(struct goro_chan *c, void *buf, size_t elem_size, size_t cap)
{
	if (c == NULL || (elem_size > 0 && cap > 0 && buf == NULL))
		return GORO_EINVAL;
	stack_check_shared(c, "channel of goro_chan_init");
	memset(c, 0, sizeof *c);
	/* Zero-size elements (Go's chan struct{}) need no ring: slot() then
	 * lands on the channel itself, and copying 0 bytes touches nothing. */
	c->buf = elem_size == 0 ? (unsigned char *)c : buf;
	c->elem_size = elem_size;
	c->cap = cap;
	return GORO_OK;
}

/* The struct and its ring in one pool block: no malloc, and the pool gets
 * it back on free. */
struct goro_chan *
goro_chan_new(size_t elem_size, size_t cap)
{
	size_t ring, need;
	struct goro_chan *c;
	int order;

	/* Too big for size_t: no block holds it (and no division, which
	 * Cortex-M0 would link libgcc for). */
	if (__builtin_mul_overflow(elem_size, cap, &ring) ||
	    __builtin_add_overflow(ring, sizeof(struct goro_chan), &need))
		return NULL;
	sched_init();
	order = pool_order(need);
	if (order < 0)
		return NULL;
	if ((c = pool_alloc((unsigned)order)) == NULL) {
		sched_reclaim(); /* exited tasks' stacks, idle tasks' unused halves */
		if ((c = pool_alloc((unsigned)order)) == NULL)
			return NULL;
	}
	pool_mark_data(c, (unsigned)order);
	goro_chan_init(c, cap ? (unsigned char *)(c + 1) : NULL, elem_size, cap);
	c->pooled = 1;
	c->order = (unsigned char)order;
	return c;
}

void
goro_chan_free(struct goro_chan *c)
{
	if (c == NULL)
		return;
	/* Ask the pool, not the channel: a freed channel's bytes are the
	 * pool's (poison, with checks=2, or a new owner's). */
	if (pool_kind((uintptr_t)c) != POOL_DATA || !c->pooled) {
		if ((uintptr_t)c - pool_base() < GORO_POOL_SIZE)
			goro_panic("goro_chan_free of a channel at %p that was freed already",
			           (void *)c);
		goro_panic("goro_chan_free of a channel not made by goro_chan_new");
	}
	rt_lock();
	if (!waitq_empty(&c->recvq) || !waitq_empty(&c->sendq)) {
		rt_unlock();
		goro_panic("goro_chan_free of a channel tasks are waiting on");
	}
	c->pooled = 0;
	rt_unlock();
	pool_free(c, c->order);
}

size_t
goro_chan_len(const struct goro_chan *c)
{
	size_t n;

	if (c == NULL)
		return 0;
	rt_lock();
	n = c->len;
	rt_unlock();
	return n;
}

size_t
goro_chan_cap(const struct goro_chan *c)
{
	return c ? c->cap : 0;
}

/* Send to a waiting receiver, or into the ring: 0, GORO_EWOULDBLOCK, or
 * GORO_ECLOSED (the caller panics, after letting go of rtlock). */
static inline __attribute__((always_inline)) int
send_now(struct goro_chan *c, const void *elem)
{
	struct goro_waiter *w;

	if (c->closed)
		return GORO_ECLOSED;
	if ((w = waitq_take_hot(&c->recvq)) != NULL) {
		copy_elem(c, w->elem, elem);
		sched_ready(w->st->g); /* w->result is 0 from wait_init */
		return 0;
	}
	if (c->len < c->cap) {
		copy_elem(c, slot(c, c->len), elem);
		c->len++;
		return 0;
	}
	return GORO_EWOULDBLOCK;
}

/* Receive from the ring or a waiting sender: 0, GORO_ECLOSED, or
 * GORO_EWOULDBLOCK. */
static inline __attribute__((always_inline)) int
recv_now(struct goro_chan *c, void *elem)
{
	struct goro_waiter *w = waitq_take_hot(&c->sendq);

	if (c->len > 0) {
		copy_elem(c, elem, slot(c, 0));
		c->head = c->head + 1 == c->cap ? 0 : c->head + 1;
		c->len--;
		if (w) { /* the ring was full: the sender's value takes the slot */
			copy_elem(c, slot(c, c->len), w->elem);
			c->len++;
		}
	} else if (w) {
		copy_elem(c, elem, w->elem); /* unbuffered: hand over */
	} else if (c->closed) {
		copy_elem(c, elem, NULL);
		return GORO_ECLOSED;
	} else {
		return GORO_EWOULDBLOCK;
	}
	if (w)
		sched_ready(w->st->g); /* w->result is 0 from wait_init */
	return 0;
}

/* send_now and recv_now out of line, for the calls that need not be
 * fast: the try calls and select (and, for chan_send_now, the timers'
 * ticks). The blocking calls inline their own. */
int
chan_send_now(struct goro_chan *c, const void *elem)
{
	return send_now(c, elem);
}

int
chan_recv_now(struct goro_chan *c, void *elem)
{
	return recv_now(c, elem);
}

_Noreturn void
chan_send_closed_panic(const struct goro_chan *c)
{
	goro_panic("send on closed channel %p", (const void *)c);
}

int
goro_chan_trysend(struct goro_chan *c, const void *elem)
{
	int r;

	sched_check_thread("goro_chan_trysend");
	if (c == NULL)
		return GORO_EWOULDBLOCK;
	rt_lock();
	r = chan_send_now(c, elem);
	rt_unlock();
	if (r == GORO_ECLOSED)
		chan_send_closed_panic(c);
	return r;
}

int
goro_chan_tryrecv(struct goro_chan *c, void *elem)
{
	int r;

	sched_check_thread("goro_chan_tryrecv");
	if (c == NULL)
		return GORO_EWOULDBLOCK;
	rt_lock();
	r = chan_recv_now(c, elem);
	rt_unlock();
	return r;
}

/* Park on q until a partner completes the operation (rtlock held: the
 * park lets go of it). Always inline, as sync.c's park_on is: a debugger's
 * backtrace of a parked task shows the channel call it waits in. */
static inline __attribute__((always_inline)) int
wait_on(struct goro_waitq *q, void *elem, const char *reason)
{
	struct goro_wait st = {0};
	struct goro_waiter w;

	waitq_push(q, wait_init(&w, &st, elem, 0));
	sched_park(reason);
	return w.result;
}

/* A send or receive on a nil channel blocks forever, as in Go: it parks
 * with nobody to wake it (the deadlock report names it), and a wake is a
 * runtime bug. The wait reason names it in the panic too. */
#define NIL_SEND "chan send (nil chan)"
#define NIL_RECV "chan receive (nil chan)"

int
goro_chan_send(struct goro_chan *c, const void *elem)
{
	int r;

	sched_check_thread("goro_chan_send");
	rt_lock();
	if (c == NULL) {
		sched_park(NIL_SEND); /* forever */
		goro_panic("woken from %s", NIL_SEND);
	}
	r = send_now(c, elem);
	if (r == 0) {
		rt_unlock();
		return 0;
	}
	if (r == GORO_ECLOSED) {
		rt_unlock();
		chan_send_closed_panic(c);
	}
	if (wait_on(&c->sendq, (void *)elem, "chan send") == GORO_ECLOSED)
		chan_send_closed_panic(c);
	return 0;
}

int
goro_chan_recv(struct goro_chan *c, void *elem)
{
	int r;

	sched_check_thread("goro_chan_recv");
	rt_lock();
	if (c == NULL) {
		sched_park(NIL_RECV);
		goro_panic("woken from %s", NIL_RECV);
	}
	r = recv_now(c, elem);
	if (r != GORO_EWOULDBLOCK) {
		rt_unlock();
		return r;
	}
	return wait_on(&c->recvq, elem, "chan receive");
}

int
goro_chan_close(struct goro_chan *c)
{
	struct goro_waiter *w;

	sched_check_thread("goro_chan_close");
	if (c == NULL)
		goro_panic("close of nil channel");
	rt_lock();
	if (c->closed) {
		rt_unlock();
		goro_panic("close of closed channel %p", (void *)c);
	}
	c->closed = 1;
	/* Receivers get the zero value; senders panic when they run. */
	while ((w = waitq_take(&c->recvq)) != NULL) {
		copy_elem(c, w->elem, NULL);
		w->result = GORO_ECLOSED;
		sched_ready(w->st->g);
	}
	while ((w = waitq_take(&c->sendq)) != NULL) {
		w->result = GORO_ECLOSED;
		sched_ready(w->st->g);
	}
	rt_unlock();
	return 0;
}
