/*
 * The trace recorder: the ring the hooks (trace.h) write. Its conversion
 * to JSON is trace_json.c, an object of its own: it needs a file system,
 * and a program that never writes a trace links none of it.
 */

#include "board.h"
#include "rt.h"

#if GORO_TRACE
_Static_assert(GORO_TRACE_RECORDS > 0, "a trace needs a ring");

struct trace_ring goro_trace_ring = {.size = GORO_TRACE_RECORDS};

#if GORO_NCPU > 1
static spinlock_t tracelock; /* CPUs record into the one ring */
#define trace_lock()   spin_lock(&tracelock)
#define trace_unlock() spin_unlock(&tracelock)
#else
#define trace_lock()   ((void)0)
#define trace_unlock() ((void)0)
#endif

void
trace_rec(unsigned ev, int id, uintptr_t arg)
{
	struct trace_ring *r = &goro_trace_ring;
	struct trace_rec *e;

	trace_lock();
	e = &r->rec[r->count % GORO_TRACE_RECORDS];

	if (r->clock == NULL) {
		r->clock = goro_board_count_unit();
		r->board = GORO_BOARD;
	}
	e->t = goro_board_count();
	e->arg = arg;
	e->id = id;
	e->ev = (enum goro_trace_event)ev;
	r->count++;
	trace_unlock();
}

void
goro_trace_clear(void)
{
	goro_trace_ring.count = 0;
}

#else
void
goro_trace_clear(void)
{
}
#endif
