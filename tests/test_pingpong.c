/* Two tasks hand the CPU back and forth through goro_yield: each sees the
 * other's move every time, 1000 rounds each. */
#include "check.h"
#include "goro.h"

#define ROUNDS 1000

static int turn; /* whose move: 0 = ping, 1 = pong */
static int moves[2];

static void
player(void *arg)
{
	int me = (int)(intptr_t)arg;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		CHECK_EQ(turn, me);
		moves[me]++;
		turn = !me;
		goro_yield();
	}
}

int
main(void)
{
	/* On one CPU: the turns are a promise of one CPU's yield. */
	CHECK(goro_go_cpu0(player, (void *)0) > 0);
	CHECK(goro_go_cpu0(player, (void *)1) > 0);
	goro_run();
	CHECK_EQ(moves[0], ROUNDS);
	CHECK_EQ(moves[1], ROUNDS);
	CHECK_POOL_WHOLE();
	printf("ok pingpong\n");
	return 0;
}
