/*
 * The stack pool: a buddy allocator of power-of-two blocks over one fixed
 * region. There is no OS to return memory to, so every block goes back here
 * and neighbours coalesce, keeping the pool whole once all tasks are gone
 * (but for the smallest blocks waiting, free, in the cache below).
 *
 * Blocks are named by their offset from the region's start; a block of
 * order k is GORO_MIN_BLOCK << k bytes and its offset is a multiple of that
 * size, so its buddy is at offset ^ size. A free block holds its list links
 * in its first bytes. Everything else is kept apart, in meta[], one byte
 * per minimum block, because a used block's bytes belong to its task and
 * can hold anything:
 *
 *   POOL_STACK, POOL_DATA  every minimum block of a block in use: what
 *                          holds it, a task stack or data (a pooled
 *                          channel). The checks that an object does not
 *                          live on a movable stack, and the stale-pointer
 *                          scan after a move, read it (pool_kind);
 *   META_FREE | k          the first minimum block of a free block of
 *                          order k, on its list;
 *   META_CACHED            a freed smallest block waiting in the cache;
 *   POOL_NONE              the rest of a free block.
 */
#include <string.h>

#include "rt.h"

/*
 * Under AddressSanitizer every free block is poisoned, so a task that
 * touches a stack block it no longer owns (through a pointer the mover
 * missed, say) is reported on the spot. The functions that walk the free
 * lists inside free blocks are kept out of ASan's checks.
 */
#ifdef GORO_ASAN
#include <sanitizer/asan_interface.h>
#define POOL_NOASAN              __attribute__((no_sanitize_address))
#define POOL_POISON_ASAN(p, n)   ASAN_POISON_MEMORY_REGION((p), (n))
#define POOL_UNPOISON_ASAN(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POOL_NOASAN
#define POOL_POISON_ASAN(p, n)   ((void)(p), (void)(n))
#define POOL_UNPOISON_ASAN(p, n) ((void)(p), (void)(n))
#endif

#define NBLOCKS (GORO_POOL_SIZE / GORO_MIN_BLOCK)
/* Orders 0 .. POOL_MAX_ORDER (rt.h): the carved blocks are the largest
 * the pool ever has, since coalescing stops at a buddy that does not fit. */
#define NORDERS (POOL_MAX_ORDER + 1)

_Static_assert((GORO_MIN_BLOCK & (GORO_MIN_BLOCK - 1)) == 0,
               "pool min block must be a power of two");
_Static_assert(GORO_MIN_BLOCK >= 64, "a block must hold the free list links and a frame");
_Static_assert(GORO_POOL_SIZE % GORO_MIN_BLOCK == 0, "pool size must be a multiple of min block");
_Static_assert(NBLOCKS >= 1, "pool must hold at least one block");
_Static_assert(NBLOCKS < 0x80000000u, "POOL_LOG2 and a meta byte's order take up to 2^31 blocks");

#define META_FREE   0x80u
#define META_CACHED (META_FREE | NORDERS) /* on the cache's list, lists[NORDERS] */

/* A free block's links. Each list is a ring through its head in lists[],
 * so a block goes on or comes off with no case for the ends. */
struct fblock {
	struct fblock *next, *prev;
};

/*
 * Freed blocks of the smallest size wait in the cache, uncoalesced, for
 * the next allocation: spawning and ending small tasks is the common
 * case, and a pool split down to one block and merged back up costs two
 * list operations per order each time. Cached blocks count as free;
 * anything that needs the true shape of the pool (a bigger allocation
 * that fails, the exhausted-pool panic) puts them back first. The cache is
 * one more ring, last in lists[], taken from and put back at its head, as
 * a stack. Its blocks are marked META_CACHED, which is no order's free
 * mark: nothing merges with them while they wait.
 */
/* It holds up to an eighth of the pool's blocks, at most 64: a batch of
 * tasks spawned and ended together (and one spawned and run by goro_run
 * at a time) takes and gives back its stacks there, and the cache is
 * left as it is when goro_run returns, for the next run. The price is
 * paid only when a larger block cannot be had from the lists: the flush,
 * up to 64 blocks merged, before the allocation looks again.
 *
 * A pool of fewer than 8 blocks has none. Nor is there one in a runtime
 * built for size (RT_SMALL) with checks below 2: there the cache only
 * buys speed, at some 100 bytes of Thumb, and every path works without
 * it. With checks >= 2 it stays: a block a growth left waits in it
 * unmerged, so the forced moves that follow (goro_debug_move_every) do
 * not land on it, any more than on the blocks stack_release_g0 holds
 * back. */
