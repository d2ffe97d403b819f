/* Channel semantics, one check each: unbuffered hand-over, buffered FIFO,
 * close waking every receiver, receive from a closed drained channel,
 * non-blocking calls, nil channels, pool-backed channels, bad arguments.
 * (Zero-size elements: test_chan_zero.c.) */
#include <string.h>

#include "check.h"
#include "goro.h"

static struct goro_chan unbuf, buffered, closing;
static int ring[4];
static int log_[16], nlog;

/* Unbuffered: the sender waits until a receiver takes the value. */
static void
sender(void *arg)
{
	int v = 42;

	(void)arg;
	log_[nlog++] = 1; /* about to send */
	CHECK_EQ(goro_chan_send(&unbuf, &v), 0);
	log_[nlog++] = 3; /* the receiver has it */
}

static void
receiver(void *arg)
{
	int v = 0;

	(void)arg;
	goro_yield(); /* the sender runs first and must block */
	log_[nlog++] = 2;
	CHECK_EQ(goro_chan_recv(&unbuf, &v), 0);
	CHECK_EQ(v, 42);
}

static int closed_seen;

static void
closed_receiver(void *arg)
{
	int v = 7;

	(void)arg;
	CHECK_EQ(goro_chan_recv(&closing, &v), GORO_ECLOSED);
	CHECK_EQ(v, 0); /* zeroed */
	closed_seen++;
}

static void
closer(void *arg)
{
	(void)arg;
	goro_yield(); /* every receiver is parked by now */
	CHECK_EQ(closed_seen, 0);
	CHECK_EQ(goro_chan_close(&closing), 0);
}

static void
fifo(void *arg)
{
	int i, v;

	(void)arg;
	for (i = 0; i < 4; i++)
		CHECK_EQ(goro_chan_send(&buffered, &i), 0); /* fits: no wait */
	CHECK_EQ(goro_chan_len(&buffered), 4);
	i = 9;
	CHECK_EQ(goro_chan_trysend(&buffered, &i), GORO_EWOULDBLOCK);
	for (i = 0; i < 4; i++) {
		CHECK_EQ(goro_chan_recv(&buffered, &v), 0);
		CHECK_EQ(v, i);
	}
	CHECK_EQ(goro_chan_tryrecv(&buffered, &v), GORO_EWOULDBLOCK);
	/* Closed with values in it: the values first, then ECLOSED at once. */
	i = 5;
	goro_chan_send(&buffered, &i);
	goro_chan_close(&buffered);
	CHECK_EQ(goro_chan_recv(&buffered, &v), 0);
	CHECK_EQ(v, 5);
	v = 3;
	CHECK_EQ(goro_chan_recv(&buffered, &v), GORO_ECLOSED);
	CHECK_EQ(v, 0);
	CHECK_EQ(goro_chan_tryrecv(&buffered, &v), GORO_ECLOSED);
}

int
main(void)
{
	struct goro_chan *pc;
	int v, i;

	CHECK_EQ(goro_chan_init(NULL, NULL, 4, 0), GORO_EINVAL);
	CHECK_EQ(goro_chan_init(&unbuf, NULL, 4, 3), GORO_EINVAL);
	CHECK_EQ(goro_chan_init(&unbuf, NULL, sizeof(int), 0), 0);
	CHECK_EQ(goro_chan_init(&buffered, ring, sizeof(int), 4), 0);
	CHECK_EQ(goro_chan_init(&closing, NULL, sizeof(int), 0), 0);
	CHECK_EQ(goro_chan_trysend(NULL, &v), GORO_EWOULDBLOCK);
	CHECK_EQ(goro_chan_tryrecv(NULL, &v), GORO_EWOULDBLOCK);
	CHECK_EQ(goro_chan_trysend(&unbuf, &v), GORO_EWOULDBLOCK); /* nobody receives */

	goro_go(sender, NULL);
	goro_go(receiver, NULL);
	goro_run();
	CHECK_EQ(nlog, 3);
	for (i = 0; i < 3; i++)
		CHECK_EQ(log_[i], i + 1);

	for (i = 0; i < 3; i++)
		goro_go(closed_receiver, NULL);
	goro_go(closer, NULL);
	goro_run();
	CHECK_EQ(closed_seen, 3);

	goro_go(fifo, NULL);
	goro_run();

	/* Pool-backed: the block goes back on free. */
	pc = goro_chan_new(sizeof(int), 8);
	CHECK(pc != NULL);
	for (i = 0; i < 8; i++)
		CHECK_EQ(goro_chan_trysend(pc, &i), 0);
	CHECK_EQ(goro_chan_tryrecv(pc, &v), 0);
	CHECK_EQ(v, 0);
	goro_chan_free(pc);
	CHECK(goro_chan_new(2, (size_t)-1) == NULL); /* the size overflows */
	CHECK_POOL_WHOLE();
	printf("ok chan\n");
	return 0;
}
