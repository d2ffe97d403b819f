/* The trace recorder: a known run (a ping-pong over a channel, a stack
 * that grows, exits) leaves the records it should in the ring, in order,
 * and goro_trace_write_json turns them into a file tests/trace_check.py
 * reads back; then a run longer than the ring wraps it. Built without
 * trace, the calls say so. */
#include <string.h>

#include "check.h"
#include "goro.h"
#include "rt.h"

static struct goro_chan ping;
static volatile int stop;

static void
pinger(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 3; i++)
		CHECK_EQ(goro_chan_send(&ping, &i), 0);
}

static void
ponger(void *arg)
{
	int i, v;

	(void)arg;
	for (i = 0; i < 3; i++) {
		CHECK_EQ(goro_chan_recv(&ping, &v), 0);
		CHECK_EQ(v, i);
	}
}

#define WIDE (GORO_FRAME_MAX - 64)

__attribute__((noinline)) static int
down(int n)
{
	volatile char big[WIDE];

	memset((char *)big, n, sizeof big);
	return n == 0 ? 0 : down(n - 1) + big[WIDE - 1];
}

static void
grower(void *arg)
{
	struct goro_pool_info pi;
	int n;

	(void)arg;
	goro_pool_info(&pi);
	n = (int)((pi.min_block - GORO_STACK_GUARD) / WIDE) + 1;
	CHECK_EQ(down(n), n * (n + 1) / 2);
}

static void
spinner(void *arg)
{
	(void)arg;
	while (!stop)
		goro_yield();
}

static void
stopper(void *arg)
{
	uint32_t i;

	(void)arg;
	for (i = 0; i < 2 * GORO_TRACE_RECORDS; i++)
		goro_yield();
	stop = 1;
}

/* Every task but the grower on a stack that holds a full-size frame above
 * the guard zone: only the grower's stack moves, as trace_check.py
 * checks, even where the smallest block holds only small frames (the
 * plugin's entry check). */
static void
spawn(void (*fn)(void *), const char *name)
{
	/* On CPU 0 only: the order of events checked is one CPU's. */
	struct goro_opts o = {.name = name, .flags = GORO_PIN_CPU, .cpu = 0};

	if (fn != grower)
		o.stack_size = GORO_STACK_GUARD + GORO_FRAME_MAX + 64;

	CHECK(goro_go_opts(fn, NULL, &o) > 0);
}

#if GORO_TRACE
/* Where trace_check.py's gdb run stops, to have `goro trace` write the
 * ring that test_trace.json was just written from. */
__attribute__((noinline)) static void
traced(void)
{
	__asm__ volatile("");
}

static int
count_ev(const struct trace_ring *r, unsigned ev, uintptr_t arg, int match_arg)
{
	uint32_t i;
	int n = 0;

	for (i = 0; i < r->count && i < r->size; i++)
		if (r->rec[i].ev == ev && (!match_arg || r->rec[i].arg == arg))
			n++;
	return n;
}
#endif

int
main(void)
{
	CHECK_EQ(goro_chan_init(&ping, NULL, sizeof(int), 0), 0);
#if GORO_TRACE
	const struct trace_ring *r = goro_debug.trace;
	uint32_t i;
	int last_to = 0;

	CHECK(r == &goro_trace_ring);
	CHECK_EQ(goro_trace_write_json(NULL), GORO_EINVAL);
	goro_trace_clear();
	spawn(pinger, "pinger");
	spawn(ponger, "ponger");
	spawn(grower, "grower");
	goro_run();
	CHECK(r->count < r->size); /* this run fits */
	CHECK_EQ(count_ev(r, GORO_TRACE_CREATE, 0, 0), 3);
	CHECK_EQ(count_ev(r, GORO_TRACE_EXIT, 0, 0), 3);
	CHECK(count_ev(r, GORO_TRACE_STACK_MOVE, 0, 0) >= 1);
	CHECK(count_ev(r, GORO_TRACE_PARK, 0, 0) >= 3);
	CHECK(count_ev(r, GORO_TRACE_WAKE, 0, 0) >= 3);
	for (i = 0; i < r->count; i++) {
		const struct trace_rec *e = &r->rec[i];

		CHECK(e->ev >= GORO_TRACE_CREATE && e->ev <= GORO_TRACE_STACK_MOVE);
		if (i > 0)
			CHECK(e->t >= r->rec[i - 1].t); /* one clock, forwards */
		if (e->ev == GORO_TRACE_SWITCH) {
			/* Each switch leaves what the one before entered. */
			CHECK_EQ(e->id, last_to);
			CHECK((int)e->arg != e->id);
			last_to = (int)e->arg;
		}
		if (e->ev == GORO_TRACE_PARK)
			CHECK(strcmp((const char *)e->arg, "chan send") == 0 ||
			      strcmp((const char *)e->arg, "chan receive") == 0);
		if (e->ev == GORO_TRACE_STACK_MOVE)
			CHECK(e->arg > 0 && e->arg < 65536);
	}
	CHECK_EQ(last_to, 0); /* the run ends on g0 */
	CHECK_EQ(r->rec[0].ev, GORO_TRACE_CREATE);
	CHECK(strcmp((const char *)r->rec[0].arg, "pinger") == 0);
	CHECK_EQ(goro_trace_write_json("test_trace.json"), GORO_OK);
	traced();
	CHECK_EQ(goro_trace_write_json("no-such-dir/test_trace.json"), GORO_EINVAL);

	/* Twice as many switches as the ring holds: the oldest go. */
	goro_trace_clear();
	spawn(spinner, "spinner");
	spawn(stopper, "stopper");
	goro_run();
	CHECK(r->count > r->size);
	CHECK_EQ(goro_trace_write_json("test_trace_wrap.json"), GORO_OK);
	printf("trace: %u records, ring of %u\n", (unsigned)r->count, (unsigned)r->size);
#else
	CHECK(goro_debug.trace == NULL);
	CHECK_EQ(goro_trace_write_json("test_trace.json"), GORO_EPERM);
	CHECK_EQ(goro_trace_write_json(NULL), GORO_EPERM);
	goro_trace_clear(); /* a no-op */
	spawn(pinger, "pinger");
	spawn(ponger, "ponger");
	spawn(grower, "grower");
	spawn(spinner, "spinner");
	spawn(stopper, "stopper");
	goro_run();
	printf("trace: built without\n");
#endif
	CHECK_POOL_WHOLE();
	printf("ok trace\n");
	return 0;
}
