/*
 * The SiFive UART0 (0x10013000) as the console (console=uart): the FE310's
 * on hifive1, which QEMU's sifive_e wires to its first -serial and the
 * HiFive1 Rev B bridges to its USB port (pins GPIO 16 RX, 17 TX, IOF0).
 * Polled transmit, 115200 8N1; the divider comes from SIFIVE_TLCLK_HZ,
 * the bus clock (the board's meson.build).
 */
#include <stdint.h>

#include "board.h"

#define BAUD 115200u

#define UART0_TXDATA (*(volatile uint32_t *)0x10013000u)
#define UART0_TXCTRL (*(volatile uint32_t *)0x10013008u)
#define UART0_DIV    (*(volatile uint32_t *)0x10013018u)
#define TXDATA_FULL  (1u << 31)
#define TXCTRL_TXEN  (1u << 0)

/* The pins: GPIO 16 and 17 to their first I/O function, UART0. */
#define GPIO_IOF_EN  (*(volatile uint32_t *)0x10012038u)
#define GPIO_IOF_SEL (*(volatile uint32_t *)0x1001203Cu)
#define UART0_PINS   ((1u << 16) | (1u << 17))

/* The baud rate is tlclk / (div + 1). */
#define DIV ((SIFIVE_TLCLK_HZ + BAUD / 2) / BAUD - 1)

void
board_uart_init(void)
{
	GPIO_IOF_SEL &= ~UART0_PINS;
	GPIO_IOF_EN |= UART0_PINS;
	UART0_DIV = DIV;
	UART0_TXCTRL |= TXCTRL_TXEN;
}

void
board_uart_putc(char c)
{
	while (UART0_TXDATA & TXDATA_FULL)
		;
	UART0_TXDATA = (uint8_t)c;
}
