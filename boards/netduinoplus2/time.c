/*
 * STM32F4 (netduinoplus2 under QEMU, stm32f4-discovery on the chip): time,
 * the tickless timer, idling, interrupt vectors, and the benchmark
 * counter's timer. Both boards build this one file.
 *
 *   TIM2 (0x40000000, IRQ 28), 32 bits counting up at 1 MHz, is the
 *     clock, widened to 64 bits in software: a read that sees a smaller
 *     count than the last one has crossed a wrap (every 71.6 minutes).
 *     Two interrupts a wrap see that some read comes at least every half
 *     wrap, even when nothing else reads the clock: the overflow (update)
 *     and a compare at 2^31 (CC1). Those are the only interrupts with no
 *     deadline pending.
 *   SysTick, from the core clock, is the one-shot deadline timer, armed
 *     only while a deadline is pending. 24 bits: one count-down reaches
 *     99.9 ms at 168 MHz, 1.05 s at 16 MHz; a longer deadline takes
 *     several, and only the last calls goro_timer_isr.
 *   TIM5 (0x40000C00), 32 bits at the timer clock, is the benchmark
 *     counter (stm32f4.h), since SysTick is taken.
 *
 * Why SysTick and not a TIM2 compare for the deadline, as on the chip one
 * would: QEMU 7.2's model of TIM2-TIM5 (hw/timer/stm32f2xx_timer.c) has no
 * compare interrupts at all, and fires the update interrupt late by the
 * virtual time at which it was armed (measured: armed at 10.0 ms for 1 ms,
 * it came at 21.0 ms, then every 11 ms). SysTick is the one interrupt that
 * QEMU times right on this board. Its count (CNT) the model gets right,
 * though it ignores CEN and needs no update event to load PSC.
 *
 * The clocks are the board's to say (meson.build, board_c_args):
 *   STM32F4_HCLK_HZ: the core clock, which SysTick counts;
 *   STM32F4_TIMCLK_HZ: the clock of TIM2-TIM5 before their prescalers.
 * Under QEMU 7.2 (netduinoplus2) the core runs at 168 MHz and the timers
 * at 1 GHz, one count per virtual ns; on the chip after reset (nothing here
 * starts the PLL) both run from the 16 MHz HSI oscillator, with AHB and
 * APB1 undivided.
 */
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "sp.h"
#include "stm32f4.h"

#if !defined(STM32F4_HCLK_HZ) || !defined(STM32F4_TIMCLK_HZ)
#error "the board's meson.build must define STM32F4_HCLK_HZ and STM32F4_TIMCLK_HZ"
#endif
_Static_assert(STM32F4_HCLK_HZ % 1000000 == 0, "SysTick counts whole counts per us");
_Static_assert(STM32F4_TIMCLK_HZ % 1000000 == 0, "TIM2 divides down to 1 MHz");
_Static_assert(STM32F4_TIMCLK_HZ / 1000000 - 1 <= 0xFFFF, "PSC is 16 bits");

#define HCLK_PER_US (STM32F4_HCLK_HZ / 1000000u)
/* systick_arm waits for the counter to leave 0: a count-down of at least
 * 2 counts (RVR >= 1) does. */
_Static_assert(HCLK_PER_US >= 2, "SysTick counts at least twice per us");
/* TIM2's prescaler divides by PSC + 1: 999 under QEMU, 15 on the chip. */
#define TIM2_PSC_1MHZ (STM32F4_TIMCLK_HZ / 1000000u - 1u)

/* The general-purpose timers TIM2-TIM5 (RM0090). */
struct stm32_tim {
	volatile uint32_t cr1, cr2, smcr, dier, sr, egr, ccmr1, ccmr2, ccer, cnt, psc, arr, rcr,
	        ccr1;
};
_Static_assert(offsetof(struct stm32_tim, cnt) == 0x24, "RM0090 TIMx_CNT");
_Static_assert(offsetof(struct stm32_tim, ccr1) == 0x34, "RM0090 TIMx_CCR1");
#define TIM2       ((struct stm32_tim *)0x40000000u)
#define TIM5       ((struct stm32_tim *)0x40000C00u)
#define CR1_CEN    (1u << 0)
#define CR1_URS    (1u << 2) /* only an overflow sets UIF, not EGR's UG */
#define DIER_UIE   (1u << 0)
#define DIER_CC1IE (1u << 1)
#define EGR_UG     (1u << 0) /* reset the count and load PSC now */
#define IRQ_TIM2   28

