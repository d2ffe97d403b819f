/*
 * The trap handler's depth, which port_in_isr reads (sp.h): M-mode has no
 * register that says a handler is running (mcause keeps its value after
 * mret), so the board's trap code counts it around the C it runs for an
 * interrupt.
 */
#include "sp.h"

volatile int goro_port_irq_depth;

/* The running CPU's per-CPU pointer (sp.h: PORT_CPU_PTR), one per hart
 * through each hart's TLS block. */
__thread void *goro_port_cpu;
