/*
 * The saved context on RV32 (ILP32 psABI), shared by switch.S, morestack.S
 * and frame.h, so the layout is written down once. From the low address up:
 *
 *   [sp+0]   ra         where the context resumes
 *   [sp+4]   s0 .. s11  the callee-saved integer registers, 4 bytes each
 *   [sp+52]  12 bytes   padding, never written: keeps the block 64 bytes
 *   [sp+64]             the caller's frame
 *
 * ra and s0-s11 are everything the psABI says survives a call on
 * rv32imac: sp is the context itself, gp and tp are fixed for the whole
 * program (linker relaxation and picolibc's TLS block, one CPU), and the
 * t and a registers are the caller's to save. The block is 64 bytes, not
 * 52, because the psABI keeps sp 16-byte aligned at every call and the
 * switch pushes it below an aligned sp.
 *
 * rv32imac has no F or D extension, so there are no FP registers or fcsr
 * to save; a build with hard float must not use this port unchanged.
 */
#ifndef GORO_PORT_CONTEXT_H
#define GORO_PORT_CONTEXT_H

#if !defined(__riscv) || __riscv_xlen != 32
#error "asm/riscv32 is for RV32 (ILP32) only"
#endif
#ifdef __riscv_flen
#error "asm/riscv32 saves no FP registers: build for rv32imac/ilp32, or add fs0-fs11 and fcsr"
#endif

#define CTX_RA    0  /* byte offset of ra */
#define CTX_S0    4  /* byte offset of s0; s(n) is at CTX_S0 + 4 * n */
#define CTX_BYTES 64 /* the whole block, a multiple of the 16-byte alignment */

#endif /* GORO_PORT_CONTEXT_H */
