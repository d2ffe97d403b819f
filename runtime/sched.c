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
 */
#include <stdio.h>
#include <string.h>

#include "board.h"
#include "rt.h"
#include "san.h"
#include "sp.h"

struct cpu goro_cpus[GORO_NCPU];
/* The stack check reads the running task's limit by this name (check.c,
 * tools/goro-check): struct cpu's first word, on the one CPU there is. An
 * assembler alias, so that no compiler (nor ASan, which would fence an
 * 8-byte object inside goro_cpus) takes it for an object of its own. */
__asm__(".globl goro_stackguard\n\t.set goro_stackguard, goro_cpus");

static struct g allg[GORO_MAX_TASKS];
static struct g *gfree; /* free slots, linked through next */
static int ready;       /* table and pool initialised */

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
	pool_init();
	gfree = NULL;
	for (i = GORO_MAX_TASKS - 1; i >= 0; i--) {
		allg[i].id = i + 1;
		allg[i].status = G_FREE;
		allg[i].next = gfree;
		gfree = &allg[i];
	}
	ready = 1;
}

/* Run queue: FIFO, linked through g->next (runq_put is in rt.h). */
static struct g *
runq_get(struct cpu *c)
{
	struct g *g = c->runqhead;

	if (g) {
		c->runqhead = g->next;
		if (c->runqhead == NULL)
			c->runqtail = NULL;
	}
	return g;
}

static void reap_g0(struct cpu *c);
static void gid_next(struct g *g);

/* On g0: every suspended task, runnable or parked, gives back what it does
 * not use. (In place: a parked task's wait records keep their addresses.) */
