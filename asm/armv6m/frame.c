/*
 * A new task's first saved context on ARMv6-M; it must match context.inc.
 */
#include "port.h"

/* Words in context.inc's saved block, from the low address up: r8-r11,
 * the pad word, r4-r7, then lr (popped into pc). */
enum { F_R8, F_R9, F_R10, F_R11, F_PAD, F_R4, F_R5, F_R6, F_R7, F_PC, F_WORDS };

_Static_assert(F_WORDS * sizeof(uintptr_t) == 40, "context.inc saves 40 bytes");

uintptr_t
goro_port_init_frame(uintptr_t hi, void (*fn)(void *), void *arg)
{
	/* AAPCS: sp 8-byte aligned at a public interface, which the first
	 * call from goro_port_start is; the block is 40 bytes, so top must be
	 * aligned too. */
	uintptr_t top = hi & ~(uintptr_t)7;
	uintptr_t *f = (uintptr_t *)(top - F_WORDS * sizeof(uintptr_t));

	/* The other registers start at 0, stored one by one: a zeroing loop
	 * would become a memset call, dearer than the stores (picolibc's is
	 * bytewise: 149 instructions for 40 bytes, measured). */
	f[F_R8] = f[F_R9] = f[F_R10] = f[F_R11] = f[F_PAD] = f[F_R6] = f[F_R7] = 0;
	f[F_R4] = (uintptr_t)fn;
	f[F_R5] = (uintptr_t)arg;
	/* A Thumb function's address has bit 0 set; pop {pc} on ARMv6-M
	 * faults without it. */
	f[F_PC] = (uintptr_t)goro_port_start;
	return (uintptr_t)f;
}
