/* The task list: every live task with its state, what it waits on, its
 * CPU and stack figures, seen by a task among them; then goro_task_dump's
 * table (the 'output' test matches its lines, and scripts/gdb-tasks.py
 * holds tools/gdb/goro.py to it). */
#include <string.h>

#include "check.h"
#include "goro.h"
#include "rt.h" /* goro_debug: are stacks painted? */

#define NTASK 16
/* Boards with room for nine small stacks beside a grown one get every
 * kind of wait; the smallest (8 KiB pools, 8-task tables) the core five.
 * tests/meson.build makes the same choice for the patterns. */
#define FULL (GORO_MAX_TASKS >= 9 && GORO_POOL_SIZE / GORO_MIN_BLOCK >= 16)

static struct goro_chan rx_c, hold_c, deep_c;
static struct goro_mutex mu;
#if FULL
static struct goro_chan tx_c;
static struct goro_wg wg;
static volatile int stop;
#endif
static volatile int returned; /* after each wait: no call is a tail call, so
                                 every task's function shows in a backtrace */
static int deep_levels;
static size_t deep_bytes;

static void
rx(void *arg)
{
	int v;

	(void)arg;
	CHECK_EQ(goro_chan_recv(&rx_c, &v), 0);
	CHECK_EQ(v, 5);
}

#if FULL
static void
tx(void *arg)
{
	int v = 6;

	(void)arg;
	CHECK_EQ(goro_chan_send(&tx_c, &v), 0);
}
#endif

static void
holder(void *arg)
{
	(void)arg;
	goro_mutex_lock(&mu);
	CHECK_EQ(goro_chan_recv(&hold_c, NULL), GORO_ECLOSED);
	goro_mutex_unlock(&mu);
}

static void
locker(void *arg)
{
	(void)arg;
	goro_mutex_lock(&mu); /* the holder has it */
	goro_mutex_unlock(&mu);
	returned++;
}

#if FULL
static void
grouper(void *arg)
{
	(void)arg;
	goro_wg_wait(&wg);
	returned++;
}

static void
idler(void *arg)
{
	(void)arg;
	while (!stop)
		goro_yield();
}

#ifdef TEST_SLEEP
static void
sleeper(void *arg)
{
	(void)arg;
	goro_sleep_us(200000);
	returned++;
}
#endif
#endif /* FULL */

/* Frames under the board's frame limit, deep enough to grow the stack. */
#define WIDE (GORO_FRAME_MAX - 64)

__attribute__((noinline)) static int
down(int n)
{
	volatile char big[WIDE];

	memset((char *)big, n, sizeof big);
	if (n == 0)
		return 0;
	return down(n - 1) + big[WIDE - 1];
}

static void
deep(void *arg)
{
	struct goro_case cs = {.chan = &deep_c, .dir = GORO_RECV};

	(void)arg;
	CHECK_EQ(down(deep_levels), deep_levels * (deep_levels + 1) / 2);
	CHECK_EQ(goro_select(&cs, 1, -1), 0); /* parked shallow, after going deep */
	CHECK_EQ(cs.ok, 0);
}

static const struct goro_task_info *
find(const struct goro_task_info *t, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (t[i].name && strcmp(t[i].name, name) == 0)
			return &t[i];
	printf("FAIL: no task named %s in the list\n", name);
	exit(1);
}

static void
check_waiting(const struct goro_task_info *t, int n, const char *name, const char *why)
{
	const struct goro_task_info *ti = find(t, n, name);

	CHECK_EQ(ti->state, GORO_TASK_WAITING);
	CHECK(ti->waitreason != NULL);
	if (strcmp(ti->waitreason, why) != 0) {
		printf("FAIL: %s waits on \"%s\", expected \"%s\"\n", name, ti->waitreason, why);
		exit(1);
	}
}

static int sys_state = -1, sys_id;

static void
list_on_g0(void *arg)
{
	struct goro_task_info *t = arg;
	int n = goro_task_list(t, NTASK), i;

	for (i = 0; i < n; i++)
		if (t[i].id == sys_id)
			sys_state = t[i].state;
}

static struct goro_task_info t[NTASK];

static void
flush_out(void *arg)
{
	(void)arg;
	fflush(stdout);
}

/* Where scripts/gdb-tasks.py stops the program: just after the dump
 * (flushed, since the program goes no further there), with every other
 * task as the dump found it. */
__attribute__((noinline)) static void
dumped(void)
{
	__asm__ volatile("");
}

