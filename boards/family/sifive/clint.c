/*
 * The SiFive CLINT on the RISC-V boards (virt-rv32, hifive1): the clock,
 * the tickless one-shot timer, and the C side of trap.S for the timer and
 * for exceptions.
 *
 * QEMU's virt and sifive_e machines and the FE310 itself all have a
 * SiFive CLINT at 0x2000000. Its mtime is a 64-bit counter running from
 * reset at CLINT_MTIME_HZ; hart 0's machine timer interrupt (MTIP) is
 * pending while mtime >= mtimecmp. 64 bits do not wrap (58,000 years at
 * 10 MHz), so the clock needs no rollover interrupt and any deadline is
 * one compare: mtimecmp holds the runtime's deadline while it has one and
 * all ones otherwise, so with no deadline no interrupt comes at all.
 *
 * CLINT_MTIME_HZ is the cross file's mtime_hz property (meson.build):
 * QEMU 7.2 runs mtime at 10 MHz on both machines, one count per 100 guest
 * instructions under -icount shift=0 (measured: README.md); the real
 * HiFive1 Rev B runs it from its 32.768 kHz clock (revb.ini).
 */
#include <stdint.h>

#include "board.h"
#include "clock.h"
#include "fault.h"
#include "harts.h"
#include "sp.h"

#ifndef CLINT_MTIME_HZ
#error "CLINT_MTIME_HZ: the board's meson.build passes the cross file's mtime_hz"
#endif

/* The CLINT's registers (SiFive's layout, which QEMU's ACLINT model
 * keeps): mtimecmp for hart 0 at +0x4000, mtime at +0xBFF8, each 64 bits
 * read and written as two 32-bit halves on RV32. */
#define CLINT_BASE     0x2000000u
#define MTIMECMP_LO    (*(volatile uint32_t *)(CLINT_BASE + 0x4000u))
#define MTIMECMP_HI    (*(volatile uint32_t *)(CLINT_BASE + 0x4004u))
#define MTIME_LO       (*(volatile uint32_t *)(CLINT_BASE + 0xBFF8u))
#define MTIME_HI       (*(volatile uint32_t *)(CLINT_BASE + 0xBFFCu))
#define MIE_MTIE       (1u << 7)  /* mie: the machine timer interrupt's enable */
#define MIE_MEIE       (1u << 11) /* mie: the machine external interrupt's (PLIC) */
#define MCAUSE_IRQ_BIT (1u << 31) /* mcause: an interrupt, not an exception */

/* The clock */

static uint64_t
mtime_read(void)
{
	uint32_t hi, lo, again;

	/* The high half before and after the low one: if it changed, the low
	 * half wrapped in between, and the pair is read again. */
	do {
		hi = MTIME_HI;
		lo = MTIME_LO;
		again = MTIME_HI;
	} while (hi != again);
	return (uint64_t)hi << 32 | lo;
}

uint64_t
goro_board_now_us(void)
{
	return board_ticks_to_us(mtime_read(), CLINT_MTIME_HZ);
}

/* The one-shot timer */

/*
 * The privileged spec's sequence for a 64-bit mtimecmp on RV32: the low
 * half to all ones first, so that no value between the old and the new one
 * is ever smaller than both and raises a stray interrupt. Callers mask
 * interrupts around it.
 */
static void
mtimecmp_write(uint64_t ticks)
{
	MTIMECMP_LO = 0xFFFFFFFFu;
	MTIMECMP_HI = (uint32_t)(ticks >> 32);
	MTIMECMP_LO = (uint32_t)ticks;
}

/* A deadline already passed makes MTIP pending at once, and the interrupt
 * runs as soon as interrupts are unmasked. */
void
goro_board_timer_set(uint64_t deadline_us)
{
	unsigned long irq = port_irq_save();

	mtimecmp_write(deadline_us == UINT64_MAX ? UINT64_MAX
	                                         : board_us_to_ticks(deadline_us, CLINT_MTIME_HZ));
	port_irq_restore(irq);
}

/* The harts' interrupt stacks (harts.h, trap.S): their dead frames hold
 * interrupted tasks' sp and registers, and the stale-pointer scan passes
 * over them (board.h). */
