/*
 * The UART console (meson option console=uart): picolibc's stdin, stdout
 * and stderr on the board's first UART (board_uart_putc, the family's
 * driver), and the end of the program as a board action: no semihosting
 * call anywhere, so the program runs with no debugger attached.
 *
 * Output is polled, one character at a time, with nothing buffered: what
 * was printed is on the wire when the call returns, before the scheduler
 * starts (the UART is up before main, runtime/hooks.c), inside tasks (the
 * printf family runs on g0, runtime/libc_wrap.c), in a panic and in a
 * fault report. "\n" goes out as "\r\n", as terminals want.
 *
 * exit(n) (and so a panic's exit(2), a fault's 3) ends in _exit below:
 * goro_board_halt(n), weak, whose default prints "goro: exit N" and halts
 * with interrupts off. An application replaces it to reset instead
 * (goro_board_reset, where the board has one) or to blink an error.
 */
#include <stdio.h>
#include <unistd.h>

#include "board.h"
#include "fault.h"
#include "goro.h"
#include "goro_board.h"
#include "rt.h"
#include "sp.h"

static int started;
static char last = '\n'; /* the last character out */

/* Also from the first character out: a fault or a panic may come before
 * goro_board_start has called this. */
void
board_console_start(void)
{
	if (!started) {
		started = 1;
		board_uart_init();
	}
}

static void
console_putc(char c)
{
	board_console_start();
	if (c == '\n')
		board_uart_putc('\r');
	board_uart_putc(c);
	last = c;
}

void
board_console_raw(const char *s)
{
	while (*s)
		console_putc(*s++);
}

static int
uart_put(char c, FILE *f)
{
	(void)f;
	console_putc(c);
	return (unsigned char)c;
}

/* No input: a read ends at once. */
static int
uart_get(FILE *f)
{
	(void)f;
	return EOF;
}

static FILE console = FDEV_SETUP_STREAM(uart_put, uart_get, NULL, _FDEV_SETUP_RW);
FILE *const stdin = &console;
FILE *const stdout = &console;
FILE *const stderr = &console;

/* Halt: interrupts off, the core asleep. WFI may still wake for a pending
 * interrupt, so it loops. */
_Noreturn void
goro_board_wait_forever(void)
{
	(void)port_irq_save();
	for (;;)
		port_idle();
}

/* The default end: say how the program ended, then halt. scripts/uart-run
 * reads the line under QEMU and ends QEMU with that status. The runtime's
 * formatter writes the number: it divides by shifts (Cortex-M0 has no
 * divide instruction), and a panic links it anyway. */
__attribute__((weak)) _Noreturn void
goro_board_halt(int status)
{
	char line[32]; /* "goro: exit -2147483648\n" fits */

	if (last != '\n')
		console_putc('\n');
	rt_snfmt(line, sizeof line, "goro: exit %d\n", status);
	board_console_raw(line);
	goro_board_wait_forever();
}

/* The status travels in the argument itself, not through a pointer to
 * _exit's copy: then _exit keeps nothing in memory, and its frame is that
 * much smaller on the interrupt stack, where a handler's panic ends in
 * place (scripts/guard-check, "interrupt stack"). */
static void
halt_g0(void *status)
{
	goro_board_halt((int)(intptr_t)status);
}

/* On g0's stack: a task may call exit, and neither the formatting nor an
 * application's own goro_board_halt is stack checked. */
void
_exit(int status)
{
	goro_systemstack(halt_g0, (void *)(intptr_t)status);
	for (;;) /* goro_board_halt does not return */
		;
}
