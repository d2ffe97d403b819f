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
 * That check runs after the prologue has allocated the frame, as the
 * -finstrument-functions one did, so the guard zone covers the frame.
 * Where the port gives the template, frames of more than
 * GORO_FRAME_SMALL bytes are checked before their prologue instead (the
 * entry check below), and the zone holds only a small frame
 * (docs/stacks.md).
 *
 * The same pass gives functions with data in memory locals a frame
 * record, and a second pass after expand writes its map, so that stack
 * moves leave that data alone: see frame_record() and write_map() below,
 * runtime/stackmap.h for the layout, and docs/design.md.
 *
 * Built per target compiler, against that compiler's plugin headers, by
 * meson (the headers differ by target); GORO_SP_ASM is the target's
 * instruction that copies sp into a register.
 */
#define INCLUDE_STRING /* before GCC's system.h, which poisons what <string> uses */
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
#include "rtl.h"
#include "memmodel.h"
#include "emit-rtl.h"
#include "varasm.h"
#include "output.h"
#include "ggc.h"
#include "cfgrtl.h"
#include "cfgexpand.h"
#include "hash-set.h"

#include "stackmap.h" /* runtime/: the record and map layout the mover reads */

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

	/* limit = goro_stackguard; or, multi-core, the port's read of this
	 * CPU's limit: asm volatile (GORO_GUARD_ASM : "=r" (limit), "=&r"
	 * (scratch)). */
	tree limit = make_ssa_name(uintptr_type());
#ifdef GORO_GUARD_ASM
	tree scratch = make_ssa_name(uintptr_type());
	vec<tree, va_gc> *louts = NULL;
	vec_safe_push(louts,
	              build_tree_list(build_tree_list(NULL_TREE, build_string(3, "=r")), limit));
	vec_safe_push(louts,
	              build_tree_list(build_tree_list(NULL_TREE, build_string(4, "=&r")), scratch));
	gasm *load = gimple_build_asm_vec(GORO_GUARD_ASM, NULL, louts, NULL, NULL);
	gimple_asm_set_volatile(load, true);
	SSA_NAME_DEF_STMT(limit) = load;
	SSA_NAME_DEF_STMT(scratch) = load;
#else
	gassign *load = gimple_build_assign(limit, guard_decl);
#endif
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

/*
 * Frame records and maps (runtime/stackmap.h has the layout). The mover's
 * conservative rule adjusts any word of the live stack that looks like a
 * pointer into it; a map tells it which words of a frame are data, so
 * that it leaves them alone. The plugin knows the types of the locals the
 * compiler keeps in memory: arrays, structs, address-taken or volatile
 * scalars. What lives in registers, and so in spill slots and saved
 * registers, has no type left by then: the conservative rule stays for it.
 *
 * In GIMPLE (frame_record, from the pass above) a function that calls
 * something and has a memory local with data in it gets a record,
 * `__goro_frame`, written at entry (its own address, the map) and cleared at every
 * return; its tail calls are turned into plain calls, so that no frame
 * is left behind with a record in it. After expand (write_map, the RTL
 * pass below) every local has its offset in the frame, and the map is
 * emitted into STACKMAP_SECTION: per word, relative to the record, data,
 * pointer or unknown. Locals that share a slot are merged: a word is data
 * only if every local that may be in it has data there.
 *
 * After each setjmp-like call (returns twice) the function calls
 * goro_stack_longjmp_landed(value): a longjmp skipped the returns of the
 * frames it abandoned, so their records, below sp now, are cleared there
 * before a new frame can land on one.
 */
static const char landed_name[] = "goro_stack_longjmp_landed";
static tree landed_decl;

/* Per function between the two passes: TREE_PURPOSE the function,
 * TREE_VALUE a TREE_VEC of the record, the map's symbol and every local
 * that may live in memory. A GC root (plugin_init) keeps it alive. */
static tree pending_maps;

/* Built with -DGORO_CHECK_NOMAPS: the check alone, no records or maps
 * (bench/meson.build: scripts/bench measures what they add). */
#ifdef GORO_CHECK_NOMAPS
static const bool no_maps = true;
#else
static const bool no_maps = false;
#endif

/* Bytes of frame on either side of the record a map may cover: more than
 * the largest frame any board allows. */
#define MAP_REACH 8192

enum { B_NONE, B_DATA, B_PTR, B_UNK };

