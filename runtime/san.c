/*
 * Host-only part of the AddressSanitizer hooks (see san.h): where g0's stack
 * is, so ASan can be told when execution goes back to it.
 */
#define _GNU_SOURCE
#include <pthread.h>

#include "san.h"

void
san_g0_bounds(struct cpu *c)
{
	pthread_attr_t attr;
	void *lo;
	size_t size;

	if (c->g0_stack_lo != NULL)
		return;
	if (pthread_getattr_np(pthread_self(), &attr) != 0)
		goro_panic("pthread_getattr_np failed: cannot find g0's stack");
	pthread_attr_getstack(&attr, &lo, &size);
	pthread_attr_destroy(&attr);
	c->g0_stack_lo = lo;
	c->g0_stack_size = size;
}
