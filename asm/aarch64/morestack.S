/*
 * The morestack trampoline for AArch64.
 *
 * void goro_morestack(uintptr_t *task_sp, uintptr_t g0_sp);
 *
 * Called on a task's stack when the stack check fails (or the scheduler
 * wants the stack moved). Saves the task's context exactly as a switch
 * does (context.h), so the saved registers (x29 and any callee-saved
 * register holding a pointer to a local) lie inside the part of the stack
 * that gets copied and the mover adjusts them like any other word; stores
 * the task's sp in *task_sp; moves to g0's stack below g0_sp; calls
 *
 *	uintptr_t newstack_g0(void);
 *
 * which moves the stack and returns the task's sp on the new block; and
 * resumes the task there. Registers live at the call are those the ABI
 * says survive a call; the caller has already given up the rest.
 */
#include "context.h"

	.text
	.globl	goro_morestack
	.type	goro_morestack, %function
	.p2align 2
goro_morestack:
	.cfi_startproc
	SAVE_CONTEXT
	mov	x9, sp
	str	x9, [x0]		/* the task's sp, inside the copied part */
	and	x1, x1, #~15		/* AAPCS64: sp 16-byte aligned, always */
	mov	sp, x1			/* g0's stack, below where g0 waits */
	bl	newstack_g0
	mov	sp, x0			/* the same context, on the new block */
	RESTORE_CONTEXT
	ret
	.cfi_endproc
	.size	goro_morestack, .-goro_morestack

	.section .note.GNU-stack,"",%progbits
