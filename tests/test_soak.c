/*
 * The soak: the whole runtime at once, at random, from one seed. Tasks
 * spawn children and wait for them, exit by returning or by goro_exit from
 * deep in a recursion, grow and shrink their stacks (and, with checks=2,
 * have them moved at every few stack checks), pass tokens through selects
 * over a ring of channels with a timer's channel among the cases, sleep,
 * run one-shot timers and tickers, take mutexes and a semaphore while
 * others wait, and keep pooled channels across moves. What must hold,
 * checked as it runs and at the end:
 *
 *   - tokens are never made or lost: each is held by at most one task at a
 *     time (a receiver takes it only from a channel or from a sender's
 *     select), and at the end each is back in a channel exactly once;
 *   - every spawn succeeds (the task count and stack sizes are chosen so
 *     that the pool and the task table always have room) and every task
 *     spawned has finished;
 *   - a mutex has one holder at a time, the semaphore at most SEMA_K;
 *   - a sleep lasts no less than asked, a timer's tick is no earlier than
 *     its deadline, a stopped timer's channel holds a tick exactly when
 *     the stop found it fired;
 *   - a task's locals reach it through pointers on its stack wherever the
 *     stack has moved to, and (soak_pooled) a pooled channel through a
 *     pointer on its stack still reaches the channel after a move;
 *   - the pool is whole once goro_run returns.
 * The runtime itself panics on a broken canary or poisoned block (checks=2).
 *
 * Every choice comes from the seed: each task draws from its own
 * generator, seeded by its parent's. The seed is printed first. On the
 * emulated boards (QEMU under -icount) a run is exact, so a failing seed
 * reproduces it: build with -Dsoak_seed=N (meson option), or give the seed
 * as an argument (QEMU's -append "N" on the emulated boards), with the
 * number of operations after it for a longer run. On the host timeouts
 * follow the wall clock, so the same seed gives the same choices but not
 * always the same interleaving. The run is bounded by a count of
 * operations, not by time.
 */
#include <stdlib.h>
#include <string.h>

#include "goro_config.h"
#include "grow.h"

#ifndef SOAK_SEED
#define SOAK_SEED 1
#endif
#ifndef SOAK_OPS
#define SOAK_OPS 10000
#endif
/* Pooled channels held across stack moves: on, unless built with
 * -DSOAK_POOLED=0 (meson's test "soak"; "soak_pooled" has them). */
#ifndef SOAK_POOLED
#define SOAK_POOLED 1
#endif

#define NCHAN    4
#define CHAN_CAP 4
#define TOKENS   12 /* fewer than the ring holds: a token always finds room */
/* Static state per task: no more than the task table holds, nor than
 * the pool holds at 512 B a task (a busy soak task's stack; on the 16 KB
 * boards the slots' RAM is what runs out first), nor 48. */
#define MIN3(a, b, c) ((a) < (b) ? ((a) < (c) ? (a) : (c)) : ((b) < (c) ? (b) : (c)))
#define MAX_SLOTS     MIN3(GORO_MAX_TASKS - 1, GORO_POOL_SIZE / 512 - 1, 48)
#define NMUTEX        2
#define SEMA_K        2
#define NPOOLED       SOAK_POOLED /* pooled channels alive at once */

/*
 * With several CPUs (meson option cpus) the soak's own bookkeeping (the
 * token owners, the slots, the counters) is kept under one lock that a
 * task holds whenever it runs test code, and lets go of around every call
 * that may block or switch: the runtime's calls then run on every CPU at
 * once, while the checks see the same interleavings, at switch points,
 * that one CPU would give them.
 */
#if GORO_NCPU > 1
static struct goro_mutex big;
#define BIG_LOCK()   goro_mutex_lock(&big)
#define BIG_UNLOCK() goro_mutex_unlock(&big)
#define UNLOCKED(call)                                                                             \
	do {                                                                                       \
		BIG_UNLOCK();                                                                      \
		call;                                                                              \
		BIG_LOCK();                                                                        \
	} while (0)
#define UNLOCKED_R(call)                                                                           \
	({                                                                                         \
		BIG_UNLOCK();                                                                      \
		__typeof__(call) r_ = (call);                                                      \
		BIG_LOCK();                                                                        \
		r_;                                                                                \
	})
