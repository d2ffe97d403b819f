/*
 * A CPU exception in a task is reported, not hung on: the board's fault
 * vector prints "goro: CPU exception" with the architecture's registers
 * through the console, and the program exits with status 3
 * (boards/family/common/fault.c). The report names the task, as a panic
 * does. The task, "crasher", makes one of these (FAULT):
 *
 *   1  an undefined instruction (__builtin_trap);
 *   2  where the core limits a task's stack pointer in hardware (board
 *      capability stack_limit: ARMv8-M's PSPLIM, runtime/port.h), what an
 *      unchecked function with a 4 KiB frame does (inline assembly: the
 *      plugin sees no frame). The limit stops it before it writes below
 *      the task's block, and the report says STKOF; without the limit the
 *      store lands there, unseen, and the task goes on.
 */
#include "check.h"
#include "goro.h"

#ifndef FAULT
#define FAULT 1
#endif

static void
crasher(void *arg)
{
	(void)arg;
#if FAULT == 2
	__asm__ volatile("sub sp, sp, #4096\n\t"
	                 "str r0, [sp]\n\t"
	                 "add sp, sp, #4096" ::
	                         : "memory");
#else
	__builtin_trap();
#endif
}

int
main(void)
{
	struct goro_opts o = {.name = "crasher"};

	goro_go_opts(crasher, NULL, &o);
	goro_run();
	printf("FAIL: no fault\n");
	return 1;
}
