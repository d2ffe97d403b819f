/*
 * Tasks alive at once: the board's declared figure (GORO_TASKS_ALIVE,
 * boards/<board>/meson.build 'tasks_alive') of tasks, each spawned on the
 * smallest stack, all parked on one channel at the same time, then each
 * run to completion. Fewer fitting (the pool, the table or the guard zone
 * grew) fails a spawn, a growth (the pool is full: a panic) or the count.
 */
#include "check.h"
#include "goro_config.h"

#define N GORO_TASKS_ALIVE
_Static_assert(N <= GORO_MAX_TASKS, "the declared figure fits the task table");

static struct goro_chan ch;
static int nparked, done, together;

/* The last task's select records, static: every task has only the few
 * words its smallest stack holds above the guard zone, and none can grow
 * (the figure fills the pool). */
static struct goro_case cs;
static int one = 1, got, vals[N];

/* The last task to run: parks on ch too until a timeout (where the board
 * has a clock: then all N were parked on it at once), then hands each of
 * the others a value. */
__attribute__((noinline)) static void
release(void)
{
	CHECK(nparked == N - 1);
#if GORO_BOARD_TIME
	cs.chan = &ch;
	cs.dir = GORO_RECV;
	cs.elem = &got;
	CHECK(goro_select(&cs, 1, 1000) == GORO_ETIMEDOUT);
	together = 1;
#endif
	while (nparked > 0) {
		CHECK(goro_chan_send(&ch, &one) == 0);
		nparked--;
	}
}

/* Its frame is a few words: what it receives goes to static storage,
 * and CHECK, not CHECK_EQ (whose long longs take stack), here and in
 * release. */
static void
parker(void *arg)
{
	intptr_t i = (intptr_t)arg;

	if (i < N - 1) {
		nparked++;
		CHECK(goro_chan_recv(&ch, &vals[i]) == 0);
		CHECK(vals[i] == 1);
	} else {
		release();
	}
	done++;
}

int
main(void)
{
	/* On CPU 0: the last one counts the others parked, in one CPU's order
	 * (what is measured is memory, the same on any CPU). */
	struct goro_opts o = {.name = "parker", .stack_size = 1, .flags = GORO_PIN_CPU, .cpu = 0};
	struct goro_pool_info pi;
	intptr_t i;

	goro_pool_info(&pi);
	CHECK_EQ(pi.min_block, GORO_MIN_BLOCK);
	goro_chan_init(&ch, NULL, sizeof(int), 0);
	for (i = 0; i < N; i++)
		CHECK(goro_go_opts(parker, (void *)i, &o) > 0);
	goro_run();
	CHECK_EQ(done, N);
	CHECK_EQ(together, GORO_BOARD_TIME);
	CHECK_POOL_WHOLE();
	printf("ok alive: %d tasks parked on a channel at once, %d-byte stacks\n", N - !together,
	       GORO_MIN_BLOCK);
	return 0;
}
