/*
 * Task stacks: setup, the canary, growth by contiguous copying, shrinking,
 * pinning, and running code on g0's stack.
 *
 * A task starts on a small block from the pool. When the stack check (see
 * check.c) finds sp inside the guard zone at the block's low
 * end, the task calls goro_morestack, which saves its registers on its own
 * stack, moves to g0's stack and calls newstack_g0. There the stack moves:
 *
 *   allocate  a block at least twice the size from the pool;
 *   delta     the distance between the two blocks' high ends;
 *   copy      the live part [sp, hi) to the same distance from the new top,
 *             adjusting on the way every word whose value lies in it:
 *             saved registers, frame pointers, pointers to locals,
 *             va_lists, jmp_bufs (the conservative rule: any word that
 *             looks like a pointer into the live stack is taken for one);
 *   maps      the frames that tools/goro-check described (a record in the
 *             frame, a map in the goro_maps section: stackmap.h) get
 *             their data words back as they were, so that only what the
 *             compiler knows may be a pointer is changed;
 *   records   the runtime's own pointers into the stack (g->sp, and timer
 *             heap entries; wait records never need it: a task with any is
 *             parked, and a parked task's stack does not move), each
 *             adjusted precisely;
 *   swap      the task's block, canary and check limit;
 *   verify    (checks >= 2) nothing outside the task still points into
 *             the old live part: a pointer the mover cannot see is a bug
 *             that would write into a freed block, so it is a panic;
 *   free      the old block, poisoned, back to the pool;
 *
 * and the task resumes on the new block. docs/stacks.md says what C code
 * may and may not do for this to be safe.
 *
 * Shrinking needs no copy: the live part of a mostly idle stack sits in
 * the high half of its block, which is itself a buddy block, so the low
 * half goes back to the pool and the task keeps its addresses.
 */
#include <string.h>

#include "board.h"
#include "rt.h"
#include "san.h"
#include "sp.h"
#include "stackmap.h"

_Static_assert(GORO_STACK_GUARD % sizeof(uintptr_t) == 0, "guard must be whole words");
_Static_assert(GORO_STACK_GUARD + 48 <= GORO_MIN_BLOCK,
               "the smallest stack must hold the guard zone and a first frame");
#ifdef GORO_FRAME_SMALL
/* The plugin's entry check (check.c): bigger frames are checked before
 * their prologue, and the zone holds only a small one. */
_Static_assert(GORO_STACK_GUARD >= GORO_FRAME_SMALL + 64,
               "the guard zone must hold a small frame and the check's slow path");
_Static_assert(GORO_FRAME_MAX < 65536, "c->stackneed holds a frame size");
#else
_Static_assert(GORO_STACK_GUARD >= GORO_FRAME_MAX + 64,
               "the guard zone must hold the largest frame and the check's slow path");
#endif
_Static_assert(offsetof(struct cpu, stackguard) == 0, "the check reads the limit at offset 0");

/* A task whose stack stayed under a quarter used at this many yields in a
 * row gives back half. One quiet yield says little (a task may yield at
 * the top of a loop whose body runs deep); eight in a row say the depth is
 * not coming back soon. Each yield pays one compare for this. */
#define SHRINK_QUIET 8

static const char *
gname(const struct g *g)
{
	return g->name ? g->name : "?";
}

/* pool_block_size, inline: a shift, shorter than the call. */
static inline unsigned long
block_bytes(unsigned order)
{
	return (unsigned long)GORO_MIN_BLOCK << order;
}

/* The order a task's stack may grow to, for a max_stack of max bytes and
 * a first block of order order: never below it, never past the pool. */
unsigned
stack_maxorder(size_t max, unsigned order)
{
	int maxorder = pool_order(max);

	if (maxorder < 0)
		maxorder = (int)pool_max_order();
	return maxorder < (int)order ? order : (unsigned)maxorder;
}

/*
 * The mover's panics leave the task to goro_panic, which names the running
 * task (curg, the one whose stack the mover works on) after any message
 * that does not: "... [in goroutine 3 (parser)]".
 */

/* stack_check's slow path (rt.h), and a growth's first check: the canary
 * is broken. g is the running task. */
void
stack_canary_panic(struct g *g)
{
	goro_panic("stack canary at %p overwritten: the task overran its %lu-byte stack",
	           (void *)g->lo, block_bytes(g->order));
}

static void
note_use(struct g *g, uintptr_t used)
{
	if (used > g->hwm)
		g->hwm = (uint32_t)used;
}

static uint16_t
count_up(uint16_t n)
{
	return n == UINT16_MAX ? n : (uint16_t)(n + 1);
}

/*
 * Frame records and their maps (stackmap.h, written by tools/goro-check).
 * A record is trusted only if its first word holds its own address, its map lies in the
 * maps' section and has the map magic, and every word the map describes
 * lies in the live part within GORO_FRAME_MAX of the others. Records
 * cannot go stale unseen: a frame clears its record at every return, a
 * longjmp's landing clears the abandoned ones (goro_stack_longjmp_landed),
 * an exit clears the task's (stack_exit), and a move clears the old
 * block's as it reads them.
 */
struct stack_map {
	uint32_t magic;  /* STACKMAP_MAP_MAGIC */
	int16_t first;   /* the first described word, in words from the record */
	uint16_t nwords; /* words described */
	uint16_t nruns;
	uint16_t runs[]; /* kind << STACKMAP_KIND_SHIFT | words, from first on */
};

