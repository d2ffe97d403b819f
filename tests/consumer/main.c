/* An application built against goro from outside, at the consumer's own
 * buildtype (meson's default, debug: -O0): four tasks each sum a quarter
 * of 1..1000, ten numbers at a time through a recursion that makes the
 * smallest stacks grow, yielding between steps, and send their sums over a
 * channel; main checks the total. */
#include <stdio.h>

#include "goro.h"

static struct goro_chan sums;
static long sumbuf[4];

/* The sum of lo..hi, one frame per number, with a little array in each. */
static long
sum_range(int lo, int hi)
{
	int scratch[4] = {lo, hi, lo + hi, 0};

	if (lo > hi)
		return 0;
	return scratch[0] + sum_range(lo + 1, scratch[1]);
}

static void
summer(void *arg)
{
	int q = (int)(long)arg, i;
	long s = 0;

	for (i = q * 250 + 1; i <= (q + 1) * 250; i += 10) {
		s += sum_range(i, i + 9);
		goro_yield();
	}
	goro_chan_send(&sums, &s);
}

int
main(void)
{
	long total = 0, s;
	int q;

	goro_chan_init(&sums, sumbuf, sizeof(long), 4);
	for (q = 0; q < 4; q++)
		if (goro_go(summer, (void *)(long)q) <= 0)
			return 1;
	goro_run();
	for (q = 0; q < 4; q++) {
		if (goro_chan_tryrecv(&sums, &s) != 0)
			return 1;
		total += s;
	}
	printf("consumer: total %ld\n", total);
	return total == 500500 ? 0 : 1;
}
