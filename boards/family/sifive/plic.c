/*
 * The PLIC on the RISC-V boards (virt-rv32, hifive1): the machine
 * external interrupt's sources, and the handlers applications attach to
 * them (goro_board.h). QEMU's virt and sifive_e and the FE310 all have a
 * SiFive-style PLIC at 0x0C000000; goro uses context 0, hart 0's M-mode.
 * PLIC_SOURCES (the board's meson.build) counts source IDs from 0, which
 * means "none"; sources are 1 to PLIC_SOURCES - 1.
 *
 * A handler table sized for every source would cost hifive1 more RAM than
 * it has spare, so the table (irq_slots.h) has IRQ_SLOTS entries, each a source
 * and its handler; attaching one more is a panic.
 */
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "goro.h"
#include "goro_board.h"
#include "harts.h"
#include "irq_slots.h"
#include "sp.h"

#ifndef PLIC_SOURCES
#error "PLIC_SOURCES: the board's meson.build gives the PLIC's number of source IDs"
#endif

#define PLIC_BASE        0x0C000000u
#define PLIC_PRIORITY(s) (*(volatile uint32_t *)(PLIC_BASE + 4u * (s)))
#define PLIC_PENDING(s)  (*(volatile uint32_t *)(PLIC_BASE + 0x1000u + 4u * ((s) / 32)))
#define PLIC_ENABLE(s)   (*(volatile uint32_t *)(PLIC_BASE + 0x2000u + 4u * ((s) / 32)))
#define PLIC_THRESHOLD   (*(volatile uint32_t *)(PLIC_BASE + 0x200000u))
#define PLIC_CLAIM       (*(volatile uint32_t *)(PLIC_BASE + 0x200004u))

static void
source_check(const char *what, unsigned irq)
{
	if (irq == 0 || irq >= PLIC_SOURCES)
		goro_panic("%s: no interrupt %u on this board (PLIC sources 1-%u)", what, irq,
		           PLIC_SOURCES - 1);
}

/* Every source off, and the threshold at 0 so that any priority above it
 * (every enabled source gets 1) interrupts. */
void
plic_init(void)
{
	unsigned i;

	for (i = 0; i < PLIC_SOURCES; i += 32)
		PLIC_ENABLE(i) = 0;
	PLIC_THRESHOLD = 0;
}

void
goro_board_irq_enable(unsigned irq)
{
	unsigned long m;

	source_check("goro_board_irq_enable", irq);
	m = port_irq_save();
	PLIC_PRIORITY(irq) = 1;
	PLIC_ENABLE(irq) |= 1u << (irq % 32);
	port_irq_restore(m);
}

void
goro_board_irq_disable(unsigned irq)
{
	unsigned long m;

	source_check("goro_board_irq_disable", irq);
	m = port_irq_save();
	PLIC_ENABLE(irq) &= ~(1u << (irq % 32));
	port_irq_restore(m);
}

/* The PLIC's pending bits are read-only: only the device raises them. */
int
goro_board_irq_pend(unsigned irq)
{
	source_check("goro_board_irq_pend", irq);
	return -1;
}

void
goro_board_irq_attach(unsigned irq, void (*fn)(void))
{
	unsigned long m;

	source_check("goro_board_irq_attach", irq);
	m = port_irq_save();
	if (irq_slot_set(irq, fn)) {
		if (fn) {
			PLIC_PRIORITY(irq) = 1;
			PLIC_ENABLE(irq) |= 1u << (irq % 32);
		} else {
			PLIC_ENABLE(irq) &= ~(1u << (irq % 32));
		}
	}
	port_irq_restore(m);
}

/*
 * From trap.S on the hart's interrupt stack, with interrupts masked: claim
 * the source, run its handler, complete it. The handler is the
 * application's code, built with the stack check, which the interrupt
 * stack is not a task's block to pass: irq_slot_run (irq_slots.h) runs it
 * with the check's limit lifted, and checks the guard below the stack
 * after it. A source enabled with no handler is disabled and
 * reported: "unexpected interrupt N".
 */
void board_external_interrupt(void);

void
board_external_interrupt(void)
{
	unsigned src = PLIC_CLAIM;
	void (*fn)(void);

	if (src == 0)
		return; /* claimed by nobody else, but withdrawn meanwhile */
	goro_port_irq_depth++;
	fn = irq_slot_find(src);
	if (fn == NULL) {
		PLIC_ENABLE(src) &= ~(1u << (src % 32));
		PLIC_CLAIM = src;
		goro_panic("unexpected interrupt %u: PLIC source with no handler attached "
		           "(goro_board_irq_attach)",
		           src);
	}
	irq_slot_run(src, fn, 1u << BOARD_ISR_STACK_LOG2);
	PLIC_CLAIM = src; /* complete */
	goro_port_irq_depth--;
}
