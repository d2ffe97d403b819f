/*
 * The CMSDK dual timer (cmsdk_map.h: 0x40002000, IRQ 10 on the MPS2
 * images) as a periodic interrupt for
 * applications and tests (mps2.h). Linked only into programs that call
 * mps2_dualtimer_periodic: the others may define DUALTIMER_IRQHandler
 * themselves.
 *
 * The period is made of one-shots, each armed from the handler: QEMU 7.2's
 * model of the dual timer's periodic mode fires every other period when
 * the CPU sleeps under -icount sleep=off (measured: 50 ms came out as
 * 100 ms), while one-shots keep time. The handler's few cycles of re-arm
 * latency are the price.
 */
#include <stddef.h>
#include <stdint.h>

#include "cmsdk_map.h"
#include "goro_board.h"
#include "mps2.h"

#define PCLK_PER_US (CMSDK_PCLK_HZ / 1000000u)

struct cmsdk_dualtimer {
	volatile uint32_t load, value, ctrl, intclr, ris, mis, bgload;
};
#define DUALTIMER1 ((struct cmsdk_dualtimer *)CMSDK_DUALTIMER_BASE)
#define DT_EN      (1u << 7)
#define DT_IRQEN   (1u << 5)
#define DT_32BIT   (1u << 1)
#define DT_ONESHOT (1u << 0)

static void (*dualtimer_fn)(void);
static uint32_t dualtimer_load;

static void
dualtimer_arm(void)
{
	DUALTIMER1->ctrl = 0;
	DUALTIMER1->intclr = 1;
	DUALTIMER1->load = dualtimer_load;
	DUALTIMER1->ctrl = DT_EN | DT_IRQEN | DT_32BIT | DT_ONESHOT;
}

void
mps2_dualtimer_periodic(uint32_t period_us, void (*fn)(void))
{
	DUALTIMER1->ctrl = 0;
	dualtimer_fn = fn;
	if (fn == NULL || period_us == 0)
		return;
	dualtimer_load = period_us * PCLK_PER_US;
	goro_board_irq_enable(CMSDK_IRQ_DUALTIMER);
	dualtimer_arm();
}

void
DUALTIMER_IRQHandler(void)
{
	DUALTIMER1->intclr = 1;
	if (dualtimer_fn == NULL)
		return;
	dualtimer_arm();
	dualtimer_fn();
}
