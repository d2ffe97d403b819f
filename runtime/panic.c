/*
 * Panics: a clear message naming the task, then the board's way out.
 *
 * The message is printed on g0's stack when a task panics: the task's own
 * stack may be nearly full (a broken canary is one reason to panic) and a
 * formatted print needs more than a small stack has left. The formatting
 * is the runtime's own (fmt.c), so a panic links no printf.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "board.h"
#include "rt.h"

struct panic_msg {
	const char *fmt;
	va_list *ap;
};

static int panicking;

static void
panic_print(void *arg)
{
	struct panic_msg *m = arg;
	struct cpu *c = mycpu();
	struct g *g = c->curg ? c->curg : c->insys;

	static char msg[256];
	char who[48];
	/* Not fputs("\n"): GCC makes that an fputc, one more wrapper. */
	const char *end = "\n";

	rt_vsnfmt(msg, sizeof msg, m->fmt, *m->ap);
	fputs("goro: panic: ", stderr);
	fputs(msg, stderr);
	/* Name the task, unless the message already does. */
	if (g) {
		rt_snfmt(who, sizeof who, "goroutine %d (", g->id);
		if (strstr(msg, who) == NULL) {
			rt_snfmt(msg, sizeof msg, " [in goroutine %d (%s)]\n", g->id,
			         g->name ? g->name : "?");
			end = msg;
		}
	}
	fputs(end, stderr);
	fflush(stderr);
	goro_board_panic_exit();
}

/* In parentheses: with panic_text=false, goro_panic is rt.h's macro. */
_Noreturn void(goro_panic)(const char *fmt, ...)
{
	struct panic_msg m;
	va_list ap;

	va_start(ap, fmt);
	m.fmt = fmt;
	m.ap = &ap;
	if (panicking++) {
		/* A panic while printing a panic: do not recurse. */
		fputs("goro: panic during panic\n", stderr);
		goro_board_panic_exit();
	}
	/* On g0's stack: goro_systemstack knows whether we are on it already
	 * (a panic in the scheduler or the stack mover). */
	goro_systemstack(panic_print, &m);
	/* panic_print does not return; goro_board_panic_exit must not either. */
	for (;;)
		;
}

/* The panic of a build without the runtime's message text (rt.h,
 * GORO_PANIC_TEXT): where it was raised, which scripts/panic-decode turns
 * back into the message. */
_Noreturn void
goro_panic_at(const char *file, int line)
{
	(goro_panic)("at %s:%d", file, line);
}
