/* The stack pointer, for the stack check's fast path (RV32). Tasks, g0 and
 * trap handlers all use this one register. */
#ifndef GORO_PORT_SP_H
#define GORO_PORT_SP_H

#include <stdint.h>

static inline __attribute__((always_inline)) uintptr_t
port_sp(void)
{
	uintptr_t sp;

	__asm__ volatile("mv %0, sp" : "=r"(sp));
	return sp;
}

/* mstatus.MIE, bit 3 (privileged spec): M-mode's global interrupt
 * enable. Its 5-bit value fits csrrci's immediate. */
#define PORT_MSTATUS_MIE 8

/* Mask interrupts (clear mstatus.MIE) and return whether they were on:
 * the MIE bit alone, not all of mstatus, so the restore touches nothing
 * else. */
static inline __attribute__((always_inline)) unsigned long
port_irq_save(void)
{
	unsigned long mstatus;

	__asm__ volatile("csrrci %0, mstatus, %1"
	                 : "=r"(mstatus)
	                 : "i"(PORT_MSTATUS_MIE)
	                 : "memory");
	return mstatus & PORT_MSTATUS_MIE;
}

/* Set MIE again if the matching save found it set. Saves and restores
 * nest, so interrupts are still masked here, and setting the bit back (or
 * not) is the whole restore. */
static inline __attribute__((always_inline)) void
port_irq_restore(unsigned long mie)
{
	__asm__ volatile("csrs mstatus, %0" ::"r"(mie) : "memory");
}

/* Called with mstatus.MIE clear: sleep until an interrupt is pending.
 * wfi wakes for one pending and enabled in mie whatever MIE says
 * (privileged spec, WFI); the caller's unmask then takes it. */
static inline __attribute__((always_inline)) void
port_idle(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

/*
 * The per-CPU pointer of a multi-core build (runtime/port.h:
 * PORT_CPU_PTR), in a thread-local variable. tp is not free for it:
 * picolibc keeps its thread-local storage (errno, among others) at tp,
 * local-exec, and a multi-hart board gives each hart a TLS block of its
 * own before anything on it runs C (boards/family/sifive/harts.c), so a
 * __thread variable is a per-CPU one, one tp-relative access away: after
 * linker relaxation, lw/sw off(tp), as cheap as tp itself would be. Set
 * once per CPU at its start, before the first task. Defined in irq.c.
 */
#define PORT_CPU_PTR 1
extern __thread void *goro_port_cpu;

/* In asm, volatile: a task may resume on another hart within one
 * function, and the compiler takes a thread-local's address for constant
 * there. */
static inline __attribute__((always_inline)) void *
port_cpu_ptr(void)
{
	void *p;

	__asm__ volatile("lui %0, %%tprel_hi(goro_port_cpu)\n\t"
	                 "add %0, %0, tp, %%tprel_add(goro_port_cpu)\n\t"
	                 "lw %0, %%tprel_lo(goro_port_cpu)(%0)"
	                 : "=r"(p));
	return p;
}

/* In a spin loop: Zihintpause's pause (a fence hint elsewhere). */
#define PORT_RELAX 1
static inline __attribute__((always_inline)) void
port_relax(void)
{
	__asm__ volatile(".insn i 0x0f, 0, x0, x0, 0x010" ::: "memory");
}

static inline __attribute__((always_inline)) void
port_set_cpu_ptr(void *p)
{
	goro_port_cpu = p;
}

/* Counted by the board's trap handler while it runs C for an interrupt:
 * M-mode has no register that says a handler is running (mcause keeps its
 * value after mret). Defined in irq.c. */
extern volatile int goro_port_irq_depth;

static inline __attribute__((always_inline)) int
port_in_isr(void)
{
	return goro_port_irq_depth != 0;
}

#endif
