/*
 * Context switch for ARMv7-M: Cortex-M3, and Cortex-M4F/M7 with the FP
 * registers in the saved block when the build uses them.
 *
 * Tasks run in thread mode on PSP; g0 (the scheduler, on the stack main was
 * given) and every interrupt handler use MSP. CONTROL.SPSEL picks which one
 * "sp" means in thread mode, so moving between a task and g0 flips SPSEL,
 * and an interrupt taken while a task runs leaves only its hardware frame
 * on the task's stack: 32 bytes, or 104 with FP state (CONTROL.FPCA).
 *
 * The saved block (r4-r11, r12 as padding, lr; below them s16-s31 when the
 * build uses the FP registers) is described in context.h, with the
 * macros that push and pop it and the reason FPCA is left alone when
 * SPSEL changes; frame.h builds the same block.
 */
#include "context.h"

	.syntax	unified
	.thumb
	.text

/* void goro_port_switch(uintptr_t *from_sp, const uintptr_t *to_sp); task -> task */
	.globl	goro_port_switch
	.type	goro_port_switch, %function
	.thumb_func
goro_port_switch:
	SAVE_CONTEXT
	str	sp, [r0]		/* *from_sp = sp (PSP) */
	ldr	sp, [r1]		/* still PSP: just another task stack */
	RESTORE_CONTEXT_AND_RETURN
	.size	goro_port_switch, .-goro_port_switch

/* void goro_port_resume(const uintptr_t *to_sp); exited task -> task */
	.globl	goro_port_resume
	.type	goro_port_resume, %function
	.thumb_func
goro_port_resume:
	ldr	sp, [r0]		/* still PSP: the next task's stack */
	RESTORE_CONTEXT_AND_RETURN
	.size	goro_port_resume, .-goro_port_resume

/* void goro_port_gogo(uintptr_t *g0_sp, const uintptr_t *to_sp); g0 -> task */
	.globl	goro_port_gogo
	.type	goro_port_gogo, %function
	.thumb_func
goro_port_gogo:
	SAVE_CONTEXT
	str	sp, [r0]		/* g0's sp (MSP) */
	ldr	r1, [r1]
	msr	psp, r1
	USE_PSP	r2			/* thread mode now uses the task's stack */
	RESTORE_CONTEXT_AND_RETURN
	.size	goro_port_gogo, .-goro_port_gogo

/* void goro_port_mcall(uintptr_t *from_sp, const uintptr_t *g0_sp); task -> g0 */
	.globl	goro_port_mcall
	.type	goro_port_mcall, %function
	.thumb_func
goro_port_mcall:
	SAVE_CONTEXT
	str	sp, [r0]		/* the task's sp (PSP) */
	USE_MSP	r2			/* back to g0's stack */
	ldr	sp, [r1]		/* MSP already holds it; say so plainly */
	RESTORE_CONTEXT_AND_RETURN
	.size	goro_port_mcall, .-goro_port_mcall

/*
 * void goro_port_start(void);
 * A new task's first switch "returns" here with fn in r4 and arg in r5.
 */
	.globl	goro_port_start
	.type	goro_port_start, %function
	.thumb_func
goro_port_start:
	mov	r0, r5			/* sched_start(arg, fn) */
	mov	r1, r4
	bl	sched_start
	udf	#0			/* sched_start does not return */
	.size	goro_port_start, .-goro_port_start

/*
 * void goro_port_on_g0(void (*fn)(void *), void *arg, uintptr_t g0_sp);
 * Runs fn(arg) on MSP, below where g0 is suspended, then returns to the
 * task on PSP. Interrupts keep working: they use MSP below us. No FP
 * registers to save: fn preserves s16-s31 itself, as any callee does.
 */
	.globl	goro_port_on_g0
	.type	goro_port_on_g0, %function
	.thumb_func
goro_port_on_g0:
	push	{r4, lr}		/* on PSP */
	USE_MSP	r3			/* thread mode on MSP = g0's sp */
	mov	r4, sp
	bic	r4, r4, #7		/* AAPCS: 8-byte aligned at calls */
	mov	sp, r4
	mov	r3, r0
	mov	r0, r1
	blx	r3
	USE_PSP	r3			/* back on PSP, where r4 and lr wait */
	pop	{r4, pc}
	.size	goro_port_on_g0, .-goro_port_on_g0
