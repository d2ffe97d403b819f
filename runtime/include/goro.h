/*
 * goro: cooperative green threads for microcontroller-class boards.
 *
 * A task ("goroutine") is a function with its own stack taken from a fixed
 * pool. Tasks run one at a time on each CPU and switch only when they call
 * into goro (goro_yield, goro_exit, and the blocking calls below). The scheduler
 * itself runs on the CPU's g0 context: the stack goro_run was called on.
 *
 * Calling context: every function here is for thread code (main or a task),
 * except those named *_isr and goro_now_us, which interrupt handlers may
 * call. Any other call from a handler that touches the scheduler is a panic
 * (docs/concurrency.md).
 */
#ifndef GORO_H
#define GORO_H

#include <stddef.h>
#include <stdint.h>

/* The release: kept equal to meson.build's project version (a test checks).
 * GORO_VERSION compares as one number: #if GORO_VERSION >= 0x000200. */
#define GORO_VERSION_MAJOR  0
#define GORO_VERSION_MINOR  1
#define GORO_VERSION_PATCH  0
#define GORO_VERSION_STRING "0.1.0"
#define GORO_VERSION        ((GORO_VERSION_MAJOR << 16) | (GORO_VERSION_MINOR << 8) | GORO_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/* Error codes: always negative, so a task id (> 0) and an error never mix. */
enum {
	GORO_OK = 0,
	GORO_EINVAL = -1,      /* bad argument (NULL fn, NULL out pointer, bad size) */
	GORO_ENOMEM = -2,      /* task table or stack pool exhausted */
	GORO_ENOENT = -3,      /* no live task with that id */
	GORO_EPERM = -4,       /* not allowed here (e.g. outside a task) */
	GORO_ECLOSED = -5,     /* the channel is closed (and, for receives, drained) */
	GORO_EWOULDBLOCK = -6, /* a non-blocking call found nothing ready */
	GORO_ETIMEDOUT = -7,   /* the timeout passed first */
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
	/* Several CPUs (meson option cpus): the task runs only on CPU
	 * goro_opts.cpu, never stolen by another. Ignored with one CPU. */
	GORO_PIN_CPU = 1u << 1,
};

