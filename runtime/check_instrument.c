/*
 * The stack check, first trigger: GCC's -finstrument-functions.
 *
 * Task code compiled with the flags dependency('goro') hands out calls
 * __cyg_profile_func_enter at the start of every function (inlined ones
 * too) and __cyg_profile_func_exit at the end. The enter hook compares sp
 * with the running task's limit, mycpu()->stackguard; below it, the task
 * calls goro_morestack and resumes on a bigger stack.
 *
 * The hook runs after the function's frame is allocated, so the guard zone
 * must cover the largest frame task code may have: meson passes
 * -Werror=stack-usage=GORO_FRAME_MAX to task
 * code, and GORO_STACK_GUARD is sized from it (boards/<board>/meson.build).
 *
 * The interface the rest of the runtime sees is just the limit in struct
 * cpu and stack_morestack(): a faster trigger replaces this file.
 */
#include "rt.h"
#include "sp.h"

void __cyg_profile_func_enter(void *fn, void *site) GORO_NOSPLIT;
void __cyg_profile_func_exit(void *fn, void *site) GORO_NOSPLIT;

/* The slow path, out of line so the hook stays a load, a compare and a
 * branch. Ignores checks made off the task's stack: on g0 the limit is 0,
 * but an interrupt handler built with the task flags runs on the interrupt
 * stack while a task's limit is set. */
__attribute__((noinline, cold)) static void
check_failed(int req)
{
	struct cpu *c = mycpu();
	struct g *g = c->curg;
	uintptr_t sp = port_sp();

	/* In an interrupt handler that shares the task's stack (RISC-V), the
	 * stack must not move under the interrupted code: the guard zone
	 * covers the handler instead. */
	if (g == NULL || sp < g->lo || sp >= stack_hi(g) || port_in_isr())
		return;
	if (req == STACK_MOVE && (g->pins || (g->flags & GORO_FIXED_STACK)))
		return;
	stack_morestack(c, g, req);
}

void
__cyg_profile_func_enter(void *fn, void *site)
{
	struct cpu *c = mycpu();

	(void)fn, (void)site;
	if (__builtin_expect(port_sp() < c->stackguard, 0))
		check_failed(STACK_GROW);
#if GORO_CHECKS >= 2
	else if (c->move_every && c->stackguard && ++c->move_count >= c->move_every) {
		c->move_count = 0;
		check_failed(STACK_MOVE);
	}
#endif
}

void
__cyg_profile_func_exit(void *fn, void *site)
{
	(void)fn, (void)site;
}
