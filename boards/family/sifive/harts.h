/*
 * The harts of the RISC-V boards beyond hart 0 (harts.c; virt-rv32's
 * start.S parks them): what the assembly and the C share.
 */
#ifndef GORO_SIFIVE_HARTS_H
#define GORO_SIFIVE_HARTS_H

/* How many harts the board has (board_caps 'cpus', passed by the board's
 * meson.build): hart IDs 0 .. BOARD_CPUS-1. */
#ifndef BOARD_CPUS
#define BOARD_CPUS 1
#endif

/* Each hart's interrupt stack, where trap.S runs the C interrupt handlers:
 * 1 << BOARD_ISR_STACK_LOG2 bytes, 512, for the board's own handlers
 * (under 64 B) and an application's attached ones (goro_board_irq_attach),
 * which may call goro_sema_post_isr. A panic raised in a handler runs on
 * it too, to the program's end: scripts/guard-check holds that chain to
 * the stack ("interrupt stack"). trap.S defines them, one after the other
 * from hart 0's up, with the guard under hart 0's (irq_slots.h) right
 * below. */
#define BOARD_ISR_STACK_LOG2 9

/* mie.MSIE and mip.MSIP, bit 3: the machine software interrupt. */
#define MIE_MSIE 8
/* The CLINT's MSIP registers, one word per hart: writing 1 raises that
 * hart's machine software interrupt, 0 lowers it. */
#define CLINT_MSIP_BASE 0x2000000

/* struct hart_boot (harts.c), one per hart, 8 bytes: the sp and the entry
 * board_cpu_start gives, entry 0 until then. */
#define HART_BOOT_SP    0
#define HART_BOOT_ENTRY 4
#define HART_BOOT_SHIFT 3

#ifndef __ASSEMBLER__
#include <stdint.h>

struct hart_boot {
	uintptr_t sp;
	void (*entry)(int cpu);
};
extern volatile struct hart_boot board_hart_boot[BOARD_CPUS];
extern unsigned char board_isr_stacks[BOARD_CPUS][1u << BOARD_ISR_STACK_LOG2];
#endif

#endif
