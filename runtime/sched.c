/*
 * The scheduler: task table, run queue, spawn, yield, exit, and the g0 loop.
 *
 * Switch paths (docs/design.md has the picture):
 *   yield, queue not empty:  task -> next task directly (one switch);
 *   yield, queue empty:      returns at once, nobody else can run;
 *   exit:                    task -> next task directly, leaving itself on
 *                            the dead list (a task cannot free the stack
 *                            it stands on); g0 gives dead tasks' stacks and
 *                            slots back whenever it runs, and a spawn may
 *                            take one over as it is; with nothing to run,
 *                            task -> g0;
 *   goro_run:                g0 -> first task; back on g0 when nothing
 *                            else is runnable;
 *   stack check failed:      task -> g0's stack and back, on a new block
 *                            (goro_morestack, stack.c);
 *   goro_systemstack:        task -> g0's stack and back (stack.c).
 *
 * With several CPUs (GORO_NCPU > 1) each CPU runs this same loop on its own
 * g0, with its own run queue; a CPU with nothing to run steals half of
 * another's queue, and sleeps only when every queue is empty. A task made
 * runnable joins the waker's queue, and an idle CPU is woken to steal it.
 * Between putting a task on a queue and its registers being saved, the task
 * is still on its CPU (g->oncpu): whoever takes it waits for the switch to
 * finish, which the next context on the old CPU reports (switch_done).
 * docs/design.md has the locks and the idle protocol.
 */
#include <stdio.h>
#include <string.h>

#include "board.h"
#include "frame.h" /* asm/<arch>/: goro_port_init_frame */
#include "rt.h"
#include "san.h"
#include "sp.h"

#if GORO_NCPU > 1
struct cpu goro_cpus[GORO_NCPU] __attribute__((aligned(64)));
#else
struct cpu goro_cpus[GORO_NCPU];
#endif
/* The stack check reads the running task's limit by this name (check.c,
 * tools/goro-check): struct cpu's first word, on the one CPU there is. An
 * assembler alias, so that no compiler (nor ASan, which would fence an
 * 8-byte object inside goro_cpus) takes it for an object of its own. With
 * several CPUs the check finds its CPU's (runtime/port.h). */
__asm__(".globl goro_stackguard\n\t.set goro_stackguard, goro_cpus");

/* The ways to time and to posts from interrupt handlers (rt.h): NULL until
 * time.c or sync.c sets them. Defined here, not there, so that the
 * scheduler's reading of them links neither, nor the board's clock that
 * time.c would bring. */
const struct sched_time *sched_time;
void (*sched_isr_posts)(struct cpu *c);

#if GORO_NCPU > 1
spinlock_t goro_rtlock;
#ifndef PORT_CPU_PTR
uintptr_t goro_stackguards[GORO_NCPU];
#endif
static unsigned nidle;     /* CPUs asleep in idle, or about to be (rtlock) */
static atomic_int running; /* CPU 0 is in goro_run: the others may run tasks */
static atomic_int started; /* the other CPUs have been started */

/* Spins before a wait sleeps (spinlock_t, rt.h). */
#define SPIN_TRIES 200

void
spin_lock(spinlock_t *l)
{
	unsigned n = 0;

	while (atomic_exchange_explicit(&l->v, 1, memory_order_acquire))
		while (atomic_load_explicit(&l->v, memory_order_relaxed)) {
			if (++n < SPIN_TRIES)
				port_relax();
			else
				spin_sleep(&l->sleepers, &l->v);
		}
}

void
spin_lock_irq(spinlock_t *l)
{
	while (atomic_exchange_explicit(&l->v, 1, memory_order_acquire))
		while (atomic_load_explicit(&l->v, memory_order_relaxed))
			port_relax();
}

/* Sleep until woken, unless *busy is 0 by the time this CPU's bit is in
 * *sleepers. A wake may come for another reason: callers look again.
 * Interrupts are masked from before the bit goes in until the sleep: a
 * wake that came between the last look and the sleep would otherwise be
 * taken, and its signal cleared, by the wake interrupt's handler (RISC-V
 * MSIP), and the CPU would sleep with nothing pending. Masked, it stays
 * pending and ends the sleep at once (port_idle, as goro_board_idle in
 * board.h). The port's own sleep, not the application's goro_board_idle:
 * this is a wait for a lock, often on a task's stack, not a CPU with no
 * task to run, and a replacement's frames there would be held to no
 * guard zone. */
void
spin_sleep(atomic_uint *sleepers, atomic_uint *busy)
{
	unsigned long irq = port_irq_save();

	atomic_fetch_or_explicit(sleepers, 1u << mycpu()->id, memory_order_seq_cst);
	if (atomic_load_explicit(busy, memory_order_seq_cst) != 0)
		port_idle();
	port_irq_restore(irq);
}

