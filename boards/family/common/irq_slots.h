/*
 * The handlers attached to an external interrupt controller's lines, for
 * goro_board_irq_attach on the boards that have one (the PLIC on the
 * SiFive parts, the GIC on virt-aarch64): a few slots, each a line and
 * its handler. The controller code checks the line, masks interrupts and
 * enables or disables the line; this keeps the table.
 */
#ifndef GORO_IRQ_SLOTS_H
#define GORO_IRQ_SLOTS_H

/*
 * The guard under the interrupt stack the attached handlers run on:
 * IRQ_GUARD_BYTES of canary words (board_irq_guard), which the family's
 * assembly places right below CPU 0's interrupt stack, the lowest of them.
 * CPU 0 is the one the controller sends every line to (PLIC context 0,
 * GICD_ITARGETSR 1); the other CPUs' interrupt stacks, above it, run only
 * the board's own handlers, whose depth is known. Attaching a handler
 * writes the guard; irq_slot_run checks it after every handler. A handler
 * that overruns the stack by up to IRQ_GUARD_BYTES corrupts nothing else
 * and is a panic naming the line and the handler; one that goes deeper
 * has written over what lies below too, and may not live to be reported.
 */
#define IRQ_GUARD_BYTES  64
#define IRQ_GUARD_CANARY 0x1BADC0DEu

#ifndef __ASSEMBLER__
#include <stdint.h>

extern uint32_t board_irq_guard[IRQ_GUARD_BYTES / 4];

/* Handlers at once: 4 slots of two words. */
#define IRQ_SLOTS 4

/* Attach fn to line irq (> 0), or detach it with NULL. Returns 1 if the
 * line's handler changed (enable the line for fn, disable it for NULL), 0
 * for a detach of a line with no handler. A new line with every slot
 * taken is a panic. Call with interrupts masked. */
int irq_slot_set(unsigned irq, void (*fn)(void));

/* The handler attached to line irq, or NULL. */
void (*irq_slot_find(unsigned irq))(void);

/* Run line irq's handler fn on CPU 0's interrupt stack (stack_bytes of it),
 * with interrupts masked, through goro_isr_run (board.h), then check the
 * guard below that stack. */
void irq_slot_run(unsigned irq, void (*fn)(void), unsigned stack_bytes);
#endif

#endif
