/*
 * The board contract: what every boards/<board>/ folder supplies to the
 * runtime, besides its cross file and memory map.
 */
#ifndef GORO_BOARD_H
#define GORO_BOARD_H

/*
 * Where a panic ends, after the message is out. Runs on g0's stack. Boards
 * define it weak, so an application can replace it (reset the chip, blink
 * an LED, wait for a debugger). Must not return. By convention, boards that
 * can report to a host end with exit status 2.
 */
_Noreturn void goro_board_panic_exit(void);

/*
 * A free-running counter for benchmarks, not for keeping time: guest
 * instructions on an emulated board run under QEMU with -icount shift=0,
 * nanoseconds on the host. goro_board_count_unit() names the unit. The
 * first call starts it.
 */
#include <stdint.h>
uint64_t goro_board_count(void);
const char *goro_board_count_unit(void);

#endif /* GORO_BOARD_H */
