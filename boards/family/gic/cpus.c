/*
 * The CPUs beyond CPU 0 on QEMU's virt (virt-aarch64 under -smp 4): which
 * CPU is running, starting one, and the wakeup between CPUs
 * (runtime/board.h, "Multi-core boards").
 *
 * Which CPU: MPIDR_EL1's Aff0. virt numbers its CPUs 0-7 in Aff0 (Aff1
 * counts groups of eight; this board has four).
 *
 * Starting a CPU: PSCI CPU_ON (function 0xC4000003, SMC64 calling
 * convention) with the target's MPIDR, the entry's address and a context
 * that the target finds in x0. QEMU's virt implements PSCI itself when no
 * firmware runs, and its conduit is HVC when the machine has no EL2
 * (virtualization=off, the default; SMC with it, none with secure=on and
 * firmware): the program runs at EL1 and calls HVC #0, which QEMU takes
 * as the PSCI call. The target starts at EL1 with the MMU off and DAIF
 * masked at board_cpu_entry (vectors.S), with x0 = its number: sp from
 * its mailbox (board_cpu_boot), FP/SIMD on, its IRQ stack in SP_EL0, the
 * vectors, then gic_cpu_start below.
 *
 * The wakeup: SGI 0, sent through GICD_SGIR to the target's CPU
 * interface. It stays pending until the target acknowledges it
 * (time.c's board_irq), so a wake sent before the target sleeps is not
 * lost: WFI returns at once on a pending IRQ, even with PSTATE.I set,
 * and every CPU idles on WFI (asm/aarch64/sp.h).
 *
 * TLS: picolibc keeps its thread-local storage (errno, among others) at
 * TPIDR_EL0, CPU 0's set by crt0. Each other CPU gets a block of its own
 * here before anything on it touches a __thread variable. The runtime's
 * per-CPU pointer is TPIDR_EL1 (asm/aarch64/sp.h), which nothing else at
 * EL1 uses; the entry sets it.
 */
#include <stdint.h> /* before picotls.h: picolibc.h, which says PICOLIBC_TLS */

#include <picotls.h>

#include "board.h"
#include "goro.h"

#ifndef BOARD_CPUS
#define BOARD_CPUS 1
#endif

#define PSCI_CPU_ON_64  0xC4000003u
#define PSCI_SUCCESS    0
#define PSCI_ALREADY_ON (-4)

/* Each CPU's mailbox: what board_cpu_entry (vectors.S) reads, 16 bytes
 * each, the sp first. */
struct cpu_boot {
	uintptr_t sp;
	void (*entry)(int cpu);
};
volatile struct cpu_boot board_cpu_boot[BOARD_CPUS];
_Static_assert(sizeof(struct cpu_boot) == 16, "vectors.S indexes by 16");
_Static_assert(__builtin_offsetof(struct cpu_boot, sp) == 0, "vectors.S: sp at +0");

/* The other CPUs' TLS blocks: picolibc's TLS is a few words (__tls_size,
 * checked at the start); 64 bytes each is ample. */
#define CPU_TLS 64
static _Alignas(16) uint8_t cpu_tls[BOARD_CPUS > 1 ? BOARD_CPUS - 1 : 1][CPU_TLS];

void board_cpu_entry(void);         /* vectors.S */
void gic_cpu_interface_start(void); /* time.c */
void gic_send_wake(int cpu);        /* time.c */

int
board_cpu_id(void)
{
	uint64_t mpidr;

	__asm__("mrs %0, mpidr_el1" : "=r"(mpidr));
	return (int)(mpidr & 0xFFu);
}

/* PSCI CPU_ON through HVC (SMCCC: x0 the function and the result, x1-x3
 * the arguments; x4-x17 may be clobbered). */
static int64_t
psci_cpu_on(uint64_t mpidr, uintptr_t entry, uint64_t context)
{
	register uint64_t x0 __asm__("x0") = PSCI_CPU_ON_64;
	register uint64_t x1 __asm__("x1") = mpidr;
	register uint64_t x2 __asm__("x2") = entry;
	register uint64_t x3 __asm__("x3") = context;

	__asm__ volatile("hvc #0"
	                 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
	                 :
	                 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
	                   "x15", "x16", "x17", "memory");
	return (int64_t)x0;
}

/*
 * From board_cpu_entry (vectors.S), on the mailbox's sp, DAIF masked: TLS,
 * the GIC's banked registers and this CPU's interface, IRQs on, entry.
 */
_Noreturn void gic_cpu_start(int cpu);

_Noreturn void
gic_cpu_start(int cpu)
{
	void (*entry)(int) = board_cpu_boot[cpu].entry;

	_init_tls(cpu_tls[cpu - 1]);
	_set_tls(cpu_tls[cpu - 1]);
	gic_cpu_interface_start();
	__asm__ volatile("msr daifclr, #2" ::: "memory"); /* PSTATE.I = 0 */
	entry(cpu);
	goro_panic("CPU %d's entry returned", cpu);
}

void
board_cpu_start(int cpu, uintptr_t sp, void (*entry)(int cpu))
{
	int64_t r;

	if (cpu < 1 || cpu >= BOARD_CPUS)
		goro_panic("board_cpu_start: no CPU %d to start (CPUs 1-%d)", cpu, BOARD_CPUS - 1);
	if (_tls_size() > CPU_TLS)
		goro_panic("board_cpu_start: TLS needs %u bytes per CPU, cpus.c has %u",
		           (unsigned)_tls_size(), CPU_TLS);
	board_cpu_boot[cpu].sp = sp;
	board_cpu_boot[cpu].entry = entry;
	__asm__ volatile("dsb ish" ::: "memory"); /* the mailbox before the start */
	r = psci_cpu_on((uint64_t)cpu, (uintptr_t)board_cpu_entry, (uint64_t)cpu);
	if (r == PSCI_ALREADY_ON)
		goro_panic("board_cpu_start: CPU %d was started already", cpu);
	if (r != PSCI_SUCCESS)
		goro_panic("board_cpu_start: PSCI CPU_ON for CPU %d failed (%d)", cpu, (int)r);
}

void
board_cpu_wake(int cpu)
{
	gic_send_wake(cpu);
}
