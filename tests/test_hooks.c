/*
 * The board's hooks, overridden by application code (goro_board.h):
 * goro_board_early_init runs before main, and goro_board_idle is what the
 * scheduler calls when nothing can run (here it counts, then sleeps as the
 * default does, through the port's port_idle).
 */
#include "check.h"
#include "goro.h"
#include "goro_board.h"
#include "sp.h"

static volatile int early_calls, main_started;
static int idle_calls; /* every CPU idles: SHARED_INC */
static volatile int early_before_main;

void
goro_board_early_init(void)
{
	early_calls++;
	early_before_main = !main_started;
}

void
goro_board_idle(void)
{
	SHARED_INC(idle_calls);
	port_idle();
}

static int sleeps;

/* Nothing else runs meanwhile: the CPU idles in each sleep, unless the
 * sleep's deadline passed before the scheduler looked, which a host
 * loaded enough (valgrind, a busy machine) can make happen. So it sleeps
 * until it has seen two idles, at most 20 times. */
static void
sleeper(void *arg)
{
	(void)arg;
	for (sleeps = 0; sleeps < 20 && SHARED_GET(idle_calls) < 2; sleeps++)
		goro_sleep_us(2000);
}

int
main(void)
{
	main_started = 1;
	CHECK_EQ(early_calls, 1);
	CHECK(early_before_main);
	CHECK(goro_go(sleeper, NULL) > 0);
	goro_run();
	CHECK(SHARED_GET(idle_calls) >= 2);
	printf("ok hooks (early init once, %d idles in %d sleeps)\n", SHARED_GET(idle_calls),
	       sleeps);
	return 0;
}
