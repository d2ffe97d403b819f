/*
 * mps2-an385: time, the tickless timer, idling, and interrupt vectors.
 *
 * Two CMSDK APB timers, 32-bit down counters at the 25 MHz peripheral
 * clock (PCLK, also under QEMU):
 *   TIMER0 (0x40000000, IRQ 8) free-runs from 0xFFFFFFFF as the clock; its
 *     wrap interrupt, once every 171.8 s, carries the high word. That is
 *     the clock's rollover, not a scheduler tick: nothing else runs then.
 *   TIMER1 (0x40001000, IRQ 9) is the one-shot deadline timer, armed only
 *     while a deadline is pending. A deadline further than one count-down
 *     (171.8 s) away takes several; only the last calls goro_timer_isr.
 * The dual timer (0x40002000, IRQ 10) is left to applications and tests
 * as a peripheral interrupt source (mps2.h).
 *
 * picolibc's vector table has the 16 system exceptions only; ours adds the
 * 32 external interrupts and is installed through VTOR before main.
 */
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "mps2.h"
#include "sp.h"

struct cmsdk_timer {
	volatile uint32_t ctrl, value, reload, intstatus; /* intstatus: write 1 clears */
};
#define TIMER0        ((struct cmsdk_timer *)0x40000000u)
#define TIMER1        ((struct cmsdk_timer *)0x40001000u)
#define TIMER_EN      1u
#define TIMER_IRQEN   8u
#define IRQ_TIMER0    8
#define IRQ_TIMER1    9
#define IRQ_DUALTIMER 10

struct cmsdk_dualtimer {
	volatile uint32_t load, value, ctrl, intclr, ris, mis, bgload;
};
#define DUALTIMER1 ((struct cmsdk_dualtimer *)0x40002000u)
#define DT_EN      (1u << 7)
#define DT_IRQEN   (1u << 5)
#define DT_32BIT   (1u << 1)
#define DT_ONESHOT (1u << 0)

#define NVIC_ISER0 (*(volatile uint32_t *)0xE000E100u)
#define SCB_VTOR   (*(volatile uint32_t *)0xE000ED08u)

#define PCLK_PER_US 25u /* 25 MHz */

static volatile uint32_t clock_hi; /* TIMER0 wraps so far */
static uint64_t deadline = UINT64_MAX;
static void (*dualtimer_fn)(void);
static uint32_t dualtimer_load;

static void
timer0_isr(void)
{
	TIMER0->intstatus = 1;
	clock_hi++;
}

/* PCLK ticks since the clock started. */
static uint64_t
clock_ticks(void)
{
	unsigned long irq = port_irq_save();
	uint32_t v = TIMER0->value, hi = clock_hi;

	/* Wrapped, and the interrupt has not run yet: count the wrap here but
	 * leave it pending, since the handler still counts it when it runs
	 * (clearing the flag here instead would race the NVIC, which already
	 * latched the interrupt). Read the value again: the first reading
	 * may be from before the wrap. */
	if (TIMER0->intstatus) {
		hi++;
		v = TIMER0->value;
	}
	port_irq_restore(irq);
	return ((uint64_t)hi << 32) | (0xFFFFFFFFu - v);
}

static void
clock_start(void)
{
	static int started;

	if (started)
		return;
	started = 1;
	TIMER0->reload = 0xFFFFFFFFu;
	TIMER0->value = 0xFFFFFFFFu;
	TIMER0->ctrl = TIMER_EN | TIMER_IRQEN;
	NVIC_ISER0 = (1u << IRQ_TIMER0) | (1u << IRQ_TIMER1) | (1u << IRQ_DUALTIMER);
}

uint64_t
goro_board_now_us(void)
{
	clock_start();
	return clock_ticks() / PCLK_PER_US;
}

