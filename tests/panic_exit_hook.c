/*
 * An application's goro_board_panic_exit replaces the board's: a panic
 * prints its message, then ends here, with this program's own exit status
 * (7) instead of the default 2.
 */
#include <stdlib.h>

#include "check.h"
#include "goro.h"

_Noreturn void
goro_board_panic_exit(void)
{
	printf("custom panic exit\n");
	exit(7);
}

static void
doomed(void *arg)
{
	(void)arg;
	goro_panic("valve %d stuck", 3);
}

int
main(void)
{
	struct goro_opts o = {.name = "valve"};

	goro_go_opts(doomed, NULL, &o);
	goro_run();
	return 1;
}
