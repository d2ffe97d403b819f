/* The stack pointer, for the stack check's fast path (x86-64). */
#ifndef GORO_PORT_SP_H
#define GORO_PORT_SP_H

#include <stdint.h>

static inline __attribute__((always_inline)) uintptr_t
port_sp(void)
{
	uintptr_t sp;

	__asm__ volatile("movq %%rsp, %0" : "=r"(sp));
	return sp;
}

/*
 * Interrupts, for the few places where thread code and an interrupt
 * handler share state (runtime/sync.c, the idle path). On the host the
 * "interrupts" are signals: the board delivers its timer as SIGALRM and
 * masking it is a system call, which only those rare paths pay.
 */
unsigned long port_irq_save(void);
void port_irq_restore(unsigned long state);
/* Called with interrupts masked: sleep until one is pending (irq.c). */
void port_idle(void);

/* Several CPUs (threads): each thread's struct cpu, in a thread-local
 * word (irq.c) that the stack check reads too (meson.build). */
#include "goro_config.h"
#if GORO_NCPU > 1
#define PORT_CPU_PTR 1
extern __thread void *goro_port_cpu;
/* Read through %fs every time, in asm: a task may resume on another
 * thread, and the compiler takes a thread-local's address for constant
 * within a function. */
static inline void *
port_cpu_ptr(void)
{
	void *p;

	__asm__ volatile("movq goro_port_cpu@gottpoff(%%rip), %0\n\t"
	                 "movq %%fs:(%0), %0"
	                 : "=r"(p));
	return p;
}
static inline void
port_set_cpu_ptr(void *p)
{
	goro_port_cpu = p;
}
#define PORT_RELAX 1
static inline void
port_relax(void)
{
	__asm__ volatile("pause" ::: "memory");
}
#endif

/* Set by the board's signal handlers (irq.c, port_idle). */
#include <signal.h>
extern __thread volatile sig_atomic_t goro_port_signalled;

/* The host has no interrupt context to detect: signal handlers must call
 * only the *_isr functions, which the host cannot enforce. */
static inline int
port_in_isr(void)
{
	return 0;
}

#endif
