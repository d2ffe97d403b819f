/* The attached handlers' table (irq_slots.h). */
#if defined(__aarch64__)
/* irq_slot_run is on the IRQ path, which saves no FP/SIMD register
 * (boards/family/gic/time.c). */
#pragma GCC target("general-regs-only")
#endif
#include <stddef.h>

#include "board.h"
#include "goro.h"
#include "irq_slots.h"

static struct {
	unsigned irq; /* 0: free */
	void (*fn)(void);
} slots[IRQ_SLOTS];

int
irq_slot_set(unsigned irq, void (*fn)(void))
{
	unsigned i, free = IRQ_SLOTS;

	for (i = 0; i < IRQ_SLOTS; i++) {
		if (slots[i].irq == irq)
			break;
		if (slots[i].irq == 0 && free == IRQ_SLOTS)
			free = i;
	}
	if (i == IRQ_SLOTS) {
		if (fn == NULL)
			return 0; /* nothing attached: nothing to detach */
		if (free == IRQ_SLOTS)
			goro_panic("goro_board_irq_attach: no free slot for interrupt %u (all %d "
			           "hold handlers)",
			           irq, IRQ_SLOTS);
		i = free;
	}
	slots[i].irq = fn ? irq : 0;
	slots[i].fn = fn;
	for (i = 0; fn && i < IRQ_GUARD_BYTES / 4; i++)
		board_irq_guard[i] = IRQ_GUARD_CANARY;
	return 1;
}

void (*irq_slot_find(unsigned irq))(void)
{
	unsigned i;

	for (i = 0; i < IRQ_SLOTS; i++)
		if (slots[i].irq == irq)
			return slots[i].fn;
	return NULL;
}

void
irq_slot_run(unsigned irq, void (*fn)(void), unsigned stack_bytes)
{
	unsigned i;

	goro_isr_run(fn);
	for (i = 0; i < IRQ_GUARD_BYTES / 4; i++)
		if (board_irq_guard[i] != IRQ_GUARD_CANARY)
			goro_panic(
			        "interrupt %u: its handler %p overran the %u-byte interrupt stack",
			        irq, (void *)(uintptr_t)fn, stack_bytes);
}
