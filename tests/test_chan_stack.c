/*
 * A task parked in a channel receive, with its wait record and the value's
 * destination on its own stack, while that stack is shrunk: the pool runs
 * dry, spawning asks idle tasks for their unused halves, and the parked
 * task gives back the low half of its grown block (in place: a parked
 * task's stack never moves). The value must still land where it should.
 */
#include <string.h>

#include "grow.h"

static struct goro_chan c;
static volatile int parked_ready, hogs;

__attribute__((noinline)) static int
deep(int n)
{
	volatile char pad[100];

	memset((char *)pad, n, sizeof pad);
	return n == 0 ? 0 : deep(n - 1) + pad[1];
}

static void
parked(void *arg)
{
	struct goro_stack_info before, after;
	struct goro_pool_info pi;
	int v = 0;

	(void)arg;
	goro_pool_info(&pi);
	/* About four times the smallest stack (deep's frames are up to 128
	 * bytes on 32-bit boards): grow, then come back up, so most of the
	 * stack is unused, and its high half holds the parked frames with a
	 * guard zone to spare (stack_shrink_g0) even where the smallest block
	 * is 256 B. */
	deep((int)(pi.min_block * 4 / 128));
	check_grew(1);
	CHECK_EQ(goro_stack_info(goro_self(), &before), GORO_OK);
	parked_ready = 1;
	CHECK_EQ(goro_chan_recv(&c, &v), 0); /* parks here */
	CHECK_EQ(v, 1234);
	CHECK_EQ(goro_stack_info(goro_self(), &after), GORO_OK);
	CHECK(after.shrinks > before.shrinks);
	CHECK(after.size < before.size);
	CHECK_EQ(after.hi, before.hi); /* shrunk in place: the top stays */
}

static void
hog(void *arg)
{
	(void)arg;
	hogs++;
	goro_yield();
}

static void
driver(void *arg)
{
	struct goro_pool_info pi;
	/* Every task on CPU 0 (GORO_PIN_CPU): the pool must stay dry while the
	 * driver fills it, as on one CPU, where no hog exits meanwhile. */
	struct goro_opts o = {.name = "hog", .flags = GORO_PIN_CPU, .cpu = 0};
	int v = 1234;

	(void)arg;
	while (!parked_ready)
		goro_yield();
	/* Take the pool in sixteenths until none is left: the failing spawn
	 * asks idle tasks, the parked one among them, to give back what
	 * they do not use. */
	goro_pool_info(&pi);
	o.stack_size = pi.total / 16;
	while (goro_go_opts(hog, NULL, &o) > 0)
		;
	goro_chan_send(&c, &v);
}

int
main(void)
{
	struct goro_opts big = {.name = "driver", .flags = GORO_PIN_CPU, .cpu = 0};
	struct goro_opts small = {
	        .name = "parked", .stack_size = 1, .flags = GORO_PIN_CPU, .cpu = 0};

	goro_chan_init(&c, NULL, sizeof(int), 0);
	CHECK(goro_go_opts(parked, NULL, &small) > 0);
	goro_go_opts(driver, NULL, &big);
	goro_run();
	CHECK(hogs > 0);
	CHECK_POOL_WHOLE();
	printf("ok chan_stack (%d hogs)\n", hogs);
	return 0;
}
