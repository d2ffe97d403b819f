/*
 * The stack pool: a buddy allocator of power-of-two blocks over one fixed
 * region. There is no OS to return memory to, so every block goes back here
 * and neighbours coalesce, keeping the pool whole once all tasks are gone.
 *
 * Blocks are named by their offset from the region's start; a block of
 * order k is GORO_MIN_BLOCK << k bytes and its offset is a multiple of that
 * size, so its buddy is at offset ^ size. A free block holds its list links
 * in its first bytes; which blocks are free, and at what order, is kept
 * apart in meta[] (one byte per minimum block) because a used block's bytes
 * belong to its task and can hold anything. kind[] says, for every minimum
 * block, what holds it: nothing, a task stack, or data (a pooled channel).
 * The checks that an object does not live on a movable stack, and the
 * stale-pointer scan after a move, read it.
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

_Static_assert((GORO_MIN_BLOCK & (GORO_MIN_BLOCK - 1)) == 0,
               "pool min block must be a power of two");
_Static_assert(GORO_MIN_BLOCK >= 64, "a block must hold the free list links and a frame");
_Static_assert(GORO_POOL_SIZE % GORO_MIN_BLOCK == 0, "pool size must be a multiple of min block");
_Static_assert(NBLOCKS >= 1, "pool must hold at least one block");

/* Enough orders for any pool up to 2^31 min blocks. */
#define MAXORDER 31
/* meta[i]: FREE | order when min block i starts a free block, else 0. */
#define META_FREE 0x80u

struct fblock {
	struct fblock *next, *prev;
};

/*
 * Freed blocks of the smallest size wait here, uncoalesced, for the next
 * allocation: spawning and ending small tasks is the common case, and a
 * pool split down to one block and merged back up costs two list
 * operations per order each time. Cached blocks count as free; anything
 * that needs the true shape of the pool (a bigger allocation that fails,
 * goro_pool_info) puts them back first.
 */
#define QCACHE (NBLOCKS >= 64 ? 8 : 1) /* a tiny pool cannot spare blocks to it */
static void *qcache[QCACHE];
static int nqcache;

static _Alignas(16) unsigned char pool_mem[GORO_POOL_SIZE];

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
static uint8_t meta[NBLOCKS];
static uint8_t kind[NBLOCKS]; /* POOL_* of each minimum block */
#if GORO_CHECKS >= 2
/* Minimum blocks never handed out yet: still the zeros of .bss, since
 * poisoning the whole region up front would touch every page of it (the
 * host's pool is 64 MiB of address space, used only as stacks need it). */
static uint8_t virgin[NBLOCKS];
#endif
static struct fblock *freelist[MAXORDER + 1];
static unsigned norders; /* orders 0 .. norders-1 can exist */
static size_t nfree;     /* bytes in free blocks */

size_t
pool_block_size(unsigned order)
{
	return (size_t)GORO_MIN_BLOCK << order;
}

uintptr_t
pool_base(void)
{
	return (uintptr_t)pool_mem;
}

static size_t
offset_of(const void *p)
{
	return (size_t)((const unsigned char *)p - pool_mem);
}

static void
set_kind(size_t off, unsigned order, uint8_t k)
{
	if (order == 0) /* the common case, a smallest stack: no call */
		kind[off / GORO_MIN_BLOCK] = k;
	else
		memset(kind + off / GORO_MIN_BLOCK, k, (size_t)1 << order);
}

/* Without the lock: a block's kind changes only while its owner is not
 * looking (ThreadSanitizer is told so). */
#ifdef GORO_TSAN
__attribute__((no_sanitize("thread")))
#endif
int
pool_kind(uintptr_t addr)
{
	uintptr_t off = addr - (uintptr_t)pool_mem;

	return off < GORO_POOL_SIZE ? kind[off / GORO_MIN_BLOCK] : POOL_NONE;
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
		if (kind[i] != POOL_DATA) {
			i++;
			continue;
		}
		while (j < NBLOCKS && kind[j] == POOL_DATA)
			j++;
		fn((uintptr_t)pool_mem + i * GORO_MIN_BLOCK,
		   (uintptr_t)pool_mem + j * GORO_MIN_BLOCK, arg);
		i = j;
	}
	pool_unlock();
}

/*
 * A free block's bytes are poison (checks >= 2), except the list links at
 * the start of a block while it is on a free list: links are poisoned again
 * when the block leaves its list, so a block handed out is poison through
 * and through, and anything else shows a write after free.
 */
POOL_NOASAN static void
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
		const uint32_t *w = (const uint32_t *)(pool_mem + i * GORO_MIN_BLOCK);
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
list_push(unsigned order, size_t off)
{
	struct fblock *b = (struct fblock *)(pool_mem + off);

	b->prev = NULL;
	b->next = freelist[order];
	if (b->next)
		b->next->prev = b;
	freelist[order] = b;
	meta[off / GORO_MIN_BLOCK] = (uint8_t)(META_FREE | order);
	nfree += pool_block_size(order);
}