#define QCACHE_MAX 64
#define QCACHE                                                                                     \
	(!RT_SMALL || GORO_CHECKS >= 2 ? (NBLOCKS / 8 < QCACHE_MAX ? NBLOCKS / 8 : QCACHE_MAX) : 0)
#define CACHE (&pool.lists[NORDERS])

/* With several CPUs, the pool's own lock: the innermost of the runtime's
 * (rt.h), held only inside this file's entry points. */
#if GORO_NCPU > 1
static spinlock_t poollock;
#define pool_lock()   spin_lock(&poollock)
#define pool_unlock() spin_unlock(&poollock)
#else
#define pool_lock()   ((void)0)
#define pool_unlock() ((void)0)
#endif
#if GORO_CHECKS >= 2
/* Minimum blocks never handed out yet: still the zeros of .bss, since
 * poisoning the whole region up front would touch every page of it (the
 * host's pool is 64 MiB of address space, used only as stacks need it). */
static uint8_t virgin[NBLOCKS];
#endif
/* The pool's state and its blocks, in one object: code that needs
 * several of them reaches all from one address. */
static struct {
	struct fblock lists[NORDERS + 1]; /* lists[k]: free blocks of order k; then CACHE */
	int nqcache;                      /* blocks in the cache */
	/* And one past the end, never marked: a buddy at the pool's end (the
	 * largest block's, or a carved block's at the end) is never free. */
	uint8_t meta[NBLOCKS + 1];
	_Alignas(16) unsigned char mem[GORO_POOL_SIZE];
} pool;

uintptr_t
pool_base(void)
{
	return (uintptr_t)pool.mem;
}

/* As integers: a pointer from outside the pool (a bad free) has an offset
 * too, at or past GORO_POOL_SIZE. */
static size_t
offset_of(const void *p)
{
	return (uintptr_t)p - (uintptr_t)pool.mem;
}

static struct fblock *
block_at(size_t off)
{
	return (struct fblock *)(pool.mem + off);
}

static void
set_kind(size_t off, unsigned order, uint8_t k)
{
	/* The common case, a smallest stack, makes no call, except in a
	 * runtime built for size (RT_SMALL): there the test is longer than
	 * the time it saves is worth. */
	if (!RT_SMALL && order == 0)
		pool.meta[off / GORO_MIN_BLOCK] = k;
	else
		memset(pool.meta + off / GORO_MIN_BLOCK, k, (size_t)1 << order);
}

/* Without the lock: a block's kind changes only while its owner is not
 * looking (ThreadSanitizer is told so). */
#ifdef GORO_TSAN
__attribute__((no_sanitize("thread")))
#endif
int
pool_kind(uintptr_t addr)
{
	uintptr_t off = addr - (uintptr_t)pool.mem;
	unsigned m = off < GORO_POOL_SIZE ? pool.meta[off / GORO_MIN_BLOCK] : POOL_NONE;

	return m <= POOL_DATA ? (int)m : POOL_NONE;
}

void
pool_mark_data(void *p, unsigned order)
{
	pool_lock();
	set_kind(offset_of(p), order, POOL_DATA);
	pool_unlock();
}

/* For each block in use as data, fn(lo, hi): for the stale-pointer scan. */
void
pool_each_data(void (*fn)(uintptr_t lo, uintptr_t hi, void *arg), void *arg)
{
	size_t i = 0;

	pool_lock();
	while (i < NBLOCKS) {
		size_t j = i + 1;
		if (pool.meta[i] != POOL_DATA) {
			i++;
			continue;
		}
		while (j < NBLOCKS && pool.meta[j] == POOL_DATA)
			j++;
		fn((uintptr_t)pool.mem + i * GORO_MIN_BLOCK,
		   (uintptr_t)pool.mem + j * GORO_MIN_BLOCK, arg);
		i = j;
	}
	pool_unlock();
}

/*
 * A free block's bytes are poison (checks >= 2), except the list links at
 * the start of a block while it is on a list (a free list or the cache):
 * links are poisoned again when the block leaves its list, so a block
 * handed out is poison through and through, and anything else shows a
 * write after free. Out of line: inline, its registers made the frames of
 * the list operations' callers deeper, and a spawn from a task allocates
 * on the task's stack, unchecked.
 */
