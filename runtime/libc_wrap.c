/*
 * The printf family, moved onto g0's stack for task code.
 *
 * A formatted print needs far more stack than a small task has (hundreds
 * of bytes in picolibc, kilobytes in glibc) and the C library is not stack
 * checked, so a task calling printf could run past its guard zone. Task
 * code is linked with --wrap for these names (dependency('goro') adds the
 * flags), so each call lands here and runs on g0's stack through
 * goro_systemstack: no task needs stack for printing. On g0, or in an
 * interrupt handler, the call goes straight through.
 */
#include <stdarg.h>
#include <stdio.h>

#include "goro.h"

int __real_vfprintf(FILE *f, const char *fmt, va_list ap);
int __real_vsnprintf(char *s, size_t n, const char *fmt, va_list ap);
int __real_vsprintf(char *s, const char *fmt, va_list ap);
int __real_fputs(const char *s, FILE *f);
int __real_puts(const char *s);
int __real_putchar(int ch);
int __real_fputc(int ch, FILE *f);
size_t __real_fwrite(const void *p, size_t size, size_t n, FILE *f);

/* Every wrapper packs its call into one of these for the g0 side, which
 * is a function of its own per wrapper: a program that only calls fputs
 * (a panic does) links no vfprintf. */
struct call {
	FILE *f;
	char *s;
	size_t n;
	const char *fmt;
	va_list *ap;
	int ch;
	size_t size;
	int ret;
	size_t nret;
};

static void
vfprintf_g0(void *arg)
{
	struct call *c = arg;

	c->ret = __real_vfprintf(c->f, c->fmt, *c->ap);
}

static void
vsnprintf_g0(void *arg)
{
	struct call *c = arg;

	c->ret = __real_vsnprintf(c->s, c->n, c->fmt, *c->ap);
}

static void
vsprintf_g0(void *arg)
{
	struct call *c = arg;

	c->ret = __real_vsprintf(c->s, c->fmt, *c->ap);
}

static void
fputs_g0(void *arg)
{
	struct call *c = arg;

	c->ret = __real_fputs(c->fmt, c->f);
}

static void
puts_g0(void *arg)
{
	struct call *c = arg;

	c->ret = __real_puts(c->fmt);
}

static void
putchar_g0(void *arg)
{
	struct call *c = arg;

	c->ret = __real_putchar(c->ch);
}

static void
fputc_g0(void *arg)
{
	struct call *c = arg;

	c->ret = __real_fputc(c->ch, c->f);
}

static void
fwrite_g0(void *arg)
{
	struct call *c = arg;

	c->nret = __real_fwrite(c->fmt, c->size, c->n, c->f);
}

static int
run(void (*fn)(void *), struct call *c)
{
	goro_systemstack(fn, c);
	return c->ret;
}

int
__wrap_vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct call c;
	va_list cp;
	int r;

	va_copy(cp, ap);
	c.f = f;
	c.fmt = fmt;
	c.ap = &cp;
	r = run(vfprintf_g0, &c);
	va_end(cp);
	return r;
}

int
__wrap_vprintf(const char *fmt, va_list ap)
{
	return __wrap_vfprintf(stdout, fmt, ap);
}

int
__wrap_fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __wrap_vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int
__wrap_printf(const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __wrap_vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

int
__wrap_vsnprintf(char *s, size_t n, const char *fmt, va_list ap)
{
	struct call c;
	va_list cp;
	int r;

	va_copy(cp, ap);
	c.s = s;
	c.n = n;
	c.fmt = fmt;
	c.ap = &cp;
	r = run(vsnprintf_g0, &c);
	va_end(cp);
	return r;
}

int
__wrap_snprintf(char *s, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __wrap_vsnprintf(s, n, fmt, ap);
	va_end(ap);
	return r;
}

int
__wrap_vsprintf(char *s, const char *fmt, va_list ap)
{
	struct call c;
	va_list cp;
	int r;

	va_copy(cp, ap);
	c.s = s;
	c.fmt = fmt;
	c.ap = &cp;
	r = run(vsprintf_g0, &c);
	va_end(cp);
	return r;
}

int
__wrap_sprintf(char *s, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __wrap_vsprintf(s, fmt, ap);
	va_end(ap);
	return r;
}

int
__wrap_fputs(const char *s, FILE *f)
{
	struct call c;

	c.fmt = s;
	c.f = f;
	return run(fputs_g0, &c);
}

int
__wrap_puts(const char *s)
{
	struct call c;

	c.fmt = s;
	return run(puts_g0, &c);
}

int
__wrap_putchar(int ch)
{
	struct call c;

	c.ch = ch;
	return run(putchar_g0, &c);
}

int
__wrap_fputc(int ch, FILE *f)
{
	struct call c;

	c.ch = ch;
	c.f = f;
	return run(fputc_g0, &c);
}

size_t
__wrap_fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	struct call c;

	c.fmt = p;
	c.size = size;
	c.n = n;
	c.f = f;
	goro_systemstack(fwrite_g0, &c);
	return c.nret;
}
