/*
 * A libFuzzer target for the stack pool (runtime/pool.c), driven through
 * its internal calls against a model of which minimum blocks are owned.
 * Each input is a program: pool_init, then one operation per byte or two
 * (allocate at an order, free a live block, grow one down in place, ask
 * goro_pool_info, ask pool_order), then everything freed. What must hold:
 *
 *   - an allocation is aligned to its size, inside the pool, and overlaps
 *     no block in use; it fails only when no aligned run of free blocks
 *     of that size is left (or the order is beyond the pool's largest);
 *   - a block's bytes stay as its owner wrote them until it is freed (the
 *     pool keeps its lists in free blocks only);
 *   - pool_grow_down succeeds only when the blocks below are free and
 *     aligned for the bigger order, and returns that bigger block; when
 *     they are free and no freed smallest block among them may wait in
 *     the pool's cache, it must succeed;
 *   - goro_pool_info's free count is the bytes not in use, and its
 *     largest block is no larger than the model's largest free run;
 *   - pool_order gives the smallest order that holds a size, or -1;
 *   - freeing a block again panics (FUZZ_DOUBLE_FREE);
 *   - with everything freed, the pool is whole again: all bytes free and
 *     the largest block back, which one allocation can take.
 *
 * The pool's shape comes from goro_config.h and the command line
 * (GORO_POOL_SIZE, GORO_MIN_BLOCK): tests/fuzz/meson.build builds one
 * target per shape. README.md says how to run it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_pool"
#include "harness.h"

#define NB      (GORO_POOL_SIZE / GORO_MIN_BLOCK)
#define MAXLIVE 64

struct live {
	size_t off;
	unsigned order;
	unsigned char tag;
};

static struct live live[MAXLIVE];
static int nlive;
static int owner[NB];                  /* live index + 1 of the block's owner, or 0 */
static unsigned char maybe_cached[NB]; /* freed as a smallest block, not taken since */
static unsigned maxorder;
static unsigned char ntag;

/* FUZZ_POOL_TRACE=1 in the environment: print each operation, to follow
 * a crashing input. */
static int trace;
#define TRACE(...)                                                                                 \
	do {                                                                                       \
		if (trace)                                                                         \
			fprintf(stderr, __VA_ARGS__);                                              \
	} while (0)

static const uint8_t *in;
static size_t inlen;

static unsigned
next(void)
{
	if (inlen == 0)
		return 0;
	inlen--;
	return *in++;
}

static size_t
bsize(unsigned order)
{
	return (size_t)GORO_MIN_BLOCK << order;
}

static unsigned char *
addr(size_t off)
{
	return (unsigned char *)pool_base() + off;
}

/* Every minimum block of [off, off + len) is free in the model. */
static int
model_free(size_t off, size_t len)
{
	size_t i;

	for (i = off / GORO_MIN_BLOCK; i < (off + len) / GORO_MIN_BLOCK; i++)
		if (owner[i])
			return 0;
	return 1;
}

static int
model_cached(size_t off, size_t len)
{
	size_t i;

	for (i = off / GORO_MIN_BLOCK; i < (off + len) / GORO_MIN_BLOCK; i++)
		if (maybe_cached[i])
			return 1;
	return 0;
}

/* Is there an aligned free run of order k? */
static int
model_fits(unsigned k)
{
	size_t off;

	if (k > maxorder)
		return 0;
	for (off = 0; off + bsize(k) <= GORO_POOL_SIZE; off += bsize(k))
		if (model_free(off, bsize(k)))
			return 1;
	return 0;
}

static void
model_own(int idx, size_t off, size_t len)
{
	size_t i;

	for (i = off / GORO_MIN_BLOCK; i < (off + len) / GORO_MIN_BLOCK; i++) {
		owner[i] = idx + 1;
		maybe_cached[i] = 0;
	}
}

static size_t
model_used(void)
{
	size_t i, n = 0;

	for (i = 0; i < NB; i++)
		if (owner[i])
			n += GORO_MIN_BLOCK;
	return n;
}

/* Fill a block with its owner's tag, or check that it still holds it. */
static void
fill(const struct live *l)
{
	memset(addr(l->off), l->tag, bsize(l->order));
}

