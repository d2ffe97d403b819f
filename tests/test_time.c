/* Timers fire in deadline order, sleep returns no earlier than asked, a
 * ticker ticks, a stopped timer stays quiet, a timer started again while
 * it runs moves to its new deadline. */
#include "check.h"
#include "goro.h"

static int order[6], norder;
static uint64_t base; /* every sleeper's deadline counts from here */

static void
sleeper(void *arg)
{
	uint64_t us = (uint64_t)(uintptr_t)arg, now = goro_now_us(), t0 = now;

	/* Until base + us, however late this task got to run (a slow host,
	 * valgrind): the deadlines, not the start times, set the order. */
	goro_sleep_us(base + us > now ? base + us - now : 0);
	CHECK(goro_now_us() >= base + us);
	CHECK(goro_now_us() - t0 >= (base + us > t0 ? base + us - t0 : 0));
	order[norder++] = (int)us;
}

static void
ticker(void *arg)
{
	static struct goro_timer t, quiet;
	uint64_t when, prev = 0, t0 = goro_now_us();
	int i;

	(void)arg;
	goro_timer_start(&t, 1000, 1000);
	for (i = 0; i < 5; i++) {
		CHECK_EQ(goro_chan_recv(goro_timer_chan(&t), &when), 0);
		CHECK(when >= t0 + 1000 * (uint64_t)(i + 1));
		CHECK(when > prev);
		prev = when;
	}
	CHECK_EQ(goro_timer_stop(&t), 1);
	CHECK_EQ(goro_timer_stop(&t), 0);
	goro_timer_start(&quiet, 500, 0);
	CHECK_EQ(goro_timer_stop(&quiet), 1);
	goro_sleep_us(2000);
	CHECK_EQ(goro_chan_tryrecv(goro_timer_chan(&quiet), &when), GORO_EWOULDBLOCK);
}

static struct goro_timer moved[3];

static void
mover_waiter(void *arg)
{
	int i = (int)(intptr_t)arg;
	uint64_t when;

	CHECK_EQ(goro_chan_recv(goro_timer_chan(&moved[i]), &when), 0);
	order[norder++] = i;
}

/* Three timers, two of them started again while they run: one to fire
 * earlier than the rest, one later. Each has a task parked on its channel
 * (the deadlines are 300 ms off, as the sleepers' are, and 25 ms apart),
 * and the order the tasks wake in is the order the timers fired in. */
static void
mover(void *arg)
{
	int i;

	(void)arg;
	goro_timer_start(&moved[0], 350000, 0);
	goro_timer_start(&moved[1], 325000, 0);
	goro_timer_start(&moved[2], 375000, 0);
	goro_timer_start(&moved[0], 300000, 0); /* earlier: now the first */
	goro_timer_start(&moved[1], 400000, 0); /* later: now the last */
	for (i = 0; i < 3; i++)
		goro_go_cpu0(mover_waiter, (void *)(intptr_t)i);
}

int
main(void)
{
	/* 20 ms apart: each sleep is relative, so a stall of the host
	 * between a sleeper's clock read and its sleep's moves its deadline
	 * by as much (1 ms apart, valgrind on a busy machine swapped two). */
	static const uint64_t us[] = {60000, 20000, 100000, 40000, 80000};
	int i;

	/* 300 ms from now: every sleeper is parked by then, even on a slow
	 * and busy host under valgrind, so no deadline has passed before its
	 * sleep begins. (Emulated boards skip idle time: no cost there.) */
	base = goro_now_us() + 300000;
	for (i = 0; i < 5; i++)
		goro_go_cpu0(sleeper, (void *)(uintptr_t)us[i]);
	goro_run();
	CHECK_EQ(norder, 5);
	for (i = 0; i < 5; i++)
		CHECK_EQ(order[i], (i + 1) * 20000);
	goro_go_cpu0(ticker, NULL);
	goro_run();
	norder = 0;
	goro_go_cpu0(mover, NULL);
	goro_run();
	CHECK_EQ(norder, 3);
	CHECK_EQ(order[0], 0);
	CHECK_EQ(order[1], 2);
	CHECK_EQ(order[2], 1);
	printf("ok time\n");
	return 0;
}
