/* Channels of zero-size elements (Go's chan struct{}): nothing is carried,
 * but sends and receives still count against the capacity, wake each
 * other and close as with any channel. Also goro_chan_cap. */
#include "check.h"
#include "goro.h"

static struct goro_chan unbuf, done, sem;
static int order[8], norder;

/* Unbuffered: the send returns only once the receiver has taken it. */
static void
signaller(void *arg)
{
	(void)arg;
	order[norder++] = 1;
	CHECK_EQ(goro_chan_send(&unbuf, NULL), 0);
	order[norder++] = 3;
	CHECK_EQ(goro_chan_close(&done), 0);
}

static void
waiter(void *arg)
{
	(void)arg;
	goro_yield(); /* the signaller blocks first */
	CHECK_EQ(norder, 1);
	order[norder++] = 2;
	CHECK_EQ(goro_chan_recv(&unbuf, NULL), 0);
	/* A receive of a closed zero-size channel: GORO_ECLOSED, nothing
	 * written (elem may be any pointer, or NULL). */
	CHECK_EQ(goro_chan_recv(&done, NULL), GORO_ECLOSED);
	order[norder++] = 4;
}

/* Buffered: a counting semaphore. cap sends go through without a
 * receiver, the next one waits until a receive makes room. */
static int tokens_taken;

static void
filler(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 3; i++)
		CHECK_EQ(goro_chan_send(&sem, NULL), 0);
	CHECK_EQ(goro_chan_len(&sem), 3);
	CHECK_EQ(goro_chan_trysend(&sem, NULL), GORO_EWOULDBLOCK);
	CHECK_EQ(tokens_taken, 0);
	CHECK_EQ(goro_chan_send(&sem, NULL), 0); /* waits for the drainer */
	CHECK(tokens_taken >= 1);
}

static void
drainer(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 4; i++) {
		CHECK_EQ(goro_chan_recv(&sem, NULL), 0);
		tokens_taken++;
	}
	CHECK_EQ(goro_chan_tryrecv(&sem, NULL), GORO_EWOULDBLOCK);
	CHECK_EQ(goro_chan_len(&sem), 0);
}

/* Select over zero-size channels from the pool. */
static struct goro_chan *pa, *pb;

static void
selector(void *arg)
{
	struct goro_case cs[2] = {
	        {.chan = pa, .dir = GORO_RECV},
	        {.chan = pb, .dir = GORO_RECV},
	};
	int got = 0, r;

	(void)arg;
	while (got < 3) {
		r = goro_select(cs, 2, -1);
		CHECK(r == 0 || r == 1);
		CHECK_EQ(cs[r].ok, 1);
		got++;
	}
	r = goro_select(cs, 2, -1); /* pb is closed by now */
	CHECK_EQ(r, 1);
	CHECK_EQ(cs[1].ok, 0);
}

static void
poker(void *arg)
{
	(void)arg;
	CHECK_EQ(goro_chan_send(pa, NULL), 0);
	CHECK_EQ(goro_chan_send(pb, NULL), 0);
	CHECK_EQ(goro_chan_send(pa, NULL), 0);
	CHECK_EQ(goro_chan_close(pb), 0);
}

int
main(void)
{
	int i;

	CHECK_EQ(goro_chan_init(&unbuf, NULL, 0, 0), 0);
	CHECK_EQ(goro_chan_init(&done, NULL, 0, 0), 0);
	CHECK_EQ(goro_chan_init(&sem, NULL, 0, 3), 0); /* no ring needed */
	CHECK_EQ(goro_chan_cap(&unbuf), 0);
	CHECK_EQ(goro_chan_cap(&sem), 3);
	CHECK_EQ(goro_chan_cap(NULL), 0);
	CHECK_EQ(goro_chan_len(NULL), 0);
	/* Elements with a size still need their ring. */
	CHECK_EQ(goro_chan_init(&sem, NULL, 1, 3), GORO_EINVAL);
	CHECK_EQ(goro_chan_init(&sem, NULL, 0, 3), 0);
	CHECK_EQ(goro_chan_trysend(&unbuf, NULL), GORO_EWOULDBLOCK); /* nobody receives */

	/* On CPU 0: the order checked is one CPU's. */
	goro_go_cpu0(signaller, NULL);
	goro_go_cpu0(waiter, NULL);
	goro_run();
	CHECK_EQ(norder, 4);
	for (i = 0; i < 4; i++)
		CHECK_EQ(order[i], i + 1);

	goro_go_cpu0(filler, NULL);
	goro_go_cpu0(drainer, NULL);
	goro_run();
	CHECK_EQ(tokens_taken, 4);

	pa = goro_chan_new(0, 0);
	pb = goro_chan_new(0, 2);
	CHECK(pa != NULL && pb != NULL);
	CHECK_EQ(goro_chan_cap(pa), 0);
	CHECK_EQ(goro_chan_cap(pb), 2);
	goro_go(selector, NULL);
	goro_go(poker, NULL);
	goro_run();
	goro_chan_free(pa);
	goro_chan_free(pb);
	CHECK_POOL_WHOLE();
	printf("ok chan_zero\n");
	return 0;
}
