/*
 * virt-aarch64: QEMU's virt machine with a Cortex-A53, bare metal at EL1.
 * Startup and the console are picolibc's semihosting crt0; a panic exits
 * with status 2, which QEMU passes on as its own exit status. crt0 sets no
 * exception vectors, so this file installs vectors.S's table, which turns
 * any CPU exception but an IRQ (time.c serves those) into a report and
 * exit status 3 instead of a hang.
 */
#include <semihost.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "board.h"

__attribute__((weak)) _Noreturn void
goro_board_panic_exit(void)
{
	exit(2);
}

/* CPU exceptions (vectors.S) */

extern const char board_vectors[];
_Noreturn void board_exception(unsigned kind);

/* A CPU exception exits with this status: not 1 (a failed test check) and
 * not 2 (a panic), so a test that expects either cannot mistake a crash
 * for it. A fault inside the report itself exits with the next one. */
#define EXIT_EXCEPTION        3
#define EXIT_EXCEPTION_NESTED 4

/* Before main and before any other constructor (101 is the first priority
 * GCC leaves to programs): from here on a fault reports and exits. */
__attribute__((constructor(101))) static void
install_vectors(void)
{
	__asm__ volatile("msr vbar_el1, %0\n\tisb" : : "r"(board_vectors));
}

#define SYSREG(name)                                                                               \
	({                                                                                         \
		uint64_t v_;                                                                       \
		__asm__ volatile("mrs %0, " #name : "=r"(v_));                                     \
		v_;                                                                                \
	})

/* ESR_EL1.EC, bits 31:26: what kind of exception it was. */
#define ESR_EC(esr) (((esr) >> 26) & 0x3Fu)

static const char *
ec_name(unsigned ec)
{
	switch (ec) {
	case 0x00:
		return "undefined instruction, or another unknown reason";
	case 0x07:
		return "FP/SIMD access trapped";
	case 0x0E:
		return "illegal execution state";
	case 0x15:
		return "svc";
	case 0x18:
		return "system register access trapped";
	case 0x20:
	case 0x21:
		return "instruction abort";
	case 0x22:
		return "pc misaligned";
	case 0x24:
	case 0x25:
		return "data abort";
	case 0x26:
		return "sp misaligned";
	case 0x2C:
		return "floating-point exception";
	case 0x2F:
		return "SError";
	case 0x3C:
		return "brk";
	default:
		return "see the Arm ARM, ESR_EL1";
	}
}

/* FAR_EL1 holds the faulting address only for these classes: aborts,
 * a misaligned pc, watchpoints. Otherwise it is UNKNOWN. */
static int
far_valid(unsigned ec)
{
	return (ec >= 0x20 && ec <= 0x25) || ec == 0x34 || ec == 0x35;
}

/* The report is put together by hand into one buffer and written with a
 * single semihosting call: no stdio, which the fault may have caught
 * half-way through an update. */
static char report[256];
static unsigned report_len;

static void
put_str(const char *s)
{
	while (*s && report_len < sizeof report - 1)
		report[report_len++] = *s++;
}

/* v in hex, its low `digits` digits. */
static void
put_hex(uint64_t v, int digits)
{
	int shift;

	put_str("0x");
	for (shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
		char d[2] = {"0123456789abcdef"[(v >> shift) & 0xFu], 0};
		put_str(d);
	}
}

_Noreturn void
board_exception(unsigned kind)
{
	static const char *const type[] = {"synchronous", "IRQ", "FIQ", "SError"};
	static const char *const from[] = {"EL1 on SP_EL0", "EL1 on SP_EL1", "EL0 (AArch64)",
	                                   "EL0 (AArch32)"};
	static volatile int reporting;
	uint64_t esr = SYSREG(esr_el1), elr = SYSREG(elr_el1), far = SYSREG(far_el1);

	if (reporting)
		_exit(EXIT_EXCEPTION_NESTED);
	reporting = 1;
	put_str("goro: CPU exception: ");
	put_str(type[kind & 3]);
	put_str(" from ");
	put_str(from[(kind >> 2) & 3]);
	put_str(", class ");
	put_hex(ESR_EC(esr), 2);
	put_str(" (");
	put_str(ec_name(ESR_EC(esr)));
	put_str(")\n  ESR_EL1 ");
	put_hex(esr, 8); /* ESR_EL1's upper half is RES0 on ARMv8.0 */
	put_str("  ELR_EL1 ");
	put_hex(elr, 16);
	if (far_valid(ESR_EC(esr))) {
		put_str("  FAR_EL1 ");
		put_hex(far, 16);
	}
	put_str("\n");
	report[report_len] = 0;
	sys_semihost_write0(report);
	_exit(EXIT_EXCEPTION);
}

/* The benchmark counter */

/*
 * PMCCNTR_EL0, the PMU's cycle counter, 64 bits. QEMU counts it at 1 GHz
 * of virtual time, which under -icount shift=0 is one count per guest
 * instruction, exactly. At EL1 it needs only enabling: PMCR_EL0.E turns
 * the PMU's counters on and PMCNTENSET_EL0 bit 31 the cycle counter;
 * PMCCFILTR_EL0 = 0 counts at EL0 and EL1 (its reset value is UNKNOWN).
 * PMUSERENR_EL0 matters only for EL0 access.
 */
#define PMCR_E        (1u << 0)  /* enable the counters */
#define PMCR_LC       (1u << 6)  /* overflow at 64 bits, not 32 */
#define PMCNTEN_CYCLE (1u << 31) /* PMCNTENSET_EL0: the cycle counter */

uint64_t
goro_board_count(void)
{
	static int started;

	if (!started) {
		__asm__ volatile("msr pmccfiltr_el0, xzr\n\t"
		                 "msr pmcntenset_el0, %0\n\t"
		                 "msr pmcr_el0, %1\n\t"
		                 "isb"
		                 :
		                 : "r"((uint64_t)PMCNTEN_CYCLE), "r"((uint64_t)(PMCR_E | PMCR_LC)));
		started = 1;
	}
	return SYSREG(pmccntr_el0);
}

const char *
goro_board_count_unit(void)
{
	return "instructions";
}
