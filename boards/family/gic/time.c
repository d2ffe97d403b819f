/*
 * AArch64 at EL1 with a GICv2 (virt-aarch64): time, the tickless timer,
 * and the IRQ handler, which serves the timer and dispatches shared
 * peripheral interrupts (SPIs) to the handlers applications attach
 * (goro_board.h).
 *
 * The clock is the generic timer's virtual count, CNTVCT_EL0: 64 bits at
 * CNTFRQ_EL0 Hz (62.5 MHz on QEMU's cortex-a53, which under -icount
 * shift=0 is exactly one tick per 16 guest instructions). With no EL2 on
 * this machine the virtual offset is 0, so it equals the physical count.
 * At 62.5 MHz it wraps after 9000 years: no rollover interrupt.
 *
 * The deadline timer is the EL1 virtual timer: CNTV_CVAL_EL0 holds the
 * count to fire at, and its interrupt, PPI 27, reaches the CPU through
 * QEMU virt's GICv2. The hardware compares the full 64-bit count, so one
 * compare serves any deadline, and the interrupt comes exactly when
 * now_us has reached the deadline. The timer is enabled only while a
 * deadline is pending (tickless).
 *
 * The IRQ path: vectors.S moves to the IRQ stack (SP_EL0, set here),
 * saves what a C call clobbers and calls board_irq() below, which
 * acknowledges at the GIC, serves the timer (turns it off, calls
 * goro_timer_isr()), takes the wakeup SGI from another CPU (cpus.c) or
 * calls the SPI's attached handler, and ends the interrupt. Nothing lands
 * on the interrupted task's stack. An attached handler runs through
 * irq_slot_run (irq_slots.h): with the stack check's limit lifted, since
 * the IRQ stack is no task's block, and with the guard below the IRQ
 * stack checked after it.
 *
 * This whole file is compiled for the general registers only (the pragma
 * below): board_irq runs with the interrupted code's q0-q7 and q16-q31
 * live, and vectors.S does not save them. An attached handler must be
 * built the same way (#pragma GCC target("general-regs-only"), or
 * -mgeneral-regs-only), since it runs on the same path.
 */
#pragma GCC target("general-regs-only")

#include <stdint.h>

#include "board.h"
#include "clock.h"
#include "goro.h"
#include "goro_board.h"
#include "irq_slots.h"
#include "sp.h"

/* GICv2 on QEMU virt, as its device tree gives it (qemu-system-aarch64
 * -M virt,dumpdtb=...: intc@8000000, "arm,cortex-a15-gic", distributor
 * at 0x08000000, CPU interface at 0x08010000). With no security
 * extensions (virt's default, secure=off) every interrupt is in group 0
 * and signalled as IRQ. */
#define GICD        0x08000000u
#define GICC        0x08010000u
#define REG32(addr) (*(volatile uint32_t *)(uintptr_t)(addr))
#define BYTE(addr)  (*(volatile uint8_t *)(uintptr_t)(addr))

#define GICD_CTLR              REG32(GICD + 0x000)
#define GICD_TYPER             REG32(GICD + 0x004)
#define GICD_ISENABLER(n)      REG32(GICD + 0x100 + 4 * (n))
#define GICD_ICENABLER(n)      REG32(GICD + 0x180 + 4 * (n))
#define GICD_ISPENDR(n)        REG32(GICD + 0x200 + 4 * (n))
#define GICD_ITARGETSR(intid)  BYTE(GICD + 0x800 + (intid)) /* byte-accessible */
#define GICD_IPRIORITYR(intid) BYTE(GICD + 0x400 + (intid)) /* byte-accessible */
#define GICD_SGIR              REG32(GICD + 0xF00)
#define GICC_CTLR              REG32(GICC + 0x000)
#define GICC_PMR               REG32(GICC + 0x004)
#define GICC_IAR               REG32(GICC + 0x00C)
#define GICC_EOIR              REG32(GICC + 0x010)

#define GIC_ENABLE     1u /* GICD_CTLR, GICC_CTLR: group 0 on */
#define GIC_INTID(iar) ((iar)&0x3FFu)
#define GIC_SPURIOUS   1020 /* IAR IDs 1020-1023: nothing to acknowledge */
/* PMR: the mask lets through priorities numerically below it. 0xFF lets
 * all of them through, whatever number of priority bits the GIC has. */
