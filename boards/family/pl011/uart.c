/*
 * An Arm PL011 UART as the console (console=uart): QEMU virt's UART0 at
 * PL011_BASE on virt-aarch64, with a PL011_CLOCK_HZ reference clock (the
 * board's meson.build; virt's device tree gives 24 MHz). Polled transmit,
 * 115200 8N1.
 */
#pragma GCC target("general-regs-only")

#include <stdint.h>

#include "board.h"

#define BAUD 115200u

#define REG(off)   (*(volatile uint32_t *)(uintptr_t)(PL011_BASE + (off)))
#define DR         REG(0x00)
#define FR         REG(0x18)
#define IBRD       REG(0x24)
#define FBRD       REG(0x28)
#define LCR_H      REG(0x2C)
#define CR         REG(0x30)
#define FR_TXFF    (1u << 5) /* the transmit FIFO is full */
#define LCR_H_8BIT (3u << 5)
#define LCR_H_FEN  (1u << 4)
#define CR_UARTEN  (1u << 0)
#define CR_TXE     (1u << 8)
#define CR_RXE     (1u << 9)

/* The divisor in 64ths: clock / (16 * baud), integer part in IBRD and the
 * fraction in FBRD's 6 bits. */
#define DIV64 ((4u * PL011_CLOCK_HZ + BAUD / 2) / BAUD)

void
board_uart_init(void)
{
	CR = 0;
	IBRD = DIV64 >> 6;
	FBRD = DIV64 & 0x3Fu;
	LCR_H = LCR_H_8BIT | LCR_H_FEN;
	CR = CR_UARTEN | CR_TXE | CR_RXE;
}

void
board_uart_putc(char c)
{
	while (FR & FR_TXFF)
		;
	DR = (uint8_t)c;
}
