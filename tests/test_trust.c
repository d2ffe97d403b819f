/*
 * Regressions for what programs written outside the project broke:
 *   - a channel made with goro_chan_new before the first spawn keeps its
 *     block (the pool was initialised twice, and a stack landed on it);
 *   - a pooled channel directly above a task's stack block, whose address
 *     is the block's high end, is not "adjusted" by the task's moves;
 *   - a forced move never lands on the block the task just left, nor on
 *     the one before (a stale pointer would be valid again);
 *   - goro_pool_info only reads: asking it changes nothing in the pool.
 */
#include "goro_config.h"
#include "grow.h"

static struct goro_chan *early; /* made before any task exists */

static void
early_sender(void *arg)
{
	int i;

	(void)arg;
	for (i = 1; i <= 20; i++)
		CHECK_EQ(goro_chan_send(early, &i), 0);
	goro_chan_close(early);
}

static void
early_receiver(void *arg)
{
	int v, want = 1;

	(void)arg;
	while (goro_chan_recv(early, &v) == 0) {
		CHECK_EQ(v, want);
		want++;
	}
	CHECK_EQ(want, 21);
}

/* Deep enough to make the stack grow, then come back. */
__attribute__((noinline)) static int
deep(int n)
{
	volatile char pad[64];

	pad[0] = (char)n;
	return n == 0 ? 0 : deep(n - 1) + pad[0];
}

static struct goro_chan *above_copy; /* a global copy: the mover never touches it */
static int depth;                    /* enough to outgrow the smallest block (set in main) */
static int above_recv;

static void
above_peer(void *arg)
{
	(void)arg;
	CHECK_EQ(goro_chan_recv(above_copy, &above_recv), 0);
}

/* On a fresh pool: the first task's block is the pool's first, and the
 * channel it makes gets the block right above, so its address equals the
 * task's stack's high end, where the old mover adjusted it too. */
static void
above_owner(void *arg)
{
	struct goro_stack_info si;
	struct goro_chan *volatile c = goro_chan_new(sizeof(int), 0);
	int v = 1234;

	(void)arg;
	CHECK(c != NULL);
	above_copy = c;
	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	if ((uintptr_t)c != si.hi)
		printf("note: channel at %p, stack high end %p (the pool's layout differs)\n",
		       (void *)c, (void *)si.hi);
	deep(depth); /* the stack grows: a move */
	check_grew(1);
	CHECK(c == above_copy); /* the pointer in this frame was left alone */
	goro_go(above_peer, NULL);
	CHECK_EQ(goro_chan_send(c, &v), 0);
	goro_chan_free(c);
}

/* Every move, seen from g0 as it ends: the blocks of the last three. */
static uintptr_t seen[3];
static int moves, reused;

static void
on_move(int end, size_t bytes)
{
	struct goro_stack_info si;

	(void)bytes;
	if (!end || goro_stack_info(goro_self(), &si) != GORO_OK)
		return;
	if (si.lo == seen[0] || si.lo == seen[1] || si.lo == seen[2])
		reused++;
	seen[2] = seen[1];
	seen[1] = seen[0];
	seen[0] = si.lo;
	moves++;
}

static void
mover(void *arg)
{
	struct goro_stack_info si;
	int i;

	(void)arg;
	CHECK_EQ(goro_stack_info(goro_self(), &si), GORO_OK);
	seen[0] = si.lo;
	goro_debug_on_move(on_move);
	if (goro_debug_move_every(1) != GORO_OK)
		return; /* checks < 2: no forced moves */
	for (i = 0; i < 40; i++)
		deep(1);
	goro_debug_move_every(0);
	goro_debug_on_move(NULL);
	CHECK(moves >= 40);
	CHECK_EQ(reused, 0);
}

int
main(void)
{
	struct goro_pool_info a, b;

	/* Before any task: the pool is set up by its one owner, once. */
	early = goro_chan_new(sizeof(int), 4);
	CHECK(early != NULL);
	goro_pool_info(&a);
	/* Past the guard zone by a few of deep's frames (64 bytes and more),
	 * and not so far that growth needs more than twice the block: small
	 * pools have no room for more. */
	depth = (int)((a.min_block - GORO_STACK_GUARD + 192) / 64);
	spawn_small(early_receiver, NULL, "early-rx", 0);
	spawn_small(early_sender, NULL, "early-tx", 0);
	goro_run();
	goro_chan_free(early);
	CHECK_POOL_WHOLE();

	/* Asking twice gives the same answer: nothing is reaped or moved. */
	goro_pool_info(&a);
	goro_pool_info(&b);
	CHECK_EQ(a.free, b.free);
	CHECK_EQ(a.largest_free, b.largest_free);

	spawn_small(above_owner, NULL, "above", 0);
	goro_run();
	CHECK_EQ(above_recv, 1234);
	CHECK_POOL_WHOLE();

	spawn_small(mover, NULL, "mover", 0);
	goro_run();
	CHECK_POOL_WHOLE();
	printf("ok trust\n");
	return 0;
}
