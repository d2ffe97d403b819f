/*
 * strftime and gmtime, moved onto g0's stack for task code, as libc_wrap.c
 * does for printing: gmtime_r and strftime together need about 291 bytes
 * below their caller on Cortex-M3 with picolibc (measured), more than the
 * guard zone leaves an unchecked call. A file of its own so that a program
 * that formats no time links none of it.
 */
#include <time.h>

#include "goro.h"

size_t __real_strftime(char *s, size_t n, const char *fmt, const struct tm *tm);
struct tm *__real_gmtime(const time_t *t);
struct tm *__real_gmtime_r(const time_t *t, struct tm *out);

struct tcall {
	int kind;
	char *s;
	size_t n;
	const char *fmt;
	const struct tm *tm;
	const time_t *t;
	struct tm *out;
	size_t ret;
};

enum { T_STRFTIME, T_GMTIME, T_GMTIME_R };

static void
time_g0(void *arg)
{
	struct tcall *c = arg;

	switch (c->kind) {
	case T_STRFTIME:
		c->ret = __real_strftime(c->s, c->n, c->fmt, c->tm);
		break;
	case T_GMTIME:
		c->out = __real_gmtime(c->t);
		break;
	case T_GMTIME_R:
		c->out = __real_gmtime_r(c->t, c->out);
		break;
	}
}

size_t
__wrap_strftime(char *s, size_t n, const char *fmt, const struct tm *tm)
{
	struct tcall c = {.kind = T_STRFTIME, .s = s, .n = n, .fmt = fmt, .tm = tm};

	goro_systemstack(time_g0, &c);
	return c.ret;
}

struct tm *
__wrap_gmtime(const time_t *t)
{
	struct tcall c = {.kind = T_GMTIME, .t = t};

	goro_systemstack(time_g0, &c);
	return c.out;
}

struct tm *
__wrap_gmtime_r(const time_t *t, struct tm *out)
{
	struct tcall c = {.kind = T_GMTIME_R, .t = t, .out = out};

	goro_systemstack(time_g0, &c);
	return c.out;
}
