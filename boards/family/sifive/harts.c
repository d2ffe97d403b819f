/*
 * The harts beyond hart 0 on the RISC-V boards (virt-rv32 under -smp 4;
 * hifive1 has one): which CPU is running, starting a hart, and the wakeup
 * between harts (runtime/board.h, "Multi-core boards").
 *
 * Which CPU: mhartid, hart n is CPU n.
 *
 * Starting a hart: every hart enters at the reset vector, and the board's
 * entry (virt-rv32's start.S) parks all but hart 0 before any C runs,
 * waiting for its machine software interrupt (MSIP) with nothing else
 * enabled. board_cpu_start fills in the hart's mailbox (board_hart_boot)
 * and raises its MSIP; the hart takes its sp from the mailbox and comes
 * to sifive_hart_start below.
 *
 * The wakeup: the CLINT's MSIP, one register per hart. board_cpu_wake
 * writes 1 to the target's; the target's trap handler (trap.S, then
 * clint.c's board_software_interrupt) writes 0. The bit stays pending until
 * then, so a wake sent before the target sleeps is not lost: WFI returns
 * at once while an interrupt enabled in mie is pending, even with
 * mstatus.MIE clear, and every hart idles on WFI (asm/riscv32/sp.h).
 *
 * The thread pointer: picolibc keeps its thread-local storage (errno,
 * among others) at tp, and hart 0's block is the one crt0 sets
 * (__tls_base). Each other hart gets a block of its own here, before any
 * C that could touch errno runs on it, so every __thread variable,
 * asm/riscv32's per-CPU pointer included (PORT_CPU_PTR), is per hart.
 */
#include <stdint.h> /* before picotls.h: picolibc.h, which says PICOLIBC_TLS */

#include <picotls.h>

#include "board.h"
#include "goro.h"
#include "harts.h"
#include "sp.h"

#define CLINT_MSIP(hart) (((volatile uint32_t *)CLINT_MSIP_BASE)[hart])
_Static_assert(sizeof(struct hart_boot) == 1u << HART_BOOT_SHIFT, "start.S indexes by shift");
_Static_assert(__builtin_offsetof(struct hart_boot, sp) == HART_BOOT_SP, "start.S: sp");
_Static_assert(__builtin_offsetof(struct hart_boot, entry) == HART_BOOT_ENTRY, "start.S: entry");

volatile struct hart_boot board_hart_boot[BOARD_CPUS];

/* The other harts' TLS blocks: picolibc's TLS is a few words (errno and
 * the like; __tls_size, checked at the start), 64 bytes each is ample. */
#define HART_TLS 64
static _Alignas(16) uint8_t hart_tls[BOARD_CPUS > 1 ? BOARD_CPUS - 1 : 1][HART_TLS];

int
board_cpu_id(void)
{
	uint32_t hart;

	__asm__ volatile("csrr %0, mhartid" : "=r"(hart));
	return (int)hart;
}

void board_trap(void); /* trap.S */

/*
 * From start.S, on the mailbox's sp, with gp set, mstatus.MIE clear and
 * only MSIE enabled in mie. The TLS block first: nothing before it may
 * touch a __thread variable.
 */
_Noreturn void sifive_hart_start(int hart);

_Noreturn void
sifive_hart_start(int hart)
{
	void (*entry)(int) = board_hart_boot[hart].entry;

	_init_tls(hart_tls[hart - 1]);
	_set_tls(hart_tls[hart - 1]);
	CLINT_MSIP(hart) = 0; /* the start's interrupt, spent */
	__asm__ volatile("csrw mtvec, %0" ::"r"(board_trap));
	__asm__ volatile("csrs mstatus, %0" ::"r"(PORT_MSTATUS_MIE) : "memory");
	entry(hart);
	goro_panic("hart %d's entry returned", hart);
}

void
board_cpu_start(int cpu, uintptr_t sp, void (*entry)(int cpu))
{
	if (cpu < 1 || cpu >= BOARD_CPUS)
		goro_panic("board_cpu_start: no hart %d to start (harts 1-%d)", cpu,
		           BOARD_CPUS - 1);
	if (_tls_size() > HART_TLS)
		goro_panic("board_cpu_start: TLS needs %u bytes per hart, harts.c has %u",
		           (unsigned)_tls_size(), HART_TLS);
	if (board_hart_boot[cpu].entry)
		goro_panic("board_cpu_start: hart %d was started already", cpu);
	board_hart_boot[cpu].sp = sp;
	board_hart_boot[cpu].entry = entry;
	board_cpu_wake(cpu);
}

void
board_cpu_wake(int cpu)
{
	/* What the caller wrote for the target, before its MSIP. */
	__asm__ volatile("fence rw, rw" ::: "memory");
	CLINT_MSIP(cpu) = 1;
}
