/*
 * The morestack trampoline for ARMv7-M.
 *
 * void goro_morestack(uintptr_t *task_sp, uintptr_t g0_sp);
 *
 * Called on a task's stack (PSP) when the stack check fails (or the
 * scheduler wants the stack shrunk). Saves the task's context exactly as
 * switch.S does (context.h: 40 bytes, 104 with s16-s31 on an FP build), so
 * the saved registers lie inside the part of the stack that gets copied
 * and the mover adjusts them like any other word; stores the task's sp in
 * *task_sp; moves thread mode to MSP, where g0 waits at g0_sp; calls
 *
 *	uintptr_t newstack_g0(void);
 *
 * which moves the stack and returns the task's sp on the new block; and
 * resumes the task there on PSP. The FP registers travel with the block,
 * and CONTROL.FPCA is left as it was (context.h says why). Interrupts stay
 * enabled: a handler that fires meanwhile stacks its frame on MSP below
 * us, as it would on g0.
 */
#include "context.h"

	.syntax	unified
	.thumb
	.text

	.globl	goro_morestack
	.type	goro_morestack, %function
	.thumb_func
goro_morestack:
	SAVE_CONTEXT			/* the block switch.S saves */
	str	sp, [r0]		/* the task's sp, inside the copied part */
	USE_MSP	r2			/* thread mode on MSP (g0) */
	mov	sp, r1			/* MSP already holds it; say so plainly */
	bl	newstack_g0		/* r0 = the task's sp on the new block */
	msr	psp, r0
	USE_PSP	r2			/* back on the task's stack */
	RESTORE_CONTEXT_AND_RETURN
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
/* FP builds (the Cortex-M4F boards, hard float): s0-s15 and FPSCR may
 * hold the function's float arguments too, and the C slow path may use
 * them, so they are kept as well: 72 bytes more, 8-byte aligned. */
#ifdef __ARM_FP
#define ENTRY_FP 72
#else
#define ENTRY_FP 0
#endif

	.globl	goro_entry_failed
	.type	goro_entry_failed, %function
	.thumb_func
goro_entry_failed:
#ifdef __ARM_FP
	vmrs	r1, fpscr
	push	{r1, r2}		/* FPSCR, and a word for the alignment */
	vpush	{s0-s15}
#endif
	add	r1, sp, #(24 + ENTRY_FP)	/* at: sp before the function's push */
	mov	r4, lr			/* the way back, callee-saved across the call */
	bl	goro_stack_entry_failed
#ifdef __ARM_FP
	vpop	{s0-s15}
	pop	{r1, r2}
	vmsr	fpscr, r1
#endif
	mov	ip, r4
	ldr	r0, [sp, #20]		/* the function's own return address */
	mov	lr, r0
	pop	{r0-r4}
	add	sp, #4
	bx	ip
	.size	goro_entry_failed, .-goro_entry_failed
