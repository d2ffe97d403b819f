/*
 * What a program's start must have done before main, whichever start the
 * board links (picolibc's crt0, or boards/family/cortex-m/crt0.c with
 * console=uart): initialised data copied in, .bss cleared, thread-local
 * storage set up (its initial values, and errno, which picolibc keeps
 * there), and the .preinit_array and the constructors run, in that order.
 * Then main's return value is the exit status, which meson checks.
 * (test_console checks that a constructor can print: the runtime's own
 * start, goro_board_start, has run before it.)
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include "check.h"

static volatile int data_word = 0x5EED;
static volatile int bss_word;
static _Thread_local int tls_data = 7;
static _Thread_local int tls_bss;
static int order[3], nrun;

static void
pre(void)
{
	order[nrun++] = 1;
}

/* A .preinit_array entry, as a program or a library may have. */
__attribute__((used, section(".preinit_array"))) static void (*const pre_entry)(void) = pre;

__attribute__((constructor)) static void
ctor(void)
{
	if (nrun < 3)
		order[nrun++] = 2;
}

static void
task(void *arg)
{
	int *ran = arg;

	/* A task's errno is the program's one (goro has no per-task copy). */
	errno = 0;
	CHECK(strtol("99999999999999999999", NULL, 10) == LONG_MAX);
	CHECK_EQ(errno, ERANGE);
	*ran = 1;
}

int
main(void)
{
	int ran = 0;

	CHECK_EQ(data_word, 0x5EED);
	CHECK_EQ(bss_word, 0);
	CHECK_EQ(tls_data, 7);
	CHECK_EQ(tls_bss, 0);
	tls_data = 8;
	tls_bss = 9;
	CHECK_EQ(tls_data, 8);
	CHECK_EQ(tls_bss, 9);
	CHECK_EQ(nrun, 2);
	CHECK_EQ(order[0], 1);
	CHECK_EQ(order[1], 2);
	errno = 0;
	CHECK(strtol("-99999999999999999999", NULL, 10) == LONG_MIN);
	CHECK_EQ(errno, ERANGE);
	CHECK_EQ(goro_go(task, &ran) > 0, 1);
	goro_run();
	CHECK_EQ(ran, 1);
	printf("ok test_start\n");
	return 3; /* the exit status: main's return value (tests/meson.build) */
}
