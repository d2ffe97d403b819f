/* A panic of a build without the runtime's message text (meson option
 * panic_text=false), in one program: GORO_PANIC_TEXT 0 turns this file's
 * goro_panic into rt.h's macro, which prints only where it was raised;
 * tests/meson.build checks that line, and that scripts/panic-decode gives
 * the message back from the source. */
#define GORO_PANIC_TEXT 0
#include "rt.h"

static void
valve(void *arg)
{
	int n = *(int *)arg;

	goro_panic("valve %d stuck open", n);
}

int
main(void)
{
	static int n = 4;
	struct goro_opts o = {.name = "valve"};

	goro_go_opts(valve, &n, &o);
	goro_run();
	return 1; /* not reached: the panic ends the program */
}
