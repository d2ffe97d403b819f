/* Every task blocked, no timer, no interrupt source: goro_run reports the
 * deadlock and names the blocked tasks instead of hanging. */
#include "check.h"
#include "goro.h"

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
	struct goro_opts a = {.name = "reader-a"}, b = {.name = "reader-b"};

	goro_chan_init(&never, NULL, sizeof(int), 0);
	goro_go_opts(stuck, NULL, &a);
	goro_go_opts(stuck, NULL, &b);
	goro_run();
	return 1;
}
