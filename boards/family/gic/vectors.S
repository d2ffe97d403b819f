/*
 * The exception vector table for EL1. picolibc's crt0 installs none, and
 * with VBAR_EL1 at its reset value a fault would jump to garbage and hang
 * QEMU until the test times out; board.c points VBAR_EL1 here instead.
 *
 * One entry is live: an IRQ taken at EL1 on SP_EL1 (entry 5), which is
 * where every IRQ arrives, since tasks and g0 all run on SP_EL1
 * (switch.S). It goes to irq_entry below, which runs time.c's board_irq
 * on a stack of its own and returns.
 *
 * Every other exception is fatal on this board: a synchronous exception
 * (udf, a load from an unmapped address, a jump to a misaligned pc) is a
 * bug, and FIQs, SErrors and anything from a lower EL never come. Each of
 * those entries moves to a stack of its own, since the one it arrived on
 * may be the cause (sp run wild, or misaligned, which hardware faults
 * on), and the report's frames must not land on a task's stack, whose
 * guard zone has no room set aside for them. Then it calls board.c's
 * report with its number:
 *
 *	_Noreturn void board_exception(unsigned kind);
 *
 * kind = entry number: (source << 2) | type, source 0 = current EL on
 * SP_EL0, 1 = current EL on SP_ELx, 2 = lower EL in AArch64, 3 = lower EL
 * in AArch32; type 0 = synchronous, 1 = IRQ, 2 = FIQ, 3 = SError. The
 * general registers at the fault are lost (x0 and sp are overwritten);
 * ESR_EL1, ELR_EL1 and FAR_EL1, which board_exception prints, are not.
 */
#include "irq_slots.h"

/* What the architecture fixes: VBAR_EL1 ignores its low 11 bits, so the
 * table is 2 KiB aligned, and each entry has 0x80 bytes. */
#define VECTOR_ALIGN_LOG2 11
#define VECTOR_ENTRY      0x80
/* The report's stack: board_exception formats by hand and writes with
 * one semihosting call; -fstack-usage gives it 16 B and put_hex 16 B, and
 * _exit's semihosting call a few words more. 1 KiB is ample. */
#define FAULT_STACK 1024
/* The entry that irq_entry serves: current EL on SP_ELx, IRQ. */
#define KIND_IRQ_SP_ELX 5
/* irq_entry's frame: x0-x18 and x30, the registers a C call may clobber
 * that the interrupted code may still need (AAPCS64; x19-x29 the C code
 * preserves itself), 20 words, 160 B, a multiple of 16 as sp must stay.
 * No q registers: board_irq is built for the general registers only
 * (time.c), and goro_timer_isr only sets a flag (its disassembly uses no
 * FP/SIMD register). ELR_EL1 and SPSR_EL1 need no saving either:
 * handlers never nest (PSTATE.I stays set) and any other exception
 * inside one is fatal. */
#define IRQ_FRAME 160
/* The IRQ stack: irq_entry's 160 B, then board_irq's 32 B and
 * goro_timer_isr's none (-fstack-usage, GCC 12 -O2), 192 B in all. 1 KiB
 * leaves the rest to the handlers applications attach to SPIs
 * (goro_board_irq_attach), which run here too, and to a panic raised in
 * one, which runs here to the program's end (scripts/guard-check holds
 * that chain to this size: "interrupt stack"). One per CPU (BOARD_CPUS,
 * the board's meson.build), one after the other: CPU n's ends at
 * board_irq_stack + (n + 1) * IRQ_STACK (time.c has the same constant). */
#define IRQ_STACK 1024
#ifndef BOARD_CPUS
#define BOARD_CPUS 1
#endif

.macro ENTRY kind
	.balign	VECTOR_ENTRY
	.if \kind == KIND_IRQ_SP_ELX
	b	irq_entry
	.exitm
	.endif
	adrp	x0, fault_stack_end
	add	x0, x0, :lo12:fault_stack_end
	mov	sp, x0
	mov	x0, #\kind
	b	board_exception
.endm

	.section .text.vectors, "ax", %progbits
	.globl	board_vectors
	.p2align VECTOR_ALIGN_LOG2
