/*
 * Interrupt misuse is a clear panic:
 *   IRQ=1: the board's test interrupt is enabled and pended with no
 *          handler defined or attached: "unexpected interrupt N";
 *   IRQ=2: an interrupt number the board does not have;
 * and where handlers are attached (RISC-V, AArch64):
 *   IRQ=3: more handlers attached at once than the board has slots for;
 *   IRQ=4: a handler attached to an interrupt the board does not have.
 */
#include "check.h"
#include "goro.h"
#include "goro_board.h"

#if TEST_IRQ_DEVICE
void board_test_irq_raise(void);
#endif

#if IRQ >= 3
static void
nothing(void)
{
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
#elif IRQ == 1
	goro_board_irq_enable(TEST_IRQ);
#if TEST_IRQ_DEVICE
	board_test_irq_raise();
#else
	goro_board_irq_pend(TEST_IRQ);
#endif
	goro_sleep_us(1000); /* the interrupt comes meanwhile */
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
