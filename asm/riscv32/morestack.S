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

/*
 * The entry check's slow path (tools/goro-check, the template in
 * meson.build). A function about to allocate a frame of more than
 * GORO_FRAME_SMALL bytes found sp - framesize below the limit, at its
 * first instruction, where a0-a7 and ra are still live. It has pushed 16
 * bytes with ra at 12, put the frame size in t0 and called here. Calls
 *
 *	void goro_stack_entry_failed(uintptr_t need, uintptr_t at);
 *
 * with at = the function's sp, and returns with a0-a7 as they were (the
 * function restores ra). If the stack moved, the saved words moved with
 * it and were adjusted like any other (an argument pointing into the
 * stack); return addresses are code and stay. 48 bytes: a0-a7 and ra,
 * keeping sp 16-byte aligned.
 */
	.globl	goro_entry_failed
	.type	goro_entry_failed, @function
	.p2align 2
goro_entry_failed:
	addi	sp, sp, -48
	sw	a0, 0(sp)
	sw	a1, 4(sp)
	sw	a2, 8(sp)
	sw	a3, 12(sp)
	sw	a4, 16(sp)
	sw	a5, 20(sp)
	sw	a6, 24(sp)
	sw	a7, 28(sp)
	sw	ra, 32(sp)
	mv	a0, t0
	addi	a1, sp, 64		/* at: sp before the function's push */
	call	goro_stack_entry_failed
	lw	a0, 0(sp)
	lw	a1, 4(sp)
	lw	a2, 8(sp)
	lw	a3, 12(sp)
	lw	a4, 16(sp)
	lw	a5, 20(sp)
	lw	a6, 24(sp)
	lw	a7, 28(sp)
	lw	ra, 32(sp)
	addi	sp, sp, 48
	ret
	.size	goro_entry_failed, .-goro_entry_failed