void
spin_wake(atomic_uint *sleepers)
{
	unsigned m = atomic_exchange_explicit(sleepers, 0, memory_order_seq_cst);
	int i;

	for (i = 0; m != 0; i++, m >>= 1)
		if (m & 1)
			board_cpu_wake(i);
}
#endif

static struct g allg[GORO_MAX_TASKS];
static struct g *gfree; /* free slots, linked through next */
static int ready;       /* table and pool initialised */
/* g->head (rt.h), a task's status and stack orders, a byte each, in
 * g's order (the asserts), as one word. */
union head {
	struct {
		uint8_t status, order, minorder, maxorder;
	} f;
	uint32_t w;
};
_Static_assert(offsetof(struct g, status) == offsetof(struct g, head) &&
                       offsetof(struct g, order) == offsetof(struct g, head) + 1 &&
                       offsetof(struct g, minorder) == offsetof(struct g, head) + 2 &&
                       offsetof(struct g, maxorder) == offsetof(struct g, head) + 3,
               "g->head's bytes");

/* A plain spawn's head, worked out once (sched_init) and stored in one
 * go. Its order is NO_ORDER until sched_init has run, and after it if the
 * pool has no block of GORO_DEFAULT_STACK: a plain spawn's one test of it
 * also tells whether to initialise. */
#define NO_ORDER 0xFFu
static union head dflt = {{G_READY, NO_ORDER, NO_ORDER, 0}};

/* g->head of a new task with these stack orders: status, order, minorder,
 * maxorder, from the low byte up (shifts and ors are a third of the code
 * that four byte inserts into a union are, on Thumb). */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "make_head's byte order");
static inline uint32_t
make_head(unsigned order, unsigned maxorder)
{
	return G_READY | (order & 0xFFu) * 0x10100u | (maxorder & 0xFFu) << 24;
}

/* Referred to by sched_init, so that a link with --gc-sections
 * (picolibc's) keeps it. */
const struct goro_debug goro_debug = {
        .version = GORO_VERSION,
        .max_tasks = GORO_MAX_TASKS,
        .ncpu = GORO_NCPU,
        .tasks = allg,
        .cpus = goro_cpus,
        .min_block = GORO_MIN_BLOCK,
        .canary = STACK_CANARY,
        .paint = GORO_PAINT ? STACK_PAINT : 0,
        .g_free = G_FREE,
        .g_ready = G_READY,
        .g_waiting = G_WAITING,
        .g_dead = G_DEAD,
#if GORO_TRACE
        .trace = &goro_trace_ring,
#endif
};

/* goro_port_init_frame's contract (port.h): a block's top is 16-byte
 * aligned, since the pool's memory is and every block is a multiple of
 * the smallest. */
_Static_assert(GORO_MIN_BLOCK % 16 == 0, "the smallest stack block must be a multiple of 16");
_Static_assert(GORO_MAX_TASKS > 0 && GORO_MAX_TASKS < (1 << 24), "bad task table size");

/* The one owner of initialisation: every entry point that needs the table
 * or the pool (spawn, goro_run, goro_chan_new, goro_pool_info) calls it,
 * and only the first call does anything. */
void
sched_init(void)
{
	int i;

	if (ready)
		return;
	__asm__ volatile("" : : "r"(&goro_debug)); /* keep it (see above) */
#if GORO_NCPU > 1
	for (i = 0; i < GORO_NCPU; i++)
		goro_cpus[i].id = i;
#endif
	pool_init();
	i = pool_order(GORO_DEFAULT_STACK);
	if (i >= 0)
		dflt.w = make_head((unsigned)i, stack_maxorder(GORO_MAX_STACK, (unsigned)i));
	gfree = NULL;
	for (i = GORO_MAX_TASKS - 1; i >= 0; i--) {
		allg[i].id = i + 1;
		allg[i].status = G_FREE;
		allg[i].next = gfree;
		gfree = &allg[i];
	}
	ready = 1;
}

#if GORO_NCPU == 1
/* The run queue's ring (rt.h): the task to run next, which stays on the
 * ring as the running task. */
static inline struct g *
runq_next(struct cpu *c)
{
	return c->runqtail ? c->runqtail->next : NULL;
}

/* The running task gp leaves the ring: it parks or exits. */
static inline void
runq_leave(struct cpu *c, struct g *gp)
{
	if (gp->next == gp)
		c->runqtail = NULL;
	else
		c->runqtail->next = gp->next;
}
#else
/* The run queue's FIFO (rt.h): its head leaves it. */
static struct g *
runq_get(struct cpu *c)
{
	struct g *g = c->runqhead;

	if (g) {
		c->runqhead = g->next;
		if (c->runqhead == NULL)
			c->runqtail = NULL;
		c->runqsize--;
	}
	return g;
}
#endif

#if GORO_NCPU > 1
/* Take c's next task, under its lock. */
static struct g *
runq_take(struct cpu *c)
{
	struct g *g;

	runq_lock(c);
	g = runq_get(c);
	runq_unlock(c);
	return g;
}

