/* The stack pointer, for the stack check's fast path (ARMv6-M). In thread
 * mode on a task this is PSP; in a handler or on g0, MSP. */
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
