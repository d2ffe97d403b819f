/*
 * The board contract: what every boards/<board>/ folder supplies to the
 * runtime, besides its cross file and memory map.
 */
#ifndef GORO_BOARD_H
#define GORO_BOARD_H

/*
 * The board's own start, before main: its vectors and traps, its clocks,
 * interrupts on. Every board defines it (not weak: a board that forgot it
 * fails to link). runtime/hooks.c's constructor calls it, then the
 * application's goro_board_early_init (goro_board.h).
 */
void board_init(void);

/*
 * Where a panic ends, after the message is out. Runs on g0's stack. Weak
 * (runtime/hooks.c: exit status 2), so an application can replace it
 * (reset the chip, blink an LED, wait for a debugger). Must not return.
 */
_Noreturn void goro_board_panic_exit(void);

/*
 * A free-running counter for benchmarks, not for keeping time: guest
 * instructions on an emulated board run under QEMU with -icount shift=0,
 * nanoseconds on the host. goro_board_count_unit() names the unit. The
 * first call starts it.
 */
#include <stdint.h>
uint64_t goro_board_count(void);
const char *goro_board_count_unit(void);

/*
 * Time, for timers and sleep (time.c).
 *
 * goro_board_now_us: microseconds, monotonic, from the first call or boot.
 * goro_board_timer_set: have goro_timer_isr() called from an interrupt (or,
 *   on the host, a signal handler) once now_us reaches deadline_us; a later
 *   call replaces the deadline; UINT64_MAX cancels it. One-shot: with no
 *   deadline, no interrupt comes (tickless).
 * goro_board_idle: called with interrupts masked (port_irq_save) when no
 *   task can run; sleeps until an interrupt is pending, then returns with
 *   interrupts still masked. The caller unmasks, and the interrupt runs.
 *   Weak: runtime/hooks.c's is the port's port_idle (WFI), and an
 *   application may replace it (goro_board.h).
 *
 * Clock only with time: a program with no sleep, timer, timeout or
 * goro_now_us links none of these, and its firmware should link none of
 * the board's clock either. So the object that defines them (with the
 * timer's interrupt handlers, which the vector table would otherwise keep)
 * is the only one that refers to the clock's hardware, and board_init
 * starts the clock at boot through a weak reference to that object's
 * start function, which does not link it:
 *   void cmsdk_clock_start(void) __attribute__((weak));
 *   ...
 *   if (cmsdk_clock_start)
 *           cmsdk_clock_start();
 */
uint64_t goro_board_now_us(void);
void goro_board_timer_set(uint64_t deadline_us);
void goro_board_idle(void);

/*
 * For boards whose clock is a free-running 32-bit counter: widen a reading
 * to 64 bits. Call with interrupts masked (hi and last change together) and
 * at least once per wrap of the counter.
 */
struct board_clock32 {
	uint32_t hi;   /* wraps seen so far */
	uint32_t last; /* the last reading */
};

static inline uint64_t
board_clock32_widen(struct board_clock32 *c, uint32_t now)
{
	if (now < c->last)
		c->hi++;
	c->last = now;
	return ((uint64_t)c->hi << 32) | now;
}

/*
 * The interrupt stack, for a board whose handlers run on a stack of its own
 * in .data/.bss: *lo and *hi bound it. Its dead frames hold interrupted
 * tasks' registers, so the stale-pointer scan (checks >= 2, stack.c)
 * passes over it. The runtime's weak default reports none (*lo = *hi).
 */
void goro_board_irq_stack(uintptr_t *lo, uintptr_t *hi);

/*
 * The board's counts, for a board that keeps a fast counter's state in
 * .data/.bss (a cycle or instruction count widened to 64 bits, and the
 * like): *lo and *hi bound it. A count passes through every address in
 * turn, so the stale-pointer scan (checks >= 2, stack.c) would in time
 * take one for a pointer into a stack; it passes over these words, as it
 * passes over the trace ring's times. Weak default: none (*lo = *hi).
 */
void goro_board_counts(uintptr_t *lo, uintptr_t *hi);

/*
 * The board's first UART, for the console (console=uart,
 * boards/family/common/console_uart.c): the one QEMU wires to its first
 * -serial, at 115200 baud, 8N1, from the board's clock constants.
 * board_uart_putc waits for room, then sends; polled, no interrupt.
 */
void board_uart_init(void);
void board_uart_putc(char c);
/* Start the console: after goro_board_early_init, before main. */
void board_console_start(void);
/*
 * The console's raw output, for panics and fault reports: s, NUL-
 * terminated, written before the call returns, through no stdio and
 * needing no interrupts (console_semihost.c, console_uart.c; the host's
 * stderr).
 */
void board_console_raw(const char *s);

/*
 * Multi-core boards: board_caps 'cpus' is how many CPUs the board has (1
 * when absent); the runtime calls these only when built with the meson
 * option cpus > 1, which must not exceed it.
 *
 * board_cpu_id: the calling CPU, 0 .. cpus-1, CPU 0 the one that ran
 *   main. Cheap: mycpu() calls it where the port keeps no per-CPU
 *   register (asm/<arch>/sp.h: PORT_CPU_PTR). From thread or handler mode.
 * board_cpu_start: start CPU cpu (1 .. cpus-1, the board's count: the
 *   runtime starts 1 .. GORO_NCPU-1, tests/test_board_cpus.c every one
 *   with a one-CPU runtime), held since reset (or parked by the board's
 *   start code), so that it runs entry(cpu) in thread mode, privileged,
 *   on the stack that ends at sp (16-byte aligned), with its own exception
 *   vectors, interrupt controller interface and wakeup interrupt set up
 *   and interrupts unmasked. Nothing else of the runtime's is set up on it
 *   (no per-CPU pointer: entry sets PORT_CPU_PTR's register). Called once
 *   per CPU, from CPU 0, on g0; it may return before the CPU runs. entry
 *   never returns. Each board's README.md has its entry state in full.
 * board_cpu_wake: make CPU cpu's goro_board_idle return (GIC SGI, CLINT
 *   MSIP, SEV or the MHU, a futex on the host). Any CPU, thread or handler
 *   mode, the caller's own CPU included. A wake sent before the target
 *   sleeps is not lost: its next goro_board_idle returns at once.
 * The board's timer (goro_board_timer_set, goro_timer_isr) belongs to
 * CPU 0: only CPU 0 calls goro_board_timer_set, and the interrupt is
 * taken on CPU 0. Other CPUs' interrupts (attached with
 * goro_board_irq_attach) may be taken on any CPU the board routes them to.
 */
int board_cpu_id(void);
void board_cpu_start(int cpu, uintptr_t sp, void (*entry)(int cpu));
void board_cpu_wake(int cpu);

/* Called by the board's timer interrupt when the deadline has passed. */
void goro_timer_isr(void);

/*
 * Run an application's interrupt handler fn (interrupts masked) that a
 * board's trap code calls on an interrupt stack of the board's own: with
 * the stack check's limit at 0 while it runs, since fn is built with the
 * check and that stack is no task's block (sched.c). The RISC-V boards'
 * attached handlers (boards/family/sifive/plic.c).
 */
void goro_isr_run(void (*fn)(void));

#endif /* GORO_BOARD_H */