/* Before switching to g: wait until the CPU it last ran on has saved its
 * registers (oncpu cleared), then claim it. No lock is held here. */
static atomic_uint handoff_sleepers; /* CPUs asleep in claim */

static inline void
claim(struct cpu *c, struct g *g)
{
	unsigned n = 0;

	while (atomic_load_explicit(&g->oncpu, memory_order_acquire)) {
		if (++n < SPIN_TRIES)
			port_relax();
		else
			spin_sleep(&handoff_sleepers, &g->oncpu);
	}
	atomic_store_explicit(&g->oncpu, 1, memory_order_relaxed);
	g->cpu = (uint8_t)c->id;
}

/* After a switch, in the context that runs next: the task switched away
 * from is off this CPU now. c is this CPU's (mycpu() again: the arriving
 * task may have left another CPU). */
static inline void
switch_done(struct cpu *c)
{
	struct g *prev = c->prevg;

	if (prev) {
		c->prevg = NULL;
		atomic_store_explicit(&prev->oncpu, 0, memory_order_seq_cst);
		if (atomic_load_explicit(&handoff_sleepers, memory_order_seq_cst))
			spin_wake(&handoff_sleepers);
	}
}

/* Under rtlock: wake one idle CPU, for it to steal (or, if to is not
 * NULL, that CPU if it is idle). */
static void
wake_idle(struct cpu *to)
{
	int i;

	if (nidle == 0 || !running)
		return;
	for (i = 0; i < GORO_NCPU && to == NULL; i++)
		if (goro_cpus[i].idle)
			to = &goro_cpus[i];
	if (to == NULL || !to->idle)
		return;
	to->idle = 0;
	nidle--;
	board_cpu_wake(to->id);
}

/* Under rtlock: g joins a run queue (its own CPU's if pinned, else c's),
 * and an idle CPU hears of it. */
static void
runq_publish(struct cpu *c, struct g *g)
{
	int pinned = (g->flags & GORO_PIN_CPU) != 0;
	struct cpu *to = pinned ? &goro_cpus[g->cpu] : c;

	runq_lock(to);
	runq_put(to, g);
	runq_unlock(to);
	if (to != c)
		wake_idle(to); /* its CPU, if asleep */
	else if (!pinned)
		wake_idle(NULL); /* any CPU asleep, to steal it */
}

void
sched_ready(struct g *g)
{
	if (g->status == G_WAITING) {
		g->status = G_READY;
		trace_wake(g, mycpu()->curg);
		runq_publish(mycpu(), g);
	}
}

/* c has nothing to run: take half of another CPU's queue, pinned tasks
 * left where they are. Returns the first to run; the rest join c's
 * queue. */
static struct g *
steal(struct cpu *c)
{
	int k;

	for (k = 1; k < GORO_NCPU; k++) {
		struct cpu *v = &goro_cpus[(c->id + k) % GORO_NCPU];
		struct g *got = NULL, **tail = &got, **pp, *g;
		unsigned n;

		if (!running)
			return NULL;
		runq_lock(v);
		n = (v->runqsize + 1) / 2;
		for (pp = &v->runqhead; n > 0 && (g = *pp) != NULL;) {
			if (g->flags & GORO_PIN_CPU) {
				pp = &g->next;
				continue;
			}
			*pp = g->next; /* unlink g */
			v->runqsize--;
			n--;
			g->next = NULL;
			*tail = g;
			tail = &g->next;
		}
		/* The tail may have gone: find it again. */
		v->runqtail = NULL;
		for (g = v->runqhead; g; g = g->next)
			v->runqtail = g;
		runq_unlock(v);
		if (got == NULL)
			continue;
		c->steals++;
		if (got->next) {
			runq_lock(c);
			for (g = got->next; g;) {
				struct g *nx = g->next;
				runq_put(c, g);
				g = nx;
			}
			runq_unlock(c);
		}
		return got;
	}
	return NULL;
}
#define runq_next(c)      runq_take(c)
#define runq_leave(c, gp) ((void)0) /* the running task is on no queue */
#else
#define claim(c, g)    ((void)0)
#define switch_done(c) ((void)0)
#define steal(c)       ((struct g *)NULL)
#endif

static void reap_g0(struct cpu *c);
static void gid_next(struct g *g);

#if GORO_NCPU > 1
#define set_prev(c, g) ((c)->prevg = (g))
#define AGAIN(c)       ((c) = mycpu()) /* after a switch: the task may be elsewhere */
#else
#define set_prev(c, g) ((void)0)
#define AGAIN(c)       ((void)0)
#endif

/* On g0: every suspended task, runnable or parked, gives back what it does
 * not use. (In place: a parked task's wait records keep their addresses.)
 * With several CPUs only parked ones: a runnable task may be taken by
 * another CPU at any time, a parked one only by a waker, under rtlock. */