static void
verify(const struct live *l)
{
	const unsigned char *p = addr(l->off);
	size_t i;

	for (i = 0; i < bsize(l->order); i++)
		if (p[i] != l->tag)
			FAIL("block at offset %zu (order %u): byte %zu is 0x%02x, its owner wrote "
			     "0x%02x",
			     l->off, l->order, i, p[i], l->tag);
}

static void
op_alloc(unsigned order)
{
	int fits = model_fits(order);
	unsigned char *p = pool_alloc(order);
	struct live *l;
	size_t off;

	TRACE("alloc %u -> %ld\n", order, p ? (long)(p - addr(0)) : -1L);
	if (p == NULL) {
		if (fits)
			FAIL("pool_alloc(%u) failed with an aligned free run of that size left",
			     order);
		return;
	}
	if (!fits)
		FAIL("pool_alloc(%u) gave a block where the model has none free", order);
	off = (size_t)(p - addr(0));
	if (p < addr(0) || off + bsize(order) > GORO_POOL_SIZE || off % bsize(order) != 0)
		FAIL("pool_alloc(%u) gave offset %zu: outside the pool or misaligned", order, off);
	if (!model_free(off, bsize(order)))
		FAIL("pool_alloc(%u) gave offset %zu, which overlaps a block in use", order, off);
	if (nlive == MAXLIVE) { /* no room to track it: straight back */
		TRACE("free %zu order %u\n", off, order);
		pool_free(p, order);
		if (order == 0)
			maybe_cached[off / GORO_MIN_BLOCK] = 1;
		return;
	}
	l = &live[nlive];
	l->off = off;
	l->order = order;
	l->tag = (unsigned char)(++ntag == 0xDD ? ++ntag : ntag); /* not the poison */
	model_own(nlive, off, bsize(order));
	nlive++;
	fill(l);
}

/* A block just freed: what the misuse case frees again. */
static size_t last_off = (size_t)-1;
static unsigned last_order;

static void
op_free(int idx)
{
	struct live *l = &live[idx];
	size_t i;

	TRACE("free %zu order %u\n", l->off, l->order);
	verify(l);
	pool_free(addr(l->off), l->order);
	for (i = l->off / GORO_MIN_BLOCK; i < (l->off + bsize(l->order)) / GORO_MIN_BLOCK; i++) {
		owner[i] = 0;
		maybe_cached[i] = l->order == 0;
	}
	last_off = l->off;
	last_order = l->order;
	/* The last entry takes the freed one's place. */
	if (idx != nlive - 1) {
		*l = live[nlive - 1];
		model_own(idx, l->off, bsize(l->order));
	}
	nlive--;
}

static void
op_grow_down(int idx, unsigned target)
{
	struct live *l = &live[idx];
	size_t low = l->off & ~(bsize(target) - 1);
	void *p = addr(l->off);
	/* Possible when the block is the top of its target-order block and
	 * everything below it there is free. */
	int possible = target <= maxorder && low + bsize(target) == l->off + bsize(l->order) &&
	               model_free(low, l->off - low);
	int r;

	verify(l);
	r = pool_grow_down(&p, l->order, target);
	TRACE("grow_down %zu order %u -> %u: %d\n", l->off, l->order, target, r);
	if (r == 0) {
		if (p != addr(l->off))
			FAIL("pool_grow_down failed but moved the block");
		if (possible && !model_cached(low, l->off - low))
			FAIL("pool_grow_down(offset %zu, %u -> %u) failed with the blocks below "
			     "free",
			     l->off, l->order, target);
		return;
	}
	if (r != 1)
		FAIL("pool_grow_down returned %d", r);
	if (!possible)
		FAIL("pool_grow_down(offset %zu, %u -> %u) took blocks that are not free", l->off,
		     l->order, target);
	if (p != addr(low))
		FAIL("pool_grow_down(offset %zu, %u -> %u) gave offset %zu, not %zu", l->off,
		     l->order, target, (size_t)((unsigned char *)p - addr(0)), low);
	l->off = low;
	l->order = target;
	model_own(idx, low, bsize(target));
	fill(l);
}

