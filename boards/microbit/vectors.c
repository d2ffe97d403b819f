/*
 * The nRF51 vector table: the 16 Cortex-M0 system entries and the chip's
 * 32 interrupts (the nRF51 Series Reference Manual's peripheral IDs), each
 * a weak symbol with its CMSIS name from Nordic's device startup file
 * (boards/family/cortex-m/vectors.h). The Cortex-M0 has no VTOR: the core
 * reads the table at address 0, where picolibc.ld puts it. goro itself
 * defines TIMER0_IRQHandler (time.c). The software interrupts SWI0-SWI5
 * (IRQ 20-25) belong to no peripheral: pend them with
 * goro_board_irq_pend.
 */
#include "vectors.h"

VECTOR_WEAK(POWER_CLOCK_IRQHandler);
VECTOR_WEAK(RADIO_IRQHandler);
VECTOR_WEAK(UART0_IRQHandler);
VECTOR_WEAK(SPI0_TWI0_IRQHandler);
VECTOR_WEAK(SPI1_TWI1_IRQHandler);
VECTOR_WEAK(GPIOTE_IRQHandler);
VECTOR_WEAK(ADC_IRQHandler);
VECTOR_WEAK(TIMER0_IRQHandler);
VECTOR_WEAK(TIMER1_IRQHandler);
VECTOR_WEAK(TIMER2_IRQHandler);
VECTOR_WEAK(RTC0_IRQHandler);
VECTOR_WEAK(TEMP_IRQHandler);
VECTOR_WEAK(RNG_IRQHandler);
VECTOR_WEAK(ECB_IRQHandler);
VECTOR_WEAK(CCM_AAR_IRQHandler);
VECTOR_WEAK(WDT_IRQHandler);
VECTOR_WEAK(RTC1_IRQHandler);
VECTOR_WEAK(QDEC_IRQHandler);
VECTOR_WEAK(LPCOMP_IRQHandler);
VECTOR_WEAK(SWI0_IRQHandler);
VECTOR_WEAK(SWI1_IRQHandler);
VECTOR_WEAK(SWI2_IRQHandler);
VECTOR_WEAK(SWI3_IRQHandler);
VECTOR_WEAK(SWI4_IRQHandler);
VECTOR_WEAK(SWI5_IRQHandler);

VECTOR_TABLE = {VECTORS_SYSTEM,
                /* 0-3 */
                POWER_CLOCK_IRQHandler, RADIO_IRQHandler, UART0_IRQHandler, SPI0_TWI0_IRQHandler,
                /* 4-7 */
                SPI1_TWI1_IRQHandler, 0, GPIOTE_IRQHandler, ADC_IRQHandler,
                /* 8-11 */
                TIMER0_IRQHandler, TIMER1_IRQHandler, TIMER2_IRQHandler, RTC0_IRQHandler,
                /* 12-15 */
                TEMP_IRQHandler, RNG_IRQHandler, ECB_IRQHandler, CCM_AAR_IRQHandler,
                /* 16-19 */
                WDT_IRQHandler, RTC1_IRQHandler, QDEC_IRQHandler, LPCOMP_IRQHandler,
                /* 20-23 */
                SWI0_IRQHandler, SWI1_IRQHandler, SWI2_IRQHandler, SWI3_IRQHandler,
                /* 24-27 */
                SWI4_IRQHandler, SWI5_IRQHandler, 0, 0,
                /* 28-31 */
                0, 0, 0, 0};

const unsigned board_irq_count = sizeof __interrupt_vector / sizeof __interrupt_vector[0] - 16;
_Static_assert(sizeof __interrupt_vector / sizeof __interrupt_vector[0] == 16 + 32,
               "16 system entries and 32 interrupts");
