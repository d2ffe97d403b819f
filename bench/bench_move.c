/*
 * The cost of moving a stack: one task recurses from the smallest stack
 * until its stack has doubled many times; a hook times every move from
 * the start of the allocation to the old block's return to the pool.
 * Prints "move <bytes copied> <count>" per move, and "hook <count>": what
 * the timing itself costs (the hook called back to back), to subtract;
 * then "maps <records followed> <live words no map described>" from the moves'
 * counters.
 */
#include <stdio.h>
#include <string.h>

#include "board.h"
#include "goro.h"

#define MAXMOVES 32

static struct {
	size_t bytes;
	uint64_t cost;
} moves[MAXMOVES];
static int nmoves;
static uint64_t start;

static void
hook(int end, size_t bytes)
{
	uint64_t now = goro_board_count();

	if (!end) {
		start = now;
	} else if (nmoves < MAXMOVES) {
		moves[nmoves].bytes = bytes;
		moves[nmoves++].cost = now - start;
	}
}

/* A frame of about 80 bytes. MAPPED (bench_move_maps): its local is a
 * word array, data, so every frame has a record and a map that the move
 * applies; otherwise a char array, which no map describes. */
#ifdef MAPPED
typedef int32_t pad_t;
#else
typedef char pad_t;
#endif

__attribute__((noinline)) static int
down(int n)
{
	volatile pad_t pad[48 / sizeof(pad_t)];

	memset((char *)pad, n, sizeof pad);
	return n == 0 ? 0 : down(n - 1) + (int)pad[1];
}

static void
run(void *arg)
{
	down((int)(intptr_t)arg);
}

int
main(void)
{
	struct goro_pool_info pi;
	struct goro_opts o = {.name = "mover", .stack_size = 1};
	uint64_t least = (uint64_t)-1;
	struct goro_move_stats ms;
	int i, depth;

	goro_board_count();
	goro_pool_info(&pi);
	o.max_stack = pi.total;
	/* Deep enough to fill about a quarter of the pool. */
	depth = (int)(pi.total / 4 / 80);
	/* What timing costs: the hook's two halves back to back. */
	for (i = 0; i < 16; i++) {
		hook(0, 0);
		hook(1, 0);
		if (moves[0].cost < least)
			least = moves[0].cost;
		nmoves = 0;
	}
	goro_debug_on_move(hook);
	if (goro_go_opts(run, (void *)(intptr_t)depth, &o) < 0)
		return 1;
	goro_run();
	goro_debug_on_move(NULL);
	for (i = 0; i < nmoves; i++)
		printf("move %lu %llu\n", (unsigned long)moves[i].bytes,
		       (unsigned long long)moves[i].cost);
	printf("hook %llu\n", (unsigned long long)least);
	goro_debug_move_stats(&ms, 0);
	printf("maps %lu %lu\n", ms.maps, ms.unmapped);
	printf("unit %s\n", goro_board_count_unit());
	return 0;
}
