/* One frame of BIG bytes: more than the board's frame limit, so that
 * goro::goro's -Werror=stack-usage stops the build. */
#include <string.h>

#include "goro.h"

int
main(void)
{
	volatile char big[BIG];

	memset((char *)big, 1, sizeof big);
	return big[BIG - 1];
}
