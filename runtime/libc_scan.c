/*
 * The scanf family and strtod/strtof, moved onto g0's stack for task code,
 * as libc_wrap.c does for printing: each needs more stack below its caller
 * than the guard zone holds (on Cortex-M3 with picolibc, measured: sscanf
 * about 355 bytes, strtof 199, against 284 for an unchecked call), and the
 * C library is not stack checked. A file of its own so that a program that
 * scans nothing links none of it.
 *
 * glibc's headers rename the scanf family to __isoc99_* in C99 and later
 * modes; where those exist, dependency('goro') wraps them too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "goro.h"

int __real_vsscanf(const char *s, const char *fmt, va_list ap);
int __real_vfscanf(FILE *f, const char *fmt, va_list ap);
double __real_strtod(const char *s, char **end);
float __real_strtof(const char *s, char **end);

struct scan {
	int kind;
	const char *s;
	FILE *f;
	const char *fmt;
	va_list *ap;
	char **end;
	int ret;
	double d;
	float fl;
};

enum { S_VSSCANF, S_VFSCANF, S_STRTOD, S_STRTOF, S_ISO_VSSCANF, S_ISO_VFSCANF };

#ifdef __GLIBC__
int __real___isoc99_vsscanf(const char *s, const char *fmt, va_list ap);
int __real___isoc99_vfscanf(FILE *f, const char *fmt, va_list ap);
#endif

static void
scan_g0(void *arg)
{
	struct scan *c = arg;

	switch (c->kind) {
	case S_VSSCANF:
		c->ret = __real_vsscanf(c->s, c->fmt, *c->ap);
		break;
	case S_VFSCANF:
		c->ret = __real_vfscanf(c->f, c->fmt, *c->ap);
		break;
	case S_STRTOD:
		c->d = __real_strtod(c->s, c->end);
		break;
	case S_STRTOF:
		c->fl = __real_strtof(c->s, c->end);
		break;
#ifdef __GLIBC__
	case S_ISO_VSSCANF:
		c->ret = __real___isoc99_vsscanf(c->s, c->fmt, *c->ap);
		break;
	case S_ISO_VFSCANF:
		c->ret = __real___isoc99_vfscanf(c->f, c->fmt, *c->ap);
		break;
#endif
	}
}

/* One scan of either kind on g0, with its own copy of the arguments. */
static int
vscan(int kind, const char *s, FILE *f, const char *fmt, va_list ap)
{
	struct scan c = {.kind = kind, .s = s, .f = f, .fmt = fmt};
	va_list cp;

	va_copy(cp, ap);
	c.ap = &cp;
	goro_systemstack(scan_g0, &c);
	va_end(cp);
	return c.ret;
}

/*
 * The six entry points of one scanf family, by the prefix of their names:
 * "" for the C names, __isoc99_ for glibc's. Each lands in vscan with the
 * kinds that call the same family's real v-functions.
 */
#define SCAN_FAMILY(prefix, vs, vf)                                                                \
	int __wrap_##prefix##vsscanf(const char *s, const char *fmt, va_list ap)                   \
	{                                                                                          \
		return vscan(vs, s, NULL, fmt, ap);                                                \
	}                                                                                          \
	int __wrap_##prefix##vfscanf(FILE *f, const char *fmt, va_list ap)                         \
	{                                                                                          \
		return vscan(vf, NULL, f, fmt, ap);                                                \
	}                                                                                          \
	int __wrap_##prefix##vscanf(const char *fmt, va_list ap)                                   \
	{                                                                                          \
		return vscan(vf, NULL, stdin, fmt, ap);                                            \
	}                                                                                          \
	int __wrap_##prefix##sscanf(const char *s, const char *fmt, ...)                           \
	{                                                                                          \
		va_list ap;                                                                        \
		int r;                                                                             \
		va_start(ap, fmt);                                                                 \
		r = vscan(vs, s, NULL, fmt, ap);                                                   \
		va_end(ap);                                                                        \
		return r;                                                                          \
	}                                                                                          \
	int __wrap_##prefix##fscanf(FILE *f, const char *fmt, ...)                                 \
	{                                                                                          \
		va_list ap;                                                                        \
		int r;                                                                             \
		va_start(ap, fmt);                                                                 \
		r = vscan(vf, NULL, f, fmt, ap);                                                   \
		va_end(ap);                                                                        \
		return r;                                                                          \
	}                                                                                          \
	int __wrap_##prefix##scanf(const char *fmt, ...)                                           \
	{                                                                                          \
		va_list ap;                                                                        \
		int r;                                                                             \
		va_start(ap, fmt);                                                                 \
		r = vscan(vf, NULL, stdin, fmt, ap);                                               \
		va_end(ap);                                                                        \
		return r;                                                                          \
	}

SCAN_FAMILY(, S_VSSCANF, S_VFSCANF)

double
__wrap_strtod(const char *s, char **end)
{
	struct scan c = {.kind = S_STRTOD, .s = s, .end = end};

	goro_systemstack(scan_g0, &c);
	return c.d;
}

float
__wrap_strtof(const char *s, char **end)
{
	struct scan c = {.kind = S_STRTOF, .s = s, .end = end};

	goro_systemstack(scan_g0, &c);
	return c.fl;
}

#ifdef __GLIBC__
SCAN_FAMILY(__isoc99_, S_ISO_VSSCANF, S_ISO_VFSCANF)
#endif