/* RCC: the timers' bus clocks are off after reset. QEMU 7.2 does not model
 * the RCC (its writes go nowhere), and its timers run regardless. */
#define RCC_APB1ENR (*(volatile uint32_t *)0x40023840u)
#define TIM2EN      (1u << 0)
#define TIM5EN      (1u << 3)

#define SYST_CSR           (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR           (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR           (*(volatile uint32_t *)0xE000E018u)
#define SYST_ENABLE        (1u << 0)
#define SYST_TICKINT       (1u << 1)
#define SYST_CLKSOURCE_CPU (1u << 2)
#define SYST_COUNTS        (1u << 24) /* the longest count-down: RVR is 24 bits */
#define SCB_ICSR           (*(volatile uint32_t *)0xE000ED04u)
#define ICSR_PENDSTCLR     (1u << 25)
#define SCB_VTOR           (*(volatile uint32_t *)0xE000ED08u)
#define NVIC_ISER          ((volatile uint32_t *)0xE000E100u)

/* Half a wrap of TIM2: where CC1 reads the clock. */
#define HALF_WRAP 0x80000000u

static struct board_clock32 clock32; /* the count, widened (board.h) */
static uint64_t deadline = UINT64_MAX;

/* Turn on timers' bus clocks. The read-back waits out the cycles before a
 * newly clocked peripheral answers (the errata sheet's "delay after an RCC
 * peripheral clock enabling"). */
static void
rcc_enable(uint32_t bits)
{
	RCC_APB1ENR |= bits;
	(void)RCC_APB1ENR;
}

/*
 * Microseconds since the clock started. Interrupts masked: the widened
 * count's two halves change together. Right as long as reads come less
 * than one wrap apart, which TIM2's two interrupts see to.
 */
static uint64_t
clock_read(void)
{
	unsigned long irq = port_irq_save();
	uint32_t v = TIM2->cnt;
	uint64_t t;

	t = board_clock32_widen(&clock32, v);
	port_irq_restore(irq);
	return t;
}

static void
clock_start(void)
{
	static int started;

	if (started)
		return;
	started = 1;
	rcc_enable(TIM2EN);
	TIM2->cr1 = CR1_URS;
	TIM2->psc = TIM2_PSC_1MHZ;
	TIM2->arr = 0xFFFFFFFFu; /* count all 32 bits */
	TIM2->ccr1 = HALF_WRAP;
	TIM2->egr = EGR_UG;
	TIM2->sr = 0;
	TIM2->dier = DIER_UIE | DIER_CC1IE;
	NVIC_ISER[IRQ_TIM2 / 32] = 1u << (IRQ_TIM2 % 32);
	TIM2->cr1 = CR1_URS | CR1_CEN;
}

uint64_t
goro_board_now_us(void)
{
	clock_start();
	return clock_read();
}

/* The rollover check: read the clock, whichever of the two it was. */
static void
tim2_isr(void)
{
	uint32_t sr = TIM2->sr;

	TIM2->sr = ~sr; /* write 0 clears: exactly the flags seen */
	(void)clock_read();
}

/*
 * Count SysTick down to the deadline, or as far towards it as 24 bits go.
 * The count-down starts after the clock was read, so it ends at the
 * deadline or a little after, never before.
 *
 * A one-shot: once the counter has loaded RVR, RVR becomes 0, and at the
 * end of the count-down the counter stays at 0 (ARMv7-M: a reload of 0
 * raises nothing). Left periodic, QEMU 7.2's SysTick under -icount
 * sleep=off with the CPU in WFI delivers only every other period
 * (measured: 1 ms came out as 2 ms, as mps2-an385's time.c found for its
 * dual timer); a count-down that does not reload keeps time to 16 ns.
 */
