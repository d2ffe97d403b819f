/* setjmp in an outer frame, longjmp from deep inside after the stack has
 * moved. The jmp_buf lives on the stack (it holds sp: in a global it would
 * be a pointer into the stack from outside, which the contract forbids).
 * Works where jmp_buf holds sp and fp in the clear (picolibc); the host's
 * glibc mangles them, so the host does not build this test
 * (docs/stacks.md). */
#include <setjmp.h>
#include <string.h>

#include "grow.h"

__attribute__((noinline)) static int
dive(int n, jmp_buf *env)
{
	volatile char pad[100];

	memset((char *)pad, n, sizeof pad);
	if (n <= 0)
		longjmp(*env, 42);
	if (n > 1000000) /* never: keeps the compiler from calling it endless */
		return 0;
	return dive(n - 1, env) + pad[3];
}

static int levels; /* 60 where the pool has room, fewer on small boards */

static void
jumper(void *arg)
{
	volatile int local = 7;
	jmp_buf env;
	int r;

	(void)arg;
	r = setjmp(env);
	if (r == 0) {
		dive(levels, &env);
		CHECK(0); /* not reached */
	}
	CHECK_EQ(r, 42);
	CHECK_EQ(local, 7);
	check_grew(1);
}

int
main(void)
{
	struct goro_pool_info pi;

	goro_pool_info(&pi);
	for (levels = 60; levels > 6 && (size_t)levels * 128 * 4 > pi.total / 2;)
		levels /= 2;
	spawn_small(jumper, NULL, "jumper", 0);
	goro_run();
	CHECK_POOL_WHOLE();
	printf("ok grow_jmp\n");
	return 0;
}