POOL_NOASAN __attribute__((noinline)) static void
poison_links(struct fblock *b)
{
#if GORO_CHECKS >= 2
	/* Stores, not memset: under ASan the block is poisoned already, and
	 * ASan intercepts memset even here. */
	uintptr_t v = virgin[offset_of(b) / GORO_MIN_BLOCK]
	                      ? 0
	                      : (uintptr_t)0x0101010101010101ull * POOL_POISON;

	b->next = b->prev = (struct fblock *)v;
#else
	(void)b;
#endif
}

/* Check that a block about to be handed out is still poison (or, where it
 * was never handed out, zero), and mark it used. */
POOL_NOASAN static void
poison_verify(const void *p, unsigned order)
{
#if GORO_CHECKS >= 2
	size_t i = offset_of(p) / GORO_MIN_BLOCK, n = (size_t)1 << order;

	for (; n > 0; n--, i++) {
		const uint32_t *w = (const uint32_t *)(pool.mem + i * GORO_MIN_BLOCK);
		const uint32_t *end = w + GORO_MIN_BLOCK / sizeof *w;
		const uint32_t poison = 0x01010101u * POOL_POISON;
		const int zero_ok = virgin[i]; /* zero, or poison if pool_init ran again */

		virgin[i] = 0;
		for (; w < end; w++)
			if (*w != poison && !(zero_ok && *w == 0))
				goro_panic(
				        "stack pool block %p (%lu bytes) was written after it was "
				        "freed: word at %p is %#lx",
				        p, (unsigned long)pool_block_size(order), (const void *)w,
				        (unsigned long)*w);
	}
#else
	(void)p, (void)order;
#endif
}

POOL_NOASAN static void
list_push(struct fblock *head, struct fblock *b)
{
	b->next = head->next;
	b->prev = head;
	head->next->prev = b;
	head->next = b;
}

POOL_NOASAN static void
list_remove(struct fblock *b)
{
	b->prev->next = b->next;
	b->next->prev = b->prev;
	poison_links(b);
}

/* The free block of order k at off goes on its list. */
POOL_NOASAN static void
list_free(size_t off, unsigned k)
{
	pool.meta[off / GORO_MIN_BLOCK] = (uint8_t)(META_FREE | k);
	list_push(&pool.lists[k], block_at(off));
}

/* Whether the core counts leading zeros in one instruction. Without
 * (Cortex-M0, RV32IMAC), __builtin_clzl is a call to libgcc's __clzsi2,
 * 60 bytes on Cortex-M0. */
#if defined(__ARM_FEATURE_CLZ) || defined(__x86_64__) || defined(__riscv_zbb)
#define POOL_CLZ 1
#else
#define POOL_CLZ 0
#endif

int
pool_order(size_t size)
{
	unsigned k;

	if (size <= GORO_MIN_BLOCK)
		return 0;
#if POOL_CLZ
	/* The bits of (size - 1) / min block: the order whose block holds
	 * size. Constant time: every spawn asks twice. */
	k = (unsigned)(8 * sizeof(unsigned long)) -
	    (unsigned)__builtin_clzl((unsigned long)((size - 1) / GORO_MIN_BLOCK));
#elif RT_SMALL
	/* The same bits counted by shifting them out, one order a step:
	 * less than half the code of the compares below, which GCC
	 * unrolls. */
	for (k = 0, size = (size - 1) / GORO_MIN_BLOCK; size != 0; size >>= 1)
		k++;
#else
	/* The smallest order whose block holds size, counted up: a few
	 * shifts for the sizes spawns ask for, and shorter than the call. */
	for (k = 1; k < NORDERS && pool_block_size(k) < size; k++)
		;
#endif
	return k < NORDERS ? (int)k : -1;
}

/* The block of this order at off is free: clear its kind, merge it with
 * its buddy while the buddy is free at the same order, and list the
 * result. A buddy at the pool's end stops it (meta[NBLOCKS] is never
 * marked, and no buddy lies further: an upper buddy starts where its
 * block ends), and so does one that only begins inside the pool: it is
 * never marked free at this order. */
POOL_NOASAN static void
release(size_t off, unsigned order)
{
	set_kind(off, order, POOL_NONE);
	for (;; order++) {
		size_t size = pool_block_size(order), buddy = off ^ size;

		if (pool.meta[buddy / GORO_MIN_BLOCK] != (META_FREE | order))
			break;
		pool.meta[buddy / GORO_MIN_BLOCK] = POOL_NONE;
		list_remove(block_at(buddy));
		off &= ~size;
	}
	list_free(off, order);
}

