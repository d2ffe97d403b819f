/* 1000 tasks spawned and finished, twice: once by a spawner task that
 * yields whenever the table or pool is full, once by main in batches with a
 * goro_run per batch. Every task must run exactly once and the pool must be
 * whole at the end. */
#include "check.h"
#include "goro.h"
#include "goro_config.h"

#define TOTAL 1000
#define BATCH (GORO_MAX_TASKS < 100 ? GORO_MAX_TASKS : 100)

static int ran[TOTAL];
static int full; /* times the spawner saw GORO_ENOMEM */

static void
worker(void *arg)
{
	int i = (int)(intptr_t)arg;

	goro_yield();
	ran[i]++;
}

static void
spawner(void *arg)
{
	int i = 0, id;

	(void)arg;
	while (i < TOTAL) {
		id = goro_go(worker, (void *)(intptr_t)i);
		if (id == GORO_ENOMEM) {
			full++;
			goro_yield();
			continue;
		}
		CHECK(id > 0);
		i++;
	}
}

int
main(void)
{
	int i, b;

	CHECK(goro_go(spawner, NULL) > 0);
	goro_run();
	for (i = 0; i < TOTAL; i++)
		CHECK_EQ(ran[i], 1);
	/* With fewer slots than tasks, the spawner must have hit the limit. */
	if (GORO_MAX_TASKS < TOTAL)
		CHECK(full > 0);
	CHECK_POOL_WHOLE();

	for (b = 0; b < TOTAL; b += BATCH) {
		for (i = b; i < b + BATCH && i < TOTAL; i++)
			CHECK(goro_go(worker, (void *)(intptr_t)i) > 0);
		goro_run();
	}
	for (i = 0; i < TOTAL; i++)
		CHECK_EQ(ran[i], 2);
	CHECK_POOL_WHOLE();
	printf("ok many (spawner saw a full table or pool %d times)\n", full);
	return 0;
}
