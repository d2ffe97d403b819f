/*
 * Time on the RISC-V boards (virt-rv32, and hifive1, which builds this
 * file too): the clock, the tickless one-shot timer, idling, and the C
 * side of trap.S.
 *
 * QEMU's virt and sifive_e machines and the FE310 itself all have a
 * SiFive CLINT at 0x2000000. Its mtime is a 64-bit counter running from
 * reset at CLINT_MTIME_HZ; hart 0's machine timer interrupt (MTIP) is
 * pending while mtime >= mtimecmp. 64 bits do not wrap (58,000 years at
 * 10 MHz), so the clock needs no rollover interrupt and any deadline is
 * one compare: mtimecmp holds the runtime's deadline while it has one and
 * all ones otherwise, so with no deadline no interrupt comes at all.
 *
 * CLINT_MTIME_HZ is the cross file's mtime_hz property (meson.build):
 * QEMU 7.2 runs mtime at 10 MHz on both machines, one count per 100 guest
 * instructions under -icount shift=0 (measured: README.md); the real
 * HiFive1 Rev B runs it from its 32.768 kHz clock (revb.ini).
 */
#include <semihost.h>
#include <stdint.h>
#include <unistd.h>

#include "board.h"
#include "sp.h"

#ifndef CLINT_MTIME_HZ
#error "CLINT_MTIME_HZ: the board's meson.build passes the cross file's mtime_hz"
#endif

/* The CLINT's registers (SiFive's layout, which QEMU's ACLINT model
 * keeps): mtimecmp for hart 0 at +0x4000, mtime at +0xBFF8, each 64 bits
 * read and written as two 32-bit halves on RV32. */
#define CLINT_BASE     0x2000000u
#define MTIMECMP_LO    (*(volatile uint32_t *)(CLINT_BASE + 0x4000u))
#define MTIMECMP_HI    (*(volatile uint32_t *)(CLINT_BASE + 0x4004u))
#define MTIME_LO       (*(volatile uint32_t *)(CLINT_BASE + 0xBFF8u))
#define MTIME_HI       (*(volatile uint32_t *)(CLINT_BASE + 0xBFFCu))
#define US_PER_S       1000000u
#define MIE_MTIE       (1u << 7)  /* mie: the machine timer interrupt's enable */
#define MCAUSE_IRQ_BIT (1u << 31) /* mcause: an interrupt, not an exception */

/* The trap handler's depth (sp.h's port_in_isr): 1 while
 * board_timer_interrupt runs, which never nests (MIE stays 0 meanwhile). */
volatile int goro_port_irq_depth;

/* The clock */

static uint64_t
mtime_read(void)
{
	uint32_t hi, lo, again;

	/* The high half before and after the low one: if it changed, the low
	 * half wrapped in between, and the pair is read again. */
	do {
		hi = MTIME_HI;
		lo = MTIME_LO;
		again = MTIME_HI;
	} while (hi != again);
	return (uint64_t)hi << 32 | lo;
}

/* floor(ticks * 10^6 / HZ), exactly and without overflow: whole seconds,
 * then the rest. At a whole number of MHz it is one division; at
 * 32768 Hz the compiler turns the divisions into shifts. */
static uint64_t
ticks_to_us(uint64_t t)
{
#if CLINT_MTIME_HZ % US_PER_S == 0
	return t / (CLINT_MTIME_HZ / US_PER_S);
#else
	return t / CLINT_MTIME_HZ * US_PER_S + t % CLINT_MTIME_HZ * US_PER_S / CLINT_MTIME_HZ;
#endif
}

/*
 * The first mtime value whose ticks_to_us is >= us: ceil(us * HZ / 10^6).
 * Rounding up matters. When the interrupt comes, goro_board_now_us() must
 * already read the deadline, or the runtime finds nothing due, leaves the
 * timer (already spent) as it is, and sleeps for ever. A deadline
 * mtime cannot reach gives UINT64_MAX, never.
 */
static uint64_t
us_to_ticks(uint64_t us)
{
	uint64_t s = us / US_PER_S, rest = us % US_PER_S;

	if (s >= UINT64_MAX / CLINT_MTIME_HZ)
		return UINT64_MAX;
	return s * CLINT_MTIME_HZ + (rest * CLINT_MTIME_HZ + US_PER_S - 1) / US_PER_S;
}

uint64_t
goro_board_now_us(void)
{
	return ticks_to_us(mtime_read());
}

/* The one-shot timer */

/*
 * The privileged spec's sequence for a 64-bit mtimecmp on RV32: the low
 * half to all ones first, so that no value between the old and the new one
 * is ever smaller than both and raises a stray interrupt. Callers mask
 * interrupts around it.
 */
static void
mtimecmp_write(uint64_t ticks)
{
	MTIMECMP_LO = 0xFFFFFFFFu;
	MTIMECMP_HI = (uint32_t)(ticks >> 32);
	MTIMECMP_LO = (uint32_t)ticks;
}

/* A deadline already passed makes MTIP pending at once, and the interrupt
 * runs as soon as interrupts are unmasked. */
