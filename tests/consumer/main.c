/* An application built against goro from outside: four tasks each sum a
 * quarter of 1..1000, yielding between steps; main checks the total. */
#include <stdio.h>

#include "goro.h"

static long partial[4];

static void
summer(void *arg)
{
	int q = (int)(long)arg, i;

	for (i = q * 250 + 1; i <= (q + 1) * 250; i++) {
		partial[q] += i;
		if (i % 50 == 0)
			goro_yield();
	}
}

int
main(void)
{
	long total = 0;
	int q;

	for (q = 0; q < 4; q++)
		if (goro_go(summer, (void *)(long)q) <= 0)
			return 1;
	goro_run();
	for (q = 0; q < 4; q++)
		total += partial[q];
	printf("consumer: total %ld\n", total);
	return total == 500500 ? 0 : 1;
}
