/*
 * Defaults for boards that have no timer support yet: weak, so a board's
 * own definitions win. Time stands still at 0, and anything that needs a
 * deadline or an idle CPU is a clear panic rather than a hang.
 */
#include "board.h"
#include "goro.h"

__attribute__((weak)) uint64_t
goro_board_now_us(void)
{
	return 0;
}

__attribute__((weak)) void
goro_board_timer_set(uint64_t deadline_us)
{
	if (deadline_us != UINT64_MAX)
		goro_panic("this board has no timer: sleeps, timers and timeouts need one");
}

__attribute__((weak)) void
goro_board_idle(void)
{
	goro_panic("nothing can run and this board cannot idle: it has no timer or "
	           "interrupt support");
}
