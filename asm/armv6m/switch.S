/*
 * Context switch for ARMv6-M (Cortex-M0, M0+, M1): the ARMv7-M port's
 * scheme in Thumb-1 instructions.
 *
 * Tasks run in thread mode on PSP; g0 (the scheduler, on the stack main was
 * given) and every interrupt handler use MSP. CONTROL.SPSEL picks which one
 * "sp" means in thread mode, so moving between a task and g0 flips SPSEL
 * (with an isb, so the next instruction sees the new sp), and an interrupt
 * taken while a task runs leaves only its hardware frame on the task's
 * stack. The saved block is described in context.inc.
 *
 * Thumb-1 cannot store sp directly (str takes a low register), so sp goes
 * through r2 on its way to *from_sp.
 */
#include "context.inc"

	.syntax	unified
	.cpu	cortex-m0
	.thumb
	.text

/* void goro_port_switch(uintptr_t *from_sp, const uintptr_t *to_sp); task -> task */
	.globl	goro_port_switch
	.type	goro_port_switch, %function
	.thumb_func
goro_port_switch:
	SAVE_CONTEXT
	mov	r2, sp
	str	r2, [r0]		/* *from_sp = sp (PSP) */
	ldr	r1, [r1]
	mov	sp, r1			/* still PSP: just another task stack */
	RESTORE_CONTEXT
	.size	goro_port_switch, .-goro_port_switch

/* void goro_port_resume(const uintptr_t *to_sp); exited task -> task */
	.globl	goro_port_resume
	.type	goro_port_resume, %function
	.thumb_func
goro_port_resume:
	ldr	r1, [r0]
	mov	sp, r1			/* still PSP: the next task's stack */
	RESTORE_CONTEXT
	.size	goro_port_resume, .-goro_port_resume

/* void goro_port_gogo(uintptr_t *g0_sp, const uintptr_t *to_sp); g0 -> task */
	.globl	goro_port_gogo
	.type	goro_port_gogo, %function
	.thumb_func
goro_port_gogo:
	SAVE_CONTEXT
	mov	r2, sp
	str	r2, [r0]		/* g0's sp (MSP) */
	ldr	r1, [r1]
	msr	psp, r1
	movs	r2, #2			/* SPSEL = 1: thread mode uses PSP */
	msr	control, r2
	isb				/* the next instruction must see PSP */
	RESTORE_CONTEXT
	.size	goro_port_gogo, .-goro_port_gogo

/* void goro_port_mcall(uintptr_t *from_sp, const uintptr_t *g0_sp); task -> g0 */
	.globl	goro_port_mcall
	.type	goro_port_mcall, %function
	.thumb_func
goro_port_mcall:
	SAVE_CONTEXT
	mov	r2, sp
	str	r2, [r0]		/* the task's sp (PSP) */
	movs	r2, #0			/* SPSEL = 0: back to MSP */
	msr	control, r2
	isb
	ldr	r1, [r1]
	mov	sp, r1			/* MSP already holds it; say so plainly */
	RESTORE_CONTEXT
	.size	goro_port_mcall, .-goro_port_mcall

/*
 * void goro_port_start(void);
 * A new task's first switch "returns" here with fn in r4 and arg in r5
 * (frame.h put them there) and sp 8-byte aligned, as the call needs.
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
 * task on PSP. Interrupts keep working: they use MSP below us.
 */
	.globl	goro_port_on_g0
	.type	goro_port_on_g0, %function
	.thumb_func
goro_port_on_g0:
	push	{r4, lr}		/* on PSP; r4 pads to 8 bytes */
	movs	r3, #0
	msr	control, r3		/* thread mode on MSP = g0's sp */
	isb
	mov	r3, sp			/* AAPCS: 8-byte aligned at calls; */
	lsrs	r3, r3, #3		/* Thumb-1 has no bic with an */
	lsls	r3, r3, #3		/* immediate, and none on sp */
	mov	sp, r3
	mov	r3, r0
	mov	r0, r1
	blx	r3
	movs	r3, #2
	msr	control, r3		/* back on PSP, where r4 and lr wait */
	isb
	pop	{r4, pc}
	.size	goro_port_on_g0, .-goro_port_on_g0