#else
#define BIG_LOCK()       ((void)0)
#define BIG_UNLOCK()     ((void)0)
#define UNLOCKED(call)   call
#define UNLOCKED_R(call) (call)
#endif

/* One task's state, kept in static storage: sync objects and timers must
 * not live on a stack that moves. Slots are handed out at spawn and given
 * back when the task finishes, so at most nslots tasks are live. */
struct slot {
	/* The generator's state, in two words each below 0x10000: a whole
	 * random word in static storage is what the stale-pointer scan after
	 * a move takes for a pointer into the old stack, at odds of (live
	 * bytes) / 2^32 a move (docs/stacks.md, "What may point into a task
	 * stack"), and seed 1 on mps2-an385 with the runtime built for size
	 * met one once the pool's layout changed. */
	uint32_t rng_lo, rng_hi;
	int used;
	int parent; /* slot index, or -1 for main's tasks */
	int rounds; /* operations left */
	int holding;
	uint32_t tok;
	struct goro_wg kids; /* this task's children */
	struct goro_timer tm;
	struct goro_case cs[3]; /* op_token's select, out of its frame */
	uint64_t tick;
};

static struct slot slots[MAX_SLOTS];
static struct goro_chan ring[NCHAN];
static uint32_t ringbuf[NCHAN][CHAN_CAP];
static struct goro_mutex mtx[NMUTEX];
static int mtx_owner[NMUTEX];
static struct goro_sema sem;
static int sem_inside;
static int pooled_live;
static unsigned pooled_uses;

static int nslots;        /* tasks live at once */
static size_t task_max;   /* each task's max_stack */
static size_t dig_budget; /* bytes of stack a recursion may use */
static unsigned ops, ops_max;
/* Who holds each token: its task's slot index + 1, or 0 while it is in a
 * channel. offered: its holder waits in a select to send it. A receiver
 * may get a token whose sender has not run since the handover, but no
 * other. */
static int owner[TOKENS];
static unsigned char offered[TOKENS];
static unsigned spawned, finished, early_exits, ticks, timeouts, locks, sema_ok;
static unsigned long grows, shrinks;

static void
rng_set(struct slot *s, uint32_t x)
{
	s->rng_lo = x & 0xffffu;
	s->rng_hi = x >> 16;
}

static uint32_t
rnd(struct slot *s)
{
	/* xorshift32: the state never becomes 0 from a nonzero start. */
	uint32_t x = s->rng_hi << 16 | s->rng_lo;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	rng_set(s, x);
	return x;
}

static uint32_t
below(struct slot *s, uint32_t n)
{
	return rnd(s) % n;
}

static int
slot_index(const struct slot *s)
{
	return (int)(s - slots);
}

static void finish(struct slot *s);
static void worker(void *arg);

/* The bottom of a recursion: let everyone else run while this stack is
 * deep, sleep, or (when allowed) end the task right here. */
__attribute__((noinline)) static void
bottom(struct slot *s, int may_exit)
{
	uint32_t r = below(s, 8);

	if (may_exit && r == 0 && s->parent >= 0) {
		early_exits++;
		finish(s);
		BIG_UNLOCK();
		goro_exit();
	}
	if (r < 4)
		UNLOCKED(goro_yield());
	else if (r == 4)
		UNLOCKED(goro_sleep_us(below(s, 100)));
}

/* Recursion that checks, at every level, that the pointer it got still
 * reaches its caller's local, wherever the stack has moved since. It stops
 * at depth n or when the stack in use from anchor reaches dig_budget, so
 * that no task outgrows task_max. */
__attribute__((noinline)) static int
dig(struct slot *s, const volatile char *anchor, int n, const volatile int *up, int want,
    int may_exit)
{
	volatile char pad[48];
	volatile int here = n;

	memset((char *)pad, n, sizeof pad);
	CHECK_EQ(*up, want);
	if (n == 0 || (size_t)(anchor - (const volatile char *)&here) > dig_budget) {
		bottom(s, may_exit);
		return pad[0] - (char)n;
	}
	return dig(s, anchor, n - 1, &here, n, may_exit) + pad[0] - (char)n;
}

static void
deep(struct slot *s, const volatile char *anchor, int may_exit)
{
	volatile int top = -1;

	CHECK_EQ(dig(s, anchor, (int)below(s, 64), &top, -1, may_exit), 0);
}

