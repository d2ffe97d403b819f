/* Runaway recursion ends in a stack overflow panic naming the task, when
 * the stack reaches its maximum, instead of eating the pool. */
#include "grow.h"

static void
start(void *arg)
{
	(void)arg;
	climb(0);
}

int
main(void)
{
	struct goro_opts o = {.name = "runaway", .stack_size = 1};
	struct goro_pool_info pi;

	goro_pool_info(&pi);
	o.max_stack = 4 * pi.min_block;
	CHECK(goro_go_opts(start, NULL, &o) > 0);
	goro_run();
	return 1;
}
