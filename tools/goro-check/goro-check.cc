/*
 * goro-check: a GCC plugin that gives every function of task code goro's
 * stack check inline, where -finstrument-functions gives it two calls.
 *
 * After inlining (the pass runs after "optimized", the last GIMPLE pass),
 * each function that makes a call gets, ahead of its calls (see
 * instrument() for exactly where):
 *
 *	sp = <the stack pointer>;          one asm instruction
 *	if (sp < goro_stackguard)          a load, a compare, a branch
 *		goro_stack_check_failed(); out of line, marked very unlikely
 *
 * goro_stackguard is the running task's limit (runtime/rt.h: the first
 * word of the per-CPU struct), 0 on g0. goro_stack_check_failed is the
 * runtime's slow path (runtime/check.c): it moves the stack through the
 * morestack trampoline and returns on the new one. The call is an
 * ordinary call, so the compiler keeps whatever it needs across it.
 *
 * Like Go's compiler, the plugin leaves out the check where it cannot
 * matter: a function that calls nothing uses its own frame and no more,
 * and that frame fits in the guard zone (task code is compiled with
 * -Werror=stack-usage=FRAME_MAX). Functions marked GORO_NOSPLIT
 * (no_instrument_function) get no check either.
 *
 * The check runs after the prologue has allocated the frame, as the
 * -finstrument-functions one did, so the guard zone keeps covering the
 * largest frame (docs/stacks.md).
 *
 * Built per target compiler, against that compiler's plugin headers, by
 * meson (the headers differ by target); GORO_SP_ASM is the target's
 * instruction that copies sp into a register.
 */
#include "gcc-plugin.h"
#include "plugin-version.h"

/* GCC's own headers, in the order they need one another. */
#include "tree.h"
#include "tree-pass.h"
#include "context.h"
#include "function.h"
#include "basic-block.h"
#include "cfghooks.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "stringpool.h"
#include "attribs.h"
#include "cgraph.h"
#include "ssa.h"
#include "tree-cfg.h"
#include "tree-ssanames.h"
#include "tree-into-ssa.h"
#include "cfgloop.h"
#include "diagnostic-core.h"

#ifndef GORO_SP_ASM
#error "build with -DGORO_SP_ASM=\"...\": the target's move of sp into %0"
#endif

int plugin_is_GPL_compatible;

static const char guard_name[] = "goro_stackguard";
static const char slow_name[] = "goro_stack_check_failed";

static tree guard_decl, slow_decl;

static tree
uintptr_type(void)
{
	return build_nonstandard_integer_type(POINTER_SIZE, 1);
}

/* extern uintptr_t goro_stackguard; and void goro_stack_check_failed(void); */
static void
make_decls(void)
{
	if (guard_decl)
		return;
	guard_decl =
	        build_decl(UNKNOWN_LOCATION, VAR_DECL, get_identifier(guard_name), uintptr_type());
	TREE_PUBLIC(guard_decl) = 1;
	DECL_EXTERNAL(guard_decl) = 1;
	TREE_THIS_VOLATILE(guard_decl) = 0;
	varpool_node::get_create(guard_decl);

	slow_decl = build_fn_decl(slow_name, build_function_type_list(void_type_node, NULL_TREE));
	TREE_PUBLIC(slow_decl) = 1;
	DECL_EXTERNAL(slow_decl) = 1;
	TREE_NOTHROW(slow_decl) = 1;
}

/* Whether fun calls anything: a function that does not needs no check. */
static bool
makes_calls(function *fun)
{
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun)
	{
		for (gimple_stmt_iterator gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			if (is_gimple_call(s) && !gimple_call_internal_p(s))
				return true;
			if (gimple_code(s) == GIMPLE_ASM)
				return true; /* could be anything, a call included */
		}
	}
	return false;
}

/* Insert the check at the start of bb: bb keeps its labels and PHIs and
 * gets the compare; its statements move to a new block that the compare
 * falls through to, or reaches after the slow call. */
static void
check_before(function *fun, basic_block bb, bool at_entry)
{
	basic_block cond_bb, body;
	edge to_body;

	if (at_entry) {
		cond_bb = split_edge(single_succ_edge(ENTRY_BLOCK_PTR_FOR_FN(fun)));
		to_body = single_succ_edge(cond_bb);
	} else {
		to_body = split_block_after_labels(bb);
		cond_bb = bb;
	}
	body = to_body->dest;
	gimple_stmt_iterator gsi = gsi_last_bb(cond_bb);

	/* sp = asm volatile (GORO_SP_ASM); */
	tree sp = make_ssa_name(uintptr_type());
	vec<tree, va_gc> *outputs = NULL;
	vec_safe_push(outputs,
	              build_tree_list(build_tree_list(NULL_TREE, build_string(3, "=r")), sp));
	gasm *read_sp = gimple_build_asm_vec(GORO_SP_ASM, NULL, outputs, NULL, NULL);
	gimple_asm_set_volatile(read_sp, true);
	SSA_NAME_DEF_STMT(sp) = read_sp;
	if (gsi_end_p(gsi))
		gsi_insert_after(&gsi, read_sp, GSI_NEW_STMT);
	else
		gsi_insert_after(&gsi, read_sp, GSI_NEW_STMT);

	/* limit = goro_stackguard; */
	tree limit = make_ssa_name(uintptr_type());
	gassign *load = gimple_build_assign(limit, guard_decl);
	gsi_insert_after(&gsi, load, GSI_NEW_STMT);

	/* if (sp < limit) */
	gcond *cond = gimple_build_cond(LT_EXPR, sp, limit, NULL_TREE, NULL_TREE);
	gsi_insert_after(&gsi, cond, GSI_NEW_STMT);

	/* goro_stack_check_failed (); in its own block, rarely taken */
	basic_block slow = create_empty_bb(cond_bb);
	gcall *call = gimple_build_call(slow_decl, 0);
	gimple_stmt_iterator sgsi = gsi_start_bb(slow);
	gsi_insert_after(&sgsi, call, GSI_NEW_STMT);

	to_body->flags &= ~EDGE_FALLTHRU;
	to_body->flags |= EDGE_FALSE_VALUE;
	edge to_slow = make_edge(cond_bb, slow, EDGE_TRUE_VALUE);
	edge back = make_edge(slow, body, EDGE_FALLTHRU);
	to_slow->probability = profile_probability::very_unlikely();
	to_body->probability = to_slow->probability.invert();
	back->probability = profile_probability::always();
	slow->count = cond_bb->count.apply_probability(to_slow->probability);
	if (current_loops)
		add_bb_to_loop(slow, cond_bb->loop_father);

	cgraph_node *caller = cgraph_node::get(fun->decl);
	if (caller)
		caller->create_edge(cgraph_node::get_create(slow_decl), call, slow->count);
}

