/*
 * A new task's first saved context on ARMv7-M; it must match switch.S.
 */
#include "port.h"

/* Words in switch.S's saved block: r4-r12, then lr (popped into pc). */
enum { F_R4, F_R5, F_R6, F_R7, F_R8, F_R9, F_R10, F_R11, F_R12, F_PC, F_WORDS };

uintptr_t
goro_port_init_frame(uintptr_t hi, void (*fn)(void *), void *arg)
{
	/* AAPCS: sp 8-byte aligned at a public interface, which the first
	 * call from goro_port_start is; the block is 40 bytes, so top must be
	 * aligned too. */
	uintptr_t top = hi & ~(uintptr_t)7;
	uintptr_t *f = (uintptr_t *)(top - F_WORDS * sizeof(uintptr_t));
	int i;

	for (i = 0; i < F_WORDS; i++)
		f[i] = 0;
	f[F_R4] = (uintptr_t)fn;
	f[F_R5] = (uintptr_t)arg;
	f[F_PC] = (uintptr_t)goro_port_start; /* Thumb bit already set */
	return (uintptr_t)f;
}
