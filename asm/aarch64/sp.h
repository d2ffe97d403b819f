/* The stack pointer, for the stack check's fast path (AArch64). One sp,
 * SP_EL1, serves tasks, g0 and exceptions alike. */
#ifndef GORO_PORT_SP_H
#define GORO_PORT_SP_H

#include <stdint.h>

static inline __attribute__((always_inline)) uintptr_t
port_sp(void)
{
	uintptr_t sp;

	__asm__ volatile("mov %0, sp" : "=r"(sp));
	return sp;
}

#endif
