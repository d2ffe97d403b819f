/*
 * Misuse that must end in a clear panic, one case per build (MISUSE is set
 * by tests/meson.build, which also holds the message each must print).
 */
#include "check.h"
#include "goro.h"
#include "goro_config.h"

static struct goro_chan c;
static struct goro_wg wg;
static struct goro_mutex mu;

static void
holder(void *arg)
{
	(void)arg;
	goro_mutex_lock(&mu);
	goro_yield(); /* the other task runs while we hold it */
	goro_mutex_unlock(&mu);
}

static void
stranger(void *arg)
{
	(void)arg;
	goro_mutex_unlock(&mu); /* held by the holder, not by us */
}

static void
waiter(void *arg)
{
	int v;

	goro_chan_recv(arg, &v);
}

static void
misuse(void *arg)
{
	static struct goro_timer timers[GORO_MAX_TIMERS + 1];
	struct goro_chan *pc;
	int i;

	(void)arg;
	switch (MISUSE) {
	case 1:
		goro_chan_close(NULL);
		break;
	case 2:
		goro_wg_add(&wg, 1);
		goro_wg_add(&wg, -2);
		break;
	case 3:
		goro_mutex_unlock(&mu);
		break;
	case 4:
		goro_go(holder, NULL);
		goro_go(stranger, NULL);
		goro_yield();
		goro_yield();
		break;
	case 5:
		goro_mutex_lock(&mu);
		goro_mutex_lock(&mu);
		break;
	case 6:
		goro_chan_init(&c, NULL, sizeof(int), 0);
		goro_chan_free(&c);
		break;
	case 7:
		pc = goro_chan_new(sizeof(int), 0);
		goro_go(waiter, pc);
		goro_yield(); /* the waiter parks on pc */
		goro_chan_free(pc);
		break;
	case 8:
		for (i = 0; i <= GORO_MAX_TIMERS; i++)
			goro_timer_start(&timers[i], 1000000, 0);
		break;
	}
	printf("FAIL: misuse %d did not panic\n", MISUSE);
	exit(1);
}

int
main(void)
{
	struct goro_opts o = {.name = "misuser"};
	int v;

	if (MISUSE == 9)
		goro_chan_recv(&c, &v); /* main is not a task: it cannot wait */
	goro_go_opts(misuse, NULL, &o);
	goro_run();
	return 1;
}
