/*
 * The morestack trampoline for ARMv7-M.
 *
 * void goro_morestack(uintptr_t *task_sp, uintptr_t g0_sp);
 *
 * Called on a task's stack (PSP) when the stack check fails (or the
 * scheduler wants the stack shrunk). Saves the task's context exactly as
 * switch.S does, so the saved registers lie inside the part of the stack
 * that gets copied and the mover adjusts them like any other word; stores
 * the task's sp in *task_sp; moves thread mode to MSP, where g0 waits at
 * g0_sp; calls
 *
 *	uintptr_t newstack_g0(void);
 *
 * which moves the stack and returns the task's sp on the new block; and
 * resumes the task there on PSP. Interrupts stay enabled: a handler that
 * fires meanwhile stacks its frame on MSP below us, as it would on g0.
 */
	.syntax	unified
	.thumb
	.text

	.globl	goro_morestack
	.type	goro_morestack, %function
	.thumb_func
goro_morestack:
	push	{r4-r12, lr}		/* the block switch.S saves */
	str	sp, [r0]		/* the task's sp, inside the copied part */
	movs	r2, #0
	msr	control, r2		/* SPSEL = 0: thread mode on MSP (g0) */
	isb
	mov	sp, r1			/* MSP already holds it; say so plainly */
	bl	newstack_g0		/* r0 = the task's sp on the new block */
	msr	psp, r0
	movs	r2, #2
	msr	control, r2		/* SPSEL = 1: back on the task's stack */
	isb
	pop	{r4-r12, pc}
	.size	goro_morestack, .-goro_morestack
