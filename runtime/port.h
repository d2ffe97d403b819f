/*
 * The port contract: what every asm/<arch>/ folder implements.
 *
 * A context is a stack pointer. Switching saves exactly the registers the
 * ABI says survive a call (callee-saved integer registers, the return
 * address and, where the ABI has them, callee-saved FP registers and FP
 * control words) on the outgoing stack, stores the resulting sp, loads the
 * incoming sp and pops the same set. The layout of that saved block is the
 * port's own business, except that goro_port_init_frame builds one that
 * "returns" into goro_port_start.
 *
 * Three entry points differ only on ports where tasks and g0 use different
 * stack pointer registers (ARMv7-M: tasks on PSP, g0 and interrupts on MSP);
 * elsewhere they are one function under three names.
 */
#ifndef GORO_PORT_H
#define GORO_PORT_H

#include <stdint.h>

/*
 * The three switches save the running context, store its sp in *from_sp,
 * and resume the context whose saved sp is *to_sp. The sp is read through
 * the pointer inside the switch, so a caller hands over where it is kept
 * (a task's g->sp, a CPU's g0sp) and needs no register for its value.
 */

/* Task to task. */
void goro_port_switch(uintptr_t *from_sp, const uintptr_t *to_sp);

/* g0 to task: the scheduler hands the CPU to a task. */
void goro_port_gogo(uintptr_t *g0_sp, const uintptr_t *to_sp);

/* Task to g0: the task gives the CPU back to the scheduler. */
void goro_port_mcall(uintptr_t *from_sp, const uintptr_t *g0_sp);

/* Task to task from a task that has exited: resumes *to_sp and saves
 * nothing, since nothing will resume the exited task. */
_Noreturn void goro_port_resume(const uintptr_t *to_sp);

/*
 * Run fn(arg) on g0's stack, below g0's saved sp, and come back. Only from a
 * task, while g0 is suspended at g0_sp. Used by goro_systemstack. (ARMv7-M
 * ignores g0_sp: selecting MSP lands on it, since only g0 moves MSP in
 * thread mode and interrupts restore it.)
 */
void goro_port_on_g0(void (*fn)(void *), void *arg, uintptr_t g0_sp);

/*
 * uintptr_t goro_port_init_frame(uintptr_t hi, void (*fn)(void *), void *arg);
 * Build a saved context at the top of the stack block ending at hi such that
 * switching to the returned sp starts sched_start(arg, fn) on that stack.
 * hi is 16-byte aligned: every pool block is (pool.c, sched.c's assert).
 * A static inline function in C in asm/<arch>/frame.h, next to the switch
 * it must match; only the spawn (sched.c) includes it, and every spawn
 * runs it.
 */

/*
 * The morestack trampoline (asm/<arch>/morestack.S): save the context as
 * the switch does, *task_sp = sp, run newstack_g0() on g0's stack below
 * g0_sp, and resume the same context at the sp it returns (on the new
 * block). The saved registers lie in the copied part of the stack, so the
 * mover adjusts them like any other word.
 */
void goro_morestack(uintptr_t *task_sp, uintptr_t g0_sp);
uintptr_t newstack_g0(void);

/*
 * Each port also has asm/<arch>/sp.h with
 *	uintptr_t port_sp(void);            the current stack pointer
 *	unsigned long port_irq_save(void);  mask interrupts, return the old state
 *	void port_irq_restore(unsigned long state);
 *	int port_in_isr(void);              running in an interrupt handler?
 *	void port_idle(void);               with interrupts masked: sleep until
 *	                                    one is pending (WFI), return masked
 * (static inline where the port can), and its meson.build sets
 * port_sp_asm, the instruction tools/goro-check uses to read sp.
 *
 * A port may also give the plugin's entry check (docs/stacks.md): its
 * meson.build sets port_entry_asm (the check at a function's first
 * instruction: %F the frame size, %L the limit read), port_entry_regs
 * (the two registers %L uses) and port_guard_load_asm (the one-CPU limit
 * read), and its morestack.S has
 *	goro_entry_failed                   the check's slow path: keeps every
 *	                                    register a function's entry may
 *	                                    still need, and calls
 *	void goro_stack_entry_failed(uintptr_t need, uintptr_t at);
 * (runtime/check.c). The board then sizes a smaller guard zone for it
 * (board_entry_check). A port whose compiler makes no tail calls (GCC
 * for Thumb-1) defines PORT_CHECK_FAILED in sp.h and has in morestack.S
 *	void goro_stack_check_failed(void); goro_stack_entry_failed(0, sp),
 *	                                    jumped to with the caller's lr
 * which check.c otherwise has as a C tail call. Ports
 * whose handlers leave no trace in a register (RV32, AArch64) define
 * goro_port_irq_depth, which the board's interrupt entry counts.
 *
 * A port whose core has a hardware limit for the task stack pointer
 * (ARMv8-M Mainline's PSPLIM) defines PORT_STACK_LIMIT in sp.h, with
 *	void port_stack_limit(uintptr_t lim); a task's sp may not go below
 *	                                    lim (8-byte aligned), 0 for none:
 *	                                    a push or a frame past it is a
 *	                                    fault, before anything is written
 * The runtime sets it just above the running task's canary whenever the
 * task runs on, and to 0 before any change of stacks, since the limit
 * holds for the stack being left too (rt.h: stack_limit_on).
 *
 * Multi-core builds (GORO_NCPU > 1) also need, per CPU:
 *	PORT_CPU_PTR                        defined where the arch has a
 *	                                    register for a per-CPU pointer
 *	                                    (tp, TPIDR_EL1, a TLS word), with
 *	void *port_cpu_ptr(void);           read it
 *	void port_set_cpu_ptr(void *p);     set it, once per CPU at its start
 * and elsewhere the board's board_cpu_id() (board.h) finds the CPU. The
 * stack check reads the running CPU's limit through port_guard_asm (the
 * port's meson.build, or the board's where the board finds the CPU): an
 * asm template that leaves the limit in %0, with %1 a scratch register.
 * With one CPU the check loads goro_stackguard, and none of this is used.
 */

/* Where a new task's first switch lands: calls sched_start(arg, fn). */
void goro_port_start(void);

/* Never returns: runs fn(arg), then ends the task. Called by goro_port_start.
 * arg first: it is already in the first argument register for fn. */
_Noreturn void sched_start(void *arg, void (*fn)(void *));

#endif /* GORO_PORT_H */
