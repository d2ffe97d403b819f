/*
 * The MPS2 (AN385, AN386) vector table: the 16 Cortex-M system entries and
 * the 32 interrupts of ARM's MPS2 CMSDK images, each a weak symbol with
 * its CMSIS name (boards/family/cortex-m/vectors.h). goro itself defines
 * TIMER0_IRQHandler and TIMER1_IRQHandler (timer.c), and
 * DUALTIMER_IRQHandler in programs that use mps2_dualtimer_periodic.
 */
#include "vectors.h"

VECTOR_WEAK(UARTRX0_IRQHandler);
VECTOR_WEAK(UARTTX0_IRQHandler);
VECTOR_WEAK(UARTRX1_IRQHandler);
VECTOR_WEAK(UARTTX1_IRQHandler);
VECTOR_WEAK(UARTRX2_IRQHandler);
VECTOR_WEAK(UARTTX2_IRQHandler);
VECTOR_WEAK(PORT0_COMB_IRQHandler);
VECTOR_WEAK(PORT1_COMB_IRQHandler);
VECTOR_WEAK(TIMER0_IRQHandler);
VECTOR_WEAK(TIMER1_IRQHandler);
VECTOR_WEAK(DUALTIMER_IRQHandler);
VECTOR_WEAK(SPI_IRQHandler);
VECTOR_WEAK(UARTOVF_IRQHandler);
VECTOR_WEAK(ETHERNET_IRQHandler);
VECTOR_WEAK(I2S_IRQHandler);
VECTOR_WEAK(TSC_IRQHandler);
VECTOR_WEAK(PORT2_COMB_IRQHandler);
VECTOR_WEAK(PORT3_COMB_IRQHandler);
VECTOR_WEAK(UARTRX3_IRQHandler);
VECTOR_WEAK(UARTTX3_IRQHandler);
VECTOR_WEAK(UARTRX4_IRQHandler);
VECTOR_WEAK(UARTTX4_IRQHandler);
VECTOR_WEAK(ADCSPI_IRQHandler);
VECTOR_WEAK(SHIELDSPI_IRQHandler);
VECTOR_WEAK(PORT0_0_IRQHandler);
VECTOR_WEAK(PORT0_1_IRQHandler);
VECTOR_WEAK(PORT0_2_IRQHandler);
VECTOR_WEAK(PORT0_3_IRQHandler);
VECTOR_WEAK(PORT0_4_IRQHandler);
VECTOR_WEAK(PORT0_5_IRQHandler);
VECTOR_WEAK(PORT0_6_IRQHandler);
VECTOR_WEAK(PORT0_7_IRQHandler);

VECTOR_TABLE = {
        VECTORS_SYSTEM,
        /* 0-7 */
        UARTRX0_IRQHandler, UARTTX0_IRQHandler, UARTRX1_IRQHandler, UARTTX1_IRQHandler,
        UARTRX2_IRQHandler, UARTTX2_IRQHandler, PORT0_COMB_IRQHandler, PORT1_COMB_IRQHandler,
        /* 8-15 */
        TIMER0_IRQHandler, TIMER1_IRQHandler, DUALTIMER_IRQHandler, SPI_IRQHandler,
        UARTOVF_IRQHandler, ETHERNET_IRQHandler, I2S_IRQHandler, TSC_IRQHandler,
        /* 16-23 */
        PORT2_COMB_IRQHandler, PORT3_COMB_IRQHandler, UARTRX3_IRQHandler, UARTTX3_IRQHandler,
        UARTRX4_IRQHandler, UARTTX4_IRQHandler, ADCSPI_IRQHandler, SHIELDSPI_IRQHandler,
        /* 24-31 */
        PORT0_0_IRQHandler, PORT0_1_IRQHandler, PORT0_2_IRQHandler, PORT0_3_IRQHandler,
        PORT0_4_IRQHandler, PORT0_5_IRQHandler, PORT0_6_IRQHandler, PORT0_7_IRQHandler};

const unsigned board_irq_count = sizeof __interrupt_vector / sizeof __interrupt_vector[0] - 16;
_Static_assert(sizeof __interrupt_vector / sizeof __interrupt_vector[0] == 16 + 32,
               "16 system entries and 32 interrupts");
