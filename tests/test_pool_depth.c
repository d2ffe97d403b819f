/* goro_pool_info from a task, with the pool in the shape that makes it
 * search hardest (the largest order's list empty, a block in the quick
 * cache): the runtime is built without the stack check, so the call runs
 * unchecked on the task's stack and must stay well inside the guard zone
 * whatever the pool's size. It once walked the pool's halves by recursion,
 * a frame per order: on virt-rv32's 1 MiB pool of 512 B blocks, 12 frames
 * of 16 B at -O2 (32 B at -Os) under goro_pool_info's 48, measured here
 * as 220 B at -O2, past what the 304 B zone leaves beside an interrupt's
 * 80 B. */
#include "check.h"
#include "goro.h"
#include "rt.h" /* goro_debug: are stacks painted?; sched_reclaim */

/* A frame for each step down, so that the probe runs below everything the
 * task used before it and the high-water mark shows the probe's own use. */
#define STEP 48

static size_t before_hwm, used_at_probe, probe_hwm;
static int child_ran;

static void
child(void *arg)
{
	(void)arg;
	child_ran = 1;
}

/* The calls' depth below this frame: the high water after them, less the
 * bytes in use here (goro_stack_info reads sp, so its own depth counts
 * too, as one more unchecked call). */
__attribute__((noinline)) static void
probe(void)
{
	struct goro_pool_info pi;
	struct goro_stack_info si;

	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	used_at_probe = si.used;
	goro_pool_info(&pi);
	CHECK(pi.free > 0 && pi.free < pi.total);
	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	probe_hwm = si.high_water;
}

__attribute__((noinline)) static int
descend(void)
{
	volatile char pad[STEP];
	struct goro_stack_info si;

	pad[0] = 1;
	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	if (si.used <= before_hwm)
		return descend() + pad[0];
	probe();
	return pad[0];
}

static void
prober(void *arg)
{
	struct goro_stack_info si;

	(void)arg;
	/* A task exits and g0 gives its smallest block back: to the pool's
	 * quick cache, where the pool has one. */
	CHECK(goro_go(child, NULL) > 0);
	goro_yield();
	CHECK_EQ(child_ran, 1);
	sched_reclaim();
	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	before_hwm = si.high_water;
	CHECK(descend() >= 1); /* one for each level: no tail call */
}

int
main(void)
{
	/* A fixed stack with room for the descent and the old recursion's
	 * depth beside the guard zone: the probe must not move it. */
	struct goro_opts o = {
	        .name = "prober", .stack_size = GORO_STACK_GUARD + 2048, .flags = GORO_FIXED_STACK};

	CHECK(goro_go_opts(prober, NULL, &o) > 0);
	goro_run();
	CHECK(used_at_probe > before_hwm);
	if (goro_debug.paint) { /* checks=2 or paint_stacks: an exact high water */
		size_t depth = probe_hwm - used_at_probe;

		printf("goro_pool_info: %lu B below the probe's sp (guard zone %d B)\n",
		       (unsigned long)depth, GORO_STACK_GUARD);
		/* The zone also holds an interrupt's frame and the canary, and is
		 * sized for goro_select's park (docs/stacks.md): a query that
		 * takes more than half of it is too deep. */
		CHECK(depth <= GORO_STACK_GUARD / 2);
	}
	CHECK_POOL_WHOLE();
	printf("ok pool_depth\n");
	return 0;
}
