/*
 * micro:bit: the benchmark counter (board.h).
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
 *
 * Apart from board.c, since on the chip it reads the clock, and the
 * board's start must not link the clock into a program that keeps no
 * time (board.h).
 */
#include <stdint.h>

#include "board.h"
#include "systick.h"

/* Instructions per SysTick count under QEMU, as a fraction: 62.5 = 125/2. */
#define SYSTICK_INSNS_NUM 125u
#define SYSTICK_INSNS_DEN 2u

#define CYCLES_PER_US 16u /* the CPU's 16 MHz */

static enum { C_NONE, C_SYSTICK, C_CLOCK } counter;

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
