/*
 * A Cortex-M program's start with console=uart, in place of picolibc's
 * plain crt0 (linked with -nostartfiles: meson.build here). The vector
 * table's reset entry is _start; the core has loaded sp from the table's
 * first word (picolibc.ld's __stack). It does what that crt0 does, in
 * fewer bytes: the FPU on where there is one, .data copied from flash,
 * .bss cleared, thread-local storage set up (only where something uses
 * it), the constructors (goro_board_start first: hooks.c), then main,
 * whose return value is exit's status.
 *
 * With console=semihost picolibc's semihosting crt0 stays: it reads the
 * program's arguments from the debugger (start.c's __wrap_main ends it).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* picolibc.ld's, each a symbol whose address is the figure. */
extern char __data_start[], __data_source[], __data_size[];
extern char __bss_start[], __bss_size[];
extern char __tls_base[];
/* picolibc.ld puts .preinit_array and .init_array back to back, in the
 * order they must run: one walk from the first's start to the second's
 * end runs both. */
extern void (*const __preinit_array_start[])(void);
extern void (*const __init_array_end[])(void);

/* picolibc's, in the archive member that __aeabi_read_tp is in: linked
 * (and the weak reference then not NULL) only when something uses a
 * thread-local variable, errno say. */
void _set_tls(void *tls) __attribute__((weak));

int __real_main(int argc, char **argv); /* main: -Wl,--wrap=main (start.c) */
_Noreturn void _start(void);

_Noreturn void
_start(void)
{
	void (*const *f)(void);

	/* The vector table (the family's vectors.c) is linked for this
	 * reference alone: nothing calls into it. An R_ARM_NONE relocation
	 * costs no bytes and keeps it, as picolibc's crt0's reference did. */
	__asm__ volatile(".reloc ., R_ARM_NONE, __interrupt_vector");
#ifdef __ARM_FP
	/* CPACR: full access to CP10 and CP11, before any FP instruction. */
	*(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
	__asm__ volatile("dsb\n\tisb" ::: "memory");
	__builtin_arm_set_fpscr(0);
#endif
	memcpy(__data_start, __data_source, (size_t)__data_size);
	memset(__bss_start, 0, (size_t)__bss_size);
	if (_set_tls)
		_set_tls(__tls_base);
	for (f = __preinit_array_start; f < __init_array_end; f++)
		(*f)();
	exit(__real_main(0, NULL));
}
