/*
 * STM32F4 (netduinoplus2 under QEMU, stm32f4-discovery on the chip): time,
 * the tickless timer and the benchmark counter's timer. Both boards build
 * this one file.
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
#include "deadline.h"
#include "goro_board.h"
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

/* Half a wrap of TIM2: where CC1 reads the clock. */
#define HALF_WRAP 0x80000000u

/* The counters' state: the microsecond clock's count, widened (board.h),
 * and the timer clock's (stm32f4_timclk_count). Together, for the
 * stale-pointer scan to pass over (goro_board_counts, board.h): at a
 * 1 GHz timer clock the count's low word reaches RAM addresses within a
 * second, and a soak met one (netduinoplus2). */
static struct {
	struct board_clock32 clock32;
	int timclk_started;
	uint32_t timclk_last;
	uint64_t timclk_total;
} counts;

void
goro_board_counts(uintptr_t *lo, uintptr_t *hi)
{
	*lo = (uintptr_t)&counts;
	*hi = (uintptr_t)(&counts + 1);
}

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

	t = board_clock32_widen(&counts.clock32, v);
	port_irq_restore(irq);
	return t;
}

void
stm32f4_clock_start(void)
{
	rcc_enable(TIM2EN);
	TIM2->cr1 = CR1_URS;
	TIM2->psc = TIM2_PSC_1MHZ;
	TIM2->arr = 0xFFFFFFFFu; /* count all 32 bits */
	TIM2->ccr1 = HALF_WRAP;
	TIM2->egr = EGR_UG;
	TIM2->sr = 0;
	TIM2->dier = DIER_UIE | DIER_CC1IE;
	goro_board_irq_enable(IRQ_TIM2);
	TIM2->cr1 = CR1_URS | CR1_CEN;
}

uint64_t
goro_board_now_us(void)
{
	return clock_read();
}

/* The rollover check: read the clock, whichever of the two it was. */
void
TIM2_IRQHandler(void)
{
	uint32_t sr = TIM2->sr;

	TIM2->sr = ~sr; /* write 0 clears: exactly the flags seen */
	(void)clock_read();
}

/*
 * The deadline's count-downs: SysTick, up to 24 bits of core clock. The
 * count-down starts after the clock was read, so it ends at the deadline
 * or a little after, never before.
 *
 * A one-shot: once the counter has loaded RVR, RVR becomes 0, and at the
 * end of the count-down the counter stays at 0 (ARMv7-M: a reload of 0
 * raises nothing). Left periodic, QEMU 7.2's SysTick under -icount
 * sleep=off with the CPU in WFI delivers only every other period
 * (measured: 1 ms came out as 2 ms, as the CMSDK dual timer does); a
 * count-down that does not reload keeps time to 16 ns.
 */
static void
systick_start(uint64_t now, uint64_t us)
{
	uint32_t counts = (uint32_t)us * HCLK_PER_US;

	(void)now;
	SYST_CSR = 0;
	SCB_ICSR = ICSR_PENDSTCLR;
	SYST_RVR = counts - 1; /* the interrupt comes RVR + 1 counts after enabling */
	SYST_CVR = 0;
	SYST_CSR = SYST_ENABLE | SYST_TICKINT | SYST_CLKSOURCE_CPU;
	while (SYST_CVR == 0) /* the first count loads RVR */
		;
	SYST_RVR = 0;
}

static void
systick_stop(void)
{
	SYST_CSR = 0;
	SCB_ICSR = ICSR_PENDSTCLR;
}

static struct board_deadline deadline = {
        .at = UINT64_MAX,
        .step_us = SYST_COUNTS / HCLK_PER_US,
        .now = clock_read,
        .start = systick_start,
        .stop = systick_stop,
};

void
goro_board_timer_set(uint64_t deadline_us)
{
	board_deadline_set(&deadline, deadline_us);
}

void
SysTick_Handler(void)
{
	SYST_CSR = 0; /* one-shot */
	board_deadline_irq();
}

uint64_t
stm32f4_timclk_count(void)
{
	uint32_t now;

	if (!counts.timclk_started) {
		counts.timclk_started = 1;
		rcc_enable(TIM5EN);
		TIM5->psc = 0;
		TIM5->arr = 0xFFFFFFFFu;
		TIM5->egr = EGR_UG;
		TIM5->cr1 = CR1_CEN;
		counts.timclk_last = TIM5->cnt;
	}
	now = TIM5->cnt;
	counts.timclk_total += now - counts.timclk_last; /* counts up; 32 bits wrap cleanly */
	counts.timclk_last = now;
	return counts.timclk_total;
}
