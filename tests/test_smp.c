/*
 * What several CPUs add (meson option cpus > 1), each part with a checked
 * outcome:
 *
 *   spread     CPU-bound tasks run on every CPU, and goro_cpu() and the
 *              task list agree on where;
 *   wakeup     a wakeup crossing to a CPU that is going idle is never lost
 *              (a lost one leaves the receiver parked for good, and the
 *              deadlock check ends the test);
 *   mutex      a mutex contended from every CPU keeps a plain counter exact
 *              and has one holder at a time;
 *   grow       stacks of tasks on different CPUs grow at the same time,
 *              and their locals reach them through pointers on the stack;
 *   select     a select over channels fed from every CPU gets every value
 *              once;
 *   pipeline   values through a chain of tasks on every CPU arrive in
 *              order with the expected checksum.
 */
#include <stdatomic.h>
#include <string.h>

#include "check.h"
#include "goro.h"
#include "goro_config.h"
#include "grow.h"

#define NCPU      GORO_NCPU
#define MIN(a, b) ((a) < (b) ? (a) : (b))

static struct goro_opts
on_cpu(int cpu, const char *name)
{
	struct goro_opts o = {.name = name, .flags = GORO_PIN_CPU, .cpu = (unsigned)cpu};

	return o;
}

/* Spread: a task spins, yielding now and then, and notes each CPU it
 * finds itself on. */
static atomic_uint seen_cpus;
static atomic_int spinning;

static void
spinner(void *arg)
{
	volatile unsigned x = 0;
	int i;

	(void)arg;
	(void)x;
	atomic_fetch_add(&spinning, 1);
	/* 200 rounds, and more until every CPU has been seen: a host thread
	 * may start late on a busy machine (bounded: 20 million rounds). */
	for (i = 0; i < 200 || (atomic_load(&seen_cpus) != (1u << NCPU) - 1 && i < 20000000); i++) {
		for (unsigned k = 0; k < 2000; k++)
			x += k;
		CHECK(goro_cpu() >= 0 && goro_cpu() < goro_ncpu());
		atomic_fetch_or(&seen_cpus, 1u << goro_cpu());
		goro_yield();
	}
}

static void
lister(void *arg)
{
	static struct goro_task_info t[64]; /* one lister: static, off the stack */
	int n, i, j;

	(void)arg;
	for (j = 0; j < 50; j++) {
		n = goro_task_list(t, 64);
		for (i = 0; i < n; i++)
			CHECK(t[i].cpu >= 0 && t[i].cpu < NCPU);
		goro_yield();
	}
}

static void
test_spread(void)
{
	int i, n = MIN(4 * NCPU, GORO_MAX_TASKS - 2);

	for (i = 0; i < n; i++)
		CHECK(goro_go(spinner, NULL) > 0);
	CHECK(goro_go(lister, NULL) > 0);
	goro_run();
	CHECK_EQ(atomic_load(&spinning), n);
	CHECK_EQ(atomic_load(&seen_cpus), (1u << NCPU) - 1);
}

/* Wakeup: a receiver pinned to the last CPU, a sender pinned to CPU 0;
 * between sends the sender spins a varying while, so that the receiver's
 * CPU is caught at every point of going idle. */
#define WAKEUPS 3000
static struct goro_chan wch;
static int wbuf_unused;

static void
wake_rx(void *arg)
{
	int i, v;

	(void)arg;
	for (i = 0; i < WAKEUPS; i++) {
		CHECK_EQ(goro_chan_recv(&wch, &v), 0);
		CHECK_EQ(v, i);
		CHECK_EQ(goro_cpu(), NCPU - 1);
	}
}

static void
wake_tx(void *arg)
{
	volatile unsigned x = 0;
	int i;

	(void)arg;
	(void)x;
	for (i = 0; i < WAKEUPS; i++) {
		for (unsigned k = 0; k < (unsigned)(i * 7919) % 400; k++)
			x += k;
		CHECK_EQ(goro_chan_send(&wch, &i), 0);
		CHECK_EQ(goro_cpu(), 0);
	}
}

