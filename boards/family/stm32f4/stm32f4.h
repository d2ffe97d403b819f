/*
 * What the STM32F4 boards' shared timer code (time.c) offers their
 * board.c files beyond the board contract.
 */
#ifndef GORO_STM32F4_H
#define GORO_STM32F4_H

#include <stdint.h>

/* Start TIM2, the clock (time.c). From board_init; weak, as board.h's
 * "clock only with time" asks: the reference alone does not link time.c. */
void stm32f4_clock_start(void) __attribute__((weak));

/* The PLL from the crystal, where the board has STM32F4_HSE_HZ (clock.c),
 * and whether it came up: 0 leaves the chip on its 16 MHz HSI. */
void stm32f4_clock_init(void);
extern int stm32f4_clock_ok;
#define STM32F4_HSI_HZ 16000000u

#ifndef STM32F4_HSE_HZ
#define STM32F4_HSE_HZ 0 /* no crystal setup: the clocks as they are */
#endif
#ifndef STM32F4_PLL_FROM_HSI
#define STM32F4_PLL_FROM_HSI 0
#endif
/* The chip: 405 (the F405/407: netduinoplus2, stm32f4-discovery) or 411
 * (nucleo-f411re), for its interrupt map and regulator. */
#ifndef STM32F4_CHIP
#define STM32F4_CHIP 405
#endif

/* TIM5's count at the timer clock, undivided, from the first call: the
 * benchmark counter. 32 bits wide in hardware: read it at least every
 * 2^32 counts (4.3 s at QEMU's 1 GHz, 268 s at 16 MHz) and it stays
 * right. */
uint64_t stm32f4_timclk_count(void);

#endif
