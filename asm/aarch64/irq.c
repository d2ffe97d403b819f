/*
 * The IRQ handler's depth, which port_in_isr reads (sp.h): at EL1 no
 * register says a handler is running, so the board's IRQ entry counts it
 * around the C it runs.
 */
#include "sp.h"

volatile int goro_port_irq_depth;