POOL_NOASAN static void
list_remove(unsigned order, struct fblock *b)
{
	if (b->prev)
		b->prev->next = b->next;
	else
		freelist[order] = b->next;
	if (b->next)
		b->next->prev = b->prev;
	meta[offset_of(b) / GORO_MIN_BLOCK] = 0;
	nfree -= pool_block_size(order);
	poison_links(b);
}

/* Carve the region into the largest aligned blocks that fit: one block when
 * the size is a power of two, a few otherwise. Called once, by sched_init. */
POOL_NOASAN void
pool_init(void)
{
	size_t off = 0;

#if GORO_CHECKS >= 2
	/* Called again (a white-box test, a fuzz input): links of the old
	 * lists would be taken for writes after free. */
	for (unsigned k = 0; k <= MAXORDER; k++)
		while (freelist[k])
			list_remove(k, freelist[k]);
	memset(virgin, 1, sizeof virgin);
#endif
	memset(freelist, 0, sizeof freelist);
	memset(meta, 0, sizeof meta);
	memset(kind, POOL_NONE, sizeof kind);
	nqcache = 0;
	nfree = 0;
	norders = 0;
	while (off + GORO_MIN_BLOCK <= GORO_POOL_SIZE) {
		unsigned k = 0;
		while (k + 1 <= MAXORDER && off % pool_block_size(k + 1) == 0 &&
		       off + pool_block_size(k + 1) <= GORO_POOL_SIZE)
			k++;
		if (k + 1 > norders)
			norders = k + 1;
		list_push(k, off);
		off += pool_block_size(k);
	}
	POOL_POISON_ASAN(pool_mem, sizeof pool_mem);
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
#else
	/* The smallest order whose block holds size, counted up: a few
	 * shifts for the sizes spawns ask for, and shorter than the call. */
	for (k = 1; k < norders && pool_block_size(k) < size; k++)
		;
#endif
	return k < norders ? (int)k : -1;
}

unsigned
pool_max_order(void)
{
	return norders - 1;
}

static void pool_free_coalesce(void *p, unsigned order);

/* The slot is cleared: a block's address left behind in the cache would
 * look like a stale pointer once the block is a stack again. */
static void *
qcache_pop(void)
{
	void *b = qcache[--nqcache];

	qcache[nqcache] = NULL;
	return b;
}

/* Put the cached blocks back where coalescing can merge them. */
static void
qcache_flush(void)
{
	while (nqcache > 0) {
		nfree -= pool_block_size(0); /* pool_free_coalesce counts it again */
		pool_free_coalesce(qcache_pop(), 0);
	}
}

