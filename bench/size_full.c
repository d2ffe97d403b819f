/*
 * The every-feature firmware of scripts/bench's code-size table: one
 * program that calls every part of goro's API (spawn options, yield,
 * exit, channels buffered, unbuffered, pooled and zero-size, select with
 * a timeout, sleep, timers, wait groups, mutexes, semaphores posted by
 * thread code and through the interrupt path, stack growth, pinning,
 * goro_systemstack, the stack, pool and task reports) and nothing of its
 * own to print. Every step checks its outcome; the exit status is the
 * number of failed checks.
 */
#include "goro.h"

static int failed;
#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			failed++;                                                                  \
	} while (0)

static struct goro_chan unbuf, buffered, signal;
static int ring[4];
static struct goro_wg wg;
static struct goro_mutex mu;
static struct goro_sema sem, isr_sem;
static struct goro_timer ticker;
static int shared;

/* Deep enough to grow the smallest stack twice, and to fit the micro:bit's pool. */
static unsigned
deep(unsigned n)
{
	volatile unsigned char pad[32];

	pad[0] = (unsigned char)n;
	return n ? deep(n - 1) + pad[0] : 0;
}

static void
on_g0(void *arg)
{
	*(int *)arg += 1;
}

static void
worker(void *arg)
{
	int v = (int)(intptr_t)arg;

	goro_mutex_lock(&mu);
	shared += v;
	goro_yield();
	goro_mutex_unlock(&mu);
	goro_chan_send(&unbuf, &v);
	goro_wg_done(&wg);
}

static void
grower(void *arg)
{
	struct goro_stack_info si;

	(void)arg;
	CHECK(deep(24) == 24 * 25 / 2);
	CHECK(goro_stack_info(goro_self(), &si) == GORO_OK && si.grows > 0);
	CHECK(goro_stack_pin() == GORO_OK && goro_stack_unpin() == GORO_OK);
	goro_sema_post(&sem);
	goro_exit();
}

static void
poster(void *arg)
{
	(void)arg;
	goro_sleep_us(100);
	goro_sema_post_isr(&isr_sem);
}

static void
boss(void *arg)
{
	struct goro_chan *pooled;
	struct goro_case cs[2];
	static struct goro_task_info ti[8];
	struct goro_opts fixed = {.name = "fixed", .flags = GORO_FIXED_STACK};
	uint64_t tick, t0 = goro_now_us();
	int i, v, sum = 0, n = 0;

	(void)arg;
	goro_wg_add(&wg, 3);
	for (i = 1; i <= 3; i++)
		CHECK(goro_go(worker, (void *)(intptr_t)i) > 0);
	for (i = 0; i < 3; i++) {
		CHECK(goro_chan_recv(&unbuf, &v) == GORO_OK);
		sum += v;
	}
	goro_wg_wait(&wg);
	CHECK(sum == 6 && shared == 6);

	/* A buffered channel, its try calls, close. */
	CHECK(goro_chan_trysend(&buffered, &sum) == GORO_OK && goro_chan_len(&buffered) == 1);
	CHECK(goro_chan_cap(&buffered) == 4 && goro_chan_tryrecv(&buffered, &v) == GORO_OK);
	goro_chan_close(&buffered);
	CHECK(goro_chan_recv(&buffered, &v) == GORO_ECLOSED);

	/* A pooled channel and a zero-size one in a select with a timeout. */
	pooled = goro_chan_new(sizeof(int), 1);
	CHECK(pooled != NULL);
	CHECK(goro_chan_trysend(&signal, NULL) == GORO_OK);
	cs[0] = (struct goro_case){.chan = pooled, .elem = &v, .dir = GORO_RECV};
	cs[1] = (struct goro_case){.chan = &signal, .elem = NULL, .dir = GORO_RECV};
	CHECK(goro_select(cs, 2, 1000) == 1);
	CHECK(goro_select(cs, 2, 200) == GORO_ETIMEDOUT);
	goro_chan_free(pooled);

	/* Time: a ticker, a sleep, a timed wait. */
	goro_timer_start(&ticker, 100, 100);
	CHECK(goro_chan_recv(goro_timer_chan(&ticker), &tick) == GORO_OK && tick >= t0);
	CHECK(goro_timer_stop(&ticker) == 1);
	goro_sleep_us(50);
	CHECK(goro_now_us() >= t0 + 250);
	CHECK(goro_sema_timedwait(&sem, 100) == GORO_ETIMEDOUT);

	/* Growth, pinning, a fixed stack, an interrupt-style post. */
	CHECK(goro_go_opts(grower, NULL, &(struct goro_opts){.name = "grower", .max_stack = 4096}) >
	      0);
	goro_sema_wait(&sem);
	CHECK(goro_go_opts(poster, NULL, &fixed) > 0);
	goro_sema_wait(&isr_sem);
	CHECK(goro_sema_trywait(&sem) == GORO_EWOULDBLOCK);
	CHECK(goro_mutex_trylock(&mu) == GORO_OK);
	goro_mutex_unlock(&mu);

	/* The reports. */
	goro_systemstack(on_g0, &n);
	CHECK(n == 1);
	CHECK(goro_task_list(ti, 8) >= 1 && ti[0].id > 0);
	CHECK(goro_name(goro_self()) != NULL);
	goro_task_dump();
}

int
main(void)
{
	struct goro_pool_info pi;

	goro_chan_init(&unbuf, NULL, sizeof(int), 0);
	goro_chan_init(&buffered, ring, sizeof(int), 4);
	goro_chan_init(&signal, NULL, 0, 1);
	goro_sema_init(&sem, 0);
	goro_sema_init_isr(&isr_sem, 0);
	CHECK(goro_go_opts(boss, NULL, &(struct goro_opts){.name = "boss", .stack_size = 1024}) >
	      0);
	goro_run();
	goro_pool_info(&pi);
	CHECK(pi.free == pi.total);
	return failed;
}