void
sched_reclaim_g0(void)
{
	int i;

	reap_g0(mycpu());
	stack_settle_g0(mycpu());
	for (i = 0; i < GORO_MAX_TASKS; i++)
		if ((allg[i].status == G_READY || allg[i].status == G_WAITING) &&
		    &allg[i] != mycpu()->curg && &allg[i] != mycpu()->insys)
			while (stack_shrink_g0(&allg[i]))
				;
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

int
goro_go(void (*fn)(void *), void *arg)
{
	return goro_go_opts(fn, arg, NULL);
}

int
goro_go_opts(void (*fn)(void *), void *arg, const struct goro_opts *opts)
{
	size_t size = opts && opts->stack_size ? opts->stack_size : GORO_DEFAULT_STACK;
	size_t max = opts && opts->max_stack ? opts->max_stack : GORO_MAX_STACK;
	struct cpu *c;
	struct g *g;
	void *lo;
	int order;

	if (fn == NULL)
		return GORO_EINVAL;
	sched_check_thread("goro_go");
	sched_init();
	order = pool_order(size);
	if (order < 0)
		return GORO_EINVAL;
	c = mycpu();
	g = c->deadlist;
	if (g != NULL && g->order == order) {
		/* Take over an exited task's slot and stack block as they are:
		 * nothing to free, nothing to allocate. */
		c->deadlist = g->next;
		gid_next(g);
		san_stack_free(g); /* valgrind: plain memory until stack_init paints it */
		lo = (void *)g->lo;
	} else {
		g = gfree;
		lo = g ? pool_alloc((unsigned)order) : NULL;
		if (lo == NULL) {
			/* Exited tasks not yet reaped, and idle tasks' unused
			 * halves of grown stacks, may make room. */
			sched_reclaim();
			g = gfree;
			if (g == NULL)
				return GORO_ENOMEM;
			lo = pool_alloc((unsigned)order);
			if (lo == NULL)
				return GORO_ENOMEM;
		}
		gfree = g->next;
		c->nlive++;
	}

	g->lo = (uintptr_t)lo;
	g->flags = (uint8_t)(opts ? opts->flags : 0);
	g->name = opts ? opts->name : NULL;
	stack_init(g, (unsigned)order, max);
	g->sp = goro_port_init_frame(stack_hi(g), fn, arg);
	san_stack_new(g);
	g->status = G_READY;
	trace_create(g);
	runq_put(c, g);
	return g->id;
}

/* Slot i's ids are i+1, i+1+N, i+1+2N, ... (N = table size), so an id finds
 * its slot by one division and a stale id of a reused slot does not match. */
static void
gid_next(struct g *g)
{
	int slot = (int)(g - allg);

	g->id = g->id > (int)(0x7fffffff - GORO_MAX_TASKS) ? slot + 1 : g->id + GORO_MAX_TASKS;
}

static void
gfree_put(struct g *g)
{
	mycpu()->nlive--;
	gid_next(g);
	g->status = G_FREE;
	g->name = NULL;
	g->sp = g->lo = 0; /* the block is the pool's now: no stale pointer into it */
	g->next = gfree;
	gfree = g;
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

void
goro_yield(void)
{
	struct cpu *c = mycpu();
	struct g *gp = c->curg, *next;

	if (gp == NULL)
		return;
	sched_check_thread("goro_yield");
	stack_check(gp);
	if (c->poll)
		sched_poll(c); /* interrupts have news: timers, posts */
	if (c->runqhead == NULL)
		return;
	if (gp->order != gp->minorder)
		stack_yield_point(c, gp);
	/* Rotate the queue: next leaves the head, gp joins the tail. */
	next = runq_get(c);
	runq_put(c, gp);
	c->curg = next;
	stack_set_guard(c, next);
	trace_switch(gp, next);
	san_leave(c, gp, next, 0);
	goro_port_switch(&gp->sp, next->sp);
	san_arrive(c, gp);
}

/* sched_check_thread's slow path (rt.h). */
void
sched_isr_panic(const char *what)
{
	goro_panic("%s called from an interrupt handler: only the *_isr calls are", what);
}

/*
 * Park the running task until sched_ready: it has put wait records where
 * its wakers will find them. Runs the next runnable task directly, or, if
 * there is none, gives the CPU to g0, which sleeps until something wakes.
 * Outside a task there is no one to park: a panic.
 */
void
sched_park(const char *reason)
{
	struct cpu *c = mycpu();
	struct g *gp = c->curg, *next;

	if (gp == NULL)
		goro_panic("%s outside a task: only tasks can wait", reason);
	sched_check_thread(reason);
	stack_check(gp);
	gp->status = G_WAITING;
	gp->waitreason = reason;
	trace_park(gp, reason);
	if (c->poll)
		sched_poll(c);
	next = runq_get(c);
	if (next == gp) /* a timer or interrupt readied us already */
		return;
	trace_switch(gp, next);
	if (next) {
		c->curg = next;
		stack_set_guard(c, next);
		san_leave(c, gp, next, 0);
		goro_port_switch(&gp->sp, next->sp);
	} else {
		c->curg = NULL;
		stack_set_guard(c, NULL);
		san_leave(c, gp, NULL, 0);
		goro_port_mcall(&gp->sp, c->g0sp);
	}
	san_arrive(c, gp);
}

/* What interrupts left for the scheduler: posted semaphores, due timers. */
void
sched_poll(struct cpu *c)
{
	c->poll = 0;
	if (sched_isr_posts)
		sched_isr_posts(c);
	if (sched_time)
		sched_time->run(c);
}

/* The end of a task. abandoned: called from inside it (goro_exit), with
 * frames that will never return on its stack; 0 when its function
 * returned. */
static inline _Noreturn void
task_exit(int abandoned)
{
	struct cpu *c = mycpu();
	struct g *gp = c->curg, *next;

	sched_check_thread("goro_exit");
	if (gp == NULL)
		goro_panic("goro_exit called outside a task");
	stack_check(gp);
	if (abandoned)
		stack_exit(gp, port_sp());
	gp->status = G_DEAD;
	/* Its stack and slot go back later, on g0, or to the next spawn; a
	 * task cannot free the stack it stands on. Meanwhile the next task
	 * runs at once, if there is one. */
	gp->next = c->deadlist;
	c->deadlist = gp;
	trace_exit(gp);
	next = runq_get(c);
	trace_switch(gp, next);
	c->curg = next;
	stack_set_guard(c, next);
	san_leave(c, gp, next, 1);
	if (next)
		goro_port_switch(&gp->sp, next->sp);
	else
		goro_port_mcall(&gp->sp, c->g0sp);
	goro_panic("goroutine %d resumed after exit", gp->id);
}

_Noreturn void
goro_exit(void)
{
	task_exit(1);
}

_Noreturn void
sched_start(void (*fn)(void *), void *arg)
{
	san_first_arrive();
	fn(arg);
	task_exit(0); /* every frame of fn returned: no frame record is left */
}

/* On g0: give back what exited tasks hold. */
static void
reap_g0(struct cpu *c)
{
	struct g *g;

	while ((g = c->deadlist) != NULL) {
		c->deadlist = g->next;
		san_stack_free(g);
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
	size_t n;
	int i, shown = 0;

	n = (size_t)rt_snfmt(msg, sizeof msg,
	                     "all goroutines are asleep - deadlock! (%u blocked:", c->nlive);
	for (i = 0; i < GORO_MAX_TASKS && n < sizeof msg; i++) {
		struct g *g = &allg[i];
		if (g->status != G_WAITING)
			continue;
		if (shown++ == 6) {
			n += (size_t)rt_snfmt(msg + n, sizeof msg - n, " ...");
			break;
		}
		n += (size_t)rt_snfmt(msg + n, sizeof msg - n, " goroutine %d (%s) [%s]", g->id,
		                      g->name ? g->name : "?", g->waitreason);
	}
	if (n < sizeof msg)
		rt_snfmt(msg + n, sizeof msg - n, ")");
	goro_panic("%s", msg);
}

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

	if ((sched_time == NULL || sched_time->next() == UINT64_MAX) && c->isr_waiters == 0)
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
		g = runq_get(c);
		if (g == NULL) {
			if (c->nlive == 0) {
				stack_settle_g0(c);
				pool_settle(); /* every stack is back: the pool is whole */
				return;
			}
			idle_g0(c);
			continue;
		}
		c->curg = g;
		stack_set_guard(c, g);
		trace_switch(NULL, g);
		san_leave(c, NULL, g, 0);
		goro_port_gogo(&c->g0sp, g->sp);
		san_arrive(c, NULL);
	}
}

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