/* A record's first word holds its own address. */
static inline int
is_record(const uintptr_t *w)
{
	return *w == (uintptr_t)w;
}

/* The maps' section, from the linker; weak: a program with no plugin
 * built code has none. */
extern const struct stack_map __start_goro_maps[] __attribute__((weak));
extern const struct stack_map __stop_goro_maps[] __attribute__((weak));

static const struct stack_map *
map_of(const uintptr_t *rec)
{
	uintptr_t m = rec[1], lo = (uintptr_t)__start_goro_maps, hi = (uintptr_t)__stop_goro_maps;

	if (m - lo >= hi - lo || hi - m < sizeof(struct stack_map) || m % 4 != 0)
		return NULL;
	if (((const struct stack_map *)m)->magic != STACKMAP_MAP_MAGIC)
		return NULL;
	return (const struct stack_map *)m;
}

/*
 * One move's view of the old live part and its copy. Static: the mover
 * runs on g0 only, one move at a time, and g0's stack is small on some
 * boards.
 *
 * The copy notes the frame records it meets (seen) and the last ADJ_MAX
 * words it adjusted (adj, a ring, in address order). At each record it
 * applies the maps of the earlier ones it has copied past, while the
 * words they describe are still in the ring: a map then costs its
 * adjusted words, not its size. A map whose words have left the ring gets
 * all its data runs copied again instead.
 *
 * A runtime built for size (runtime_optimization=s, __OPTIMIZE_SIZE__)
 * notes nothing: every move takes the path the notes take when they run
 * over (rescan), and every map has its data runs copied again. The same
 * words end up in the copy, at the cost of a second read of the live part,
 * for some 400 bytes less code.
 */
#ifdef __OPTIMIZE_SIZE__
#define MOVER_NOTES 0
#else
#define MOVER_NOTES 1
#endif
#define SEEN_MAX 4
#define ADJ_MAX  8 /* a power of two */
static struct mover {
	/* What moves did to the words they copied (goro_debug_move_stats),
	 * summed over the moves since the last reset: not one move's, and not
	 * cleared with the rest. Counted as the mover goes: the maps' figures
	 * as map_apply applies them, the rest at the end of each move. */
	struct goro_move_stats stats;
	uintptr_t *from, *end, *to;
	uintptr_t *done;         /* the end of the last map applied */
	int rescan;              /* the notes ran over: maps_apply looks at every word */
	unsigned long described; /* stats' precise and kept words before this move */
	/* Where records may be: set by newstack_g0 to the checked function's
	 * sp at entry, for a move the entry check asked for (else 0: all of
	 * the live part). Below it lie only the slow path's frames and the
	 * registers goro_entry_failed keeps, none of them a frame with a
	 * record; an argument register that holds its own slot's address next
	 * to one that holds a map (what a caller just wrote its record with)
	 * would otherwise pass for one. */
	uintptr_t *rec_lo;
	unsigned long nadj; /* words adjusted so far */
	uintptr_t *adj[ADJ_MAX];
	struct seen {
		uintptr_t *w, *first;
		const struct stack_map *m;
	} seen[SEEN_MAX]; /* records met and checked, maps not applied yet */
} mv;

/* The record at w, if it is one, and the words its map describes, if
 * they lie in the live part. */
__attribute__((no_sanitize_address)) static const struct stack_map *
record_at(uintptr_t *w, uintptr_t **first)
{
	const struct stack_map *m;

	if (w < mv.done || w + 1 >= mv.end || !is_record(w) || (m = map_of(w)) == NULL)
		return NULL; /* inside a map applied already, or no record */
	*first = w + m->first;
	if (*first < mv.from || *first + m->nwords > mv.end ||
	    m->nwords * sizeof(uintptr_t) > GORO_FRAME_MAX)
		return NULL; /* not a frame of this stack */
	return m;
}

/* The kind of word j of map m. */
static unsigned
kind_at(const struct stack_map *m, unsigned j)
{
	for (unsigned k = 0; k < m->nruns; k++) {
		unsigned n = m->runs[k] & STACKMAP_RUN_MAX;
		if (j < n)
			return m->runs[k] >> STACKMAP_KIND_SHIFT;
		j -= n;
	}
	return STACKMAP_UNKNOWN;
}

/* Map m's words from first, the slow way: every data run copied again as
 * it was, and each word compared to count. */
__attribute__((no_sanitize_address)) static void
restore_runs(const struct stack_map *m, uintptr_t *first)
{
	uintptr_t lo = (uintptr_t)mv.from, span = (uintptr_t)mv.end - lo;
	uintptr_t *to = mv.to + (first - mv.from), *stop = first + m->nwords;

	for (unsigned k = 0; k < m->nruns; k++) {
		unsigned kind = m->runs[k] >> STACKMAP_KIND_SHIFT,
		         n = m->runs[k] & STACKMAP_RUN_MAX;

		if (n > (unsigned)(stop - first))
			break; /* runs past nwords: not a map the plugin wrote */
		for (unsigned j = 0; j < n; j++) {
			unsigned in = first[j] - lo < span;
			if (kind == STACKMAP_DATA) {
				mv.stats.kept += in;
				to[j] = first[j];
			} else if (kind == STACKMAP_PTR) {
				mv.stats.precise += in;
			}
		}
		first += n;
		to += n;
	}
}