static unsigned
word_bytes(void)
{
	return POINTER_SIZE / BITS_PER_UNIT;
}

/* A character type: it may hold any object's bytes (a memcpy'd struct
 * with pointers in it), so it is never taken for data. */
static bool
is_char(tree t)
{
	return TREE_CODE(t) == INTEGER_TYPE && TYPE_PRECISION(t) == BITS_PER_UNIT;
}

/* Integers that C code uses for addresses: uintptr_t and intptr_t (an
 * address kept as an integer, expected to follow the move, as it always
 * has), and jmp_buf, whose integers are the saved sp and registers. These
 * stay under the conservative rule. Found by their typedef names. */
static bool
address_typedef(tree t)
{
	static const char *const names[] = {
	        "uintptr_t",  "intptr_t",  "__uintptr_t",   "__intptr_t",   "jmp_buf",
	        "sigjmp_buf", "__jmp_buf", "__jmp_buf_tag", "__sigjmp_buf",
	};

	for (int depth = 0; t && depth < 8; depth++) {
		tree n = TYPE_NAME(t);
		tree id = n && TREE_CODE(n) == TYPE_DECL ? DECL_NAME(n) : n;
		if (id && TREE_CODE(id) == IDENTIFIER_NODE)
			for (const char *name : names)
				if (!strcmp(IDENTIFIER_POINTER(id), name))
					return true;
		if (!n || TREE_CODE(n) != TYPE_DECL || !DECL_ORIGINAL_TYPE(n))
			break;
		t = DECL_ORIGINAL_TYPE(n);
	}
	return false;
}

static bool
scalar_data(tree t)
{
	if (address_typedef(t))
		return false;
	switch (TREE_CODE(t)) {
	case INTEGER_TYPE:
		return !is_char(t);
	case ENUMERAL_TYPE:
	case BOOLEAN_TYPE:
	case REAL_TYPE:
	case FIXED_POINT_TYPE:
	case COMPLEX_TYPE:
	case VECTOR_TYPE:
		return true;
	default:
		return false;
	}
}

/* Whether a local of type t holds data the conservative rule could
 * change: then its function gets a record. */
static bool
has_data(tree t)
{
	if (address_typedef(t))
		return false;
	if (scalar_data(t))
		return true;
	if (TREE_CODE(t) == ARRAY_TYPE)
		return has_data(TREE_TYPE(t));
	if (RECORD_OR_UNION_TYPE_P(t))
		for (tree f = TYPE_FIELDS(t); f; f = DECL_CHAIN(f))
			if (TREE_CODE(f) == FIELD_DECL && has_data(TREE_TYPE(f)))
				return true;
	return false;
}

static void
mark(unsigned char *b, HOST_WIDE_INT off, HOST_WIDE_INT n, unsigned char k, bool *ok)
{
	if (off < -MAP_REACH || off + n > MAP_REACH) {
		*ok = false;
		return;
	}
	for (HOST_WIDE_INT i = off; i < off + n; i++) {
		unsigned char *c = &b[i + MAP_REACH];
		*c = *c == B_NONE || *c == k ? k : B_UNK;
	}
}

