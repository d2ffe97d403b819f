/*
 * BBC micro:bit (nRF51822) under QEMU or on the board: the board's start.
 * Time is time.c's, the benchmark counter count.c's, the vector table
 * vectors.c's.
 */
#include <stdint.h>

#include "board.h"
#include "goro.h"
#include "systick.h"

/* time.c's. Weak, as board.h's "clock only with time" asks: the
 * reference alone does not link time.c. */
void nrf51_clock_start(void) __attribute__((weak));

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
 * lacks (systick.h).
 */
#define CLOCK_TASKS_HFCLKSTART    (*(volatile uint32_t *)0x40000000u)
#define CLOCK_EVENTS_HFCLKSTARTED (*(volatile uint32_t *)0x40000100u)
#define HFCLK_WAIT_TURNS          100000u

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
	if (nrf51_clock_start)
		nrf51_clock_start();
}
