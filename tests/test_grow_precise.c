/*
 * Precise moves: data whose bits equal live stack addresses comes through
 * stack moves unchanged, while the pointers into the stack kept in the
 * same frames are still fixed. Each frame holds packed 16-bit stereo
 * samples, doubles and int32 pairs, every word of them set to the address
 * of a local in the same frame (inside the live part, where the
 * conservative rule would adjust it), beside an array of pointers to its
 * locals. The stack moves at every check (goro_debug_move_every(1)), with
 * three such frames live at once; a uintptr_t and a byte buffer holding
 * stack addresses in the same frames must follow the move, as pointers
 * do. Then a longjmp past frames with records,
 * and a goro_exit from inside such frames: none of their records may be
 * left behind, below sp or in the dead task's block.
 *
 * Built with the plugin, the data must be unchanged and the move counters
 * must show the maps at work. Built without it (-Dstack_check=instrument,
 * GORO_TEST_CONSERVATIVE) the conservative rule is all there is: the same
 * data is changed, the pointers are still fixed, and no map is found.
 */
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include "grow.h"
#include "rt.h"
#include "san.h" /* san_peek: valgrind is told of reads below sp */

#define W      sizeof(uintptr_t)
#define NWORDS 4 /* address-valued words of each kind per frame */
#define LEVELS 3
#define ROUNDS 3

struct frame_data {
	int16_t stereo[NWORDS * W / 2]; /* left, right, left, right, ... */
	double d[NWORDS];               /* low word (all of it on 64-bit) an address */
	int32_t pair[2 * NWORDS];       /* 64-bit: two halves of an address */
	int *p[NWORDS];                 /* pointers into the stack: must be fixed */
	int vals[NWORDS];
};

enum { K_STEREO, K_DOUBLE, K_PAIR, KINDS };
__attribute__((unused)) static const char *const kind_name[KINDS] = {"stereo samples", "double",
                                                                     "int32 pair"};

/* What each word should read after the moves, inverted: a global that
 * equals a stack address is what the stale-pointer check looks for. */
static uintptr_t want_inv[LEVELS][KINDS][NWORDS];
static unsigned long planted, changed;

static uintptr_t
word_of(const struct frame_data *f, int kind, int k)
{
	uintptr_t v = 0;
	uint64_t bits;

	switch (kind) {
	case K_STEREO:
		for (unsigned j = 0; j < W / 2; j++)
			v |= (uintptr_t)(uint16_t)f->stereo[k * W / 2 + j] << (16 * j);
		return v;
	case K_DOUBLE:
		memcpy(&bits, &f->d[k], sizeof bits);
		return (uintptr_t)bits; /* the low word: the first in memory */
	default:
		v = (uint32_t)f->pair[2 * k];
		if (W == 8)
			v |= (uintptr_t)((uint64_t)(uint32_t)f->pair[2 * k + 1] << 16 << 16);
		return v;
	}
}

__attribute__((noinline)) static void
plant(struct frame_data *f, int level)
{
	for (int k = 0; k < NWORDS; k++) {
		/* A live address in this frame, a different one per word. */
		uintptr_t a = (uintptr_t)&f->vals[k];
		uint64_t bits = W == 8 ? (uint64_t)a : 0x3FF0000000000000ull | (uint32_t)a;

		for (unsigned j = 0; j < W / 2; j++)
			f->stereo[k * W / 2 + j] = (int16_t)(a >> (16 * j));
		memcpy(&f->d[k], &bits, sizeof bits);
		f->pair[2 * k] = (int32_t)(uint32_t)a;
		f->pair[2 * k + 1] = W == 8 ? (int32_t)(uint32_t)((uint64_t)a >> 16 >> 16) : k;
		for (int kind = 0; kind < KINDS; kind++)
			want_inv[level][kind][k] = ~word_of(f, kind, k);
		f->vals[k] = level * 10 + k;
		f->p[k] = &f->vals[k];
		planted += KINDS;
	}
}

__attribute__((noinline)) static void
verify(const struct frame_data *f, int level)
{
	for (int k = 0; k < NWORDS; k++) {
		CHECK(f->p[k] == &f->vals[k]); /* fixed by the move */
		CHECK_EQ(*f->p[k], level * 10 + k);
		for (int kind = 0; kind < KINDS; kind++) {
			uintptr_t got = word_of(f, kind, k), want = ~want_inv[level][kind][k];
			if (got == want)
				continue;
			changed++;
#ifndef GORO_TEST_CONSERVATIVE
			/* Inverted: held in registers across printf's check, an
			 * address would be adjusted by the next move. */
			printf("FAIL: level %d %s word %d changed by a move: %#lx, was %#lx "
			       "(bits inverted)\n",
			       level, kind_name[kind], k, (unsigned long)~got,
			       (unsigned long)want_inv[level][kind][k]);
			exit(1);
#endif
		}
	}
}