/* Count TIMER1 down to the deadline, or as far towards it as 32 bits go. */
static void
timer1_arm(void)
{
	uint64_t now = goro_board_now_us(), us;

	us = deadline > now ? deadline - now : 1;
	if (us > 0xFFFFFFFFu / PCLK_PER_US)
		us = 0xFFFFFFFFu / PCLK_PER_US;
	TIMER1->ctrl = 0;
	TIMER1->intstatus = 1;
	TIMER1->reload = 0xFFFFFFFFu;
	TIMER1->value = (uint32_t)(us * PCLK_PER_US);
	TIMER1->ctrl = TIMER_EN | TIMER_IRQEN;
}

void
goro_board_timer_set(uint64_t deadline_us)
{
	unsigned long irq = port_irq_save();

	clock_start();
	deadline = deadline_us;
	if (deadline == UINT64_MAX) {
		TIMER1->ctrl = 0; /* tickless: no deadline, no interrupt */
		TIMER1->intstatus = 1;
	} else {
		timer1_arm();
	}
	port_irq_restore(irq);
}

static void
timer1_isr(void)
{
	TIMER1->ctrl = 0;
	TIMER1->intstatus = 1;
	if (deadline == UINT64_MAX)
		return;
	if (goro_board_now_us() >= deadline) {
		deadline = UINT64_MAX;
		goro_timer_isr();
	} else {
		timer1_arm(); /* a long deadline: another count-down */
	}
}

void
goro_board_idle(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

/*
 * The period is made of one-shots, each armed from the handler: QEMU 7.2's
 * model of the dual timer's periodic mode fires every other period when
 * the CPU sleeps under -icount sleep=off (measured: 50 ms came out as
 * 100 ms), while one-shots keep time. The handler's few cycles of re-arm
 * latency are the price.
 */
static void
dualtimer_arm(void)
{
	DUALTIMER1->ctrl = 0;
	DUALTIMER1->intclr = 1;
	DUALTIMER1->load = dualtimer_load;
	DUALTIMER1->ctrl = DT_EN | DT_IRQEN | DT_32BIT | DT_ONESHOT;
}

void
mps2_dualtimer_periodic(uint32_t period_us, void (*fn)(void))
{
	clock_start();
	DUALTIMER1->ctrl = 0;
	dualtimer_fn = fn;
	if (fn == NULL || period_us == 0)
		return;
	dualtimer_load = period_us * PCLK_PER_US;
	dualtimer_arm();
}

static void
dualtimer_isr(void)
{
	DUALTIMER1->intclr = 1;
	if (dualtimer_fn == NULL)
		return;
	dualtimer_arm();
	dualtimer_fn();
}

static void
unexpected_isr(void)
{
	for (;;)
		;
}

/* picolibc's handlers for the system exceptions (fault reports, weak). */
void _start(void);
void arm_nmi_isr(void);
void arm_hardfault_isr(void);
void arm_memmanage_isr(void);
void arm_busfault_isr(void);
void arm_usagefault_isr(void);
void arm_svc_isr(void);
void arm_debugmon_isr(void);
void arm_pendsv_isr(void);
void arm_systick_isr(void);

/* 16 system exceptions + 32 interrupts = 192 bytes, in RAM, filled before
 * main: VTOR wants the table aligned to the next power of two. */
__attribute__((aligned(256))) static void (*vectors[48])(void);

__attribute__((constructor)) static void
vectors_install(void)
{
	int i;

	for (i = 0; i < 48; i++)
		vectors[i] = unexpected_isr;
	vectors[1] = _start;
	vectors[2] = arm_nmi_isr;
	vectors[3] = arm_hardfault_isr;
	vectors[4] = arm_memmanage_isr;
	vectors[5] = arm_busfault_isr;
	vectors[6] = arm_usagefault_isr;
	vectors[11] = arm_svc_isr;
	vectors[12] = arm_debugmon_isr;
	vectors[14] = arm_pendsv_isr;
	vectors[15] = arm_systick_isr;
	vectors[16 + IRQ_TIMER0] = timer0_isr;
	vectors[16 + IRQ_TIMER1] = timer1_isr;
	vectors[16 + IRQ_DUALTIMER] = dualtimer_isr;
	SCB_VTOR = (uint32_t)(uintptr_t)vectors;
}
