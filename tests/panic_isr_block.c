/* A blocking call from an interrupt handler is a clear panic, not a task
 * parked from handler mode. */
#include "check.h"
#include "goro.h"
#include "mps2.h"

static struct goro_sema sem;

static void
bad_handler(void)
{
	goro_sema_wait(&sem); /* not an *_isr call */
}

static void
idle_task(void *arg)
{
	(void)arg;
	goro_sleep_us(100000);
}

int
main(void)
{
	goro_sema_init(&sem, 0);
	goro_go(idle_task, NULL);
	mps2_dualtimer_periodic(1000, bad_handler);
	goro_run();
	return 1;
}