/* The record at w, its map m, its described words from first, all copied
 * already: put back into the copy the words the map says are data, count
 * the pointers it describes, and clear the old block's copy of the
 * record. Two records describing the same words mean one is not what it
 * seems: a panic, not a guess. */
__attribute__((no_sanitize_address)) static void
map_apply(uintptr_t *w, const struct stack_map *m, uintptr_t *first)
{
	uintptr_t *end = first + m->nwords;
	unsigned long na = mv.nadj, k;

	if (first < mv.done)
		goro_panic("stack maps overlap at %p: a stale frame record", (void *)first);
	if (MOVER_NOTES && (na <= ADJ_MAX || mv.adj[na % ADJ_MAX] <= first)) {
		/* Every word the copy changed in [first, end) is in the ring:
		 * only those can need putting back. */
		for (k = na; k-- > 0 && k + ADJ_MAX >= na;) {
			uintptr_t *a = mv.adj[k % ADJ_MAX];
			unsigned kind;

			if (a < first)
				break;
			if (a >= end)
				continue;
			kind = kind_at(m, (unsigned)(a - first));
			if (kind == STACKMAP_DATA) {
				mv.to[a - mv.from] = *a;
				mv.stats.kept++;
			} else if (kind == STACKMAP_PTR) {
				mv.stats.precise++;
			}
		}
	} else {
		restore_runs(m, first);
	}
	mv.stats.unmapped -= m->nwords; /* maps_apply adds every live word */
	mv.stats.maps++;
	*w = 0; /* the old block's copy is no record any more */
	mv.done = end;
}

static void
map_one(uintptr_t *w)
{
	const struct stack_map *m;
	uintptr_t *first;

	if ((m = record_at(w, &first)) != NULL)
		map_apply(w, m, first);
}

/* The copy, at w, has just met a record (ns notes before it): apply the
 * maps it has copied past, keep the rest, and note this one if it is a
 * record of this stack. Returns how many notes are left. */
__attribute__((noinline)) static unsigned
note_record(uintptr_t *w, unsigned ns, unsigned long nadj)
{
	unsigned k = 0;

	if (mv.rescan)
		return 0; /* maps_apply looks at everything from mv.done on */
	if (w < mv.rec_lo)
		return ns; /* the entry check's saved registers, not a frame */
	mv.nadj = nadj;
	for (unsigned i = 0; i < ns; i++) {
		struct seen *e = &mv.seen[i];
		if (e->first + e->m->nwords <= w)
			map_apply(e->w, e->m, e->first);
		else
			mv.seen[k++] = *e;
	}
	if (k == SEEN_MAX) {
		/* None passed: records that overlap (maps_apply panics), or
		 * too many false ones to note. */
		mv.rescan = 1;
		return 0;
	}
	mv.seen[k].w = w;
	if ((mv.seen[k].m = record_at(w, &mv.seen[k].first)) != NULL)
		k++;
	return k;
}

/* Copy [from, end) to `to`, adding delta to every word that points into
 * the live part [from, end) (never end itself: that is the next block);
 * note the adjusted words, and the frame records among them (words that
 * hold their own address: pointers into the live part, so off the fast
 * path). Returns how many words it adjusted; *nseen is how many notes of
 * records are left. One pass: each word is read once; four at a time,
 * since this loop is most of a move's cost, but for a runtime built for
 * size (runtime_optimization=s), where one at a time is some 240 bytes
 * less of Thumb. ASan is kept out: the old block is read as raw memory. */
#define ADJUST(i)                                                                                  \
	do {                                                                                       \
		uintptr_t v_ = from[i];                                                            \
		if (__builtin_expect(v_ - lo < span, 0)) {                                         \
			if (MOVER_NOTES) {                                                         \
				mv.adj[n % ADJ_MAX] = (uintptr_t *)&from[i];                       \
				if (v_ == (uintptr_t)&from[i]) /* a frame record */                \
					ns = note_record((uintptr_t *)&from[i], ns, n + 1);        \
			}                                                                          \
			n++;                                                                       \
			v_ += delta;                                                               \
		}                                                                                  \
		to[i] = v_;                                                                        \
	} while (0)

__attribute__((no_sanitize_address)) static unsigned long
copy_adjust(const uintptr_t *from, const uintptr_t *end, uintptr_t *to, uintptr_t delta,
            unsigned *nseen)
{
	uintptr_t lo = (uintptr_t)from, span = (uintptr_t)end - lo;
	unsigned long n = 0;
	unsigned ns = 0;

#ifndef __OPTIMIZE_SIZE__
	for (; end - from >= 4; from += 4, to += 4) {
		ADJUST(0);
		ADJUST(1);
		ADJUST(2);
		ADJUST(3);
	}
#endif
	for (; from < end; from++, to++)
		ADJUST(0);
	*nseen = ns;
	return n;
}

/* Before copy_adjust: the live part [from, end) is about to be copied to
 * `to`. */
static void
maps_begin(uintptr_t *from, uintptr_t *end, uintptr_t *to)
{
	mv.from = from;
	mv.end = end;
	mv.to = to;
	if (mv.rec_lo < from)
		mv.rec_lo = from; /* no entry check's registers: all of the live part */
	mv.done = mv.rec_lo;
	mv.rescan = 0;
	mv.described = mv.stats.precise + mv.stats.kept;
}

