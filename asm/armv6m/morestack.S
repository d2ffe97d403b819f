/*
 * The morestack trampoline for ARMv6-M.
 *
 * void goro_morestack(uintptr_t *task_sp, uintptr_t g0_sp);
 *
 * Called on a task's stack (PSP) when the stack check fails (or the
 * scheduler wants the stack moved). Saves the task's context in the block
 * switch.S saves (context.inc), so the saved registers lie inside the part
 * of the stack that gets copied and the mover adjusts them like any other
 * word; stores the task's sp in *task_sp; moves thread mode to MSP, where
 * g0 waits at g0_sp; calls
 *
 *	uintptr_t newstack_g0(void);
 *
 * which moves the stack and returns the task's sp on the new block; and
 * resumes the task there on PSP. MSP is 8-byte aligned for that call
 * without help: g0 saved a 40-byte block from an aligned call in
 * goro_port_gogo.
 *
 * Unlike ARMv7-M, interrupts are masked (PRIMASK) while the block is
 * pushed and popped on the task's stack. This is the deepest point the
 * task's stack reaches before it moves, and the guard zone must hold it:
 * with interrupts masked there, no 32-byte exception frame can land below
 * the block, and the zone is 32 bytes smaller than it would be otherwise
 * (an interrupt taken in the C part of the slow path lands 8 bytes
 * higher than the block's bottom). On a 16 KiB board that is what lets
 * the largest frame fit on the smallest stack without growing; see
 * boards/microbit/meson.build. The cost is an interrupt delayed by about
 * twenty instructions, twice per move. The caller's PRIMASK travels in
 * the block's pad word, so a task that had interrupts masked keeps them
 * masked, and newstack_g0 runs with the task's own setting.
 */
#include "context.inc"

	.syntax	unified
	.cpu	cortex-m0
	.thumb
	.text

	.globl	goro_morestack
	.type	goro_morestack, %function
	.thumb_func
goro_morestack:
	mrs	r3, primask		/* the caller's setting: the pad word */
	cpsid	i
	SAVE_CONTEXT			/* the block switch.S saves */
	mov	r2, sp
	str	r2, [r0]		/* the task's sp, inside the copied part */
	movs	r2, #0
	msr	control, r2		/* SPSEL = 0: thread mode on MSP (g0) */
	isb
	mov	sp, r1			/* MSP already holds it; say so plainly */
	msr	primask, r3		/* off the task's stack: as the task had it */
	bl	newstack_g0		/* r0 = the task's sp on the new block */
	cpsid	i
	msr	psp, r0
	movs	r2, #2
	msr	control, r2		/* SPSEL = 1: back on the task's stack */
	isb
	/* RESTORE_CONTEXT, but with PRIMASK back only when nothing but the
	 * return address is left on the stack. */
	pop	{r4-r7}			/* r8-r11 */
	mov	r8, r4
	mov	r9, r5
	mov	r10, r6
	mov	r11, r7
	pop	{r3-r7}			/* the caller's PRIMASK, r4-r7 */
	msr	primask, r3
	pop	{pc}
	.size	goro_morestack, .-goro_morestack

/*
 * The entry check's slow path (tools/goro-check, the template in
 * meson.build). A function about to allocate a frame of more than
 * GORO_FRAME_SMALL bytes found sp - framesize below the limit, at its
 * first instruction, where the argument registers and lr are still live.
 * It has pushed {r0-r4, lr} (r4 only as room), put the frame size in r0
 * and called here; lr is the way back into it. Calls
 *
 *	void goro_stack_entry_failed(uintptr_t need, uintptr_t at);
 *
 * with at = the function's sp, and returns with every register as the
 * function's entry had it, lr too, the 24 bytes popped. ip is the only
 * one lost: at a function's entry it holds nothing (AAPCS: a veneer may
 * have used it). If the stack moved, the pushed words moved with it and
 * were adjusted like any other (an argument pointing into the stack);
 * the return addresses are code and stay.
 */
	.globl	goro_entry_failed
	.type	goro_entry_failed, %function
	.thumb_func
goro_entry_failed:
	add	r1, sp, #24		/* at: sp before the push */
	mov	r4, lr			/* the way back, callee-saved across the call */
	bl	goro_stack_entry_failed
	mov	ip, r4
	ldr	r0, [sp, #20]		/* the function's own return address */
	mov	lr, r0
	pop	{r0-r4}
	add	sp, #4
	bx	ip
	.size	goro_entry_failed, .-goro_entry_failed

/*
 * The plugin's check, and the hook's, found sp below the limit, with no
 * frame still to come (runtime/check.c):
 *
 *	void goro_stack_check_failed(void);
 *
 * goro_stack_entry_failed(0, sp) as a tail call, which GCC does not make
 * in Thumb-1 code: a call would put a frame on the chain the guard zone
 * holds, below the C part's frames. lr is still the caller's, so
 * goro_stack_entry_failed returns to it. Thumb-1 has no B.W: the jump is
 * through a register.
 */
	.globl	goro_stack_check_failed
	.type	goro_stack_check_failed, %function
	.thumb_func
goro_stack_check_failed:
	mov	r1, sp			/* at: the caller's sp */
	movs	r0, #0			/* need: no frame still to come */
	ldr	r2, =goro_stack_entry_failed
	bx	r2
	.size	goro_stack_check_failed, .-goro_stack_check_failed
