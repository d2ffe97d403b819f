/*
 * Task stacks: setup, the canary, growth by contiguous copying, shrinking,
 * pinning, and running code on g0's stack.
 *
 * A task starts on a small block from the pool. When the stack check (see
 * check.c) finds sp inside the guard zone at the block's low
 * end, the task calls goro_morestack, which saves its registers on its own
 * stack, moves to g0's stack and calls newstack_g0. There the stack moves:
 *
 *   allocate  a block at least twice the size from the pool;
 *   delta     the distance between the two blocks' high ends;
 *   copy      the live part [sp, hi) to the same distance from the new top,
 *             adjusting on the way every word whose value lies in the old
 *             block [lo, hi]: saved registers, frame pointers, pointers to
 *             locals, va_lists, jmp_bufs (a conservative scan: C has no
 *             stack maps, so any word that looks like a pointer into the
 *             old stack is taken for one);
 *   records   the runtime's own pointers into the stack (g->sp, and timer
 *             heap entries; wait records never need it: a task with any is
 *             parked, and a parked task's stack does not move), each
 *             adjusted precisely;
 *   swap      the task's block, canary and check limit;
 *   free      the old block, poisoned, back to the pool;
 *
 * and the task resumes on the new block. docs/stacks.md says what C code
 * may and may not do for this to be safe.
 *
 * Shrinking needs no copy: the live part of a mostly idle stack sits in
 * the high half of its block, which is itself a buddy block, so the low
 * half goes back to the pool and the task keeps its addresses.
 */
#include <string.h>

#include "rt.h"
#include "san.h"
#include "sp.h"

_Static_assert(GORO_STACK_GUARD % sizeof(uintptr_t) == 0, "guard must be whole words");
_Static_assert(GORO_STACK_GUARD + 64 <= GORO_MIN_BLOCK,
               "the smallest stack must hold the guard zone and a first frame");
_Static_assert(GORO_STACK_GUARD >= GORO_FRAME_MAX + 64,
               "the guard zone must hold the largest frame and the check's slow path");
_Static_assert(offsetof(struct cpu, stackguard) == 0, "the check reads the limit at offset 0");

/* A task whose stack stayed under a quarter used at this many yields in a
 * row gives back half. One quiet yield says little (a task may yield at
 * the top of a loop whose body runs deep); eight in a row say the depth is
 * not coming back soon. Each yield pays one compare for this. */
#define SHRINK_QUIET 8

static const char *
gname(const struct g *g)
{
	return g->name ? g->name : "?";
}

static unsigned long
block_bytes(unsigned order)
{
	return (unsigned long)pool_block_size(order);
}

/* A new task's stack: canary at the low end, paint below the first frame
 * (GORO_PAINT), limits and counters. */
void
stack_init(struct g *g, unsigned order, size_t max_stack)
{
	static int default_maxorder = -2; /* pool_order(GORO_MAX_STACK), once */
	int maxorder;

	if (max_stack != GORO_MAX_STACK)
		maxorder = pool_order(max_stack);
	else if (default_maxorder != -2)
		maxorder = default_maxorder;
	else
		maxorder = default_maxorder = pool_order(max_stack);

	if (maxorder < 0)
		maxorder = (int)pool_max_order();
	if (maxorder < (int)order)
		maxorder = (int)order;
	g->order = (uint8_t)order;
	g->minorder = (uint8_t)order;
	g->maxorder = (uint8_t)maxorder;
	g->hwm = 0;
	g->pins = 0;
	g->quiet = 0;
	g->grows = 0;
	g->shrinks = 0;
#if GORO_PAINT
	for (uintptr_t *w = (uintptr_t *)g->lo; w < (uintptr_t *)stack_hi(g); w++)
		*w = STACK_PAINT;
#endif
	*(uintptr_t *)g->lo = STACK_CANARY;
}

/* stack_check's slow path (rt.h): the canary is broken. */
void
stack_canary_panic(struct g *g)
{
	goro_panic("stack canary at %p overwritten: goroutine %d (%s) overran its %lu-byte stack",
	           (void *)g->lo, g->id, gname(g), block_bytes(g->order));
}

static void
note_use(struct g *g, uintptr_t used)
{
	if (used > g->hwm)
		g->hwm = (uint32_t)used;
}

static uint16_t
count_up(uint16_t n)
{
	return n == UINT16_MAX ? n : (uint16_t)(n + 1);
}

/* Copy [from, end) to `to`, adding delta to every word that points into
 * the old block [lo, lo + span]. One pass: each word is read once; four at
 * a time, since this loop is most of a move's cost. ASan is kept out: the
 * old block is read as raw memory. */
