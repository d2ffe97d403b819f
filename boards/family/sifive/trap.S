/*
 * The machine-mode trap vector, for both RISC-V boards (virt-rv32,
 * hifive1). clint.c's board_init points mtvec here in direct mode before
 * main, so every trap, interrupt or exception, starts at board_trap.
 *
 * An interrupt arrives on the stack it interrupted, most often a task's:
 * RISC-V pushes nothing and switches nothing in hardware. The handler
 * saves what a C call may clobber (ra, t0-t6, a0-a7) there, in a 64-byte
 * frame, which is all an interrupt puts on a task's stack (the boards'
 * guard zones count it: meson.build). Then it moves to the hart's own
 * interrupt stack (board_isr_stacks, harts.h), keeping the interrupted sp
 * in that stack's top word, and calls one of
 *
 *	void board_timer_interrupt(void);		(clint.c)
 *	void board_external_interrupt(void);		(plic.c)
 *	void board_software_interrupt(void);		(clint.c)
 *
 * on it, so the C handlers' frames, the application's attached ones
 * among them, land on no task's stack, whatever their depth. They
 * preserve the rest as any C function does; the handler moves back,
 * restores and returns with mret. mepc and mstatus need no saving:
 * mstatus.MIE stays 0 from trap entry to mret, so no second interrupt can
 * overwrite them or the interrupt stack, and an exception in between
 * never returns.
 *
 * The machine software interrupt (MSIP) is the wakeup between harts
 * (harts.c): its handler only lowers the hart's MSIP bit, and the
 * interrupted goro_board_idle returns.
 *
 * Anything else is fatal: an exception is a bug, and no other interrupt
 * is enabled in mie. The stack it arrived on may be the cause (sp run
 * wild or misaligned), so an exception touches it not at all: the handler
 * moves to the top of RAM, g0's stack, whose contents no longer matter,
 * and calls
 *
 *	_Noreturn void board_exception(uintptr_t sp, uintptr_t ra);	(clint.c)
 *
 * with the sp and ra of the code that trapped, which reads mcause, mepc
 * and mtval itself and exits. t0 and the a registers at the fault are lost.
 */

#include "harts.h"
#include "irq_slots.h"

/* The saved registers: 16 words, a multiple of 16 bytes as the psABI
 * wants of sp. */
#define TRAP_FRAME 64
/* mcause of the machine timer interrupt: the interrupt bit (31) and
 * cause 7 (privileged spec, table "machine cause register values"). */
#define MCAUSE_M_TIMER 0x80000007
/* The machine external interrupt: cause 11, the PLIC. */
#define MCAUSE_M_EXTERNAL 0x8000000b
/* The machine software interrupt: cause 3, a CLINT MSIP bit. */
#define MCAUSE_M_SOFTWARE 0x80000003

	.text
	.globl	board_trap
	.type	board_trap, @function
	/* mtvec's low two bits are its MODE (0 = direct), so BASE is 4-byte
	 * aligned. */
	.p2align 2
board_trap:
	csrw	mscratch, t0		/* one free register, touching no stack */
	csrr	t0, mcause
	bgez	t0, exception		/* bit 31 clear: an exception */
	csrr	t0, mscratch

	addi	sp, sp, -TRAP_FRAME
	sw	ra, 0(sp)
	sw	t0, 4(sp)
	sw	t1, 8(sp)
	sw	t2, 12(sp)
	sw	a0, 16(sp)
	sw	a1, 20(sp)
	sw	a2, 24(sp)
	sw	a3, 28(sp)
	sw	a4, 32(sp)
	sw	a5, 36(sp)
	sw	a6, 40(sp)
	sw	a7, 44(sp)
	sw	t3, 48(sp)
	sw	t4, 52(sp)
	sw	t5, 56(sp)
	sw	t6, 60(sp)

	/* To this hart's interrupt stack: its top is board_isr_stacks +
	 * (hart + 1) << BOARD_ISR_STACK_LOG2. The interrupted sp (the frame
	 * above) goes in its top word, and 16 bytes keep sp aligned. */
	mv	t2, sp
#if BOARD_CPUS > 1
	csrr	t0, mhartid
	addi	t0, t0, 1
	slli	t0, t0, BOARD_ISR_STACK_LOG2
#else
	li	t0, 1 << BOARD_ISR_STACK_LOG2
#endif
	la	t1, board_isr_stacks
	add	t1, t1, t0
	addi	sp, t1, -16
	sw	t2, 12(sp)

	csrr	t0, mcause
	li	t1, MCAUSE_M_TIMER
	beq	t0, t1, timer
	li	t1, MCAUSE_M_EXTERNAL
	beq	t0, t1, external
	li	t1, MCAUSE_M_SOFTWARE
	bne	t0, t1, unexpected
	call	board_software_interrupt
	j	restore
external:
	call	board_external_interrupt
	j	restore
timer:
	call	board_timer_interrupt
restore:
	lw	sp, 12(sp)		/* back to the frame, on the interrupted stack */

	lw	ra, 0(sp)
	lw	t0, 4(sp)
	lw	t1, 8(sp)
	lw	t2, 12(sp)
	lw	a0, 16(sp)
	lw	a1, 20(sp)
	lw	a2, 24(sp)
	lw	a3, 28(sp)
	lw	a4, 32(sp)
	lw	a5, 36(sp)
	lw	a6, 40(sp)
	lw	a7, 44(sp)
	lw	t3, 48(sp)
	lw	t4, 52(sp)
	lw	t5, 56(sp)
	lw	t6, 60(sp)
	addi	sp, sp, TRAP_FRAME
	mret

unexpected:				/* an interrupt nobody enabled */
	addi	a0, t2, TRAP_FRAME	/* the interrupted sp and ra */
	lw	a1, 0(t2)
	j	report
exception:
	mv	a0, sp
	mv	a1, ra
report:
	la	sp, __stack		/* picolibc.ld: the top of RAM */
	tail	board_exception
	.size	board_trap, .-board_trap

/* The harts' interrupt stacks, hart 0's lowest, and below it the guard
 * that irq_slot_run checks after an attached handler (irq_slots.h).
 * 16-byte aligned, as the psABI wants sp. */
	.bss
	.p2align 4
	.globl	board_irq_guard
board_irq_guard:
	.space	IRQ_GUARD_BYTES
	.globl	board_isr_stacks
board_isr_stacks:
	.space	BOARD_CPUS << BOARD_ISR_STACK_LOG2
	.size	board_isr_stacks, .-board_isr_stacks

	.section .note.GNU-stack,"",%progbits
