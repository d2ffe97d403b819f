/*
 * Where the MPS2 images (AN385, AN386) put ARM's CMSDK peripherals, for
 * the cmsdk family's drivers: ARM's MPS2 FPGA images map them at these
 * addresses and wire them to these NVIC interrupts (vectors.c), as QEMU's
 * mps2-an385 and mps2-an386 do.
 */
#ifndef GORO_CMSDK_MAP_H
#define GORO_CMSDK_MAP_H

#define CMSDK_TIMER0_BASE    0x40000000u /* the clock (timer.c) */
#define CMSDK_TIMER1_BASE    0x40001000u /* the deadline (timer.c) */
#define CMSDK_DUALTIMER_BASE 0x40002000u /* for applications (dualtimer.c) */
#define CMSDK_UART0_BASE     0x40004000u /* the console (uart.c) */
#define CMSDK_IRQ_TIMER0     8
#define CMSDK_IRQ_TIMER1     9
#define CMSDK_IRQ_DUALTIMER  10

/* The chip's own start, after the clock's (board.c's board_init): none. */
static inline void
cmsdk_chip_start(void)
{
}

#endif
