/*
 * What each fuzz target supplies of the rest of the runtime, for the part
 * of it that it links (pool.c, and chan.c and wait.c for fuzz_chan): a
 * panic is a finding, unless the harness set expect_panic before a call
 * that must panic, and then it comes back through panic_jmp. Each target
 * is one C file that includes this once; FUZZ_NAME prefixes its FAILs.
 */
#ifndef GORO_FUZZ_HARNESS_H
#define GORO_FUZZ_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "rt.h"

static jmp_buf panic_jmp;
static int expect_panic;

void
goro_panic(const char *fmt, ...)
{
	va_list ap;

	if (expect_panic) {
		expect_panic = 0;
		longjmp(panic_jmp, 1);
	}
	va_start(ap, fmt);
	fprintf(stderr, "goro: panic: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

#define FAIL(...)                                                                                  \
	do {                                                                                       \
		fprintf(stderr, FUZZ_NAME ": " __VA_ARGS__);                                       \
		fprintf(stderr, "\n");                                                             \
		abort();                                                                           \
	} while (0)

/* The harness initialises the pool itself, for each input. */
void
sched_init(void)
{
}

void
sched_reclaim(void)
{
}

#endif
