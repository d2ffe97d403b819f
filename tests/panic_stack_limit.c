/*
 * Where the core has a hardware limit for a task's stack pointer (board
 * capability stack_limit: ARMv8-M's PSPLIM, runtime/port.h), code the
 * stack check does not see that goes past the task's block is stopped
 * before it writes there: a CPU exception, whose report says STKOF and
 * names the task. The overrun is what an unchecked function with a 4 KiB
 * frame does (inline assembly: the plugin sees no frame). Without the
 * limit the store lands below the block, unseen, and the task goes on.
 */
#include "check.h"
#include "goro.h"

static void
overrunner(void *arg)
{
	(void)arg;
	__asm__ volatile("sub sp, sp, #4096\n\t"
	                 "str r0, [sp]\n\t"
	                 "add sp, sp, #4096" ::
	                         : "memory");
}

int
main(void)
{
	struct goro_opts o = {.name = "overrunner"};

	goro_go_opts(overrunner, NULL, &o);
	goro_run();
	printf("FAIL: no fault\n");
	return 1;
}