/* Carve the region into the largest aligned blocks that fit: one block when
 * the size is a power of two, else one per bit of the size in minimum
 * blocks, largest first, each aligned since only larger ones lie below it.
 * release clears each block's meta bytes, whatever an earlier pool_init
 * left there, and merges nothing: the buddy of each lies above it, where
 * less than its size is left. Called once, by sched_init. */
POOL_NOASAN void
pool_init(void)
{
	size_t off = 0;
	int k;

#if GORO_CHECKS >= 2
	/* Called again (a white-box test, a fuzz input): links of the old
	 * lists would be taken for writes after free. */
	for (; off < GORO_POOL_SIZE; off += GORO_MIN_BLOCK)
		if (pool.meta[off / GORO_MIN_BLOCK] & META_FREE)
			poison_links(block_at(off));
	memset(virgin, 1, sizeof virgin);
	off = 0;
#endif
	for (k = 0; k <= NORDERS; k++)
		pool.lists[k].next = pool.lists[k].prev = &pool.lists[k];
	pool.nqcache = 0;
	for (k = POOL_MAX_ORDER; k >= 0; k--)
		if (NBLOCKS >> k & 1) {
			release(off, (unsigned)k);
			off += pool_block_size((unsigned)k);
		}
	POOL_POISON_ASAN(pool.mem, sizeof pool.mem);
}

/* Put the cached blocks back where coalescing can merge them. Inline: at
 * -O2 alloc_locked then calls release itself, a frame less below a spawn
 * from a task. */
POOL_NOASAN static inline void
qcache_flush(void)
{
	while (QCACHE && pool.nqcache > 0) {
		struct fblock *b = CACHE->next;

		pool.nqcache--;
		list_remove(b);
		release(offset_of(b), 0);
	}
}

POOL_NOASAN static void *
alloc_locked(unsigned order)
{
	unsigned k = order;
	struct fblock *b;
	size_t off;

	if (QCACHE && order == 0 && pool.nqcache > 0) {
		pool.nqcache--;
		b = CACHE->next;
	} else {
		/* The smallest order with a free block; the cache may hold what
		 * merges into one. */
		for (;;) {
			for (k = order; k < NORDERS && pool.lists[k].next == &pool.lists[k]; k++)
				;
			if (k < NORDERS)
				break;
			if (!QCACHE || pool.nqcache == 0)
				return NULL;
			qcache_flush();
		}
		b = pool.lists[k].next;
	}
	list_remove(b);
	off = offset_of(b);
	/* Split: keep the low half, free the high half, until small enough. */
	while (k > order) {
		k--;
		list_free(off + pool_block_size(k), k);
	}
	POOL_UNPOISON_ASAN(b, pool_block_size(order));
	poison_verify(b, order);
	set_kind(off, order, POOL_STACK);
	return b;
}

/*
 * Grow the block at *p from order to target in place, downwards, if every
 * buddy below it is free: a stack grows down, so the live part at the top
 * stays where it is and nothing needs copying. This is what a stack that
 * gave back its low half (stack_shrink_g0) gets back when it grows again,
 * if nobody took it meanwhile. Returns 1 and the new low end in *p, or 0,
 * changing nothing.
 */
POOL_NOASAN static int
grow_down_locked(void **p, unsigned order, unsigned target)
{
	size_t off = offset_of(*p), o = off;
	unsigned k, m;

	for (k = order; k < target; k++) {
		size_t size = pool_block_size(k);

		if (!(o & size))
			return 0; /* we are the low buddy */
		m = pool.meta[(o - size) / GORO_MIN_BLOCK];
		if (m != (META_FREE | k) && !(QCACHE && k == 0 && m == META_CACHED))
			return 0; /* the one below is taken */
		o -= size;
	}
	for (k = order, o = off; k < target; k++) {
		o -= pool_block_size(k);
		if (pool.meta[o / GORO_MIN_BLOCK] == META_CACHED)
			pool.nqcache--; /* a smallest block, free in the cache */
		list_remove(block_at(o));
		poison_verify(pool.mem + o, k);
	}
	POOL_UNPOISON_ASAN(pool.mem + o, off - o);
	set_kind(o, target, pool.meta[off / GORO_MIN_BLOCK]);
	*p = pool.mem + o;
	return 1;
}