void
sched_reclaim_g0(void)
{
	int i;

	rt_lock();
	reap_g0(mycpu());
	stack_settle_g0(mycpu());
	for (i = 0; i < GORO_MAX_TASKS; i++) {
		struct g *g = &allg[i];
#if GORO_NCPU > 1
		if (g->status != G_WAITING || atomic_load(&g->oncpu))
			continue;
#endif
		if ((g->status == G_READY || g->status == G_WAITING) && g != mycpu()->curg &&
		    g != mycpu()->insys)
			while (stack_shrink_g0(g))
				;
	}
	rt_unlock();
}

static void
reclaim_cb(void *arg)
{
	(void)arg;
	sched_reclaim_g0();
}

/* From a task or main: sched_reclaim_g0, on g0's stack. */
void
sched_reclaim(void)
{
	goro_systemstack(reclaim_cb, NULL);
}

/* A fresh slot and stack block of this order for a spawn, the block at
 * g->lo; NULL: no room. */
static struct g *
slot_new(struct cpu *c, unsigned order)
{
	struct g *g;
	void *lo;
	int tries;

	(void)c; /* with several CPUs the counts are CPU 0's (sched_all) */
	rt_lock();
	for (tries = 0;; tries++) {
		g = gfree;
		lo = g ? pool_alloc(order) : NULL;
		if (lo != NULL || tries == 1)
			break;
		/* Exited tasks not yet reaped, and idle tasks' unused halves
		 * of grown stacks, may make room. */
		rt_unlock();
		sched_reclaim();
		rt_lock();
	}
	if (lo != NULL) {
		gfree = g->next;
		sched_all(c)->nlive++;
		g->lo = (uintptr_t)lo;
	}
	rt_unlock();
	return lo != NULL ? g : NULL;
}

/* A slot and a stack block of this order for a spawn: an exited task's
 * as they are if its block is the size (nothing to free, nothing to
 * allocate), else fresh ones. */
static inline struct g *
slot_take(struct cpu *c, unsigned order)
{
	struct g *g;

	rt_lock();
	g = c->deadlist;
	if (g != NULL && g->order == order) {
		c->deadlist = g->next;
		gid_next(g);
		san_stack_free(g); /* valgrind: plain memory until stack_init paints it */
		rt_unlock();
		return g;
	}
	rt_unlock();
	return slot_new(c, order);
}

/* A spawn: goro_go's, with the defaults, when opts is NULL; else
 * goro_go_opts's, whose g->head (the stack orders) it has worked out.
 * Inlined into each (rt_hot), so that the plain spawn does without the
 * options' tests and registers; in a runtime built for size one copy,
 * and a program that calls only goro_go links none of the options'
 * code. */
rt_hot int
spawn(void (*fn)(void *), void *arg, const struct goro_opts *opts, uint32_t head)
{
	unsigned order, flags = 0;
	const char *name = NULL;
	struct cpu *c;
	struct g *g;
	int id;

	if (fn == NULL)
		return GORO_EINVAL;
	sched_check_thread("goro_go");
	if (__builtin_expect(dflt.f.order == NO_ORDER, 0))
		sched_init(); /* the first spawn */
	if (opts) {
		flags = opts->flags;
		name = opts->name;
		order = ((union head){.w = head}).f.order;
	} else {
		head = dflt.w;
		order = dflt.f.order;
		if (order == NO_ORDER)
			return GORO_EINVAL; /* no block of GORO_DEFAULT_STACK */
	}
	c = mycpu();
	g = slot_take(c, order);
	if (g == NULL)
		return GORO_ENOMEM;
	id = g->id; /* once published, it may run, exit and be reaped elsewhere */

	/* The slot is ours alone until it joins a run queue. */
#if GORO_NCPU == 1
	g->head = head; /* G_READY, and the orders */
#else
	{
		/* The orders; the status under rtlock, as it is published. */
		union head h = {.w = head};

		g->order = h.f.order;
		g->minorder = h.f.minorder;
		g->maxorder = h.f.maxorder;
	}
#endif
	g->flags = (uint8_t)flags;
	g->name = name;
	g->sp = goro_port_init_frame(stack_init(g), fn, arg);
	san_stack_new(g);
#ifdef GORO_TSAN
	if (g->tsan_fiber)
		__tsan_destroy_fiber(g->tsan_fiber); /* an exited task's, taken over */
	g->tsan_fiber = __tsan_create_fiber(0);
#endif
	trace_create(g);
#if GORO_NCPU > 1
	atomic_store_explicit(&g->oncpu, 0, memory_order_relaxed);
	g->cpu = (uint8_t)((flags & GORO_PIN_CPU) ? opts->cpu : (unsigned)c->id);
	rt_lock();
	g->status = G_READY;
	runq_publish(c, g);
	rt_unlock();
#else
	runq_put(c, g);
#endif
	return id;
}

int
goro_go(void (*fn)(void *), void *arg)
{
	return spawn(fn, arg, NULL, 0);
}

