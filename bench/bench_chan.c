/*
 * Channel costs: a round trip (a 4-byte value out and back between two
 * tasks) over unbuffered channels and over buffered ones, and a select
 * over 4 channels one of which a partner fills each round. Prints "bench
 * <name> <count per operation>" in the board's count unit.
 */
#include <stdio.h>

#include "board.h"
#include "goro.h"

#if defined(__arm__) || defined(__riscv)
#define N 5000
#else
#define N 500000
#endif

static struct goro_chan ping, pong, sel[4];
static uint32_t ping_buf[1], pong_buf[1];
static uint64_t t0, t1;

static void
client(void *arg)
{
	uint32_t v = 0;
	int i;

	(void)arg;
	t0 = goro_board_count();
	for (i = 0; i < N; i++) {
		goro_chan_send(&ping, &v);
		goro_chan_recv(&pong, &v);
	}
	t1 = goro_board_count();
	goro_chan_close(&ping);
}

static void
server(void *arg)
{
	uint32_t v;

	(void)arg;
	while (goro_chan_recv(&ping, &v) == 0) {
		v++;
		goro_chan_send(&pong, &v);
	}
}

static void
selector(void *arg)
{
	struct goro_case cs[4];
	uint32_t v;
	int i;

	(void)arg;
	for (i = 0; i < 4; i++)
		cs[i] = (struct goro_case){.chan = &sel[i], .dir = GORO_RECV, .elem = &v};
	t0 = goro_board_count();
	for (i = 0; i < N; i++)
		goro_select(cs, 4, -1);
	t1 = goro_board_count();
}

static void
feeder(void *arg)
{
	uint32_t v = 1;
	int i;

	(void)arg;
	for (i = 0; i < N; i++)
		goro_chan_send(&sel[i % 4], &v);
}

static void
round_trip(const char *name, size_t cap)
{
	goro_chan_init(&ping, cap ? ping_buf : NULL, sizeof(uint32_t), cap);
	goro_chan_init(&pong, cap ? pong_buf : NULL, sizeof(uint32_t), cap);
	goro_go(client, NULL);
	goro_go(server, NULL);
	goro_run();
	printf("bench %s %.1f\n", name, (double)(t1 - t0) / N);
}

int
main(void)
{
	int i;

	goro_board_count();
	round_trip("chan_unbuffered", 0);
	round_trip("chan_buffered", 1);
	for (i = 0; i < 4; i++)
		goro_chan_init(&sel[i], NULL, sizeof(uint32_t), 0);
	goro_go(selector, NULL);
	goro_go(feeder, NULL);
	goro_run();
	printf("bench select4 %.1f\n", (double)(t1 - t0) / N);
	printf("unit %s\n", goro_board_count_unit());
	return 0;
}
