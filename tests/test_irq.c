/*
 * An application's own interrupt handler wakes a task. The handler is
 * defined here, in application code: under its CMSIS name on a Cortex-M
 * board (TEST_IRQ_HANDLER, from the board's test_irq capability), which
 * takes the weak entry's place in the vector table; attached with
 * goro_board_irq_attach on a RISC-V or AArch64 board. The interrupt is
 * pended in software (goro_board_irq_pend, or the board's test_irq.c
 * where the controller cannot pend: the PLIC); a task parked on a
 * semaphore wakes each time the handler posts it. Then the interrupt is
 * disabled (detached), and raising it again runs no handler. On every
 * board the handler's frames are on no task's stack (the Cortex-M main
 * stack, the RISC-V harts' interrupt stacks, AArch64's IRQ stack), since
 * no guard zone holds an application's handler: the interrupt, taken as
 * the raising task raises it (with one CPU), must find its sp outside
 * that task's block.
 */
#include "check.h"
#include "goro.h"
#include "goro_board.h"
#include "sp.h"

#ifndef TEST_IRQ
#error "TEST_IRQ: the board's test_irq capability (tests/meson.build)"
#endif

#define ROUNDS 5

#if TEST_IRQ_DEVICE
/* boards/<b>/test_irq.c: make the device raise TEST_IRQ, and quiet it. */
void board_test_irq_raise(void);
void board_test_irq_quiet(void);
#else
static void
board_test_irq_raise(void)
{
	CHECK(goro_board_irq_pend(TEST_IRQ) == 0);
}

static void
board_test_irq_quiet(void)
{
}
#endif

static struct goro_sema irq_sem;
static volatile int handled, in_isr;
static volatile uintptr_t handler_sp;

#ifdef TEST_IRQ_HANDLER
void TEST_IRQ_HANDLER(void);

void
TEST_IRQ_HANDLER(void)
#else
static void
on_irq(void)
#endif
{
	board_test_irq_quiet();
	handler_sp = port_sp();
	in_isr = port_in_isr();
	handled++;
	goro_sema_post_isr(&irq_sem);
}

static void
waiter(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < ROUNDS; i++) {
		goro_sema_wait(&irq_sem);
		CHECK_EQ(handled, i + 1); /* woken by the handler, once per interrupt */
	}
}

static void
raiser(void *arg)
{
	int i, n;

	(void)arg;
	for (i = 0; i < ROUNDS; i++) {
		struct goro_stack_info si;

		goro_sleep_us(1000); /* the waiter is parked by now */
		CHECK_EQ(handled, i);
		CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
		handler_sp = si.lo; /* inside: the handler must overwrite it */
		board_test_irq_raise();
		/* Taken at once with one CPU, on this task's time; with several
		 * the controller may send it to another, a little later. */
		for (n = 0; handled == i && n < 100; n++)
			goro_sleep_us(100);
		CHECK_EQ(handled, i + 1);
		CHECK(handler_sp < si.lo || handler_sp >= si.hi);
	}
	goro_sleep_us(1000);
	CHECK_EQ(handled, ROUNDS);
#ifdef TEST_IRQ_HANDLER
	goro_board_irq_disable(TEST_IRQ);
#else
	goro_board_irq_attach(TEST_IRQ, NULL);
#endif
	board_test_irq_raise();
	goro_sleep_us(1000);
	CHECK_EQ(handled, ROUNDS); /* disabled: no handler ran */
	board_test_irq_quiet();
}

int
main(void)
{
	goro_sema_init_isr(&irq_sem, 0);
#ifdef TEST_IRQ_HANDLER
	goro_board_irq_enable(TEST_IRQ);
#else
	goro_board_irq_attach(TEST_IRQ, on_irq);
#endif
	CHECK(goro_go(waiter, NULL) > 0);
	CHECK(goro_go(raiser, NULL) > 0);
	goro_run();
	CHECK_EQ(handled, ROUNDS);
	CHECK(in_isr); /* the handler ran in interrupt context */
	printf("ok irq (%d interrupts on IRQ %d)\n", handled, TEST_IRQ);
	return 0;
}
