/*
 * AArch64 at EL1 (virt-aarch64): the board's start, CPU exceptions and the
 * benchmark counter. picolibc's crt0 sets no exception vectors, so
 * board_init installs vectors.S's table, which turns any CPU exception but
 * an IRQ (time.c serves those) into a report (boards/family/common/fault.c)
 * and exit status 3 instead of a hang.
 */
#include <stdint.h>

#include "board.h"
#include "fault.h"

/* CPU exceptions (vectors.S) */

extern const char board_vectors[];
_Noreturn void board_exception(unsigned kind);
void gic_start(void); /* time.c */

/* Before main (runtime/hooks.c): first the vectors, so that from here on a
 * fault reports and exits; then the timer and the GIC, and IRQs on. */
void
board_init(void)
{
	__asm__ volatile("msr vbar_el1, %0\n\tisb" : : "r"(board_vectors));
	gic_start();
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

_Noreturn void
board_exception(unsigned kind)
{
	static const char *const type[] = {"synchronous", "IRQ", "FIQ", "SError"};
	static const char *const from[] = {"EL1 on SP_EL0", "EL1 on SP_EL1", "EL0 (AArch64)",
	                                   "EL0 (AArch32)"};
	uint64_t esr = SYSREG(esr_el1), elr = SYSREG(elr_el1), far = SYSREG(far_el1);
	struct board_fault f;

	board_fault_begin(&f, "CPU exception", type[kind & 3]);
	board_fault_str(&f, " from ");
	board_fault_str(&f, from[(kind >> 2) & 3]);
	board_fault_str(&f, ", class ");
	board_fault_hex(&f, ESR_EC(esr), 2);
	board_fault_str(&f, " (");
	board_fault_str(&f, ec_name(ESR_EC(esr)));
	board_fault_str(&f, ")\n");
	board_fault_reg(&f, "ESR_EL1", esr, 8); /* ESR_EL1's upper half is RES0 on ARMv8.0 */
	board_fault_reg(&f, "ELR_EL1", elr, 16);
	if (far_valid(ESR_EC(esr)))
		board_fault_reg(&f, "FAR_EL1", far, 16);
	board_fault_end(&f);
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