int
goro_go_opts(void (*fn)(void *), void *arg, const struct goro_opts *opts)
{
	uint32_t head;
	unsigned order;
	size_t max;

	if (opts == NULL)
		return spawn(fn, arg, NULL, 0);
	/* dflt. (fn NULL, or a call from an interrupt handler: spawn says so,
	 * before anything is made.) */
	sched_init();
	order = dflt.f.order;
	head = dflt.w;
	max = opts->max_stack ? opts->max_stack : GORO_MAX_STACK;
	if (opts->stack_size) {
		int k = pool_order(opts->stack_size);

		order = k < 0 ? NO_ORDER : (unsigned)k;
	}
	if (order == NO_ORDER)
		return GORO_EINVAL;
	if (opts->max_stack || order != dflt.f.order)
		head = make_head(order, stack_maxorder(max, order));
#if GORO_NCPU > 1
	if ((opts->flags & GORO_PIN_CPU) && opts->cpu >= GORO_NCPU)
		return GORO_EINVAL;
#endif
	return spawn(fn, arg, opts, head);
}

/* Slot i's ids are i+1, i+1+N, i+1+2N, ... (N = table size), so an id finds
 * its slot by one division and a stale id of a reused slot does not match. */
static void
gid_next(struct g *g)
{
	if (__builtin_expect(__builtin_add_overflow(g->id, GORO_MAX_TASKS, &g->id), 0))
		g->id = (int)(g - allg) + 1; /* wrapped: the slot's first id again */
}

/* Under rtlock. */
static void
gfree_put(struct g *g)
{
	struct cpu *all = sched_all(mycpu());

	all->nlive--;
	gid_next(g);
	g->status = G_FREE;
	g->name = NULL;
	g->sp = g->lo = 0; /* the block is the pool's now: no stale pointer into it */
	g->next = gfree;
	gfree = g;
#if GORO_NCPU > 1
	if (all->nlive == 0)
		wake_idle(&goro_cpus[0]); /* goro_run may return now */
#endif
}

/* The live task whose stack block holds addr, or NULL. */
struct g *
sched_stack_owner(uintptr_t addr)
{
	int i;

	for (i = 0; i < GORO_MAX_TASKS; i++) {
		struct g *g = &allg[i];
		if ((g->status == G_READY || g->status == G_WAITING) &&
		    addr - g->lo < stack_hi(g) - g->lo)
			return g;
	}
	return NULL;
}

/* With several CPUs, a moment's view: the task may be running, or
 * exiting, on another CPU meanwhile (ThreadSanitizer is told). */
#ifdef GORO_TSAN
__attribute__((no_sanitize("thread")))
#endif
struct g *
sched_find(int id)
{
	struct g *g;

	if (id <= 0 || !ready)
		return NULL;
	g = &allg[(id - 1) % GORO_MAX_TASKS];
	return g->status != G_FREE && g->status != G_DEAD && g->id == id ? g : NULL;
}

/* Slot i of the task table, for walking it (tasks.c); NULL past the end
 * or before the first spawn. */
struct g *
sched_slot(int i)
{
	return ready && i >= 0 && i < GORO_MAX_TASKS ? &allg[i] : NULL;
}

static void
poll_g0(void *c)
{
	sched_poll(c);
}

/* sched_poll from a task, on g0's stack: timers_run and what the timers
 * fire go deeper (about 180 B on Cortex-M0) than the guard zone leaves an
 * unchecked call (docs/stacks.md). */
static void
poll_on_g0(struct cpu *c)
{
	goro_systemstack(poll_g0, c);
}

/*
 * The one switch away from the running task gp, for yield, park and exit:
 * next (or, if NULL, g0) runs on this CPU from here. gp is back when
 * something runs it again; an exiting task never is.
 */
static inline __attribute__((always_inline)) void
switch_away(struct cpu *c, struct g *gp, struct g *next, int exiting)
{
	trace_switch(gp, next);
	if (next)
		claim(c, next);
	c->curg = next;
	set_prev(c, gp);
	stack_set_guard(c, next);
	san_leave(c, gp, next, exiting);
	stack_limit_off();
	if (next && exiting)
		goro_port_resume(&next->sp); /* nothing of gp's to save */
	else if (next)
		goro_port_switch(&gp->sp, &next->sp);
	else
		goro_port_mcall(&gp->sp, &c->g0sp);
	if (!exiting) {
		AGAIN(c);
		switch_done(c);
		san_arrive(c, gp);
		stack_limit_on(gp);
	}
}

/* The yield itself: the next runnable task runs, and gp goes to the back
 * of the queue; with nobody else runnable, gp goes on at once. */
static inline __attribute__((always_inline)) void
yield_step(struct cpu *c, struct g *gp)
{
	struct g *next;

#if GORO_NCPU > 1
	runq_lock(c);
	next = runq_get(c);
	if (next == NULL) {
		runq_unlock(c);
		port_relax(); /* a task spinning on yields lets an emulated CPU run */
		return;
	}
	runq_put(c, gp);
	runq_unlock(c);
#else
	next = gp->next; /* one step round the ring (rt.h) */
	if (next == gp)
		return;
	c->runqtail = gp;
#endif
	if (next == NULL)
		__builtin_unreachable(); /* the queue gave a task */
	switch_away(c, gp, next, 0);
}