#define ADJUST(i)                                                                                  \
	do {                                                                                       \
		uintptr_t v_ = from[i];                                                            \
		to[i] = v_ - lo <= span ? v_ + delta : v_;                                         \
	} while (0)

__attribute__((no_sanitize_address)) static void
copy_adjust(const uintptr_t *from, const uintptr_t *end, uintptr_t *to, uintptr_t lo,
            uintptr_t span, uintptr_t delta)
{
	for (; end - from >= 4; from += 4, to += 4) {
		ADJUST(0);
		ADJUST(1);
		ADJUST(2);
		ADJUST(3);
	}
	for (; from < end; from++, to++)
		ADJUST(0);
}

static void (*move_hook)(int end, size_t bytes);

void
goro_debug_on_move(void (*hook)(int end, size_t bytes))
{
	move_hook = hook;
}

/* Move g's stack to a new block of the given order. On g0 only; g is
 * suspended (its registers saved at g->sp). Returns -1, changing nothing,
 * if the pool has no such block. */
static int
copystack_g0(struct g *g, unsigned order)
{
	uintptr_t oldlo = g->lo, oldhi = stack_hi(g), sp = g->sp;
	unsigned oldorder = g->order;
	uintptr_t newlo, newhi, delta;

	/* Allocate. */
	newlo = (uintptr_t)pool_alloc(order);
	if (newlo == 0)
		return -1;
	if (move_hook)
		move_hook(0, oldhi - sp);
	newhi = newlo + pool_block_size(order);

	/* Compute the delta: the live part keeps its distance from the top. */
	delta = newhi - oldhi;

	/* Copy and adjust the words of the live part. */
	san_stack_readable(sp, oldhi);
	copy_adjust((const uintptr_t *)sp, (const uintptr_t *)oldhi, (uintptr_t *)(sp + delta),
	            oldlo, oldhi - oldlo, delta);

	/* Adjust the runtime's records that point into the stack: the saved
	 * sp, and timers kept on it. (Wait records never need it: a task with
	 * any is parked, and a parked task's stack does not move.) */
	g->sp = sp + delta;
	timers_adjust(oldlo, oldhi, delta);

	/* Swap: the task owns the new block from here on. */
	san_stack_free(g);
	g->lo = newlo;
	g->order = (uint8_t)order;
	g->flags &= (uint8_t)~G_PAINT_STALE; /* painted below */
#if GORO_PAINT
	for (uintptr_t *w = (uintptr_t *)newlo; w < (uintptr_t *)g->sp; w++)
		*w = STACK_PAINT;
#endif
	*(uintptr_t *)newlo = STACK_CANARY;
	san_stack_new(g);

	/* Free the old block (pool_free poisons it when checks >= 2). */
	pool_free((void *)oldlo, oldorder);
	trace_move(g, oldhi - sp);
	if (move_hook)
		move_hook(1, oldhi - sp);
	return 0;
}

#if GORO_CHECKS >= 2
static size_t min_headroom = (size_t)-1;
#endif

/* How much of the guard zone the task left unused before the check fired:
 * on a painted stack, the paint between the canary and the deepest write. */
static void
note_headroom(const struct g *g)
{
#if GORO_CHECKS >= 2
	const uintptr_t *w = (const uintptr_t *)g->lo + 1;

	if (g->flags & G_PAINT_STALE)
		return; /* the low end held frames before a shrink, not paint */
	while (w < (const uintptr_t *)g->sp && san_peek(w) == STACK_PAINT)
		w++;
	if ((uintptr_t)w - g->lo - sizeof(uintptr_t) < min_headroom)
		min_headroom = (uintptr_t)w - g->lo - sizeof(uintptr_t);
#else
	(void)g;
#endif
}

size_t
goro_debug_min_headroom(void)
{
#if GORO_CHECKS >= 2
	return min_headroom;
#else
	return (size_t)-1;
#endif
}

/* Grow g's block in place when the blocks below it are free (see
 * pool_grow_down): no copy, no pointer changes. Returns 1 if it did. */
static int
growdown_g0(struct g *g, unsigned order)
{
	void *lo = (void *)g->lo;

	if (!pool_grow_down(&lo, g->order, order))
		return 0;
	san_stack_unregister(g);
	g->lo = (uintptr_t)lo;
	g->order = (uint8_t)order;
	san_block_free(g->lo, g->sp - g->lo); /* all below sp is dead: plain memory */
#if GORO_PAINT
	for (uintptr_t *w = (uintptr_t *)g->lo; w < (uintptr_t *)g->sp; w++)
		*w = STACK_PAINT;
	g->flags &= (uint8_t)~G_PAINT_STALE; /* the whole dead part is paint now */
#endif
	*(uintptr_t *)g->lo = STACK_CANARY;
	san_stack_register(g);
	return 1;
}

