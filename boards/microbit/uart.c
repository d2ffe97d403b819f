/*
 * The nRF51 UART0 (0x40002000) as the console (console=uart), on the
 * micro:bit's USB-serial pins: TX P0.24, RX P0.25, which its interface
 * chip bridges to the USB port. QEMU's microbit wires UART0 to its first
 * -serial. Polled transmit, 115200 8N1 (the BAUDRATE register takes
 * Nordic's fixed code for it, derived from the 16 MHz HFCLK).
 */
#include <stdint.h>

#include "board.h"

#define UART0_BASE    0x40002000u
#define UART_REG(off) (*(volatile uint32_t *)(UART0_BASE + (off)))
#define TASKS_STARTTX UART_REG(0x008)
#define EVENTS_TXDRDY UART_REG(0x11C)
#define ENABLE        UART_REG(0x500)
#define PSELRTS       UART_REG(0x508)
#define PSELTXD       UART_REG(0x50C)
#define PSELCTS       UART_REG(0x510)
#define PSELRXD       UART_REG(0x514)
#define TXD           UART_REG(0x51C)
#define BAUDRATE      UART_REG(0x524)
#define CONFIG        UART_REG(0x56C)
#define ENABLE_UART   4u
#define BAUD_115200   0x01D7E000u /* nRF51 Series Reference Manual, BAUDRATE */
#define PIN_TX        24u
#define PIN_RX        25u
#define PIN_NONE      0xFFFFFFFFu

/* GPIO: the TX pin an output, high (idle) before the UART takes it. */
#define GPIO_OUTSET (*(volatile uint32_t *)0x50000508u)
#define GPIO_DIRSET (*(volatile uint32_t *)0x50000518u)

static int sent; /* a character has gone out: TXDRDY then means room */

void
board_uart_init(void)
{
	GPIO_OUTSET = 1u << PIN_TX;
	GPIO_DIRSET = 1u << PIN_TX;
	PSELTXD = PIN_TX;
	PSELRXD = PIN_RX;
	PSELRTS = PIN_NONE;
	PSELCTS = PIN_NONE;
	CONFIG = 0; /* no parity, no flow control */
	BAUDRATE = BAUD_115200;
	ENABLE = ENABLE_UART;
	EVENTS_TXDRDY = 0;
	TASKS_STARTTX = 1;
}

void
board_uart_putc(char c)
{
	if (sent) {
		while (!EVENTS_TXDRDY)
			;
		EVENTS_TXDRDY = 0;
	}
	TXD = (uint8_t)c;
	sent = 1;
}