/* After copy_adjust, which adjusted `adjusted` words and left nseen
 * notes: the frames with maps get their data words back. */
static void
maps_apply(unsigned long adjusted, unsigned nseen)
{
	mv.nadj = adjusted;
	if (!MOVER_NOTES || mv.rescan) { /* no notes, or they ran over */
		for (uintptr_t *w = mv.done; w + 1 < mv.end; w++)
			if (is_record(w))
				map_one(w);
	} else {
		for (unsigned i = 0; i < nseen; i++)
			map_apply(mv.seen[i].w, mv.seen[i].m, mv.seen[i].first);
	}
	/* Every word the copy adjusted is a conservative one, but for those
	 * the maps counted. */
	mv.stats.moves++;
	mv.stats.conservative += adjusted + mv.described - mv.stats.precise - mv.stats.kept;
	mv.stats.unmapped += (unsigned long)(mv.end - mv.from);
}

/* With several CPUs, one move at a time: the mover's notes (mv), its
 * statistics and the headroom figure are the mover's alone. Moves are
 * rare, and a move holds no other lock while it waits for this one. */
#if GORO_NCPU > 1
static spinlock_t moverlock;
#define mover_lock()   spin_lock(&moverlock)
#define mover_unlock() spin_unlock(&moverlock)
#else
#define mover_lock()   ((void)0)
#define mover_unlock() ((void)0)
#endif

void
goro_debug_move_stats(struct goro_move_stats *out, int reset)
{
	mover_lock();
	if (out)
		*out = mv.stats;
	if (reset)
		memset(&mv.stats, 0, sizeof mv.stats);
	mover_unlock();
}

/* Clear every record in [from, to): frames that will never return. */
__attribute__((no_sanitize_address)) static void
stack_forget_records(uintptr_t *from, uintptr_t *to)
{
	for (; from < to; from++)
		if (is_record(from))
			*from = 0;
}

/* Called by plugin-built code after each setjmp-like call with what it
 * returned. Nonzero: a longjmp landed here, past the returns of the frames
 * it abandoned; their records, below sp now, go before a new frame can
 * take their place. On the task's own stack; makes no call. */
void
goro_stack_longjmp_landed(int val)
{
	struct g *g = mycpu()->curg;
	uintptr_t sp = port_sp();

	if (val == 0 || g == NULL || sp <= g->lo || sp >= stack_hi(g))
		return;
	/* Below sp on purpose: valgrind is told, and told again after that
	 * nothing there is worth reading. */
	san_stack_readable(g->lo + sizeof(uintptr_t), sp);
	stack_forget_records((uintptr_t *)g->lo + 1, (uintptr_t *)sp);
	san_block_free(g->lo + sizeof(uintptr_t), sp - g->lo - sizeof(uintptr_t));
}

/* An exiting task's frames never return: their records go, so that none
 * waits in the block for its next owner. */
void
stack_exit(struct g *g, uintptr_t sp)
{
	if (sp > g->lo && sp < stack_hi(g)) {
		san_stack_readable(sp, stack_hi(g)); /* the block is done with */
		stack_forget_records((uintptr_t *)sp, (uintptr_t *)stack_hi(g));
	}
}

static void (*move_hook)(int end, size_t bytes);

/*
 * Give a moved stack's old block back. A forced move's old block is held
 * back for two more forced moves first (checks >= 2): the smallest-block
 * cache would otherwise hand it straight to the next move, at the same
 * offset, and a stale pointer into it would be valid again every second
 * move. Held blocks go back when the pool runs short and when goro_run
 * returns (stack_settle_g0).
 */
static void
stack_release_g0(struct cpu *c, uintptr_t lo, unsigned order, int forced)
{
#if GORO_CHECKS >= 2
	if (forced) {
		unsigned i = c->nheld == STACK_HELD ? 0 : c->nheld;
		if (c->nheld == STACK_HELD) {
			pool_free((void *)c->held[0].lo, c->held[0].order);
			for (i = 1; i < STACK_HELD; i++)
				c->held[i - 1] = c->held[i];
			i = STACK_HELD - 1;
		} else {
			c->nheld++;
		}
		c->held[i].lo = lo;
		c->held[i].order = (uint8_t)order;
		return;
	}
#else
	(void)c, (void)forced;
#endif
	pool_free((void *)lo, order);
}

#if GORO_CHECKS >= 2
void
stack_settle_g0(struct cpu *c)
{
	while (c->nheld > 0) {
		c->nheld--;
		pool_free((void *)c->held[c->nheld].lo, c->held[c->nheld].order);
		c->held[c->nheld].lo = 0; /* the stale scan would take it for a pointer */
	}
}
#endif

