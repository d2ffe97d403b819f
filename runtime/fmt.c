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
 * Numbers are converted by the core's divide instruction, or where it has
 * none (Cortex-M0) by a long division of its own, a bit at a time: a
 * division there would link libgcc's. It is written for size (a tiny
 * firmware links it for its panics): one loop over the format, the flags,
 * length modifiers and conversions each looked up in a short string, and
 * every conversion, a plain character of the format too, ending in the
 * same padded field.
 */
#if defined(__aarch64__)
/* The formatter reads no floating-point argument (%f is "%!"), so its
 * variadic functions need not save q0-q7 for va_arg: 128 B less of frame
 * on the deepest stack a panic or a fault report takes (the interrupt
 * stack, when an interrupt handler panics: scripts/guard-check). */
#pragma GCC target("general-regs-only")
#endif
#include <stdarg.h>
#include <stdint.h>

#include "rt.h"

/* Whether the core divides in hardware: ARMv6-M (Cortex-M0) does not, nor
 * a RISC-V core without M, and a division there would link libgcc's. */
#if (defined(__arm__) && !defined(__ARM_FEATURE_IDIV)) ||                                          \
        (defined(__riscv) && !defined(__riscv_div))
#define FMT_SOFT_DIV 1
#else
#define FMT_SOFT_DIV 0
#endif

#if FMT_SOFT_DIV
/* n / base, and n % base in *rem: long division, one bit of n a step.
 * Slow, a few hundred cycles a digit, but the formatter writes panics
 * and reports, where that is nothing beside the console's time, and it
 * serves both bases in less code than a division by 10 in shifts. */
static unsigned long
divmod(unsigned long n, unsigned base, unsigned *rem)
{
	unsigned long r = 0;

	/* n's bits go out at the top into r as the quotient's come in at
	 * the bottom. */
	for (unsigned i = 0; i < 8 * sizeof n; i++) {
		r = r << 1 | n >> (8 * sizeof n - 1);
		n <<= 1;
		if (r >= base) {
			r -= base;
			n |= 1;
		}
	}
	*rem = (unsigned)r;
	return n;
}
#endif

/* Where c is in set: its index, or set's length if it is not there (nor
 * is NUL). Not inlined: one copy serves its three uses. */
static __attribute__((noinline)) unsigned
find(const char *set, char c)
{
	unsigned i = 0;

	while (set[i] && set[i] != c)
		i++;
	return i;
}

/* The conversions, in the order the code below tells them apart by their
 * index: %%, then c and s, then the numbers (signed, unsigned, hex). */
#define CONVS  "%csdiuxXp"
#define C_PCT  0
#define C_CHR  1
#define C_STR  2
#define C_SIGN 3 /* d, i */
#define C_U    5
#define C_HEX  6 /* x, X, p */
#define C_P    8
#define C_NONE 9 /* not one of them */

size_t
rt_vsnfmt(char *buf, size_t size, const char *fmt, va_list ap)
{
	char *o = buf, *end = buf + size - 1; /* end: where the NUL goes */
	char num[2 + 3 * sizeof(long)];       /* "-", then the digits, or "0x" and hex */
	int raw = 0; /* after a conversion not known here: the rest as it is */

	if (size == 0)
		return 0;
	for (; *fmt; fmt++) {
		int left = 0, width = 0, prec = -1, lng = 0, len = 1, n, *w;
		char pad = ' ', c, *p = num + sizeof num;
		const char *s = fmt;
		unsigned long v;
		unsigned k, base = 16, d;

		if (*fmt != '%' || raw)
			goto field; /* a character of the format: a field of one */
		while ((k = find("-0", *++fmt)) < 2)
			k ? (void)(pad = '0') : (void)(left = 1);
		/* The width, then after a '.' the precision. */
		for (w = &width; (*fmt >= '0' && *fmt <= '9') || (*fmt == '.' && w == &width);
		     fmt++) {
			if (*fmt == '.')
				*(w = &prec) = 0;
			else
				*w = *w * 10 + (*fmt - '0');
		}
		for (; (k = find("lhzt", *fmt)) < 4; fmt++)
			lng += k == 0 || (k > 1 && sizeof(size_t) == sizeof(long));
		c = *fmt;
		s = fmt;
		k = find(CONVS, c);
		if (lng > 1 && sizeof(long long) > sizeof(long))
			k = C_NONE; /* %lld wider than long: not known here */
		if (k == C_PCT) {
			width = 0;
			goto field;
		}
		if (k == C_NONE) {
			/* Unknown, or the format ended after '%': say so where
			 * it is, then the rest of the format as it is, and no
			 * more arguments read. */
			s = "%!";
			len = 2;
			width = 0;
			raw = 1;
			fmt--;
			goto field;
		}
		if (k == C_CHR) {
			num[0] = (char)va_arg(ap, int);
			s = num;
			pad = ' ';
			goto field;
		}
		if (k == C_STR) {
			s = va_arg(ap, const char *);
			if (s == NULL)
				s = "(null)";
			for (len = 0; len != prec && s[len]; len++)
				; /* its length, at most the precision */
			pad = ' ';
			goto field;
		}
		if (k < C_HEX)
			base = 10;
		if (k == C_P)
			v = (uintptr_t)va_arg(ap, void *);
		else if (sizeof(long) > sizeof(int) && lng)
			v = va_arg(ap, unsigned long);
		else if (sizeof(long) > sizeof(int) && k < C_U)
			v = (unsigned long)(long)va_arg(ap, int);
		else
			v = va_arg(ap, unsigned);
		n = k < C_U && (long)v < 0;
		if (n)
			v = -v;
		do {
#if FMT_SOFT_DIV
			v = divmod(v, base, &d);
#else
			d = (unsigned)(v % base);
			v /= base;
#endif
			/* 'x' and 'p' have bit 5 set, 'X' has not: a-f or A-F */
			*--p = (char)(d < 10 ? '0' + d : 'A' - 10 + (c & 0x20) + d);
		} while (v);
		if (k == C_P) {
			*--p = 'x';
			*--p = '0';
		}
		if (n)
			*--p = '-';
		s = p;
		len = (int)(num + sizeof num - p);
	field:
		/* s (len characters) padded to width, on the right with '-',
		 * else on the left with pad. A '0'-padded negative number
		 * keeps its sign first. */
		n = width - len;
		if (!left && pad == '0' && *s == '-') {
			if (o < end)
				*o++ = *s;
			s++;
			len--;
		}
		for (; !left && n > 0; n--)
			if (o < end)
				*o++ = pad;
		while (len-- > 0)
			if (o < end)
				*o++ = *s++;
		for (; n > 0; n--)
			if (o < end)
				*o++ = ' ';
	}
	*o = 0;
	return (size_t)(o - buf);
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