/* What each byte of an object of type t at offset off holds. */
static void
classify(tree t, HOST_WIDE_INT off, unsigned char *b, bool *ok)
{
	tree size = TYPE_SIZE_UNIT(t);

	if (!size || !tree_fits_uhwi_p(size)) {
		*ok = false; /* no size: nothing here is described */
		return;
	}
	HOST_WIDE_INT n = tree_to_uhwi(size);
	if (n > MAP_REACH) {
		*ok = false;
		return;
	}
	if (address_typedef(t)) {
		mark(b, off, n, B_UNK, ok);
		return;
	}
	switch (TREE_CODE(t)) {
	case POINTER_TYPE:
	case REFERENCE_TYPE:
		mark(b, off, n, n == word_bytes() && off % n == 0 ? B_PTR : B_UNK, ok);
		return;
	case ARRAY_TYPE: {
		tree e = TREE_TYPE(t), es = TYPE_SIZE_UNIT(e);
		if (!es || !tree_fits_uhwi_p(es) || tree_to_uhwi(es) == 0) {
			mark(b, off, n, B_UNK, ok);
			return;
		}
		HOST_WIDE_INT step = tree_to_uhwi(es);
		for (HOST_WIDE_INT i = 0; i + step <= n && *ok; i += step)
			classify(e, off + i, b, ok);
		return;
	}
	case RECORD_TYPE:
	case UNION_TYPE:
	case QUAL_UNION_TYPE:
		/* Padding is left B_NONE: a word of data and padding is data. */
		for (tree f = TYPE_FIELDS(t); f && *ok; f = DECL_CHAIN(f)) {
			if (TREE_CODE(f) != FIELD_DECL || !DECL_SIZE(f) ||
			    !tree_fits_uhwi_p(DECL_SIZE(f)) || !tree_fits_shwi_p(bit_position(f)))
				continue; /* a flexible array member has no storage here */
			HOST_WIDE_INT bit = int_bit_position(f);
			if (DECL_BIT_FIELD(f)) { /* an integer, in whole bytes */
				HOST_WIDE_INT end = bit + tree_to_uhwi(DECL_SIZE(f));
				mark(b, off + bit / BITS_PER_UNIT,
				     (end + BITS_PER_UNIT - 1) / BITS_PER_UNIT -
				             bit / BITS_PER_UNIT,
				     B_DATA, ok);
				continue;
			}
			classify(TREE_TYPE(f), off + bit / BITS_PER_UNIT, b, ok);
		}
		return;
	default:
		mark(b, off, n, scalar_data(t) ? B_DATA : B_UNK, ok);
		return;
	}
}

/* Whether var may live in the frame's memory; gimple registers can
 * too, at -O0, so every local is listed and write_map asks its RTL. */
static bool
frame_local(tree var)
{
	return (TREE_CODE(var) == VAR_DECL || TREE_CODE(var) == PARM_DECL) && !is_global_var(var) &&
	       !DECL_HAS_VALUE_EXPR_P(var);
}

static gassign *
store_word(tree rec, int i, tree val)
{
	tree ref = build4(ARRAY_REF, ptr_type_node, rec, build_int_cst(integer_type_node, i),
	                  NULL_TREE, NULL_TREE);
	TREE_THIS_VOLATILE(ref) = 1; /* kept: the mover reads it, the code never does */
	TREE_SIDE_EFFECTS(ref) = 1;
	return gimple_build_assign(ref, val);
}

static void
call_landed(function *fun, gimple_stmt_iterator *gsi, tree v, basic_block bb, bool after)
{
	gcall *landed = gimple_build_call(landed_decl, 1, v);

	if (after)
		gsi_insert_after(gsi, landed, GSI_NEW_STMT);
	else
		gsi_insert_before(gsi, landed, GSI_SAME_STMT);
	cgraph_node *caller = cgraph_node::get(fun->decl);
	if (caller)
		caller->create_edge(cgraph_node::get_create(landed_decl), landed, bb->count);
}

/* After each call that returns twice: goro_stack_longjmp_landed(value);
 * after each __builtin_setjmp receiver and non-local label (a nested
 * function's goto target), which only a jump reaches:
 * goro_stack_longjmp_landed(1). */
static void
mark_landings(function *fun)
{
	basic_block bb;

	if (!landed_decl) {
		landed_decl = build_fn_decl(
		        landed_name,
		        build_function_type_list(void_type_node, integer_type_node, NULL_TREE));
		TREE_PUBLIC(landed_decl) = 1;
		DECL_EXTERNAL(landed_decl) = 1;
		TREE_NOTHROW(landed_decl) = 1;
		/* A leaf: it cannot longjmp, so it needs no abnormal edge. */
		DECL_ATTRIBUTES(landed_decl) =
		        tree_cons(get_identifier("leaf"), NULL_TREE, DECL_ATTRIBUTES(landed_decl));
	}
	FOR_EACH_BB_FN(bb, fun)
	{
		bool nonlocal = false;
		for (gimple_stmt_iterator gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi))
			if (glabel *l = dyn_cast<glabel *>(gsi_stmt(gsi)))
				nonlocal |= DECL_NONLOCAL(gimple_label_label(l));
		if (nonlocal) {
			gimple_stmt_iterator at = gsi_after_labels(bb);
			if (gsi_end_p(at)) {
				at = gsi_last_bb(bb);
				call_landed(fun, &at, integer_one_node, bb, true);
			} else {
				call_landed(fun, &at, integer_one_node, bb, false);
			}
		}
		for (gimple_stmt_iterator gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gcall *call = dyn_cast<gcall *>(gsi_stmt(gsi));
			if (call && gimple_call_builtin_p(call, BUILT_IN_SETJMP_RECEIVER)) {
				call_landed(fun, &gsi, integer_one_node, bb, true);
				continue;
			}
			if (!call || !(gimple_call_flags(call) & ECF_RETURNS_TWICE))
				continue;
			tree v = gimple_call_lhs(call);
			if (!v || TREE_CODE(v) != SSA_NAME || !INTEGRAL_TYPE_P(TREE_TYPE(v)))
				v = integer_one_node; /* no value to look at: clear every time */
			else if (!useless_type_conversion_p(integer_type_node, TREE_TYPE(v))) {
				tree c = make_ssa_name(integer_type_node);
				gassign *conv = gimple_build_assign(c, NOP_EXPR, v);
				gsi_insert_after(&gsi, conv, GSI_NEW_STMT);
				v = c;
			}
			call_landed(fun, &gsi, v, bb, true);
		}
	}
}

