/* goro_exit outside any task is a panic, not a jump into nowhere. */
#include "check.h"
#include "goro.h"

int
main(void)
{
	goro_exit();
}