static void
op_info(void)
{
	struct goro_pool_info pi;
	size_t largest = 0;
	unsigned k;

	goro_pool_info(&pi);
	TRACE("info free %zu largest %zu\n", pi.free, pi.largest_free);
	if (pi.total != GORO_POOL_SIZE || pi.min_block != GORO_MIN_BLOCK)
		FAIL("goro_pool_info: total %zu, min block %zu", pi.total, pi.min_block);
	if (pi.free != GORO_POOL_SIZE - model_used())
		FAIL("goro_pool_info: %zu bytes free, the model has %zu", pi.free,
		     GORO_POOL_SIZE - model_used());
	for (k = 0; k <= maxorder; k++)
		if (model_fits(k))
			largest = bsize(k);
	if (pi.largest_free > largest)
		FAIL("goro_pool_info: largest block %zu, the model's largest free run %zu",
		     pi.largest_free, largest);
}

static void
op_order(size_t size)
{
	unsigned k = 0;
	int want;

	while (bsize(k) < size)
		k++;
	want = k <= maxorder ? (int)k : -1;
	if (pool_order(size) != want)
		FAIL("pool_order(%zu) is %d, not %d", size, pool_order(size), want);
}

/* Freeing a block again is a panic. (FUZZ_DOUBLE_FREE: tests/fuzz/meson.build
 * builds the pool targets with it, README.md says why.) */
static void
op_double_free(void)
{
#ifdef FUZZ_DOUBLE_FREE
	if (last_off == (size_t)-1 || !model_free(last_off, bsize(last_order)))
		return;
	if (setjmp(panic_jmp) == 0) {
		expect_panic = 1;
		pool_free(addr(last_off), last_order);
		FAIL("pool_free of the free block at offset %zu (order %u): no panic", last_off,
		     last_order);
	}
#endif
}

/* The largest block of the whole pool: its first, when carved. */
static size_t
whole_largest(void)
{
	return bsize(maxorder);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct goro_pool_info pi;
	void *p;

	trace = getenv("FUZZ_POOL_TRACE") != NULL;
	in = data;
	inlen = size;
	pool_init();
	maxorder = pool_max_order();
	nlive = 0;
	last_off = (size_t)-1;
	memset(owner, 0, sizeof owner);
	memset(maybe_cached, 0, sizeof maybe_cached);
	while (inlen > 0) {
		unsigned op = next();
		switch (op % 10) {
		case 0:
		case 1:
		case 2:
			/* Mostly small blocks, as stacks are; now and then one
			 * past the largest order. */
			op_alloc(op & 0x80 ? next() % (maxorder + 2) : (op >> 4) % 3);
			break;
		case 3:
		case 4:
		case 5:
			if (nlive)
				op_free((int)(next() % (unsigned)nlive));
			break;
		case 6:
			if (nlive) {
				int i = (int)(next() % (unsigned)nlive);
				op_grow_down(i, live[i].order + 1 + next() % 3);
			}
			break;
		case 7:
			op_info();
			break;
		case 8:
			op_order(((size_t)next() << 8 | next()) * (GORO_POOL_SIZE >> 15 | 1));
			break;
		default:
			op_double_free();
			break;
		}
	}

	/* Everything back: the pool is whole. Every byte is free, the largest
	 * block can be had (smallest blocks waiting in the cache merge back
	 * when nothing else fits), and then goro_pool_info sees it free. */
	while (nlive)
		op_free(nlive - 1);
	goro_pool_info(&pi);
	if (pi.free != GORO_POOL_SIZE)
		FAIL("all freed, but the pool has %zu of %d bytes free", pi.free, GORO_POOL_SIZE);
	p = pool_alloc(maxorder);
	if (p != addr(0))
		FAIL("all freed, but the largest block cannot be had again");
	pool_free(p, maxorder);
	goro_pool_info(&pi);
	if (pi.free != GORO_POOL_SIZE || pi.largest_free != whole_largest())
		FAIL("the largest block freed, but the pool has %zu of %d bytes free, largest "
		     "block %zu of %zu",
		     pi.free, GORO_POOL_SIZE, pi.largest_free, whole_largest());
	return 0;
}
