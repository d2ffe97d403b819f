/*
 * The saved context on AArch64 (AAPCS64), one definition for switch.S and
 * morestack.S (the macros) and frame.h (the offsets, to build a new
 * task's block). From the low address up, 176 bytes:
 *
 *   [sp+0]   x19, x20     \
 *   [sp+16]  x21, x22      |
 *   [sp+32]  x23, x24      | the callee-saved integer registers
 *   [sp+48]  x25, x26      |
 *   [sp+64]  x27, x28     /
 *   [sp+80]  x29 (fp), x30 (lr: where the context resumes)
 *   [sp+96]  d8, d9       \
 *   [sp+112] d10, d11      | the low 64 bits of v8-v15, all of them
 *   [sp+128] d12, d13      | AAPCS64 says a callee preserves
 *   [sp+144] d14, d15     /
 *   [sp+160] FPCR, FPSR
 *
 * FPCR (rounding mode, flush-to-zero, default NaN) and FPSR (cumulative
 * exception flags) are each task's floating-point environment, as MXCSR
 * is on x86-64: fesetround in one task must not change another's. They
 * also pad the block to 176 = 11 * 16, so sp stays 16-byte aligned, as
 * AArch64 requires whenever sp is the base of a load or store: SCTLR_EL1.SA
 * is set out of reset, so real hardware faults on a misaligned sp (QEMU 7.2
 * does not check, so a mistake here would pass unnoticed under emulation).
 */
#ifndef GORO_AARCH64_CONTEXT_H
#define GORO_AARCH64_CONTEXT_H

#define CTX_X19   0
#define CTX_X21   16
#define CTX_X23   32
#define CTX_X25   48
#define CTX_X27   64
#define CTX_X29   80 /* x29, then x30 at CTX_X29 + 8 */
#define CTX_D8    96
#define CTX_D10   112
#define CTX_D12   128
#define CTX_D14   144
#define CTX_FPCR  160 /* FPCR, then FPSR at CTX_FPCR + 8 */
#define CTX_BYTES 176

#ifdef __ASSEMBLER__
/* The macros are assembly, which clang-format would take for C. */
/* clang-format off */
/* Clobbers x9 and x10, which are caller-saved temporaries: dead here. */
.macro SAVE_CONTEXT
	sub	sp, sp, #CTX_BYTES
	stp	x19, x20, [sp, #CTX_X19]
	stp	x21, x22, [sp, #CTX_X21]
	stp	x23, x24, [sp, #CTX_X23]
	stp	x25, x26, [sp, #CTX_X25]
	stp	x27, x28, [sp, #CTX_X27]
	stp	x29, x30, [sp, #CTX_X29]
	stp	d8, d9, [sp, #CTX_D8]
	stp	d10, d11, [sp, #CTX_D10]
	stp	d12, d13, [sp, #CTX_D12]
	stp	d14, d15, [sp, #CTX_D14]
	mrs	x9, fpcr
	mrs	x10, fpsr
	stp	x9, x10, [sp, #CTX_FPCR]
.endm

.macro RESTORE_CONTEXT
	ldp	x9, x10, [sp, #CTX_FPCR]
	msr	fpcr, x9
	msr	fpsr, x10
	ldp	x19, x20, [sp, #CTX_X19]
	ldp	x21, x22, [sp, #CTX_X21]
	ldp	x23, x24, [sp, #CTX_X23]
	ldp	x25, x26, [sp, #CTX_X25]
	ldp	x27, x28, [sp, #CTX_X27]
	ldp	x29, x30, [sp, #CTX_X29]
	ldp	d8, d9, [sp, #CTX_D8]
	ldp	d10, d11, [sp, #CTX_D10]
	ldp	d12, d13, [sp, #CTX_D12]
	ldp	d14, d15, [sp, #CTX_D14]
	add	sp, sp, #CTX_BYTES
.endm
/* clang-format on */
#endif /* __ASSEMBLER__ */

#endif /* GORO_AARCH64_CONTEXT_H */