#define GIC_PMR_OPEN 0xFFu
/* Every interrupt's priority: any value below GIC_PMR_OPEN; handlers
 * never nest (PSTATE.I stays set), so the level itself does not matter.
 * The top bit alone, so that it survives however many low bits the GIC
 * drops. */
#define PRIO_IRQ 0x80u
/* The first SPI: INTIDs 0-15 are SGIs, 16-31 PPIs (the timer's). */
#define GIC_FIRST_SPI 32

/* The virtual timer's interrupt: PPI 11, INTID 16 + 11 (virt's device
 * tree, /timer, third entry). */
#define INTID_VTIMER 27
/* The wakeup between CPUs (cpus.c): SGI 0. SGIs are INTIDs 0-15, and their
 * enable and priority bits, like the PPIs', are banked per CPU. */
#define INTID_WAKE    0
#define GIC_FIRST_PPI 16
/* GICD_SGIR: the target list (bits 23:16, one bit per CPU interface) and
 * the SGI's INTID; filter 0: send to the CPUs in the list. */
#define SGIR_TARGET(cpu) (1u << (16 + (cpu)))

/* CNTV_CTL_EL0: ENABLE on, IMASK off; off altogether is 0. */
#define CNTV_ENABLE 1u

/* vectors.S: one IRQ stack of IRQ_STACK bytes per CPU, CPU n's ending at
 * board_irq_stack + (n + 1) * IRQ_STACK; the scan sees them all. */
extern char board_irq_stack[], board_irq_stack_end[];
#define IRQ_STACK 1024 /* vectors.S's */

void
goro_board_irq_stack(uintptr_t *lo, uintptr_t *hi)
{
	*lo = (uintptr_t)board_irq_stack;
	*hi = (uintptr_t)board_irq_stack_end;
}

void gic_cpu_interface_start(void); /* below; cpus.c's too */
void gic_send_wake(int cpu);

static uint64_t freq;   /* CNTFRQ_EL0, ticks per second */
static unsigned nintid; /* INTIDs the GIC has, from GICD_TYPER */

#define SYSREG(name)                                                                               \
	({                                                                                         \
		uint64_t v_;                                                                       \
		__asm__ volatile("mrs %0, " #name : "=r"(v_));                                     \
		v_;                                                                                \
	})

static void
vtimer_off(void)
{
	__asm__ volatile("msr cntv_ctl_el0, xzr\n\tisb" ::: "memory");
}

/*
 * From board_init (board.c), after the vectors, before main: from here on
 * IRQs are unmasked and the timer's interrupt can be taken. The timer
 * itself stays off until a deadline is set. SP_EL0, which vectors.S's
 * irq_entry switches to, gets the IRQ stack first.
 */
void
gic_start(void)
{
	freq = SYSREG(cntfrq_el0);
	nintid = 32 * ((GICD_TYPER & 0x1Fu) + 1);
	if (nintid > GIC_SPURIOUS)
		nintid = GIC_SPURIOUS;
	__asm__ volatile("msr sp_el0, %0" ::"r"(board_irq_stack + IRQ_STACK));
	vtimer_off();
	GICD_IPRIORITYR(INTID_VTIMER) = PRIO_IRQ;
	GICD_ISENABLER(INTID_VTIMER / 32) = 1u << (INTID_VTIMER % 32);
	GICD_CTLR = GIC_ENABLE;
	gic_cpu_interface_start();
	__asm__ volatile("msr daifclr, #2" ::: "memory"); /* PSTATE.I = 0 */
}

/*
 * Every CPU, at its start (gic_start above for CPU 0, cpus.c for the
 * others): its banked part of the distributor (the wakeup SGI's priority
 * and enable) and its CPU interface, open to every priority. IRQs stay
 * masked in PSTATE: the caller unmasks them.
 */
void
gic_cpu_interface_start(void)
{
	GICD_IPRIORITYR(INTID_WAKE) = PRIO_IRQ;
	GICD_ISENABLER(INTID_WAKE / 32) = 1u << (INTID_WAKE % 32);
	GICC_PMR = GIC_PMR_OPEN;
	GICC_CTLR = GIC_ENABLE;
}

/* The wakeup SGI to CPU interface cpu (CPU cpu on virt), pending there
 * until that CPU acknowledges it (board_irq). The dsb: what the caller
 * wrote for the target is visible before the SGI can be taken. */
void
gic_send_wake(int cpu)
{
	__asm__ volatile("dsb ish" ::: "memory");
	GICD_SGIR = SGIR_TARGET(cpu) | INTID_WAKE;
}

uint64_t
goro_board_now_us(void)
{
	uint64_t t;

	/* isb: read the count here, not earlier (a CNTVCT_EL0 read may
	 * otherwise be taken out of order with the code before it). */
	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(t)::"memory");
	return board_ticks_to_us(t, freq);
}

