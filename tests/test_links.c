/*
 * A program that keeps no time and prints nothing: two tasks and one
 * unbuffered channel. tests/links.py reads what it linked (no clock, no
 * timers, no select, no printf: runtime/board.h, "clock only with time");
 * run, it checks the sum it was handed and says so by its exit status
 * alone, since a message would link the printf family.
 */
#include "goro.h"

#define N 50

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
