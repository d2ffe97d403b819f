/*
 * The stack check's cost on call-heavy code: the workloads run in a task
 * on a stack big enough that nothing grows, so what is counted is the
 * check itself. The same file is built against workload.c compiled with
 * and without the check; scripts/bench compares the two.
 *
 * Prints "bench <name> <count>" lines in the board's count unit.
 */
#include <stdio.h>

#include "board.h"
#include "goro.h"
#include "workload.h"

/* 43 nested sub-expressions, about 230 characters. */
static const char text[] = "((12+34)*(56-78)/(9+1)-(-(2*3)+4*(5-6*(7+8))))*"
                           "((1+2)*(3+4)-(5*6-(7-8)))+(((((1+1)*2+3)*4-5)*6+7)/(8-9+10))-"
                           "(100/(3+4)*(2-(1+1+1))+((9*9-8*8)/(7+7)))+((3))*((((4))))";

#if defined(__arm__)
#define FIB  18
#define REPS 100
#else
#define FIB  27
#define REPS 20000
#endif

/* On the host a run times each workload several times and reports the
 * median: one fib27 is a fraction of a millisecond, short enough for a
 * timer tick or a page fault to move it by several percent. Emulated
 * boards count instructions, which repeat exactly: once is enough. */
#if defined(__linux__)
#define TIMES 5
#else
#define TIMES 1
#endif

static volatile long sink;

/* The median of n counts (n odd), sorting them in place. */
static uint64_t
median(uint64_t *v, int n)
{
	int i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[n / 2];
}

static void
run(void *arg)
{
	uint64_t fib[TIMES], parse[TIMES], t0, t1, t2;
	int i;

	(void)arg;
	for (i = 0; i < TIMES; i++) {
		t0 = goro_board_count();
		sink = bench_fib(FIB);
		t1 = goro_board_count();
		sink += bench_parse(text, REPS);
		t2 = goro_board_count();
		fib[i] = t1 - t0;
		parse[i] = t2 - t1;
	}
	printf("bench fib%d %llu\n", FIB, (unsigned long long)median(fib, TIMES));
	printf("bench parse%d %llu\n", REPS, (unsigned long long)median(parse, TIMES));
}

int
main(void)
{
	struct goro_opts o = {.name = "bench", .stack_size = 64 * 1024};
	struct goro_pool_info pi;

	goro_pool_info(&pi);
	if (o.stack_size > pi.total / 2)
		o.stack_size = pi.total / 2; /* small boards: what the pool has */
	goro_board_count();                  /* start it */
	if (goro_go_opts(run, NULL, &o) < 0)
		return 1;
	goro_run();
	printf("unit %s\n", goro_board_count_unit());
	return 0;
}
