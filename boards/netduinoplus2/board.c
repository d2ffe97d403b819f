/*
 * Netduino Plus 2 (STM32F405) under QEMU or on the real board. Startup,
 * the vector table and the console are picolibc's semihosting crt0 (which
 * also turns the FPU on); a panic exits with status 2, which QEMU passes
 * on as its own exit status. On the real board semihosting needs a
 * debugger attached (README.md).
 */
#include <stdint.h>
#include <stdlib.h>

#include "board.h"

__attribute__((weak)) _Noreturn void
goro_board_panic_exit(void)
{
	exit(2);
}

/*
 * The benchmark counter: SysTick clocked from the CPU. QEMU's model of
 * the STM32F405 clocks the core at 168 MHz, so under -icount shift=0 (one
 * instruction per ns) SysTick counts down 168 times per 1000 guest
 * instructions: one count is 125/21 = 5.95 instructions. Measured with a
 * two-instruction spin loop: 3,200,000 instructions took 537,600 counts
 * (537,601 with the reads around it), so the ratio is exact and does not
 * drift; through this function, loops of 2,000 to 2,048,000 instructions
 * read as their length plus 48 to 54, and two readings back to back as
 * 48 to 54 apart (the call itself, about 50 instructions). So a
 * difference of two readings is right to within one count, 6
 * instructions, against 40 on the mps2 boards.
 *
 * On the real chip, which runs from its 16 MHz HSI oscillator after reset
 * (nothing here starts the PLL), the same arithmetic turns cycles into
 * nothing meaningful: this counter is for benchmarks under QEMU.
 *
 * 24 bits wide: read it at least every 2^24 counts (about 100 million
 * instructions) and the count stays right.
 */
#define SYST_CSR           (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR           (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR           (*(volatile uint32_t *)0xE000E018u)
#define SYST_ENABLE        1u
#define SYST_CLKSOURCE_CPU 4u
/* Instructions per count, as a fraction: 1000 ns of instructions per 168
 * counts of a 168 MHz clock, reduced. */
#define SYSTICK_INSNS_NUM 125u
#define SYSTICK_INSNS_DEN 21u

uint64_t
goro_board_count(void)
{
	static uint32_t last;
	static uint64_t ticks;
	static int started;
	uint32_t now;

	if (!started) {
		SYST_RVR = 0xFFFFFFu;
		SYST_CVR = 0;
		SYST_CSR = SYST_ENABLE | SYST_CLKSOURCE_CPU;
		while (SYST_CVR == 0) /* until the first reload */
			;
		last = SYST_CVR;
		started = 1;
	}
	now = SYST_CVR;
	ticks += (last - now) & 0xFFFFFFu; /* it counts down */
	last = now;
	return ticks * SYSTICK_INSNS_NUM / SYSTICK_INSNS_DEN;
}

const char *
goro_board_count_unit(void)
{
	return "instructions";
}