void
goro_board_irq_stack(uintptr_t *lo, uintptr_t *hi)
{
	*lo = (uintptr_t)board_isr_stacks;
	*hi = (uintptr_t)board_isr_stacks + sizeof board_isr_stacks;
}

/* From trap.S on the hart's interrupt stack, with interrupts masked. The
 * timer is one-shot: the deadline is spent, so it goes to never until the
 * runtime sets the next one. */
void board_timer_interrupt(void);

void
board_timer_interrupt(void)
{
	goro_port_irq_depth++;
	mtimecmp_write(UINT64_MAX);
	goro_timer_isr();
	goro_port_irq_depth--;
}

/* From trap.S, with interrupts masked: a machine software interrupt, the
 * wakeup from another hart (harts.c). The wake is taken and the hart's
 * goro_board_idle has returned: lower its MSIP. Here, not in harts.c, so
 * that a one-hart board links none of harts.c's tables. */
void board_software_interrupt(void);

void
board_software_interrupt(void)
{
	uint32_t hart;

	__asm__ volatile("csrr %0, mhartid" : "=r"(hart));
	((volatile uint32_t *)CLINT_MSIP_BASE)[hart] = 0;
}

/* Fatal traps: reported by boards/family/common/fault.c, exit status 3. */

static const char *
cause_name(uint32_t mcause)
{
	if (mcause & MCAUSE_IRQ_BIT)
		return "interrupt nobody enabled";
	switch (mcause) {
	case 0:
		return "instruction address misaligned";
	case 1:
		return "instruction access fault";
	case 2:
		return "illegal instruction";
	case 3:
		return "breakpoint (a semihosting call with no semihosting?)";
	case 4:
		return "load address misaligned";
	case 5:
		return "load access fault";
	case 6:
		return "store address misaligned";
	case 7:
		return "store access fault";
	case 11:
		return "ecall from M-mode";
	default:
		return "see the privileged spec, mcause";
	}
}

#define CSR(name)                                                                                  \
	({                                                                                         \
		uint32_t v_;                                                                       \
		__asm__ volatile("csrr %0, " #name : "=r"(v_));                                    \
		v_;                                                                                \
	})

_Noreturn void board_exception(uintptr_t sp, uintptr_t ra);

/* The report is written into a buffer on g0's stack, where trap.S moved:
 * no RAM is set aside for it, which hifive1 could not spare. */
_Noreturn void
board_exception(uintptr_t sp, uintptr_t ra)
{
	uint32_t mcause = CSR(mcause), mepc = CSR(mepc), mtval = CSR(mtval);
	struct board_fault f;

	board_fault_begin(&f, mcause & MCAUSE_IRQ_BIT ? "unexpected trap" : "CPU exception",
	                  cause_name(mcause));
	board_fault_str(&f, "\n");
	board_fault_reg(&f, "mcause", mcause, 8);
	board_fault_reg(&f, "mepc", mepc, 8);
	board_fault_reg(&f, "mtval", mtval, 8);
	board_fault_str(&f, "\n");
	board_fault_reg(&f, "sp", sp, 8);
	board_fault_reg(&f, "ra", ra, 8);
	board_fault_end(&f);
}

/* Installing the vector */

void board_trap(void); /* trap.S */

void plic_init(void); /* plic.c */

/*
 * The board's start (runtime/hooks.c calls it before main). picolibc's
 * crt0 pointed mtvec at its own fault handler, which cannot take an
 * interrupt; ours takes over, with the timer at never, the timer and the
 * PLIC's interrupts enabled in mie, the software interrupt too (the wakeup
 * from other harts, harts.c; it never comes on a one-hart board), and
 * interrupts on in mstatus. They
 * stay on from here: the runtime masks them only around short critical
 * sections and idling.
 */
void
board_init(void)
{
	mtimecmp_write(UINT64_MAX); /* its reset value is not specified */
	plic_init();
	__asm__ volatile("csrw mtvec, %0" ::"r"(board_trap));
	__asm__ volatile("csrs mie, %0" ::"r"(MIE_MTIE | MIE_MEIE | MIE_MSIE));
	__asm__ volatile("csrs mstatus, %0" ::"r"(PORT_MSTATUS_MIE) : "memory");
}
