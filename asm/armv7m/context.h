/*
 * The saved context on ARMv7-M: the one description of the block that
 * switch.S and morestack.S push and pop (through the macros below) and
 * that frame.h builds for a new task (through the word indices below).
 *
 * From the low address up:
 *
 *   [sp + 0]     s16-s31  16 words, only when the build uses the FP
 *                         registers (__ARM_FP); absent on Cortex-M3
 *   [sp + F]     r4-r11   8 words (F = 64 with FP, 0 without)
 *   [sp + F+32]  r12      padding: keeps the block a multiple of 8 bytes,
 *                         so sp stays 8-byte aligned, as AAPCS wants
 *   [sp + F+36]  lr       where the context resumes (popped into pc)
 *
 * 40 bytes without FP, 104 with. These are exactly the registers AAPCS
 * says a callee preserves: r4-r11 and, in any code that uses the FP
 * registers, s16-s31 (d8-d15). That holds for -mfloat-abi=softfp as much
 * as for hard: softfp changes only how arguments are passed, and the
 * compiler still keeps values in s16-s31 across calls. So the test is
 * __ARM_FP (defined for softfp and hard, not for soft or for a core
 * without an FPU), not __ARM_PCS_VFP.
 *
 * FPSCR is not saved: AAPCS makes its flags caller-saved and its control
 * bits (rounding, flush-to-zero) global state of the application, the same
 * for every task, as they would be for every thread of a bare-metal program.
 *
 * s0-s15 are caller-saved and dead at every call into the switch. The
 * hardware never stacks s16-s31 in an exception frame, so an interrupt
 * cannot disturb a half-saved block.
 */
#ifndef GORO_ARMV7M_CONTEXT_H
#define GORO_ARMV7M_CONTEXT_H

#ifdef __ARM_FP
#define CTX_FP_WORDS 16 /* s16-s31 */
#else
#define CTX_FP_WORDS 0
#endif
#define CTX_INT_WORDS 10 /* r4-r11, r12 (padding), lr */
#define CTX_WORDS     (CTX_FP_WORDS + CTX_INT_WORDS)

/* CONTROL.SPSEL: thread mode uses PSP (a task's stack) when set, MSP (g0's
 * stack, which interrupts also use) when clear. */
#define CONTROL_SPSEL 2

#ifdef __ASSEMBLER__
/* clang-format off */

/* Push the block above, ending with sp at its low end. */
.macro SAVE_CONTEXT
	push	{r4-r12, lr}
#ifdef __ARM_FP
	vpush	{s16-s31}
#endif
.endm

/* Pop the block at sp and resume where its lr says. */
.macro RESTORE_CONTEXT_AND_RETURN
#ifdef __ARM_FP
	vpop	{s16-s31}
#endif
	pop	{r4-r12, pc}
.endm

/*
 * Thread mode onto PSP (USE_PSP) or MSP (USE_MSP); \tmp is a scratch
 * register. The isb makes the next instruction see the new sp.
 *
 * Without an FPU, CONTROL holds only nPRIV (0: goro runs privileged) and
 * SPSEL, so a constant says it all: two instructions, as cheap as a switch
 * of stacks can be.
 *
 * With one, CONTROL also holds FPCA (bit 2), which is set by the first FP
 * instruction while FPCCR.ASPEN is 1 (the reset value) and tells the
 * hardware to push the 104-byte frame with s0-s15 and FPSCR (lazily, with
 * FPCCR.LSPEN) at the next exception. A constant would clear it. Here we
 * flip SPSEL alone, by read-modify-write, and leave FPCA as it was:
 *  - FPCA belongs to thread mode's FP context, and that context is the
 *    same before and after the switch: g0 and every task share the one
 *    register file, and this switch of stack pointers changes none of it.
 *  - With ASPEN = 1, clearing it would buy next to nothing. It would be
 *    safe, since s0-s15 are dead here, but the vpop that follows (or the
 *    task's next FP instruction) sets it again at once: only an interrupt
 *    in the few instructions between would be spared the FP frame's 72
 *    extra bytes.
 *  - With ASPEN = 0 (an application that manages FPCA itself, say to
 *    have every interrupt stack FP state), a constant would silently clear
 *    its setting, and a handler using the FPU could then corrupt the live
 *    s0-s15 of the thread it interrupted. The read-modify-write is right
 *    in both settings, for one mrs more per switch.
 * The cost of this is only that the guard zone must hold the 104-byte FP
 * frame, which it must anyway: task code that uses floats runs with FPCA
 * set.
 */
.macro USE_PSP tmp
#ifdef __ARM_FP
	mrs	\tmp, control
	orr	\tmp, \tmp, #CONTROL_SPSEL
#else
	movs	\tmp, #CONTROL_SPSEL
#endif
	msr	control, \tmp
	isb
.endm

.macro USE_MSP tmp
#ifdef __ARM_FP
	mrs	\tmp, control
	bic	\tmp, \tmp, #CONTROL_SPSEL
#else
	movs	\tmp, #0
#endif
	msr	control, \tmp
	isb
.endm

/* clang-format on */
#endif /* __ASSEMBLER__ */

#endif /* GORO_ARMV7M_CONTEXT_H */
