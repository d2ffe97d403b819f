/*
 * Memory: the control block per task, the smallest stack, and how many
 * tasks are alive at once before the table or the pool runs out: first
 * spawned on the smallest stack and not yet run, then spawned the same
 * way and all parked on one channel at once, each run to completion.
 */
#include <stdio.h>

#include "goro.h"
#include "rt.h"

static struct goro_chan ch;
static int nparked, spawned, done;

static void
nothing(void *arg)
{
	(void)arg;
}

/* The last parker: parks on ch too (in a select with a timeout, where the
 * board has a clock), then hands every other one a value. Its records are
 * static: on the smallest stack a task has only a few words above the
 * guard zone, and this one must not grow either (the pool is full). */
static struct goro_case cs;
static int one = 1, got, together;

static void
release(void)
{
#if GORO_BOARD_TIME
	cs = (struct goro_case){.chan = &ch, .dir = GORO_RECV, .elem = &got};
	together = goro_select(&cs, 1, 1000) == GORO_ETIMEDOUT; /* all parked on ch at once */
#endif
	while (nparked > 0 && goro_chan_send(&ch, &one) == 0)
		nparked--;
}

/* Parks on ch, but for the last one to run, which releases the others. */
static void
parker(void *arg)
{
	int v = -1;

	(void)arg;
	if (nparked < spawned - 1) {
		nparked++;
		if (goro_chan_recv(&ch, &v) == 0 && v == 1)
			done++;
		return;
	}
	release();
	done++;
}

int
main(void)
{
	struct goro_pool_info pi;
	struct goro_opts o = {.stack_size = 1};
	int n = 0, parked;

	goro_pool_info(&pi);
	while (goro_go_opts(nothing, NULL, &o) > 0)
		n++;
	goro_run();

	goro_chan_init(&ch, NULL, sizeof(int), 0);
	while (goro_go_opts(parker, NULL, &o) > 0)
		spawned++;
	goro_run();
	/* All parked on ch at once: with a clock the last one too, else all
	 * but it. Each ran to completion, or the figure is 0. */
	parked = done == spawned ? spawned - !together : 0;

	printf("mem tcb_bytes %u\n", (unsigned)sizeof(struct g));
	printf("mem min_stack %u\n", (unsigned)pi.min_block);
	printf("mem pool_bytes %u\n", (unsigned)pi.total);
	printf("mem table_entries %u\n", (unsigned)GORO_MAX_TASKS);
	printf("mem tasks_alive %d\n", n);
	printf("mem tasks_parked %d\n", parked);
	return 0;
}
