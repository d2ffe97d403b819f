/*
 * The SSE-200 vector table (mps2-an521): the 16 Cortex-M system entries,
 * the SSE-200's 32 interrupts and the MPS2 AN521 FPGA's 92 expansion
 * interrupts (NVIC 32-123), each a weak symbol with its CMSIS name
 * (boards/family/cortex-m/vectors.h). The expansion interrupts are named
 * as QEMU's mps2-an521 wires them: the five UARTs (receive, transmit,
 * combined), their overflows, Ethernet, the SPI controllers and the DMA
 * channels; the entries it wires to nothing, and the SSE-200's reserved
 * ones, go straight to Default_Handler ("unexpected interrupt N").
 * Interrupts 0-5 and 8-31 reach both CPUs' NVICs, the MHUs' (6, 7) each
 * CPU its own line. goro itself defines TIMER0_IRQHandler and
 * TIMER1_IRQHandler (boards/family/cmsdk/timer.c), and
 * DUALTIMER_IRQHandler in programs that use mps2_dualtimer_periodic.
 */
#include "vectors.h"

VECTOR_WEAK(NONSEC_WATCHDOG_RESET_IRQHandler);
VECTOR_WEAK(NONSEC_WATCHDOG_IRQHandler);
VECTOR_WEAK(S32K_TIMER_IRQHandler);
VECTOR_WEAK(TIMER0_IRQHandler);
VECTOR_WEAK(TIMER1_IRQHandler);
VECTOR_WEAK(DUALTIMER_IRQHandler);
VECTOR_WEAK(MHU0_IRQHandler);
VECTOR_WEAK(MHU1_IRQHandler);
VECTOR_WEAK(CRYPTOCELL_IRQHandler);
VECTOR_WEAK(MPC_IRQHandler);
VECTOR_WEAK(PPC_IRQHandler);
VECTOR_WEAK(MSC_IRQHandler);
VECTOR_WEAK(BRIDGE_ERROR_IRQHandler);
VECTOR_WEAK(INVALID_INSTR_CACHE_IRQHandler);
VECTOR_WEAK(SYS_PPU_IRQHandler);
VECTOR_WEAK(CPU0_PPU_IRQHandler);
VECTOR_WEAK(CPU1_PPU_IRQHandler);
VECTOR_WEAK(CPU0_DBG_PPU_IRQHandler);
VECTOR_WEAK(CPU1_DBG_PPU_IRQHandler);
VECTOR_WEAK(CRYPTOCELL_PPU_IRQHandler);
VECTOR_WEAK(RAM0_PPU_IRQHandler);
VECTOR_WEAK(RAM1_PPU_IRQHandler);
VECTOR_WEAK(RAM2_PPU_IRQHandler);
VECTOR_WEAK(RAM3_PPU_IRQHandler);
VECTOR_WEAK(DEBUG_PPU_IRQHandler);
VECTOR_WEAK(CPU0_CTI_IRQHandler);
VECTOR_WEAK(CPU1_CTI_IRQHandler);
VECTOR_WEAK(UARTRX0_IRQHandler);
VECTOR_WEAK(UARTTX0_IRQHandler);
VECTOR_WEAK(UARTRX1_IRQHandler);
VECTOR_WEAK(UARTTX1_IRQHandler);
VECTOR_WEAK(UARTRX2_IRQHandler);
VECTOR_WEAK(UARTTX2_IRQHandler);
VECTOR_WEAK(UARTRX3_IRQHandler);
VECTOR_WEAK(UARTTX3_IRQHandler);
VECTOR_WEAK(UARTRX4_IRQHandler);
VECTOR_WEAK(UARTTX4_IRQHandler);
VECTOR_WEAK(UART0_IRQHandler);
VECTOR_WEAK(UART1_IRQHandler);
VECTOR_WEAK(UART2_IRQHandler);
VECTOR_WEAK(UART3_IRQHandler);
VECTOR_WEAK(UART4_IRQHandler);
VECTOR_WEAK(UARTOVF_IRQHandler);
VECTOR_WEAK(ETHERNET_IRQHandler);
VECTOR_WEAK(SPI0_IRQHandler);
VECTOR_WEAK(SPI1_IRQHandler);
VECTOR_WEAK(SPI2_IRQHandler);
VECTOR_WEAK(SPI3_IRQHandler);
VECTOR_WEAK(SPI4_IRQHandler);
VECTOR_WEAK(DMA0_ERROR_IRQHandler);
VECTOR_WEAK(DMA0_TC_IRQHandler);
VECTOR_WEAK(DMA0_IRQHandler);
VECTOR_WEAK(DMA1_ERROR_IRQHandler);
VECTOR_WEAK(DMA1_TC_IRQHandler);
VECTOR_WEAK(DMA1_IRQHandler);
VECTOR_WEAK(DMA2_ERROR_IRQHandler);
VECTOR_WEAK(DMA2_TC_IRQHandler);
VECTOR_WEAK(DMA2_IRQHandler);
VECTOR_WEAK(DMA3_ERROR_IRQHandler);
VECTOR_WEAK(DMA3_TC_IRQHandler);
VECTOR_WEAK(DMA3_IRQHandler);

