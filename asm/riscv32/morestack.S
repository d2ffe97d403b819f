/*
 * The morestack trampoline for RV32.
 *
 * void goro_morestack(uintptr_t *task_sp, uintptr_t g0_sp);
 *
 * Called on a task's stack when the stack check fails (or the scheduler
 * wants the stack moved). Saves the task's context exactly as a switch
 * does (context.inc), so the saved registers lie inside the part of the
 * stack that gets copied and the mover adjusts them like any other word;
 * stores the task's sp in *task_sp; moves to g0's stack below g0_sp; calls
 *
 *	uintptr_t newstack_g0(void);
 *
 * which moves the stack and returns the task's sp on the new block; and
 * resumes the task there. Registers live at the call are those the psABI
 * says survive a call; the caller has already given up the rest.
 */
#include "context.inc"

	.text
	.globl	goro_morestack
	.type	goro_morestack, @function
	.p2align 2
goro_morestack:
	.cfi_startproc
	SAVE_CONTEXT
	sw	sp, 0(a0)		/* the task's sp, inside the copied part */
	andi	sp, a1, -16		/* g0's stack; the psABI's call alignment */
	call	newstack_g0
	mv	sp, a0			/* the same context, on the new block */
	RESTORE_CONTEXT
	ret
	.cfi_endproc
	.size	goro_morestack, .-goro_morestack
