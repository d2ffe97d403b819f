/*
 * STM32F4DISCOVERY. Startup, vector table and console are picolibc's
 * semihosting crt0: output and exit status go to the debugger, so run it
 * under OpenOCD (meson compile -C BUILD debug). A panic exits with status 2
 * through semihosting; without a debugger attached the semihosting call
 * itself stops the core, which is what a panic should do on a bench.
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
 * The benchmark counter: SysTick clocked from the CPU (16 MHz HSI after
 * reset, since nothing here changes the clock), counted in CPU cycles.
 * 24 bits: read it at least every 2^24 cycles.
 */
#define SYST_CSR           (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR           (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR           (*(volatile uint32_t *)0xE000E018u)
#define SYST_ENABLE        1u
#define SYST_CLKSOURCE_CPU 4u

uint64_t
goro_board_count(void)
{
	static uint32_t last;
	static uint64_t cycles;
	static int started;
	uint32_t now;

	if (!started) {
		SYST_RVR = 0xFFFFFFu;
		SYST_CVR = 0;
		SYST_CSR = SYST_ENABLE | SYST_CLKSOURCE_CPU;
		last = SYST_CVR;
		started = 1;
	}
	now = SYST_CVR;
	cycles += (last - now) & 0xFFFFFFu; /* it counts down */
	last = now;
	return cycles;
}

const char *
goro_board_count_unit(void)
{
	return "cycles";
}
