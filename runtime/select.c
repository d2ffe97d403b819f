/*
 * Select, with Go's semantics: of the cases that can proceed, one at
 * random; else, unless the timeout is 0, wait on them all at once. Apart
 * from chan.c so that a program without select (or a timed wait) links
 * neither it nor, through its timeout, the timers and the board's clock.
 */
#include "rt.h"

/* xorshift32: cheap, and good enough to pick among select's cases. */
static uint32_t
fastrand(struct cpu *c)
{
	uint32_t x = c->rng ? c->rng : 0x9E3779B9u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	c->rng = x;
	return x;
}

#define SELECT_MAX 64

/* True with chance 1/k, for 1 <= k <= SELECT_MAX: a random word's top 24
 * bits scaled into 0..k-1 are 0 for ceil(2^24 / k) of the 2^24 values,
 * 1/k to within 2^-18. No division: Cortex-M0 has none, and select's
 * would link libgcc's (276 B). */
static int
one_in(struct cpu *c, uint32_t k)
{
	return ((fastrand(c) >> 8) * k) >> 24 == 0;
}
_Static_assert(SELECT_MAX <= 256, "one_in: (2^24 - 1) * SELECT_MAX fits 32 bits");

/* Could this case proceed now? (A send on a closed channel "can": doing
 * it panics, as in Go.) */
static int
case_ready(struct goro_case *cs)
{
	struct goro_chan *ch = cs->chan;

	if (ch == NULL)
		return 0;
	if (ch->closed)
		return 1;
	if (cs->dir == GORO_SEND)
		return ch->len < ch->cap || !waitq_empty(&ch->recvq);
	return ch->len > 0 || !waitq_empty(&ch->sendq);
}

int
goro_select(struct goro_case *cases, size_t n, int64_t timeout_us)
{
	struct cpu *c = mycpu();
	struct goro_wait st = {0};
	struct timeout to;
	size_t i, k;
	int pick, r;

	sched_check_thread("goro_select");
	if (n > SELECT_MAX || (n > 0 && cases == NULL))
		return GORO_EINVAL;

	/* Pass 1: among the cases ready now, pick one uniformly (reservoir
	 * sampling: the k-th ready case replaces the pick with chance 1/k),
	 * then do it. No case can starve another. A case whose dir is
	 * neither GORO_RECV nor GORO_SEND makes the select GORO_EINVAL, found
	 * here before any case is done. */
	pick = -1;
	rt_lock();
	for (i = 0, k = 0; i < n; i++) {
		if (cases[i].chan && cases[i].dir != GORO_RECV && cases[i].dir != GORO_SEND) {
			rt_unlock();
			return GORO_EINVAL;
		}
		if (case_ready(&cases[i]) && one_in(c, (uint32_t)++k))
			pick = (int)i;
	}
	if (pick >= 0) {
		struct goro_case *cs = &cases[pick];
		r = cs->dir == GORO_SEND ? chan_send_now(cs->chan, cs->elem)
		                         : chan_recv_now(cs->chan, cs->elem);
		rt_unlock();
		goto done;
	}
	if (timeout_us == 0) {
		rt_unlock();
		return GORO_EWOULDBLOCK;
	}

	/* Pass 2: wait on every case, and on the timeout. */
	for (i = 0; i < n; i++) {
		if (cases[i].chan) {
			waitq_join(cases[i].dir == GORO_SEND ? &cases[i].chan->sendq
			                                     : &cases[i].chan->recvq,
			           &cases[i].w, &st, cases[i].elem);
			cases[i].w.idx = (short)i; /* what st.idx says if this case fires */
		}
	}
	timeout_start(&to, &st, timeout_us < 0 ? UINT64_MAX : (uint64_t)timeout_us);
	sched_park("select");
	rt_lock();
	timeout_stop(&to);

	/* Pass 3: the case that fired has been done by its waker; take the
	 * others off their queues. The records stay in the caller's frame but
	 * st dies with this one: no pointer to it is left behind (after a
	 * move it would point into a block another task may own). */
	for (i = 0; i < n; i++) {
		if (cases[i].chan)
			waitq_remove(&cases[i].w);
		cases[i].w.st = NULL;
	}
	rt_unlock();
	if (st.idx < 0)
		return GORO_ETIMEDOUT;
	pick = st.idx;
	r = cases[pick].w.result;

	/* The case done, by pass 1 or by its waker: r is what the operation
	 * gave. A send on a closed channel panics, as in Go. */
done:
	if (cases[pick].dir == GORO_SEND) {
		if (r == GORO_ECLOSED)
			chan_send_closed_panic(cases[pick].chan);
	} else {
		cases[pick].ok = r == 0;
	}
	return pick;
}
