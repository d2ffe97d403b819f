/*
 * The exception vector table for EL1. picolibc's crt0 installs none, and
 * with VBAR_EL1 at its reset value a fault would jump to garbage and hang
 * QEMU until the test times out; board.c points VBAR_EL1 here instead.
 *
 * Every exception is fatal on this board: nothing enables interrupts, and
 * a synchronous exception (udf, a load from an unmapped address, a jump
 * to a misaligned pc) is a bug. Each of the 16 entries moves to a stack
 * of its own, since the one it arrived on may be the cause (sp run wild,
 * or misaligned, which hardware faults on), and the handler's frames must
 * not land on a task's stack, whose guard zone has no room set aside for
 * them. Then it calls board.c's report with its number:
 *
 *	_Noreturn void board_exception(unsigned kind);
 *
 * kind = entry number: (source << 2) | type, source 0 = current EL on
 * SP_EL0, 1 = current EL on SP_ELx, 2 = lower EL in AArch64, 3 = lower EL
 * in AArch32; type 0 = synchronous, 1 = IRQ, 2 = FIQ, 3 = SError. The
 * general registers at the fault are lost (x0 and sp are overwritten);
 * ESR_EL1, ELR_EL1 and FAR_EL1, which board_exception prints, are not.
 * An application that wants interrupts installs its own table.
 */
/* What the architecture fixes: VBAR_EL1 ignores its low 11 bits, so the
 * table is 2 KiB aligned, and each entry has 0x80 bytes. */
#define VECTOR_ALIGN_LOG2 11
#define VECTOR_ENTRY      0x80
/* The report's stack: board_exception formats by hand and writes with
 * one semihosting call; -fstack-usage gives it 16 B and put_hex 16 B, and
 * _exit's semihosting call a few words more. 1 KiB is ample. */
#define FAULT_STACK 1024

.macro ENTRY kind
	.balign	VECTOR_ENTRY
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

	.bss
	.p2align 4			/* AAPCS64: sp 16-byte aligned */
fault_stack:
	.space	FAULT_STACK
fault_stack_end:

	.section .note.GNU-stack,"",%progbits
