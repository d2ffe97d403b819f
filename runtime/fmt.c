/*
 * The runtime's own formatter, for panics, the deadlock report and the
 * task dump: a program that prints nothing itself links no printf (the C
 * library's, with floating point, is some 6 KB on Cortex-M).
 *
 * It knows what the runtime's messages use, and what goro.h promises for
 * goro_panic: the flags '-' and '0', a width, a precision (the most
 * characters of a %s), the length modifiers h, l, z and t (ll where long
 * is as wide: 64-bit hosts), and the conversions d i u x X p s c and %%.
 * Anything else (%f, %lld on a 32-bit core, say) is written as "%!" and
 * the rest of the format as it is, and no more arguments are read, so one
 * conversion the formatter does not know cannot make the others read
 * arguments of the wrong type.
 *
 * Numbers are converted with shifts and adds, never a division: on
 * Cortex-M0, which has no divide instruction, a division would link
 * libgcc's. It is written for size (a tiny firmware links it for its
 * panics): one loop over the format, every conversion ending in the same
 * padded field.
 */
#include <limits.h>
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

/* n / 10, and n % 10 in *rem (Hacker's Delight, 10-17): q is n * 0.8 by
 * shifts, then n / 10 or one under it. */
static unsigned long
div10(unsigned long n, unsigned *rem)
{
	unsigned long q = (n >> 1) + (n >> 2), r;

	q += q >> 4;
	q += q >> 8;
	q += q >> 16;
#if ULONG_MAX > 0xFFFFFFFFu
	q += q >> 32;
#endif
	q >>= 3;
	r = n - ((q << 3) + (q << 1));
	if (r > 9) {
		q++;
		r -= 10;
	}
	*rem = (unsigned)r;
	return q;
}

/* The decimal number at *f (0 if none), *f moved past it. */
static int
decimal(const char **f)
{
	int n = 0;

	for (; **f >= '0' && **f <= '9'; (*f)++)
		n = n * 10 + (**f - '0');
	return n;
}

size_t
rt_vsnfmt(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {buf, buf + (size ? size - 1 : 0)};
	char num[2 + 3 * sizeof(long)]; /* "-", then the digits, or "0x" and hex */

	for (; *fmt; fmt++) {
		int left = 0, width, prec = -1, lng = 0, len, n;
		char pad = ' ', conv, *p = num + sizeof num;
		const char *s = p;
		unsigned long v;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		while (*++fmt == '-' || *fmt == '0')
			*fmt == '-' ? (void)(left = 1) : (void)(pad = '0');
		width = decimal(&fmt);
		if (*fmt == '.') {
			fmt++;
			prec = decimal(&fmt);
		}
		for (; *fmt == 'l' || *fmt == 'h' || *fmt == 'z' || *fmt == 't'; fmt++)
			lng += *fmt == 'l' || (*fmt != 'h' && sizeof(size_t) == sizeof(long));
		conv = *fmt;
		if (lng > 1 && sizeof(long long) > sizeof(long))
			conv = 0; /* %lld wider than long: not known here */
		if (conv == '%') {
			put(&o, '%');
			continue;
		}
		if (conv == 's' || conv == 'c') {
			pad = ' ';
			if (conv == 'c') {
				num[0] = (char)va_arg(ap, int);
				s = num;
				len = 1;
			} else {
				s = va_arg(ap, const char *);
				if (s == NULL)
					s = "(null)";
				for (len = 0; len != prec && s[len]; len++)
					; /* its length, at most the precision */
			}
		} else {
			unsigned base = 16, neg = 0;

			if (conv == 'd' || conv == 'i' || conv == 'u')
				base = 10;
			else if (conv != 'x' && conv != 'X' && conv != 'p') {
				/* Unknown, or the format ended after '%': say so
				 * where it is, and read no more arguments. */
				put(&o, '%');
				put(&o, '!');
				for (; *fmt; fmt++)
					put(&o, *fmt);
				break;
			}
			if (conv == 'p')
				v = (uintptr_t)va_arg(ap, void *);
			else if (sizeof(long) > sizeof(int) && lng)
				v = va_arg(ap, unsigned long);
			else if (sizeof(long) > sizeof(int) && (conv == 'd' || conv == 'i'))
				v = (unsigned long)(long)va_arg(ap, int);
			else
				v = va_arg(ap, unsigned);
			if (base == 10 && conv != 'u' && (long)v < 0) {
				v = -v;
				neg = 1;
			}
			do {
				unsigned d;
				if (base == 16) {
					d = (unsigned)v & 15u;
					v >>= 4;
				} else {
					v = div10(v, &d);
				}
				/* 'a' less 32 is 'A' */
				*--p = (char)("0123456789abcdef"[d] -
				              (conv == 'X' && d > 9 ? 32 : 0));
			} while (v);
			if (conv == 'p') {
				*--p = 'x';
				*--p = '0';
			}
			if (neg)
				*--p = '-';
			s = p;
			len = (int)(num + sizeof num - p);
		}
		/* The field: s (len characters) padded to width, on the right
		 * with '-', else on the left with pad. A '0'-padded negative
		 * number keeps its sign first. */
		n = width - len;
		if (!left && pad == '0' && *s == '-') {
			put(&o, *s++);
			len--;
		}
		for (; !left && n > 0; n--)
			put(&o, pad);
		while (len-- > 0)
			put(&o, *s++);
		for (; n > 0; n--)
			put(&o, ' ');
	}
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