static void
test_wakeup(void)
{
	struct goro_opts rx = on_cpu(NCPU - 1, "wake_rx"), tx = on_cpu(0, "wake_tx");

	(void)wbuf_unused;
	CHECK_EQ(goro_chan_init(&wch, NULL, sizeof(int), 0), GORO_OK);
	CHECK(goro_go_opts(wake_rx, NULL, &rx) > 0);
	CHECK(goro_go_opts(wake_tx, NULL, &tx) > 0);
	goro_run();
}

/* Mutex: tasks on every CPU add to a plain counter under the mutex, and
 * yield inside now and then. */
#define LOCKERS_PER_CPU 3
#define LOCK_ROUNDS     300
static struct goro_mutex mu;
static long counter;
static atomic_int inside, max_inside;
static atomic_uint locker_cpus;

static void
locker(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < LOCK_ROUNDS; i++) {
		goro_mutex_lock(&mu);
		int now = atomic_fetch_add(&inside, 1) + 1;
		if (now > atomic_load(&max_inside))
			atomic_store(&max_inside, now);
		atomic_fetch_or(&locker_cpus, 1u << goro_cpu());
		long v = counter;
		if (i % 16 == 0)
			goro_yield();
		counter = v + 1;
		atomic_fetch_sub(&inside, 1);
		goro_mutex_unlock(&mu);
	}
}

static void
test_mutex(void)
{
	int c, k;

	for (c = 0; c < NCPU; c++)
		for (k = 0; k < LOCKERS_PER_CPU; k++) {
			struct goro_opts o = on_cpu(c, "locker");
			CHECK(goro_go_opts(locker, NULL, &o) > 0);
		}
	goro_run();
	CHECK_EQ(counter, (long)NCPU * LOCKERS_PER_CPU * LOCK_ROUNDS);
	CHECK_EQ(atomic_load(&max_inside), 1);
	CHECK_EQ(atomic_load(&locker_cpus), (1u << NCPU) - 1);
}

/* Grow: one task per CPU, released together, each recursing until its
 * stack has moved several times; every level checks its caller's local
 * through a pointer. */
static struct goro_wg at_start;
static atomic_int grown;
static int depth; /* levels of about 100 bytes: three smallest blocks' worth */

__attribute__((noinline)) static int
descend(int n, const volatile int *up, int want)
{
	volatile char pad[96];
	volatile int here = n;

	memset((char *)pad, n & 0x7f, sizeof pad);
	CHECK_EQ(*up, want);
	if (n == 0)
		return pad[3];
	return descend(n - 1, &here, n) + pad[5] - (n & 0x7f);
}

static void
grower(void *arg)
{
	volatile int top = -1;
	int cpu = (int)(intptr_t)arg;

	goro_wg_done(&at_start);
	goro_wg_wait(&at_start); /* every CPU's grower is here: now all at once */
	CHECK_EQ(goro_cpu(), cpu);
	CHECK_EQ(descend(depth, &top, -1), 0);
	check_grew(1);
	atomic_fetch_add(&grown, 1);
}

static void
test_grow(void)
{
	struct goro_pool_info pi;
	int c;

	goro_pool_info(&pi);
	depth = (int)(3 * pi.min_block / 100);
	goro_wg_add(&at_start, NCPU);
	for (c = 0; c < NCPU; c++) {
		struct goro_opts o = on_cpu(c, "grower");
		o.stack_size = 1;
		CHECK(goro_go_opts(grower, (void *)(intptr_t)c, &o) > 0);
	}
	goro_run();
	CHECK_EQ(atomic_load(&grown), NCPU);
}

/* Select: a feeder per CPU on a channel of its own; one taker selects
 * over all of them until it has every value. */
#define FEED 400
static struct goro_chan feeds[NCPU];

static void
feeder(void *arg)
{
	int c = (int)(intptr_t)arg, i, v;

	for (i = 0; i < FEED; i++) {
		v = c * FEED + i;
		CHECK_EQ(goro_chan_send(&feeds[c], &v), 0);
	}
}