POOL_NOASAN static void
free_locked(void *p, unsigned order)
{
	size_t off = offset_of(p), i = off / GORO_MIN_BLOCK;

	/* A block of the pool, of this order, and in use (its kind; free
	 * and cached blocks have none): else a runtime bug that would
	 * corrupt the free lists. One check, one message. */
	if (off >= GORO_POOL_SIZE || off % pool_block_size(order) != 0 ||
	    (pool.meta[i] != POOL_STACK && pool.meta[i] != POOL_DATA))
		goro_panic("pool: free of %p (order %u): not a block in use", p, order);
#if GORO_CHECKS >= 2
	memset(p, POOL_POISON, pool_block_size(order));
#endif
	POOL_POISON_ASAN(p, pool_block_size(order));
	if (QCACHE && order == 0 && pool.nqcache < QCACHE) {
		list_free(off, NORDERS); /* META_CACHED */
		pool.nqcache++;
		return;
	}
	release(off, order);
}

void *
pool_alloc(unsigned order)
{
	void *p;

	pool_lock();
	p = alloc_locked(order);
	pool_unlock();
	return p;
}

int
pool_grow_down(void **p, unsigned order, unsigned target)
{
	int r;

	pool_lock();
	r = grow_down_locked(p, order, target);
	pool_unlock();
	return r;
}

void
pool_free(void *p, unsigned order)
{
	pool_lock();
	free_locked(p, order);
	pool_unlock();
}

/* The bytes in listed free blocks (not counting the cache), and the
 * largest of them in *largest, 0 if none: one step per free block. */
POOL_NOASAN static size_t
listed(size_t *largest)
{
	size_t n = 0, size = GORO_MIN_BLOCK;
	const struct fblock *l, *b;

	*largest = 0;
	for (l = pool.lists; l < CACHE; l++, size *= 2)
		for (b = l->next; b != l; b = b->next) {
			n += size;
			*largest = size;
		}
	return n;
}

/* For the panic of a stack the pool cannot give: bytes free, and the
 * largest free block in *largest. The cache goes back to the lists first,
 * so that the lists alone tell the largest: what the pool does next no
 * longer matters to a program that is ending, and goro_pool_info's
 * search need not be linked for it. */
size_t
pool_exhausted_info(size_t *largest)
{
	size_t n;

	pool_lock();
	qcache_flush();
	n = listed(largest);
	pool_unlock();
	return n;
}

/*
 * Is the block of this size at off free as a whole, counting cached
 * blocks as free (as a coalescing flush would make them)? A walk from its
 * low end, one free block or one cached minimum block at a time, in a
 * frame of its own size: goro_pool_info runs unchecked on the caller's
 * stack, so its depth must not grow with the pool's orders, as a
 * recursion over the halves would (12 frames on a 1 MiB pool of 512 B
 * blocks, past the RISC-V boards' guard zone). Free blocks are aligned to
 * their size, so one that starts inside the block lies wholly inside it;
 * one at off that is at least as big covers it.
 */
static int
whole_free(size_t off, size_t size)
{
	size_t end = off + size;

	while (off < end) {
		unsigned m = pool.meta[off / GORO_MIN_BLOCK];

		if (m == META_CACHED)
			off += GORO_MIN_BLOCK;
		else if (m & META_FREE)
			off += pool_block_size(m & ~META_FREE);
		else
			return 0;
	}
	return 1;
}

/* Read only: it reaps nothing and flushes nothing, so asking never changes
 * what the pool will do next. Exited tasks whose stacks g0 has not given
 * back yet count as used until it has. */
void
goro_pool_info(struct goro_pool_info *out)
{
	size_t size, off, largest;

	if (out == NULL)
		return;
	sched_init();
	pool_lock();
	out->total = GORO_POOL_SIZE;
	out->min_block = GORO_MIN_BLOCK;
	out->free = listed(&largest) + (size_t)pool.nqcache * GORO_MIN_BLOCK;
	/* Cached blocks may merge with free ones into a larger block than
	 * any listed: look for one wholly free, from the largest size down.
	 * A cached block is one, so this ends by the smallest size. */
	for (size = pool_block_size(POOL_MAX_ORDER); QCACHE && pool.nqcache > 0 && size > largest;
	     size /= 2)
		for (off = 0; off + size <= GORO_POOL_SIZE; off += size)
			if (whole_free(off, size)) {
				largest = size;
				break;
			}
	out->largest_free = largest;
	pool_unlock();
}
