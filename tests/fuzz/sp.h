/*
 * The port's sp.h, for the fuzz targets: pool.c needs none of it, but
 * rt.h's inline helpers name these. Nothing here is called.
 */
#ifndef GORO_PORT_SP_H
#define GORO_PORT_SP_H

#include <stdint.h>

static inline uintptr_t
port_sp(void)
{
	return (uintptr_t)__builtin_frame_address(0);
}

unsigned long port_irq_save(void);
void port_irq_restore(unsigned long state);

static inline int
port_in_isr(void)
{
	return 0;
}

#endif
