/*
 * The tests' one assertion: a failed check prints where and what, and the
 * test exits 1. Every test ends by printing "ok <name>" after its checks.
 */
#ifndef GORO_CHECK_H
#define GORO_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#include "goro.h"

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                     \
			exit(1);                                                                   \
		}                                                                                  \
	} while (0)

#define CHECK_EQ(a, b)                                                                             \
	do {                                                                                       \
		long long a_ = (long long)(a), b_ = (long long)(b);                                \
		if (a_ != b_) {                                                                    \
			printf("FAIL %s:%d: %s == %s (%lld != %lld)\n", __FILE__, __LINE__, #a,    \
			       #b, a_, b_);                                                        \
			exit(1);                                                                   \
		}                                                                                  \
	} while (0)

/* The largest block of a whole pool: the biggest power-of-two multiple of
 * the minimum block that fits (the pool's first block). */
static inline size_t
pool_whole_largest(const struct goro_pool_info *pi)
{
	size_t b = pi->min_block;

	while (b * 2 <= pi->total)
		b *= 2;
	return b;
}

/* The pool is whole: every byte free and coalesced back to its first shape. */
#define CHECK_POOL_WHOLE()                                                                         \
	do {                                                                                       \
		struct goro_pool_info pi_;                                                         \
		goro_pool_info(&pi_);                                                              \
		CHECK_EQ(pi_.free, pi_.total);                                                     \
		CHECK_EQ(pi_.largest_free, pool_whole_largest(&pi_));                              \
	} while (0)

/* Counters that tasks on several CPUs bump and read (meson option cpus);
 * with one CPU plain, as Cortex-M0 has no atomic add. */
#include "goro_config.h"
#if GORO_NCPU > 1
#define SHARED_INC(x)    __atomic_fetch_add(&(x), 1, __ATOMIC_RELAXED)
#define SHARED_GET(x)    __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define SHARED_SET(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
#else
#define SHARED_INC(x)    ((x)++)
#define SHARED_GET(x)    (x)
#define SHARED_SET(x, v) ((x) = (v))
#endif

/* Spawn fn(arg) on CPU 0 only: for tests of what one CPU promises (the
 * order yields and wakeups run in), which with several CPUs holds per
 * CPU. With one CPU, a plain goro_go. */
static inline int
goro_go_cpu0(void (*fn)(void *), void *arg)
{
	struct goro_opts o = {.flags = GORO_PIN_CPU, .cpu = 0};

	return goro_go_opts(fn, arg, &o);
}

#endif
