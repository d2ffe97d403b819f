/* goro_run from inside a task is a panic that says why and names the task. */
#include "check.h"
#include "goro.h"

static void
nested(void *arg)
{
	(void)arg;
	goro_run();
	printf("FAIL: goro_run returned inside a task\n");
	exit(1);
}

int
main(void)
{
	struct goro_opts o = {.name = "nester"};

	CHECK(goro_go_opts(nested, NULL, &o) > 0);
	goro_run();
	return 1;
}
