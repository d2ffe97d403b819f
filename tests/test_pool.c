/* The buddy allocator alone (white box): random allocations and frees of
 * every order never overlap, are aligned to their size, and coalesce back
 * to one whole pool. Each block is filled with its owner's tag and checked
 * on free, so an overlap shows as a clobbered tag. */
#include <string.h>

#include "check.h"
#include "rt.h"

#define SLOTS 64

static struct {
	unsigned char *p;
	unsigned order;
	unsigned char tag;
} slot[SLOTS];

static uint32_t rng = 12345;

static uint32_t
rnd(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

static void
release(int i)
{
	size_t n = pool_block_size(slot[i].order), k;

	for (k = 0; k < n; k += 61)
		CHECK_EQ(slot[i].p[k], slot[i].tag);
	pool_free(slot[i].p, slot[i].order);
	slot[i].p = NULL;
}

int
main(void)
{
	struct goro_pool_info pi;
	int step, i, allocs = 0, fails = 0;
	int maxorder;

	sched_init(); /* the one owner of pool_init */
	maxorder = pool_order(GORO_POOL_SIZE);
	CHECK(maxorder >= 3);
	CHECK_EQ(pool_order(1), 0);
	CHECK_EQ(pool_order(GORO_MIN_BLOCK), 0);
	CHECK_EQ(pool_order(GORO_MIN_BLOCK + 1), 1);
	CHECK_EQ(pool_order((size_t)GORO_POOL_SIZE + 1), -1);
	for (step = 0; step < 20000; step++) {
		i = (int)(rnd() % SLOTS);
		if (slot[i].p) {
			release(i);
			continue;
		}
		/* Mostly small blocks, now and then a big one. */
		slot[i].order = rnd() % 8 ? rnd() % 3 : rnd() % (unsigned)(maxorder - 1);
		slot[i].p = pool_alloc(slot[i].order);
		if (slot[i].p == NULL) {
			fails++;
			continue;
		}
		allocs++;
		CHECK(((uintptr_t)slot[i].p - pool_base()) % pool_block_size(slot[i].order) == 0);
		slot[i].tag = (unsigned char)(i + 1);
		memset(slot[i].p, slot[i].tag, pool_block_size(slot[i].order));
	}
	for (i = 0; i < SLOTS; i++)
		if (slot[i].p)
			release(i);
	goro_pool_info(&pi);
	CHECK_EQ(pi.free, pi.total);
	CHECK_EQ(pi.largest_free, pi.total);
	CHECK(allocs > 1000); /* a fair share of the 10,000 tries succeeded */
	/* The whole pool in one block, then nothing more. */
	CHECK(pool_alloc((unsigned)maxorder) != NULL);
	CHECK(pool_alloc(0) == NULL);
	printf("ok pool (%d allocations, %d refused)\n", allocs, fails);
	return 0;
}
