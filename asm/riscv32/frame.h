/*
 * A new task's first saved context on RV32; it must match switch.S, and
 * does by construction: both take the layout from context.h.
 */
#ifndef GORO_RISCV32_FRAME_H
#define GORO_RISCV32_FRAME_H
#include <stddef.h>

#include "context.h"
#include "port.h"

/* context.h's byte offsets, as word indices into the block. */
#define W(off) ((off) / (int)sizeof(uintptr_t))
enum {
	F_RA = W(CTX_RA),
	F_S0 = W(CTX_S0),     /* fn: goro_port_start passes it on in a0 */
	F_S1 = W(CTX_S0) + 1, /* arg: passed on in a1 */
	F_WORDS = W(CTX_BYTES),
};

_Static_assert(sizeof(uintptr_t) == 4, "asm/riscv32 is the ILP32 port");
_Static_assert(CTX_BYTES % 16 == 0, "the psABI keeps sp 16-byte aligned");
_Static_assert(CTX_S0 + 12 * sizeof(uintptr_t) <= CTX_BYTES, "ra and s0-s11 fit in the block");

/*
 * The saved block as a type, for debuggers (tools/gdb/goro.py reads it
 * from the debug info, so no offset is copied there): one field per
 * word from the low address up, each named as gdb names the register it
 * holds; pc is where the context resumes, and the task's sp once resumed
 * is the block's address plus its size. Fields named pad* hold nothing.
 */
struct goro_port_context {
	uintptr_t pc; /* ra, which the switch returns through */
	uintptr_t fp, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11; /* fp is s0 */
	uintptr_t pad[3];
};
_Static_assert(sizeof(struct goro_port_context) == CTX_BYTES, "the whole block");
_Static_assert(offsetof(struct goro_port_context, pc) == CTX_RA, "ra's word");
_Static_assert(offsetof(struct goro_port_context, fp) == CTX_S0, "s0's word");

static inline uintptr_t
goro_port_init_frame(uintptr_t hi, void (*fn)(void *), void *arg)
{
	/* After the switch pops the block, sp = top = hi: 16-byte aligned
	 * (port.h), which is what goro_port_start's call needs. */
	uintptr_t top = hi;
	struct goro_port_context *f = (struct goro_port_context *)(top - sizeof *f);

	/* One store a word, the other registers 0 (a clean frame for a
	 * debugger), field by field: a zeroing loop, or a compound literal
	 * of this size, becomes a call to memset, and a volatile loop a loop
	 * of its own (picolibc's memset is bytewise: 149 instructions for 40
	 * bytes on Cortex-M3, measured). */
	f->pc = (uintptr_t)goro_port_start; /* ra */
	f->fp = (uintptr_t)fn;              /* s0 */
	f->s1 = (uintptr_t)arg;
	f->s2 = f->s3 = f->s4 = f->s5 = f->s6 = f->s7 = 0;
	f->s8 = f->s9 = f->s10 = f->s11 = 0;
	f->pad[0] = f->pad[1] = f->pad[2] = 0;
	return (uintptr_t)f;
}

#endif /* GORO_RISCV32_FRAME_H */