/* A yield with something to do first, or something wrong: interrupts
 * have news (timers, posts), gp's stack has grown and may shrink back, or
 * a check fails. Out of line, so that the common yield keeps no registers
 * of its own. */
static __attribute__((noinline)) void
yield_slow(struct cpu *c, struct g *gp)
{
	sched_check_thread("goro_yield");
	stack_check(gp);
	if (poll_get(c))
		poll_on_g0(c);
	if (gp->grown)
		stack_yield_point(c, gp);
	yield_step(c, gp);
}

void
goro_yield(void)
{
	struct cpu *c = mycpu();
	struct g *gp = c->curg;

	if (gp == NULL)
		return;
	if (RT_SMALL ||
	    __builtin_expect(port_in_isr() || !stack_canary_ok(gp) || poll_get(c) || gp->grown, 0))
		yield_slow(c, gp);
	else
		yield_step(c, gp);
}

#define ISR_PANIC "%s called from an interrupt handler, where only the *_isr calls are allowed"

#if RT_SMALL
/* rt.h's, out of line once. It panics itself, with no sched_isr_panic
 * frame between: a park's check is among the deepest ways to a panic on
 * a task's stack (scripts/guard-check). */
void
sched_check_thread(const char *what)
{
	if (port_in_isr())
		goro_panic(ISR_PANIC, what);
}
#else
/* sched_check_thread's slow path (rt.h). */
void
sched_isr_panic(const char *what)
{
	goro_panic(ISR_PANIC, what);
}
#endif

/*
 * Park the running task until sched_ready: it has put wait records where
 * its wakers will find them (with several CPUs, under rtlock, which this
 * releases). Runs the next runnable task directly, or, if there is none,
 * gives the CPU to g0, which sleeps until something wakes. Outside a task
 * there is no one to park: a panic.
 *
 * One function, with no fast path split off as the yield's is: a park is
 * often the deepest call a task makes on its stack (goro_select's, under
 * the guard zone: docs/stacks.md), and a split costs a frame on some
 * ports (where a slow path out of line nests, or inline needs more
 * registers saved) for the two instructions it saves on Cortex-M3.
 */
void
sched_park(const char *reason)
{
	struct cpu *c = mycpu();
	struct g *gp = c->curg, *next;

	if (gp == NULL)
		goro_panic("%s outside a task: only tasks can wait", reason);
	/* Not from an interrupt handler: every call that parks has made
	 * sched_check_thread's test on entry, so its panic names the call. */
	stack_check(gp);
	gp->status = G_WAITING;
	gp->waitreason = reason;
	runq_leave(c, gp);
	trace_park(gp, reason);
	rt_unlock(); /* from here on a waker may ready gp: it stays on this CPU
	                (oncpu) until the switch below is done */
	/* News from interrupts (a due timer, a post) goes to g0, whose loop
	 * takes it and then runs whoever is next, gp too if it readied gp:
	 * taking it here, through goro_systemstack, would put that call's
	 * frames under gp's, deeper than the guard zone holds on the
	 * smallest boards (scripts/guard-check). */
	next = poll_get(c) ? NULL : runq_next(c);
	if (next == gp) /* readied already: by another CPU, onto this one's queue */
		return;
	switch_away(c, gp, next, 0);
}

/* What interrupts left for the scheduler: posted semaphores, due timers. */
void
sched_poll(struct cpu *c)
{
	void (*posts)(struct cpu *);
	const struct sched_time *t;

	poll_set(c, 0);
	posts = sched_isr_posts_get();
	t = sched_time_get();

	if (posts)
		posts(c);
	if (t)
		t->run(c);
}

/* The end of a task. abandoned: called from inside it (goro_exit), with
 * frames that will never return on its stack; 0 when its function
 * returned. */
rt_hot _Noreturn void
task_exit(int abandoned)
{
	struct cpu *c = mycpu();
	struct g *gp = c->curg, *next;

	if (abandoned) {
		/* goro_exit may be called from anywhere; a task's function
		 * returns only into sched_start, in thread mode, on its task. */
		sched_check_thread("goro_exit");
		if (gp == NULL)
			goro_panic("goro_exit called outside a task");
	}
	stack_check(gp);
	if (abandoned)
		stack_exit(gp, port_sp());
	rt_lock(); /* others look at status under it (sched_reclaim_g0) */
	gp->status = G_DEAD;
	rt_unlock();
	/* Its stack and slot go back later, on g0, or to the next spawn; a
	 * task cannot free the stack it stands on. Meanwhile the next task
	 * runs at once, if there is one. (The dead list is this CPU's own.) */
	runq_leave(c, gp);
	next = runq_next(c);
	gp->next = c->deadlist;
	c->deadlist = gp;
	trace_exit(gp);
	switch_away(c, gp, next, 1);
	goro_panic("goroutine %d resumed after exit", gp->id);
}