/* Enough stack for a few checks, and so a few moves, below a holder. */
__attribute__((noinline)) static int
burn(int n)
{
	volatile char pad[64];

	memset((char *)pad, n, sizeof pad);
	return n == 0 ? pad[5] : burn(n - 1) + pad[7] - n;
}

/* What stays under the conservative rule in a mapped frame, and so
 * still follows the move: a stack address kept in a uintptr_t, and a
 * pointer memcpy'd into a byte buffer. */
struct kept_as_pointers {
	uintptr_t addr;
	_Alignas(void *) unsigned char buf[sizeof(void *)];
};

__attribute__((noinline)) static void
keep(struct kept_as_pointers *k, int *target)
{
	k->addr = (uintptr_t)target;
	memcpy(k->buf, &target, sizeof target);
}

__attribute__((noinline)) static void
check_kept(const struct kept_as_pointers *k, int *target)
{
	int *p;

	CHECK(k->addr == (uintptr_t)target);
	memcpy(&p, k->buf, sizeof p);
	CHECK(p == target);
}

__attribute__((noinline)) static int
holder(int level)
{
	struct frame_data f;
	struct kept_as_pointers k;
	int sum = 0;

	for (int r = 0; r < ROUNDS; r++) {
		plant(&f, level);
		keep(&k, &f.vals[1]);
		sum += level + 1 < LEVELS ? holder(level + 1) : burn(4);
		verify(&f, level);
		check_kept(&k, &f.vals[1]);
	}
	return sum;
}

/* Locals of disjoint scopes may share a slot: data in one, pointers in
 * the other. The map must not call the slot data, or the pointers would
 * keep their old values. */
__attribute__((noipa)) static void
use_words(void *p)
{
	(void)p; /* noipa: the caller must assume p was read and written */
}

__attribute__((noinline)) static void
shared_slots(int n)
{
	int x = n, y = n + 1;

	{
		int32_t data[4];
		for (int i = 0; i < 4; i++)
			data[i] = i * n;
		use_words(data);
	}
	{
		int *ptrs[4] = {&x, &y, &x, &y};
		use_words(ptrs);
		burn(3);
		for (int i = 0; i < 4; i++)
			CHECK(ptrs[i] == (i % 2 ? &y : &x));
		CHECK_EQ(*ptrs[0] + *ptrs[1], 2 * n + 1);
	}
}

/* A longjmp past frames that have records (their sample arrays are
 * data): the landing clears them, so the dead part holds none. The
 * jmp_buf's address goes down the calls, on the stack: a global holding it
 * would be a pointer into the stack that no move adjusts. */

/* Nosplit: its bounds are raw addresses, and the end one (hi) is not in
 * the live part, so a move inside it would adjust one and not the other. */
GORO_NOSPLIT static unsigned long
records_in(const uintptr_t *from, const uintptr_t *to)
{
	unsigned long n = 0;

	for (; from < to; from++)
		n += san_peek(from) == (uintptr_t)from; /* stackmap.h; below sp too */
	return n;
}

static unsigned long live_records;

/* Records in the live part of the calling task's stack. */
__attribute__((noinline)) static unsigned long
live_part_records(void)
{
	struct goro_stack_info si;

	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	return records_in((const uintptr_t *)(si.hi - si.used), (const uintptr_t *)si.hi);
}

__attribute__((noinline)) static void
jdive(int n, jmp_buf *jump_to)
{
	volatile int16_t samples[16]; /* in memory: the frame gets a record */

	for (int i = 0; i < 16; i++)
		samples[i] = (int16_t)(n * 16 + i);
	if (n > 1000000) /* never: keeps the compiler from calling it endless */
		return;
	if (n > 0) {
		jdive(n - 1, jump_to);
		CHECK(0); /* not reached: the longjmp passes over */
	}
	live_records = live_part_records();
	burn(samples[3] & 1);
	longjmp(*jump_to, 1);
}

/* Records in the dead part of the calling task's stack, below sp. */
__attribute__((noinline, unused)) static unsigned long
dead_part_records(void)
{
	struct goro_stack_info si;

	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	return records_in((const uintptr_t *)si.lo + 1, (const uintptr_t *)(si.hi - si.used));
}

__attribute__((noinline)) static void
jump_check(void)
{
	jmp_buf env;

	if (setjmp(env) == 0) {
		jdive(6, &env);
		CHECK(0);
	}
#ifndef GORO_TEST_CONSERVATIVE
	CHECK(live_records >= 7); /* jdive's frames had theirs */
	CHECK_EQ(dead_part_records(), 0);
#else
	CHECK_EQ(live_records, 0);
#endif
}

/* goro_exit from deep in mapped frames: their records go with the task,
 * so none waits in the block for its next owner. The next task looks at
 * the dead block before g0 has given it back (or painted or poisoned it). */