static void
systick_arm(void)
{
	uint64_t now = clock_read(), us;
	uint32_t counts;

	us = deadline > now ? deadline - now : 1;
	counts = us < SYST_COUNTS / HCLK_PER_US ? (uint32_t)us * HCLK_PER_US : SYST_COUNTS;
	SYST_CSR = 0;
	SCB_ICSR = ICSR_PENDSTCLR;
	SYST_RVR = counts - 1; /* the interrupt comes RVR + 1 counts after enabling */
	SYST_CVR = 0;
	SYST_CSR = SYST_ENABLE | SYST_TICKINT | SYST_CLKSOURCE_CPU;
	while (SYST_CVR == 0) /* the first count loads RVR */
		;
	SYST_RVR = 0;
}

void
goro_board_timer_set(uint64_t deadline_us)
{
	unsigned long irq = port_irq_save();

	clock_start();
	deadline = deadline_us;
	if (deadline == UINT64_MAX) {
		SYST_CSR = 0; /* tickless: no deadline, no interrupt */
		SCB_ICSR = ICSR_PENDSTCLR;
	} else {
		systick_arm();
	}
	port_irq_restore(irq);
}

static void
systick_isr(void)
{
	SYST_CSR = 0; /* one-shot */
	if (deadline == UINT64_MAX)
		return;
	if (clock_read() >= deadline) {
		deadline = UINT64_MAX;
		goro_timer_isr();
	} else {
		systick_arm(); /* a long deadline: another count-down */
	}
}

void
goro_board_idle(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

uint64_t
stm32f4_timclk_count(void)
{
	static int started;
	static uint32_t last;
	static uint64_t total;
	uint32_t now;

	if (!started) {
		started = 1;
		rcc_enable(TIM5EN);
		TIM5->psc = 0;
		TIM5->arr = 0xFFFFFFFFu;
		TIM5->egr = EGR_UG;
		TIM5->cr1 = CR1_CEN;
		last = TIM5->cnt;
	}
	now = TIM5->cnt;
	total += now - last; /* counts up; 32 bits wrap cleanly */
	last = now;
	return total;
}

static void
unexpected_isr(void)
{
	for (;;)
		;
}

/* picolibc's handlers for the system exceptions (fault reports, weak). */
extern uint8_t __stack[];
void _start(void);
void arm_nmi_isr(void);
void arm_hardfault_isr(void);
void arm_memmanage_isr(void);
void arm_busfault_isr(void);
void arm_usagefault_isr(void);
void arm_svc_isr(void);
void arm_debugmon_isr(void);
void arm_pendsv_isr(void);

/* 16 system exceptions + the STM32F405/407's 82 interrupts = 392 bytes, in
 * RAM, filled before main: VTOR wants the table aligned to the next power
 * of two. (The table in flash, picolibc's, has the system exceptions only:
 * it serves until this one is installed.) */
#define STM32F4_IRQS 82
__attribute__((aligned(512))) static void (*vectors[16 + STM32F4_IRQS])(void);

__attribute__((constructor)) static void
vectors_install(void)
{
	size_t i;

	for (i = 0; i < sizeof vectors / sizeof vectors[0]; i++)
		vectors[i] = unexpected_isr;
	vectors[0] = (void (*)(void))__stack;
	vectors[1] = _start;
	vectors[2] = arm_nmi_isr;
	vectors[3] = arm_hardfault_isr;
	vectors[4] = arm_memmanage_isr;
	vectors[5] = arm_busfault_isr;
	vectors[6] = arm_usagefault_isr;
	vectors[11] = arm_svc_isr;
	vectors[12] = arm_debugmon_isr;
	vectors[14] = arm_pendsv_isr;
	vectors[15] = systick_isr;
	vectors[16 + IRQ_TIM2] = tim2_isr;
	SCB_VTOR = (uint32_t)(uintptr_t)vectors;
}
