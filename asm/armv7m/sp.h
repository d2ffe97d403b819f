/* The stack pointer, for the stack check's fast path (ARMv7-M, and ARMv6-M
 * through asm/armv6m/sp.h). In thread mode on a task this is PSP; in a
 * handler or on g0, MSP. */
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

/* Mask interrupts (PRIMASK) and return the previous state, to restore. */
static inline __attribute__((always_inline)) unsigned long
port_irq_save(void)
{
	unsigned long primask;

	__asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask)::"memory");
	return primask;
}

static inline __attribute__((always_inline)) void
port_irq_restore(unsigned long primask)
{
	__asm__ volatile("msr primask, %0" ::"r"(primask) : "memory");
}

/* Called with interrupts masked (PRIMASK): sleep until one is pending.
 * WFI wakes on a pending interrupt whatever PRIMASK says, and the caller's
 * unmask then takes it. */
static inline __attribute__((always_inline)) void
port_idle(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

/* In a spin loop (several CPUs): a hint to the CPU, and to QEMU, which
 * runs its CPUs in turns, to let another one run. */
#define PORT_RELAX 1
static inline __attribute__((always_inline)) void
port_relax(void)
{
	__asm__ volatile("yield" ::: "memory");
}

/* ARMv8-M Mainline (Cortex-M33): PSPLIM, the process stack's limit in
 * hardware, which the tasks run on (port.h). */
#if defined(__ARM_ARCH_8M_MAIN__)
#define PORT_STACK_LIMIT 1
static inline __attribute__((always_inline)) void
port_stack_limit(uintptr_t lim)
{
	__asm__ volatile("msr psplim, %0" ::"r"(lim) : "memory");
}
#endif

/* In a handler: IPSR holds the exception number, 0 in thread mode. */
static inline __attribute__((always_inline)) int
port_in_isr(void)
{
	unsigned long ipsr;

	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	return ipsr != 0;
}

#endif
