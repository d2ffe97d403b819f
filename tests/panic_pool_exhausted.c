/* A task that must grow when the pool has no block big enough panics,
 * naming itself, rather than corrupting anything. Three hogs hold three
 * quarters of the pool on stacks they were spawned with (never shrunk). */
#include "grow.h"

static int hogs_ready;

static void
hog(void *arg)
{
	(void)arg;
	hogs_ready++;
	for (;;)
		goro_yield();
}

static void
climber(void *arg)
{
	(void)arg;
	while (hogs_ready < 3)
		goro_yield();
	climb(0);
}

int
main(void)
{
	struct goro_pool_info pi;
	struct goro_opts h = {.name = "hog"};
	struct goro_opts c = {.name = "climber", .stack_size = 1};
	int i;

	goro_pool_info(&pi);
	h.stack_size = pi.total / 4;
	c.max_stack = pi.total;
	for (i = 0; i < 3; i++)
		CHECK(goro_go_opts(hog, NULL, &h) > 0);
	CHECK(goro_go_opts(climber, NULL, &c) > 0);
	goro_run();
	return 1;
}
