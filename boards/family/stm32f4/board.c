/*
 * The STM32F4 boards (netduinoplus2, stm32f4-discovery), under QEMU or on
 * the real boards: the board's start and the benchmark counter. Time is
 * time.c's, the vectors vectors.c's.
 */
#include <stdint.h>

#include "board.h"
#include "goro.h"
#include "stm32f4.h"

/* The clocks first: every time figure assumes them. A crystal or PLL that
 * does not start is a panic, printed at the HSI's rate (usart.c), rather
 * than a program whose every time runs wrong. */
void
board_init(void)
{
	stm32f4_clock_init();
	if (!stm32f4_clock_ok)
		goro_panic("STM32F4: the PLL did not lock%s; the chip is still on its 16 MHz HSI "
		           "(the clock constants in the board's meson.build)",
		           STM32F4_HSE_HZ ? ", or the crystal (HSE) did not start" : "");
	if (stm32f4_clock_start)
		stm32f4_clock_start();
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
	return STM32F4_TIMCLK_HZ == 1000000000        ? "instructions"
	       : STM32F4_TIMCLK_HZ == STM32F4_HCLK_HZ ? "cycles"
	                                              : "timer-clock ticks";
}
