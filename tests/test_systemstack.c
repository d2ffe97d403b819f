/*
 * printf from a task on the smallest stack: the call runs on g0's stack
 * (the printf family is wrapped for task code), so the task's stack stays
 * small and does not grow. goro_systemstack itself: fn runs off the task's
 * stack, sees no task, and the task carries on afterwards.
 */
#include <string.h>

#include "grow.h"

static int fn_self = -1;
static uintptr_t fn_sp;

static void
on_g0(void *arg)
{
	volatile int here;

	*(int *)arg += 1;
	fn_self = goro_self();
	fn_sp = (uintptr_t)&here;
	goro_yield(); /* returns at once: no task here */
}

static void
printer(void *arg)
{
	struct goro_stack_info si;
	char buf[64];
	int calls = 0;

	(void)arg;
	printf("printer: %s %d %ld %08x %.3f\n", "formatted", 42, 123456789L, 0xbeefu, 3.25);
	snprintf(buf, sizeof buf, "%d-%s-%x", 7, "seven", 0x7u);
	CHECK(strcmp(buf, "7-seven-7") == 0);
	puts("printer: puts");
	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	CHECK_EQ(si.grows, 0);
	CHECK(si.high_water < si.size);

	goro_systemstack(on_g0, &calls);
	CHECK_EQ(calls, 1);
	CHECK_EQ(fn_self, 0);
	CHECK(fn_sp < si.lo || fn_sp >= si.hi); /* not on our stack */
	CHECK(goro_self() > 0);
}

int
main(void)
{
	int calls = 0;

	goro_systemstack(on_g0, &calls); /* outside a task: runs in place */
	CHECK_EQ(calls, 1);
	spawn_roomy(printer, NULL, "printer"); /* its own frame fits: printing needs no more */
	goro_run();
	CHECK_POOL_WHOLE();
	printf("ok systemstack\n");
	return 0;
}
