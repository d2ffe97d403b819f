/*
 * The CPU-exception report (fault.h).
 */
#include <stdarg.h>
#include <unistd.h>

#include "fault.h"
#include "rt.h"

void
board_fault_str(struct board_fault *f, const char *s)
{
	while (*s && f->n < sizeof f->s - 1)
		f->s[f->n++] = *s++;
}

void
board_fault_begin(struct board_fault *f, const char *title, const char *what)
{
	static volatile int reporting;

	if (reporting)
		_exit(BOARD_EXIT_FAULT_NESTED);
	reporting = 1;
	f->n = 0;
	board_fault_fmt(f, "goro: %s: %s", title, what);
}

void
board_fault_hex(struct board_fault *f, uint64_t v, int digits)
{
	char d[2 + 16 + 1] = "0x";
	int i;

	if (digits > 16)
		digits = 16;
	/* From the last digit up, a constant shift at a time: a variable
	 * 64-bit shift would link libgcc's on Cortex-M0. */
	d[2 + digits] = 0;
	for (i = digits - 1; i >= 0; i--, v >>= 4)
		d[2 + i] = "0123456789abcdef"[v & 0xFu];
	board_fault_str(f, d);
}

void
board_fault_reg(struct board_fault *f, const char *name, uint64_t v, int digits)
{
	board_fault_str(f, "  ");
	board_fault_str(f, name);
	board_fault_str(f, " ");
	board_fault_hex(f, v, digits);
}

void
board_fault_fmt(struct board_fault *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	f->n += (unsigned)rt_vsnfmt(f->s + f->n, sizeof f->s - f->n, fmt, ap);
	va_end(ap);
}

/* Not board_fault_str(f, "\n"): a report made with board_fault_fmt alone
 * (Cortex-M's) then links no board_fault_str. Then the task this CPU was
 * running, tagged as a panic tags it, on a line of its own: reading its
 * name is the one step here that trusts memory the fault may have
 * spoiled, and a second fault there leaves the registers said. */
_Noreturn void
board_fault_end(struct board_fault *f)
{
	if (f->n < sizeof f->s - 1)
		f->s[f->n++] = '\n';
	f->s[f->n] = 0;
	board_console_raw(f->s);
	if (rt_task_tag(f->s, sizeof f->s - 1)) {
		board_console_raw(f->s);
		board_console_raw("\n");
	}
	_exit(BOARD_EXIT_FAULT);
}
