/*
 * A CPU exception in a task (an undefined instruction: __builtin_trap) is
 * reported, not hung on: the board's fault vector prints "goro: CPU
 * exception" with the architecture's registers through the console, and
 * the program exits with status 3 (boards/family/common/fault.c). The
 * report names the task, as a panic does.
 */
#include "check.h"
#include "goro.h"

static void
crasher(void *arg)
{
	(void)arg;
	__builtin_trap();
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