/* Give fun its record, if it has a memory local with data in it. */
static void
frame_record(function *fun)
{
	unsigned ix;
	tree var, rec, map;
	bool wanted = false;
	auto_vec<tree> locals;

	if (no_maps)
		return;
	mark_landings(fun); /* a look at every statement: no flag says for sure */
	FOR_EACH_LOCAL_DECL(fun, ix, var)
	{
		if (!frame_local(var))
			continue;
		locals.safe_push(var);
		if (!is_gimple_reg(var) && has_data(TREE_TYPE(var)))
			wanted = true;
	}
	for (var = DECL_ARGUMENTS(fun->decl); var; var = DECL_CHAIN(var)) {
		locals.safe_push(var);
		if (TREE_ADDRESSABLE(var) && has_data(TREE_TYPE(var)))
			wanted = true;
	}
	if (!wanted)
		return;

	rec = build_decl(DECL_SOURCE_LOCATION(fun->decl), VAR_DECL, get_identifier("__goro_frame"),
	                 build_array_type_nelts(ptr_type_node, 2));
	DECL_CONTEXT(rec) = fun->decl;
	TREE_ADDRESSABLE(rec) = 1; /* in memory, never a register */
	TREE_THIS_VOLATILE(rec) = 1;
	TREE_SIDE_EFFECTS(rec) = 1;
	TREE_USED(rec) = 1;
	DECL_ARTIFICIAL(rec) = 1;
	DECL_IGNORED_P(rec) = 1;
	add_local_decl(fun, rec);

	/* The map: defined by write_map in this object's assembly, local to
	 * it (no .globl), named after the function. */
	const char *fn = IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(fun->decl));
	char *name = concat(fn, ".goro_map", NULL);
	map = build_decl(UNKNOWN_LOCATION, VAR_DECL, get_identifier(name), char_type_node);
	free(name);
	TREE_PUBLIC(map) = 1;
	DECL_EXTERNAL(map) = 1;
	TREE_READONLY(map) = 1;
	DECL_ARTIFICIAL(map) = 1;
	DECL_VISIBILITY(map) = VISIBILITY_HIDDEN; /* no GOT on the host */
	DECL_VISIBILITY_SPECIFIED(map) = 1;
	varpool_node::get_create(map);

	/* record = {&record, &map} at entry, in a block of its own. */
	basic_block bb = split_edge(single_succ_edge(ENTRY_BLOCK_PTR_FOR_FN(fun)));
	gimple_stmt_iterator gsi = gsi_last_bb(bb);
	tree self = build_fold_addr_expr_with_type(rec, ptr_type_node);
	gsi_insert_after(&gsi, store_word(rec, 0, self), GSI_NEW_STMT);
	gsi_insert_after(&gsi,
	                 store_word(rec, 1, build_fold_addr_expr_with_type(map, ptr_type_node)),
	                 GSI_NEW_STMT);

	/* record[0] = 0 before every return; no tail calls, which would leave
	 * the record in the frame the callee takes over. */
	edge e;
	edge_iterator ei;
	FOR_EACH_EDGE(e, ei, EXIT_BLOCK_PTR_FOR_FN(fun)->preds)
	{
		gimple *last = last_stmt(e->src);
		if (last && gimple_code(last) == GIMPLE_RETURN) {
			gimple_stmt_iterator r = gsi_for_stmt(last);
			gsi_insert_before(&r, store_word(rec, 0, null_pointer_node), GSI_SAME_STMT);
		}
	}
	FOR_EACH_BB_FN(bb, fun)
	{
		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi))
			if (gcall *call = dyn_cast<gcall *>(gsi_stmt(gsi)))
				gimple_call_set_tail(call, false);
	}

	tree v = make_tree_vec(locals.length() + 2);
	TREE_VEC_ELT(v, 0) = rec;
	TREE_VEC_ELT(v, 1) = map;
	FOR_EACH_VEC_ELT(locals, ix, var)
	TREE_VEC_ELT(v, ix + 2) = var;
	pending_maps = tree_cons(fun->decl, v, pending_maps);
}

