/*
 * mps2-an385 under QEMU or on the MPS2 board. Startup, the vector table and
 * the console are picolibc's semihosting crt0; a panic exits with status 2,
 * which QEMU passes on as its own exit status.
 */
#include <stdlib.h>

#include "board.h"

__attribute__((weak)) _Noreturn void
goro_board_panic_exit(void)
{
	exit(2);
}