/* After a one-shot timer's use: stop it; a tick is in its channel exactly
 * when it had fired, and is taken out. */
static void
timer_done(struct slot *s)
{
	uint64_t v;
	int running = goro_timer_stop(&s->tm);

	CHECK_EQ(goro_chan_tryrecv(goro_timer_chan(&s->tm), &v), running ? GORO_EWOULDBLOCK : 0);
}

/* Take a token from one channel or put the one held into another, in a
 * select that may also wait for this task's timer. */
__attribute__((noinline)) static void
op_token(struct slot *s)
{
	uint32_t mode = below(s, 4), ch = below(s, NCHAN);
	uint64_t t0 = goro_now_us(), after = below(s, 500);
	struct goro_case *cs = s->cs;
	/* Poll, wait a little, or (mode 3) wait for ever with the timer as
	 * the way out: a holder on a full channel and a taker on an empty one
	 * could otherwise wait for each other for good. */
	int64_t timeout = mode == 0 ? 0 : mode == 1 ? 200 : mode == 2 ? 2000 : -1;
	int r, me = slot_index(s) + 1;
	uint32_t t = s->tok;

	/* Holding a token: only the send may proceed; else only the receive
	 * (the other case is a nil channel). */
	memset(cs, 0, sizeof s->cs);
	cs[s->holding].chan = &ring[ch];
	cs[0].dir = GORO_RECV;
	cs[0].elem = &s->tok;
	cs[1].dir = GORO_SEND;
	cs[1].elem = &s->tok;
	cs[2].dir = GORO_RECV;
	cs[2].elem = &s->tick;
	if (mode == 3) {
		goro_timer_start(&s->tm, after, 0);
		cs[2].chan = goro_timer_chan(&s->tm);
	}
	if (s->holding) {
		CHECK_EQ(owner[t], me);
		offered[t] = 1;
	}
	r = UNLOCKED_R(goro_select(cs, 3, timeout));
	if (r == 0) {
		t = s->tok;
		CHECK(!s->holding);
		CHECK(t < TOKENS);
		CHECK(owner[t] == 0 || offered[t]);
		owner[t] = me;
		offered[t] = 0;
		s->holding = 1;
	} else if (r == 1) {
		CHECK(s->holding);
		/* Still ours: it went into a buffer, and nobody has it yet. */
		if (owner[t] == me) {
			owner[t] = 0;
			offered[t] = 0;
		}
		s->holding = 0;
	} else if (s->holding) {
		CHECK_EQ(owner[t], me); /* not sent: nobody may have it */
		offered[t] = 0;
	}
	if (r == 2) {
		CHECK_EQ(mode, 3);
		CHECK(s->tick >= t0 + after);
		ticks++;
	} else if (r < 0) {
		CHECK(mode != 3);
		CHECK(r == (mode == 0 ? GORO_EWOULDBLOCK : GORO_ETIMEDOUT));
		timeouts++;
	}
	if (mode == 3 && r != 2)
		timer_done(s);
}

/* A child in a free slot, its generator seeded from ours. */
__attribute__((noinline)) static void
op_spawn(struct slot *s)
{
	struct goro_opts o = {.name = "soak", .stack_size = 1, .max_stack = task_max};
	struct slot *c = NULL;
	int i;

	for (i = 0; i < nslots; i++)
		if (!slots[i].used) {
			c = &slots[i];
			break;
		}
	if (c == NULL || ops >= ops_max)
		return;
	c->used = 1;
	c->parent = slot_index(s);
	rng_set(c, rnd(s) | 1u);
	c->rounds = 10 + (int)below(s, 80);
	c->holding = 0;
	goro_wg_add(&s->kids, 1);
	spawned++;
	CHECK(goro_go_opts(worker, c, &o) > 0);
}

static void
op_sleep(struct slot *s)
{
	uint64_t us = below(s, 4) == 0 ? below(s, 2000) : below(s, 100), t0 = goro_now_us();

	UNLOCKED(goro_sleep_us(us));
	CHECK(goro_now_us() - t0 >= us);
}

