/*
 * What the mps2 boards offer applications beyond the board contract.
 */
#ifndef GORO_MPS2_H
#define GORO_MPS2_H

#include <stdint.h>

/* Run fn from the dual timer's interrupt (IRQ 10, DUALTIMER_IRQHandler)
 * every period_us; fn NULL or period 0 stops it. fn runs in handler mode:
 * only *_isr calls. A program that calls this cannot define
 * DUALTIMER_IRQHandler itself. */
void mps2_dualtimer_periodic(uint32_t period_us, void (*fn)(void));

#endif
