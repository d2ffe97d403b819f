/*
 * A new task's first saved context on ARMv7-M; it must match the block
 * context.h describes and switch.S pops.
 */
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
_Static_assert(F_WORDS == CTX_WORDS, "frame.c and context.h disagree on the saved block");

uintptr_t
goro_port_init_frame(uintptr_t hi, void (*fn)(void *), void *arg)
{
	/* AAPCS: sp 8-byte aligned at a public interface, which the first
	 * call from goro_port_start is; the block is 40 or 104 bytes, a
	 * multiple of 8, so top must be aligned too. */
	uintptr_t top = hi & ~(uintptr_t)7;
	uintptr_t *f = (uintptr_t *)(top - F_WORDS * sizeof(uintptr_t));

	/* The integer registers start at 0 (a clean frame for a debugger);
	 * s16-s31, on FP builds, start as whatever the block held: AAPCS
	 * gives a new function's FP registers no values. Stored one by one:
	 * a zeroing loop would become a memset call, dearer than the stores
	 * (picolibc's is bytewise: 149 instructions for 40 bytes, measured). */
	f[F_R6] = f[F_R7] = f[F_R8] = f[F_R9] = f[F_R10] = f[F_R11] = f[F_R12] = 0;
	f[F_R4] = (uintptr_t)fn;
	f[F_R5] = (uintptr_t)arg;
	f[F_PC] = (uintptr_t)goro_port_start; /* Thumb bit already set */
	return (uintptr_t)f;
}
