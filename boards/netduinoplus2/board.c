/*
 * The STM32F4 boards (netduinoplus2, and stm32f4-discovery, which builds
 * this file too), under QEMU or on the real boards. Startup and the
 * console are picolibc's semihosting crt0 (which also turns the FPU on;
 * its vector table serves until time.c installs one in RAM); a panic exits
 * with status 2, which QEMU passes on as its own exit status. On a real
 * board semihosting needs a debugger attached (README.md).
 */
#include <stdint.h>
#include <stdlib.h>

#include "board.h"
#include "stm32f4.h"

__attribute__((weak)) _Noreturn void
goro_board_panic_exit(void)
{
	exit(2);
}

/*
 * The benchmark counter: TIM5, which counts at the timer clock undivided
 * (time.c; SysTick is the deadline timer). QEMU 7.2 clocks the STM32F405's
 * timers at 1 GHz, so under -icount shift=0 (one instruction per virtual
 * ns) it counts exactly one per guest instruction. Measured with a
 * two-instruction spin loop: loops of 2,000 to 20,000,000 instructions
 * read as their length plus 22, the reads around them, with no drift.
 * 32 bits: read it at least every 4.3 s of virtual time (stm32f4.h).
 *
 * On the real chip, after reset (nothing here starts the PLL), the timer
 * clock is the 16 MHz HSI, the core's clock too: the counter then counts
 * CPU cycles, but this board's build assumes QEMU's clocks (meson.build).
 */
uint64_t
goro_board_count(void)
{
	return stm32f4_timclk_count();
}

const char *
goro_board_count_unit(void)
{
	/* Under QEMU the timer clock is 1 GHz and counts guest instructions;
	 * on a real chip it is the core's clock. */
	return STM32F4_TIMCLK_HZ == 1000000000 ? "instructions" : "cycles";
}
