/*
 * Cortex-M: the defaults behind the vector table's weak names
 * (vectors.h), and the NVIC calls of the board interface (goro_board.h).
 */
#include <inttypes.h>
#include <stdint.h>

#include "fault.h"
#include "goro.h"
#include "goro_board.h"
#include "vectors.h"

#define NVIC_ISER ((volatile uint32_t *)0xE000E100u)
#define NVIC_ICER ((volatile uint32_t *)0xE000E180u)
#define NVIC_ISPR ((volatile uint32_t *)0xE000E200u)

static unsigned
ipsr(void)
{
	unsigned long v;

	__asm__ volatile("mrs %0, ipsr" : "=r"(v));
	return (unsigned)v & 0x1FFu;
}

/* An interrupt with no handler: enabled and pended, but its CMSIS name
 * was never defined (or an exception below 16 whose handler is not the
 * runtime's). Through the panic path, which names the task it
 * interrupted. */
__attribute__((weak)) void
Default_Handler(void)
{
	unsigned n = ipsr();

	goro_panic("unexpected %s %u: no handler for it (the board's README.md names its CMSIS "
	           "handler)",
	           n >= 16 ? "interrupt" : "exception", n >= 16 ? n - 16 : n);
}

/*
 * The CPU-exception report: which exception, the pc and lr the core
 * stacked, which stack they were on, and on ARMv7-M the fault status
 * registers (CFSR, HFSR) and, where CFSR says they hold one, the faulting
 * addresses (MMFAR, BFAR). `arm-none-eabi-addr2line -e <program> <pc>`
 * names the line.
 */
void
cortexm_fault(uint32_t *frame, uint32_t exc_return)
{
	/* Exceptions 2-6 (ARMv6-M has only the first two), then any other, each
	 * name ended by its NUL: a string to step through is smaller than a
	 * table of pointers. */
#if __ARM_ARCH_6M__
	static const char names[] = "NMI\0HardFault\0exception";
	const unsigned known = 2;
#else
	static const char names[] = "NMI\0HardFault\0MemManage\0BusFault\0UsageFault\0exception";
	const unsigned known = 5;
#endif
	const char *what = names;
	unsigned n = ipsr() - 2;
	struct board_fault f;

	for (n = n < known ? n : known; n > 0; n--)
		while (*what++)
			; /* past this name and its NUL */
	board_fault_begin(&f, "CPU exception", what);
#if __ARM_ARCH_6M__
	board_fault_fmt(&f, " on %s\n  pc %p  lr %p  sp %p",
	                exc_return & 4 ? "a task's stack (PSP)" : "MSP", (void *)frame[6],
	                (void *)frame[5], (void *)frame);
#else
	{
		uint32_t cfsr = *(volatile uint32_t *)0xE000ED28u;

		board_fault_fmt(
		        &f, " on %s\n  pc %p  lr %p  sp %p\n  CFSR 0x%" PRIx32 "  HFSR 0x%" PRIx32,
		        exc_return & 4 ? "a task's stack (PSP)" : "MSP", (void *)frame[6],
		        (void *)frame[5], (void *)frame, cfsr, *(volatile uint32_t *)0xE000ED2Cu);
		if (cfsr & (1u << 7)) /* MMARVALID */
			board_fault_fmt(&f, "  MMFAR %p", *(void *volatile *)0xE000ED34u);
		if (cfsr & (1u << 15)) /* BFARVALID */
			board_fault_fmt(&f, "  BFAR %p", *(void *volatile *)0xE000ED38u);
#if defined(__ARM_ARCH_8M_MAIN__)
		if (cfsr & (1u << 20)) /* UFSR.STKOF: past PSPLIM (runtime/port.h) */
			board_fault_fmt(&f, "  STKOF: below the task's stack");
#endif
	}
#endif
	board_fault_end(&f);
}

/* The family's vectors.c: how many interrupts its table has. */
extern const unsigned board_irq_count;

static void
irq_check(const char *what, unsigned irq)
{
	if (irq >= board_irq_count)
		goro_panic("%s: no interrupt %u on this board (it has 0-%u)", what, irq,
		           board_irq_count - 1);
}

void
goro_board_irq_enable(unsigned irq)
{
	irq_check("goro_board_irq_enable", irq);
	NVIC_ISER[irq / 32] = 1u << (irq % 32);
}

void
goro_board_irq_disable(unsigned irq)
{
	irq_check("goro_board_irq_disable", irq);
	NVIC_ICER[irq / 32] = 1u << (irq % 32);
	__asm__ volatile("dsb\n\tisb" ::: "memory"); /* none after this returns */
}

int
goro_board_irq_pend(unsigned irq)
{
	irq_check("goro_board_irq_pend", irq);
	NVIC_ISPR[irq / 32] = 1u << (irq % 32);
	return 0;
}

#define SCB_AIRCR         (*(volatile uint32_t *)0xE000ED0Cu)
#define AIRCR_VECTKEY     (0x05FAu << 16)
#define AIRCR_SYSRESETREQ (1u << 2)

/* A system reset through the SCB (ARMv6-M and ARMv7-M alike): the write
 * needs the key, and the reset comes a few cycles later. */
_Noreturn void
goro_board_reset(void)
{
	__asm__ volatile("dsb" ::: "memory");
	SCB_AIRCR = AIRCR_VECTKEY | AIRCR_SYSRESETREQ;
	__asm__ volatile("dsb" ::: "memory");
	for (;;)
		;
}
