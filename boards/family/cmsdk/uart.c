/*
 * The CMSDK APB UART0 (cmsdk_map.h: 0x40004000 on the MPS2 images) on the
 * MPS2 boards: the console for console=uart. QEMU's mps2 machines wire it
 * to their first -serial; on the MPS2 board it is the FPGA's UART to the
 * USB-serial bridge. Polled
 * transmit only; the baud divider comes from CMSDK_PCLK_HZ.
 */
#include <stdint.h>

#include "board.h"
#include "cmsdk_map.h"

#define BAUD 115200u

struct cmsdk_uart {
	volatile uint32_t data, state, ctrl, intstatus, bauddiv;
};
#define UART0         ((struct cmsdk_uart *)CMSDK_UART0_BASE)
#define STATE_TX_FULL (1u << 0)
#define CTRL_TX_EN    (1u << 0)

/* BAUDDIV is the number of PCLK cycles per bit, at least 16. */
_Static_assert(CMSDK_PCLK_HZ / BAUD >= 16, "the UART divides PCLK by 16 at least");

void
board_uart_init(void)
{
	UART0->bauddiv = (CMSDK_PCLK_HZ + BAUD / 2) / BAUD;
	UART0->ctrl = CTRL_TX_EN;
}

void
board_uart_putc(char c)
{
	while (UART0->state & STATE_TX_FULL)
		;
	UART0->data = (uint8_t)c;
}
