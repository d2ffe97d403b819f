/*
 * Time: the timer heap, sleep, and timers whose expiries arrive on a
 * channel.
 *
 * Every pending deadline is a node in one binary min-heap of fixed size
 * (GORO_MAX_TIMERS). The board's one-shot timer is kept armed for the
 * heap's root and nothing else, so with no deadline pending there is no
 * tick at all. When it fires, its interrupt only sets c->poll; the
 * scheduler runs the due timers at its next chance (a yield, a park, or
 * g0 waking from idle).
 *
 * Only timers_run, on g0's stack, programs the board's timer. A task that
 * adds or removes a deadline runs the heap's code unchecked on its own
 * stack, and the board's (goro_board_timer_set, its clock read and compare
 * set-up) would go deeper than the guard zone allows on the smallest
 * boards; so timer_add and timer_del only set the poll flag when the
 * earliest deadline is no longer the one armed, and the scheduler's next
 * poll arms it. Nothing is lost: a deadline is acted on only at a
 * scheduling point anyway, and g0 looks at the flag, with interrupts
 * masked, before it sleeps. A timeout that has not fired leaves the heap
 * on g0's stack too (timeout_stop): under goro_select's frame the sifts
 * alone would go too deep.
 *
 * A node may sit on a task's stack (a sleep, a select's timeout): the
 * task is parked then, and a parked task's stack does not move. A
 * goro_timer may sit on a running task's stack, pinned or not; if that
 * stack moves, timers_adjust (called by the mover) fixes its heap entry.
 *
 * With several CPUs the heap is under rtlock (timer_add, timer_del,
 * timeout_start and timeout_stop are called with it held), and the board's
 * timer is CPU 0's: a change that moves the earliest deadline has CPU 0
 * look (its poll flag, and a wake from another CPU), and CPU 0 arms the
 * timer.
 */
#include <string.h>

#include "board.h"
#include "rt.h"

/* The heap and its size together: one address for the code to load. */
static struct {
	struct goro_tnode *at[GORO_MAX_TIMERS];
	int n;
} heap;
static volatile uint64_t armed = UINT64_MAX; /* the board timer's deadline; the ISR clears it */
#if GORO_NCPU > 1
static uint64_t asked = UINT64_MAX; /* the deadline CPU 0 was last told of */
#endif

static void
heap_set(int i, struct goro_tnode *t)
{
	heap.at[i] = t;
	t->heapidx = i;
}

/* Move heap.at[i] towards the root while its parent is later; where it
 * ends. The one sift a task's timeout_start runs, under the waiting
 * call's frame: it needs fewer registers than sift_down, so its frame is
 * the smaller (docs/stacks.md). */
