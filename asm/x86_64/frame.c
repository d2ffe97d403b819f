/*
 * A new task's first saved context on x86-64; it must match switch.S.
 */
#include "port.h"

/* Words in switch.S's saved block: FP control, six registers, return. */
enum { F_FPCTL, F_R15, F_R14, F_R13, F_R12, F_RBX, F_RBP, F_RET, F_WORDS };

/* MXCSR: all exceptions masked, round to nearest. x87: the same, 64-bit
 * precision. These are the values a process starts with. */
#define MXCSR_DEFAULT 0x1F80u
#define X87CW_DEFAULT 0x037Fu

uintptr_t
goro_port_init_frame(uintptr_t hi, void (*fn)(void *), void *arg)
{
	/* After the switch pops F_WORDS words, rsp = top: 16-byte
	 * aligned, which is what goro_port_start's call needs. */
	uintptr_t top = (hi & ~(uintptr_t)15) - 16;
	uintptr_t *f = (uintptr_t *)(top - F_WORDS * sizeof(uintptr_t));
	int i;

	/* Word by word: a plain loop here becomes a call to memset, which
	 * costs more than the stores (picolibc's is bytewise: 149 instructions
	 * for these 40 bytes on Cortex-M3, measured). */
	for (i = 0; i < F_WORDS; i++)
		((volatile uintptr_t *)f)[i] = 0;
	f[F_FPCTL] = MXCSR_DEFAULT | ((uintptr_t)X87CW_DEFAULT << 32);
	f[F_R12] = (uintptr_t)fn;
	f[F_R13] = (uintptr_t)arg;
	f[F_RET] = (uintptr_t)goro_port_start;
	return (uintptr_t)f;
}