/*
 * The stale-pointer detector (checks >= 2). After a move, every place
 * that may legally hold a pointer into a task stack has been adjusted, and
 * no other place may hold one (docs/stacks.md). So nothing still points
 * into the old live part [lo, hi): look where such pointers are kept by
 * mistake, that is .data and .bss (globals, the runtime's tables, the
 * timer heap, channels' wait queues) and pool blocks that hold data
 * (pooled channels' rings); and panic, naming the place, at the first word
 * that does.
 *
 * Not looked at: other tasks' stacks, whose dead frames (below their sp,
 * and in slots of live frames never written since) keep stale copies of
 * pointers into blocks they once had, which are harmless and would be
 * reported; g0's stack; the interrupt stack; a host program's heap and
 * shared libraries.
 *
 * Like the mover's scan, it takes any word whose value lies in the window
 * for a pointer, so data that looks like an address there is reported
 * too: on a 32-bit board about (live bytes) / 2^32 per random word
 * scanned. Not done under AddressSanitizer, which reports any touch of a
 * freed block itself; nor under valgrind, which loads the program below
 * 4 GiB, where plain integers look like pool addresses.
 */
#if GORO_CHECKS >= 2 && !defined(GORO_ASAN) && !defined(GORO_TSAN)
struct stale_scan {
	struct g *g;      /* the task that moved */
	uintptr_t lo, hi; /* its old live part */
};

__attribute__((no_sanitize_address)) static void
stale_range(uintptr_t from, uintptr_t to, const char *what, const struct stale_scan *s)
{
	const uintptr_t *w = (const uintptr_t *)((from + sizeof(uintptr_t) - 1) &
	                                         ~(uintptr_t)(sizeof(uintptr_t) - 1));

	for (; (uintptr_t)(w + 1) <= to; w++)
		if (*w - s->lo < s->hi - s->lo)
			goro_panic(
			        "stale pointer into the old stack of goroutine %d (%s): word at %p "
			        "(%s) holds %p after the stack moved",
			        s->g->id, gname(s->g), (const void *)w, what, (void *)*w);
}

static void
stale_data_block(uintptr_t lo, uintptr_t hi, void *arg)
{
	stale_range(lo, hi, "a pooled channel's block", arg);
}

extern char __data_start[], _end[]; /* .data then .bss, in both link layouts */

static void
stale_scan_g0(struct g *g, uintptr_t lo, uintptr_t hi)
{
	struct stale_scan s = {g, lo, hi};
	/* .data/.bss but for its holes, in address order: the pool, looked at
	 * block by block below; the interrupt stack; and the trace ring, whose
	 * records hold ids, sizes, names and 64-bit times, never a stack
	 * address (and a time's low word passes through every address). */
	uintptr_t hole[6][2] = {{pool_base(), pool_base() + GORO_POOL_SIZE}};
	uintptr_t from = (uintptr_t)__data_start, end = (uintptr_t)_end;
	int i, j, n = 1;

	if (san_low_addresses())
		return;
	goro_board_irq_stack(&hole[n][0], &hole[n][1]);
	n += hole[n][1] > hole[n][0];
	goro_board_counts(&hole[n][0], &hole[n][1]); /* counts pass through addresses */
	n += hole[n][1] > hole[n][0];
#if GORO_NCPU > 1
	sched_g0_stacks(&hole[n][0], &hole[n][1]); /* like the interrupt stack */
	n += hole[n][1] > hole[n][0];
#endif
	/* The CPUs' own structs: select's random state is there, and a
	 * random word lands in a window now and then (it did, on
	 * mps2-an521's soak); the one pointer into a task's stack they may
	 * hold (stackat) is cleared before any move. */
	hole[n][0] = (uintptr_t)goro_cpus;
	hole[n][1] = (uintptr_t)(goro_cpus + GORO_NCPU);
	n++;
#if GORO_TRACE
	hole[n][0] = (uintptr_t)&goro_trace_ring;
	hole[n][1] = hole[n][0] + sizeof goro_trace_ring;
	n++;
#endif
	for (i = 1; i < n; i++) /* insertion sort by low end */
		for (j = i; j > 0 && hole[j][0] < hole[j - 1][0]; j--) {
			uintptr_t t0 = hole[j][0], t1 = hole[j][1];
			hole[j][0] = hole[j - 1][0], hole[j][1] = hole[j - 1][1];
			hole[j - 1][0] = t0, hole[j - 1][1] = t1;
		}
	for (i = 0; i < n; i++) {
		stale_range(from, hole[i][0] < end ? hole[i][0] : end, ".data/.bss", &s);
		if (hole[i][1] > from)
			from = hole[i][1];
	}
	stale_range(from, end, ".data/.bss", &s);
	pool_each_data(stale_data_block, &s);
}
#else
#define stale_scan_g0(g, lo, hi) ((void)0)
#endif

__attribute__((weak)) void
goro_board_irq_stack(uintptr_t *lo, uintptr_t *hi)
{
	*lo = *hi = 0;
}

__attribute__((weak)) void
goro_board_counts(uintptr_t *lo, uintptr_t *hi)
{
	*lo = *hi = 0;
}

void
goro_debug_on_move(void (*hook)(int end, size_t bytes))
{
	move_hook = hook;
}

/* The swap of a growth, by a copy or in place: g owns the block at lo, of
 * this order, from here on. All of it below g->sp is dead: painted, where
 * stacks are, and a new canary at its low end. Out of line, so that both
 * ways of growing share one copy. */
