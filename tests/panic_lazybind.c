/* Linked with -Wl,-z,lazy and without dependency('goro')'s -Wl,-z,now: the host
 * board must refuse to start, before any task runs, rather than let the
 * lazy binder run on a task's small stack. */
#include "check.h"

static void
task(void *arg)
{
	(void)arg;
}

int
main(void)
{
	goro_go(task, NULL);
	goro_run();
	printf("FAIL: a lazily bound program ran\n");
	return 1;
}
