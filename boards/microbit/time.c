/*
 * micro:bit (nRF51822): time, the tickless timer, idling, and the vector
 * table.
 *
 * The nRF51's Cortex-M0 has no SysTick on the chip (README.md) and
 * ARMv6-M has no VTOR, so everything hangs off TIMER0 and a vector table
 * in flash at address 0.
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
 * ns per count. On the chip HFCLK comes from the internal RC oscillator
 * unless something starts the crystal (CLOCK's TASKS_HFCLKSTART), and the
 * clock is then only as good as that oscillator.
 */
#include <stdint.h>

#include "board.h"
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
#define NVIC_ISER  (*(volatile uint32_t *)0xE000E100u)
#define NVIC_ISPR  (*(volatile uint32_t *)0xE000E200u)

static struct board_clock32 clock32; /* the count, widened (board.h) */
static uint64_t deadline = UINT64_MAX;

/*
 * Microseconds since the clock started. Interrupts masked: the widened
 * count's two halves change together. Right as long as reads come less
 * than one wrap apart, which CH_WRAP's interrupt sees to.
 */
static uint64_t
clock_read(void)
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

static void
clock_start(void)
{
	static int started;

	if (started)
		return;
	started = 1;
	MODE = MODE_TIMER;
	BITMODE = BITMODE_32;
	PRESCALER = PRESCALE_1MHZ;
	TASKS_CLEAR = 1;
	CC[CH_WRAP] = HALF_WRAP;
	INTENSET = INTEN_COMPARE(CH_WRAP);
	NVIC_ISER = 1u << IRQ_TIMER0;
	TASKS_START = 1;
}

uint64_t
goro_board_now_us(void)
{
	clock_start();
	return clock_read();
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
 * Point CH_DEADLINE at the deadline, or half a wrap towards it. If the
 * target has already passed, maybe while CC was being written, the
 * compare would wait a whole wrap: pend the interrupt instead, and the
 * handler looks.
 *
 * CC is written before the event is cleared: QEMU 7.2's model raises a
 * compare event again on any access in the microsecond in which the count
 * equals that CC (it takes the distance for 2^32, cut to 32 bits: 0), so
 * clearing first could leave a stale event of the old target, and a
 * spurious interrupt. On the chip the order makes no difference: a match
 * lost in between is what the check at the end catches.
 */
static void
deadline_arm(void)
{
	uint64_t now = clock_read(), target;

	if (now >= deadline) {
		NVIC_ISPR = 1u << IRQ_TIMER0;
		return;
	}
	target = deadline - now < HALF_WRAP ? deadline : now + HALF_WRAP;
	CC[CH_DEADLINE] = (uint32_t)target;
	event_clear(CH_DEADLINE);
	INTENSET = INTEN_COMPARE(CH_DEADLINE);
	if (clock_read() >= target)
		NVIC_ISPR = 1u << IRQ_TIMER0;
}

void
goro_board_timer_set(uint64_t deadline_us)
{
	unsigned long irq = port_irq_save();

	clock_start();
	deadline = deadline_us;
	if (deadline == UINT64_MAX) {
		INTENCLR = INTEN_COMPARE(CH_DEADLINE); /* tickless: no deadline, no interrupt */
		event_clear(CH_DEADLINE);
	} else {
		deadline_arm();
	}
	port_irq_restore(irq);
}

static void
timer0_isr(void)
{
	if (EVENTS_COMPARE[CH_WRAP]) {
		CC[CH_WRAP] = (uint32_t)clock_read() + HALF_WRAP;
		event_clear(CH_WRAP); /* after CC: see deadline_arm */
	}
	if (deadline == UINT64_MAX)
		return;
	if (clock_read() >= deadline) {
		deadline = UINT64_MAX;
		INTENCLR = INTEN_COMPARE(CH_DEADLINE);
		event_clear(CH_DEADLINE);
		goro_timer_isr();
	} else {
		deadline_arm(); /* early: a step of a long deadline, or a wrap check */
	}
}

void
goro_board_idle(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

static void
unexpected_isr(void)
{
	for (;;)
		;
}

/*
 * The vector table, at address 0 where the Cortex-M0 reads it. picolibc
 * has a weak __interrupt_vector with the 16 system exceptions only, in
 * section .data.init.enter, which picolibc.ld puts first in flash. This
 * strong one, in the same section, takes its place; and since nothing
 * else here refers to a symbol of the weak one's object (libc's
 * arm/interrupt.c), that object is not linked at all: arm-none-eabi-nm
 * shows no __weak_interrupt_vector, and objdump shows this table at 0x0.
 * 16 system exceptions and the nRF51's 32 interrupts: 192 bytes.
 */
extern uint8_t __stack[]; /* picolibc.ld: the top of RAM, g0's stack */
void _start(void);
void arm_hardfault_isr(void); /* picolibc's crt0: reports the fault */

/* Every entry but four is unexpected_isr: U, and U8 for eight of them. */
#define U  unexpected_isr
#define U8 U, U, U, U, U, U, U, U
__attribute__((used, section(".data.init.enter"))) void (*const __interrupt_vector[])(void) = {
        /* 0: initial sp, reset, NMI, HardFault, 4-11 (SVC at 11), 12-15 */
        (void (*)(void))__stack, _start, U, arm_hardfault_isr, U8, U, U, U, U,
        /* IRQ 0-7: POWER_CLOCK, RADIO, UART0, SPI0_TWI0, SPI1_TWI1, -,
         * GPIOTE, ADC */
        U8,
        /* IRQ 8-15: TIMER0, TIMER1, TIMER2, RTC0, TEMP, RNG, ECB, CCM_AAR */
        timer0_isr, U, U, U, U, U, U, U,
        /* IRQ 16-31: WDT, RTC1, QDEC, LPCOMP, SWI0-SWI5, six unused */
        U8, U8};
_Static_assert(sizeof __interrupt_vector == (16 + 32) * sizeof(void (*)(void)),
               "16 system exceptions and 32 interrupts");
_Static_assert(16 + IRQ_TIMER0 == 24, "timer0_isr is entry 24 above");
