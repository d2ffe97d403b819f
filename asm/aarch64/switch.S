/*
 * Context switch for AArch64 (AAPCS64), bare metal at EL1.
 *
 * void goro_port_switch(uintptr_t *from_sp, const uintptr_t *to_sp);
 * void goro_port_gogo(uintptr_t *g0_sp, const uintptr_t *to_sp);
 * void goro_port_mcall(uintptr_t *from_sp, const uintptr_t *g0_sp);
 *
 * Tasks and g0 use the same stack pointer: picolibc's crt0 leaves
 * PSTATE.SPSel at its reset value, 1, so "sp" is SP_EL1 everywhere, and
 * the three are one routine. The saved block is described in context.h.
 */
#include "context.h"

	.text
	.globl	goro_port_switch
	.globl	goro_port_gogo
	.globl	goro_port_mcall
	.type	goro_port_switch, %function
	.type	goro_port_gogo, %function
	.type	goro_port_mcall, %function
	.p2align 2
goro_port_switch:
goro_port_gogo:
goro_port_mcall:
	.cfi_startproc
	SAVE_CONTEXT
	mov	x9, sp			/* str cannot take sp as its source */
	str	x9, [x0]		/* *from_sp = sp: this context is saved */
	ldr	x9, [x1]
	mov	sp, x9			/* now on the other stack */
	RESTORE_CONTEXT
	ret				/* to x30: into the other context */
	.cfi_endproc
	.size	goro_port_switch, .-goro_port_switch

/* void goro_port_resume(const uintptr_t *to_sp); from an exited task,
 * whose registers nobody needs: nothing saved. */
	.globl	goro_port_resume
	.type	goro_port_resume, %function
	.p2align 2
goro_port_resume:
	.cfi_startproc
	ldr	x9, [x0]
	mov	sp, x9			/* the next task's stack */
	RESTORE_CONTEXT
	ret
	.cfi_endproc
	.size	goro_port_resume, .-goro_port_resume

/*
 * void goro_port_start(void);
 * A new task's first "return" lands here with fn in x19 and arg in x20
 * (frame.h put them there), x29 = 0 and sp 16-byte aligned.
 */
	.globl	goro_port_start
	.type	goro_port_start, %function
	.p2align 2
goro_port_start:
	.cfi_startproc
	.cfi_undefined x30		/* outermost frame: unwinders stop here */
	mov	x0, x20			/* sched_start(arg, fn) */
	mov	x1, x19
	bl	sched_start
	udf	#0			/* sched_start does not return */
	.cfi_endproc
	.size	goro_port_start, .-goro_port_start

/*
 * void goro_port_on_g0(void (*fn)(void *), void *arg, uintptr_t g0_sp);
 * Runs fn(arg) below g0's saved sp and returns on the task's stack. The
 * task's fp and lr stay on the task's stack, and x29 points at them, so a
 * debugger unwinds from fn back into the task.
 */
	.globl	goro_port_on_g0
	.type	goro_port_on_g0, %function
	.p2align 2
goro_port_on_g0:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!
	.cfi_def_cfa_offset 16
	.cfi_offset x29, -16
	.cfi_offset x30, -8
	mov	x29, sp
	.cfi_def_cfa_register x29
	and	x2, x2, #~15		/* AAPCS64: sp 16-byte aligned, always */
	mov	sp, x2			/* g0's stack, below where g0 waits */
	mov	x9, x0
	mov	x0, x1
	blr	x9
	mov	sp, x29			/* back on the task's stack */
	.cfi_def_cfa_register sp
	ldp	x29, x30, [sp], #16
	.cfi_def_cfa_offset 0
	.cfi_restore x29
	.cfi_restore x30
	ret
	.cfi_endproc
	.size	goro_port_on_g0, .-goro_port_on_g0

	.section .note.GNU-stack,"",%progbits
