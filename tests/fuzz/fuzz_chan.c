/*
 * A libFuzzer target for channels and select (runtime/chan.c, wait.c),
 * against a model of each channel's buffered values. Everything runs on
 * main, outside any task, so only the calls that never wait are used:
 * trysend, tryrecv, close, len, select with timeout 0, goro_chan_new and
 * goro_chan_free, and bad arguments. What must hold:
 *
 *   - a channel keeps cap values in order, of its element size, and gives
 *     them back byte for byte; a full one refuses a send, an empty one a
 *     receive (leaving the element alone);
 *   - a closed channel still gives what it holds, then GORO_ECLOSED with
 *     the element zeroed; sending on it or closing it again is a panic;
 *   - select with timeout 0 picks one of the cases that can proceed (a
 *     nil channel's never can), does exactly that one, sets ok for a
 *     receive, and says GORO_EWOULDBLOCK when none can;
 *   - bad arguments get GORO_EINVAL or NULL;
 *   - pooled channels come from and go back to the pool, which is whole
 *     again at the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_chan"
#include "harness.h"

#define NCH     4
#define MAXCAP  8
#define MAXELEM 16
#define NCASE   6

/* What chan.c, wait.c and pool.c call in the rest of the runtime. Nothing
 * here waits, so parking is a finding; a panic is one too, unless the
 * operation is one that must panic. */
struct cpu goro_cpus[GORO_NCPU];

void
sched_park(const char *reason)
{
	FAIL("%s parked, outside a task, in a call that must not wait", reason);
}

void
sched_isr_panic(const char *what)
{
	FAIL("%s: taken for an interrupt handler", what);
}

void
timeout_start(struct timeout *to, struct goro_wait *st, uint64_t us)
{
	(void)to, (void)st, (void)us;
	FAIL("a timeout started by a call that must not wait");
}

void
timeout_stop(struct timeout *to)
{
	(void)to;
	FAIL("a timeout stopped by a call that must not wait");
}

void
stack_shared_panic(const void *obj, const char *what)
{
	FAIL("%s at %p taken for an object on a task stack", what, obj);
}

/* A channel and its model: the values it holds, oldest first. */
struct mchan {
	struct goro_chan *c; /* NULL: not made */
	struct goro_chan st; /* the storage when not pooled */
	unsigned char buf[MAXCAP * MAXELEM];
	size_t elem, cap, len;
	int closed;
	unsigned char vals[MAXCAP][MAXELEM];
};

static struct mchan ch[NCH];
static unsigned char counter;
static const uint8_t *in;
static size_t inlen;

static unsigned
next(void)
{
	if (inlen == 0)
		return 0;
	inlen--;
	return *in++;
}

/* A fresh value: bytes no other value has at the same time. */
static void
make_value(unsigned char *v, size_t n)
{
	size_t i;

	counter++;
	for (i = 0; i < n; i++)
		v[i] = (unsigned char)(counter * 7 + i);
}

static void
model_push(struct mchan *m, const unsigned char *v)
{
	memcpy(m->vals[m->len++], v, m->elem);
}

/* The oldest value must be what came out. */
static void
model_pop(struct mchan *m, const unsigned char *got)
{
	if (memcmp(got, m->vals[0], m->elem) != 0)
		FAIL("received a value other than the oldest one sent");
	memmove(m->vals[0], m->vals[1], (m->len - 1) * sizeof m->vals[0]);
	m->len--;
}

static int
all_zero(const unsigned char *v, size_t n)
{
	while (n--)
		if (*v++)
			return 0;
	return 1;
}

/* goro_chan_new with sizes from anywhere in their range: NULL, or a
 * channel whose block holds the struct and the whole ring. */
static void
op_new_big(unsigned a, unsigned b)
{
	size_t elem = ((size_t)1 << (a % (8 * sizeof(size_t)))) + (a & 0x40 ? (b & 7) : 0);
	size_t cap = ((size_t)1 << (b % (8 * sizeof(size_t)))) - (b & 0x40 ? 1 : 0);
	struct goro_chan *c = goro_chan_new(elem, cap);

	if (c == NULL)
		return;
	if (cap && elem > (SIZE_MAX - sizeof *c) / cap)
		FAIL("goro_chan_new(%zu, %zu) made a channel: the sizes overflow", elem, cap);
	if (sizeof *c + elem * cap > pool_block_size(c->order))
		FAIL("goro_chan_new(%zu, %zu): a %zu-byte block is too small", elem, cap,
		     pool_block_size(c->order));
	goro_chan_free(c);
}

