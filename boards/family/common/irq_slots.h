/*
 * The handlers attached to an external interrupt controller's lines, for
 * goro_board_irq_attach on the boards that have one (the PLIC on the
 * SiFive parts, the GIC on virt-aarch64): a few slots, each a line and
 * its handler. The controller code checks the line, masks interrupts and
 * enables or disables the line; this keeps the table.
 */
#ifndef GORO_IRQ_SLOTS_H
#define GORO_IRQ_SLOTS_H

/* Handlers at once: 4 slots of two words. */
#define IRQ_SLOTS 4

/* Attach fn to line irq (> 0), or detach it with NULL. Returns 1 if the
 * line's handler changed (enable the line for fn, disable it for NULL), 0
 * for a detach of a line with no handler. A new line with every slot
 * taken is a panic. Call with interrupts masked. */
int irq_slot_set(unsigned irq, void (*fn)(void));

/* The handler attached to line irq, or NULL. */
void (*irq_slot_find(unsigned irq))(void);

#endif
