/*
 * CMSDK timers (the MPS2 boards): time and the tickless timer.
 *
 * Two CMSDK APB timers, 32-bit down counters at the peripheral clock
 * (CMSDK_PCLK_HZ, the board's meson.build: 25 MHz on the MPS2 boards, 20
 * MHz on the AN521, and so under QEMU). Their addresses and interrupts are
 * the chip family's (cmsdk_map.h: 0x40000000 and 0x40001000, IRQs 8 and 9,
 * on the MPS2 images):
 *   TIMER0 free-runs as the clock, counting down from CLOCK_RELOAD, so
 *     that it wraps every 2^27 us (134.2 s) whatever the clock's rate;
 *     its wrap interrupt counts the wraps. That is the clock's rollover,
 *     not a scheduler tick: nothing else runs then.
 *   TIMER1 is the one-shot deadline timer, armed only while a deadline is
 *     pending. A deadline further than one count-down (171.8 s at 25 MHz)
 *     away takes several (boards/family/common/deadline.c).
 * The dual timer is left to applications: dualtimer.c drives it for
 * mps2.h's periodic call, or DUALTIMER_IRQHandler is the application's.
 */
#include <stdint.h>

#include "board.h"
#include "cmsdk_map.h"
#include "deadline.h"
#include "goro_board.h"
#include "sp.h"

#ifndef CMSDK_PCLK_HZ
#error "the board's meson.build must define CMSDK_PCLK_HZ, the timers' clock"
#endif
_Static_assert(CMSDK_PCLK_HZ % 1000000 == 0, "the clock counts whole ticks per us");
#define PCLK_PER_US (CMSDK_PCLK_HZ / 1000000u)

/*
 * TIMER0's period, a power of two of microseconds: the clock is then the
 * wraps shifted, plus the count since the last wrap over PCLK_PER_US, a
 * 32-bit division by a constant (a multiply). Counting all 32 bits
 * instead would make the clock a 64-bit count of PCLK ticks, and its
 * conversion to us a 64-bit division (libgcc's, 750 B). 2^27 is the
 * largest power of two whose count fits 32 bits at up to 32 MHz. The
 * counter counts CLOCK_RELOAD down to 0, then reloads: a period of
 * CLOCK_RELOAD + 1 ticks.
 */
#define WRAP_US_LOG2 27
#define CLOCK_RELOAD ((PCLK_PER_US << WRAP_US_LOG2) - 1u)
_Static_assert((uint64_t)PCLK_PER_US << WRAP_US_LOG2 <= 0x100000000u,
               "TIMER0's period fits its 32 bits: a smaller WRAP_US_LOG2");

struct cmsdk_timer {
	volatile uint32_t ctrl, value, reload, intstatus; /* intstatus: write 1 clears */
};
#define TIMER0      ((struct cmsdk_timer *)CMSDK_TIMER0_BASE)
#define TIMER1      ((struct cmsdk_timer *)CMSDK_TIMER1_BASE)
#define TIMER_EN    1u
#define TIMER_IRQEN 8u

static volatile uint32_t clock_hi; /* TIMER0 wraps so far, each 2^WRAP_US_LOG2 us */

/* The clock's wrap. */
void
TIMER0_IRQHandler(void)
{
	TIMER0->intstatus = 1;
	clock_hi++;
}

/* Microseconds since the clock started. */
static uint64_t
clock_read(void)
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
	/* The us since the wrap are under 2^WRAP_US_LOG2: an or, no carry. */
	return ((uint64_t)hi << WRAP_US_LOG2) | (CLOCK_RELOAD - v) / PCLK_PER_US;
}

void
cmsdk_clock_start(void)
{
	TIMER0->reload = CLOCK_RELOAD;
	TIMER0->value = CLOCK_RELOAD;
	TIMER0->ctrl = TIMER_EN | TIMER_IRQEN;
	goro_board_irq_enable(CMSDK_IRQ_TIMER0);
	goro_board_irq_enable(CMSDK_IRQ_TIMER1);
}

uint64_t
goro_board_now_us(void)
{
	return clock_read();
}

/* The deadline's count-downs: TIMER1 from now. */
static void
timer1_start(uint64_t now, uint64_t us)
{
	(void)now;
	TIMER1->ctrl = 0;
	TIMER1->intstatus = 1;
	TIMER1->reload = 0xFFFFFFFFu;
	TIMER1->value = (uint32_t)us * PCLK_PER_US; /* us <= step_us */
	TIMER1->ctrl = TIMER_EN | TIMER_IRQEN;
}

static void
timer1_stop(void)
{
	TIMER1->ctrl = 0;
	TIMER1->intstatus = 1;
}

static struct board_deadline deadline = {
        .at = UINT64_MAX,
        .step_us = 0xFFFFFFFFu / PCLK_PER_US,
        .now = goro_board_now_us,
        .start = timer1_start,
        .stop = timer1_stop,
};

void
goro_board_timer_set(uint64_t deadline_us)
{
	board_deadline_set(&deadline, deadline_us);
}

void
TIMER1_IRQHandler(void)
{
	timer1_stop(); /* one-shot */
	board_deadline_irq();
}
