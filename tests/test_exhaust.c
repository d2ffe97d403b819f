/* Exhaustion is an error code, never a crash, and the runtime keeps working:
 * fill the task table, then the stack pool, run everything, spawn again. */
#include "check.h"
#include "goro.h"
#include "goro_config.h"

static int ran;

static void
worker(void *arg)
{
	(void)arg;
	SHARED_INC(ran); /* workers may run in parallel */
}

int
main(void)
{
	struct goro_pool_info pi;
	struct goro_opts big = {.name = "big"};
	int n = 0, id;

	/* The table: smallest stacks, so the table runs out first. */
	struct goro_opts small = {.name = "small", .stack_size = 1};
	goro_pool_info(&pi);
	CHECK((size_t)GORO_MAX_TASKS * pi.min_block <= pi.total);
	while ((id = goro_go_opts(worker, NULL, &small)) > 0)
		n++;
	CHECK_EQ(id, GORO_ENOMEM);
	CHECK_EQ(n, GORO_MAX_TASKS);
	CHECK_EQ(goro_go(worker, NULL), GORO_ENOMEM); /* still full, still fine */
	goro_run();
	CHECK_EQ(ran, n);
	CHECK_POOL_WHOLE();

	/* The pool: quarter-pool stacks, so exactly four fit. */
	ran = 0;
	n = 0;
	big.stack_size = pi.total / 4;
	while ((id = goro_go_opts(worker, NULL, &big)) > 0)
		n++;
	CHECK_EQ(id, GORO_ENOMEM);
	CHECK_EQ(n, 4);
	goro_pool_info(&pi);
	CHECK_EQ(pi.free, 0);
	CHECK_EQ(pi.largest_free, 0);
	goro_run();
	CHECK_EQ(ran, 4);
	CHECK_POOL_WHOLE();

	/* And after all that, an ordinary spawn works. */
	CHECK(goro_go(worker, NULL) > 0);
	goro_run();
	CHECK_EQ(ran, 5);
	CHECK_POOL_WHOLE();
	printf("ok exhaust\n");
	return 0;
}