/* The offset of decl from the frame's base for locals, if expand put it
 * there (not in a register, not in a dynamically realigned area). */
static bool
frame_offset_of(tree decl, HOST_WIDE_INT *off)
{
	rtx r = DECL_RTL_IF_SET(decl);

	if (!r || !MEM_P(r))
		return false;
	rtx a = XEXP(r, 0);
	if (a == virtual_stack_vars_rtx) {
		*off = 0;
		return true;
	}
	if (GET_CODE(a) == PLUS && XEXP(a, 0) == virtual_stack_vars_rtx &&
	    CONST_INT_P(XEXP(a, 1))) {
		*off = INTVAL(XEXP(a, 1));
		return true;
	}
	return false;
}

/* The map, in runs of words of one kind (stackmap.h): kinds[0..nwords)
 * are the words from `first` on. */
static void
emit_map(tree map, HOST_WIDE_INT first, unsigned nwords, const unsigned char *kinds)
{
	FILE *f = asm_out_file;
	const char *name = IDENTIFIER_POINTER(DECL_NAME(map));
	auto_vec<unsigned> runs;

	for (unsigned i = 0; i < nwords;) {
		unsigned n = 1;
		while (i + n < nwords && kinds[i + n] == kinds[i] && n < STACKMAP_RUN_MAX)
			n++;
		runs.safe_push((unsigned)kinds[i] << STACKMAP_KIND_SHIFT | n);
		i += n;
	}
	fprintf(f, "\t.pushsection\t%s,\"a\"\n\t.balign\t4\n\t.type\t", STACKMAP_SECTION);
	assemble_name(f, name);
	fprintf(f, ", %%object\n");
	assemble_name(f, name);
	fprintf(f, ":\n\t.4byte\t%#x\n\t.2byte\t%d\n\t.2byte\t%u\n\t.2byte\t%u\n",
	        STACKMAP_MAP_MAGIC, (int)first, nwords, runs.length());
	for (unsigned r : runs)
		fprintf(f, "\t.2byte\t%#x\n", r);
	fprintf(f, "\t.size\t");
	assemble_name(f, name);
	fprintf(f, ", .-");
	assemble_name(f, name);
	fprintf(f, "\n\t.popsection\n");
}

/* After expand: the map of the function's record. */
static void
write_map(tree v)
{
	static unsigned char bytes[2 * MAP_REACH];
	static unsigned char word[2 * MAP_REACH / 4];
	static const unsigned char record_only[2] = {STACKMAP_UNKNOWN, STACKMAP_UNKNOWN};
	unsigned W = word_bytes();
	HOST_WIDE_INT roff, off, lo = 0, hi = 2; /* words, the record's own two included */
	bool ok = frame_offset_of(TREE_VEC_ELT(v, 0), &roff);

	memset(bytes, B_NONE, sizeof bytes);
	for (int i = 2; ok && i < TREE_VEC_LENGTH(v); i++) {
		tree var = TREE_VEC_ELT(v, i);
		if (frame_offset_of(var, &off))
			classify(TREE_TYPE(var), off - roff, bytes, &ok);
	}
	if (!ok) { /* a map of the record alone: the frame stays conservative */
		emit_map(TREE_VEC_ELT(v, 1), 0, 2, record_only);
		return;
	}
	/* The record: its own address, a pointer the move adjusts; the map's. */
	for (unsigned i = 0; i < W; i++) {
		bytes[MAP_REACH + i] = B_PTR;
		bytes[MAP_REACH + W + i] = B_DATA;
	}
	/* Per word, then trimmed to the words that say something. */
	HOST_WIDE_INT nw = 2 * MAP_REACH / W, base = -(HOST_WIDE_INT)(MAP_REACH / W);
	for (HOST_WIDE_INT w = 0; w < nw; w++) {
		bool unk = false, ptr = false, allptr = true, data = false;
		for (unsigned k = 0; k < W; k++) {
			unsigned char c = bytes[w * W + k];
			unk |= c == B_UNK;
			ptr |= c == B_PTR;
			allptr &= c == B_PTR;
			data |= c == B_DATA;
		}
		word[w] = unk    ? STACKMAP_UNKNOWN
		          : ptr  ? (allptr ? STACKMAP_PTR : STACKMAP_UNKNOWN)
		          : data ? STACKMAP_DATA
		                 : STACKMAP_UNKNOWN;
		if (word[w] != STACKMAP_UNKNOWN) {
			if (w + base < lo)
				lo = w + base;
			if (w + base + 1 > hi)
				hi = w + base + 1;
		}
	}
	emit_map(TREE_VEC_ELT(v, 1), lo, (unsigned)(hi - lo), word + (lo - base));
}

