/*
 * "Interrupts" on the host port: signals. The host board delivers its
 * timer as SIGALRM, so masking interrupts blocks SIGALRM, and waiting for
 * one is sigsuspend with it open. Only the rare paths that share state
 * with a handler (runtime/sync.c, idling) pay for the system call.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <time.h>

#include "sp.h"

#if GORO_NCPU > 1
/* Each thread's CPU: CPU 0's until a thread is started as another
 * (every new thread starts with the initial value). */
extern char goro_cpus[];
__thread void *goro_port_cpu = goro_cpus;
#endif

/* Set by the board's signal handlers: under ThreadSanitizer, port_idle
 * returns once one has run (see there). */
__thread volatile sig_atomic_t goro_port_signalled;

/* The board's wakeup signal, for idling with several CPUs: blocked but in
 * idle, so that one sent early stays pending (boards/host/board.c). */
#define WAKE_SIG SIGURG

unsigned long
port_irq_save(void)
{
	sigset_t set, old;

	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	return (unsigned long)sigismember(&old, SIGALRM);
}

void
port_irq_restore(unsigned long was_blocked)
{
	sigset_t set;

	if (was_blocked)
		return;
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

/* Called with SIGALRM blocked: wait for it (or any signal, the board's
 * wakeup among them) with it open, and return with it blocked again, as
 * sigsuspend does. */
void
port_idle(void)
{
	sigset_t open;

	pthread_sigmask(SIG_BLOCK, NULL, &open);
	sigdelset(&open, SIGALRM); /* only CPU 0's thread is sent it */
	sigdelset(&open, WAKE_SIG);
#ifdef GORO_TSAN
	/* ThreadSanitizer takes a signal from the kernel and runs its handler
	 * later, at a call it intercepts; one taken just before the mask
	 * closed would then never end a sigsuspend. Sleep a millisecond at a
	 * time instead, until a handler has run. */
	{
		sigset_t old;
		struct timespec ms = {0, 1000000};

		goro_port_signalled = 0;
		while (!goro_port_signalled) {
			pthread_sigmask(SIG_SETMASK, &open, &old);
			nanosleep(&ms, NULL);
			pthread_sigmask(SIG_SETMASK, &old, NULL);
		}
	}
#else
	sigsuspend(&open);
#endif
}
