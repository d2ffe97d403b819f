/*
 * A new task's first saved context on ARMv6-M; it must match context.inc.
 */
#ifndef GORO_ARMV6M_FRAME_H
#define GORO_ARMV6M_FRAME_H
#include <stddef.h>

#include "port.h"

/* Words in context.inc's saved block, from the low address up: r8-r11,
 * the pad word, r4-r7, then lr (popped into pc). */
enum { F_R8, F_R9, F_R10, F_R11, F_PAD, F_R4, F_R5, F_R6, F_R7, F_PC, F_WORDS };

_Static_assert(F_WORDS * sizeof(uintptr_t) == 40, "context.inc saves 40 bytes");

/*
 * The saved block as a type, for debuggers (tools/gdb/goro.py reads it
 * from the debug info, so no offset is copied there): one field per
 * word from the low address up, each named as gdb names the register it
 * holds; pc is where the context resumes, and the task's sp once resumed
 * is the block's address plus its size. Fields named pad* hold nothing.
 */
struct goro_port_context {
	uintptr_t r8, r9, r10, r11, pad, r4, r5, r6, r7, pc;
};
_Static_assert(sizeof(struct goro_port_context) == F_WORDS * sizeof(uintptr_t), "one field a word");
_Static_assert(offsetof(struct goro_port_context, r4) == F_R4 * sizeof(uintptr_t), "r4's word");
_Static_assert(offsetof(struct goro_port_context, pc) == F_PC * sizeof(uintptr_t), "pc's word");

static inline uintptr_t
goro_port_init_frame(uintptr_t hi, void (*fn)(void *), void *arg)
{
	/* AAPCS: sp 8-byte aligned at a public interface, which the first
	 * call from goro_port_start is; the block is 40 bytes, and top = hi
	 * is 16-byte aligned (port.h). */
	uintptr_t top = hi;
	struct goro_port_context *f = (struct goro_port_context *)(top - sizeof *f);

	/* The other registers start at 0, stored one by one: a zeroing loop
	 * would become a memset call, dearer than the stores (picolibc's is
	 * bytewise: 149 instructions for 40 bytes, measured). The pad word
	 * holds nothing and is left as the block held it. */
	f->r8 = f->r9 = f->r10 = f->r11 = f->r6 = f->r7 = 0;
	f->r4 = (uintptr_t)fn;
	f->r5 = (uintptr_t)arg;
	/* A Thumb function's address has bit 0 set; pop {pc} on ARMv6-M
	 * faults without it. */
	f->pc = (uintptr_t)goro_port_start;
	return (uintptr_t)f;
}

#endif /* GORO_ARMV6M_FRAME_H */
