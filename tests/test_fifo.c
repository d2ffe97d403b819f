/* Runnable tasks run in FIFO order: spawn order first, then the order in
 * which they yield; a task spawned by a task joins the tail. */
#include "check.h"
#include "goro.h"

#define N 5

static int log_[4 * N], nlog;

static void
child(void *arg)
{
	log_[nlog++] = (int)(intptr_t)arg;
}

static void
worker(void *arg)
{
	int me = (int)(intptr_t)arg;

	log_[nlog++] = me;
	goro_yield();
	log_[nlog++] = 10 + me;
	if (me == 0)
		CHECK(goro_go_cpu0(child, (void *)(intptr_t)100) > 0);
	goro_yield();
	log_[nlog++] = 20 + me;
}

int
main(void)
{
	/* The child is queued behind workers 1-4, ahead of worker 0. */
	static const int want[] = {0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 100, 20, 21, 22, 23, 24};
	int i;

	for (i = 0; i < N; i++)
		CHECK(goro_go_cpu0(worker, (void *)(intptr_t)i) > 0);
	goro_run();
	CHECK_EQ(nlog, (int)(sizeof want / sizeof want[0]));
	for (i = 0; i < nlog; i++)
		CHECK_EQ(log_[i], want[i]);
	CHECK_POOL_WHOLE();
	printf("ok fifo\n");
	return 0;
}
