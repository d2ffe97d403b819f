/*
 * "Interrupts" on the host port: signals. The host board delivers its
 * timer as SIGALRM, so masking interrupts blocks SIGALRM, and waiting for
 * one is sigsuspend with it open. Only the rare paths that share state
 * with a handler (runtime/sync.c, idling) pay for the system call.
 */
#define _GNU_SOURCE
#include <signal.h>

#include "sp.h"

unsigned long
port_irq_save(void)
{
	sigset_t set, old;

	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_BLOCK, &set, &old);
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
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* Called with SIGALRM blocked: wait for it (or any signal) with it open,
 * and return with it blocked again, as sigsuspend does. */
void
port_idle(void)
{
	sigset_t open;

	sigprocmask(SIG_BLOCK, NULL, &open);
	sigdelset(&open, SIGALRM);
	sigsuspend(&open);
}
