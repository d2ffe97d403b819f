/*
 * A new task's first saved context on x86-64; it must match switch.S.
 */
#ifndef GORO_X86_64_FRAME_H
#define GORO_X86_64_FRAME_H
#include <stddef.h>

#include "port.h"

/* Words in switch.S's saved block: FP control, six registers, return. */
enum { F_FPCTL, F_R15, F_R14, F_R13, F_R12, F_RBX, F_RBP, F_RET, F_WORDS };

/*
 * The saved block as a type, for debuggers (tools/gdb/goro.py reads it
 * from the debug info, so no offset is copied there): one field per
 * word from the low address up, each named as gdb names the register it
 * holds; pc is where the context resumes, and the task's sp once resumed
 * is the block's address plus its size. Fields named pad* hold nothing.
 */
struct goro_port_context {
	uint32_t mxcsr;
	uint16_t fctrl; /* the x87 control word */
	uint16_t pad;
	uintptr_t r15, r14, r13, r12, rbx, rbp;
	uintptr_t pc; /* the return address the switch returns through */
};
_Static_assert(sizeof(struct goro_port_context) == F_WORDS * sizeof(uintptr_t), "one field a word");
_Static_assert(offsetof(struct goro_port_context, r15) == F_R15 * sizeof(uintptr_t), "r15's word");
_Static_assert(offsetof(struct goro_port_context, pc) == F_RET * sizeof(uintptr_t), "the return");

/* MXCSR: all exceptions masked, round to nearest. x87: the same, 64-bit
 * precision. These are the values a process starts with. */
#define MXCSR_DEFAULT 0x1F80u
#define X87CW_DEFAULT 0x037Fu

static inline uintptr_t
goro_port_init_frame(uintptr_t hi, void (*fn)(void *), void *arg)
{
	/* After the switch pops F_WORDS words, rsp = top: 16-byte
	 * aligned (hi is: port.h), which is what goro_port_start's call
	 * needs. */
	uintptr_t top = hi - 16;
	struct goro_port_context *f = (struct goro_port_context *)(top - sizeof *f);
	int i;

	/* Word by word: a plain loop here becomes a call to memset, which
	 * costs more than the stores (picolibc's is bytewise: 149 instructions
	 * for these 40 bytes on Cortex-M3, measured). */
	for (i = 0; i < F_WORDS; i++)
		((volatile uintptr_t *)f)[i] = 0;
	f->mxcsr = MXCSR_DEFAULT;
	f->fctrl = X87CW_DEFAULT;
	f->r12 = (uintptr_t)fn;
	f->r13 = (uintptr_t)arg;
	f->pc = (uintptr_t)goro_port_start;
	return (uintptr_t)f;
}

#endif /* GORO_X86_64_FRAME_H */
