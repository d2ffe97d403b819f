/* A pipeline of stages over unbuffered and buffered channels moves 100,000
 * items; the sink checks count and checksum: nothing lost or duplicated. */
#include "check.h"
#include "goro.h"

#define ITEMS  100000
#define STAGES 4

static struct goro_chan ch[STAGES + 1];
static uint32_t bufs[STAGES + 1][8];
static uint64_t sum_out, count_out;

static void
source(void *arg)
{
	uint32_t i;

	(void)arg;
	for (i = 1; i <= ITEMS; i++)
		goro_chan_send(&ch[0], &i);
	goro_chan_close(&ch[0]);
}

static void
stage(void *arg)
{
	int k = (int)(intptr_t)arg;
	uint32_t v;

	while (goro_chan_recv(&ch[k], &v) == 0) {
		v = v * 3 + 1; /* each stage transforms: the sink can check */
		goro_chan_send(&ch[k + 1], &v);
	}
	goro_chan_close(&ch[k + 1]);
}

static void
sink(void *arg)
{
	uint32_t v;

	(void)arg;
	while (goro_chan_recv(&ch[STAGES], &v) == 0) {
		sum_out += v;
		count_out++;
	}
}

int
main(void)
{
	uint64_t want = 0;
	uint32_t i, v;
	int k;

	for (k = 0; k <= STAGES; k++) /* alternate unbuffered and buffered */
		goro_chan_init(&ch[k], k % 2 ? bufs[k] : NULL, sizeof(uint32_t), k % 2 ? 8 : 0);
	goro_go(source, NULL);
	for (k = 0; k < STAGES; k++)
		goro_go(stage, (void *)(intptr_t)k);
	goro_go(sink, NULL);
	goro_run();
	for (i = 1; i <= ITEMS; i++) {
		v = i;
		for (k = 0; k < STAGES; k++)
			v = v * 3 + 1;
		want += v;
	}
	CHECK_EQ(count_out, ITEMS);
	CHECK(sum_out == want);
	printf("ok pipeline (%d items through %d stages)\n", ITEMS, STAGES);
	return 0;
}
