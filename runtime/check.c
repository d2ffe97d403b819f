/*
 * The stack check: one slow path, two triggers.
 *
 * Task code (everything built against dependency('goro')) checks sp
 * against the running task's limit, goro_stackguard (the first word of
 * the per-CPU struct: its block's low end plus the guard zone, 0 on g0),
 * and calls goro_stack_check_failed when sp is below it. Which code does
 * the checking is the build's choice (meson option stack_check):
 *
 *   plugin      tools/goro-check, a GCC plugin, puts the compare inline at
 *               the entry of every function that makes a call: four or
 *               five instructions, no call on the fast path.
 *   instrument  GCC's -finstrument-functions calls
 *               __cyg_profile_func_enter at every function entry (inlined
 *               ones too) and __cyg_profile_func_exit at every exit; the
 *               enter hook below does the compare. Any GCC has it.
 *
 * Either way the check runs after the function's frame is allocated, so
 * the guard zone covers the largest frame task code may have: task code
 * gets -Werror=stack-usage=GORO_FRAME_MAX, and GORO_STACK_GUARD is sized
 * from it (boards/<board>/meson.build, docs/stacks.md). Except where the
 * plugin also has the port's entry check (GORO_FRAME_SMALL defined): a
 * function whose frame is more than GORO_FRAME_SMALL bytes is checked
 * before its prologue, comparing sp - framesize, so the zone holds only
 * a small frame (goro_stack_entry_failed below).
 */
#include "rt.h"
#include "sp.h"

void goro_stack_check_failed(void);
void goro_stack_entry_failed(uintptr_t need, uintptr_t at);
void __cyg_profile_func_enter(void *fn, void *site) GORO_NOSPLIT;
void __cyg_profile_func_exit(void *fn, void *site) GORO_NOSPLIT;

/* The limit as the check reads it: struct cpu's first word, by name. */
extern uintptr_t goro_stackguard;

/*
 * The slow path. Checks made off the task's stack are ignored: on g0 the
 * limit is 0, but an interrupt handler built as task code may run on the
 * interrupt stack while a task's limit is set, or on the task's own stack
 * (RISC-V), where the stack must not move under the interrupted code.
 * With checks=2 and goro_debug_move_every, the limit is set above any sp
 * so that every check lands here and is counted.
 */
static inline __attribute__((always_inline)) void
check_slow(uintptr_t sp, uintptr_t need)
{
	struct cpu *c = mycpu();
	struct g *g = c->curg;
	int req = 0;

	if (g == NULL || sp < g->lo || sp >= stack_hi(g) || port_in_isr())
		return;
	if (sp - need < g->lo + GORO_STACK_GUARD)
		req = STACK_GROW;
#if GORO_CHECKS >= 2
	else if (c->move_every && ++c->move_count >= c->move_every) {
		c->move_count = 0;
		if (g->pins == 0 && !(g->flags & GORO_FIXED_STACK))
			req = STACK_MOVE;
	}
#endif
	if (req == 0)
		return;
	/* The entry check's: the frame still to come, and where from
	 * (newstack_g0 takes both and clears them). */
	c->stackneed = (uint16_t)need;
	c->stackat = need ? sp : 0;
	stack_morestack(c, g, req);
}

/*
 * The entry check's slow path: a function about to allocate a frame of
 * need bytes at sp at (its sp at entry) found at - need below the limit.
 * Called by the port's goro_entry_failed (asm/<arch>/morestack.S), which
 * keeps every register the function's entry may still need. The growth
 * leaves room for the frame as well as the usual guard zones
 * (stack_grow_g0).
 */
void
goro_stack_entry_failed(uintptr_t need, uintptr_t at)
{
	check_slow(at, need);
}

/*
 * The plugin's check, and the hook's: sp is below the limit, with no frame
 * still to come. One copy of the slow path serves both checks: the call
 * below is a tail call, so this function has no frame of its own, the sp
 * it passes is its caller's and the chain's depth that of
 * goro_stack_entry_failed alone, whose frame is gone before
 * stack_morestack's save (deeper than it) is made. Where the compiler
 * makes no tail calls (Thumb-1), the port has it in assembly
 * (PORT_CHECK_FAILED, runtime/port.h).
 */
#ifndef PORT_CHECK_FAILED
__attribute__((noinline)) void
goro_stack_check_failed(void)
{
	goro_stack_entry_failed(0, port_sp());
}
#endif

void
__cyg_profile_func_enter(void *fn, void *site)
{
	(void)fn, (void)site;
#if GORO_NCPU > 1
	if (__builtin_expect(port_sp() < mycpu()->stackguard, 0))
		goro_stack_check_failed();
#else
	if (__builtin_expect(port_sp() < goro_stackguard, 0))
		goro_stack_check_failed();
#endif
}

void
__cyg_profile_func_exit(void *fn, void *site)
{
	(void)fn, (void)site;
}