static void
inspector(void *arg)
{
	struct goro_pool_info pi;
	const struct goro_task_info *ti;
	int n, i, v, live = *(int *)arg;

	goro_pool_info(&pi);
	n = goro_task_list(t, NTASK);
	CHECK_EQ(n, live);
	for (i = 0; i < n; i++) {
		CHECK(t[i].id > 0);
		CHECK_EQ(t[i].cpu, 0);
		CHECK(t[i].stack_size >= pi.min_block && t[i].stack_size % pi.min_block == 0);
		CHECK(t[i].stack_used > 0 && t[i].stack_used <= t[i].stack_size);
		CHECK(t[i].stack_high_water >= t[i].stack_used);
		CHECK(t[i].stack_high_water <= t[i].stack_size + pi.total);
		CHECK((t[i].state == GORO_TASK_WAITING) == (t[i].waitreason != NULL));
		CHECK(strcmp(goro_name(t[i].id), t[i].name) == 0);
	}
	ti = find(t, n, "inspector");
	CHECK_EQ(ti->id, goro_self());
	CHECK_EQ(ti->state, GORO_TASK_RUNNING);
	check_waiting(t, n, "rx", "chan receive");
	check_waiting(t, n, "holder", "chan receive");
	check_waiting(t, n, "locker", "mutex");
	check_waiting(t, n, "deep", "select");
#if FULL
	CHECK_EQ(find(t, n, "idle")->state, GORO_TASK_READY);
	check_waiting(t, n, "tx", "chan send");
	check_waiting(t, n, "grouper", "wait group");
#ifdef TEST_SLEEP
	check_waiting(t, n, "sleeper", "sleep");
#endif
#endif
	/* Went deep, grew, came back up: the high water remembers. */
	ti = find(t, n, "deep");
	CHECK(ti->grows >= 1);
	CHECK(ti->stack_used < deep_bytes);
	if (goro_debug.paint) /* checks=2 or paint_stacks: exact */
		CHECK(ti->stack_high_water >= deep_bytes);

	/* A short table: as many as fit, and the count of all. */
	memset(t, 0x5a, sizeof t);
	CHECK_EQ(goro_task_list(t, 2), live);
	CHECK(t[0].id > 0 && t[1].id > 0);
	CHECK_EQ(t[2].id, 0x5a5a5a5a);
	CHECK_EQ(goro_task_list(NULL, 0), live);

	/* From g0, inside goro_systemstack: the caller still runs. */
	sys_id = goro_self();
	goro_systemstack(list_on_g0, t);
	CHECK_EQ(sys_state, GORO_TASK_RUNNING);

	goro_task_dump();
	goro_systemstack(flush_out, NULL);
	dumped();

	/* Let everyone go. */
	v = 5;
	CHECK_EQ(goro_chan_send(&rx_c, &v), 0);
	CHECK_EQ(goro_chan_close(&hold_c), 0);
	CHECK_EQ(goro_chan_close(&deep_c), 0);
#if FULL
	CHECK_EQ(goro_chan_recv(&tx_c, &v), 0);
	CHECK_EQ(v, 6);
	goro_wg_done(&wg);
	stop = 1;
#endif
}

static void
spawn(void (*fn)(void *), void *arg, const char *name, int *count)
{
	struct goro_opts o = {.name = name};

	CHECK(goro_go_opts(fn, arg, &o) > 0);
	++*count;
}

int
main(void)
{
	struct goro_pool_info pi;
	int live = 0;

	CHECK_EQ(goro_task_list(NULL, 0), 0);
	CHECK_EQ(goro_task_list(NULL, 3), GORO_EINVAL);
	goro_pool_info(&pi);
	/* Past what the first block holds above its guard zone: one growth,
	 * which the smallest pools have room for. Two frames past it, so that
	 * deep_bytes is more than the task uses parked in its select, even
	 * where the first block holds less than that above the zone. */
	deep_levels = (int)((pi.min_block - GORO_STACK_GUARD) / WIDE) + 2;
	deep_bytes = (size_t)deep_levels * WIDE;
	goro_chan_init(&rx_c, NULL, sizeof(int), 0);
	goro_chan_init(&hold_c, NULL, 0, 0);
	goro_chan_init(&deep_c, NULL, 0, 0);
	spawn(rx, NULL, "rx", &live);
	spawn(holder, NULL, "holder", &live);
	spawn(locker, NULL, "locker", &live);
	spawn(deep, NULL, "deep", &live);
#if FULL
	goro_chan_init(&tx_c, NULL, sizeof(int), 0);
	goro_wg_add(&wg, 1);
	spawn(tx, NULL, "tx", &live);
	spawn(grouper, NULL, "grouper", &live);
	spawn(idler, NULL, "idle", &live);
#ifdef TEST_SLEEP
	spawn(sleeper, NULL, "sleeper", &live);
#endif
#endif
	CHECK_EQ(goro_task_list(t, NTASK), live); /* from main: all ready */
	CHECK_EQ(t[0].state, GORO_TASK_READY);
	spawn(inspector, &live, "inspector", &live);
	goro_run();
	CHECK_EQ(goro_task_list(t, NTASK), 0);
	CHECK_POOL_WHOLE();
	printf("ok tasks\n");
	return 0;
}
