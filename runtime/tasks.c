/*
 * The task list: goro_task_list fills a table of every live task's state,
 * wait reason and stack figures; goro_task_dump prints it.
 *
 * Stack figures are goro_stack_info's: the high water is exact on painted
 * stacks (checks=2), and otherwise the most seen at a growth or when asked,
 * which may be well under the truth for a task that went deep between
 * looks.
 */
#include <stdarg.h>
#include <stdio.h>

#include "rt.h"
#include "sp.h"

/* With several CPUs the list is a snapshot taken without stopping the
 * others: a task running elsewhere may change state, or move its stack,
 * while it is read, and its row is then a moment old. ThreadSanitizer is
 * told these reads race on purpose. */
#ifdef GORO_TSAN
#define SNAPSHOT __attribute__((no_sanitize("thread")))
#else
#define SNAPSHOT
#endif

SNAPSHOT static int
live(const struct g *g)
{
	return g->status == G_READY || g->status == G_WAITING;
}

/* What the list needs, carried to g0 (see goro_task_list). */
struct list_call {
	struct goro_task_info *out;
	size_t max;
	uintptr_t sp; /* the caller's sp, on its own stack */
	int n;
	int dump;
};

SNAPSHOT static void
task_info(const struct list_call *lc, struct g *g, struct goro_task_info *out)
{
	struct cpu *c = mycpu();
	struct goro_stack_info si;

	out->id = g->id;
	out->name = g->name;
#if GORO_NCPU > 1
	out->cpu = g->cpu;
#else
	out->cpu = 0;
#endif
	out->waitreason = NULL;
#if GORO_NCPU > 1
	if (g == c->curg || g == c->insys ||
	    (g->status == G_READY && atomic_load_explicit(&g->oncpu, memory_order_relaxed))) {
#else
	if (g == c->curg || g == c->insys) {
#endif
		out->state = GORO_TASK_RUNNING;
	} else if (g->status == G_WAITING) {
		out->state = GORO_TASK_WAITING;
		out->waitreason = g->waitreason;
	} else {
		out->state = GORO_TASK_READY;
	}
	goro_stack_info(g->id, &si); /* g is live: cannot fail */
	if (g == c->insys && lc->sp >= si.lo && lc->sp < si.hi) {
		/* The caller, on g0 for the while: its sp is the one it left. */
		si.used = si.hi - lc->sp;
		if (si.used > si.high_water)
			si.high_water = si.used;
	}
	out->stack_size = si.size;
	out->stack_used = si.used;
	out->stack_high_water = si.high_water;
	out->grows = si.grows;
	out->shrinks = si.shrinks;
}

static const char *const state_names[] = {
        [GORO_TASK_RUNNING] = "running",
        [GORO_TASK_READY] = "ready",
        [GORO_TASK_WAITING] = "waiting",
};

/* A line of the dump, through the runtime's formatter (fmt.c): a program
 * that dumps its tasks links no printf for it. */
static void dump_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void
dump_printf(const char *fmt, ...)
{
	char line[128];
	va_list ap;

	va_start(ap, fmt);
	rt_vsnfmt(line, sizeof line, fmt, ap);
	va_end(ap);
	fputs(line, stdout);
}

static void
dump_line(const struct goro_task_info *ti)
{
	dump_printf("%c%6d %-16.16s %-8s %-24.24s %3d %7lu %7lu %7lu %5u %5u\n",
	            ti->state == GORO_TASK_RUNNING ? '*' : ' ', ti->id, ti->name ? ti->name : "-",
	            state_names[ti->state], ti->waitreason ? ti->waitreason : "-", ti->cpu,
	            (unsigned long)ti->stack_size, (unsigned long)ti->stack_used,
	            (unsigned long)ti->stack_high_water, ti->grows, ti->shrinks);
}

/* On g0: the walk. A dump prints one task at a time and needs no table. */
SNAPSHOT static void
list_g0(void *arg)
{
	struct list_call *lc = arg;
	struct goro_task_info ti;
	struct g *g;
	size_t n = 0;
	int i;

	if (lc->dump) /* the heading, in dump_line's column widths */
		fputs("     ID NAME             STATE    WAITING ON               CPU"
		      "   STACK    USED    HIGH GROWS SHRNK\n",
		      stdout);
	for (i = 0; (g = sched_slot(i)) != NULL; i++) {
		if (!live(g))
			continue;
		if (lc->dump) {
			task_info(lc, g, &ti);
			dump_line(&ti);
		} else if (n < lc->max) {
			task_info(lc, g, &lc->out[n]);
		}
		n++;
	}
	if (lc->dump)
		dump_printf("%lu task%s (* running)\n", (unsigned long)n, n == 1 ? "" : "s");
	lc->n = (int)n;
}

/* Both run on g0's stack, so that a task of the smallest stack can call
 * them: the runtime is not stack-checked, and the walk and the printing
 * need more than a guard zone holds. */
int
goro_task_list(struct goro_task_info *out, size_t max)
{
	struct list_call lc = {out, max, port_sp(), 0, 0};

	if (out == NULL && max > 0)
		return GORO_EINVAL;
	goro_systemstack(list_g0, &lc);
	return lc.n;
}

void
goro_task_dump(void)
{
	struct list_call lc = {NULL, 0, port_sp(), 0, 1};

	goro_systemstack(list_g0, &lc);
}
