/*
 * The RISC-V boards (virt-rv32, hifive1): an rv32imac hart in M-mode, no
 * firmware, under QEMU (-M virt, -M sifive_e) or on the HiFive1: the
 * benchmark counter. The start, time and the trap vector are clint.c's,
 * plic.c's and trap.S's.
 */
#include <stdint.h>

#include "board.h"

/*
 * The benchmark counter: instret, the instructions retired since reset, 64
 * bits read as two halves. Under -icount shift=0 QEMU retires exactly one
 * guest instruction per count, so a difference of two readings is the
 * exact instruction count between them. It runs from reset, so the first
 * call has nothing to start. The high half is read before and after the
 * low one: if it changed, the low half wrapped in between and the pair is
 * read again.
 */
uint64_t
goro_board_count(void)
{
	uint32_t hi, lo, again;

	do {
		__asm__ volatile("rdinstreth %0" : "=r"(hi));
		__asm__ volatile("rdinstret %0" : "=r"(lo));
		__asm__ volatile("rdinstreth %0" : "=r"(again));
	} while (hi != again);
	return (uint64_t)hi << 32 | lo;
}

const char *
goro_board_count_unit(void)
{
	return "instructions";
}
