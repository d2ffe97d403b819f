/*
 * What the micro:bit's board.c and count.c share: SysTick's registers,
 * and whether the core has SysTick at all (QEMU's does, the chip's not).
 */
#ifndef GORO_MICROBIT_SYSTICK_H
#define GORO_MICROBIT_SYSTICK_H

#include <stdint.h>

#define SYST_CSR           (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR           (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR           (*(volatile uint32_t *)0xE000E018u)
#define SYST_ENABLE        1u
#define SYST_CLKSOURCE_CPU 4u
#define SYST_MAX           0xFFFFFFu /* 24 bits */

/* SysTick's reload register keeps what is written to it under QEMU; on the
 * chip, which has no SysTick, it reads 0. */
static inline int
systick_present(void)
{
	SYST_RVR = SYST_MAX;
	return SYST_RVR == SYST_MAX;
}

#endif
