/* ARMv6-M reads sp, masks interrupts (PRIMASK) and tells handler mode
 * (IPSR) exactly as ARMv7-M does: one header for both. */
#include "../armv7m/sp.h"