__attribute__((noinline)) static void
stack_take_g0(struct g *g, uintptr_t lo, unsigned order)
{
	g->lo = lo;
	stack_set_order(g, order);
#if GORO_PAINT
	for (uintptr_t *w = (uintptr_t *)lo; w < (uintptr_t *)g->sp; w++)
		*w = STACK_PAINT;
	g->flags &= (uint8_t)~G_PAINT_STALE; /* the whole dead part is paint now */
#endif
	*(uintptr_t *)lo = STACK_CANARY;
	san_stack_new(g);
}

/* Move g's stack to a new block of the given order. On g0 only; g is
 * suspended (its registers saved at g->sp). forced: a debug move, whose
 * old block is held back (stack_release_g0). Returns -1, changing
 * nothing, if the pool has no such block. */
static int
copystack_g0(struct g *g, unsigned order, int forced)
{
	uintptr_t oldlo = g->lo, oldhi = stack_hi(g), sp = g->sp;
	unsigned oldorder = g->order;
	uintptr_t newlo, newhi, delta;
	unsigned long adjusted;
	unsigned nseen;
	const struct sched_time *t;

	/* Allocate. */
	newlo = (uintptr_t)pool_alloc(order);
	if (newlo == 0)
		return -1;
	if (move_hook)
		move_hook(0, oldhi - sp);
	newhi = newlo + block_bytes(order);

	/* Compute the delta: the live part keeps its distance from the top. */
	delta = newhi - oldhi;

	/* Copy and adjust the words of the live part. */
	san_stack_readable(sp, oldhi);
	maps_begin((uintptr_t *)sp, (uintptr_t *)oldhi, (uintptr_t *)(sp + delta));
	adjusted = copy_adjust((const uintptr_t *)sp, (const uintptr_t *)oldhi,
	                       (uintptr_t *)(sp + delta), delta, &nseen);

	/* Maps: the frames tools/goro-check described get their data words
	 * back as they were. */
	maps_apply(adjusted, nseen);

	/* Adjust the runtime's records that point into the stack: the saved
	 * sp, and timers kept on it. (Wait records never need it: a task with
	 * any is parked, and a parked task's stack does not move.) */
	g->sp = sp + delta;
	if ((t = sched_time_get()) != NULL) {
		rt_lock();
		t->adjust(sp, oldhi, delta);
		rt_unlock();
	}

	/* Swap: the task owns the new block from here on. */
	san_stack_free(g);
	stack_take_g0(g, newlo, order);

	/* Verify that nothing else still points into the old live part (the
	 * mover's own notes of it go first). */
#if GORO_CHECKS >= 2
	memset(&mv.from, 0, sizeof mv - offsetof(struct mover, from));
#endif
	stale_scan_g0(g, sp, oldhi);

	/* Free the old block (pool_free poisons it when checks >= 2). */
	stack_release_g0(mycpu(), oldlo, oldorder, forced);
	trace_move(g, oldhi - sp);
	if (move_hook)
		move_hook(1, oldhi - sp);
	return 0;
}

#if GORO_CHECKS >= 2
static size_t min_headroom = (size_t)-1;
#endif

/* How much of the guard zone the task left unused before the check fired:
 * on a painted stack, the paint between the canary and the deepest write. */
static void
note_headroom(const struct g *g)
{
#if GORO_CHECKS >= 2
	const uintptr_t *w = (const uintptr_t *)g->lo + 1;

	if (g->flags & G_PAINT_STALE)
		return; /* the low end held frames before a shrink, not paint */
	while (w < (const uintptr_t *)g->sp && san_peek(w) == STACK_PAINT)
		w++;
	if ((uintptr_t)w - g->lo - sizeof(uintptr_t) < min_headroom)
		min_headroom = (uintptr_t)w - g->lo - sizeof(uintptr_t);
#else
	(void)g;
#endif
}

size_t
goro_debug_min_headroom(void)
{
#if GORO_CHECKS >= 2
	return min_headroom;
#else
	return (size_t)-1;
#endif
}

/* Grow g's block in place when the blocks below it are free (see
 * pool_grow_down): no copy, no pointer changes. Returns 1 if it did. */
static int
growdown_g0(struct g *g, unsigned order)
{
	void *lo = (void *)g->lo;

	if (!pool_grow_down(&lo, g->order, order))
		return 0;
	san_stack_unregister(g);
	san_block_free((uintptr_t)lo, g->sp - (uintptr_t)lo); /* below sp: plain memory */
	stack_take_g0(g, (uintptr_t)lo, order);
	return 1;
}

/* Grow g's stack to a block with room for need bytes more. Panics if it
 * cannot. */
static void
stack_grow_g0(struct g *g, uintptr_t need)
{
	uintptr_t used = stack_hi(g) - g->sp;
	unsigned order = g->order + 1u;
	size_t largest, nfree;

	note_use(g, used);
	note_headroom(g);
	if (*(const uintptr_t *)g->lo != STACK_CANARY)
		stack_canary_panic(g); /* a frame or unchecked call past the guard zone */
	if (g->flags & GORO_FIXED_STACK)
		goro_panic("fixed %lu-byte stack exhausted (%lu in use)", block_bytes(g->order),
		           (unsigned long)used);
	if (g->pins)
		goro_panic("pinned %lu-byte stack must grow", block_bytes(g->order));
	/* Twice the size, or more until what is in use, the frame the entry
	 * check is about to allocate (c->stackneed) and two guard zones fit:
	 * the task must get real room, not one frame's worth. */
	while (block_bytes(order) < used + need + 2 * GORO_STACK_GUARD)
		order++;
	if (order > g->maxorder)
		goro_panic("stack overflow: needs %lu bytes, max %lu", block_bytes(order),
		           block_bytes(g->maxorder));
	if (growdown_g0(g, order) || copystack_g0(g, order, 0) == 0)
		return;
	/* Ask idle tasks for their unused halves, then try once more. */
	sched_reclaim_g0();
	if (copystack_g0(g, order, 0) == 0)
		return;
	nfree = pool_exhausted_info(&largest);
	goro_panic("stack pool exhausted: needs %lu bytes, %lu free, largest %lu",
	           block_bytes(order), (unsigned long)nfree, (unsigned long)largest);
}

