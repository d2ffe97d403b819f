/*
 * goro: cooperative green threads for microcontroller-class boards.
 *
 * A task ("goroutine") is a function with its own stack taken from a fixed
 * pool. Tasks run one at a time on each CPU and switch only when they call
 * into goro (goro_yield, goro_exit, and later blocking calls). The scheduler
 * itself runs on the CPU's g0 context: the stack goro_run was called on.
 *
 * Calling context: every function here is for thread code (main or a task).
 * None may be called from an interrupt handler.
 */
#ifndef GORO_H
#define GORO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Error codes: always negative, so a task id (> 0) and an error never mix. */
enum {
	GORO_OK = 0,
	GORO_EINVAL = -1, /* bad argument (NULL fn, NULL out pointer, bad size) */
	GORO_ENOMEM = -2, /* task table or stack pool exhausted */
	GORO_ENOENT = -3, /* no live task with that id */
	GORO_EPERM = -4,  /* not allowed here (e.g. outside a task) */
};

/*
 * GORO_NOSPLIT: a function that gets no stack check. For code that runs
 * where a stack move must not happen (it holds a pointer into its own
 * stack that lives elsewhere) or where the check would be wasted. Such a
 * function's frame, and everything it calls unchecked, must fit in the
 * guard zone (docs/stacks.md).
 */
#define GORO_NOSPLIT __attribute__((no_instrument_function, noinline))

/* Flags for struct goro_opts. */
enum {
	/* The stack never moves: growth and shrinking leave it alone, so
	 * pointers into it may be handed to code outside the task. A fixed
	 * stack that runs short is a panic. */
	GORO_FIXED_STACK = 1u << 0,
};

/* Spawn options. A zeroed struct means "the defaults". */
struct goro_opts {
	const char *name;  /* shown in panics and debug output; not copied */
	size_t stack_size; /* first stack, bytes; 0 = board default; rounded up
	                      to a pool block */
	size_t max_stack;  /* the most the stack may grow to; 0 = board default */
	unsigned flags;    /* GORO_FIXED_STACK, ... */
};

/*
 * Spawn a task running fn(arg). Returns its id (> 0), GORO_EINVAL for a NULL
 * fn or a stack size larger than the pool's largest block, or GORO_ENOMEM
 * when the task table or the stack pool is exhausted. The task is queued and
 * first runs when the calling task yields or exits, or, when main spawned
 * it, once main calls goro_run.
 * Ids are unique among live tasks; a slot's id changes each time it is reused.
 */
int goro_go(void (*fn)(void *arg), void *arg);
int goro_go_opts(void (*fn)(void *arg), void *arg, const struct goro_opts *opts);

/* Let every other runnable task run once, then continue. Outside a task
 * (on main before or after goro_run) it returns at once: there is no one
 * to yield to. */
void goro_yield(void);

/* End the calling task; returning from its function does the same.
 * Outside a task this is a panic. */
_Noreturn void goro_exit(void);

/* The calling task's id, or 0 outside a task. */
int goro_self(void);

/* The name of the task with this id, or NULL if there is none. */
const char *goro_name(int id);

/*
 * Run the scheduler on this CPU's g0 until no task is left, then return.
 * main() spawns the first tasks and calls goro_run(); it may be called again
 * later for a new batch. Called from inside a task it is a panic: the
 * scheduler cannot run on a task's stack.
 */
void goro_run(void);

struct goro_stack_info {
	uintptr_t lo, hi;  /* the stack block: [lo, hi) */
	size_t size;       /* hi - lo */
	size_t used;       /* bytes in use now (hi - saved or current sp) */
	size_t high_water; /* most bytes ever in use: exact when stacks are
	                      painted (checks >= 2), else the most seen at a
	                      switch or move */
	size_t max;        /* the most it may grow to */
	unsigned grows;    /* times the stack moved to a new block (bigger, or
	                      the same size when forced by goro_debug_move_every) */
	unsigned shrinks;  /* times it gave back the low half of its block */
	unsigned pinned;   /* goro_stack_pin depth; the stack moves only at 0 */
	unsigned fixed;    /* spawned with GORO_FIXED_STACK */
};

/* Stack of task id. GORO_EINVAL for NULL out, GORO_ENOENT for no such task. */
int goro_stack_info(int id, struct goro_stack_info *out);

/*
 * Keep the calling task's stack where it is until the matching unpin, for
 * while a pointer into it is held outside the task (a DMA descriptor, a
 * pointer in a global). Pins nest. A pinned stack that runs short is a
 * panic, and a pinned stack is not shrunk. GORO_EPERM outside a task;
 * unpin without a pin is GORO_EINVAL.
 */
int goro_stack_pin(void);
int goro_stack_unpin(void);

/*
 * Run fn(arg) on this CPU's g0 stack (the scheduler's) and return. For
 * calls into code that is not stack-checked and may need more stack than
 * the guard zone holds: large library calls, say. fn must not yield, block,
 * spawn-and-wait or exit: inside it goro_self() is 0 and goro_yield returns
 * at once. Outside a task fn simply runs. The printf family is routed here
 * for task code already (see docs/stacks.md).
 */
void goro_systemstack(void (*fn)(void *), void *arg);

/*
 * Debugging: with checks=2, move the running task's stack at every n-th
 * stack check (0: off), so code that breaks when its stack moves breaks at
 * once. GORO_EPERM in builds with fewer checks.
 */
int goro_debug_move_every(unsigned n);

/*
 * Debugging: the fewest bytes of guard zone left untouched at any stack
 * growth so far (stacks are painted with checks=2, so the deepest write on
 * the old block shows). 0 means some growth came too late: a frame or
 * unchecked call went through the whole guard zone. (size_t)-1 when there
 * was no growth yet or checks < 2.
 */
size_t goro_debug_min_headroom(void);

/*
 * Debugging and benchmarks: hook(0, bytes) runs on g0 as a stack move
 * starts and hook(1, bytes) as it ends, bytes being the live part copied.
 * NULL removes it. Runs inside the mover: it must not touch task stacks.
 */
void goro_debug_on_move(void (*hook)(int end, size_t bytes));

struct goro_pool_info {
	size_t total;        /* bytes managed by the pool */
	size_t free;         /* bytes in free blocks */
	size_t largest_free; /* the largest block one allocation can get */
	size_t min_block;    /* the smallest block (and stack) */
};
void goro_pool_info(struct goro_pool_info *out);

/*
 * Print "goro: panic: <message>" with the current task's id and name through
 * the board console, then end the program through goro_board_panic_exit()
 * (exit status 2 by default; a board may override it, e.g. to reset).
 */
_Noreturn void goro_panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Where a panic ends, after the message is out; runs on g0's stack and must
 * not return. Each board defines it weak (exit status 2 where a host is
 * listening); define your own to reset the chip, blink an LED or wait for
 * a debugger.
 */
_Noreturn void goro_board_panic_exit(void);

#ifdef __cplusplus
}
#endif

#endif /* GORO_H */
