/* Firmware built by CMake against an installed goro (CMakeLists.txt). It
 * checks that goro::goro brought what task code needs: stacks grow (the
 * stack check is compiled in), printf runs through the runtime's wrapper
 * (the --wrap flags), and the program runs at all (the board's memory map
 * and startup code); and it uses the task list and a zero-size channel. */
#include <stdio.h>
#include <string.h>

#include "goro.h"

int __wrap_printf(const char *fmt, ...);

static struct goro_chan done;
static int depth, depth_sum;

/* Recursion of some 80 bytes a level, deeper than the first stack. */
__attribute__((noinline)) static int
down(int n)
{
	volatile char pad[64];

	memset((char *)pad, n, sizeof pad);
	return n == 0 ? 0 : down(n - 1) + pad[63];
}

static void
worker(void *arg)
{
	struct goro_stack_info si;

	(void)arg;
	depth_sum = down(depth);
	if (goro_stack_info(goro_self(), &si) != GORO_OK || si.grows == 0) {
		printf("firmware: FAIL: the stack did not grow (no stack check?)\n");
		return;
	}
	printf("firmware: worker grew its stack %u times, to %lu bytes\n", si.grows,
	       (unsigned long)si.size);
	goro_chan_send(&done, NULL);
}

static void
watcher(void *arg)
{
	struct goro_task_info t[4];
	int n;

	(void)arg;
	n = goro_task_list(t, 4);
	printf("firmware: %d tasks live\n", n);
	goro_task_dump();
	if (goro_chan_recv(&done, NULL) == 0 && n == 2 && depth_sum == depth * (depth + 1) / 2)
		printf("firmware: ok (goro %s)\n", GORO_VERSION_STRING);
}

int
main(void)
{
	/* With --wrap=printf, this object's printf is the runtime's wrapper. */
	if ((void *)printf != (void *)__wrap_printf) {
		puts("firmware: FAIL: printf is not wrapped");
		return 1;
	}
	struct goro_pool_info pi;

	goro_pool_info(&pi);
	depth = (int)(pi.min_block / 64) + 1;
	goro_chan_init(&done, NULL, 0, 0);
	if (goro_go(worker, NULL) <= 0 || goro_go(watcher, NULL) <= 0)
		return 1;
	goro_run();
	return 0;
}
