/*
 * The test interrupt on virt-rv32 (tests/test_irq.c): QEMU virt's NS16550
 * UART0 at 0x10000000, PLIC source 10. The PLIC's pending bits are
 * read-only, so the UART raises it: its transmitter-holding-register-empty
 * interrupt (IER bit 1) is pending as soon as it is enabled, the
 * transmitter being idle. Turning it off again quiets it.
 */
#include <stdint.h>

#define UART_IER  (*(volatile uint8_t *)0x10000001u)
#define IER_ETBEI (1u << 1)

void board_test_irq_raise(void);
void board_test_irq_quiet(void);

void
board_test_irq_raise(void)
{
	UART_IER = IER_ETBEI;
}

void
board_test_irq_quiet(void)
{
	UART_IER = 0;
}