/* A critical section with a yield, a sleep or a recursion inside it. */
__attribute__((noinline)) static void
op_mutex(struct slot *s, const volatile char *anchor)
{
	int m = (int)below(s, NMUTEX), me = slot_index(s) + 1;

	if (below(s, 4) == 0) {
		if (goro_mutex_trylock(&mtx[m]) != 0)
			return;
	} else {
		UNLOCKED(goro_mutex_lock(&mtx[m]));
	}
	CHECK_EQ(mtx_owner[m], 0);
	mtx_owner[m] = me;
	locks++;
	switch (below(s, 3)) {
	case 0:
		UNLOCKED(goro_yield());
		break;
	case 1:
		UNLOCKED(goro_sleep_us(below(s, 200)));
		break;
	default:
		deep(s, anchor, 0);
		break;
	}
	CHECK_EQ(mtx_owner[m], me);
	mtx_owner[m] = 0;
	goro_mutex_unlock(&mtx[m]);
}

__attribute__((noinline)) static void
op_sema(struct slot *s)
{
	int r;

	switch (below(s, 3)) {
	case 0:
		UNLOCKED(goro_sema_wait(&sem));
		r = 0;
		break;
	case 1:
		r = goro_sema_trywait(&sem);
		CHECK(r == 0 || r == GORO_EWOULDBLOCK);
		break;
	default:
		r = UNLOCKED_R(goro_sema_timedwait(&sem, below(s, 400)));
		CHECK(r == 0 || r == GORO_ETIMEDOUT);
		break;
	}
	if (r != 0)
		return;
	sema_ok++;
	CHECK(++sem_inside <= SEMA_K);
	if (below(s, 2))
		UNLOCKED(goro_yield());
	else
		UNLOCKED(goro_sleep_us(below(s, 300)));
	sem_inside--;
	goro_sema_post(&sem);
}

/* A one-shot timer waited for, a ticker's few ticks, or a timer stopped
 * before it fires. */
__attribute__((noinline)) static void
op_timer(struct slot *s)
{
	uint64_t t0 = goro_now_us(), after = below(s, 400), v, prev = 0;
	int i, n;

	switch (below(s, 3)) {
	case 0:
		goro_timer_start(&s->tm, after, 0);
		CHECK_EQ(UNLOCKED_R(goro_chan_recv(goro_timer_chan(&s->tm), &v)), 0);
		CHECK(v >= t0 + after);
		CHECK_EQ(goro_timer_stop(&s->tm), 0); /* it has fired */
		ticks++;
		break;
	case 1:
		goro_timer_start(&s->tm, after, 50 + below(s, 200));
		n = 1 + (int)below(s, 3);
		for (i = 0; i < n; i++) {
			CHECK_EQ(UNLOCKED_R(goro_chan_recv(goro_timer_chan(&s->tm), &v)), 0);
			CHECK(v >= t0 + after && v >= prev);
			prev = v;
			ticks++;
		}
		CHECK_EQ(goro_timer_stop(&s->tm), 1); /* a ticker runs until stopped */
		goro_chan_tryrecv(goro_timer_chan(&s->tm), &v);
		break;
	default:
		goro_timer_start(&s->tm, 1000000 + after, 0);
		if (below(s, 2))
			UNLOCKED(goro_yield());
		CHECK_EQ(goro_timer_stop(&s->tm), 1);
		CHECK_EQ(goro_chan_tryrecv(goro_timer_chan(&s->tm), &v), GORO_EWOULDBLOCK);
		break;
	}
	s->tm.period = 0;
}

/* A channel from the pool, its pointer kept on the stack across a
 * recursion that grows and moves the stack: it points outside the stack
 * (often to the block right above it), so the move must leave it alone.
 * The value sent is kept below 0x10000, where no board has RAM: a random
 * word on a stack that happens to lie in the stack's own block is taken
 * for a pointer and adjusted by the move (docs/stacks.md), and a seed on
 * the HiFive1 once drew one. */
__attribute__((noinline)) static void
op_pooled(struct slot *s, const volatile char *anchor)
{
	struct goro_chan *c;
	uint32_t v = 0, w = rnd(s) & 0xffff;

	if (pooled_live >= NPOOLED)
		return;
	c = goro_chan_new(sizeof v, 2);
	CHECK(c != NULL); /* the pool keeps room for it: size_for_board */
	pooled_live++;
	CHECK_EQ(goro_chan_trysend(c, &w), 0);
	deep(s, anchor, 0);
	CHECK_EQ(goro_chan_len(c), 1);
	CHECK_EQ(goro_chan_tryrecv(c, &v), 0);
	CHECK_EQ(v, w);
	goro_chan_free(c);
	pooled_live--;
	pooled_uses++;
}

