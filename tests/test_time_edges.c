/*
 * Time arithmetic at its edges:
 *   - a timer started with the largest delay never fires (now + after
 *     used to overflow and fire at once);
 *   - a board timer that fires before the deadline (here: cancelled and
 *     its interrupt run by hand) is armed again, so a sleeper still wakes;
 *   - a ticker after a long stall skips the missed periods and keeps its
 *     grid;
 *   - a long sleep comes back on time: LONG_SLEEP_S seconds, past the
 *     wrap of a 32-bit board clock (134.2 s on the CMSDK timers) where time is
 *     virtual (QEMU with -icount), so that a double-counted wrap shows.
 */
#include "board.h"
#include "check.h"

#ifndef LONG_SLEEP_S
#define LONG_SLEEP_S 1
#endif

static struct goro_timer never, tick;
static int woke;

static void
sleeper(void *arg)
{
	uint64_t t0 = goro_now_us();

	(void)arg;
	goro_sleep_us(20000);
	CHECK(goro_now_us() - t0 >= 20000);
	woke = 1;
}

/* Runs while the sleeper is parked: the board's one-shot is spent early. */
static void
early_fire(void *arg)
{
	(void)arg;
	goro_board_timer_set(UINT64_MAX);
	goro_timer_isr();
}

static void
edges(void *arg)
{
	uint64_t v, t0, t1, t2, period = 1000;

	(void)arg;
	/* The largest delay: pending, never fired. */
	goro_timer_start(&never, UINT64_MAX, 0);
	goro_sleep_us(5000);
	CHECK_EQ(goro_chan_tryrecv(goro_timer_chan(&never), &v), GORO_EWOULDBLOCK);
	CHECK_EQ(goro_timer_stop(&never), 1);

	/* The largest delay and period, started again: still never fires. */
	goro_timer_start(&never, UINT64_MAX - 1, UINT64_MAX - 1);
	goro_sleep_us(5000);
	CHECK_EQ(goro_chan_tryrecv(goro_timer_chan(&never), &v), GORO_EWOULDBLOCK);
	CHECK_EQ(goro_timer_stop(&never), 1);

	/* A ticker, then a stall of 50 periods without a scheduling point. */
	t0 = goro_now_us();
	goro_timer_start(&tick, period, period);
	while (goro_now_us() - t0 < 50 * period)
		;
	CHECK_EQ(goro_chan_recv(goro_timer_chan(&tick), &t1), 0);
	CHECK(t1 >= t0 + 50 * period);
	CHECK_EQ(goro_chan_recv(goro_timer_chan(&tick), &t2), 0);
	CHECK(t2 > t1);
	CHECK(t2 - t1 < 25 * period); /* the next one on the grid, not a burst */
	CHECK_EQ(goro_timer_stop(&tick), 1);

	/* A long sleep. */
	t0 = goro_now_us();
	goro_sleep_us((uint64_t)LONG_SLEEP_S * 1000000u);
	t1 = goro_now_us() - t0;
	CHECK(t1 >= (uint64_t)LONG_SLEEP_S * 1000000u);
	CHECK(t1 < (uint64_t)LONG_SLEEP_S * 1000000u + (uint64_t)LONG_SLEEP_S * 10000u + 200000u);
}

int
main(void)
{
	goro_go(sleeper, NULL);
	goro_go(early_fire, NULL);
	goro_go(edges, NULL);
	goro_run();
	CHECK(woke);
	printf("ok time_edges (long sleep %d s)\n", LONG_SLEEP_S);
	return 0;
}
