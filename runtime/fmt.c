/*
 * The runtime's own formatter, for panics, the deadlock report and the
 * task dump: a program that prints nothing itself links no printf (the C
 * library's, with floating point, is some 6 KB on Cortex-M).
 *
 * It knows what the runtime's messages use, and what goro.h promises for
 * goro_panic: the flags '-' and '0', a width, a precision (the most
 * characters of a %s), the length modifiers h, l, ll, z and t, and the
 * conversions d i u x X p s c and %%. Anything else (%f, say) is written as
 * "%!" and its character, and the formatter stops reading arguments: the
 * rest of the format is copied as it is, so one wrong conversion cannot
 * make the others read arguments of the wrong type.
 *
 * Numbers are converted with shifts and adds, never a division: on
 * Cortex-M0, which has no divide instruction, a division would link
 * libgcc's, and a 64-bit one would do so on every 32-bit core.
 */
#include <stdarg.h>
#include <stdint.h>

#include "rt.h"

struct out {
	char *p, *end; /* end: where the terminating NUL goes */
};

static void
put(struct out *o, char ch)
{
	if (o->p < o->end)
		*o->p++ = ch;
}

/* n / 10, and n % 10 in *rem, for any 64-bit n (Hacker's Delight, 10-17):
 * q is n * 0.8 by shifts, then n / 10 or one under it. */
static uint64_t
div10(uint64_t n, unsigned *rem)
{
	uint64_t q = (n >> 1) + (n >> 2), r;

	q += q >> 4;
	q += q >> 8;
	q += q >> 16;
	q += q >> 32;
	q >>= 3;
	r = n - ((q << 3) + (q << 1));
	if (r > 9) {
		q++;
		r -= 10;
	}
	*rem = (unsigned)r;
	return q;
}

/* s (len characters) padded to width: on the right with '-', else on the
 * left with pad. A '0'-padded negative number keeps its sign first. */
static void
field(struct out *o, const char *s, int len, int width, int left, char pad)
{
	int n = width > len ? width - len : 0;

	if (!left && pad == '0' && *s == '-') {
		put(o, *s++);
		len--;
	}
	while (!left && n-- > 0)
		put(o, pad);
	while (len-- > 0)
		put(o, *s++);
	while (left && n-- > 0)
		put(o, ' ');
}

/* Digits of v in base 10 or 16, at the end of buf[24]; the first one. */
static char *
digits(char *end, uint64_t v, int hex, int upper, int neg)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = end;
	unsigned d;

	do {
		if (hex) {
			d = (unsigned)v & 15u;
			v >>= 4;
		} else {
			v = div10(v, &d);
		}
		*--p = set[d];
	} while (v);
	if (neg)
		*--p = '-';
	return p;
}

size_t
rt_vsnfmt(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {buf, buf + (size ? size - 1 : 0)};
	char num[24];

	for (; *fmt; fmt++) {
		int left = 0, width = 0, prec = -1, lng = 0;
		char pad = ' ', conv;
		uint64_t v;
		const char *s;
		char *p;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (fmt++; *fmt == '-' || *fmt == '0'; fmt++)
			*fmt == '-' ? (void)(left = 1) : (void)(pad = '0');
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		if (*fmt == '.')
			for (prec = 0, fmt++; *fmt >= '0' && *fmt <= '9'; fmt++)
				prec = prec * 10 + (*fmt - '0');
		for (; *fmt == 'l' || *fmt == 'h' || *fmt == 'z' || *fmt == 't'; fmt++)
			lng += *fmt == 'l' ? 1 : *fmt == 'h' ? 0 : sizeof(size_t) > sizeof(int);
		switch (conv = *fmt) {
		case 'd':
		case 'i':
			if (lng >= 2) {
				long long x = va_arg(ap, long long);
				v = x < 0 ? -(uint64_t)x : (uint64_t)x;
				p = digits(num + sizeof num, v, 0, 0, x < 0);
			} else {
				long x = lng ? va_arg(ap, long) : va_arg(ap, int);
				v = x < 0 ? -(uint64_t)(int64_t)x : (uint64_t)x;
				p = digits(num + sizeof num, v, 0, 0, x < 0);
			}
			field(&o, p, (int)(num + sizeof num - p), width, left, pad);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'p':
			if (conv == 'p')
				v = (uintptr_t)va_arg(ap, void *);
			else if (lng >= 2)
				v = va_arg(ap, unsigned long long);
			else
				v = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			p = digits(num + sizeof num, v, conv != 'u', conv == 'X', 0);
			if (conv == 'p') {
				*--p = 'x';
				*--p = '0';
			}
			field(&o, p, (int)(num + sizeof num - p), width, left, pad);
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (s == NULL)
				s = "(null)";
			for (lng = 0; (prec < 0 || lng < prec) && s[lng]; lng++)
				; /* its length, at most the precision */
			field(&o, s, lng, width, left, ' ');
			break;
		case 'c':
			num[0] = (char)va_arg(ap, int);
			field(&o, num, 1, width, left, ' ');
			break;
		case '%':
			put(&o, '%');
			break;
		default:
			/* Unknown, or the format ended after '%': say so where
			 * it is, and read no more arguments. */
			put(&o, '%');
			put(&o, '!');
			if (!conv)
				goto done;
			put(&o, conv);
			for (fmt++; *fmt; fmt++)
				put(&o, *fmt);
			goto done;
		}
	}
done:
	if (size)
		*o.p = 0;
	return (size_t)(o.p - buf);
}

size_t
rt_snfmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = rt_vsnfmt(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
