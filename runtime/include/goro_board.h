/*
 * What an application may override or call on a bare-metal board, beyond
 * goro.h: the board's hooks (weak functions: define one of the same name
 * to replace it) and its interrupt controller.
 *
 * Cortex-M boards: the vector table's entries are weak CMSIS names
 * (EXTI0_IRQHandler, SWI0_IRQHandler, UARTRX0_IRQHandler...): define the
 * function to handle that interrupt, then enable it with
 * goro_board_irq_enable. The board's README.md lists the ones goro
 * itself uses, which an application cannot take.
 *
 * RISC-V and AArch64 boards have one trap or IRQ entry, which dispatches
 * external interrupts (PLIC sources, GIC SPIs) to the handlers attached
 * with goro_board_irq_attach.
 *
 * Either way a handler runs in interrupt context: it may call only the
 * *_isr functions of goro.h (goro_sema_post_isr, say) and goro_now_us.
 * An interrupt that is enabled but has no handler is a panic:
 * "unexpected interrupt N".
 */
#ifndef GORO_BOARD_API_H
#define GORO_BOARD_API_H

/*
 * Before main, before any constructor of the program's own: runs after
 * the board has set up its vectors and clocks, and before the console
 * starts (so pins a console needs can be set here). Default: nothing.
 * For the application's own clocks and pins. Nothing of goro's may be
 * called from it.
 */
void goro_board_early_init(void);

/*
 * When no task can run, called with interrupts masked: sleep until an
 * interrupt is pending and return, still masked; the runtime then unmasks
 * and the interrupt runs. Default: WFI (on the host, sigsuspend). An
 * override may enter a deeper sleep, or count, as long as a pending
 * interrupt ends it.
 */
void goro_board_idle(void);

/* goro_board_panic_exit, the end of a panic: goro.h. */

/*
 * With console=uart: where exit(n) ends (and so a panic, exit status 2,
 * and a CPU exception, 3), with no host to tell. Default: print "goro:
 * exit N" on the console, then goro_board_wait_forever. Replace it to
 * reset (goro_board_reset) or signal the error some other way. Must not
 * return. (With console=semihost, exit(n) goes to the host instead.)
 */
_Noreturn void goro_board_halt(int status);

/* Interrupts off, the core asleep in WFI, for ever. */
_Noreturn void goro_board_wait_forever(void);

/* Cortex-M boards: a system reset (SCB AIRCR.SYSRESETREQ). Under QEMU's
 * -no-reboot, which the uart runner passes, it ends QEMU. */
_Noreturn void goro_board_reset(void);

/* Enable, disable, or pend in software, interrupt irq at the board's
 * controller (NVIC, PLIC, GIC). Pending returns 0, or -1 where the
 * controller cannot pend in software (the PLIC). An irq the board does
 * not have is a panic. */
void goro_board_irq_enable(unsigned irq);
void goro_board_irq_disable(unsigned irq);
int goro_board_irq_pend(unsigned irq);

/*
 * RISC-V and AArch64: run fn for external interrupt irq (a PLIC source, a
 * GIC SPI's INTID) and enable it; fn NULL disables and detaches it. fn
 * runs with interrupts masked and must quiet its device before it
 * returns; on RISC-V it runs on the scheduler's (g0's) stack, not on the
 * interrupted task's, so its depth is not held to a task's guard zone.
 * An irq out of range, or one goro itself uses, is a panic.
 */
void goro_board_irq_attach(unsigned irq, void (*fn)(void));

#endif
