/*
 * Call-heavy workloads for measuring the stack check: built once with the
 * task flags (checked) and once without, from this same file.
 */
#include "workload.h"

long
bench_fib(int n)
{
	return n < 2 ? n : bench_fib(n - 1) + bench_fib(n - 2);
}

/* A recursive-descent parser and evaluator for integer expressions with
 * + - * / ( ) and unary minus, the shape of many small interpreters. */
struct parser {
	const char *p;
};

static long expr(struct parser *ps);

static long
factor(struct parser *ps)
{
	long v = 0;

	if (*ps->p == '(') {
		ps->p++;
		v = expr(ps);
		ps->p++; /* ')' */
		return v;
	}
	if (*ps->p == '-') {
		ps->p++;
		return -factor(ps);
	}
	while (*ps->p >= '0' && *ps->p <= '9')
		v = v * 10 + (*ps->p++ - '0');
	return v;
}

static long
term(struct parser *ps)
{
	long v = factor(ps);

	for (;;) {
		char op = *ps->p;
		if (op != '*' && op != '/')
			return v;
		ps->p++;
		long r = factor(ps);
		v = op == '*' ? v * r : (r ? v / r : 0);
	}
}

static long
expr(struct parser *ps)
{
	long v = term(ps);

	for (;;) {
		char op = *ps->p;
		if (op != '+' && op != '-')
			return v;
		ps->p++;
		long r = term(ps);
		v = op == '+' ? v + r : v - r;
	}
}

long
bench_parse(const char *text, int reps)
{
	long sum = 0;
	int i;

	for (i = 0; i < reps; i++) {
		struct parser ps = {text};
		sum += expr(&ps);
	}
	return sum;
}
