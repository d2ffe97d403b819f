/* Runaway recursion ends in a stack overflow panic naming the task, when
 * the stack reaches its maximum, instead of eating the pool. */
#include <string.h>

#include "check.h"
#include "goro.h"

__attribute__((noinline)) static int
runaway(int n)
{
	volatile char pad[64];

	memset((char *)pad, n, sizeof pad);
	if (n > 1000000000) /* never: keeps the compiler from calling it endless */
		return 0;
	return runaway(n + 1) + pad[1];
}

static void
start(void *arg)
{
	(void)arg;
	runaway(0);
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
