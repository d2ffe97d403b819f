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

/* The Go idiom that breaks when the parent's stack moves: a wait group
 * local to the parent, handed to the workers. */
static void
wg_worker(void *arg)
{
	goro_wg_done(arg);
}

static const int *volatile kept; /* a global that must not point into a stack */

__attribute__((noinline)) static int
call_deeper(int n)
{
	volatile int x = n;

	return n > 0 ? call_deeper(n - 1) + x : x;
}

static void
misuse(void *arg)
{
	static struct goro_timer timers[GORO_MAX_TIMERS + 1];
	struct goro_chan *pc, local_chan;
	struct goro_wg local_wg = {0};
	struct goro_mutex local_mu = {0};
	struct goro_sema local_sema;
	struct goro_timer local_timer = {0};
	int i, here = 42, *herep = &here;

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
		goro_go_cpu0(holder, NULL); /* one CPU: the holder locks first */
		goro_go_cpu0(stranger, NULL);
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
		goro_go_cpu0(waiter, pc);
		goro_yield(); /* the waiter parks on pc */
		goro_chan_free(pc);
		break;
	case 8:
		for (i = 0; i <= GORO_MAX_TIMERS; i++)
			goro_timer_start(&timers[i], 1000000, 0);
		break;
	case 10:
		goro_chan_init(&local_chan, NULL, sizeof(int), 0);
		break;
	case 11:
		goro_wg_add(&local_wg, 1);
		goro_go(wg_worker, &local_wg);
		goro_wg_wait(&local_wg);
		break;
	case 12:
		goro_mutex_lock(&local_mu);
		break;
	case 13:
		goro_sema_init(&local_sema, 0);
		break;
	case 14:
		goro_timer_start(&local_timer, 1000, 0);
		break;
	case 17:
		pc = goro_chan_new(sizeof(int), 2);
		goro_chan_free(pc);
		goro_chan_free(pc);
		break;
	case 15:
		/* A pointer to a local kept in a global: the next move leaves it
		 * pointing into the freed block. */
		kept = &here;
		goro_debug_move_every(1);
		call_deeper(3);
		break;
	case 16:
		/* The same, sent through a pooled channel nobody has read yet. */
		pc = goro_chan_new(sizeof(void *), 1);
		goro_chan_send(pc, &herep);
		goro_debug_move_every(1);
		call_deeper(3);
		break;
	}
	(void)kept;
	printf("FAIL: misuse %d did not panic\n", MISUSE);
	exit(1);
}

int
main(void)
{
	/* On CPU 0, with the tasks it spawns: its cases count on one CPU's order
	 * (its yields let them run first). */
	struct goro_opts o = {.name = "misuser", .flags = GORO_PIN_CPU, .cpu = 0};
	int v;

	if (MISUSE == 9)
		goro_chan_recv(&c, &v); /* main is not a task: it cannot wait */
	if (MISUSE == 18)
		goro_mutex_trylock(&mu); /* nor own a mutex */
	goro_go_opts(misuse, NULL, &o);
	goro_run();
	return 1;
}
