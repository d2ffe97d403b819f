/* A peripheral interrupt wakes a parked task: the mps2 dual timer fires
 * every 2 ms and its handler posts a semaphore; a task waits on it ten
 * times. The CPU idles in between (nothing else runs, no timer is set),
 * and goro does not call that a deadlock: an interrupt can still come. */
#include "check.h"
#include "goro.h"
#include "mps2.h"

#define PERIOD_US 2000

static struct goro_sema irq_sem;
static volatile int fired;

static void
on_tick(void)
{
	fired++;
	goro_sema_post_isr(&irq_sem);
}

static void
waiter(void *arg)
{
	uint64_t t0 = goro_now_us(), prev = t0, now;
	int i;

	(void)arg;
	for (i = 0; i < 10; i++) {
		goro_sema_wait(&irq_sem);
		now = goro_now_us();
		CHECK(now >= prev); /* woken in order, time moving on */
		prev = now;
	}
	mps2_dualtimer_periodic(0, NULL);
	CHECK(fired >= 10);
	CHECK(now - t0 >= 9 * PERIOD_US); /* ten ticks take nine periods at least */
}

int
main(void)
{
	goro_sema_init_isr(&irq_sem, 0);
	goro_go(waiter, NULL);
	mps2_dualtimer_periodic(PERIOD_US, on_tick);
	goro_run();
	printf("ok isr (%d interrupts)\n", fired);
	return 0;
}
