/*
 * The tiny firmware of scripts/bench's code-size table: two tasks and one
 * unbuffered channel, no printf of its own. A producer hands 1..N to a
 * consumer, which sums them; main's return value (the exit status) says
 * whether the sum came out right, so the program checks itself when run.
 * tests/meson.build builds it as test_links too, for tests/links.py: it
 * must link no clock, timers, select or printf (runtime/board.h).
 */
#include "goro.h"

#define N 100

static struct goro_chan ch;
static int sum;

static void
producer(void *arg)
{
	int i;

	(void)arg;
	for (i = 1; i <= N; i++)
		goro_chan_send(&ch, &i);
}

static void
consumer(void *arg)
{
	int i, v;

	(void)arg;
	for (i = 0; i < N; i++) {
		goro_chan_recv(&ch, &v);
		sum += v;
	}
}

int
main(void)
{
	goro_chan_init(&ch, NULL, sizeof(int), 0);
	if (goro_go(producer, NULL) < 0 || goro_go(consumer, NULL) < 0)
		return 1;
	goro_run();
	return sum == N * (N + 1) / 2 ? 0 : 1;
}
