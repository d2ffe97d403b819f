/*
 * The Cortex-M vector table's shared part, for each chip family's
 * vectors.c. The table lives in flash, in section .data.init.enter, which
 * picolibc.ld puts first: it takes the place of picolibc's weak
 * __interrupt_vector (whose object is then not linked), at the address
 * the core reads on reset (0, or the flash that 0 aliases).
 *
 * Every entry is a weak symbol with its CMSIS name (the vendor's device
 * startup file's), so an application overrides one by defining a function
 * of that name: void EXTI0_IRQHandler(void) { ... }. An interrupt with no
 * handler of its own reaches Default_Handler, which panics with
 * "unexpected interrupt N"; the faults (HardFault and, on ARMv7-M,
 * MemManage, BusFault, UsageFault) and NMI reach the CPU-exception report.
 *
 * Include this header once, from the family's vectors.c: it defines the
 * two static functions the weak names alias (an alias must name a function
 * of its own translation unit).
 */
#ifndef GORO_CORTEX_M_VECTORS_H
#define GORO_CORTEX_M_VECTORS_H

#include <stdint.h>

typedef void (*board_vector)(void);

/* handlers.c: the defaults, weak themselves. */
void Default_Handler(void);
void cortexm_fault(uint32_t *frame, uint32_t exc_return);

extern uint8_t __stack[]; /* picolibc.ld: the top of RAM, g0's stack */
void _start(void);        /* crt0.c's, or picolibc's crt0 */

static void
vectors_default(void)
{
	Default_Handler();
}

/*
 * A fault: hand cortexm_fault the exception frame the core stacked and
 * EXC_RETURN. Bit 2 of EXC_RETURN (in lr) says which stack the frame is on:
 * PSP (a task) or MSP (g0, or a handler). Naked and in Thumb-1
 * instructions, so that it runs unchanged on ARMv6-M and leaves lr as the
 * core set it.
 */
__attribute__((naked)) static void
vectors_fault(void)
{
	__asm__ volatile("movs	r0, #4\n\t"
	                 "mov	r1, lr\n\t"
	                 "tst	r0, r1\n\t"
	                 "beq	1f\n\t"
	                 "mrs	r0, psp\n\t"
	                 "b	2f\n"
	                 "1:\tmrs	r0, msp\n"
	                 "2:\tldr	r2, =cortexm_fault\n\t"
	                 "bx	r2\n\t"
	                 ".ltorg");
}

#define VECTOR_WEAK(name)       void name(void) __attribute__((weak, alias("vectors_default")))
#define VECTOR_WEAK_FAULT(name) void name(void) __attribute__((weak, alias("vectors_fault")))

VECTOR_WEAK_FAULT(NMI_Handler);
VECTOR_WEAK_FAULT(HardFault_Handler);
VECTOR_WEAK(SVC_Handler);
VECTOR_WEAK(PendSV_Handler);
VECTOR_WEAK(SysTick_Handler);

#if __ARM_ARCH_6M__
/* ARMv6-M has HardFault alone; entries 4-6 and 12 are reserved. */
#define VECTORS_EXCEPTIONS                                                                         \
	NMI_Handler, HardFault_Handler, 0, 0, 0, 0, 0, 0, 0, SVC_Handler, 0, 0, PendSV_Handler,    \
	        SysTick_Handler
#else
VECTOR_WEAK_FAULT(MemManage_Handler);
VECTOR_WEAK_FAULT(BusFault_Handler);
VECTOR_WEAK_FAULT(UsageFault_Handler);
VECTOR_WEAK(DebugMon_Handler);
#define VECTORS_EXCEPTIONS                                                                         \
	NMI_Handler, HardFault_Handler, MemManage_Handler, BusFault_Handler, UsageFault_Handler,   \
	        0, 0, 0, 0, SVC_Handler, DebugMon_Handler, 0, PendSV_Handler, SysTick_Handler
#endif

/* The 16 system entries: the initial sp and the reset entry (g0's stack
 * and the start: crt0.c with console=uart, else picolibc's crt0), then
 * entries 2-15, the exceptions. A chip whose other cores start from a
 * table of their own (boards/family/sse200) gives it its own first two
 * entries and VECTORS_EXCEPTIONS. */
#define VECTORS_SYSTEM (board_vector) __stack, _start, VECTORS_EXCEPTIONS

/* The table: 16 system entries, then the chip's interrupts. */
#define VECTOR_TABLE                                                                               \
	__attribute__((used, section(".data.init.enter"))) const board_vector __interrupt_vector[]

#endif