void
goro_board_timer_set(uint64_t deadline_us)
{
	unsigned long irq = port_irq_save();

	mtimecmp_write(deadline_us == UINT64_MAX ? UINT64_MAX : us_to_ticks(deadline_us));
	port_irq_restore(irq);
}

/*
 * Called with mstatus.MIE clear (port_irq_save). wfi still wakes for an
 * interrupt pending and enabled in mie, whatever MIE says (privileged
 * spec, WFI), so a due deadline ends it; the handler then runs when the
 * caller unmasks. Under QEMU with -icount sleep=off, virtual time jumps
 * straight to the deadline.
 */
void
goro_board_idle(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

/* From trap.S on the interrupted stack, with interrupts masked. The timer
 * is one-shot: the deadline is spent, so it goes to never until the
 * runtime sets the next one. */
void board_timer_interrupt(void);

void
board_timer_interrupt(void)
{
	goro_port_irq_depth++;
	mtimecmp_write(UINT64_MAX);
	goro_timer_isr();
	goro_port_irq_depth--;
}

/* Fatal traps */

/* An exception exits with this status: not 1 (a failed test check) and
 * not 2 (a panic), so a test that expects either cannot mistake a crash
 * for it; as on virt-aarch64. A trap inside the report itself exits with
 * the next one. */
#define EXIT_EXCEPTION        3
#define EXIT_EXCEPTION_NESTED 4

static const char *
cause_name(uint32_t mcause)
{
	if (mcause & MCAUSE_IRQ_BIT)
		return "interrupt nobody enabled";
	switch (mcause) {
	case 0:
		return "instruction address misaligned";
	case 1:
		return "instruction access fault";
	case 2:
		return "illegal instruction";
	case 3:
		return "breakpoint (a semihosting call with no semihosting?)";
	case 4:
		return "load address misaligned";
	case 5:
		return "load access fault";
	case 6:
		return "store address misaligned";
	case 7:
		return "store access fault";
	case 11:
		return "ecall from M-mode";
	default:
		return "see the privileged spec, mcause";
	}
}

/* The report is put together by hand in one buffer and written with one
 * semihosting call: no stdio, which the trap may have caught half-way
 * through an update. The buffer is on g0's stack, where trap.S moved: no
 * RAM is set aside for it, which hifive1 could not spare. */
struct report {
	char s[192];
	unsigned n;
};

static void
put_str(struct report *r, const char *s)
{
	while (*s && r->n < sizeof r->s - 1)
		r->s[r->n++] = *s++;
}

static void
put_hex(struct report *r, uint32_t v)
{
	char d[11] = "0x";
	int i;

	for (i = 0; i < 8; i++)
		d[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xFu];
	d[10] = 0;
	put_str(r, d);
}

#define CSR(name)                                                                                  \
	({                                                                                         \
		uint32_t v_;                                                                       \
		__asm__ volatile("csrr %0, " #name : "=r"(v_));                                    \
		v_;                                                                                \
	})

_Noreturn void board_exception(uintptr_t sp, uintptr_t ra);

_Noreturn void
board_exception(uintptr_t sp, uintptr_t ra)
{
	static volatile int reporting;
	uint32_t mcause = CSR(mcause), mepc = CSR(mepc), mtval = CSR(mtval);
	struct report r = {.n = 0};

	if (reporting)
		_exit(EXIT_EXCEPTION_NESTED);
	reporting = 1;
	put_str(&r, mcause & MCAUSE_IRQ_BIT ? "goro: unexpected trap: " : "goro: CPU exception: ");
	put_str(&r, cause_name(mcause));
	put_str(&r, "\n  mcause ");
	put_hex(&r, mcause);
	put_str(&r, "  mepc ");
	put_hex(&r, mepc);
	put_str(&r, "  mtval ");
	put_hex(&r, mtval);
	put_str(&r, "\n  sp ");
	put_hex(&r, sp);
	put_str(&r, "  ra ");
	put_hex(&r, ra);
	put_str(&r, "\n");
	r.s[r.n] = 0;
	sys_semihost_write0(r.s);
	_exit(EXIT_EXCEPTION);
}

/* Installing the vector */

void board_trap(void); /* trap.S */

/*
 * Before main and before any other constructor (101 is the first priority
 * GCC leaves to programs). picolibc's crt0 pointed mtvec at its own fault
 * handler, which cannot take an interrupt; ours takes over, with the timer
 * at never, its interrupt enabled in mie, and interrupts on in mstatus.
 * They stay on from here: the runtime masks them only around short
 * critical sections and idling.
 */
__attribute__((constructor(101))) static void
trap_install(void)
{
	mtimecmp_write(UINT64_MAX); /* its reset value is not specified */
	__asm__ volatile("csrw mtvec, %0" ::"r"(board_trap));
	__asm__ volatile("csrs mie, %0" ::"r"(MIE_MTIE));
	__asm__ volatile("csrs mstatus, %0" ::"r"(PORT_MSTATUS_MIE) : "memory");
}