_Noreturn void
goro_exit(void)
{
	task_exit(1);
}

_Noreturn void
sched_start(void *arg, void (*fn)(void *))
{
#if GORO_NCPU > 1
	switch_done(mycpu());
#endif
	san_first_arrive();
	stack_limit_on(mycpu()->curg);
	fn(arg);
	task_exit(0); /* every frame of fn returned: no frame record is left */
}

/* On g0, under rtlock: give back what exited tasks hold. */
static void
reap_g0(struct cpu *c)
{
	struct g *g;

	while ((g = c->deadlist) != NULL) {
		c->deadlist = g->next;
		san_stack_free(g);
#ifdef GORO_TSAN
		__tsan_destroy_fiber(g->tsan_fiber);
		g->tsan_fiber = NULL;
#endif
		pool_free((void *)g->lo, g->order);
		gfree_put(g);
	}
}

/*
 * Every task is parked. Go's "all goroutines are asleep": if no timer is
 * pending and no task waits on something an interrupt can post, nothing
 * can ever wake them. Name them and stop.
 */
static _Noreturn void
deadlock_g0(struct cpu *c)
{
	static char msg[240];
	const char *end = ")";
	size_t n;
	int i, shown = 0;

	(void)c;
	n = (size_t)rt_snfmt(msg, sizeof msg, "all goroutines are asleep - deadlock! (%u blocked:",
	                     sched_all(c)->nlive);
	for (i = 0; i < GORO_MAX_TASKS; i++) {
		struct g *g = &allg[i];
		size_t k = sizeof msg;

		if (g->status != G_WAITING)
			continue;
		if (shown++ < 6)
			k = rt_snfmt(msg + n, sizeof msg - n, " goroutine %d (%s) [%s]", g->id,
			             g->name ? g->name : "?", g->waitreason);
		if (n + k >= sizeof msg - 1) {
			/* The seventh, or one that did not fit whole: there
			 * are more than the report shows. */
			msg[n] = 0;
			end = " ...)";
			break;
		}
		n += k;
	}
	goro_panic("%s%s", msg, end);
}

#if GORO_NCPU == 1
/*
 * Nothing can run. Sleep until a timer or an interrupt has news: tickless,
 * the board's one-shot timer is armed for the next deadline only (time.c
 * keeps it armed), and with interrupts masked between the last look at
 * c->poll and the sleep, no wakeup slips through.
 */
static void
idle_g0(struct cpu *c)
{
	unsigned long irq;

	if ((sched_time_get() == NULL || sched_time_get()->next() == UINT64_MAX) &&
	    c->isr_waiters == 0)
		deadlock_g0(c);
	irq = port_irq_save();
	if (!c->poll)
		goro_board_idle();
	port_irq_restore(irq);
}

void
goro_run(void)
{
	struct cpu *c = mycpu();
	struct g *g;

	if (c->curg || c->insys)
		goro_panic("goro_run called from inside a task: the scheduler runs only on g0");
	sched_init();
#ifdef GORO_ASAN
	san_g0_bounds(c);
#endif
	for (;;) {
		if (c->deadlist)
			reap_g0(c);
		if (c->poll)
			sched_poll(c);
		g = runq_next(c);
		if (g == NULL) {
			if (c->nlive == 0) {
				stack_settle_g0(c); /* every stack is back in the pool */
				return;
			}
			idle_g0(c);
			continue;
		}
		c->curg = g;
		stack_set_guard(c, g);
		trace_switch(NULL, g);
		san_leave(c, NULL, g, 0);
		goro_port_gogo(&c->g0sp, &g->sp);
		san_arrive(c, NULL);
	}
}
#else
/* Under rtlock: whether c has work: a task on its own queue, or one on
 * another's that it may steal (not pinned there). */
static int
work_for(struct cpu *c)
{
	int i, n = 0;

	for (i = 0; i < GORO_NCPU && n == 0; i++) {
		struct cpu *v = &goro_cpus[i];
		struct g *g;

		runq_lock(v);
		for (g = v->runqhead; g && n == 0; g = g->next)
			n = v == c || !(g->flags & GORO_PIN_CPU);
		runq_unlock(v);
	}
	return n;
}

/*
 * Nothing to run here, and nothing to steal. Under rtlock, the CPU says it
 * is idle (a waker then wakes it: wake_idle) and looks once more; if every
 * CPU is idle, nothing is queued, no timer is pending and no task waits on
 * an interrupt's post, nothing can ever wake anyone: a deadlock. Then it
 * sleeps until a wake or an interrupt (the board keeps a wake sent before
 * the sleep). Returns 1 on CPU 0 when no task is left at all: goro_run is
 * done.
 */
