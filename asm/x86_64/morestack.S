/*
 * The morestack trampoline for x86-64.
 *
 * void goro_morestack(uintptr_t *task_sp, uintptr_t g0_sp);
 *
 * Called on a task's stack when the stack check fails (or the scheduler
 * wants the stack shrunk). Saves the task's context exactly as a switch
 * does (context.inc), so the saved registers lie inside the part of the
 * stack that gets copied and the mover adjusts them like any other word;
 * stores the task's sp in *task_sp; moves to g0's stack below g0_sp; calls
 *
 *	uintptr_t newstack_g0(void);
 *
 * which moves the stack and returns the task's sp on the new block; and
 * resumes the task there. Registers live at the call are those the ABI
 * says survive a call; the caller has already given up the rest.
 */
#include "context.inc"

	.text
	.globl	goro_morestack
	.type	goro_morestack, @function
	.p2align 4
goro_morestack:
	.cfi_startproc
	SAVE_CONTEXT
	movq	%rsp, (%rdi)		/* the task's sp, inside the copied part */
	movq	%rsi, %rsp		/* g0's stack, below where g0 waits */
	andq	$-16, %rsp		/* the ABI's call alignment */
	call	newstack_g0
	movq	%rax, %rsp		/* the same context, on the new block */
	RESTORE_CONTEXT
	ret
	.cfi_endproc
	.size	goro_morestack, .-goro_morestack

	.section .note.GNU-stack,"",@progbits
