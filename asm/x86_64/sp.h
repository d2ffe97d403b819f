/* The stack pointer, for the stack check's fast path (x86-64). */
#ifndef GORO_PORT_SP_H
#define GORO_PORT_SP_H

#include <stdint.h>

static inline __attribute__((always_inline)) uintptr_t
port_sp(void)
{
	uintptr_t sp;

	__asm__ volatile("movq %%rsp, %0" : "=r"(sp));
	return sp;
}

#endif