static void
taker(void *arg)
{
	/* static: one taker, and frames have a limit (frame_max) */
	static unsigned char got[NCPU * FEED];
	static struct goro_case cs[NCPU];
	static int v[NCPU], last[NCPU];
	int c, n;

	(void)arg;
	for (c = 0; c < NCPU; c++)
		last[c] = -1;
	for (n = 0; n < NCPU * FEED; n++) {
		memset(cs, 0, sizeof cs);
		for (c = 0; c < NCPU; c++) {
			cs[c].chan = &feeds[c];
			cs[c].dir = GORO_RECV;
			cs[c].elem = &v[c];
		}
		c = goro_select(cs, NCPU, -1);
		CHECK(c >= 0 && c < NCPU);
		CHECK(cs[c].ok);
		CHECK(v[c] / FEED == c);
		CHECK(v[c] > last[c]); /* each feeder's values in its order */
		last[c] = v[c];
		CHECK_EQ(got[v[c]], 0);
		got[v[c]] = 1;
	}
}

static void
test_select(void)
{
	int c;

	for (c = 0; c < NCPU; c++) {
		struct goro_opts o = on_cpu(c, "feeder");
		CHECK_EQ(goro_chan_init(&feeds[c], NULL, sizeof(int), 0), GORO_OK);
		CHECK(goro_go_opts(feeder, (void *)(intptr_t)c, &o) > 0);
	}
	CHECK(goro_go(taker, NULL) > 0);
	goro_run();
}

/* Pipeline: STAGES tasks in a chain, unpinned, each adding its index; the
 * sink checks order and a checksum of what arrives. */
#define STAGES 8
#define ITEMS  2000
static struct goro_chan links[STAGES + 1];
static uint32_t links_buf[STAGES + 1][4];
static uint64_t sum_got;
static uint32_t hash_got;

static void
stage(void *arg)
{
	int s = (int)(intptr_t)arg;
	uint32_t v;

	for (;;) {
		if (goro_chan_recv(&links[s], &v) == GORO_ECLOSED)
			break;
		v += (uint32_t)s;
		CHECK_EQ(goro_chan_send(&links[s + 1], &v), 0);
	}
	goro_chan_close(&links[s + 1]);
}

static void
source(void *arg)
{
	uint32_t i;

	(void)arg;
	for (i = 0; i < ITEMS; i++)
		CHECK_EQ(goro_chan_send(&links[0], &i), 0);
	goro_chan_close(&links[0]);
}

static void
sink(void *arg)
{
	uint32_t v, want = 0, add = STAGES * (STAGES - 1) / 2;

	(void)arg;
	hash_got = 2166136261u;
	while (goro_chan_recv(&links[STAGES], &v) == 0) {
		CHECK_EQ(v, want + add);
		want++;
		sum_got += v;
		hash_got = (hash_got ^ v) * 16777619u;
	}
	CHECK_EQ(want, ITEMS);
}

static void
test_pipeline(void)
{
	uint64_t sum = 0;
	uint32_t hash = 2166136261u, i, add = STAGES * (STAGES - 1) / 2;
	int s;

	for (s = 0; s <= STAGES; s++)
		CHECK_EQ(goro_chan_init(&links[s], links_buf[s], sizeof(uint32_t), 4), GORO_OK);
	CHECK(goro_go(sink, NULL) > 0);
	for (s = STAGES - 1; s >= 0; s--)
		CHECK(goro_go(stage, (void *)(intptr_t)s) > 0);
	CHECK(goro_go(source, NULL) > 0);
	goro_run();
	for (i = 0; i < ITEMS; i++) {
		sum += i + add;
		hash = (hash ^ (i + add)) * 16777619u;
	}
	CHECK_EQ(sum_got, sum);
	CHECK_EQ(hash_got, hash);
}

int
main(void)
{
	CHECK_EQ(goro_ncpu(), NCPU);
	CHECK_EQ(goro_cpu(), 0);
	test_spread();
	printf("spread: every one of %d CPUs ran tasks\n", NCPU);
	test_wakeup();
	printf("wakeup: %d wakeups across CPUs, none lost\n", WAKEUPS);
	test_mutex();
	printf("mutex: %ld increments from %d CPUs, one holder at a time\n", counter, NCPU);
	test_grow();
	printf("grow: %d stacks grew at once\n", NCPU);
	test_select();
	printf("select: %d values from %d CPUs, each once\n", NCPU * FEED, NCPU);
	test_pipeline();
	printf("pipeline: %d items through %d stages, checksum %08lx\n", ITEMS, STAGES,
	       (unsigned long)hash_got);
	CHECK_EQ(goro_cpu(), 0);
	CHECK_POOL_WHOLE();
	printf("ok smp\n");
	return 0;
}
