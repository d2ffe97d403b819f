/* A task spawned with GORO_FIXED_STACK never moves; running short is a
 * panic naming it. */
#include "grow.h"

static void
fixed(void *arg)
{
	(void)arg;
	CHECK_EQ(goro_stack_unpin(), GORO_EINVAL); /* never pinned */
	climb(0);
}

int
main(void)
{
	struct goro_opts o = {.name = "fixed-task", .stack_size = 1, .flags = GORO_FIXED_STACK};

	CHECK(goro_go_opts(fixed, NULL, &o) > 0);
	goro_run();
	return 1;
}
