/*
 * Memory: the control block per task, the smallest stack, and how many
 * tasks are alive at once before the table or the pool runs out (spawned
 * on the smallest stack and left parked on a semaphore-free wait: they
 * simply have not run yet).
 */
#include <stdio.h>

#include "goro.h"
#include "rt.h"

static void
nothing(void *arg)
{
	(void)arg;
}

int
main(void)
{
	struct goro_pool_info pi;
	struct goro_opts o = {.stack_size = 1};
	int n = 0;

	goro_pool_info(&pi);
	while (goro_go_opts(nothing, NULL, &o) > 0)
		n++;
	printf("mem tcb_bytes %u\n", (unsigned)sizeof(struct g));
	printf("mem min_stack %u\n", (unsigned)pi.min_block);
	printf("mem pool_bytes %u\n", (unsigned)pi.total);
	printf("mem table_entries %u\n", (unsigned)GORO_MAX_TASKS);
	printf("mem tasks_alive %d\n", n);
	goro_run();
	return 0;
}
