/*
 * The one CPU-exception reporter, shared by every bare-metal board: the
 * board's fault vector gathers what its architecture records (the cause,
 * the faulting pc, the address) and writes it here, line by line, into a
 * buffer on whatever stack the vector moved to. board_fault_end prints it
 * with a single raw console write, no stdio (the fault may have caught
 * stdio half-way through an update), and exits with status 3: not 1 (a
 * failed test check) nor 2 (a panic), so a test expecting either cannot
 * pass on a crash. A fault inside the report exits with 4.
 */
#ifndef GORO_BOARD_FAULT_H
#define GORO_BOARD_FAULT_H

#include <stdint.h>

#include "board.h" /* board_console_raw */

#define BOARD_EXIT_FAULT        3
#define BOARD_EXIT_FAULT_NESTED 4

struct board_fault {
	char s[256];
	unsigned n;
};

/* Start a report with "goro: <title>: <what>". A second fault while one is
 * reported exits at once with BOARD_EXIT_FAULT_NESTED. */
void board_fault_begin(struct board_fault *f, const char *title, const char *what);
void board_fault_str(struct board_fault *f, const char *s);
/* "0x..." with v's low `digits` hex digits (at most 16). */
void board_fault_hex(struct board_fault *f, uint64_t v, int digits);
/* "  name 0x...", the same way. */
void board_fault_reg(struct board_fault *f, const char *name, uint64_t v, int digits);
/* What fits of fmt's output, formatted by the runtime's formatter
 * (runtime/fmt.c: no stdio, no state, the conversions goro_panic knows). */
void board_fault_fmt(struct board_fault *f, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
_Noreturn void board_fault_end(struct board_fault *f);

#endif