static void
stack_grow_g0(struct g *g)
{
	uintptr_t used = stack_hi(g) - g->sp;
	unsigned order = g->order + 1u;
	struct goro_pool_info pi;

	note_use(g, used);
	note_headroom(g);
	if (*(const uintptr_t *)g->lo != STACK_CANARY)
		goro_panic("goroutine %d (%s) overran its stack before the check ran: a frame or "
		           "an unchecked call needs more than the %d-byte guard zone",
		           g->id, gname(g), GORO_STACK_GUARD);
	if (g->flags & GORO_FIXED_STACK)
		goro_panic(
		        "goroutine %d (%s) ran out of its fixed %lu-byte stack (%lu bytes in use)",
		        g->id, gname(g), block_bytes(g->order), (unsigned long)used);
	if (g->pins)
		goro_panic("goroutine %d (%s) must grow its %lu-byte stack, but it is pinned",
		           g->id, gname(g), block_bytes(g->order));
	/* Twice the size, or more until what is in use plus two guard zones
	 * fits: the task must get real room, not one frame's worth. */
	while (pool_block_size(order) < used + 2 * GORO_STACK_GUARD)
		order++;
	if (order > g->maxorder)
		goro_panic("goroutine %d (%s) stack overflow: needs %lu bytes, max %lu", g->id,
		           gname(g), block_bytes(order), block_bytes(g->maxorder));
	if (growdown_g0(g, order) == 0 && copystack_g0(g, order) < 0) {
		/* Ask idle tasks for their unused halves, then try once more. */
		sched_reclaim_g0();
		if (copystack_g0(g, order) < 0) {
			goro_pool_info(&pi);
			goro_panic("goroutine %d (%s) needs a %lu-byte stack but the stack pool "
			           "is exhausted (%lu bytes free, largest block %lu)",
			           g->id, gname(g), block_bytes(order), (unsigned long)pi.free,
			           (unsigned long)pi.largest_free);
		}
	}
	g->grows = count_up(g->grows);
}

/* Called by goro_morestack on g0's stack, with the task's registers saved
 * at curg->sp. Returns where the task's sp is now. */
uintptr_t
newstack_g0(void)
{
	struct cpu *c = mycpu();
	struct g *g = c->curg;
	uintptr_t here = port_sp();
	int req = c->stackreq;

	san_arrive(c, NULL);
	rt_assert("newstack", g != NULL && req != 0);
	/* Stack work runs only on g0: never on the stack being moved. */
	rt_assert("newstack", here < g->lo || here >= stack_hi(g));
	c->stackreq = 0;
	if (req == STACK_GROW) {
		stack_grow_g0(g);
	} else if (req == STACK_MOVE) {
		/* Debug: same size, another block. No block free is no move. */
		if (copystack_g0(g, g->order) == 0)
			g->grows = count_up(g->grows);
	}
	stack_set_guard(c, g);
	san_leave(c, NULL, g, 0);
	return g->sp;
}

/* On the running task's stack: have g0 move it (req: STACK_*). */
void
stack_morestack(struct cpu *c, struct g *g, int req)
{
	c->stackreq = (uint8_t)req;
	san_leave(c, g, NULL, 0);
	goro_morestack(&g->sp, c->g0sp);
	san_arrive(c, g);
}

/*
 * Give back the low half of g's block if the live part, and a guard zone
 * with as much room again above it, fits in the high half. No copy: the
 * high half is a buddy block of its own, so the task keeps every address.
 * Never below the size the task was spawned with; not for fixed or pinned
 * stacks (a pinned one could not grow back). On g0 only. Returns 1 if it
 * shrank.
 */
int
stack_shrink_g0(struct g *g)
{
	uintptr_t half = pool_block_size(g->order) / 2;
	uintptr_t used = stack_hi(g) - g->sp; /* see stack_yield_point */

	if (g->order <= g->minorder || g->pins || (g->flags & GORO_FIXED_STACK) ||
	    2 * used + GORO_STACK_GUARD > half)
		return 0;
	san_stack_unregister(g);
	san_block_free(g->lo, half);
	pool_free((void *)g->lo, g->order - 1u); /* the low half */
	g->lo += half;
	g->order--;
	/* The new canary lands where deep frames once were: plain memory. */
	san_block_free(g->lo, sizeof(uintptr_t));
	*(uintptr_t *)g->lo = STACK_CANARY;
	san_stack_register(g);
	g->flags |= G_PAINT_STALE;
	g->shrinks = count_up(g->shrinks);
	return 1;
}

