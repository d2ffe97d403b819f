/* Closing a closed channel is a panic. */
#include "check.h"
#include "goro.h"

static struct goro_chan c;

static void
closer(void *arg)
{
	(void)arg;
	goro_chan_close(&c);
	goro_chan_close(&c);
}

int
main(void)
{
	struct goro_opts o = {.name = "double-closer"};

	goro_chan_init(&c, NULL, sizeof(int), 0);
	goro_go_opts(closer, NULL, &o);
	goro_run();
	return 1;
}