/*
 * The entry check, for frames bigger than the guard zone holds
 * (GORO_ENTRY_ASM; built only where the port gives the template). The
 * check above runs after the prologue, so the zone must hold the frame it
 * just allocated. For a frame of more than GORO_FRAME_SMALL bytes this
 * pass checks before the prologue instead, as Go's prologue does for big
 * frames: it compares sp - framesize with the limit at the function's
 * first instruction, leaves included (a leaf that big is checked too).
 * The zone then holds only a small frame, the slow path and an interrupt
 * frame (docs/stacks.md).
 *
 * It runs after pro_and_epilogue, where the frame size is final: the
 * figure -fstack-usage reports (task code has -Wstack-usage, which keeps
 * it). The port's template is a basic asm, its text expanded here:
 *	%F  the frame size in bytes
 *	%L  the limit read: GORO_GUARD_ASM (multi-core: the port's
 *	    port_guard_asm) or GORO_GUARD_LOAD_ASM (one CPU: goro_stackguard)
 *	%0  %1  in %L, the registers GORO_ENTRY_REGS names (limit, scratch);
 *	    %% there is a %, as in the extended asm the check above uses
 * ';' ends a line. At the entry only the argument registers, the return
 * address and the callee-saved registers are live; the template keeps
 * them all, and its slow path (the port's goro_entry_failed) does too.
 */
#if defined(GORO_ENTRY_ASM) && defined(GORO_FRAME_SMALL)
#define ENTRY_CHECK 1
#ifndef GORO_GUARD_LOAD_ASM
#error "GORO_ENTRY_ASM needs GORO_GUARD_LOAD_ASM, the one-CPU limit read"
#endif
#ifndef GORO_ENTRY_REGS
#error "GORO_ENTRY_ASM needs GORO_ENTRY_REGS, the registers %0,%1 of the limit read"
#endif
#else
#define ENTRY_CHECK 0
#endif

#if ENTRY_CHECK
/* Functions the GIMPLE pass left to the entry check: their locals alone
 * are more than GORO_FRAME_SMALL bytes, so their frame is too, and the
 * check after the prologue would only repeat the entry's. Should the
 * final frame come out smaller after all, they still get the entry check
 * (entry_check): every function the pass would have checked is checked.
 * The decls stay alive with their cgraph nodes. */
static hash_set<tree> *entry_only;

#ifdef GORO_GUARD_ASM
static const char limit_asm[] = GORO_GUARD_ASM;
#else
static const char limit_asm[] = GORO_GUARD_LOAD_ASM;
#endif

/* Append text to out, with %0 and %1 as the two registers and ';' as a
 * line break. */
static void
put_limit(std::string &out, const char *r0, const char *r1)
{
	for (const char *p = limit_asm; *p; p++) {
		if (p[0] == '%' && (p[1] == '0' || p[1] == '1')) {
			out += p[1] == '0' ? r0 : r1;
			p++;
		} else if (p[0] == '%' && p[1] == '%') { /* an extended asm's %% */
			out += '%';
			p++;
		} else if (*p == ';') {
			out += "\n\t";
		} else {
			out += *p;
		}
	}
}

