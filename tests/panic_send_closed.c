/* Send on a closed channel is a panic. */
#include "check.h"
#include "goro.h"

static struct goro_chan c;
static int slot;

static void
sender(void *arg)
{
	int v = 1;

	(void)arg;
	goro_chan_close(&c);
	goro_chan_send(&c, &v);
}

int
main(void)
{
	struct goro_opts o = {.name = "late-sender"};

	goro_chan_init(&c, &slot, sizeof slot, 1);
	goro_go_opts(sender, NULL, &o);
	goro_run();
	return 1;
}
