/*
 * Where the SSE-200 (ARM's CoreLink SSE-200 subsystem, on the MPS2 AN521
 * image) puts the CMSDK peripherals that boards/family/cmsdk drives, and
 * the NVIC interrupts they raise (vectors.c).
 *
 * The SSE-200's memory map has every peripheral twice: at 0x4xxxxxxx,
 * which its IDAU marks non-secure, and at the secure alias 0x5xxxxxxx.
 * The board runs in Secure state (it starts there, and goro never leaves
 * it), and the peripheral protection controllers let only secure
 * accesses through until software opens them, so the drivers use the
 * secure aliases; a non-secure address faults.
 *   TIMER0, TIMER1, the dual timer: the SSE-200's own (its APB PPC0),
 *     interrupts 3, 4 and 5, shared by both CPUs' NVICs;
 *   UART0: the MPS2 FPGA's first UART (0x40200000, expansion PPC 1).
 */
#ifndef GORO_CMSDK_MAP_H
#define GORO_CMSDK_MAP_H

#define CMSDK_TIMER0_BASE    0x50000000u /* the clock (timer.c) */
#define CMSDK_TIMER1_BASE    0x50001000u /* the deadline (timer.c) */
#define CMSDK_DUALTIMER_BASE 0x50002000u /* for applications (dualtimer.c) */
#define CMSDK_UART0_BASE     0x50200000u /* the console (uart.c) */
#define CMSDK_IRQ_TIMER0     3
#define CMSDK_IRQ_TIMER1     4
#define CMSDK_IRQ_DUALTIMER  5

/* The chip's own start, after the clock's (board.c's board_init): CPU 0's
 * wakeup interrupt (cpus.c). */
void cmsdk_chip_start(void);

#endif
