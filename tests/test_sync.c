/* Wait group with 100 tasks; a mutex contended by 50 tasks that yield
 * inside the critical section keeps a counter exact; a semaphore. */
#include "check.h"
#include "goro.h"
#include "goro_config.h"

static struct goro_wg wg;
static struct goro_mutex mu;
static struct goro_sema sem;
static int done_jobs, counter, inside, max_inside;

/* 100 jobs and 50 contenders where the task table holds them (with the
 * two waiters, main's tasks), fewer on a small board. */
#define MIN(a, b)  ((a) < (b) ? (a) : (b))
#define JOBS       MIN(100, GORO_MAX_TASKS - 2)
#define CONTENDERS MIN(50, GORO_MAX_TASKS)

static void
job(void *arg)
{
	(void)arg;
	goro_yield();
	SHARED_INC(done_jobs); /* jobs may run in parallel */
	goro_wg_done(&wg);
}

static void
waiter(void *arg)
{
	(void)arg;
	goro_wg_wait(&wg);
	CHECK_EQ(done_jobs, JOBS);
}

static void
contender(void *arg)
{
	int i, v;

	(void)arg;
	for (i = 0; i < 20; i++) {
		goro_mutex_lock(&mu);
		inside++;
		if (inside > max_inside)
			max_inside = inside;
		v = counter;
		goro_yield(); /* everyone else runs, and must wait */
		counter = v + 1;
		inside--;
		goro_mutex_unlock(&mu);
	}
}

static void
holder(void *arg)
{
	(void)arg;
	CHECK_EQ(goro_mutex_trylock(&mu), GORO_OK);
	goro_yield(); /* the trier finds it held */
	goro_mutex_unlock(&mu);
}

static void
trier(void *arg)
{
	(void)arg;
	CHECK_EQ(goro_mutex_trylock(&mu), GORO_EWOULDBLOCK);
	goro_yield();
	CHECK_EQ(goro_mutex_trylock(&mu), GORO_OK);
	goro_mutex_unlock(&mu);
}

static int sem_got;

static void
sem_taker(void *arg)
{
	(void)arg;
	goro_sema_wait(&sem);
	SHARED_INC(sem_got);
}

static void
sem_giver(void *arg)
{
	(void)arg;
	CHECK_EQ(goro_sema_trywait(&sem), GORO_EWOULDBLOCK);
	CHECK_EQ(goro_sema_timedwait(&sem, 1000), GORO_ETIMEDOUT);
	goro_sema_post(&sem);
	goro_sema_post(&sem);
	goro_sema_post(&sem);
}

int
main(void)
{
	int i;

	goro_wg_add(&wg, JOBS);
	for (i = 0; i < JOBS; i++)
		CHECK(goro_go(job, NULL) > 0);
	goro_go(waiter, NULL);
	goro_go(waiter, NULL);
	goro_run();
	CHECK_EQ(wg.count, 0);

	for (i = 0; i < CONTENDERS; i++)
		CHECK(goro_go(contender, NULL) > 0);
	goro_run();
	CHECK_EQ(counter, CONTENDERS * 20);
	CHECK_EQ(max_inside, 1);
	goro_go_cpu0(holder, NULL); /* the trier finds it held: one CPU's order */
	goro_go_cpu0(trier, NULL);
	goro_run();

	goro_sema_init(&sem, 0);
	for (i = 0; i < 3; i++)
		goro_go(sem_taker, NULL);
	goro_go(sem_giver, NULL);
	goro_run();
	CHECK_EQ(sem_got, 3);
	printf("ok sync\n");
	return 0;
}
