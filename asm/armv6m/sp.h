/* ARMv6-M reads sp, masks interrupts (PRIMASK) and tells handler mode
 * (IPSR) exactly as ARMv7-M does: one header for both. */
#include "../armv7m/sp.h"

/* morestack.S has goro_stack_check_failed (runtime/port.h): GCC makes no
 * tail calls in Thumb-1 code, and check.c's would be a call. */
#define PORT_CHECK_FAILED 1
