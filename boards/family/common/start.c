/*
 * The end of main on the bare-metal boards. picolibc's plain crt0 runs the
 * constructors (goro_board_start among them) and calls main, but ignores
 * what main returns; goro_dep links every program with -Wl,--wrap=main,
 * so crt0 calls this instead, and main's return value becomes exit's
 * status, as in a hosted C program: semihosting's exit to the host, or
 * console_uart.c's board action. (boards/family/cortex-m/crt0.c, the
 * Cortex-M start with console=uart, calls __real_main itself.)
 */
#include <stdlib.h>

int __real_main(int argc, char **argv);
int __wrap_main(int argc, char **argv);

int
__wrap_main(int argc, char **argv)
{
	exit(__real_main(argc, argv));
}
