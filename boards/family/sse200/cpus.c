/*
 * The SSE-200's second core (mps2-an521): which CPU is running, starting
 * CPU 1, and the wakeup between the two (runtime/board.h, "Multi-core
 * boards").
 *
 * Which CPU: each core sees its own CPU_IDENTITY block at 0x5001F000
 * (0x4001F000 non-secure), whose first register, CPUID, reads 0 on CPU 0
 * and 1 on CPU 1. One load from the core's private peripheral region.
 *
 * Starting CPU 1: it comes out of reset held, powered down, by CPUWAIT bit
 * 1 in the system control registers (0x50021000 + 0x118). Clearing the
 * bit releases it, and it resets as a core does: it loads sp and pc from
 * the vector table INITSVTOR1 (+0x114) names. That is CPU 1's own table
 * (vectors.c, sse200_cpu1_vectors), whose reset entry,
 * sse200_cpu1_reset below, takes the sp and the entry from cpu1_boot,
 * which board_cpu_start filled in before it released the core. picolibc's
 * crt0 runs once, on CPU 0.
 *
 * The wakeup: MHU0, the SSE-200's message-handling unit, which has four
 * interrupt bits per CPU: CPUnINTR_SET sets them, CPUnINTR_CLR clears
 * them, and CPU n's NVIC sees interrupt 6 (MHU0_IRQHandler, each core its
 * own line) while any of its bits is set. board_cpu_wake sets the
 * target's bit, and the target's handler clears it: the line stays up
 * until then, so a wake sent before the target sleeps is not lost (WFI
 * returns at once on a pending, enabled interrupt, even with PRIMASK
 * set). Both cores idle on WFI, the port's idle (asm/armv7m/sp.h). SEV
 * and WFE would do without an interrupt, but QEMU implements WFE as a
 * yield, not a sleep, so an idle core would spin there.
 */
#include <stdint.h>

#include "board.h"
#include "cmsdk_map.h"
#include "goro.h"

#define CPU_IDENTITY_CPUID (*(volatile uint32_t *)0x5001F000u)
#define SYSCTL_INITSVTOR1  (*(volatile uint32_t *)0x50021114u)
#define SYSCTL_CPUWAIT     (*(volatile uint32_t *)0x50021118u)

struct sse200_mhu {
	volatile uint32_t cpu0_stat, cpu0_set, cpu0_clr, pad0;
	volatile uint32_t cpu1_stat, cpu1_set, cpu1_clr;
};
#define MHU0        ((struct sse200_mhu *)0x50003000u)
#define MHU_BITS    0xFu /* the four interrupt bits each CPU has */
#define IRQ_MHU0    6
#define SSE200_CPUS 2

#define NVIC_ISER0 (*(volatile uint32_t *)0xE000E100u) /* banked: each core's own */

int
board_cpu_id(void)
{
	return (int)CPU_IDENTITY_CPUID;
}

/* What CPU 1's reset entry reads: written by CPU 0 before the release. */
struct cpu1_boot {
	uintptr_t sp;
	void (*entry)(int cpu);
};
volatile struct cpu1_boot cpu1_boot;
_Static_assert(__builtin_offsetof(struct cpu1_boot, sp) == 0, "sse200_cpu1_reset: sp at +0");
_Static_assert(__builtin_offsetof(struct cpu1_boot, entry) == 4, "sse200_cpu1_reset: entry at +4");

extern const char sse200_cpu1_vectors[]; /* vectors.c: only its address here */

/* Either core, at its start: its bits clear, and its wakeup interrupt on
 * (NVIC_ISER is banked per core). */
static void
mhu_start(int cpu)
{
	if (cpu == 0)
		MHU0->cpu0_clr = MHU_BITS;
	else
		MHU0->cpu1_clr = MHU_BITS;
	NVIC_ISER0 = 1u << IRQ_MHU0;
}

/* CPU 0's, from board_init (boards/family/cmsdk/board.c). */
void
cmsdk_chip_start(void)
{
	mhu_start(0);
}

/*
 * CPU 1's first C, on the stack board_cpu_start gave it, in thread mode,
 * privileged, on MSP (as g0 runs on every Cortex-M core), with VTOR at its
 * own table and PRIMASK clear, as reset leaves them.
 */
_Noreturn void sse200_cpu1_start(void);

_Noreturn void
sse200_cpu1_start(void)
{
	void (*entry)(int) = cpu1_boot.entry;

	mhu_start(1);
	__asm__ volatile("cpsie i" ::: "memory");
	entry(1);
	goro_panic("CPU 1's entry returned");
}

/*
 * CPU 1's reset entry (vectors.c). Naked: the sp the core loaded from the
 * table's first word is CPU 0's g0 stack, so nothing may be pushed before
 * the sp board_cpu_start gave is in place.
 */
__attribute__((naked)) void
sse200_cpu1_reset(void)
{
	__asm__ volatile("ldr	r0, =cpu1_boot\n\t"
	                 "ldr	r1, [r0]\n\t" /* cpu1_boot.sp */
	                 "msr	msp, r1\n\t"
	                 "isb\n\t"
	                 "b	sse200_cpu1_start\n\t"
	                 ".ltorg");
}

void
board_cpu_start(int cpu, uintptr_t sp, void (*entry)(int cpu))
{
	if (cpu != 1)
		goro_panic("board_cpu_start: no CPU %d on this board (it has 0-%d)", cpu,
		           SSE200_CPUS - 1);
	if (!(SYSCTL_CPUWAIT & (1u << cpu)))
		goro_panic("board_cpu_start: CPU %d was started already", cpu);
	cpu1_boot.sp = sp;
	cpu1_boot.entry = entry;
	SYSCTL_INITSVTOR1 = (uint32_t)(uintptr_t)sse200_cpu1_vectors;
	/* The mailbox and INITSVTOR1 before the release. */
	__asm__ volatile("dsb" ::: "memory");
	SYSCTL_CPUWAIT &= ~(1u << cpu);
}

void
board_cpu_wake(int cpu)
{
	/* What the caller wrote for the target, before the target can wake
	 * and read it. */
	__asm__ volatile("dsb" ::: "memory");
	if (cpu == 0)
		MHU0->cpu0_set = 1;
	else
		MHU0->cpu1_set = 1;
}

/* On either core: the wake is taken, and goro_board_idle has returned. */
void
MHU0_IRQHandler(void)
{
	if (board_cpu_id() == 0)
		MHU0->cpu0_clr = MHU_BITS;
	else
		MHU0->cpu1_clr = MHU_BITS;
	__asm__ volatile("dsb" ::: "memory"); /* the line is low before the return */
}
