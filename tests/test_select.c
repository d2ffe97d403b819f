/* Select: uniform choice among ready cases (two, and three), timeout 0, a
 * timeout, closed channels, nil channels never proceeding, send cases. */
#include "check.h"
#include "goro.h"

#define ROUNDS 10000

static struct goro_chan a, b, c, d;
static int abuf[1], bbuf[1], dbuf[1];

static void
fairness(void *arg)
{
	int wins[2] = {0, 0}, i, v = 1, got;
	struct goro_case cs[3] = {
	        {.chan = &a, .dir = GORO_RECV, .elem = &got},
	        {.chan = &b, .dir = GORO_RECV, .elem = &got},
	        {.chan = NULL, .dir = GORO_RECV, .elem = &got}, /* never */
	};

	(void)arg;
	for (i = 0; i < ROUNDS; i++) {
		/* Both always ready: refill the one taken. */
		goro_chan_trysend(&a, &v);
		goro_chan_trysend(&b, &v);
		int r = goro_select(cs, 3, -1);
		CHECK(r == 0 || r == 1);
		wins[r]++;
	}
	printf("select fairness: %d / %d\n", wins[0], wins[1]);
	CHECK(wins[0] >= ROUNDS * 45 / 100 && wins[0] <= ROUNDS * 55 / 100);
}

/* Three ready cases: each wins a third of the time (the reservoir's
 * chances 1, 1/2, 1/3 multiply out to that only if each is right). */
static void
fairness3(void *arg)
{
	int wins[3] = {0, 0, 0}, i, v = 1, got;
	struct goro_case cs[3] = {
	        {.chan = &a, .dir = GORO_RECV, .elem = &got},
	        {.chan = &b, .dir = GORO_RECV, .elem = &got},
	        {.chan = &d, .dir = GORO_RECV, .elem = &got},
	};

	(void)arg;
	for (i = 0; i < ROUNDS; i++) {
		goro_chan_trysend(&a, &v);
		goro_chan_trysend(&b, &v);
		goro_chan_trysend(&d, &v);
		int r = goro_select(cs, 3, -1);
		CHECK(r >= 0 && r <= 2);
		wins[r]++;
	}
	printf("select fairness: %d / %d / %d\n", wins[0], wins[1], wins[2]);
	for (i = 0; i < 3; i++) /* 3333 each; 5 standard deviations are 236 */
		CHECK(wins[i] >= ROUNDS * 30 / 100 && wins[i] <= ROUNDS * 37 / 100);
}

static void
timeouts(void *arg)
{
	int got;
	struct goro_case cs[1] = {{.chan = &c, .dir = GORO_RECV, .elem = &got}};
	uint64_t t0;

	(void)arg;
	CHECK_EQ(goro_select(cs, 1, 0), GORO_EWOULDBLOCK);
	CHECK_EQ(goro_select(NULL, 0, 0), GORO_EWOULDBLOCK);
	t0 = goro_now_us();
	CHECK_EQ(goro_select(cs, 1, 2000), GORO_ETIMEDOUT);
	CHECK(goro_now_us() - t0 >= 2000);
	CHECK(c.recvq.head == NULL); /* its wait record is gone */
	/* A closed channel is ready: ok says no value. */
	goro_chan_close(&c);
	got = 5;
	CHECK_EQ(goro_select(cs, 1, -1), 0);
	CHECK_EQ(cs[0].ok, 0);
	CHECK_EQ(got, 0);
}

static int sent;

static void
sink(void *arg)
{
	int v;

	(void)arg;
	CHECK_EQ(goro_chan_recv(&a, &v), 0);
	CHECK_EQ(v, 77);
	sent = 1;
}

static void
send_case(void *arg)
{
	int v = 77, got;
	struct goro_case cs[2] = {
	        {.chan = &b, .dir = GORO_RECV, .elem = &got}, /* nobody sends */
	        {.chan = &a, .dir = GORO_SEND, .elem = &v},
	};

	(void)arg;
	/* Waits: a is unbuffered and the sink is not there yet. */
	CHECK_EQ(goro_select(cs, 2, -1), 1);
	CHECK(a.sendq.head == NULL && b.recvq.head == NULL);
}

int
main(void)
{
	struct goro_case bad = {.chan = &a, .dir = 7};

	goro_chan_init(&a, abuf, sizeof(int), 1);
	goro_chan_init(&b, bbuf, sizeof(int), 1);
	goro_chan_init(&c, NULL, sizeof(int), 0);
	CHECK_EQ(goro_select(&bad, 1, 0), GORO_EINVAL);
	CHECK_EQ(goro_select(NULL, 1, 0), GORO_EINVAL);
	goro_go(fairness, NULL);
	goro_run();
	goro_chan_init(&d, dbuf, sizeof(int), 1);
	goro_go(fairness3, NULL);
	goro_run();
	goro_go(timeouts, NULL);
	goro_run();
	goro_chan_init(&a, NULL, sizeof(int), 0);
	goro_chan_init(&b, NULL, sizeof(int), 0);
	goro_go(send_case, NULL);
	goro_go(sink, NULL);
	goro_run();
	CHECK_EQ(sent, 1);
	printf("ok select\n");
	return 0;
}