static uintptr_t dead_lo_inv, dead_hi_inv; /* inverted: see want_inv */
static unsigned long exit_records;

__attribute__((noinline)) static void
exit_deep(int n)
{
	volatile int16_t samples[8]; /* in memory: the frame gets a record */
	struct goro_stack_info si;

	for (int i = 0; i < 8; i++)
		samples[i] = (int16_t)(n + i);
	if (n > 1000000) /* never: keeps the compiler from calling it endless */
		return;
	if (n > 0)
		exit_deep(n - 1);
	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	dead_lo_inv = ~si.lo;
	dead_hi_inv = ~si.hi;
	exit_records = live_part_records() + (unsigned long)(samples[0] & 0);
	goro_exit();
}

static void
exiter(void *arg)
{
	(void)arg;
	exit_deep(5);
}

static void
inspector(void *arg)
{
	(void)arg;
#ifndef GORO_TEST_CONSERVATIVE
	CHECK(exit_records >= 6); /* exit_deep's frames had theirs */
#else
	CHECK_EQ(exit_records, 0);
#endif
	CHECK_EQ(records_in((const uintptr_t *)~dead_lo_inv + 1, (const uintptr_t *)~dead_hi_inv),
	         0);
}

/* The same with GCC's __builtin_setjmp and __builtin_longjmp, which keep
 * sp and fp in the clear on every board, the host too. */
__attribute__((noinline)) static void
bdive(int n, void **env)
{
	volatile int16_t samples[16]; /* in memory: the frame gets a record */

	for (int i = 0; i < 16; i++)
		samples[i] = (int16_t)(n * 16 + i);
	if (n > 1000000) /* never: keeps the compiler from calling it endless */
		return;
	if (n > 0) {
		bdive(n - 1, env);
		CHECK(0); /* not reached: the longjmp passes over */
	}
	live_records = live_part_records() + (unsigned long)(samples[0] & 0);
	burn(1);
	__builtin_longjmp(env, 1);
}

__attribute__((noinline)) static void
builtin_jump_check(void)
{
	void *env[5];

	live_records = 0;
	if (__builtin_setjmp(env) == 0) {
		bdive(6, env);
		CHECK(0);
	}
#ifndef GORO_TEST_CONSERVATIVE
	CHECK(live_records >= 7);
	CHECK_EQ(dead_part_records(), 0);
#else
	CHECK_EQ(live_records, 0);
#endif
}

static void
worker(void *arg)
{
	struct goro_move_stats ms;

	(void)arg;
	goro_debug_move_stats(NULL, 1);
	CHECK_EQ(goro_debug_move_every(1), GORO_OK);
	holder(0);
	shared_slots(5);
	goro_debug_move_every(0);
	goro_debug_move_stats(&ms, 0);
	printf("moves %lu: maps %lu, precise %lu, kept %lu, conservative %lu, unmapped %lu; "
	       "%lu of %lu planted words changed\n",
	       ms.moves, ms.maps, ms.precise, ms.kept, ms.conservative, ms.unmapped, changed,
	       planted);
	CHECK(ms.moves >= (unsigned long)(LEVELS * ROUNDS));
	CHECK(ms.unmapped > 0);
#ifndef GORO_TEST_CONSERVATIVE
	CHECK_EQ(changed, 0);
	/* Each planted word was in the live part at the next move at least. */
	CHECK(ms.kept >= planted);
	CHECK(ms.precise >= planted / KINDS);
	CHECK(ms.maps >= ms.moves);
#else
	CHECK(changed > 0); /* the conservative rule took them for pointers */
	CHECK_EQ(ms.maps, 0);
	CHECK_EQ(ms.kept, 0);
	CHECK_EQ(ms.precise, 0);
#endif
#ifndef __GLIBC__
	/* picolibc keeps sp in the clear in a jmp_buf: longjmp across moves
	 * works there (glibc mangles it: test_grow_jmp is not built on the
	 * host). */
	CHECK_EQ(goro_debug_move_every(1), GORO_OK);
#endif
	jump_check();
	goro_debug_move_every(0);
	CHECK_EQ(goro_debug_move_every(1), GORO_OK);
	builtin_jump_check();
	goro_debug_move_every(0);
}

int
main(void)
{
#ifdef __GLIBC__
	jmp_buf env;

	/* On the host, bind setjmp and longjmp here, on g0: the dynamic
	 * linker's first call saves the whole register file (over 2 KB with
	 * AVX-512) on the caller's stack, more than a task's guard zone. */
	if (setjmp(env) == 0)
		longjmp(env, 1);
#endif
	spawn_small(worker, NULL, "precise", 0);
	goro_run();
	CHECK_POOL_WHOLE();
	spawn_small(exiter, NULL, "exiter", 0);
	spawn_small(inspector, NULL, "inspector", 0);
	goro_run();
	CHECK_POOL_WHOLE();
	printf("ok grow_precise\n");
	return 0;
}
