/*
 * BBC micro:bit (nRF51822) under QEMU or on the board: the board's start
 * and the benchmark counter. Time is time.c's, the vector table
 * vectors.c's.
 */
#include <stdint.h>

#include "board.h"
#include "goro.h"

void nrf51_clock_start(void); /* time.c */

/*
 * HFCLK from the 16 MHz crystal instead of the internal RC oscillator
 * (nRF51 Series Reference Manual, CLOCK): TIMER0, and so the clock and
 * every deadline, and the UART's baud rate are then as good as the
 * crystal, not the RC's 1-2 %. The crystal starts in about 0.8 ms
 * (nRF51822 product specification); the wait gives up after some 25 ms
 * of RC cycles. On the chip that is a broken crystal, and a panic. QEMU
 * 7.2 models no CLOCK peripheral (its registers read 0), so there the
 * wait always gives up, and the RC oscillator QEMU does not model either
 * is kept: QEMU is told from the chip by its SysTick, which the chip
 * lacks (count_start below).
 */
#define CLOCK_TASKS_HFCLKSTART    (*(volatile uint32_t *)0x40000000u)
#define CLOCK_EVENTS_HFCLKSTARTED (*(volatile uint32_t *)0x40000100u)
#define HFCLK_WAIT_TURNS          100000u

static int systick_present(void);

static void
hfclk_start(void)
{
	uint32_t n;

	CLOCK_EVENTS_HFCLKSTARTED = 0;
	CLOCK_TASKS_HFCLKSTART = 1;
	for (n = 0; n < HFCLK_WAIT_TURNS; n++)
		if (CLOCK_EVENTS_HFCLKSTARTED)
			return;
	if (!systick_present())
		goro_panic("nRF51: the 16 MHz crystal did not start (CLOCK EVENTS_HFCLKSTARTED)");
}

void
board_init(void)
{
	hfclk_start();
	nrf51_clock_start();
}

/*
 * The benchmark counter.
 *
 * Under QEMU: SysTick clocked from the CPU. QEMU's nRF51 runs the CPU
 * clock at 16 MHz, so under -icount shift=0 (one instruction per virtual
 * ns) SysTick counts down once every 62.5 guest instructions. Measured
 * against a loop of known length: 16,000,000 instructions read as
 * 16,000,000 or 16,000,062 (one count more, by where the loop fell
 * between two counts), so the rate is exact and a figure is good to one
 * count, 62.5 instructions. 24 bits wide: read it at least every 2^24
 * counts (about a billion instructions) and the count stays right.
 *
 * On the real chip: the nRF51822's Cortex-M0 was built without SysTick
 * (Nordic's documentation says so; its registers read as zero), so the
 * counter is the clock instead (time.c: TIMER0 at 1 MHz), times 16 for
 * CPU cycles at 16 MHz: good to 16 cycles. TIMER0 is the chip's only
 * 32-bit timer, and the clock has it. The unit says which one ran. (ARMv6-M
 * has no DWT cycle counter.)
 */
#define SYST_CSR           (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR           (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR           (*(volatile uint32_t *)0xE000E018u)
#define SYST_ENABLE        1u
#define SYST_CLKSOURCE_CPU 4u
#define SYST_MAX           0xFFFFFFu /* 24 bits */
/* Instructions per SysTick count under QEMU, as a fraction: 62.5 = 125/2. */
#define SYSTICK_INSNS_NUM 125u
#define SYSTICK_INSNS_DEN 2u

#define CYCLES_PER_US 16u /* the CPU's 16 MHz */

static enum { C_NONE, C_SYSTICK, C_CLOCK } counter;

/* SysTick's reload register keeps what is written to it under QEMU; on the
 * chip, which has no SysTick, it reads 0. */
static int
systick_present(void)
{
	SYST_RVR = SYST_MAX;
	return SYST_RVR == SYST_MAX;
}

static void
count_start(void)
{
	if (systick_present()) {
		SYST_CVR = 0;
		SYST_CSR = SYST_ENABLE | SYST_CLKSOURCE_CPU;
		while (SYST_CVR == 0) /* until the first reload */
			;
		counter = C_SYSTICK;
		return;
	}
	counter = C_CLOCK;
}

uint64_t
goro_board_count(void)
{
	static uint32_t last;
	static uint64_t total;
	uint32_t now;

	if (counter == C_NONE) {
		count_start();
		if (counter == C_SYSTICK)
			last = SYST_CVR;
	}
	if (counter == C_CLOCK)
		return goro_board_now_us() * CYCLES_PER_US;
	now = SYST_CVR;
	total += (last - now) & SYST_MAX; /* it counts down */
	last = now;
	return total * SYSTICK_INSNS_NUM / SYSTICK_INSNS_DEN;
}

const char *
goro_board_count_unit(void)
{
	return counter == C_CLOCK ? "cycles" : "instructions";
}
