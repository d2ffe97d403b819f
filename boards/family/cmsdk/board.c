/*
 * The MPS2 boards (mps2-an385, mps2-an386, mps2-an521) under QEMU or on
 * the MPS2 board: the board's start and the benchmark counter. Time is timer.c's,
 * the vectors vectors.c's; the console is picolibc's semihosting.
 */
#include <stdint.h>

#include "board.h"
#include "cmsdk_map.h"

/* timer.c's. Weak, as board.h's "clock only with time" asks: the
 * reference alone does not link timer.c. */
void cmsdk_clock_start(void) __attribute__((weak));

void
board_init(void)
{
	if (cmsdk_clock_start)
		cmsdk_clock_start();
	cmsdk_chip_start();
}

/*
 * The benchmark counter: SysTick clocked from the CPU. On these boards the
 * CPU and the APB peripherals run from one clock (CMSDK_PCLK_HZ: 25 MHz on
 * the AN385 and AN386, 20 MHz on the AN521, in QEMU's models too), so
 * under -icount shift=0 (one instruction per ns) it counts down once every
 * 40 guest instructions (50 on the AN521). 24 bits wide: read it at least
 * every 2^24 ticks (671 million instructions at 40) and the count stays
 * right. (The DWT cycle counter would be finer, but QEMU does not model
 * it.)
 */
#define SYST_CSR           (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR           (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR           (*(volatile uint32_t *)0xE000E018u)
#define SYST_ENABLE        1u
#define SYST_CLKSOURCE_CPU 4u
#define SYSTICK_INSNS      (1000000000u / CMSDK_PCLK_HZ) /* instructions per count, above */
_Static_assert(1000000000u % CMSDK_PCLK_HZ == 0, "a whole number of instructions per count");

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
	return ticks * SYSTICK_INSNS;
}

const char *
goro_board_count_unit(void)
{
	return "instructions";
}
