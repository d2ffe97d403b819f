/*
 * Panics: a clear message naming the task, then the board's way out.
 *
 * The message is printed on g0's stack when a task panics: the task's own
 * stack may be nearly full (a broken canary is one reason to panic) and a
 * formatted print needs more than a small stack has left. The formatting
 * is the runtime's own (fmt.c), so a panic links no printf, and the
 * output the board's raw console, so it links no stdio.
 */
#if defined(__aarch64__)
/* goro_panic's arguments are read by the runtime's formatter, which takes
 * no floating-point one (fmt.c): its va_list needs no saved q registers,
 * 128 B of frame on the stack a panic runs on. */
#pragma GCC target("general-regs-only")
#endif
#include <stdarg.h>

#include "board.h"
#include "rt.h"

/* The panic's format and arguments, for panic_print on g0. Static, not in
 * goro_panic's frame, which is then the arguments' save area and little
 * else: it is the last frame on the task's stack, under the guard zone
 * (scripts/guard-check). One panic at a time fills it: a second prints
 * "panic during panic" instead. */
static struct panic_msg {
	const char *fmt;
	va_list ap;
	unsigned long irq; /* the interrupt state goro_panic found */
} pm;

static int panicking;

/*
 * Whether msg, up to tag, names the task already. tag is the task's own
 * " [in goroutine N (name)]", so what a message that names it holds is the
 * part from "goroutine" to the '('. No strstr: the C library's is more
 * code than this.
 */
static int
names_task(const char *msg, const char *tag)
{
	const char *s, *t;

	for (; msg < tag; msg++)
		for (s = msg, t = tag + 5; *s == *t; s++, t++) /* past " [in " */
			if (*t == '(')
				return 1;
	return 0;
}

/* rt.h. */
size_t
rt_task_tag(char *buf, size_t size)
{
	struct cpu *c = mycpu();
	const struct g *g = c->curg ? c->curg : c->insys;

	buf[0] = 0;
	if (g == NULL)
		return 0;
	return rt_snfmt(buf, size, " [in goroutine %d (%s)]", g->id, g->name ? g->name : "?");
}

/* The message, then the task's tag unless the message names the task, then
 * the board's end. Straight to the board's console (board_console_raw),
 * not through stdio: a program that prints nothing links none. */
static void
panic_print(void *arg)
{
	struct panic_msg *m = arg;
	static char msg[256 + 48]; /* the message, at most 255, then the tag */
	size_t n;

	port_irq_restore(m->irq); /* off the task's stack: as goro_panic found them */
	n = rt_vsnfmt(msg, 256, m->fmt, m->ap);
	if (rt_task_tag(msg + n, sizeof msg - 256) && names_task(msg, msg + n))
		msg[n] = 0;
	board_console_raw("goro: panic: ");
	board_console_raw(msg);
	board_console_raw("\n");
	goro_board_panic_exit();
}

/* In parentheses: with panic_text=false, goro_panic is rt.h's macro. */
_Noreturn void(goro_panic)(const char *fmt, ...)
{
	/* Interrupts masked until g0's stack: the task's may be nearly full,
	 * and one landing below this frame would go past the guard zone
	 * (scripts/guard-check holds the paths to a panic to it). */
	unsigned long irq = port_irq_save();

	if (panicking++) {
		/* A panic while printing a panic: do not recurse. */
		board_console_raw("goro: panic during panic\n");
		goro_board_panic_exit();
	}
	pm.irq = irq;
	pm.fmt = fmt;
	va_start(pm.ap, fmt);
	/* On g0's stack: goro_systemstack knows whether we are on it already
	 * (a panic in the scheduler or the stack mover). */
	goro_systemstack(panic_print, &pm);
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
