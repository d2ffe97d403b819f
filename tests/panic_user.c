/* goro_panic from task code prints the message with the task's id and name
 * and ends the program with status 2, even from a task whose stack is the
 * smallest the pool has (the message is printed on g0's stack). */
#include "check.h"
#include "goro.h"

static void
doomed(void *arg)
{
	goro_panic("sensor %d not responding", (int)(intptr_t)arg);
}

int
main(void)
{
	struct goro_opts o = {.name = "sensor-poll", .stack_size = 1};

	CHECK(goro_go_opts(doomed, (void *)7, &o) > 0);
	goro_run();
	return 1;
}