/* A pooled channel freed twice: a panic. (Off by default: README.md.) */
static void
op_free_twice(void)
{
#ifdef FUZZ_DOUBLE_FREE
	struct goro_chan *c = goro_chan_new(4, 2);

	if (c == NULL)
		FAIL("goro_chan_new(4, 2) failed");
	goro_chan_free(c);
	if (setjmp(panic_jmp) == 0) {
		expect_panic = 1;
		goro_chan_free(c);
		FAIL("goro_chan_free of a freed channel did not panic");
	}
#endif
}

static void
op_make(struct mchan *m, unsigned a, unsigned b)
{
	static const size_t sizes[] = {1, 4, 8, 3, 16, 2};

	if (m->c) {
		if (m->c->pooled) {
			goro_chan_free(m->c);
			m->c = NULL;
		}
		return;
	}
	memset(m, 0, sizeof *m);
	m->elem = sizes[a % 6];
	m->cap = b % (MAXCAP + 1);
	if (a & 0x80) {
		m->c = goro_chan_new(m->elem, m->cap);
		if (m->c == NULL)
			FAIL("goro_chan_new(%zu, %zu) failed on a nearly empty pool", m->elem,
			     m->cap);
		if (!m->c->pooled)
			FAIL("goro_chan_new gave a channel not marked pooled");
	} else {
		if (goro_chan_init(&m->st, m->cap ? m->buf : NULL, m->elem, m->cap) != 0)
			FAIL("goro_chan_init(%zu, %zu) failed", m->elem, m->cap);
		m->c = &m->st;
	}
}

static void
op_send(struct mchan *m)
{
	unsigned char v[MAXELEM];
	int r;

	make_value(v, m->elem);
	if (m->closed) {
		if (setjmp(panic_jmp) == 0) {
			expect_panic = 1;
			goro_chan_trysend(m->c, v);
			FAIL("trysend on a closed channel did not panic");
		}
		return;
	}
	r = goro_chan_trysend(m->c, v);
	if (m->len < m->cap) {
		if (r != 0)
			FAIL("trysend with room (%zu of %zu) gave %d", m->len, m->cap, r);
		model_push(m, v);
	} else if (r != GORO_EWOULDBLOCK) {
		FAIL("trysend on a full channel (%zu) gave %d", m->cap, r);
	}
}

static void
op_recv(struct mchan *m)
{
	unsigned char v[MAXELEM];
	int r;

	memset(v, 0xA5, sizeof v);
	r = goro_chan_tryrecv(m->c, v);
	if (m->len > 0) {
		if (r != 0)
			FAIL("tryrecv with %zu values gave %d", m->len, r);
		model_pop(m, v);
	} else if (m->closed) {
		if (r != GORO_ECLOSED || !all_zero(v, m->elem))
			FAIL("tryrecv on a closed, drained channel gave %d or no zero value", r);
	} else if (r != GORO_EWOULDBLOCK || v[0] != 0xA5) {
		FAIL("tryrecv on an empty channel gave %d or wrote the element", r);
	}
}

static void
op_close(struct mchan *m)
{
	if (m->closed) {
		if (setjmp(panic_jmp) == 0) {
			expect_panic = 1;
			goro_chan_close(m->c);
			FAIL("closing a closed channel did not panic");
		}
		return;
	}
	if (goro_chan_close(m->c) != 0)
		FAIL("goro_chan_close failed");
	m->closed = 1;
}

/* A select over up to NCASE cases, some on nil channels, timeout 0. */
static void
op_select(void)
{
	struct goro_case cs[NCASE];
	unsigned char val[NCASE][MAXELEM];
	struct mchan *mc[NCASE];
	int ready[NCASE], nready = 0, closed_send = 0, n = 1 + (int)(next() % NCASE), i, r;

	memset(cs, 0, sizeof cs);
	for (i = 0; i < n; i++) {
		unsigned b = next();
		struct mchan *m = &ch[b % NCH];
		mc[i] = m->c && !(b & 0x40) ? m : NULL;
		cs[i].chan = mc[i] ? m->c : NULL;
		cs[i].dir = b & 0x80 ? GORO_SEND : GORO_RECV;
		cs[i].elem = val[i];
		memset(val[i], 0xA5, MAXELEM);
		if (mc[i] && cs[i].dir == GORO_SEND)
			make_value(val[i], m->elem);
		ready[i] = mc[i] && (cs[i].dir == GORO_SEND ? m->closed || m->len < m->cap
		                                            : m->len > 0 || m->closed);
		nready += ready[i];
		closed_send |= ready[i] && cs[i].dir == GORO_SEND && m->closed;
	}
	if (closed_send) {
		if (setjmp(panic_jmp) != 0)
			return; /* it chose the send on a closed channel: a panic, as in Go */
		expect_panic = 1;
	}
	r = goro_select(cs, (size_t)n, 0);
	expect_panic = 0;
	if (nready == 0) {
		if (r != GORO_EWOULDBLOCK)
			FAIL("select with no case ready gave %d", r);
		return;
	}
	if (r < 0 || r >= n || !ready[r])
		FAIL("select gave %d, not one of the %d ready cases", r, nready);
	if (cs[r].dir == GORO_SEND) {
		if (mc[r]->closed)
			FAIL("select did a send on a closed channel without a panic");
		model_push(mc[r], val[r]);
	} else if (mc[r]->len > 0) {
		if (!cs[r].ok)
			FAIL("select received a value but ok is 0");
		model_pop(mc[r], val[r]);
	} else if (cs[r].ok || !all_zero(val[r], mc[r]->elem)) {
		FAIL("select's receive on a closed, drained channel: ok %d, or no zero value",
		     cs[r].ok);
	}
	/* The cases not chosen left their elements alone. */
	for (i = 0; i < n; i++)
		if (i != r && cs[i].dir == GORO_RECV && val[i][0] != 0xA5)
			FAIL("select wrote the element of case %d, not the chosen %d", i, r);
}

