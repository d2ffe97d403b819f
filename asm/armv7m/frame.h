/*
 * A new task's first saved context on ARMv7-M; it must match the block
 * context.h describes and switch.S pops.
 */
#ifndef GORO_ARMV7M_FRAME_H
#define GORO_ARMV7M_FRAME_H
#include <stddef.h>

#include "context.h"
#include "port.h"

/* Words of the saved block, from the low address up (context.h). */
enum {
#ifdef __ARM_FP
	F_S16,
	F_S31 = F_S16 + 15,
#endif
	F_R4,
	F_R5,
	F_R6,
	F_R7,
	F_R8,
	F_R9,
	F_R10,
	F_R11,
	F_R12,
	F_PC,
	F_WORDS
};
_Static_assert(F_WORDS == CTX_WORDS, "frame.h and context.h disagree on the saved block");

/*
 * The saved block as a type, for debuggers (tools/gdb/goro.py reads it
 * from the debug info, so no offset is copied there): one field per
 * word from the low address up, each named as gdb names the register it
 * holds; pc is where the context resumes, and the task's sp once resumed
 * is the block's address plus its size. Fields named pad* hold nothing.
 */
struct goro_port_context {
#ifdef __ARM_FP
	uint32_t s16, s17, s18, s19, s20, s21, s22, s23;
	uint32_t s24, s25, s26, s27, s28, s29, s30, s31;
#endif
	uintptr_t r4, r5, r6, r7, r8, r9, r10, r11, pad_r12, pc;
};
_Static_assert(sizeof(struct goro_port_context) == F_WORDS * sizeof(uintptr_t), "one field a word");
_Static_assert(offsetof(struct goro_port_context, r4) == F_R4 * sizeof(uintptr_t), "r4's word");
_Static_assert(offsetof(struct goro_port_context, pc) == F_PC * sizeof(uintptr_t), "pc's word");

static inline uintptr_t
goro_port_init_frame(uintptr_t hi, void (*fn)(void *), void *arg)
{
	/* AAPCS: sp 8-byte aligned at a public interface, which the first
	 * call from goro_port_start is; the block is 40 or 104 bytes, a
	 * multiple of 8, and top = hi is 16-byte aligned (port.h). */
	uintptr_t top = hi;
	struct goro_port_context *f = (struct goro_port_context *)(top - sizeof *f);

	/* The callee-saved registers start at 0 (a clean frame for a
	 * debugger); the pad word (popped into r12, a scratch register) and,
	 * on FP builds, s16-s31 start as whatever the block held: AAPCS gives
	 * a new function's scratch and FP registers no values. Stored one by
	 * one: a zeroing loop would become a memset call, dearer than the
	 * stores (picolibc's is bytewise: 149 instructions for 40 bytes,
	 * measured). */
	f->r6 = f->r7 = f->r8 = f->r9 = f->r10 = f->r11 = 0;
	f->r4 = (uintptr_t)fn;
	f->r5 = (uintptr_t)arg;
	f->pc = (uintptr_t)goro_port_start; /* Thumb bit already set */
	return (uintptr_t)f;
}

#endif /* GORO_ARMV7M_FRAME_H */