static int
sift_up(int i)
{
	struct goro_tnode *t = heap.at[i];

	while (i > 0 && heap.at[(i - 1) / 2]->when > t->when) {
		heap_set(i, heap.at[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	heap_set(i, t);
	return i;
}

/* Move heap.at[i] away from the root while a child is earlier. */
static void
sift_down(int i)
{
	struct goro_tnode *t = heap.at[i];
	int k;

	while ((k = 2 * i + 1) < heap.n) {
		if (k + 1 < heap.n && heap.at[k + 1]->when < heap.at[k]->when)
			k++;
		if (heap.at[k]->when >= t->when)
			break;
		heap_set(i, heap.at[k]);
		i = k;
	}
	heap_set(i, t);
}

/* Keep the board's one-shot timer on the earliest deadline. A deadline
 * the board has already fired for is armed again even if unchanged: a
 * board timer that fired early (before the clock reached the deadline)
 * left nothing armed (goro_timer_isr forgets it). From timers_run only,
 * on g0's stack. */
static void
rearm(void)
{
	uint64_t next = timer_next();

#if GORO_NCPU > 1
	if (mycpu() != &goro_cpus[0]) {
		if (next != asked) {
			asked = next;
			poll_set(&goro_cpus[0], 1);
			board_cpu_wake(0);
		}
		return;
	}
	asked = next;
#endif
	if (next != armed) {
		armed = next;
		goro_board_timer_set(next);
	}
}

/* After timer_add or timer_del: if the earliest deadline is not the one
 * the board's timer holds (or CPU 0 was told of), have CPU 0's scheduler
 * look; its timers_run arms the timer (see the top of this file). */
static void
changed(void)
{
	uint64_t next = timer_next();

#if GORO_NCPU > 1
	if (next != asked) {
		asked = next;
		poll_set(&goro_cpus[0], 1);
		if (mycpu() != &goro_cpus[0])
			board_cpu_wake(0);
	}
#else
	if (next != armed)
		poll_set(mycpu(), 1);
#endif
}

uint64_t
timer_next(void)
{
	return heap.n ? heap.at[0]->when : UINT64_MAX;
}

/* The scheduler's and the mover's way in (rt.h, sched_time): set by the
 * first timer_add, since nothing has a deadline before one. */
static const struct sched_time time_ops = {timers_run, timer_next, timers_adjust};

/* Put t, not in the heap, in it us from now: at now + us, saturating (a
 * deadline past the clock's range never comes). It only sifts up: a
 * timeout's add runs under the waiting call's frame (goro_select's), and
 * sift_up's frame is the small one. */
void
timer_add(struct goro_tnode *t, uint64_t us)
{
	uint64_t now = goro_now_us();

	t->when = us >= UINT64_MAX - 1 - now ? UINT64_MAX - 1 : now + us;
	__atomic_store_n(&sched_time, &time_ops, __ATOMIC_RELEASE);
	if (heap.n == GORO_MAX_TIMERS) {
		rt_unlock();
		goro_panic("too many timers pending (meson option max_timers: %d)",
		           GORO_MAX_TIMERS);
	}
	heap_set(heap.n, t);
	sift_up(heap.n++);
	changed();
}

/* Take heap.at[i] out: the last node takes its place. For timer_del,
 * and for timers_run's node that is done. */
static void
heap_remove(int i)
{
	heap.at[i]->heapidx = -1;
	if (i != --heap.n) {
		heap_set(i, heap.at[heap.n]);
		sift_down(sift_up(i));
	}
	heap.at[heap.n] = NULL; /* no stale pointer into a stack left behind */
}

/* Take t out of the heap; 1 if it was in. */
int
timer_del(struct goro_tnode *t)
{
	int i = t->heapidx;

	if (i < 0)
		return 0;
	rt_assert("timer", i < heap.n && heap.at[i] == t);
	heap_remove(i);
	changed();
	return 1;
}

/* The mover's hook: heap entries inside the moved block move with it. */
void
timers_adjust(uintptr_t lo, uintptr_t hi, uintptr_t delta)
{
	int i;

	for (i = 0; i < heap.n; i++)
		if ((uintptr_t)heap.at[i] - lo < hi - lo)
			heap.at[i] = (struct goro_tnode *)((uintptr_t)heap.at[i] + delta);
}

/*
 * n % d (d > 0) by shift and subtract. A 32-bit MCU has no 64-bit divide,
 * and libgcc's (__udivmoddi4) is 400-700 B; this one runs only for a
 * ticker, and loops only after a stall of a period or more (n >= d).
 */
static uint64_t
mod64(uint64_t n, uint64_t d)
{
	uint64_t m = d;

	while (m <= n >> 1) /* the largest d * 2^k that is <= n */
		m <<= 1;
	for (;;) {
		if (n >= m)
			n -= m;
		if (m == d)
			return n;
		m >>= 1;
	}
}

/* t is due: act on it. 1 if it stays in the heap, for the next tick of
 * a ticker (t->when moved on), 0 if it is done. */
static int
fire(struct goro_tnode *t, uint64_t now)
{
	struct goro_wait *st;
	struct goro_timer *gt;

	if (t->kind == T_WAKE) {
		/* A sleep or a timeout: wake the task unless something else
		 * (a channel, a post) did first. */
		struct timeout *to = (struct timeout *)t;
		st = to->st;
		if (!st->fired) {
			st->fired = 1;
			st->idx = -1;
			sched_ready(to->g);
		}
		return 0;
	}
	gt = (struct goro_timer *)t;
	chan_send_now(&gt->c, &now); /* a full channel drops the tick */
	if (gt->period) {
		/* Next tick on the period's grid, after now: ticks missed in a
		 * stall are skipped in one step, not one period a turn. The
		 * grid point at or before now is now less how late it is (modulo
		 * the period), so the next is step after now. */
		uint64_t step = gt->period - mod64(now - t->when, gt->period);
		if (step > UINT64_MAX - 1 - now)
			return 0; /* the next tick is past the clock's range */
		t->when = now + step;
		return 1;
	}
	return 0;
}

void
timers_run(struct cpu *c)
{
	uint64_t now;

	(void)c;
	rt_lock();
	if (heap.n == 0) {
		rt_unlock();
		return;
	}
	now = goro_now_us();
	/* rearm arms the timer for the root that is left. */
	while (heap.n && heap.at[0]->when <= now) {
		if (fire(heap.at[0], now))
			sift_down(0); /* a ticker's next tick */
		else
			heap_remove(0);
	}
	rearm();
	rt_unlock();
}

/* From the board's timer interrupt: have the scheduler look. The board's
 * one-shot is spent, so nothing is armed until rearm says so again. */
void
goro_timer_isr(void)
{
	armed = UINT64_MAX;
	poll_set(mycpu(), 1);
}

uint64_t
goro_now_us(void)
{
	return goro_board_now_us();
}

/* A timeout for the running task's wait st, us from now (none if
 * UINT64_MAX). The caller parks, then calls timeout_stop. */
void
timeout_start(struct timeout *to, struct goro_wait *st, uint64_t us)
{
	to->node.heapidx = -1;
	if (us == UINT64_MAX)
		return;
	to->node.kind = T_WAKE;
	to->st = st;
	to->g = mycpu()->curg;
	timer_add(&to->node, us);
}

static void
stop_g0(void *to)
{
	timer_del(&((struct timeout *)to)->node);
}

/* A timeout that has not fired leaves the heap on g0's stack: its sifts
 * under the waiting call's frame (goro_select's 112 B on the micro:bit)
 * would go deeper than the guard zone allows an unchecked call
 * (docs/stacks.md). One that fired has left it already. */
void
timeout_stop(struct timeout *to)
{
	if (to->node.heapidx >= 0)
		goro_systemstack(stop_g0, to);
}

void
goro_sleep_us(uint64_t us)
{
	struct goro_wait st; /* only the timeout fires it: fired is all it needs */
	struct timeout to;

	st.fired = 0;
	sched_check_thread("goro_sleep_us");
	if (us == 0) {
		goro_yield();
		return;
	}
	rt_lock();
	timeout_start(&to, &st, us);
	sched_park("sleep");
	rt_lock();
	timeout_stop(&to);
	rt_unlock();
}

void
goro_timer_start(struct goro_timer *t, uint64_t after_us, uint64_t period_us)
{
	sched_check_thread("goro_timer_start");
	stack_check_shared(t, "timer of goro_timer_start");
	rt_lock();
	if (t->c.buf != (unsigned char *)&t->slot) { /* first start: t is zeroed */
		goro_chan_init(&t->c, &t->slot, sizeof t->slot, 1);
		t->node.heapidx = -1;
		t->node.kind = T_CHAN;
	} else {
		timer_del(&t->node); /* started again: out, and in at its new time */
	}
	t->period = period_us;
	timer_add(&t->node, after_us);
	rt_unlock();
}

int
goro_timer_stop(struct goro_timer *t)
{
	int r;

	sched_check_thread("goro_timer_stop");
	rt_lock();
	r = t->c.buf == (unsigned char *)&t->slot ? timer_del(&t->node) : 0; /* 0: never started */
	rt_unlock();
	return r;
}

struct goro_chan *
goro_timer_chan(struct goro_timer *t)
{
	return &t->c;
}
