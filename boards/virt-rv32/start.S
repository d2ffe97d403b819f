/*
 * The program's entry on QEMU's virt (virt-rv32), in place of picolibc's
 * crt0: every hart starts here, and only hart 0 may run the C start.
 *
 * QEMU's reset code (its mask ROM, with -bios none) sends every hart of
 * -smp N to the start of DRAM, 0x80000000, with a0 = mhartid; the
 * linker puts this file's .text.init.enter there (picolibc.ld: first in
 * flash). picolibc's crt0 would run on all of them at once: four copies
 * of .data, .bss cleared under hart 0's feet, one g0 stack for all. And
 * its _start sits where this one must, first in .text.init.enter, which
 * no link order can change. So the board links with -nostartfiles
 * (meson.build) and this is its crt0:
 *
 *   hart 0 does what picolibc's crt0 does, in the same order: gp and sp
 *     (g0's stack, __stack), .data from flash, .bss zeroed, the thread
 *     pointer at the initial TLS block (_set_tls, __tls_base), the
 *     constructors (__libc_init_array, which runs board_init through
 *     runtime/hooks.c), then main(0, NULL), which -Wl,--wrap=main sends
 *     through boards/family/common/start.c to exit;
 *   every other hart parks, touching no memory: machine software
 *     interrupts alone enabled in mie, mstatus.MIE clear, WFI until its
 *     MSIP bit is pending. Then, if board_cpu_start has filled in its
 *     mailbox (board_hart_boot[hart], boards/family/sifive/harts.c), it
 *     takes the sp from it, sets gp, and goes on in C
 *     (sifive_hart_start); a software interrupt before that (a wake for
 *     a hart not yet started) is cleared, and it parks again. A hart
 *     beyond BOARD_CPUS parks for good.
 */
#include "harts.h"

	.section .text.init.enter, "ax", @progbits
	.globl	_start
	.type	_start, @function
_start:
	csrr	t0, mhartid
	bnez	t0, park

	.option	push
	.option	norelax		/* gp is not set yet: no gp-relative la */
	la	gp, __global_pointer$
	.option	pop
	la	sp, __stack
	la	a0, __data_start
	la	a1, __data_source
	la	a2, __data_size
	call	memcpy
	la	a0, __bss_start
	li	a1, 0
	la	a2, __bss_size
	call	memset
	la	a0, __tls_base
	call	_set_tls
	call	__libc_init_array
	li	a0, 0
	li	a1, 0
	call	main
1:	j	1b			/* main does not return: exit ends it */

	/* Until it sets gp, a parked hart's code must not be relaxed into
	 * gp-relative addressing. */
	.option	push
	.option	norelax
park:
	li	t1, BOARD_CPUS
	bgeu	t0, t1, never
	li	t1, MIE_MSIE
	csrw	mie, t1			/* only MSIP wakes the wfi */
wait:
	wfi
	csrr	t1, mip
	andi	t1, t1, MIE_MSIE	/* mip.MSIP: the same bit */
	beqz	t1, wait
	la	t2, board_hart_boot
	slli	t3, t0, HART_BOOT_SHIFT
	add	t2, t2, t3
	lw	t4, HART_BOOT_ENTRY(t2)
	beqz	t4, not_yet
	lw	sp, HART_BOOT_SP(t2)
	la	gp, __global_pointer$
	mv	a0, t0
	tail	sifive_hart_start	/* (int hart), harts.c: never returns */
not_yet:				/* a wake before the start: clear it */
	li	t3, CLINT_MSIP_BASE
	slli	t4, t0, 2
	add	t3, t3, t4
	sw	zero, 0(t3)
	j	wait
never:
	csrw	mie, zero
1:	wfi
	j	1b
	.option	pop
	.size	_start, .-_start

	.section .note.GNU-stack,"",%progbits
