/*
 * The semihosting console (meson option console=semihost): picolibc's
 * semihosting crt0 and stdio carry the console and exit(n) to the host
 * (QEMU, or OpenOCD with a probe attached). This file adds the raw write
 * the fault reporter uses.
 */
#include <semihost.h>

#include "fault.h"

void
board_console_raw(const char *s)
{
	sys_semihost_write0(s);
}

/* Nothing to start: semihosting needs no set-up. */
void
board_console_start(void)
{
}
