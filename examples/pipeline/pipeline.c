/*
 * pipeline: numbers flow through stages connected by channels. A
 * generator sends 2..N; each prime stage keeps the first number it gets (a
 * prime), passes on the ones it does not divide, and spawns the next
 * stage on demand: the concurrent prime sieve, in goro.
 */
#include <stdio.h>

#include "goro.h"

#define LIMIT 200

struct stage {
	struct goro_chan in;
	int slot[4];
};

static struct stage stages[64];
static int nstages;

static void
generate(void *arg)
{
	struct goro_chan *out = arg;
	int i;

	for (i = 2; i <= LIMIT; i++)
		goro_chan_send(out, &i);
	goro_chan_close(out);
}

static void
filter(void *arg)
{
	struct stage *me = arg, *next = NULL;
	int prime, v, full = 0;

	if (goro_chan_recv(&me->in, &prime) != 0)
		return;
	printf("%d ", prime);
	while (goro_chan_recv(&me->in, &v) == 0) {
		if (v % prime == 0)
			continue;
		if (next == NULL && !full) {
			if (nstages < (int)(sizeof stages / sizeof stages[0])) {
				next = &stages[nstages];
				goro_chan_init(&next->in, next->slot, sizeof(int), 4);
				if (goro_go(filter, next) > 0)
					nstages++;
				else
					next = NULL;
			}
			if (next == NULL) {
				/* No room for another stage (a small board's task
				 * table): keep draining, so the stages upstream
				 * can finish, but sieve no further. */
				full = 1;
				printf("(out of tasks after %d) ", prime);
			}
		}
		if (next)
			goro_chan_send(&next->in, &v);
	}
	if (next)
		goro_chan_close(&next->in);
}

int
main(void)
{
	struct stage *first = &stages[nstages++];

	goro_chan_init(&first->in, first->slot, sizeof(int), 4);
	goro_go(generate, &first->in);
	goro_go(filter, first);
	goro_run();
	printf("\n%d primes found, one task each\n", nstages);
	return 0;
}
