/* A task that writes below its stack breaks the canary; the next switch
 * must panic and name it. (The write is done by hand here so the test does
 * not corrupt the pool; a real overrun hits the same word first.) */
#include "check.h"
#include "goro.h"

static void
victim(void *arg)
{
	struct goro_stack_info si;

	(void)arg;
	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	*(volatile uintptr_t *)si.lo = 0; /* the canary word */
	goro_yield();
	printf("FAIL: ran on after a broken canary\n");
	exit(1);
}

static void
bystander(void *arg)
{
	(void)arg;
	goro_yield();
}

int
main(void)
{
	struct goro_opts o = {.name = "victim"};

	CHECK(goro_go(bystander, NULL) > 0);
	CHECK(goro_go_opts(victim, NULL, &o) > 0);
	goro_run();
	printf("FAIL: goro_run returned\n");
	return 1;
}
