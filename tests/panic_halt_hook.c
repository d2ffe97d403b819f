/*
 * console=uart: an application's goro_board_halt replaces the default end
 * of exit(n). A panic prints its message, exits with 2, and lands here:
 *   HALT=1: say so, then end as the default does, but with status 9;
 *   HALT=2 (boards with goro_board_reset): say so and reset, which QEMU
 *           under -no-reboot ends with status 0.
 */
#include "check.h"
#include "goro.h"
#include "goro_board.h"

_Noreturn void
goro_board_halt(int status)
{
	printf("halt hook: status %d\n", status);
#if HALT == 2
	goro_board_reset();
#else
	printf("goro: exit 9\n");
	goro_board_wait_forever();
#endif
}

static void
doomed(void *arg)
{
	(void)arg;
	goro_panic("pressure %d over", 12);
}

int
main(void)
{
	struct goro_opts o = {.name = "boiler"};

	goro_go_opts(doomed, NULL, &o);
	goro_run();
	return 1;
}
