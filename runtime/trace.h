/*
 * Trace hooks: one record per scheduling event into a fixed ring
 * (trace.c), for the Chrome/Perfetto timeline that goro_trace_write_json
 * or tools/gdb/goro.py's `goro trace` writes. Built with the meson option
 * trace=true (GORO_TRACE 1); otherwise every hook is an empty inline
 * function and compiles to nothing. Included by rt.h, after struct g.
 *
 * Hooks run in thread context, on whichever stack is current (a task's,
 * at a switch): they take a few words of stack and no lock. Interrupt
 * handlers emit none (their wakeups reach the scheduler as posts, and
 * the wake is traced where the post is applied).
 */
#ifndef GORO_TRACE_H
#define GORO_TRACE_H

/* One event. t is goro_board_count(): nanoseconds on the host, guest
 * instructions under QEMU's -icount (also one per virtual ns). */
struct trace_rec {
	uint64_t t;
	uintptr_t arg; /* GORO_TRACE_*: what goro.h says it holds */
	int32_t id;    /* the task, 0 for g0 */
	/* GORO_TRACE_*, in one byte; typed, so the debug info names the
	 * values for tools/gdb/goro.py (a GCC extension, as the plugin is). */
	enum goro_trace_event ev : 8;
};

/* The ring: rec[count % size] is the next to write. Once count passes
 * size, the oldest records are overwritten (a flight recorder). */
struct trace_ring {
	uint32_t count;    /* records ever written */
	uint32_t size;     /* GORO_TRACE_RECORDS */
	const char *clock; /* goro_board_count_unit() */
	const char *board; /* GORO_BOARD */
	struct trace_rec rec[GORO_TRACE_RECORDS];
};

#if GORO_TRACE
extern struct trace_ring goro_trace_ring;
void trace_rec(unsigned ev, int id, uintptr_t arg);
#else
static inline void
trace_rec(unsigned ev, int id, uintptr_t arg)
{
	(void)ev;
	(void)id;
	(void)arg;
}
#endif

static inline int
trace_gid(const struct g *g)
{
	return g ? g->id : 0;
}

/* g was spawned (name: g->name, not copied). */
static inline void
trace_create(const struct g *g)
{
	trace_rec(GORO_TRACE_CREATE, g->id, (uintptr_t)g->name);
}

/* The CPU goes from one task (NULL: g0) to another (NULL: g0). */
static inline void
trace_switch(const struct g *from, const struct g *to)
{
	trace_rec(GORO_TRACE_SWITCH, trace_gid(from), (uintptr_t)trace_gid(to));
}

/* g parks, waiting on what reason says. */
static inline void
trace_park(const struct g *g, const char *reason)
{
	trace_rec(GORO_TRACE_PARK, g->id, (uintptr_t)reason);
}

/* g is made runnable by the running task (0: g0, a timer). */
static inline void
trace_wake(const struct g *g, const struct g *by)
{
	trace_rec(GORO_TRACE_WAKE, g->id, (uintptr_t)trace_gid(by));
}

static inline void
trace_exit(const struct g *g)
{
	trace_rec(GORO_TRACE_EXIT, g->id, 0);
}

/* g's stack moved to a new block, copying bytes. */
static inline void
trace_move(const struct g *g, size_t bytes)
{
	trace_rec(GORO_TRACE_STACK_MOVE, g->id, (uintptr_t)bytes);
}

#endif /* GORO_TRACE_H */
