/* The buddy allocator alone (white box): random allocations and frees of
 * every order never overlap, are aligned to their size, and coalesce back
 * to one whole pool. Each block is filled with its owner's tag and checked
 * on free, so an overlap shows as a clobbered tag. First, the kinds the
 * pool reports for blocks in use, free and cached. */
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

/* One byte per minimum block holds both what a block in use holds and
 * the free and cached marks: pool_kind must report a kind in blocks in use
 * only, POOL_NONE on a free block's mark, inside a free block, on a cached
 * block and outside the pool. The pool is whole before and after. */
static void
kinds(void)
{
	const size_t m = GORO_MIN_BLOCK;
	struct goro_pool_info pi;
	unsigned char *a, *b;

	a = pool_alloc(1); /* the pool's first two minimum blocks, split off */
	CHECK(a != NULL);
	CHECK_EQ(pool_kind((uintptr_t)a), POOL_STACK);
	CHECK_EQ(pool_kind((uintptr_t)a + 2 * m - 1), POOL_STACK);
	CHECK_EQ(pool_kind((uintptr_t)a + 2 * m), POOL_NONE); /* a free block's first */
	CHECK_EQ(pool_kind((uintptr_t)a + 5 * m), POOL_NONE); /* inside a free block */
	CHECK_EQ(pool_kind(pool_base() - 1), POOL_NONE);
	CHECK_EQ(pool_kind(pool_base() + GORO_POOL_SIZE), POOL_NONE);
	pool_mark_data(a, 1);
	CHECK_EQ(pool_kind((uintptr_t)a + m), POOL_DATA);
	pool_free(a, 1);
	CHECK_EQ(pool_kind((uintptr_t)a), POOL_NONE);
	CHECK_EQ(pool_kind((uintptr_t)a + m), POOL_NONE);
	b = pool_alloc(0);
	CHECK(b != NULL);
	CHECK_EQ(pool_kind((uintptr_t)b), POOL_STACK);
	pool_free(b, 0); /* to the smallest-block cache, where the pool has one */
	CHECK_EQ(pool_kind((uintptr_t)b), POOL_NONE);
	goro_pool_info(&pi); /* a cached block is free, and merges */
	CHECK_EQ(pi.free, pi.total);
	CHECK_EQ(pi.largest_free, pi.total);
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
	CHECK_EQ((int)pool_max_order(), maxorder);
	kinds();
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
