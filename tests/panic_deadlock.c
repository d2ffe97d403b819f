/* Every task blocked, no timer, no interrupt source: goro_run reports the
 * deadlock and names the blocked tasks instead of hanging. READERS of
 * them (panic_deadlock_many.c: more than the report has room for, whose
 * tail then says so: " ...)"). */
#include "check.h"
#include "goro.h"

#ifndef READERS
#define READERS 2
#endif

static const char *const names[] = {"reader-a", "reader-b", "reader-c", "reader-d",
                                    "reader-e", "reader-f", "reader-g", "reader-h"};
_Static_assert(READERS <= sizeof names / sizeof names[0], "a name per reader");

static struct goro_chan never;

static void
stuck(void *arg)
{
	int v;

	(void)arg;
	goro_chan_recv(&never, &v);
}

int
main(void)
{
	int i;

	goro_chan_init(&never, NULL, sizeof(int), 0);
	for (i = 0; i < READERS; i++) {
		struct goro_opts o = {.name = names[i]};

		CHECK(goro_go_opts(stuck, NULL, &o) > 0);
	}
	goro_run();
	return 1;
}
