/*
 * A CPU exception in a task (an undefined instruction: __builtin_trap) is
 * reported, not hung on: the board's fault vector prints "goro: CPU
 * exception" with the architecture's registers through the console, and
 * the program exits with status 3 (boards/family/common/fault.c).
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
	goro_go(crasher, NULL);
	goro_run();
	printf("FAIL: no fault\n");
	return 1;
}
