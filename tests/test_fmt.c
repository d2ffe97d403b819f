/* The runtime's own formatter (runtime/fmt.c, white box): every
 * conversion, flag and length modifier goro.h promises for goro_panic,
 * against the exact text, on every board; truncation to the buffer; and a
 * conversion it does not know written visibly, with no argument read past
 * it. */
#include <limits.h>
#include <string.h>

#include "check.h"
#include "rt.h"

static char buf[160];

#define EXPECT(want, ...)                                                                          \
	do {                                                                                       \
		size_t n_ = rt_snfmt(buf, sizeof buf, __VA_ARGS__);                                \
		if (strcmp(buf, want) != 0 || n_ != strlen(want)) {                                \
			printf("FAIL %s:%d: got \"%s\" (%u), want \"%s\"\n", __FILE__, __LINE__,   \
			       buf, (unsigned)n_, want);                                           \
			exit(1);                                                                   \
		}                                                                                  \
	} while (0)

/* Formats the compiler would refuse, on purpose: a NULL %s, a lone '%'. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-overflow"
#pragma GCC diagnostic ignored "-Wformat-extra-args"

int
main(void)
{
	char small[6];

	EXPECT("0 -1 2147483647 -2147483648", "%d %i %d %d", 0, -1, INT_MAX, INT_MIN);
	EXPECT("0 4294967295 deadbeef ABCDEF", "%u %u %x %X", 0u, UINT_MAX, 0xdeadbeefu, 0xabcdefu);
	EXPECT("-2147483648 4294967295 ffffffff", "%ld %lu %lx", (long)INT_MIN, 4294967295ul,
	       0xfffffffful);
	EXPECT("123 ff 7 -3", "%zu %zx %hu %hd", (size_t)123, (size_t)255, 7, -3);
	EXPECT("0x1234 0xabc0", "%p %p", (void *)0x1234, (void *)0xabc0);
	EXPECT("[   42] [42   ] [00042] [-0042] [12345]", "[%5d] [%-5d] [%05d] [%05d] [%3d]", 42,
	       42, 42, -42, 12345);
	EXPECT("[abcdefghijklmnop] [ab      ] [      ab] [abc] [] [(null)]",
	       "[%-16.16s] [%-8s] [%8s] [%.3s] [%s] [%s]", "abcdefghijklmnopqrstuvwxyz", "ab", "ab",
	       "abcdef", "", (char *)NULL);
	EXPECT("* [x] [  y] 100%", "%c [%c] [%3c] 100%%", '*', 'x', 'y');
	/* goro_task_dump's line. */
	EXPECT("*     9 inspector        running  -                          0     512     136     "
	       "176"
	       "     0     0",
	       "%c%6d %-16.16s %-8s %-24.24s %3d %7lu %7lu %7lu %5u %5u", '*', 9, "inspector",
	       "running", "-", 0, 512ul, 136ul, 176ul, 0u, 0u);
	/* Unknown: "%!" and the rest as it is, the arguments after it unread
	 * (had %d read the double's words, it would print them). */
	EXPECT("x=%!f y=%d", "x=%f y=%d", 1.5, 3);
	EXPECT("end %!", "end %");
	/* Truncation: the most that fits, always terminated. */
	CHECK_EQ(rt_snfmt(small, sizeof small, "%s-%d", "abcdefgh", 7), 5);
	CHECK(strcmp(small, "abcde") == 0);
	CHECK_EQ(rt_snfmt(small, 1, "%d", 12345), 0);
	CHECK(small[0] == 0);
	printf("ok fmt\n");
	return 0;
}