/* Spawn options. A zeroed struct means "the defaults". */
struct goro_opts {
	const char *name;  /* shown in panics and debug output; not copied */
	size_t stack_size; /* first stack, bytes; 0 = board default; rounded up
	                      to a pool block */
	size_t max_stack;  /* the most the stack may grow to; 0 = board default */
	unsigned flags;    /* GORO_FIXED_STACK, ... */
	unsigned cpu;      /* with GORO_PIN_CPU: the CPU, 0 .. goro_ncpu()-1 */
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
 * CPUs (meson option cpus). goro_ncpu: how many run tasks. goro_cpu: the
 * calling CPU, 0 .. goro_ncpu()-1; main and goro_run are on CPU 0. A task
 * may run on another CPU after any call that can switch (a yield, a
 * channel operation, a wait), unless it was spawned with GORO_PIN_CPU.
 * With several CPUs, tasks run in parallel: data they share outside
 * goro's channels, mutexes and semaphores needs atomics of its own.
 */
int goro_cpu(void);
int goro_ncpu(void);

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
	                      painted (checks=2, or the meson option
	                      paint_stacks), else the most seen when the stack
	                      grew or was asked about */
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
 * The task list, as FreeRTOS's vTaskList gives it. A task is live from its
 * spawn until it exits. RUNNING is the task that called (or, inside
 * goro_systemstack, the one whose call runs); READY ones wait for the CPU;
 * WAITING ones are parked on something named by waitreason: "chan send",
 * "chan receive", "select", "sleep", "mutex", "wait group", "semaphore",
 * or a nil channel's forever ("chan receive (nil chan)").
 */
enum { GORO_TASK_RUNNING, GORO_TASK_READY, GORO_TASK_WAITING };
struct goro_task_info {
	int id;
	const char *name;       /* from goro_opts; NULL if unnamed */
	int state;              /* GORO_TASK_* */
	const char *waitreason; /* while waiting: what for ("chan receive", "sleep", ...);
	                           NULL otherwise */
	int cpu;                /* the CPU it runs on or last ran on */
	size_t stack_size, stack_used, stack_high_water; /* bytes, as goro_stack_info's
	                                                     size, used and high_water */
	unsigned grows, shrinks;
};
/* Fill up to max entries with the live tasks, in task-table order; return
 * how many are live (more than max when out was too short). GORO_EINVAL for
 * a NULL out with max > 0. */
int goro_task_list(struct goro_task_info *out, size_t max);
/* Print the task list through the console, one line per task, with a
 * header line; the running task is marked. */
void goro_task_dump(void);

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

/*
 * Debugging: what stack moves did to the words they copied, summed over
 * every move since the last reset (docs/stacks.md, "Precise moves"). A
 * word "in the window" holds a value inside the live part of the old
 * block, [sp, hi): the conservative rule would adjust it.
 */
struct goro_move_stats {
	unsigned long moves;   /* moves counted */
	unsigned long maps;    /* frame records found and followed */
	unsigned long precise; /* pointer words a map described, in the window: adjusted */
	unsigned long kept;    /* data words a map described, in the window: left as they were */
	unsigned long conservative; /* words no map described, in the window: adjusted */
	unsigned long unmapped;     /* live words no map described (frames with no map, spill
	                               slots, saved registers, return addresses) */
};
/* Copy the sums into *out (if not NULL), then zero them if reset. */
void goro_debug_move_stats(struct goro_move_stats *out, int reset);

struct goro_pool_info {
	size_t total;        /* bytes managed by the pool */
	size_t free;         /* bytes in free blocks */
	size_t largest_free; /* the largest block one allocation can get */
	size_t min_block;    /* the smallest block (and stack) */
};
void goro_pool_info(struct goro_pool_info *out);

/*
 * Trace: with the meson option trace=true, the scheduler records every
 * spawn, switch, park, wakeup, exit and stack move into a fixed ring of
 * the last trace_records events (a flight recorder: the oldest are
 * overwritten). The records' arg, by event:
 */
enum goro_trace_event {
	GORO_TRACE_CREATE = 1, /* the task was spawned; arg: its name */
	GORO_TRACE_SWITCH,     /* the CPU goes from task id (0: g0) to task arg */
	GORO_TRACE_PARK,       /* the task waits; arg: what for ("chan receive", ...) */
	GORO_TRACE_WAKE,       /* the task is runnable again; arg: the task running then
	                          (0: g0): the sender, say, or for a timer or an
	                          interrupt's post, whichever task let the
	                          scheduler look */
	GORO_TRACE_EXIT,       /* the task ended */
	GORO_TRACE_STACK_MOVE, /* the task's stack moved; arg: bytes copied */
};
/*
 * Write the ring as Chrome/Perfetto trace-event JSON (ui.perfetto.dev and
 * chrome://tracing open it): each task a track of its running slices,
 * with parks (and their reasons), wakeups, spawns, exits and stack moves
 * as instants. Timestamps are goro_board_count() units (ns on the host,
 * guest instructions under QEMU's -icount) shown as ns. Runs on g0's
 * stack. GORO_OK; GORO_EPERM when built without trace or with nowhere to
 * write (console=uart on a bare-metal board: use `goro trace FILE` in gdb,
 * tools/gdb/goro.py); GORO_EINVAL for a NULL path or a file that cannot be
 * written.
 */
int goro_trace_write_json(const char *path);
/* Forget what the ring holds (no-op when built without trace). */
void goro_trace_clear(void);

/*
 * Print "goro: panic: <message>" with the current task's id and name through
 * the board console, then end the program through goro_board_panic_exit()
 * (exit status 2 by default; a board may override it, e.g. to reset).
 *
 * The message is formatted by the runtime itself, not by printf, so that a
 * program that prints nothing links no printf. It knows: the conversions
 * %d %i %u %x %X %p %s %c and %%; the flags '-' (left-justify) and '0'
 * (zero-pad); a width; a precision, for %s only (the most characters);
 * the length modifiers h, l, z and t, and ll only where long long is no
 * wider than long (64-bit hosts). Anything else (%f, %e, %lld on a 32-bit
 * core, %*d, %n) prints as "%!" followed by the rest of the format as it
 * is, and no argument after it is read. At most 255 characters are kept.
 */
_Noreturn void goro_panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Where a panic ends, after the message is out; runs on g0's stack and must
 * not return. Each board defines it weak (exit status 2 where a host is
 * listening); define your own to reset the chip, blink an LED or wait for
 * a debugger.
 */
_Noreturn void goro_board_panic_exit(void);

/*
 * Waiting. Every blocking call below parks the calling task on a wait
 * record kept on its own stack; a stack with wait records on it never
 * moves (a parked task does not run, so its stack cannot grow), so the
 * records need no relocation. None of the blocking calls may be made from
 * an interrupt handler: that is a panic. The *_isr calls are the ones an
 * interrupt handler may make.
 */
struct goro_waitq {
	struct goro_waiter *head, *tail;
};

/* A wait record. Its fields are the runtime's; it is public only so that a
 * goro_case can carry one and goro_select needs no stack of its own for
 * them. */
struct goro_waiter {
	struct goro_waiter *next, *prev;
	struct goro_waitq *q; /* the queue it is on, or NULL */
	void *elem;           /* what to send, or where to receive */
	struct goro_wait *st; /* the wait it belongs to (and its task) */
	short idx;            /* which case of a select */
	short result;         /* set by the waker: 0, or GORO_ECLOSED */
};

/*
 * Channels of fixed-size elements, with Go's semantics. Shared between
 * tasks, so a channel must not live on a task's stack unless that stack is
 * pinned or fixed (docs/stacks.md). cap 0: unbuffered, a send waits for a
 * receiver and hands the value over directly.
 */
struct goro_chan {
	unsigned char *buf; /* cap elements, a ring */
	size_t elem_size;
	size_t cap;
	size_t len;  /* elements in the buffer */
	size_t head; /* index of the oldest */
	struct goro_waitq recvq, sendq;
	unsigned char closed;
	unsigned char pooled; /* from goro_chan_new */
	unsigned char order;  /* its pool block */
};

/* Over caller-provided storage: buf holds cap * elem_size bytes (NULL when
 * cap or elem_size is 0). elem_size 0 is Go's chan struct{}: sends and
 * receives carry nothing (elem may be NULL) but still count against cap
 * and synchronise. GORO_EINVAL for NULL c, or elem_size and cap > 0 with
 * no buf. */
int goro_chan_init(struct goro_chan *c, void *buf, size_t elem_size, size_t cap);
/* The channel and its buffer from the stack pool, in one block (elem_size
 * may be 0, as for goro_chan_init); NULL when the pool has no room or
 * elem_size * cap overflows. goro_chan_free gives it back; a channel
 * someone waits on cannot be freed (panic). */
struct goro_chan *goro_chan_new(size_t elem_size, size_t cap);
void goro_chan_free(struct goro_chan *c);

/* Send: waits for room or a receiver. 0. Send on a closed channel is a
 * panic; on a NULL channel it waits forever (Go's nil channel). */
int goro_chan_send(struct goro_chan *c, const void *elem);
/* Receive into elem (may be NULL to drop it): 0, or GORO_ECLOSED once the
 * channel is closed and drained, with elem zeroed. A NULL channel waits
 * forever. */
int goro_chan_recv(struct goro_chan *c, void *elem);
/* Without waiting: 0, GORO_EWOULDBLOCK, or (recv) GORO_ECLOSED. A trysend
 * on a closed channel is a panic, like a send. */
int goro_chan_trysend(struct goro_chan *c, const void *elem);
int goro_chan_tryrecv(struct goro_chan *c, void *elem);
/* Close: wakes every waiting receiver (they get GORO_ECLOSED) and panics
 * every waiting sender, as Go does. Closing a closed or NULL channel is a
 * panic. Returns 0. */
int goro_chan_close(struct goro_chan *c);
/* Elements in the buffer now, and its capacity (0: unbuffered); both 0
 * for a NULL channel, as len and cap of a nil channel are in Go. */
size_t goro_chan_len(const struct goro_chan *c);
size_t goro_chan_cap(const struct goro_chan *c);

/* Select. */
enum { GORO_RECV = 0, GORO_SEND = 1 };
struct goro_case {
	struct goro_chan *chan; /* NULL: this case never proceeds */
	void *elem;             /* where to receive into / what to send */
	unsigned char dir;      /* GORO_RECV or GORO_SEND */
	unsigned char ok;       /* set for the receive that proceeded: 1 a
	                           value, 0 the channel was closed */
	struct goro_waiter w;   /* the runtime's */
};
/*
 * Wait until one case can proceed, do it, and return its index. When
 * several can, the choice is uniformly random, so no case starves. With
 * timeout_us 0: GORO_EWOULDBLOCK if none is ready; > 0: GORO_ETIMEDOUT
 * after that long; < 0: wait forever. GORO_EINVAL for n > 64 or a NULL
 * cases with n > 0.
 */
int goro_select(struct goro_case *cases, size_t n, int64_t timeout_us);

/*
 * Time. goro_now_us is monotonic from the first call. goro_sleep_us
 * returns no earlier than asked. With nothing to run, the CPU sleeps until
 * the next deadline or interrupt (tickless: no periodic tick).
 */
uint64_t goro_now_us(void);
void goro_sleep_us(uint64_t us);

/*
 * Timers: a channel that receives the time (a uint64_t, goro_now_us) at
 * each expiry: once after `after_us`, then every `period_us` if that is not
 * 0 (a ticker; ticks the receiver has not taken are dropped, as in Go).
 * Wait on it with goro_chan_recv or in a select through goro_timer_chan.
 * Like a channel, a running timer must not live on a task stack unless
 * pinned or fixed; the runtime keeps a pointer to it while it runs.
 */
struct goro_tnode { /* the runtime's: an entry of its timer heap */
	uint64_t when;
	int heapidx; /* in the heap, or -1 */
	unsigned char kind;
	void *arg;
};
struct goro_timer {
	struct goro_tnode node;
	uint64_t period;
	struct goro_chan c;
	uint64_t slot; /* c's one-element buffer */
};
void goro_timer_start(struct goro_timer *t, uint64_t after_us, uint64_t period_us);
/* Stop it; 1 if it was running, 0 if it had fired (one-shot) or was not
 * started. A tick already in the channel stays there. */
int goro_timer_stop(struct goro_timer *t);
struct goro_chan *goro_timer_chan(struct goro_timer *t);

/* Wait groups: wait until a count of jobs reaches zero. add with a
 * negative delta that takes the count below zero is a panic. */
struct goro_wg {
	int count;
	struct goro_waitq q;
};
void goro_wg_add(struct goro_wg *wg, int delta);
void goro_wg_done(struct goro_wg *wg);
void goro_wg_wait(struct goro_wg *wg);

/* Mutex, handed over in FIFO order. Unlocking an unlocked mutex, or one
 * another task holds, is a panic. */
struct goro_mutex {
	void *owner; /* internal: the holding task */
	struct goro_waitq q;
};
void goro_mutex_lock(struct goro_mutex *m);
int goro_mutex_trylock(struct goro_mutex *m); /* 0 or GORO_EWOULDBLOCK */
void goro_mutex_unlock(struct goro_mutex *m);

/*
 * Counting semaphores. An interrupt handler wakes tasks with
 * goro_sema_post_isr, which never blocks and takes effect at the next
 * scheduling point (or wakes the idle CPU). A semaphore initialised with
 * goro_sema_init_isr is one interrupts post: tasks waiting on it are not
 * counted as deadlocked, since an interrupt can still come.
 */
struct goro_sema {
	int count;
	unsigned char isr;             /* posted by interrupts */
	volatile unsigned char queued; /* internal: on the pending-post list */
	volatile unsigned isr_posts;   /* internal: posts not yet applied */
	struct goro_sema *isr_next;    /* internal */
	struct goro_waitq q;
};
void goro_sema_init(struct goro_sema *s, int count);
void goro_sema_init_isr(struct goro_sema *s, int count);
void goro_sema_wait(struct goro_sema *s);
int goro_sema_trywait(struct goro_sema *s); /* 0 or GORO_EWOULDBLOCK */
/* 0, or GORO_ETIMEDOUT after timeout_us. */
int goro_sema_timedwait(struct goro_sema *s, uint64_t timeout_us);
void goro_sema_post(struct goro_sema *s);
void goro_sema_post_isr(struct goro_sema *s); /* ISR-safe */

#ifdef __cplusplus
}
#endif

#endif /* GORO_H */
