/* A task spawned with GORO_FIXED_STACK never moves; running short is a
 * panic naming it. */
#include <string.h>

#include "check.h"
#include "goro.h"

__attribute__((noinline)) static int
climb(int n)
{
	volatile char pad[100];

	memset((char *)pad, n, sizeof pad);
	if (n > 1000000000) /* never: keeps the compiler from calling it endless */
		return 0;
	return climb(n + 1) + pad[1];
}

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
