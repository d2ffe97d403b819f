/*
 * interrupt: a peripheral interrupt wakes a task. The mps2 dual timer
 * interrupts every 50 ms; its handler posts a semaphore (the one kind of
 * call a handler may make); a task parked on the semaphore wakes and
 * reports. Between interrupts nothing runs and the CPU sleeps.
 */
#include <stdio.h>

#include "goro.h"
#include "mps2.h"

static struct goro_sema tick;
static volatile unsigned interrupts;

static void
on_dualtimer(void) /* handler mode */
{
	interrupts++;
	goro_sema_post_isr(&tick);
}

static void
worker(void *arg)
{
	int i;

	(void)arg;
	for (i = 1; i <= 5; i++) {
		goro_sema_wait(&tick);
		printf("woken by interrupt %u at %lu ms\n", interrupts,
		       (unsigned long)(goro_now_us() / 1000));
	}
	mps2_dualtimer_periodic(0, NULL);
}

int
main(void)
{
	goro_sema_init_isr(&tick, 0);
	goro_go(worker, NULL);
	mps2_dualtimer_periodic(50000, on_dualtimer);
	goro_run();
	printf("done\n");
	return 0;
}
