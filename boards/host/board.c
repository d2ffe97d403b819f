/*
 * The host board: Linux user space. The console is stdio; a panic exits
 * with status 2, as on the emulated boards.
 */
#include <stdlib.h>

#include "board.h"

__attribute__((weak)) _Noreturn void
goro_board_panic_exit(void)
{
	exit(2);
}
