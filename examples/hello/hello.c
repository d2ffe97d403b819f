/*
 * hello: three tasks take turns printing, each yielding after every line.
 * The interleaving (a1 b1 c1 a2 b2 c2 ...) is the scheduler's FIFO order.
 */
#include <stdio.h>

#include "goro.h"

static void
greeter(void *arg)
{
	const char *who = arg;
	int i;

	for (i = 1; i <= 3; i++) {
		printf("hello %d from %s (goroutine %d)\n", i, who, goro_self());
		goro_yield();
	}
}

int
main(void)
{
	static const char *names[] = {"alpha", "beta", "gamma"};
	int i;

	for (i = 0; i < 3; i++) {
		struct goro_opts o = {.name = names[i]};
		if (goro_go_opts(greeter, (void *)names[i], &o) < 0) {
			printf("spawn failed\n");
			return 1;
		}
	}
	goro_run();
	printf("all tasks done\n");
	return 0;
}
