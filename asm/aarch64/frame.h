/*
 * A new task's first saved context on AArch64; it must match switch.S,
 * whose block context.h lays out (the offsets below are context.h's).
 */
#ifndef GORO_AARCH64_FRAME_H
#define GORO_AARCH64_FRAME_H
#include <stddef.h>

#include "context.h"
#include "port.h"

/* Word indices into the saved block. */
#define W(off) ((off) / (int)sizeof(uintptr_t))
enum {
	F_X19 = W(CTX_X19),
	F_X20 = W(CTX_X19) + 1,
	F_X29 = W(CTX_X29),
	F_X30 = W(CTX_X29) + 1,
	F_FPCR = W(CTX_FPCR),
	F_FPSR = W(CTX_FPCR) + 1,
	F_WORDS = W(CTX_BYTES),
};

_Static_assert(CTX_BYTES % 16 == 0, "the saved block must keep sp 16-byte aligned");
_Static_assert(F_FPSR == F_WORDS - 1, "FPSR is the block's last word");

/*
 * The saved block as a type, for debuggers (tools/gdb/goro.py reads it
 * from the debug info, so no offset is copied there): one field per
 * word from the low address up, each named as gdb names the register it
 * holds; pc is where the context resumes, and the task's sp once resumed
 * is the block's address plus its size. Fields named pad* hold nothing.
 */
struct goro_port_context {
	uintptr_t x19, x20, x21, x22, x23, x24, x25, x26, x27, x28;
	uintptr_t x29, pc; /* pc: x30, which the switch returns through */
	uint64_t d8, d9, d10, d11, d12, d13, d14, d15;
	uintptr_t fpcr, fpsr;
};
_Static_assert(sizeof(struct goro_port_context) == CTX_BYTES, "the whole block");
_Static_assert(offsetof(struct goro_port_context, x29) == CTX_X29, "x29's word");
_Static_assert(offsetof(struct goro_port_context, d8) == CTX_D8, "d8's word");
_Static_assert(offsetof(struct goro_port_context, fpcr) == CTX_FPCR, "FPCR's word");

/* FPCR 0: round to nearest, no traps, no flush-to-zero, IEEE NaNs; the
 * AAPCS64 default and what Linux starts a process with. FPSR 0: no
 * exception flags raised yet. */
#define FPCR_DEFAULT 0u
#define FPSR_DEFAULT 0u

static inline uintptr_t
goro_port_init_frame(uintptr_t hi, void (*fn)(void *), void *arg)
{
	/* After the switch pops the block, sp = top = hi: 16-byte aligned
	 * (port.h), as AArch64 requires of sp at every use. */
	uintptr_t top = hi;
	struct goro_port_context *f = (struct goro_port_context *)(top - sizeof *f);

	/* One store a word, the other registers 0 (a clean frame for a
	 * debugger): a compound literal of this size compiles to stores of
	 * the zero register, where a zeroing loop would become a memset call
	 * and a volatile one a loop of its own. */
	*f = (struct goro_port_context){
	        .x19 = (uintptr_t)fn,
	        .x20 = (uintptr_t)arg,
	        .x29 = 0,                         /* the end of the frame-pointer chain */
	        .pc = (uintptr_t)goro_port_start, /* x30 */
	        .fpcr = FPCR_DEFAULT,
	        .fpsr = FPSR_DEFAULT,
	};
	return (uintptr_t)f;
}

#endif /* GORO_AARCH64_FRAME_H */
