/*
 * STM32F4DISCOVERY. Startup and the console are picolibc's semihosting
 * crt0 (its vector table serves until time.c installs one in RAM): output
 * and exit status go to the debugger, so run it under OpenOCD (meson
 * compile -C BUILD debug). A panic exits with status 2 through
 * semihosting; without a debugger attached the semihosting call itself
 * stops the core, which is what a panic should do on a bench.
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
 * The benchmark counter: TIM5 at the timer clock, undivided (the shared
 * ../netduinoplus2/time.c; SysTick is the deadline timer). After reset
 * nothing here changes the clock: the core and the timers both run from
 * the 16 MHz HSI (AHB and APB1 undivided), so it counts CPU cycles.
 */
uint64_t
goro_board_count(void)
{
	return stm32f4_timclk_count();
}

const char *
goro_board_count_unit(void)
{
	return "cycles";
}
