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

static volatile long sink;

static void
run(void *arg)
{
	uint64_t t0, t1, t2;

	(void)arg;
	t0 = goro_board_count();
	sink = bench_fib(FIB);
	t1 = goro_board_count();
	sink += bench_parse(text, REPS);
	t2 = goro_board_count();
	printf("bench fib%d %llu\n", FIB, (unsigned long long)(t1 - t0));
	printf("bench parse%d %llu\n", REPS, (unsigned long long)(t2 - t1));
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
