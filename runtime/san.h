/*
 * Telling the host's checkers about stack switches. On boards, and on hosts
 * built without them, every hook is an empty inline.
 *
 * AddressSanitizer keeps shadow state per stack; before each switch it must
 * hear where the next stack is (start_switch_fiber) and, once running on it,
 * that the switch finished (finish_switch_fiber). A task that is exiting
 * passes NULL for its fake stack so ASan can drop it.
 *
 * valgrind must know each stack's bounds, or it takes a switch for a huge
 * stack frame and reports nonsense.
 */
#ifndef GORO_SAN_H
#define GORO_SAN_H

#include "rt.h"

#ifdef GORO_ASAN
#include <sanitizer/common_interface_defs.h>

void san_g0_bounds(struct cpu *c);

/* About to leave g (NULL: g0) for to (NULL: g0). dying: g never resumes. */
static inline void
san_leave(struct cpu *c, struct g *g, struct g *to, int dying)
{
	void **fake = dying ? NULL : g ? &g->asan_fake : &c->asan_fake;
	if (to)
		__sanitizer_start_switch_fiber(fake, (const void *)to->lo,
		                               pool_block_size(to->order));
	else
		__sanitizer_start_switch_fiber(fake, c->g0_stack_lo, c->g0_stack_size);
}

/* Back on g (NULL: g0) after a switch. */
static inline void
san_arrive(struct cpu *c, struct g *g)
{
	__sanitizer_finish_switch_fiber(g ? g->asan_fake : c->asan_fake, NULL, NULL);
}

/* First instruction of a new task: it has no fake stack yet. */
static inline void
san_first_arrive(void)
{
	__sanitizer_finish_switch_fiber(NULL, NULL, NULL);
}
#elif defined(GORO_TSAN)
/*
 * ThreadSanitizer keeps a shadow call stack and a clock per fiber: each
 * task is one (made at spawn, dropped when reaped), and each CPU's g0 is
 * its thread's own. The switch to the next one is announced just before
 * the registers change, and synchronises the two, as the handoff does.
 */
void *__tsan_get_current_fiber(void);
void *__tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void *fiber);
void __tsan_switch_to_fiber(void *fiber, unsigned flags);
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);

/* Besides the fiber switch, what one context on a CPU did happens before
 * what the next one on that CPU does: said on the CPU's struct. */
static inline void
san_leave(struct cpu *c, struct g *g, struct g *to, int dying)
{
	(void)g, (void)dying;
	if (c->tsan_g0 == NULL)
		c->tsan_g0 = __tsan_get_current_fiber(); /* first time on this CPU's g0 */
	__tsan_release(c);
	__tsan_switch_to_fiber(to ? to->tsan_fiber : c->tsan_g0, 0);
}
static inline void
san_arrive(struct cpu *c, struct g *g)
{
	(void)g;
	__tsan_acquire(mycpu());
	(void)c;
}
static inline void
san_first_arrive(void)
{
	__tsan_acquire(mycpu());
}
#else
static inline void
san_leave(struct cpu *c, struct g *g, struct g *to, int dying)
{
	(void)c, (void)g, (void)to, (void)dying;
}
static inline void
san_arrive(struct cpu *c, struct g *g)
{
	(void)c, (void)g;
}
static inline void
san_first_arrive(void)
{
}
#endif

/*
 * A call on g0's stack and back (goro_systemstack, the morestack
 * trampoline): the same switch for ASan, whose stacks they are, but none
 * for ThreadSanitizer, for whom the call is the task's own, on the same
 * CPU (a fiber switch there would leave its shadow call stack unbalanced:
 * the g0 side returns after switching back).
 */
#ifdef GORO_TSAN
#define san_call_leave(c, g, to, dying) ((void)(c), (void)(g), (void)(to), (void)(dying))
#define san_call_arrive(c, g)           ((void)(c), (void)(g))
#else
#define san_call_leave(c, g, to, dying) san_leave(c, g, to, dying)
#define san_call_arrive(c, g)           san_arrive(c, g)
#endif

/*
 * Stack memory. A task's block is registered as a stack while the task
 * holds it (valgrind); memory going back to the pool is plain memory again:
 * memcheck had marked what lay below the task's sp as no-access. (ASan sees
 * pool blocks through pool.c, which poisons free ones.)
 */
#ifdef GORO_VALGRIND
#include <valgrind/memcheck.h>
#include <valgrind/valgrind.h>

static inline void
san_stack_register(struct g *g)
{
	g->vg_id = VALGRIND_STACK_REGISTER(g->lo, stack_hi(g));
}
static inline void
san_stack_unregister(struct g *g)
{
	VALGRIND_STACK_DEREGISTER(g->vg_id);
}
static inline void
san_block_free(uintptr_t lo, size_t n)
{
	(void)VALGRIND_MAKE_MEM_UNDEFINED(lo, n);
}
/* The mover compares every live word of a stack with the stack's bounds,
 * uninitialised ones included: take them all as defined. The block is
 * about to be freed. */
static inline void
san_stack_readable(uintptr_t lo, uintptr_t hi)
{
	(void)VALGRIND_MAKE_MEM_DEFINED(lo, hi - lo);
}
/* The high-water scan reads the dead part of a stack, below sp, on
 * purpose: memcheck calls it no-access, or undefined where frames came and
 * went without writing. Read one word without a report and take its value
 * as defined. */
#ifdef GORO_TSAN
__attribute__((no_sanitize("thread"))) /* a snapshot: see tasks.c */
#endif
static inline uintptr_t
san_peek(const uintptr_t *w)
{
	uintptr_t v;

	VALGRIND_DISABLE_ERROR_REPORTING;
	v = *(const volatile uintptr_t *)w;
	VALGRIND_ENABLE_ERROR_REPORTING;
	(void)VALGRIND_MAKE_MEM_DEFINED(&v, sizeof v);
	return v;
}
/* Under valgrind the program sits below 4 GiB, so ordinary integers (a
 * 32-bit count, two ints in one 64-bit word) look like addresses in it. */
static inline int
san_low_addresses(void)
{
	return RUNNING_ON_VALGRIND;
}
#else
static inline void
san_stack_register(struct g *g)
{
	(void)g;
}
static inline void
san_stack_unregister(struct g *g)
{
	(void)g;
}
static inline void
san_block_free(uintptr_t lo, size_t n)
{
	(void)lo, (void)n;
}
static inline void
san_stack_readable(uintptr_t lo, uintptr_t hi)
{
	(void)lo, (void)hi;
}
#ifdef GORO_TSAN
__attribute__((no_sanitize("thread"))) /* a snapshot: see tasks.c */
#endif
static inline uintptr_t
san_peek(const uintptr_t *w)
{
	return *w;
}
static inline int
san_low_addresses(void)
{
	return 0;
}
#endif

/* A new block for g; and g's whole block going back to the pool. */
static inline void
san_stack_new(struct g *g)
{
	san_stack_register(g);
}
static inline void
san_stack_free(struct g *g)
{
	san_stack_unregister(g);
	san_block_free(g->lo, stack_hi(g) - g->lo);
}

#endif /* GORO_SAN_H */
