/* The stack pointer, for the stack check's fast path (AArch64). One sp,
 * SP_EL1, serves tasks and g0 alike (a board's interrupt handler may run
 * on another, as virt-aarch64's does on SP_EL0, but runs no check). */
#ifndef GORO_PORT_SP_H
#define GORO_PORT_SP_H

#include <stdint.h>

static inline __attribute__((always_inline)) uintptr_t
port_sp(void)
{
	uintptr_t sp;

	__asm__ volatile("mov %0, sp" : "=r"(sp));
	return sp;
}

/* Mask IRQs (PSTATE.I) and return the previous DAIF, to restore. */
static inline __attribute__((always_inline)) unsigned long
port_irq_save(void)
{
	unsigned long daif;

	__asm__ volatile("mrs %0, daif\n\tmsr daifset, #2" : "=r"(daif)::"memory");
	return daif;
}

static inline __attribute__((always_inline)) void
port_irq_restore(unsigned long daif)
{
	__asm__ volatile("msr daif, %0" ::"r"(daif) : "memory");
}

/* Called with IRQs masked (PSTATE.I): sleep until one is pending. WFI
 * still wakes on a pending IRQ, and the caller's unmask then takes it. */
static inline __attribute__((always_inline)) void
port_idle(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

/*
 * The per-CPU pointer of a multi-core build (runtime/port.h:
 * PORT_CPU_PTR): TPIDR_EL1, which nothing else uses at EL1 (picolibc's
 * TLS is TPIDR_EL0). Set once per CPU at its start, before the first
 * task. One mrs to read.
 */
#define PORT_CPU_PTR 1

static inline __attribute__((always_inline)) void *
port_cpu_ptr(void)
{
	void *p;

	/* volatile: a task may resume on another CPU within one function,
	 * so no read may stand in for a later one. */
	__asm__ volatile("mrs %0, tpidr_el1" : "=r"(p));
	return p;
}

/* In a spin loop: a hint to the CPU, and to QEMU, which runs its CPUs in
 * turns, to let another one run. */
#define PORT_RELAX 1
static inline __attribute__((always_inline)) void
port_relax(void)
{
	__asm__ volatile("yield" ::: "memory");
}

static inline __attribute__((always_inline)) void
port_set_cpu_ptr(void *p)
{
	__asm__ volatile("msr tpidr_el1, %0" ::"r"(p) : "memory");
}

/* Set by the board's IRQ entry (defined in irq.c) while a handler runs (AArch64 has no
 * register that says so at EL1). */
extern volatile int goro_port_irq_depth;

static inline __attribute__((always_inline)) int
port_in_isr(void)
{
	return goro_port_irq_depth != 0;
}

#endif
