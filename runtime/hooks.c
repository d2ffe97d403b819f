/*
 * The board's hooks: weak defaults an application replaces by defining a
 * function of the same name (goro_board.h), and the start that runs them
 * before main.
 *
 * This object is always linked: goro_dep's link arguments name
 * goro_board_start as undefined (-u), so the archive member that defines
 * it is pulled in even when the program overrides every hook in it.
 */
#include <stdlib.h>

#include "board.h"
#include "goro.h"
#include "goro_board.h"
#include "rt.h"

__attribute__((weak)) void
goro_board_early_init(void)
{
}

#if GORO_BOARD_TIME
/* A board without interrupts would sleep for ever here: board_default.c
 * has its stand-in, a panic. */
__attribute__((weak)) void
goro_board_idle(void)
{
	port_idle();
}
#endif

/* By convention, exit status 2: where a host is listening (QEMU, the host
 * board, a debugger), a panic is told apart from a failed check (1). */
__attribute__((weak)) _Noreturn void
goro_board_panic_exit(void)
{
	exit(2);
}

/* Before main and before any constructor of the program's (101 is the
 * first priority GCC leaves to programs, and the runtime has no other). */
__attribute__((constructor(101))) void
goro_board_start(void)
{
#if GORO_NCPU > 1 && defined(PORT_CPU_PTR)
	port_set_cpu_ptr(&goro_cpus[0]); /* main's CPU, before anything asks */
#endif
	board_init();
	goro_board_early_init();
#if !GORO_HOSTED
	board_console_start();
#endif
}
