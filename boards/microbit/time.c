/*
 * micro:bit (nRF51822): time and the tickless timer.
 *
 * The nRF51's Cortex-M0 has no SysTick on the chip (README.md), so
 * everything hangs off TIMER0.
 *
 * TIMER0 (0x40008000, IRQ 8) counts up at 1 MHz, 32 bits wide, from the
 * first call to goro_board_now_us:
 *   - the clock: its count, read through a capture into CC[2] and widened
 *     to 64 bits in software (a read that sees a smaller count than the
 *     last one has crossed a wrap, every 71.6 minutes);
 *   - CC[1], the rollover check: a compare interrupt half a wrap after the
 *     last check, so that some read comes at most 2^31 us (35.8 minutes)
 *     after the one before and no wrap goes unseen, even when nothing else
 *     reads the clock. That is the only interrupt with no deadline pending;
 *   - CC[0], the deadline: a compare interrupt, enabled only while a
 *     deadline is pending. One further than 2^31 us away takes several
 *     compares; only the last calls goro_timer_isr.
 * TIMER0 because it is the nRF51's only 32-bit timer: TIMER1 and TIMER2
 * are 16 bits wide on the chip (QEMU models all three as 32-bit).
 *
 * The rate: 16 MHz HFCLK / 2^4. QEMU's model counts exactly 1,000 virtual
 * ns per count. On the chip HFCLK comes from the 16 MHz crystal, which
 * board.c starts before main (without it, the internal RC oscillator
 * would serve, good to 1-2 %).
 */
#include <stdint.h>

#include "board.h"
#include "deadline.h"
#include "goro_board.h"
#include "sp.h"

/* nRF51 TIMER (nRF51 Series Reference Manual). Tasks are triggered by
 * writing 1, events cleared by writing 0. */
#define TIMER0_BASE       0x40008000u
#define TIMER_REG(off)    (*(volatile uint32_t *)(TIMER0_BASE + (off)))
#define TASKS_START       TIMER_REG(0x000)
#define TASKS_CLEAR       TIMER_REG(0x00C)
#define TASKS_CAPTURE     ((volatile uint32_t *)(TIMER0_BASE + 0x040)) /* [4] */
#define EVENTS_COMPARE    ((volatile uint32_t *)(TIMER0_BASE + 0x140)) /* [4] */
#define INTENSET          TIMER_REG(0x304)
#define INTENCLR          TIMER_REG(0x308)
#define MODE              TIMER_REG(0x504)
#define BITMODE           TIMER_REG(0x508)
#define PRESCALER         TIMER_REG(0x510)
#define CC                ((volatile uint32_t *)(TIMER0_BASE + 0x540)) /* [4] */
#define MODE_TIMER        0u
#define BITMODE_32        3u
#define PRESCALE_1MHZ     4u /* 16 MHz / 2^4 */
#define INTEN_COMPARE(ch) (1u << (16 + (ch)))

/* The channels. */
#define CH_DEADLINE 0
#define CH_WRAP     1
#define CH_READ     2 /* CC[3] is left to applications */

/* Half a wrap: the rollover check's period, and the longest step a
 * deadline compare takes, so that its 32-bit target is never ambiguous. */
#define HALF_WRAP 0x80000000u

#define IRQ_TIMER0 8

static struct board_clock32 clock32; /* the count, widened (board.h) */

/*
 * Microseconds since the clock started. Interrupts masked: the widened
 * count's two halves change together. Right as long as reads come less
 * than one wrap apart, which CH_WRAP's interrupt sees to. The runtime's
 * clock, and also what the deadline and the rollover check read: one
 * function, with no wrapper between them.
 */
uint64_t
goro_board_now_us(void)
{
	unsigned long irq = port_irq_save();
	uint32_t v;
	uint64_t t;

	TASKS_CAPTURE[CH_READ] = 1;
	v = CC[CH_READ];
	t = board_clock32_widen(&clock32, v);
	port_irq_restore(irq);
	return t;
}

void
nrf51_clock_start(void)
{
	MODE = MODE_TIMER;
	BITMODE = BITMODE_32;
	PRESCALER = PRESCALE_1MHZ;
	TASKS_CLEAR = 1;
	CC[CH_WRAP] = HALF_WRAP;
	INTENSET = INTEN_COMPARE(CH_WRAP);
	goro_board_irq_enable(IRQ_TIMER0);
	TASKS_START = 1;
}

/* Clear a compare event. The read-back makes sure the write has reached
 * the peripheral before the handler returns: otherwise the interrupt,
 * which follows the event level, can fire again (Nordic's advice). */
static void
event_clear(int ch)
{
	EVENTS_COMPARE[ch] = 0;
	(void)EVENTS_COMPARE[ch];
}

/*
 * The deadline's count-downs: CH_DEADLINE's compare, us after now (at most
 * half a wrap, so that its 32-bit target is never ambiguous). If the
 * target has passed by the time CC is written, the compare would wait a
 * whole wrap: pend the interrupt instead, and the handler looks.
 *
 * CC is written before the event is cleared: QEMU 7.2's model raises a
 * compare event again on any access in the microsecond in which the count
 * equals that CC (it takes the distance for 2^32, cut to 32 bits: 0), so
 * clearing first could leave a stale event of the old target, and a
 * spurious interrupt. On the chip the order makes no difference: a match
 * lost in between is what the check at the end catches.
 */
static void
compare_start(uint64_t now, uint64_t us)
{
	CC[CH_DEADLINE] = (uint32_t)(now + us);
	event_clear(CH_DEADLINE);
	INTENSET = INTEN_COMPARE(CH_DEADLINE);
	/* Passed yet? In 32 bits: us is at most half a wrap, and the clock
	 * read now came microseconds ago. */
	if ((uint32_t)(goro_board_now_us() - now) >= (uint32_t)us)
		goro_board_irq_pend(IRQ_TIMER0);
}

static void
compare_stop(void)
{
	INTENCLR = INTEN_COMPARE(CH_DEADLINE);
	event_clear(CH_DEADLINE);
}

static struct board_deadline deadline = {
        .at = UINT64_MAX,
        .step_us = HALF_WRAP,
        .now = goro_board_now_us,
        .start = compare_start,
        .stop = compare_stop,
};

void
goro_board_timer_set(uint64_t deadline_us)
{
	board_deadline_set(&deadline, deadline_us);
}

/* Both compares: the rollover check and the deadline. */
void
TIMER0_IRQHandler(void)
{
	if (EVENTS_COMPARE[CH_WRAP]) {
		CC[CH_WRAP] = (uint32_t)goro_board_now_us() + HALF_WRAP;
		event_clear(CH_WRAP); /* after CC: see compare_start */
	}
	/* Due, or early (a step of a long deadline, or a wrap check): its
	 * stop or its next start clears CH_DEADLINE's event. */
	board_deadline_irq();
}
