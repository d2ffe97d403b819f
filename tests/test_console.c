/*
 * Nothing printed is lost: a line from a constructor, before main and
 * before the scheduler exists; one from main; one from a task (through the
 * printf family's g0 wraps); and a line ending without a newline just
 * before exit. tests/meson.build checks the output for every line.
 */
#include <stdio.h>

#include "goro.h"

__attribute__((constructor)) static void
before_main(void)
{
	printf("console: before main\n");
}

static void
talker(void *arg)
{
	(void)arg;
	printf("console: in task %d, %s\n", goro_self(), "formatted");
	fputs("console: fputs in a task\n", stdout);
}

int
main(void)
{
	puts("console: in main");
	goro_go(talker, NULL);
	goro_run();
	fputs("console: no newline at the end", stdout);
	return 0;
}
