/*
 * The console's USART on the STM32F4 boards (console=uart), polled
 * transmit, 115200 8N1. Which one is the board's to say
 * (STM32F4_CONSOLE_USART, its meson.build):
 *   1: USART1 on APB2, TX PA9, RX PA10 (AF7): netduinoplus2, where QEMU
 *      wires USART1 to its first -serial;
 *   2: USART2 on APB1, TX PA2, RX PA3 (AF7): stm32f4-discovery, whose
 *      pins PA2/PA3 are free on header P1 (PA9 is its USB VBUS sense).
 * The baud rate comes from the bus clock, STM32F4_APB1_HZ or
 * STM32F4_APB2_HZ. QEMU 7.2's USART ignores BRR and the RCC; the chip
 * needs both, and the pins' alternate function.
 */
#include <stdint.h>

#include "board.h"
#include "stm32f4.h"

#define BAUD 115200u

#if STM32F4_CONSOLE_USART == 1
#define USART_BASE 0x40011000u
#define USART_HZ   STM32F4_APB2_HZ
#define PIN_TX     9
#define PIN_RX     10
#elif STM32F4_CONSOLE_USART == 2
#define USART_BASE 0x40004400u
#define USART_HZ   STM32F4_APB1_HZ
#define PIN_TX     2
#define PIN_RX     3
#else
#error "STM32F4_CONSOLE_USART: 1 or 2 (the board's meson.build)"
#endif

struct stm32_usart {
	volatile uint32_t sr, dr, brr, cr1, cr2, cr3;
};
#define USART   ((struct stm32_usart *)USART_BASE)
#define SR_TXE  (1u << 7)
#define CR1_UE  (1u << 13)
#define CR1_TE  (1u << 3)
#define CR1_RE  (1u << 2)
#define AF_UART 7u

#define RCC_AHB1ENR (*(volatile uint32_t *)0x40023830u)
#define RCC_APB1ENR (*(volatile uint32_t *)0x40023840u)
#define RCC_APB2ENR (*(volatile uint32_t *)0x40023844u)
#define GPIOAEN     (1u << 0)
#define USART1EN    (1u << 4)  /* APB2 */
#define USART2EN    (1u << 17) /* APB1 */

struct stm32_gpio {
	volatile uint32_t moder, otyper, ospeedr, pupdr, idr, odr, bsrr, lckr, afr[2];
};
#define GPIOA    ((struct stm32_gpio *)0x40020000u)
#define MODER_AF 2u

static void
pin_af(unsigned pin)
{
	GPIOA->moder = (GPIOA->moder & ~(3u << (2 * pin))) | MODER_AF << (2 * pin);
	GPIOA->afr[pin / 8] =
	        (GPIOA->afr[pin / 8] & ~(0xFu << (4 * (pin % 8)))) | AF_UART << (4 * (pin % 8));
}

void
board_uart_init(void)
{
	RCC_AHB1ENR |= GPIOAEN;
#if STM32F4_CONSOLE_USART == 1
	RCC_APB2ENR |= USART1EN;
	(void)RCC_APB2ENR; /* the read-back waits out the clock's start */
#else
	RCC_APB1ENR |= USART2EN;
	(void)RCC_APB1ENR;
#endif
	pin_af(PIN_TX);
	pin_af(PIN_RX);
	/* Oversampling by 16: BRR is the bus clock over the baud rate, its
	 * low 4 bits the fraction. */
	USART->brr = ((stm32f4_clock_ok ? USART_HZ : STM32F4_HSI_HZ) + BAUD / 2) / BAUD;
	USART->cr1 = CR1_UE | CR1_TE | CR1_RE;
}

void
board_uart_putc(char c)
{
	while (!(USART->sr & SR_TXE))
		;
	USART->dr = (uint8_t)c;
}
