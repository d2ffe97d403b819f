/*
 * Everything at once, at random: tasks pass tokens around a ring of
 * channels through selects with and without timeouts, recurse to random
 * depths between operations (so stacks grow, move and shrink while other
 * tasks are parked on those channels), sleep now and then, and with
 * checks=2 every 5th stack check moves the stack anyway. Tokens are never
 * made or lost: at the end every token is back, each exactly once, and
 * the pool is whole.
 */
#include <string.h>

#include "grow.h"

#define NCHAN      4
#define TOKENS     8
#define MAXWORKERS 6
#define ROUNDS     300

static struct goro_chan ring[NCHAN];
static uint32_t ringbuf[NCHAN][4];
static int seen[TOKENS];
static int workers_done, depth_max, WORKERS;

static uint32_t
rnd(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

/* Recursion that checks, at every level, that the pointer it got still
 * reaches its caller's local: wherever the stack has moved since. */
__attribute__((noinline)) static int
dig(int n, const volatile int *up, int want)
{
	volatile char pad[64];
	volatile int here = n;

	memset((char *)pad, n, sizeof pad);
	CHECK_EQ(*up, want);
	if (n == 0)
		return 0;
	return dig(n - 1, &here, n) + pad[0] - (char)n;
}

static void
worker(void *arg)
{
	uint32_t s = 7u + (uint32_t)(uintptr_t)arg * 1013u, tok = 0;
	int holding = 0, r, i;

	for (i = 0; i < ROUNDS; i++) {
		int a = (int)(rnd(&s) % NCHAN), b = (int)(rnd(&s) % NCHAN);
		struct goro_case cs[2] = {
		        /* Holding a token: only the send may proceed; else only the
		         * receive (the other case is a nil channel). */
		        {.chan = holding ? NULL : &ring[a], .dir = GORO_RECV, .elem = &tok},
		        {.chan = holding ? &ring[b] : NULL, .dir = GORO_SEND, .elem = &tok},
		};
		/* Poll, or wait up to 1 or 2 ms: never for ever, since a holder
		 * waiting on a full channel and a taker on an empty one would
		 * be a true deadlock (which goro_run would report). */
		int64_t timeout = (int64_t)(rnd(&s) % 3) * 1000;
		volatile int top = -1;

		/* Use some stack before and after waiting. */
		CHECK_EQ(dig((int)(rnd(&s) % (unsigned)depth_max), &top, -1), 0);
		r = goro_select(cs, 2, timeout);
		if (r == 0) {
			CHECK(!holding);
			CHECK(tok < TOKENS);
			holding = 1;
		} else if (r == 1) {
			holding = 0;
		} else {
			CHECK(r == GORO_EWOULDBLOCK || r == GORO_ETIMEDOUT);
		}
		if (rnd(&s) % 16 == 0)
			goro_sleep_us(rnd(&s) % 500);
		else
			goro_yield();
	}
	/* Put a token we hold back where the checker finds it. */
	while (holding && goro_chan_trysend(&ring[rnd(&s) % NCHAN], &tok) != 0)
		goro_yield();
	workers_done++;
}

int
main(void)
{
	struct goro_pool_info pi;
	uint32_t t;
	int i, k;

	goro_pool_info(&pi);
	/* Six workers, or as many as a small pool has room for, each with
	 * its stack at twice the smallest block and the move's other copy. */
	WORKERS = (int)(pi.total / pi.min_block / 3);
	if (WORKERS > MAXWORKERS)
		WORKERS = MAXWORKERS;
	if (WORKERS < 2)
		WORKERS = 2;
	/* Deep enough to grow from the smallest stack, shallow enough that
	 * every worker fits in the pool at its deepest. */
	depth_max = (int)(pi.min_block / 40) + 2;
	if ((size_t)WORKERS * 4 * (size_t)depth_max * 120 > pi.total / 2)
		depth_max = (int)(pi.total / 2 / (WORKERS * 4 * 120)) + 1;
	goro_debug_move_every(5); /* GORO_EPERM without checks=2: fine */
	for (i = 0; i < NCHAN; i++)
		goro_chan_init(&ring[i], ringbuf[i], sizeof(uint32_t), 4);
	for (t = 0; t < TOKENS; t++)
		CHECK_EQ(goro_chan_trysend(&ring[t % NCHAN], &t), 0);
	for (i = 0; i < WORKERS; i++)
		spawn_small(worker, (void *)(intptr_t)i, "worker", 0);
	goro_run();
	goro_debug_move_every(0);
	CHECK_EQ(workers_done, WORKERS);
	for (i = 0; i < NCHAN; i++)
		while (goro_chan_tryrecv(&ring[i], &t) == 0) {
			CHECK(t < TOKENS);
			seen[t]++;
		}
	for (k = 0; k < TOKENS; k++)
		CHECK_EQ(seen[k], 1);
	CHECK_POOL_WHOLE();
	printf("ok stress (%d workers, %d rounds, depth up to %d)\n", WORKERS, ROUNDS, depth_max);
	return 0;
}
