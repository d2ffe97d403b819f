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

#endif /* GORO_BOARD_H */
