/*
 * The host board: Linux user space. The console is stdio; a panic exits
 * with status 2, as on the emulated boards (runtime/hooks.c). Time is
 * CLOCK_MONOTONIC; the board's one-shot timer is a POSIX timer whose
 * SIGALRM, sent to main's thread (CPU 0's), plays the timer interrupt.
 * Masking it and idling are the port's (asm/x86_64/irq.c). With several
 * CPUs each is a thread; a wake is SIGURG, which every thread blocks
 * except while it idles, so that one sent before the sleep stays pending
 * and ends it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <link.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>
#include <time.h>

#include "board.h"
#include "goro.h"
#include "sp.h"

/*
 * Refuse to start unless every dynamic symbol is bound at load time
 * (-Wl,-z,now, which dependency('goro') adds, or LD_BIND_NOW): the lazy
 * binder runs on whatever stack makes a function's first call, and on a
 * task's small stack it saves the CPU's whole extended register state
 * (over 2 KB with AVX-512), past the guard zone.
 */
extern ElfW(Dyn) _DYNAMIC[] __attribute__((weak));

static int
bound_now(void)
{
	const char *env = getenv("LD_BIND_NOW");
	const ElfW(Dyn) * d;

	if (env && *env)
		return 1;
	if (_DYNAMIC == NULL)
		return 1; /* static: nothing to bind */
	for (d = _DYNAMIC; d->d_tag != DT_NULL; d++)
		if ((d->d_tag == DT_FLAGS && (d->d_un.d_val & DF_BIND_NOW)) ||
		    (d->d_tag == DT_FLAGS_1 && (d->d_un.d_val & DF_1_NOW)) ||
		    d->d_tag == DT_BIND_NOW)
			return 1;
	return 0;
}

/* The raw console of panics (board.h): stderr's file descriptor, past
 * stdio's buffers, as stdio's unbuffered stderr would write it. */
void
board_console_raw(const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		ssize_t w = write(2, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return; /* nowhere left to say it */
		s += w;
		n -= (size_t)w;
	}
}

/* The timer's signal handler is installed at the first deadline: what is
 * left to do before main is to refuse lazy binding. */
void
board_init(void)
{
	if (!bound_now())
		goro_panic("host: this program binds symbols lazily, on first call, and a first "
		           "call made on a task stack overruns it: link with -Wl,-z,now (as "
		           "dependency('goro') does) or run with LD_BIND_NOW=1");
}

uint64_t
goro_board_count(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

const char *
goro_board_count_unit(void)
{
	return "ns";
}

uint64_t
goro_board_now_us(void)
{
	static uint64_t start;
	uint64_t now = goro_board_count() / 1000;

	if (start == 0)
		start = now - 1; /* so the first reading is 1, never 0 */
	return now - start;
}

static void
on_alarm(int sig)
{
	int saved = errno; /* a handler leaves errno as it found it */

	(void)sig;
	goro_port_signalled = 1;
	goro_timer_isr();
	errno = saved;
}

/* The board's CPUs (board_caps cpus): threads, whatever the runtime's
 * cpus option (tests/test_board_cpus.c starts them with one). */
#define HOST_CPUS 8
static __thread int this_cpu; /* 0 on main's thread */

/* Signals run on a stack of the thread's own: a signal frame holds the
 * whole FP state (kilobytes) and a task's stack has no room to spare (a
 * CPU may also sleep on a task's stack, waiting for a lock). */
static char altstacks[HOST_CPUS][64 * 1024];

void
goro_board_irq_stack(uintptr_t *lo, uintptr_t *hi)
{
	*lo = (uintptr_t)altstacks;
	*hi = (uintptr_t)altstacks + sizeof altstacks;
}

static void
thread_altstack(void)
{
	stack_t ss;

	ss.ss_sp = altstacks[this_cpu];
	ss.ss_size = sizeof altstacks[this_cpu];
	ss.ss_flags = 0;
	sigaltstack(&ss, NULL);
}

static timer_t alarm_timer;

static void
alarm_setup(void)
{
	static int done;
	struct sigaction sa;
	struct sigevent ev;

	if (done)
		return;
	done = 1;
	thread_altstack();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_ONSTACK | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	/* The timer is CPU 0's (board.h): its signal goes to this thread,
	 * CPU 0's, whatever the other threads' masks. */
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.sigev_signo = SIGALRM;
	ev._sigev_un._tid = (pid_t)syscall(SYS_gettid); /* glibc 2.36 names it so */
	if (timer_create(CLOCK_MONOTONIC, &ev, &alarm_timer) != 0)
		goro_panic("host: timer_create failed: no timer for the board");
}

void
goro_board_timer_set(uint64_t deadline_us)
{
	struct itimerspec it;
	uint64_t now, us;

	alarm_setup();
	memset(&it, 0, sizeof it);
	if (deadline_us != UINT64_MAX) {
		now = goro_board_now_us();
		us = deadline_us > now ? deadline_us - now : 1; /* 0 would disarm */
		it.it_value.tv_sec = (time_t)(us / 1000000);
		it.it_value.tv_nsec = (long)(us % 1000000) * 1000;
	}
	timer_settime(alarm_timer, 0, &it, NULL);
}

static pthread_t threads[HOST_CPUS];

struct start {
	void (*entry)(int cpu);
	int cpu;
};

static void *
cpu_thread(void *arg)
{
	struct start *st = arg;

	this_cpu = st->cpu;
	thread_altstack();
	st->entry(st->cpu); /* never returns */
	return NULL;
}

static void
on_wake(int sig)
{
	(void)sig;
	goro_port_signalled = 1;
}

/* A thread per CPU, on a stack of its own (sp is not used: the host's g0
 * stacks are its threads'). It starts with the timer's and the wake's
 * signals blocked, as every thread keeps them but in idle. */
void
board_cpu_start(int cpu, uintptr_t sp, void (*entry)(int cpu))
{
	static struct start st[HOST_CPUS];
	struct sigaction sa;
	sigset_t block, old;

	(void)sp;
	if (cpu <= 0 || cpu >= HOST_CPUS || threads[cpu])
		goro_panic("host: board_cpu_start of CPU %d (1 to %d, once each)", cpu,
		           HOST_CPUS - 1);
	if (threads[0] == 0) {
		threads[0] = pthread_self();
		alarm_setup(); /* main's own signal stack */
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_wake;
		sigemptyset(&sa.sa_mask);
		sa.sa_flags = SA_RESTART | SA_ONSTACK;
		sigaction(SIGURG, &sa, NULL);
	}
	sigemptyset(&block);
	sigaddset(&block, SIGURG);
	pthread_sigmask(SIG_BLOCK, &block, NULL); /* CPU 0 keeps it blocked */
	sigaddset(&block, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	st[cpu].entry = entry;
	st[cpu].cpu = cpu;
	if (pthread_create(&threads[cpu], NULL, cpu_thread, &st[cpu]) != 0)
		goro_panic("host: cannot start a thread for CPU %d", cpu);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

void
board_cpu_wake(int cpu)
{
	if (cpu >= 0 && cpu < HOST_CPUS && threads[cpu])
		pthread_kill(threads[cpu], SIGURG);
}

int
board_cpu_id(void)
{
	return this_cpu;
}