/* Masked, so board_irq cannot turn the timer off between the compare
 * value and the enable: the new deadline always stands. A deadline
 * already past fires at once (CNTVCT_EL0 >= CNTV_CVAL_EL0 already). */
void
goro_board_timer_set(uint64_t deadline_us)
{
	unsigned long irq = port_irq_save();

	if (deadline_us == UINT64_MAX) {
		vtimer_off(); /* tickless: no deadline, no interrupt */
	} else {
		__asm__ volatile("msr cntv_cval_el0, %0\n\t"
		                 "msr cntv_ctl_el0, %1\n\t"
		                 "isb"
		                 :
		                 : "r"(board_us_to_ticks(deadline_us, freq)),
		                   "r"((uint64_t)CNTV_ENABLE)
		                 : "memory");
	}
	port_irq_restore(irq);
}

/* SPIs */

static void
spi_check(const char *what, unsigned intid)
{
	if (intid < GIC_FIRST_SPI || intid >= nintid)
		goro_panic("%s: no interrupt %u on this board (GIC SPIs %u-%u)", what, intid,
		           GIC_FIRST_SPI, nintid - 1);
}

void
goro_board_irq_enable(unsigned intid)
{
	spi_check("goro_board_irq_enable", intid);
	GICD_IPRIORITYR(intid) = PRIO_IRQ;
	GICD_ITARGETSR(intid) = 1; /* CPU interface 0: this CPU */
	GICD_ISENABLER(intid / 32) = 1u << (intid % 32);
}

void
goro_board_irq_disable(unsigned intid)
{
	spi_check("goro_board_irq_disable", intid);
	GICD_ICENABLER(intid / 32) = 1u << (intid % 32);
}

int
goro_board_irq_pend(unsigned intid)
{
	spi_check("goro_board_irq_pend", intid);
	GICD_ISPENDR(intid / 32) = 1u << (intid % 32);
	return 0;
}

void
goro_board_irq_attach(unsigned intid, void (*fn)(void))
{
	unsigned long m;

	spi_check("goro_board_irq_attach", intid);
	m = port_irq_save();
	if (irq_slot_set(intid, fn)) {
		if (fn)
			goro_board_irq_enable(intid);
		else
			goro_board_irq_disable(intid);
	}
	port_irq_restore(m);
}

/*
 * void board_irq(void);
 * From vectors.S's IRQ entry, on the IRQ stack, with IRQs masked
 * (the CPU set PSTATE.I on the way in, and nothing here clears it, so
 * handlers never nest). The timer is level-triggered: turning it off
 * drops the line before the end of interrupt, so it does not come again.
 * An SPI with no handler attached is disabled and reported: "unexpected
 * interrupt N".
 */
void board_irq(void);

void
board_irq(void)
{
	uint32_t iar = GICC_IAR;

	if (GIC_INTID(iar) >= GIC_SPURIOUS)
		return; /* withdrawn before it was acknowledged: no EOI */
	if (GIC_INTID(iar) < GIC_FIRST_PPI) {
		/* The wakeup from another CPU (or this one): taking it is all,
		 * the interrupted goro_board_idle has returned. Before the
		 * depth count, which is not per CPU. */
		GICC_EOIR = iar;
		return;
	}
	goro_port_irq_depth++;
	if (GIC_INTID(iar) == INTID_VTIMER) {
		vtimer_off(); /* one-shot: the deadline has been reached */
		goro_timer_isr();
	} else {
		void (*fn)(void) = irq_slot_find(GIC_INTID(iar));

		if (fn == NULL) {
			GICD_ICENABLER(GIC_INTID(iar) / 32) = 1u << (GIC_INTID(iar) % 32);
			GICC_EOIR = iar;
			goro_panic("unexpected interrupt %u: GIC SPI with no handler attached "
			           "(goro_board_irq_attach)",
			           (unsigned)GIC_INTID(iar));
		}
		irq_slot_run(GIC_INTID(iar), fn, IRQ_STACK);
	}
	GICC_EOIR = iar;
	goro_port_irq_depth--;
}
