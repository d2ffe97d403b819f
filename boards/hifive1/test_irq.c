/*
 * The test interrupt on hifive1 (tests/test_irq.c): the FE310's UART0 at
 * 0x10013000, PLIC source 3. The PLIC's pending bits are read-only, so the
 * UART raises it: its transmit watermark interrupt is pending while the
 * transmit FIFO holds fewer entries than txctrl.txcnt, so with txcnt 1
 * and the FIFO empty it comes as soon as ie.txwm is set. Clearing ie.txwm
 * quiets it.
 */
#include <stdint.h>

#define UART0_TXCTRL (*(volatile uint32_t *)0x10013008u)
#define UART0_IE     (*(volatile uint32_t *)0x10013010u)
#define TXCNT(n)     ((uint32_t)(n) << 16)
#define IE_TXWM      (1u << 0)

void board_test_irq_raise(void);
void board_test_irq_quiet(void);

void
board_test_irq_raise(void)
{
	UART0_TXCTRL = (UART0_TXCTRL & ~TXCNT(7)) | TXCNT(1);
	UART0_IE = IE_TXWM;
}

void
board_test_irq_quiet(void)
{
	UART0_IE = 0;
}