VECTOR_TABLE = {VECTORS_SYSTEM,
                /* 0-7 */
                NONSEC_WATCHDOG_RESET_IRQHandler, NONSEC_WATCHDOG_IRQHandler, S32K_TIMER_IRQHandler,
                TIMER0_IRQHandler, TIMER1_IRQHandler, DUALTIMER_IRQHandler, MHU0_IRQHandler,
                MHU1_IRQHandler,
                /* 8-15 */
                CRYPTOCELL_IRQHandler, MPC_IRQHandler, PPC_IRQHandler, MSC_IRQHandler,
                BRIDGE_ERROR_IRQHandler, INVALID_INSTR_CACHE_IRQHandler, Default_Handler,
                SYS_PPU_IRQHandler,
                /* 16-23 */
                CPU0_PPU_IRQHandler, CPU1_PPU_IRQHandler, CPU0_DBG_PPU_IRQHandler,
                CPU1_DBG_PPU_IRQHandler, CRYPTOCELL_PPU_IRQHandler, Default_Handler,
                RAM0_PPU_IRQHandler, RAM1_PPU_IRQHandler,
                /* 24-31 */
                RAM2_PPU_IRQHandler, RAM3_PPU_IRQHandler, DEBUG_PPU_IRQHandler, Default_Handler,
                CPU0_CTI_IRQHandler, CPU1_CTI_IRQHandler, Default_Handler, Default_Handler,
                /* 32-39: expansion 0-7 */
                UARTRX0_IRQHandler, UARTTX0_IRQHandler, UARTRX1_IRQHandler, UARTTX1_IRQHandler,
                UARTRX2_IRQHandler, UARTTX2_IRQHandler, UARTRX3_IRQHandler, UARTTX3_IRQHandler,
                /* 40-47: expansion 8-15 */
                UARTRX4_IRQHandler, UARTTX4_IRQHandler, UART0_IRQHandler, UART1_IRQHandler,
                UART2_IRQHandler, UART3_IRQHandler, UART4_IRQHandler, UARTOVF_IRQHandler,
                /* 48-55: expansion 16-23 */
                ETHERNET_IRQHandler, Default_Handler, Default_Handler, Default_Handler,
                Default_Handler, Default_Handler, Default_Handler, Default_Handler,
                /* 56-63: expansion 24-31 */
                Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
                Default_Handler, Default_Handler, Default_Handler,
                /* 64-71: expansion 32-39 */
                Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
                Default_Handler, Default_Handler, Default_Handler,
                /* 72-79: expansion 40-47 */
                Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
                Default_Handler, Default_Handler, Default_Handler,
                /* 80-87: expansion 48-55 */
                Default_Handler, Default_Handler, Default_Handler, SPI0_IRQHandler, SPI1_IRQHandler,
                SPI2_IRQHandler, SPI3_IRQHandler, SPI4_IRQHandler,
                /* 88-95: expansion 56-63 */
                DMA0_ERROR_IRQHandler, DMA0_TC_IRQHandler, DMA0_IRQHandler, DMA1_ERROR_IRQHandler,
                DMA1_TC_IRQHandler, DMA1_IRQHandler, DMA2_ERROR_IRQHandler, DMA2_TC_IRQHandler,
                /* 96-103: expansion 64-71 */
                DMA2_IRQHandler, DMA3_ERROR_IRQHandler, DMA3_TC_IRQHandler, DMA3_IRQHandler,
                Default_Handler, Default_Handler, Default_Handler, Default_Handler,
                /* 104-111: expansion 72-79 */
                Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
                Default_Handler, Default_Handler, Default_Handler,
                /* 112-119: expansion 80-87 */
                Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
                Default_Handler, Default_Handler, Default_Handler,
                /* 120-123: expansion 88-91 */
                Default_Handler, Default_Handler, Default_Handler, Default_Handler};

const unsigned board_irq_count = sizeof __interrupt_vector / sizeof __interrupt_vector[0] - 16;
_Static_assert(sizeof __interrupt_vector / sizeof __interrupt_vector[0] == 16 + 32 + 92,
               "16 system entries, 32 SSE-200 interrupts, 92 expansion interrupts");