static bool
has_call(basic_block bb)
{
	for (gimple_stmt_iterator gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
		gimple *s = gsi_stmt(gsi);
		if ((is_gimple_call(s) && !gimple_call_internal_p(s)) ||
		    gimple_code(s) == GIMPLE_ASM)
			return true;
	}
	return false;
}

/*
 * Where the checks go: not at the entry, but at the start of each block
 * with a call that no other block with a call dominates. Every call then
 * follows a check made in the same frame (its frame size has not changed
 * since: no alloca in task code), and paths that call nothing, a
 * recursion's base case say, pay nothing. A function whose first calls
 * sit inside a loop is checked once at its entry instead, rather than on
 * every turn of the loop; so is one that calls setjmp, or whose first
 * calls sit in blocks with abnormal entries.
 */
static unsigned int
instrument(function *fun)
{
	auto_vec<basic_block> where;
	basic_block bb;
	bool at_entry = fun->calls_setjmp;

	make_decls();
	calculate_dominance_info(CDI_DOMINATORS);
	FOR_EACH_BB_FN(bb, fun)
	{
		if (at_entry || !has_call(bb))
			continue;
		bool covered = false;
		for (basic_block d = get_immediate_dominator(CDI_DOMINATORS, bb);
		     d && d != ENTRY_BLOCK_PTR_FOR_FN(fun);
		     d = get_immediate_dominator(CDI_DOMINATORS, d))
			if (has_call(d)) {
				covered = true;
				break;
			}
		if (covered)
			continue;
		edge e;
		edge_iterator ei;
		FOR_EACH_EDGE(e, ei, bb->preds)
		if (e->flags & (EDGE_ABNORMAL | EDGE_EH))
			at_entry = true;
		if (!current_loops || bb->loop_father != current_loops->tree_root)
			at_entry = true; /* in a loop, or no loop information */
		where.safe_push(bb);
	}
	free_dominance_info(CDI_DOMINATORS);
	if (at_entry) {
		check_before(fun, NULL, true);
	} else {
		unsigned i;
		FOR_EACH_VEC_ELT(where, i, bb)
		check_before(fun, bb, false);
	}
	free_dominance_info(CDI_POST_DOMINATORS);

	/* The loads and the calls need their memory (virtual) operands. */
	mark_virtual_operands_for_renaming(fun);
	return TODO_update_ssa;
}

namespace
{
const pass_data goro_check_data = {
        GIMPLE_PASS, "goro_check", OPTGROUP_NONE, TV_NONE, PROP_cfg | PROP_ssa, 0, 0, 0, 0,
};

struct goro_check_pass : gimple_opt_pass {
	goro_check_pass(gcc::context *ctx) : gimple_opt_pass(goro_check_data, ctx)
	{
	}
	bool
	gate(function *fun) final override
	{
		return !lookup_attribute("no_instrument_function", DECL_ATTRIBUTES(fun->decl)) &&
		       !lookup_attribute("naked", DECL_ATTRIBUTES(fun->decl)) && makes_calls(fun);
	}
	unsigned int
	execute(function *fun) final override
	{
		return instrument(fun);
	}
};
} // namespace

int
plugin_init(struct plugin_name_args *info, struct plugin_gcc_version *version)
{
	if (!plugin_default_version_check(version, &gcc_version)) {
		error("goro-check: built for GCC %s, loaded into GCC %s", gcc_version.basever,
		      version->basever);
		return 1;
	}
	/* With -flto the function bodies are compiled again at link time, in
	 * lto1, where this pass does not run: task code would have no check. */
	if (flag_lto && *flag_lto) {
		error("goro-check: -flto drops goro's stack check from task code; build it "
		      "without LTO (meson: -Db_lto=false)");
		return 1;
	}
	struct register_pass_info pass;
	pass.pass = new goro_check_pass(g);
	pass.reference_pass_name = "optimized";
	pass.ref_pass_instance_number = 1;
	pass.pos_op = PASS_POS_INSERT_AFTER;
	register_callback(info->base_name, PLUGIN_PASS_MANAGER_SETUP, NULL, &pass);
	return 0;
}
