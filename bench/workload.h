#ifndef GORO_BENCH_WORKLOAD_H
#define GORO_BENCH_WORKLOAD_H

long bench_fib(int n);
long bench_parse(const char *text, int reps);

#endif
