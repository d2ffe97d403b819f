/*
 * The heavy C library calls, made from a task whose sp sits at the edge
 * of its guard zone: sscanf, strtod, strtof, gmtime, gmtime_r and
 * strftime. Each needs more stack than the guard zone leaves an unchecked
 * call (docs/stacks.md), so each must run on g0 (runtime/libc_scan.c,
 * libc_time.c). The task's stack is fixed, so it cannot grow out of the
 * way, and painted (checks=2): afterwards the low half of the guard zone
 * must still be paint, and the canary, checked at the yield, intact.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "rt.h" /* GORO_STACK_GUARD, STACK_PAINT */

static struct goro_stack_info si;
static uintptr_t heavy_sp; /* where heavy_calls' frame is, roughly its sp */
static int done;

__attribute__((noinline)) static void
heavy_calls(void)
{
	char word[16], buf[40], *end;
	int a = 0, n;
	float f = 0;
	double d;
	time_t t = 86400 * 365 + 3600 + 61; /* 1971-01-01 01:01:01 UTC */
	struct tm tm, *tp;

	heavy_sp = (uintptr_t)&tm < (uintptr_t)word ? (uintptr_t)&tm : (uintptr_t)word;
	n = sscanf("17 2.5 abc", "%d %f %15s", &a, &f, word);
	CHECK_EQ(n, 3);
	CHECK_EQ(a, 17);
	CHECK(f == 2.5f);
	CHECK(strcmp(word, "abc") == 0);
	d = strtod("6.25e2x", &end);
	CHECK(d == 625.0);
	CHECK(*end == 'x');
	f = strtof("-0.125", &end);
	CHECK(f == -0.125f);
	CHECK(*end == '\0');
	CHECK(gmtime_r(&t, &tm) == &tm);
	CHECK_EQ(tm.tm_year, 71);
	CHECK_EQ(tm.tm_hour, 1);
	tp = gmtime(&t);
	CHECK(tp != NULL);
	CHECK_EQ(tp->tm_min, 1);
	CHECK_EQ(strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm), 19);
	CHECK(strcmp(buf, "1971-01-01 01:01:01") == 0);
}

/* How far below its caller's local heavy_calls' frame reaches, and how far
 * apart two levels of descend are. */
static uintptr_t frame, step, pad0;

/* Recurse in small frames until heavy_calls, called from here, would have
 * its frame just above the guard zone (where its own check does not fire
 * yet), then make the calls there. The last level stops a level early:
 * frame is measured from heavy_calls' locals, and its whole frame (what
 * its entry check counts) reaches a little further, by as much as one
 * level of descend depending on where the recursion happens to end. */
__attribute__((noinline)) static int
descend(int n)
{
	volatile char pad[16];

	pad[0] = (char)n;
	if (n == 0)
		pad0 = (uintptr_t)&pad[0];
	else if (n == 1)
		step = pad0 - (uintptr_t)&pad[0];
	if (n < 2 ||
	    (uintptr_t)&pad[0] - frame - step > si.lo + GORO_STACK_GUARD + 4 * sizeof(uintptr_t))
		return descend(n + 1) + pad[0];
	heavy_calls();
	return n;
}

static void
edge(void *arg)
{
	volatile char here;

	(void)arg;
	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	heavy_calls(); /* high up, to learn its frame */
	frame = (uintptr_t)&here - heavy_sp + 64;
	descend(0);
	CHECK(heavy_sp - si.lo < GORO_STACK_GUARD + 128 + 2 * step); /* really at the edge */
#if GORO_CHECKS >= 2
	/* Nothing written down to the canary: the word above it is paint. */
	CHECK(((const uintptr_t *)si.lo)[1] == STACK_PAINT);
#endif
	goro_yield(); /* the canary is checked here */
	done = 1;
}

int
main(void)
{
	/* Room for the frames above the edge: the smallest stack may hold
	 * little more than the guard zone. */
	struct goro_opts o = {
	        .name = "edge", .stack_size = 4 * GORO_STACK_GUARD, .flags = GORO_FIXED_STACK};

	CHECK(goro_go_opts(edge, NULL, &o) > 0);
	goro_run();
	CHECK(done);
	printf("ok libc_heavy\n");
	return 0;
}
