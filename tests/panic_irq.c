/*
 * Interrupt misuse is a clear panic:
 *   IRQ=1: the board's test interrupt is enabled and pended with no
 *          handler defined or attached: "unexpected interrupt N";
 *   IRQ=2: an interrupt number the board does not have;
 * and where handlers are attached (RISC-V, AArch64):
 *   IRQ=3: more handlers attached at once than the board has slots for;
 *   IRQ=4: a handler attached to an interrupt the board does not have;
 *   IRQ=5: an attached handler that overruns the interrupt stack it runs
 *          on, by less than the guard below it (boards/family/common/
 *          irq_slots.h): "interrupt N: its handler ... overran".
 */
#include "check.h"
#include "goro.h"
#include "goro_board.h"

#if TEST_IRQ_DEVICE
void board_test_irq_raise(void);
void board_test_irq_quiet(void);
#else
static inline void
board_test_irq_quiet(void)
{
}
#endif

#if IRQ == 3 || IRQ == 4
static void
nothing(void)
{
}
#endif

#if IRQ == 5
#include "sp.h"

/* runtime/board.h: where the interrupt stacks are, CPU 0's lowest. */
void goro_board_irq_stack(uintptr_t *lo, uintptr_t *hi);

/* Frames of a few words each (48 B, with the frame record, on RISC-V
 * and AArch64), until one crosses the stack's low end: the last writes at
 * most a frame's size below it, into the guard (64 B). Not a tail call,
 * so that each level keeps its frame. */
static __attribute__((noinline)) void
dig(uintptr_t lo)
{
	volatile unsigned char pad[4];

	for (unsigned i = 0; i < sizeof pad; i++)
		pad[i] = (unsigned char)i;
	if (port_sp() >= lo)
		dig(lo);
	pad[0] = pad[1];
}

static void
deep(void)
{
	uintptr_t lo, hi;

	board_test_irq_quiet();
	goro_board_irq_stack(&lo, &hi);
	dig(lo);
}
#endif

#if IRQ == 1 || IRQ == 5
/* Raise the board's test interrupt, enabled already, and give it time to
 * come. */
static void
raise_and_wait(void)
{
#if TEST_IRQ_DEVICE
	board_test_irq_raise();
#else
	goro_board_irq_pend(TEST_IRQ);
#endif
	goro_sleep_us(1000); /* the interrupt comes meanwhile */
}
#endif

static void
culprit(void *arg)
{
	(void)arg;
#if IRQ == 3
	unsigned i;

	for (i = 0; i < 16; i++) /* attaching quiet sources: none fires */
		goro_board_irq_attach(TEST_IRQ + 1 + i, nothing);
#elif IRQ == 4
	goro_board_irq_attach(100000, nothing);
#elif IRQ == 5
	goro_board_irq_attach(TEST_IRQ, deep);
	raise_and_wait();
#elif IRQ == 1
	goro_board_irq_enable(TEST_IRQ);
	raise_and_wait();
#else
	goro_board_irq_enable(100000);
#endif
}

int
main(void)
{
	/* On CPU 0, which takes the board's interrupts (GIC SPIs target it): the
	 * panic names the task the interrupt found running. */
	struct goro_opts o = {.name = "irq-user", .flags = GORO_PIN_CPU, .cpu = 0};

	goro_go_opts(culprit, NULL, &o);
	goro_run();
	printf("FAIL: no panic\n");
	return 1;
}