/* Called by goro_morestack on g0's stack, with the task's registers saved
 * at curg->sp. Returns where the task's sp is now. */
uintptr_t
newstack_g0(void)
{
	struct cpu *c = mycpu();
	struct g *g = c->curg;
	uintptr_t here = port_sp();
	int req = c->stackreq;

	san_call_arrive(c, NULL);
	/* Stack work runs only on g0: never on the stack being moved. */
	rt_assert("newstack", g && req && (here < g->lo || here >= stack_hi(g)));
	c->stackreq = 0;
	stack_set_guard(c, NULL); /* on g0 nothing is checked */
	mover_lock();
	mv.rec_lo = (uintptr_t *)c->stackat; /* maps_begin: where records may be */
	c->stackat = 0;                      /* no pointer into the old block left behind */
	if (GORO_CHECKS >= 2 && req == STACK_MOVE) {
		/* Debug (goro_debug_move_every, checks=2 only): same size,
		 * another block. No block free is no move. */
		if (copystack_g0(g, g->order, 1) == 0)
			g->grows = count_up(g->grows);
	} else {
		stack_grow_g0(g, c->stackneed);
		c->stackneed = 0;
		g->grows = count_up(g->grows);
	}
	mover_unlock();
	stack_set_guard(c, g);
	san_call_leave(c, NULL, g, 0);
	return g->sp;
}

/* On the running task's stack: have g0 move it (req: STACK_*). */
void
stack_morestack(struct cpu *c, struct g *g, int req)
{
	c->stackreq = (uint8_t)req;
	san_call_leave(c, g, NULL, 0);
	stack_limit_off();
	goro_morestack(&g->sp, c->g0sp);
	stack_limit_on(g); /* the block it is on now */
	san_call_arrive(c, g);
}

/*
 * Give back the low half of g's block if the live part, and a guard zone
 * with as much room again above it, fits in the high half. No copy: the
 * high half is a buddy block of its own, so the task keeps every address.
 * Never below the size the task was spawned with; not for fixed or pinned
 * stacks (a pinned one could not grow back). On g0 only. Returns 1 if it
 * shrank.
 */
int
stack_shrink_g0(struct g *g)
{
	uintptr_t half = block_bytes(g->order) / 2;
	uintptr_t used = stack_hi(g) - g->sp; /* see stack_yield_point */

	/* At its first size, no shrink: a fixed stack never leaves it. */
	if (g->order <= g->minorder || g->pins || 2 * used + GORO_STACK_GUARD > half)
		return 0;
	san_stack_unregister(g);
	san_block_free(g->lo, half);
	pool_free((void *)g->lo, g->order - 1u); /* the low half */
	g->lo += half;
	stack_set_order(g, g->order - 1u);
	/* The new canary lands where deep frames once were: plain memory. */
	san_block_free(g->lo, sizeof(uintptr_t));
	*(uintptr_t *)g->lo = STACK_CANARY;
	san_stack_register(g);
#if GORO_PAINT
	g->flags |= G_PAINT_STALE; /* no headroom figure from this block */
#endif
	g->shrinks = count_up(g->shrinks);
	return 1;
}

static void
shrink_self_g0(void *arg)
{
	struct g *g = arg;
	struct cpu *c = mycpu();

	if (stack_shrink_g0(g)) {
		c->stackguard = g->lo + GORO_STACK_GUARD; /* read again on return */
		guard_mirror(c);
	}
}

/*
 * At a yield, on the yielding task's stack (grown tasks only; the caller
 * tests g->grown). Counts quiet yields and, after
 * SHRINK_QUIET of them in a row, has g0 give back half the block. The
 * running task's sp is recorded in g->sp for stack_shrink_g0: the task
 * does not run again until after the switch that overwrites it.
 */
void
stack_yield_point(struct cpu *c, struct g *g)
{
	uintptr_t sp = port_sp(), size = block_bytes(g->order);

#if GORO_CHECKS >= 2
	rt_assert("grown", g->grown == (g->order > g->minorder)); /* stack_set_order */
#endif
	if ((stack_hi(g) - sp) * 4 >= size) {
		g->quiet = 0;
		return;
	}
	if (++g->quiet < SHRINK_QUIET)
		return;
	g->quiet = 0;
	g->sp = sp;
	goro_systemstack(shrink_self_g0, g);
	stack_set_guard(c, g);
	stack_limit_on(g); /* the high half, if it shrank */
}

