/*
 * The STM32F4's clocks (RM0090, "Reset and clock control"): the core at
 * STM32F4_HCLK_HZ from the PLL, fed by the board's crystal (HSE,
 * STM32F4_HSE_HZ), with the flash's wait states set first and the buses
 * at STM32F4_APB1_HZ and STM32F4_APB2_HZ. Those board constants (the
 * board's meson.build) are the only clock figures: SysTick, the timers'
 * prescalers and the USART's baud rate are all derived from them.
 *
 * STM32F4_PLL_FROM_HSI feeds the PLL from the 16 MHz HSI instead, for a
 * board with no crystal (nucleo-f411re).
 *
 * A build with neither starts nothing and keeps the clocks as they are: QEMU 7.2 models no RCC (its
 * registers read 0, and a wait for HSERDY would never end), so the netduinoplus2 QEMU build gives
 * QEMU's clocks as its constants, and the real board's build (boards/netduinoplus2/hardware.ini)
 * gives HSE and the PLL's.
 */
#include <stdint.h>

#include "stm32f4.h"

#define RCC_CR      (*(volatile uint32_t *)0x40023800u)
#define RCC_PLLCFGR (*(volatile uint32_t *)0x40023804u)
#define RCC_CFGR    (*(volatile uint32_t *)0x40023808u)
#define RCC_APB1ENR (*(volatile uint32_t *)0x40023840u)
#define FLASH_ACR   (*(volatile uint32_t *)0x40023C00u)
#define PWR_CR      (*(volatile uint32_t *)0x40007000u)

#define CR_HSEON     (1u << 16)
#define CR_HSERDY    (1u << 17)
#define CR_PLLON     (1u << 24)
#define CR_PLLRDY    (1u << 25)
#define PLL_SRC_HSE  (1u << 22)
#define CFGR_SW_PLL  2u
#define CFGR_SWS_PLL (2u << 2)
#define ACR_PRFTEN   (1u << 8)
#define ACR_ICEN     (1u << 9)
#define ACR_DCEN     (1u << 10)
#define PWREN        (1u << 28)
/* The regulator's scale 1, for the highest clocks: VOS is one bit on the
 * F405/407 (RM0090), two on the F411 (RM0383; its reset value is scale 2). */
#if STM32F4_CHIP == 411
#define PWR_VOS (3u << 14)
#else
#define PWR_VOS (1u << 14)
#endif

/* How long to wait for the crystal and the PLL, in loop turns: the HSE
 * starts in about 2 ms (the datasheets' tSU(HSE)); at the 16 MHz HSI a
 * turn is a few cycles, so this is some 50 ms. */
#define WAIT_TURNS 200000u

#if STM32F4_PLL_FROM_HSI
#define PLL_IN_HZ STM32F4_HSI_HZ
#define PLL_SRC   0u
#else
#define PLL_IN_HZ STM32F4_HSE_HZ
#define PLL_SRC   PLL_SRC_HSE
#endif
#define PLL_ON (STM32F4_HSE_HZ || STM32F4_PLL_FROM_HSI)

#if PLL_ON
_Static_assert(PLL_IN_HZ % 1000000 == 0 && PLL_IN_HZ / 1000000 >= 2,
               "PLLM divides the PLL's input to 1 MHz: a whole number of MHz, at least 2");
/* VCO input 1 MHz (PLLM = the input in MHz), VCO = 2 * HCLK (PLLN), and
 * PLLP = 2 gives HCLK; PLLQ brings the VCO to 48 MHz or below for USB and
 * SDIO. */
#define PLL_M (PLL_IN_HZ / 1000000u)
#define PLL_N (2u * STM32F4_HCLK_HZ / 1000000u)
#define PLL_Q ((2u * STM32F4_HCLK_HZ + 47999999u) / 48000000u)
_Static_assert(PLL_N >= 50 && PLL_N <= 432, "PLLN: VCO 100-432 MHz");
_Static_assert(PLL_Q >= 2 && PLL_Q <= 15, "PLLQ is 2-15");
/* Wait states: one per 30 MHz of HCLK above the first, at 2.7-3.6 V
 * (RM0090 and RM0383's tables agree up to 100 MHz; 5 at 168 MHz). */
#define FLASH_WS ((STM32F4_HCLK_HZ - 1u) / 30000000u)
_Static_assert(FLASH_WS <= 7, "LATENCY is 3 bits");

/* PPRE's code for HCLK / bus: 1 -> 0, 2 -> 4, 4 -> 5, 8 -> 6, 16 -> 7. */
#define PPRE(div)                                                                                  \
	((div) == 1    ? 0u                                                                        \
	 : (div) == 2  ? 4u                                                                        \
	 : (div) == 4  ? 5u                                                                        \
	 : (div) == 8  ? 6u                                                                        \
	 : (div) == 16 ? 7u                                                                        \
	               : 99u)
#define PPRE1 PPRE(STM32F4_HCLK_HZ / STM32F4_APB1_HZ)
#define PPRE2 PPRE(STM32F4_HCLK_HZ / STM32F4_APB2_HZ)
_Static_assert(PPRE1 != 99u && PPRE2 != 99u, "the buses divide HCLK by 1, 2, 4, 8 or 16");
/* The timers on a divided APB1 run at twice it (RM0090, clock tree). */
_Static_assert(STM32F4_TIMCLK_HZ == (PPRE1 ? 2u * STM32F4_APB1_HZ : STM32F4_APB1_HZ),
               "STM32F4_TIMCLK_HZ must be APB1's timer clock");

static int
wait_for(uint32_t bit)
{
	uint32_t n;

	for (n = 0; n < WAIT_TURNS; n++)
		if (RCC_CR & bit)
			return 1;
	return 0;
}
#endif

int stm32f4_clock_ok = 1;

void
stm32f4_clock_init(void)
{
#if PLL_ON
	RCC_APB1ENR |= PWREN;
	(void)RCC_APB1ENR;
	PWR_CR |= PWR_VOS;
#if !STM32F4_PLL_FROM_HSI
	RCC_CR |= CR_HSEON;
	if (!wait_for(CR_HSERDY)) {
		stm32f4_clock_ok = 0; /* still on the HSI: board_init reports it */
		return;
	}
#endif
	/* The flash first: it must be slow enough before the core is fast. */
	FLASH_ACR = FLASH_WS | ACR_PRFTEN | ACR_ICEN | ACR_DCEN;
	while ((FLASH_ACR & 7u) != FLASH_WS)
		;
	RCC_CFGR = PPRE1 << 10 | PPRE2 << 13; /* AHB undivided */
	RCC_PLLCFGR = PLL_M | PLL_N << 6 | 0u << 16 /* PLLP = 2 */ | PLL_SRC | PLL_Q << 24;
	RCC_CR |= CR_PLLON;
	if (!wait_for(CR_PLLRDY)) {
		stm32f4_clock_ok = 0;
		return;
	}
	RCC_CFGR = (RCC_CFGR & ~3u) | CFGR_SW_PLL;
	while ((RCC_CFGR & (3u << 2)) != CFGR_SWS_PLL)
		;
#endif
}