static int
idle_g0(struct cpu *c)
{
	struct cpu *all = &goro_cpus[0];
	unsigned long irq;

	rt_lock();
	stack_settle_g0(c);
	if (c->id == 0 && all->nlive == 0) {
		rt_unlock();
		return 1;
	}
	if ((running || c->id == 0) && work_for(c)) {
		rt_unlock();
		return 0;
	}
	c->idle = 1;
	nidle++;
	if (nidle == GORO_NCPU && running && all->nlive > 0 &&
	    (sched_time_get() == NULL || sched_time_get()->next() == UINT64_MAX) &&
	    all->isr_waiters == 0)
		deadlock_g0(c);
	rt_unlock();
	irq = port_irq_save();
	if (!poll_get(c))
		goro_board_idle();
	port_irq_restore(irq);
	rt_lock();
	if (c->idle) { /* woken by an interrupt, not by wake_idle */
		c->idle = 0;
		nidle--;
	}
	rt_unlock();
	return 0;
}

/* One CPU's g0: run tasks until (CPU 0) none is left anywhere. */
static void
sched_loop(struct cpu *c)
{
	struct g *g;

	for (;;) {
		if (c->deadlist) {
			rt_lock();
			reap_g0(c);
			rt_unlock();
		}
		if (poll_get(c))
			sched_poll(c);
		g = NULL;
		if (c->id == 0 || atomic_load_explicit(&running, memory_order_relaxed)) {
			g = runq_take(c);
			if (g == NULL)
				g = steal(c);
		}
		if (g == NULL) {
			if (idle_g0(c))
				return;
			continue;
		}
		claim(c, g);
		c->curg = g;
		stack_set_guard(c, g);
		trace_switch(NULL, g);
		san_leave(c, NULL, g, 0);
		goro_port_gogo(&c->g0sp, &g->sp);
		switch_done(c);
		san_arrive(c, NULL);
	}
}

/* The other CPUs' g0 stacks, where the board does not give a CPU one of
 * its own (the host's threads have theirs). */
#if !GORO_HOSTED
static unsigned char g0_stacks[GORO_NCPU - 1][GORO_G0_STACK] __attribute__((aligned(16)));

void
sched_g0_stacks(uintptr_t *lo, uintptr_t *hi)
{
	*lo = (uintptr_t)g0_stacks;
	*hi = (uintptr_t)g0_stacks + sizeof g0_stacks;
}
#define G0_STACK_TOP(i) ((uintptr_t)g0_stacks[(i)-1] + GORO_G0_STACK)
#else
void
sched_g0_stacks(uintptr_t *lo, uintptr_t *hi)
{
	*lo = *hi = 0;
}
#define G0_STACK_TOP(i) ((uintptr_t)0)
#endif

/* Where the board starts each CPU after the first. */
static _Noreturn void
cpu_entry(int id)
{
	struct cpu *c = &goro_cpus[id];

#ifdef PORT_CPU_PTR
	port_set_cpu_ptr(c);
#endif
	rt_assert("cpu", mycpu() == c);
#ifdef GORO_ASAN
	san_g0_bounds(c);
#endif
	for (;;)
		sched_loop(c); /* returns only on CPU 0 */
}

void
goro_run(void)
{
	struct cpu *c = mycpu();
	int i;

	if (c->curg || c->insys)
		goro_panic("goro_run called from inside a task: the scheduler runs only on g0");
	if (c != &goro_cpus[0])
		goro_panic("goro_run called on CPU %d: main's CPU, 0, runs it", c->id);
	sched_init();
#ifdef GORO_ASAN
	san_g0_bounds(c);
#endif
	rt_lock();
	running = 1;
	for (i = 1; i < GORO_NCPU; i++)
		wake_idle(&goro_cpus[i]);
	rt_unlock();
	if (!atomic_exchange(&started, 1))
		for (i = 1; i < GORO_NCPU; i++)
			board_cpu_start(i, G0_STACK_TOP(i), cpu_entry);
	sched_loop(c);
	rt_lock();
	running = 0;
	for (i = 0; i < GORO_NCPU; i++)
		stack_settle_g0(&goro_cpus[i]); /* every stack is back in the pool */
	rt_unlock();
}
#endif

int
goro_self(void)
{
	struct g *g = mycpu()->curg;

	return g ? g->id : 0;
}

const char *
goro_name(int id)
{
	struct g *g = sched_find(id);

	return g ? g->name : NULL;
}

/* board.h. Interrupts are masked: nothing else runs on this CPU until fn
 * returns, and the limit goes back as it was (a forced-moves one, say). */
void
goro_isr_run(void (*fn)(void))
{
	struct cpu *c = mycpu();
	uintptr_t guard = c->stackguard;

	c->stackguard = 0;
	guard_mirror(c);
	fn();
	c->stackguard = guard;
	guard_mirror(c);
}

int
goro_cpu(void)
{
#if GORO_NCPU > 1
	return mycpu()->id;
#else
	return 0;
#endif
}

int
goro_ncpu(void)
{
	return GORO_NCPU;
}
