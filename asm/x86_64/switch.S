/*
 * Context switch for x86-64 (System V ABI), host builds.
 *
 * void goro_port_switch(uintptr_t *from_sp, const uintptr_t *to_sp);
 * void goro_port_gogo(uintptr_t *g0_sp, const uintptr_t *to_sp);
 * void goro_port_mcall(uintptr_t *from_sp, const uintptr_t *g0_sp);
 *
 * Tasks and g0 use the same rsp, so the three are one routine. The saved
 * block is described in context.inc.
 */
#include "context.inc"

	.text
	.globl	goro_port_switch
	.globl	goro_port_gogo
	.globl	goro_port_mcall
	.type	goro_port_switch, @function
	.type	goro_port_gogo, @function
	.type	goro_port_mcall, @function
	.p2align 4
goro_port_switch:
goro_port_gogo:
goro_port_mcall:
	.cfi_startproc
	SAVE_CONTEXT
	movq	%rsp, (%rdi)		/* *from_sp = rsp: this context is saved */
	movq	(%rsi), %rsp		/* now on the other stack */
	RESTORE_CONTEXT
	ret				/* into the other context */
	.cfi_endproc
	.size	goro_port_switch, .-goro_port_switch

/* void goro_port_resume(const uintptr_t *to_sp); from an exited task,
 * whose registers nobody needs: nothing saved. */
	.globl	goro_port_resume
	.type	goro_port_resume, @function
	.p2align 4
goro_port_resume:
	.cfi_startproc
	movq	(%rdi), %rsp		/* the next task's stack */
	RESTORE_CONTEXT
	ret
	.cfi_endproc
	.size	goro_port_resume, .-goro_port_resume

/*
 * void goro_port_start(void);
 * A new task's first "return" lands here with fn in r12 and arg in r13
 * (frame.h put them there) and rsp 16-byte aligned, as a call needs.
 */
	.globl	goro_port_start
	.type	goro_port_start, @function
	.p2align 4
goro_port_start:
	.cfi_startproc
	.cfi_undefined rip		/* outermost frame: unwinders stop here */
	movq	%r13, %rdi		/* sched_start(arg, fn) */
	movq	%r12, %rsi
	call	sched_start
	ud2				/* sched_start does not return */
	.cfi_endproc
	.size	goro_port_start, .-goro_port_start

/*
 * void goro_port_on_g0(void (*fn)(void *), void *arg, uintptr_t g0_sp);
 * Runs fn(arg) below g0's saved sp and returns on the task's stack.
 */
	.globl	goro_port_on_g0
	.type	goro_port_on_g0, @function
	.p2align 4
goro_port_on_g0:
	.cfi_startproc
	pushq	%rbp
	.cfi_def_cfa_offset 16
	.cfi_offset rbp, -16
	movq	%rsp, %rbp
	.cfi_def_cfa_register rbp
	movq	%rdx, %rsp
	andq	$-16, %rsp		/* the ABI's call alignment */
	movq	%rdi, %rax
	movq	%rsi, %rdi
	call	*%rax
	movq	%rbp, %rsp
	popq	%rbp
	.cfi_def_cfa rsp, 8
	ret
	.cfi_endproc
	.size	goro_port_on_g0, .-goro_port_on_g0

	.section .note.GNU-stack,"",@progbits
