/*
 * Context switch for RV32 (ILP32 psABI), bare metal in M-mode.
 *
 * void goro_port_switch(uintptr_t *from_sp, const uintptr_t *to_sp);
 * void goro_port_gogo(uintptr_t *g0_sp, const uintptr_t *to_sp);
 * void goro_port_mcall(uintptr_t *from_sp, const uintptr_t *g0_sp);
 *
 * RISC-V has one sp, used alike by tasks, g0 and trap handlers (the
 * boards' trap.S runs the timer interrupt on whatever stack it finds), so
 * the three are one routine, as on x86-64. The saved block is described in
 * context.h.
 */
#include "context.inc"

	.text
	.globl	goro_port_switch
	.globl	goro_port_gogo
	.globl	goro_port_mcall
	.type	goro_port_switch, @function
	.type	goro_port_gogo, @function
	.type	goro_port_mcall, @function
	.p2align 2
goro_port_switch:
goro_port_gogo:
goro_port_mcall:
	.cfi_startproc
	SAVE_CONTEXT
	sw	sp, 0(a0)		/* *from_sp = sp: this context is saved */
	lw	sp, 0(a1)		/* now on the other stack */
	RESTORE_CONTEXT
	ret				/* jr ra: into the other context */
	.cfi_endproc
	.size	goro_port_switch, .-goro_port_switch

/* void goro_port_resume(const uintptr_t *to_sp); from an exited task,
 * whose registers nobody needs: nothing saved. */
	.globl	goro_port_resume
	.type	goro_port_resume, @function
	.p2align 2
goro_port_resume:
	.cfi_startproc
	lw	sp, 0(a0)		/* the next task's stack */
	RESTORE_CONTEXT
	ret
	.cfi_endproc
	.size	goro_port_resume, .-goro_port_resume

/*
 * void goro_port_start(void);
 * A new task's first "return" lands here with fn in s0 and arg in s1
 * (frame.h put them there) and sp 16-byte aligned, as a call needs.
 */
	.globl	goro_port_start
	.type	goro_port_start, @function
	.p2align 2
goro_port_start:
	.cfi_startproc
	.cfi_undefined ra		/* outermost frame: unwinders stop here */
	mv	a0, s1			/* sched_start(arg, fn) */
	mv	a1, s0
	call	sched_start
	unimp				/* sched_start does not return */
	.cfi_endproc
	.size	goro_port_start, .-goro_port_start

/*
 * void goro_port_on_g0(void (*fn)(void *), void *arg, uintptr_t g0_sp);
 * Runs fn(arg) below g0's saved sp and returns on the task's stack. The
 * task's sp waits in s0, which fn must preserve; s0's own old value and
 * ra wait on the task's stack.
 */
	.globl	goro_port_on_g0
	.type	goro_port_on_g0, @function
	.p2align 2
goro_port_on_g0:
	.cfi_startproc
	addi	sp, sp, -16		/* keeps the 16-byte alignment */
	.cfi_def_cfa_offset 16
	sw	ra, 12(sp)
	sw	s0, 8(sp)
	.cfi_offset ra, -4
	.cfi_offset s0, -8
	mv	s0, sp
	.cfi_def_cfa_register s0
	andi	sp, a2, -16		/* g0's stack; the psABI's call alignment */
	mv	t0, a0
	mv	a0, a1
	jalr	t0
	mv	sp, s0			/* back on the task's stack */
	.cfi_def_cfa_register sp
	lw	ra, 12(sp)
	lw	s0, 8(sp)
	.cfi_restore ra
	.cfi_restore s0
	addi	sp, sp, 16
	.cfi_def_cfa_offset 0
	ret
	.cfi_endproc
	.size	goro_port_on_g0, .-goro_port_on_g0