/* Put back the token held, wait for the children, and give the slot up. */
static void
finish(struct slot *s)
{
	struct goro_stack_info si;
	uint64_t v;

	while (s->holding) {
		int i;
		for (i = 0; i < NCHAN && s->holding; i++)
			if (goro_chan_trysend(&ring[i], &s->tok) == 0) {
				CHECK_EQ(owner[s->tok], slot_index(s) + 1);
				owner[s->tok] = 0;
				s->holding = 0;
			}
		if (s->holding)
			UNLOCKED(goro_yield());
	}
	UNLOCKED(goro_wg_wait(&s->kids));
	CHECK_EQ(goro_timer_stop(&s->tm), 0);
	CHECK_EQ(goro_chan_tryrecv(goro_timer_chan(&s->tm), &v), GORO_EWOULDBLOCK);
	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	CHECK(si.size <= task_max);
	grows += si.grows;
	shrinks += si.shrinks;
	finished++;
	s->used = 0;
	if (s->parent >= 0)
		goro_wg_done(&slots[s->parent].kids);
}

static void
worker(void *arg)
{
	struct slot *s = arg;
	volatile char anchor = 0;
	int i;

	BIG_LOCK();
	while (s->rounds-- > 0 && ops < ops_max) {
		ops++;
		switch (below(s, 17)) {
		case 0:
		case 1:
		case 2:
		case 3:
		case 4:
			op_token(s);
			break;
		case 5:
		case 6:
			deep(s, &anchor, 0);
			break;
		case 7:
		case 8:
			op_spawn(s);
			break;
		case 9:
			op_sleep(s);
			break;
		case 10:
			op_mutex(s, &anchor);
			break;
		case 11:
			op_sema(s);
			break;
		case 12:
			op_timer(s);
			break;
		case 13:
			/* Quiet yields on a shallow stack: a grown one shrinks. */
			for (i = 0; i < 10; i++)
				UNLOCKED(goro_yield());
			break;
		case 14:
			UNLOCKED(goro_wg_wait(&s->kids));
			break;
		case 15:
			op_pooled(s, &anchor);
			break;
		default:
			deep(s, &anchor, 1); /* may end the task down there */
			break;
		}
	}
	finish(s);
	BIG_UNLOCK();
}

/* Whether arg is a whole number, and which. */
static int
number(const char *arg, unsigned long *out)
{
	char *end;

	*out = strtoul(arg, &end, 0);
	return *arg != '\0' && *end == '\0';
}

/* The largest task stack, and how many tasks, the board has room for:
 * each task's block lies inside one task_max-sized, aligned piece of the
 * pool, so with fewer tasks than pieces one piece is always free, and any
 * growth or move can have its block. Pending timers cap it too: a task has
 * at most one at a time. A pooled channel takes a piece out too. */
static void
size_for_board(void)
{
	struct goro_pool_info pi;
	int want = MAX_SLOTS;
	size_t floor;

	goro_pool_info(&pi);
	if (want > GORO_MAX_TASKS - 1)
		want = GORO_MAX_TASKS - 1;
	if (want > GORO_MAX_TIMERS - 2)
		want = GORO_MAX_TIMERS - 2;
	/* The least: a block a recursion has room in (below), at least two
	 * of the smallest. */
	floor = 2 * pi.min_block;
	while (floor <= GORO_STACK_GUARD + 2 * GORO_FRAME_MAX)
		floor *= 2;
	task_max = 8 * pi.min_block > floor ? 8 * pi.min_block : floor;
	while (task_max > floor && pi.total / task_max < (size_t)want + 1)
		task_max /= 2;
	nslots = (int)(pi.total / task_max) - 1 - NPOOLED; /* a piece each for those */
	if (nslots > want)
		nslots = want;
	CHECK(nslots >= 2);
	/* A recursion stops short of the guard zone of a task_max block, with
	 * room for the frames above and below it. */
	CHECK(task_max > GORO_STACK_GUARD + 2 * GORO_FRAME_MAX);
	dig_budget = task_max - GORO_STACK_GUARD - 2 * GORO_FRAME_MAX;
}

/* The seed, then the operations: the numbers among the arguments.
 * (Semihosting on QEMU passes the program's path first, then what -append
 * gives.) */