board_vectors:
	ENTRY	0
	ENTRY	1
	ENTRY	2
	ENTRY	3
	ENTRY	4
	ENTRY	5
	ENTRY	6
	ENTRY	7
	ENTRY	8
	ENTRY	9
	ENTRY	10
	ENTRY	11
	ENTRY	12
	ENTRY	13
	ENTRY	14
	ENTRY	15
	.size	board_vectors, .-board_vectors

/*
 * An IRQ, taken from a task or from g0, with PSTATE.I set by the CPU.
 * The first instruction moves to SP_EL0, which nothing else uses and
 * which time.c points at the IRQ stack below before it unmasks IRQs: the
 * frame does not land on the interrupted stack, so a task's guard zone
 * needs no room for it. Handlers never nest, so SP_EL0 is back at the
 * stack's top at every entry. eret returns to SP_EL1, as SPSR_EL1.M
 * (EL1h) says, and with it to the interrupted stack.
 */
	.text
	.type	irq_entry, %function
	.p2align 2
irq_entry:
	msr	spsel, #0		/* sp = SP_EL0: the IRQ stack */
	sub	sp, sp, #IRQ_FRAME
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x30, [sp, #144]
	bl	board_irq
	ldp	x18, x30, [sp, #144]
	ldp	x16, x17, [sp, #128]
	ldp	x14, x15, [sp, #112]
	ldp	x12, x13, [sp, #96]
	ldp	x10, x11, [sp, #80]
	ldp	x8, x9, [sp, #64]
	ldp	x6, x7, [sp, #48]
	ldp	x4, x5, [sp, #32]
	ldp	x2, x3, [sp, #16]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #IRQ_FRAME	/* SP_EL0 at the IRQ stack's top again */
	eret				/* to ELR_EL1, on SP_EL1 */
	.size	irq_entry, .-irq_entry

/*
 * A secondary CPU's first instruction (cpus.c's board_cpu_start hands it
 * to PSCI CPU_ON): at EL1 on SP_EL1, MMU off, DAIF masked, x0 = the CPU's
 * number (the context CPU_ON passes on). Before any C: the sp from its
 * mailbox (board_cpu_boot[cpu]: sp at +0, 16 bytes each), FP/SIMD on
 * (CPACR_EL1.FPEN, as picolibc's crt0 does for CPU 0: compiled code may
 * use the q registers anywhere), its own IRQ stack in SP_EL0, and the
 * vectors. Then cpus.c's gic_cpu_start(cpu) goes on in C.
 */
	.text
	.globl	board_cpu_entry
	.type	board_cpu_entry, %function
	.p2align 2
board_cpu_entry:
	adrp	x1, board_cpu_boot
	add	x1, x1, :lo12:board_cpu_boot
	add	x1, x1, x0, lsl #4
	ldr	x2, [x1]		/* board_cpu_boot[cpu].sp */
	mov	sp, x2
	mov	x3, #(3 << 20)		/* CPACR_EL1.FPEN: no FP/SIMD traps */
	msr	cpacr_el1, x3
	adrp	x3, board_irq_stack
	add	x3, x3, :lo12:board_irq_stack
	add	x4, x0, #1
	mov	x5, #IRQ_STACK
	madd	x3, x4, x5, x3		/* the top of CPU x0's IRQ stack */
	msr	sp_el0, x3
	adrp	x3, board_vectors
	add	x3, x3, :lo12:board_vectors
	msr	vbar_el1, x3
	isb
	b	gic_cpu_start		/* (int cpu), cpus.c: never returns */
	.size	board_cpu_entry, .-board_cpu_entry

	.bss
	.p2align 4			/* AAPCS64: sp 16-byte aligned */
fault_stack:
	.space	FAULT_STACK
fault_stack_end:

	/* The guard under CPU 0's IRQ stack, the lowest, that irq_slot_run
	 * checks after an attached handler (irq_slots.h). */
	.p2align 4
	.globl	board_irq_guard
board_irq_guard:
	.space	IRQ_GUARD_BYTES
	.globl	board_irq_stack
board_irq_stack:
	.space	IRQ_STACK * BOARD_CPUS
	.globl	board_irq_stack_end
board_irq_stack_end:

	.section .note.GNU-stack,"",%progbits