static std::string
entry_text(HOST_WIDE_INT size)
{
	static const char regs[] = GORO_ENTRY_REGS;
	std::string r0(regs, strcspn(regs, ",")),
	        r1(strchr(regs, ',') ? strchr(regs, ',') + 1 : "");
	std::string out;
	char num[32];

	snprintf(num, sizeof num, HOST_WIDE_INT_PRINT_DEC, size);
	for (const char *p = GORO_ENTRY_ASM; *p; p++) {
		if (p[0] == '%' && p[1] == 'F') {
			out += num;
			p++;
		} else if (p[0] == '%' && p[1] == 'L') {
			put_limit(out, r0.c_str(), r1.c_str());
			p++;
		} else if (*p == ';') {
			out += "\n\t";
		} else {
			out += *p;
		}
	}
	return out;
}

/* Whether insn calls goro_stack_check_failed. */
static bool
calls_slow(rtx_insn *insn)
{
	if (!CALL_P(insn))
		return false;
	rtx call = get_call_rtx_from(insn);
	rtx fn = call ? XEXP(XEXP(call, 0), 0) : NULL_RTX;
	return fn && GET_CODE(fn) == SYMBOL_REF && !strcmp(XSTR(fn, 0), slow_name);
}

/* Whether insn is the check's read of sp (GORO_SP_ASM, volatile). */
static bool
reads_sp(rtx_insn *insn)
{
	if (!NONJUMP_INSN_P(insn))
		return false;
	rtx body = PATTERN(insn);
	if (GET_CODE(body) == SET)
		body = SET_SRC(body);
	return GET_CODE(body) == ASM_OPERANDS && !strcmp(ASM_OPERANDS_TEMPLATE(body), GORO_SP_ASM);
}

/*
 * A function that got the entry check needs no check after its prologue
 * as well (the entry's guarantees sp >= the limit there): take out the
 * branch to each goro_stack_check_failed call and the read of sp before
 * it. The compare and the limit's load are then dead, and the late DCE
 * pass (after pro_and_epilogue) removes them. Only where the call's
 * block has the compare's branch as its one way in; any other shape
 * keeps its check.
 */
static void
drop_second_check(function *fun)
{
	auto_vec<basic_block> slow;
	basic_block bb;
	rtx_insn *insn;

	FOR_EACH_BB_FN(bb, fun)
	FOR_BB_INSNS(bb, insn)
	if (calls_slow(insn))
		slow.safe_push(bb);
	unsigned i;
	FOR_EACH_VEC_ELT(slow, i, bb)
	{
		if (!single_pred_p(bb))
			continue;
		edge to_slow = single_pred_edge(bb);
		basic_block cond = to_slow->src;
		rtx_insn *jump = BB_END(cond);
		if ((to_slow->flags & EDGE_COMPLEX) || EDGE_COUNT(cond->succs) != 2 ||
		    !any_condjump_p(jump) || !onlyjump_p(jump))
			continue;
		edge body = EDGE_SUCC(cond, 0) == to_slow ? EDGE_SUCC(cond, 1) : EDGE_SUCC(cond, 0);
		if (body->flags & EDGE_COMPLEX)
			continue;
		rtx_insn *sp_read = NULL;
		FOR_BB_INSNS(cond, insn)
		if (reads_sp(insn))
			sp_read = insn;
		if (!sp_read)
			continue;
		/* cond now goes to the body only: by falling through, or (the
		 * call was the fall-through) by a jump, which block reordering
		 * takes out again once the call's block is gone. */
		bool jump_to_body = (to_slow->flags & EDGE_FALLTHRU) != 0;
		remove_edge(to_slow);
		body->probability = profile_probability::always();
		delete_insn(jump);
		delete_insn(sp_read);
		body->flags |= EDGE_FALLTHRU;
		if (jump_to_body)
			force_nonfallthru(body);
	}
	if (slow.length())
		delete_unreachable_blocks();
}

