/*
 * An NS16550-compatible UART as the console (console=uart): QEMU virt's
 * UART0 on virt-rv32, at NS16550_BASE with an NS16550_CLOCK_HZ input clock
 * (the board's meson.build; virt's device tree gives 3.6864 MHz). Polled
 * transmit, 115200 8N1.
 */
#include <stdint.h>

#include "board.h"

#define BAUD 115200u

#define REG(off) (*(volatile uint8_t *)(NS16550_BASE + (off)))
#define THR      REG(0) /* with LCR.DLAB = 0 */
#define DLL      REG(0) /* with LCR.DLAB = 1 */
#define DLM      REG(1)
#define IER      REG(1)
#define FCR      REG(2)
#define LCR      REG(3)
#define LSR      REG(5)
#define LCR_DLAB 0x80u
#define LCR_8N1  0x03u
#define FCR_FIFO 0x07u /* enable and clear both FIFOs */
#define LSR_THRE 0x20u /* the holding register is empty */

/* The divisor latch counts 16 input clocks per bit. */
#define DIVISOR ((NS16550_CLOCK_HZ + 8u * BAUD) / (16u * BAUD))
_Static_assert(DIVISOR >= 1 && DIVISOR <= 0xFFFF, "the divisor latch is 16 bits");

void
board_uart_init(void)
{
	IER = 0;
	LCR = LCR_DLAB;
	DLL = DIVISOR & 0xFFu;
	DLM = DIVISOR >> 8;
	LCR = LCR_8N1;
	FCR = FCR_FIFO;
}

void
board_uart_putc(char c)
{
	while (!(LSR & LSR_THRE))
		;
	THR = (uint8_t)c;
}
