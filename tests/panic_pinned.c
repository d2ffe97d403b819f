/* A pinned stack cannot move, so a pinned task that runs short panics
 * clearly instead of moving a stack someone holds a pointer into. */
#include "grow.h"

static void
pinned(void *arg)
{
	(void)arg;
	CHECK_EQ(goro_stack_pin(), GORO_OK);
	climb(0);
}

int
main(void)
{
	struct goro_opts o = {.name = "pinned-task", .stack_size = 1};

	CHECK_EQ(goro_stack_pin(), GORO_EPERM); /* outside a task */
	CHECK_EQ(goro_stack_unpin(), GORO_EPERM);
	CHECK(goro_go_opts(pinned, NULL, &o) > 0);
	goro_run();
	return 1;
}