static unsigned int
entry_check(function *fun)
{
	HOST_WIDE_INT size = current_function_static_stack_size;
	tree fn = fun->decl;

	bool left = entry_only && entry_only->contains(fn);

	if (left)
		entry_only->remove(fn);
	if (size <= GORO_FRAME_SMALL && !left)
		return 0;
	if (lookup_attribute("no_instrument_function", DECL_ATTRIBUTES(fn))) {
		error_at(
		        DECL_SOURCE_LOCATION(fn),
		        "%qD is GORO_NOSPLIT, but its %wd-byte frame is more than the %d bytes the "
		        "guard zone holds for an unchecked frame",
		        fn, size, GORO_FRAME_SMALL);
		return 0;
	}
	if (DECL_STATIC_CHAIN(fn)) { /* the chain register may be the template's */
		error_at(DECL_SOURCE_LOCATION(fn),
		         "%qD: a nested function with a %wd-byte frame cannot be stack-checked", fn,
		         size);
		return 0;
	}
	std::string text = entry_text(size);
	rtx body =
	        gen_rtx_ASM_INPUT_loc(VOIDmode, ggc_strdup(text.c_str()), DECL_SOURCE_LOCATION(fn));
	MEM_VOLATILE_P(body) = 1;
	start_sequence();
	emit_insn(body);
	rtx_insn *seq = get_insns();
	end_sequence();
	/* Before everything the function does, the prologue included. */
	insert_insn_on_edge(seq, single_succ_edge(ENTRY_BLOCK_PTR_FOR_FN(fun)));
	commit_edge_insertions();
	drop_second_check(fun);
	return 0;
}
#endif

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
		frame_record(fun);
#if ENTRY_CHECK
		if (estimated_stack_frame_size(cgraph_node::get(fun->decl)) > GORO_FRAME_SMALL) {
			if (!entry_only)
				entry_only = new hash_set<tree>;
			entry_only->add(fun->decl);
			mark_virtual_operands_for_renaming(fun); /* the record's stores */
			return TODO_update_ssa;
		}
#endif
		return instrument(fun);
	}
};

const pass_data goro_map_data = {
        RTL_PASS, "goro_map", OPTGROUP_NONE, TV_NONE, 0, 0, 0, 0, 0,
};

struct goro_map_pass : rtl_opt_pass {
	goro_map_pass(gcc::context *ctx) : rtl_opt_pass(goro_map_data, ctx)
	{
	}
	bool
	gate(function *) final override
	{
		return pending_maps != NULL_TREE;
	}
	unsigned int
	execute(function *fun) final override
	{
		for (tree *p = &pending_maps; *p; p = &TREE_CHAIN(*p))
			if (TREE_PURPOSE(*p) == fun->decl) {
				write_map(TREE_VALUE(*p));
				*p = TREE_CHAIN(*p);
				break;
			}
		return 0;
	}
};

#if ENTRY_CHECK
const pass_data goro_entry_data = {
        RTL_PASS, "goro_entry", OPTGROUP_NONE, TV_NONE, 0, 0, 0, 0, 0,
};

struct goro_entry_pass : rtl_opt_pass {
	goro_entry_pass(gcc::context *ctx) : rtl_opt_pass(goro_entry_data, ctx)
	{
	}
	bool
	gate(function *fun) final override
	{
		return !lookup_attribute("naked", DECL_ATTRIBUTES(fun->decl));
	}
	unsigned int
	execute(function *fun) final override
	{
		return entry_check(fun);
	}
};
#endif
} // namespace

static const struct ggc_root_tab map_roots[] = {
        {&pending_maps, 1, sizeof(pending_maps), &gt_ggc_mx_tree_node, &gt_pch_nx_tree_node},
        LAST_GGC_ROOT_TAB,
};

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
	if (flag_lto != NULL) { /* "" for -flto, "N" for -flto=N */
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

	struct register_pass_info maps;
	maps.pass = new goro_map_pass(g);
	maps.reference_pass_name = "expand";
	maps.ref_pass_instance_number = 1;
	maps.pos_op = PASS_POS_INSERT_AFTER;
	register_callback(info->base_name, PLUGIN_PASS_MANAGER_SETUP, NULL, &maps);
#if ENTRY_CHECK
	if (!flag_stack_usage_info) {
		error("goro-check: the entry check needs the frame sizes of -fstack-usage or "
		      "-Wstack-usage (task code has -Werror=stack-usage)");
		return 1;
	}
	struct register_pass_info entry;
	entry.pass = new goro_entry_pass(g);
	entry.reference_pass_name = "pro_and_epilogue";
	entry.ref_pass_instance_number = 1;
	entry.pos_op = PASS_POS_INSERT_AFTER;
	register_callback(info->base_name, PLUGIN_PASS_MANAGER_SETUP, NULL, &entry);
#endif
	register_callback(info->base_name, PLUGIN_REGISTER_GGC_ROOTS, NULL, (void *)map_roots);
	return 0;
}
