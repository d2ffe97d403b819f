/*
 * What C keeps on a stack, across moves: pointers to locals passed down,
 * an array of pointers to locals of several frames, a linked list whose
 * nodes live in different frames, a struct that points into itself, and a
 * va_list walked while the stack moves under it. Each task starts on the
 * smallest stack; "burn" forces growth between building a structure and
 * reading it back. The whole run is then repeated with the stack moved at
 * every check (goro_debug_move_every(1), checks=2 builds).
 */
#include <stdarg.h>
#include <string.h>

#include "grow.h"

/* Use enough stack to force a move, and return a value that depends on
 * all of it so it cannot be optimised away. */
__attribute__((noinline)) static int
burn(int n)
{
	volatile char pad[96];

	memset((char *)pad, n, sizeof pad);
	return n == 0 ? pad[5] : burn(n - 1) + pad[7] - n;
}

/* Frames of > 100 bytes to burn: enough for a few moves from the smallest
 * stack (set in main from the pool's block size). */
static int BURN;

/* Pointers to locals passed down. */
__attribute__((noinline)) static void
ptr_down(int n, int *slot, int **out)
{
	int here = n * 3;

	*slot = n;
	if (n > 0) {
		ptr_down(n - 1, &here, out);
		CHECK_EQ(here, n - 1); /* written by the callee through the pointer */
	} else {
		burn(BURN);
		*out = slot;
	}
}

/* A linked list whose nodes live in successive frames. */
struct node {
	struct node *next;
	int v;
};

#define FRAMES 12

__attribute__((noinline)) static int
build(int n, struct node *prev)
{
	struct node me = {prev, n};
	int sum, k;
	struct node *p;

	if (n + 1 < FRAMES)
		return build(n + 1, &me);
	burn(BURN);
	/* Walk the list back through every frame, then the array. */
	sum = 0;
	for (p = &me, k = n; p; p = p->next, k--) {
		CHECK_EQ(p->v, k);
		sum += p->v;
	}
	CHECK_EQ(k, -1);
	return sum;
}

/* The array of pointers lives on the stack too: it moves with it. */
__attribute__((noinline)) static int
array_of_ptrs(int n, int **arr, int depth)
{
	int mine = depth * 7;

	arr[depth] = &mine;
	if (depth + 1 < n) {
		int r = array_of_ptrs(n, arr, depth + 1);
		CHECK_EQ(mine, depth * 7);
		return r;
	}
	burn(BURN);
	int sum = 0;
	for (int i = 0; i < n; i++) {
		CHECK_EQ(*arr[i], i * 7);
		sum += *arr[i];
	}
	return sum;
}

/* A struct pointing into itself. */
struct ring {
	int buf[8];
	int *head, *tail;
	struct ring *self;
};

static void
self_ptrs(void)
{
	struct ring r;
	int i;

	r.self = &r;
	r.head = &r.buf[2];
	r.tail = &r.buf[6];
	for (i = 0; i < 8; i++)
		r.buf[i] = i * i;
	burn(BURN);
	CHECK(r.self == &r);
	CHECK(r.head == &r.buf[2] && r.tail == &r.buf[6]);
	CHECK_EQ(*r.head, 4);
	CHECK_EQ(*r.tail, 36);
	CHECK_EQ(r.self->buf[3], 9);
}

/* A va_list walked across moves: burn between each argument. */
static long
va_sum(int n, ...)
{
	va_list ap;
	long sum = 0;
	int i;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		burn(BURN / 4 + i);
		sum += va_arg(ap, long);
	}
	va_end(ap);
	return sum;
}

static void
worker(void *arg)
{
	int *out = NULL, slot = -1;
	int *arr[10];

	(void)arg;
	ptr_down(20, &slot, &out);
	CHECK_EQ(slot, 20);
	CHECK(out != NULL);

	CHECK_EQ(build(0, NULL), FRAMES * (FRAMES - 1) / 2);

	CHECK_EQ(array_of_ptrs(10, arr, 0), 7 * 45);
	self_ptrs();
	CHECK_EQ(va_sum(6, 1L, 20L, 300L, 4000L, 50000L, 600000L), 654321L);
	check_grew(1);
}

int
main(void)
{
	struct goro_pool_info pi;
	int every;

	goro_pool_info(&pi);
	BURN = (int)(pi.min_block * 3 / 100) + 8;
	while (BURN > 6 && (size_t)BURN * 128 * 4 > pi.total / 2)
		BURN /= 2; /* small pools: the stack must fit, with room to move */
	spawn_small(worker, NULL, "ptrs", 0);
	goro_run();
	CHECK_POOL_WHOLE();

	/* Again, with the stack moved at every 1st, 3rd and 7th check. */
	for (every = 1; every <= 7; every += every + 1) {
		if (goro_debug_move_every((unsigned)every) != GORO_OK)
			break; /* built with checks < 2: no forced moves */
		spawn_small(worker, NULL, "ptrs-stress", 0);
		goro_run();
		goro_debug_move_every(0);
		CHECK_POOL_WHOLE();
	}
	printf("ok grow_ptrs\n");
	return 0;
}