POOL_NOASAN static void *
alloc_locked(unsigned order)
{
	unsigned k = order;
	struct fblock *b;
	size_t off;

	if (order == 0 && nqcache > 0) {
		b = qcache_pop();
		nfree -= pool_block_size(0);
		POOL_UNPOISON_ASAN(b, pool_block_size(0));
		poison_verify(b, 0);
		set_kind(offset_of(b), 0, POOL_STACK);
		return b;
	}
	while (k < norders && freelist[k] == NULL)
		k++;
	if (k >= norders && nqcache > 0) {
		qcache_flush(); /* the cache may hold what merges into a fit */
		k = order;
		while (k < norders && freelist[k] == NULL)
			k++;
	}
	if (k >= norders)
		return NULL;
	b = freelist[k];
	list_remove(k, b);
	off = offset_of(b);
	/* Split: keep the low half, free the high half, until small enough. */
	while (k > order) {
		k--;
		list_push(k, off + pool_block_size(k));
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
	unsigned k;

	for (k = order; k < target; k++) {
		size_t size = pool_block_size(k);
		if (!(o & size) || meta[(o - size) / GORO_MIN_BLOCK] != (META_FREE | k))
			return 0; /* we are the low buddy, or the one below is taken */
		o -= size;
	}
	for (k = order, o = off; k < target; k++) {
		o -= pool_block_size(k);
		list_remove(k, (struct fblock *)(pool_mem + o));
		poison_verify(pool_mem + o, k);
	}
	POOL_UNPOISON_ASAN(pool_mem + o, off - o);
	memset(kind + o / GORO_MIN_BLOCK, kind[off / GORO_MIN_BLOCK], (off - o) / GORO_MIN_BLOCK);
	*p = pool_mem + o;
	return 1;
}

POOL_NOASAN static void
free_locked(void *p, unsigned order)
{
	size_t off = offset_of(p);

	/* A block of the pool, of this order, not free already (meta says a
	 * free block starts there) and in use (kind): else a runtime bug
	 * that would corrupt the free lists. One check, one message. */
	if (p == NULL || off >= GORO_POOL_SIZE || off % pool_block_size(order) != 0 ||
	    meta[off / GORO_MIN_BLOCK] != 0 || kind[off / GORO_MIN_BLOCK] == POOL_NONE)
		goro_panic("pool: free of %p (order %u): not a block in use", p, order);
	set_kind(off, order, POOL_NONE);
#if GORO_CHECKS >= 2
	memset(p, POOL_POISON, pool_block_size(order));
#endif
	POOL_POISON_ASAN(p, pool_block_size(order));
	if (order == 0 && nqcache < QCACHE && NBLOCKS >= 64) {
		qcache[nqcache++] = p;
		nfree += pool_block_size(0);
		return;
	}
	pool_free_coalesce(p, order);
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

POOL_NOASAN static void
pool_free_coalesce(void *p, unsigned order)
{
	size_t off = offset_of(p);

	/* Coalesce with the buddy while it is free at the same order. */
	while (order + 1 < norders) {
		size_t size = pool_block_size(order);
		size_t buddy = off ^ size;
		if (buddy + size > GORO_POOL_SIZE ||
		    meta[buddy / GORO_MIN_BLOCK] != (META_FREE | order))
			break;
		list_remove(order, (struct fblock *)(pool_mem + buddy));
		if (buddy < off)
			off = buddy;
		order++;
	}
	list_push(order, off);
}

/* Put the cache back, so the pool shows its real shape: when all tasks are
 * gone (goro_run, before it returns). */
void
pool_settle(void)
{
	pool_lock();
	qcache_flush();
	pool_unlock();
}

/* The largest block on the free lists (not counting the cache), 0 if
 * none. */
static size_t
largest_listed(void)
{
	int k = (int)norders;

	while (--k >= 0)
		if (freelist[k])
			return pool_block_size((unsigned)k);
	return 0;
}

/* For the panic of a stack the pool cannot give: bytes free, and the
 * largest free block in *largest. The cache goes back to the lists first,
 * so that the lists alone tell the largest: what the pool does next no
 * longer matters to a program that is ending, and goro_pool_info's
 * read-only walk need not be linked for it. */
size_t
pool_exhausted_info(size_t *largest)
{
	size_t n;

	pool_lock();
	qcache_flush();
	*largest = largest_listed();
	n = nfree;
	pool_unlock();
	return n;
}

static int
cached(size_t off)
{
	int i;

	for (i = 0; i < nqcache; i++)
		if (offset_of(qcache[i]) == off)
			return 1;
	return 0;
}

/*
 * Is the block of this order at off free as a whole, counting cached
 * blocks as free (as a coalescing flush would make them)? A walk from its
 * low end, one free block or one cached minimum block at a time, in a
 * frame of its own size: goro_pool_info runs unchecked on the caller's
 * stack, so its depth must not grow with the pool's orders, as a
 * recursion over the halves would (12 frames on a 1 MiB pool of 512 B
 * blocks, past the RISC-V boards' guard zone). Free blocks are aligned to
 * their size, so one that starts inside the block past off lies wholly
 * inside it; one at off that is at least as big covers it.
 */
static int
whole_free(size_t off, unsigned order)
{
	size_t p = off, end = off + pool_block_size(order);

	while (p < end) {
		uint8_t m = meta[p / GORO_MIN_BLOCK];

		if (m & META_FREE) {
			if (p == off && (m & ~META_FREE) >= order)
				return 1;
			p += pool_block_size(m & ~META_FREE);
		} else if (cached(p)) {
			p += GORO_MIN_BLOCK;
		} else {
			return 0;
		}
	}
	return 1;
}

/* Read only: it reaps nothing and flushes nothing, so asking never changes
 * what the pool will do next. Exited tasks whose stacks g0 has not given
 * back yet count as used until it has. */
void
goro_pool_info(struct goro_pool_info *out)
{
	int k;

	if (out == NULL)
		return;
	sched_init();
	pool_lock();
	out->total = GORO_POOL_SIZE;
	out->free = nfree;
	out->min_block = GORO_MIN_BLOCK;
	/* Cached blocks may merge with free ones into a larger block than
	 * any listed: look for one, from the largest size down. */
	out->largest_free = largest_listed();
	for (k = (int)norders - 1;
	     nqcache > 0 && k >= 0 && pool_block_size((unsigned)k) > out->largest_free; k--) {
		size_t size = pool_block_size((unsigned)k), off;
		for (off = 0; off + size <= GORO_POOL_SIZE; off += size)
			if (whole_free(off, (unsigned)k)) {
				out->largest_free = size;
				break;
			}
	}
	pool_unlock();
}
