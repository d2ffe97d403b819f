/*
 * Many tasks growing and shrinking while others are parked. Growers go deep
 * (their stacks move), come back up and yield quietly until their stacks
 * shrink, several rounds. Parked tasks hold a pointer-rich structure on
 * their stacks and only yield; it must be intact whenever they look, and
 * their stacks must never move. At the end every grower grew and shrank,
 * and the pool is whole.
 */
#include <string.h>

#include "grow.h"

/* Up to 12 growers, fewer where the pool is small (16 KB boards): each
 * grows to about 8 KB at depth 60 on a 32-bit board. */
#define MAXGROWERS 12
#define MAXPARKED  6
static int GROWERS, DEPTH, PARKED;
#define ROUNDS 4

static int growers_done, parked_stop; /* tasks on several CPUs: SHARED_* */

__attribute__((noinline)) static int
deep(int n, int *acc)
{
	volatile char pad[120];
	int mine = n, below;

	memset((char *)pad, n, sizeof pad);
	*acc += n; /* the caller's local, through a pointer */
	if (n == 0)
		return 0;
	if (n % 16 == 0)
		goro_yield(); /* let others run while the stack is deep */
	below = deep(n - 1, &mine);
	CHECK_EQ(mine, n + (n - 1));
	return below + pad[2];
}

static void
grower(void *arg)
{
	int r, k, acc, n = DEPTH + (int)(intptr_t)arg;
	struct goro_stack_info si;

	for (r = 0; r < ROUNDS; r++) {
		acc = 0;
		CHECK_EQ(deep(n, &acc), n * (n + 1) / 2);
		CHECK_EQ(acc, n); /* only the top level adds to acc */
		for (k = 0; k < 20; k++)
			goro_yield(); /* quiet yields: the stack may shrink */
	}
	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	if (PARKED == MAXPARKED) {
		/* Grew every round, shrank in between. */
		CHECK(si.grows >= ROUNDS);
		CHECK(si.shrinks >= 1);
	} else {
		/* Tiny pools: one growth to the second-smallest block, which is
		 * not shrunk again (half of it could not hold a guard zone and
		 * twice the use). */
		CHECK(si.grows >= 1);
	}
	SHARED_INC(growers_done);
}

struct cell {
	struct cell *next;
	int *valp;
	int val;
};

static void
parked(void *arg)
{
	struct cell cells[4];
	struct goro_stack_info before, after;
	int i;

	for (i = 0; i < 4; i++) {
		cells[i].val = (int)(intptr_t)arg * 10 + i;
		cells[i].valp = &cells[i].val;
		cells[i].next = i < 3 ? &cells[i + 1] : NULL;
	}
	CHECK_EQ(goro_stack_info(goro_self(), &before), GORO_OK);
	while (!SHARED_GET(parked_stop)) {
		struct cell *c = &cells[0];
		for (i = 0; c; c = c->next, i++)
			CHECK_EQ(*c->valp, (int)(intptr_t)arg * 10 + i);
		goro_yield();
	}
	CHECK_EQ(goro_stack_info(goro_self(), &after), GORO_OK);
	CHECK_EQ(after.lo, before.lo);
	CHECK_EQ(after.grows, 0);
}

static void
stopper(void *arg)
{
	(void)arg;
	while (SHARED_GET(growers_done) < GROWERS)
		goro_yield();
	SHARED_SET(parked_stop, 1);
}

int
main(void)
{
	int i;
	struct goro_pool_info pi;

	goro_pool_info(&pi);
	/* Each grower's deepest stack (about 160 bytes a level), doubled for
	 * the old and new blocks of a move, must fit in its share of a
	 * quarter of the pool: buddy blocks fragment. Boards with a few KB
	 * of pool run the smallest version: two growers that grow once. */
	DEPTH = 60;
	GROWERS = MAXGROWERS;
	PARKED = MAXPARKED;
	while (GROWERS > 2 && (size_t)GROWERS * DEPTH * 320 > pi.total / 4)
		GROWERS--;
	while (DEPTH > 4 && (size_t)GROWERS * DEPTH * 320 > pi.total / 4)
		DEPTH--;
	if (pi.total < 64 * 1024) {
		PARKED = 1;
		DEPTH = 2;
	}
	for (i = 0; i < PARKED; i++)
		spawn_roomy(parked, (void *)(intptr_t)i, "parked"); /* its frame fits */
	for (i = 0; i < GROWERS; i++)
		spawn_small(grower, (void *)(intptr_t)i, "grower", 0);
	spawn_small(stopper, NULL, "stopper", 0);
	goro_run();
	CHECK_EQ(growers_done, GROWERS);
	CHECK_POOL_WHOLE();
	printf("ok grow_many\n");
	return 0;
}