/* Misuse and bad arguments: each gets its error or its panic. */
static void
op_bad(unsigned what)
{
	struct goro_chan c;
	struct goro_case cs[2] = {{0}};
	unsigned char b[4];

	switch (what % 9) {
	case 0:
		/* (elem_size 0 is a valid channel: Go's chan struct{}.) */
		if (goro_chan_init(NULL, b, 1, 1) != GORO_EINVAL ||
		    goro_chan_init(&c, NULL, 1, 1) != GORO_EINVAL)
			FAIL("goro_chan_init took a bad argument");
		break;
	case 1:
		if (goro_chan_new(SIZE_MAX / 2, 4) != NULL ||
		    goro_chan_new(1, GORO_POOL_SIZE) != NULL)
			FAIL("goro_chan_new made a channel it cannot hold");
		break;
	case 2:
		if (goro_chan_trysend(NULL, b) != GORO_EWOULDBLOCK ||
		    goro_chan_tryrecv(NULL, b) != GORO_EWOULDBLOCK || goro_chan_len(NULL) != 0)
			FAIL("a nil channel proceeded");
		break;
	case 3:
		if (setjmp(panic_jmp) == 0) {
			expect_panic = 1;
			goro_chan_close(NULL);
			FAIL("close of a nil channel did not panic");
		}
		break;
	case 4:
		if (goro_select(cs, 65, 0) != GORO_EINVAL || goro_select(NULL, 1, 0) != GORO_EINVAL)
			FAIL("select took a bad argument");
		cs[0].chan = &c;
		cs[0].dir = 7;
		goro_chan_init(&c, b, 1, 1);
		if (goro_select(cs, 1, 0) != GORO_EINVAL)
			FAIL("select took a case with a bad direction");
		break;
	case 5:
		goro_chan_init(&c, b, 1, 1);
		if (setjmp(panic_jmp) == 0) {
			expect_panic = 1;
			goro_chan_free(&c);
			FAIL("goro_chan_free of a static channel did not panic");
		}
		break;
	case 6:
		op_new_big(next(), next());
		break;
	case 7:
		op_free_twice();
		break;
	default:
		if (goro_select(NULL, 0, 0) != GORO_EWOULDBLOCK)
			FAIL("select with no cases did not say it would block");
		break;
	}
	expect_panic = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct goro_pool_info pi;
	int i;

	in = data;
	inlen = size;
	pool_init();
	memset(ch, 0, sizeof ch);
	while (inlen > 0) {
		unsigned op = next();
		struct mchan *m = &ch[(op >> 4) % NCH];
		unsigned a, b;

		switch (op % 8) {
		case 0:
			a = next();
			b = next();
			op_make(m, a, b);
			break;
		case 1:
		case 2:
			if (m->c)
				op_send(m);
			break;
		case 3:
			if (m->c)
				op_recv(m);
			break;
		case 4:
			if (m->c && (op & 0x40))
				op_close(m);
			else if (m->c && goro_chan_len(m->c) != m->len)
				FAIL("goro_chan_len %zu, the model has %zu", goro_chan_len(m->c),
				     m->len);
			break;
		case 5:
		case 6:
			op_select();
			break;
		default:
			op_bad(next());
			break;
		}
	}
	for (i = 0; i < NCH; i++)
		if (ch[i].c && ch[i].c->pooled)
			goro_chan_free(ch[i].c);
	goro_pool_info(&pi);
	if (pi.free != pi.total)
		FAIL("all channels freed, but the pool has %zu of %zu bytes free", pi.free,
		     pi.total);
	return 0;
}
