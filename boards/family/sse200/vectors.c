/*
 * The SSE-200 vector table (mps2-an521): the 16 Cortex-M system entries,
 * the SSE-200's 32 interrupts and the MPS2 AN521 FPGA's 92 expansion
 * interrupts (NVIC 32-123), each a weak symbol with its CMSIS name
 * (boards/family/cortex-m/vectors.h). The expansion interrupts are named
 * as the AN521 numbers them: the five UARTs (receive, transmit and
 * combined: expansion 0-14, checked under QEMU 7.2), their overflows (15),
 * Ethernet (16), the five SPI controllers (19-23, checked), the four DMA
 * channels (24-35: error, terminal count, combined each). The others (the
 * FPGA's GPIO and the like, which QEMU does not model) and the SSE-200's
 * reserved entries go straight to Default_Handler ("unexpected interrupt
 * N").
 * Interrupts 0-5 and 8-31 reach both CPUs' NVICs, the MHUs' (6, 7) each
 * CPU its own line. goro itself defines TIMER0_IRQHandler and
 * TIMER1_IRQHandler (boards/family/cmsdk/timer.c), MHU0_IRQHandler (the
 * wakeup between the CPUs, cpus.c), and DUALTIMER_IRQHandler in programs
 * that use mps2_dualtimer_periodic.
 *
 * CPU 0 starts from __interrupt_vector, first in flash at 0x10000000,
 * where INITSVTOR0 points at reset. CPU 1 starts from a table of its own,
 * sse200_cpu1_vectors (INITSVTOR1, set by cpus.c before it releases the
 * core), with the same exception and interrupt entries and cpus.c's
 * reset entry, which does not run picolibc's crt0 a second time.
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

/* The 124 interrupt entries, shared by both CPUs' tables: the SSE-200's
 * 0-31, then the expansion interrupts 0-91 as NVIC 32-123. */
#define SSE200_IRQ_VECTORS                                                                         \
	NONSEC_WATCHDOG_RESET_IRQHandler, NONSEC_WATCHDOG_IRQHandler, S32K_TIMER_IRQHandler,       \
	        TIMER0_IRQHandler, TIMER1_IRQHandler, DUALTIMER_IRQHandler, MHU0_IRQHandler,       \
	        MHU1_IRQHandler, CRYPTOCELL_IRQHandler, MPC_IRQHandler, PPC_IRQHandler,            \
	        MSC_IRQHandler, BRIDGE_ERROR_IRQHandler, INVALID_INSTR_CACHE_IRQHandler,           \
	        Default_Handler, SYS_PPU_IRQHandler, CPU0_PPU_IRQHandler, CPU1_PPU_IRQHandler,     \
	        CPU0_DBG_PPU_IRQHandler, CPU1_DBG_PPU_IRQHandler, CRYPTOCELL_PPU_IRQHandler,       \
	        Default_Handler, RAM0_PPU_IRQHandler, RAM1_PPU_IRQHandler, RAM2_PPU_IRQHandler,    \
	        RAM3_PPU_IRQHandler, DEBUG_PPU_IRQHandler, Default_Handler, CPU0_CTI_IRQHandler,   \
	        CPU1_CTI_IRQHandler, Default_Handler, Default_Handler, UARTRX0_IRQHandler,         \
	        UARTTX0_IRQHandler, UARTRX1_IRQHandler, UARTTX1_IRQHandler, UARTRX2_IRQHandler,    \
	        UARTTX2_IRQHandler, UARTRX3_IRQHandler, UARTTX3_IRQHandler, UARTRX4_IRQHandler,    \
	        UARTTX4_IRQHandler, UART0_IRQHandler, UART1_IRQHandler, UART2_IRQHandler,          \
	        UART3_IRQHandler, UART4_IRQHandler, UARTOVF_IRQHandler, ETHERNET_IRQHandler,       \
	        Default_Handler, Default_Handler, SPI0_IRQHandler, SPI1_IRQHandler,                \
	        SPI2_IRQHandler, SPI3_IRQHandler, SPI4_IRQHandler, DMA0_ERROR_IRQHandler,          \
	        DMA0_TC_IRQHandler, DMA0_IRQHandler, DMA1_ERROR_IRQHandler, DMA1_TC_IRQHandler,    \
	        DMA1_IRQHandler, DMA2_ERROR_IRQHandler, DMA2_TC_IRQHandler, DMA2_IRQHandler,       \
	        DMA3_ERROR_IRQHandler, DMA3_TC_IRQHandler, DMA3_IRQHandler, Default_Handler,       \
	        Default_Handler, Default_Handler, Default_Handler, Default_Handler,                \
	        Default_Handler, Default_Handler, Default_Handler, Default_Handler,                \
	        Default_Handler, Default_Handler, Default_Handler, Default_Handler,                \
	        Default_Handler, Default_Handler, Default_Handler, Default_Handler,                \
	        Default_Handler, Default_Handler, Default_Handler, Default_Handler,                \
	        Default_Handler, Default_Handler, Default_Handler, Default_Handler,                \
	        Default_Handler, Default_Handler, Default_Handler, Default_Handler,                \
	        Default_Handler, Default_Handler, Default_Handler, Default_Handler,                \
	        Default_Handler, Default_Handler, Default_Handler, Default_Handler,                \
	        Default_Handler, Default_Handler, Default_Handler, Default_Handler,                \
	        Default_Handler, Default_Handler, Default_Handler, Default_Handler,                \
	        Default_Handler, Default_Handler, Default_Handler, Default_Handler,                \
	        Default_Handler, Default_Handler, Default_Handler, Default_Handler,                \
	        Default_Handler, Default_Handler, Default_Handler

VECTOR_TABLE = {VECTORS_SYSTEM, SSE200_IRQ_VECTORS};

const unsigned board_irq_count = sizeof __interrupt_vector / sizeof __interrupt_vector[0] - 16;
_Static_assert(sizeof __interrupt_vector / sizeof __interrupt_vector[0] == 16 + 32 + 92,
               "16 system entries, 32 SSE-200 interrupts, 92 expansion interrupts");

/*
 * CPU 1's table. VTOR ignores the low bits up to the table's size rounded
 * up to a power of two: 140 entries, 560 bytes, so 1024-byte aligned. Its
 * first word, the initial sp, is never used: the reset entry loads the sp
 * board_cpu_start was given before anything is pushed.
 */
void sse200_cpu1_reset(void); /* cpus.c */
__attribute__((aligned(1024))) const board_vector sse200_cpu1_vectors[] = {
        (board_vector)__stack, sse200_cpu1_reset, VECTORS_EXCEPTIONS, SSE200_IRQ_VECTORS};
_Static_assert(sizeof sse200_cpu1_vectors == sizeof __interrupt_vector, "the same entries");