/*
 * Objects that tasks share (channels, timers, wait groups, mutexes,
 * semaphores) hold pointers to themselves or are pointed to by the runtime
 * and by other tasks, none of which the mover adjusts. On a stack that
 * can move they would be left behind in the freed block, so their
 * initialisation and first use refuse such a stack: the panic names the
 * object, the task and the remedy. On a pinned or fixed stack they are
 * allowed (they must be gone before an unpin). Fast path: one call that
 * indexes the pool's kind table.
 */
void
stack_shared_panic(const void *obj, const char *what)
{
	struct g *g = sched_stack_owner((uintptr_t)obj);

	if (g && (g->pins || (g->flags & GORO_FIXED_STACK)))
		return;
	if (g == NULL)
		goro_panic("%s at %p lies in a stack block no live task owns", what, obj);
	goro_panic("%s at %p lives on the stack of goroutine %d (%s), which can move: use static "
	           "storage (or goro_chan_new), goro_stack_pin or GORO_FIXED_STACK",
	           what, obj, g->id, gname(g));
}

int
goro_stack_pin(void)
{
	struct g *g = mycpu()->curg;

	if (g == NULL)
		return GORO_EPERM;
	if (g->pins == UINT8_MAX)
		goro_panic("goro_stack_pin nested too deep");
	g->pins++;
	return GORO_OK;
}

int
goro_stack_unpin(void)
{
	struct g *g = mycpu()->curg;

	if (g == NULL)
		return GORO_EPERM;
	if (g->pins == 0)
		return GORO_EINVAL;
	g->pins--;
	return GORO_OK;
}

/* The g0 side of goro_systemstack under AddressSanitizer: tells it about
 * both halves of the round trip, since each must be announced on the
 * stack it starts from and confirmed on the one it lands on. Without it
 * (the only checker with a hook here), fn runs on g0 as it is. */
#ifdef GORO_ASAN
struct syscall_g0 {
	void (*fn)(void *);
	void *arg;
	struct g *g;
};

static void
systemstack_g0(void *arg)
{
	struct syscall_g0 *s = arg;
	struct cpu *c = mycpu();

	san_call_arrive(c, NULL);
	s->fn(s->arg);
	san_call_leave(c, NULL, s->g, 0);
}
#endif

__attribute__((noinline)) void
goro_systemstack(void (*fn)(void *), void *arg)
{
	struct cpu *c = mycpu();
	struct g *g = c->curg;
	uintptr_t sp = port_sp();
#ifdef GORO_ASAN
	struct syscall_g0 s = {fn, arg, g};
#endif

	if (g == NULL || sp < g->lo || sp >= stack_hi(g)) {
		fn(arg); /* on g0 already, or in an interrupt handler */
		return;
	}
	c->curg = NULL;
	c->insys = g;
	c->stackguard = 0;
	guard_mirror(c);
#ifdef GORO_ASAN
	san_call_leave(c, g, NULL, 0);
	goro_port_on_g0(systemstack_g0, &s, c->g0sp);
	san_call_arrive(c, g);
#else
	goro_port_on_g0(fn, arg, c->g0sp);
#endif
	c->insys = NULL;
	c->curg = g;
	stack_set_guard(c, g);
}

int
goro_debug_move_every(unsigned n)
{
#if GORO_CHECKS >= 2
	struct cpu *c = mycpu();
	int i;

	/* Every CPU's: the caller's task may move to another. */
	for (i = 0; i < GORO_NCPU; i++) {
		goro_cpus[i].move_every = n;
		goro_cpus[i].move_count = 0;
	}
	stack_set_guard(c, c->curg);
	return GORO_OK;
#else
	(void)n;
	return GORO_EPERM;
#endif
}

/* Bytes in use from the top of a painted stack: the lowest word that is no
 * longer paint marks the deepest point reached on this block. */
#ifdef GORO_TSAN
__attribute__((no_sanitize("thread")))
#endif
static size_t
stack_painted_use(const struct g *g)
{
#if GORO_PAINT
	const uintptr_t *w = (const uintptr_t *)g->lo + 1; /* skip the canary */
	const uintptr_t *hi = (const uintptr_t *)stack_hi(g);

	while (w < hi && san_peek(w) == STACK_PAINT)
		w++;
	return (size_t)((uintptr_t)hi - (uintptr_t)w);
#else
	(void)g;
	return 0;
#endif
}

/* With several CPUs, a moment's view of a task that may be running on
 * another CPU (tasks.c says more). */
#ifdef GORO_TSAN
__attribute__((no_sanitize("thread")))
#endif
int
goro_stack_info(int id, struct goro_stack_info *out)
{
	struct g *g = sched_find(id);
	uintptr_t sp;
	size_t painted;

	if (out == NULL)
		return GORO_EINVAL;
	if (g == NULL)
		return GORO_ENOENT;
	sp = g == mycpu()->curg ? port_sp() : g->sp;
	out->lo = g->lo;
	out->hi = stack_hi(g);
	out->size = block_bytes(g->order);
	out->used = out->hi - sp;
	note_use(g, out->used);
	painted = stack_painted_use(g);
	out->high_water = g->hwm > painted ? g->hwm : painted;
	if (out->used > out->high_water)
		out->high_water = out->used;
	out->max = block_bytes(g->maxorder);
	out->grows = g->grows;
	out->shrinks = g->shrinks;
	out->pinned = g->pins;
	out->fixed = (g->flags & GORO_FIXED_STACK) != 0;
	return GORO_OK;
}