static void
shrink_self_g0(void *arg)
{
	struct g *g = arg;
	struct cpu *c = mycpu();

	if (stack_shrink_g0(g))
		c->stackguard = g->lo + GORO_STACK_GUARD; /* read again on return */
}

/*
 * At a yield, on the yielding task's stack (grown tasks only; the caller
 * tests g->order != g->minorder). Counts quiet yields and, after
 * SHRINK_QUIET of them in a row, has g0 give back half the block. The
 * running task's sp is recorded in g->sp for stack_shrink_g0: the task
 * does not run again until after the switch that overwrites it.
 */
void
stack_yield_point(struct cpu *c, struct g *g)
{
	uintptr_t sp = port_sp(), size = pool_block_size(g->order);

	if ((stack_hi(g) - sp) * 4 >= size) {
		g->quiet = 0;
		return;
	}
	if (++g->quiet < SHRINK_QUIET)
		return;
	g->quiet = 0;
	g->sp = sp;
	goro_systemstack(shrink_self_g0, g);
	stack_set_guard(c, g);
}

int
goro_stack_pin(void)
{
	struct g *g = mycpu()->curg;

	if (g == NULL)
		return GORO_EPERM;
	if (g->pins == UINT8_MAX)
		goro_panic("goroutine %d (%s): goro_stack_pin nested too deep", g->id, gname(g));
	g->pins++;
	return GORO_OK;
}

int
goro_stack_unpin(void)
{
	struct g *g = mycpu()->curg;

	if (g == NULL)
		return GORO_EPERM;
	if (g->pins == 0)
		return GORO_EINVAL;
	g->pins--;
	return GORO_OK;
}

/* The g0 side of goro_systemstack: tells the checkers about both halves
 * of the round trip, since each must be announced on the stack it starts
 * from and confirmed on the one it lands on. */
struct syscall_g0 {
	void (*fn)(void *);
	void *arg;
	struct g *g;
};

static void
systemstack_g0(void *arg)
{
	struct syscall_g0 *s = arg;
	struct cpu *c = mycpu();

	san_arrive(c, NULL);
	s->fn(s->arg);
	san_leave(c, NULL, s->g, 0);
}

void
goro_systemstack(void (*fn)(void *), void *arg)
{
	struct cpu *c = mycpu();
	struct g *g = c->curg;
	uintptr_t sp = port_sp();
	struct syscall_g0 s = {fn, arg, g};

	if (g == NULL || sp < g->lo || sp >= stack_hi(g)) {
		fn(arg); /* on g0 already, or in an interrupt handler */
		return;
	}
	c->curg = NULL;
	c->insys = g;
	c->stackguard = 0;
	san_leave(c, g, NULL, 0);
	goro_port_on_g0(systemstack_g0, &s, c->g0sp);
	san_arrive(c, g);
	c->insys = NULL;
	c->curg = g;
	stack_set_guard(c, g);
}

int
goro_debug_move_every(unsigned n)
{
#if GORO_CHECKS >= 2
	struct cpu *c = mycpu();

	c->move_every = n;
	c->move_count = 0;
	stack_set_guard(c, c->curg);
	return GORO_OK;
#else
	(void)n;
	return GORO_EPERM;
#endif
}

/* Bytes in use from the top of a painted stack: the lowest word that is no
 * longer paint marks the deepest point reached on this block. */
static size_t
stack_painted_use(const struct g *g)
{
#if GORO_PAINT
	const uintptr_t *w = (const uintptr_t *)g->lo + 1; /* skip the canary */
	const uintptr_t *hi = (const uintptr_t *)stack_hi(g);

	while (w < hi && san_peek(w) == STACK_PAINT)
		w++;
	return (size_t)((uintptr_t)hi - (uintptr_t)w);
#else
	(void)g;
	return 0;
#endif
}

int
goro_stack_info(int id, struct goro_stack_info *out)
{
	struct g *g = sched_find(id);
	uintptr_t sp;
	size_t painted;

	if (out == NULL)
		return GORO_EINVAL;
	if (g == NULL)
		return GORO_ENOENT;
	sp = g == mycpu()->curg ? port_sp() : g->sp;
	out->lo = g->lo;
	out->hi = stack_hi(g);
	out->size = pool_block_size(g->order);
	out->used = out->hi - sp;
	note_use(g, out->used);
	painted = stack_painted_use(g);
	out->high_water = g->hwm > painted ? g->hwm : painted;
	if (out->used > out->high_water)
		out->high_water = out->used;
	out->max = pool_block_size(g->maxorder);
	out->grows = g->grows;
	out->shrinks = g->shrinks;
	out->pinned = g->pins;
	out->fixed = (g->flags & GORO_FIXED_STACK) != 0;
	return GORO_OK;
}