static unsigned long
parse_args(int argc, char **argv)
{
	unsigned long seed = SOAK_SEED, n;
	int i, k;

	ops_max = SOAK_OPS;
	for (i = 1, k = 0; i < argc; i++) {
		if (!number(argv[i], &n))
			continue;
		if (k++ == 0)
			seed = n;
		else
			ops_max = (unsigned)n;
	}
	return seed;
}

/* The ring with its tokens, the semaphore, and main's tasks: half the
 * slots, the rest for their children. */
static void
start(void)
{
	uint32_t t;
	int i;

	for (i = 0; i < NCHAN; i++)
		CHECK_EQ(goro_chan_init(&ring[i], ringbuf[i], sizeof(uint32_t), CHAN_CAP), 0);
	for (t = 0; t < TOKENS; t++)
		CHECK_EQ(goro_chan_trysend(&ring[t % NCHAN], &t), 0);
	goro_sema_init(&sem, SEMA_K);
	for (i = 0; i < nslots / 2; i++) {
		struct goro_opts o = {.name = "soak", .stack_size = 1, .max_stack = task_max};
		struct slot *s = &slots[i];
		rng_set(s, rnd(&slots[0]) | 1u);
		s->used = 1;
		s->parent = -1;
		s->rounds = (int)ops_max; /* main's tasks last the whole run */
		spawned++;
		CHECK(goro_go_opts(worker, s, &o) > 0);
	}
}

/* After goro_run: every task finished, every token back exactly once. */
static void
check_tokens(void)
{
	int i, k, seen[TOKENS] = {0};
	uint32_t t;

	CHECK_EQ(finished, spawned);
	for (i = 0; i < nslots; i++) {
		CHECK_EQ(slots[i].used, 0);
		CHECK_EQ(slots[i].holding, 0);
	}
	for (i = 0; i < NCHAN; i++)
		while (goro_chan_tryrecv(&ring[i], &t) == 0) {
			CHECK(t < TOKENS);
			seen[t]++;
		}
	for (k = 0; k < TOKENS; k++) {
		CHECK_EQ(seen[k], 1);
		CHECK_EQ(owner[k], 0);
		CHECK_EQ(offered[k], 0);
	}
}

/* And every lock, semaphore count and pooled block back; the pool whole.
 * (Two functions: at -O0 each check has a frame slot of its own.) */
static void
check_sync(void)
{
	int i, k;

	for (i = 0; i < NMUTEX; i++) {
		CHECK_EQ(mtx_owner[i], 0);
		CHECK(mtx[i].owner == NULL && mtx[i].q.head == NULL);
	}
	CHECK_EQ(sem_inside, 0);
	CHECK_EQ(pooled_live, 0);
	for (k = 0; k < SEMA_K; k++)
		CHECK_EQ(goro_sema_trywait(&sem), 0);
	CHECK_EQ(goro_sema_trywait(&sem), GORO_EWOULDBLOCK);
	CHECK(grows > 0);
	CHECK_POOL_WHOLE();
}

int
main(int argc, char **argv)
{
	unsigned long seed = parse_args(argc, argv);
	unsigned every;

	printf("soak: seed %lu, %u operations%s\n", seed, ops_max,
	       SOAK_POOLED ? ", pooled channels" : "");
	size_for_board();
	rng_set(&slots[0], (uint32_t)seed * 2654435761u ^ 0x9e3779b9u);
	if (slots[0].rng_lo == 0 && slots[0].rng_hi == 0)
		rng_set(&slots[0], 1);
	/* A forced move at every 2nd to 9th stack check. */
	every = 2 + below(&slots[0], 8);
#if GORO_CHECKS >= 2
	CHECK_EQ(goro_debug_move_every(every), GORO_OK);
#endif
	start();
	goro_run();
	goro_debug_move_every(0);
	check_tokens();
	check_sync();
	printf("ok soak (seed %lu: %u ops, %u tasks, %d at once, stacks to %lu B, forced move "
	       "every %u checks; %lu moves and growths, %lu shrinks, %u early exits, %u ticks, "
	       "%u timeouts, %u locks, %u semaphore holds, %u pooled channels)\n",
	       seed, ops, spawned, nslots, (unsigned long)task_max, every, grows, shrinks,
	       early_exits, ticks, timeouts, locks, sema_ok, pooled_uses);
	return 0;
}
