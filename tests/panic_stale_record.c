/* Two frame records whose maps describe the same words: one of them is
 * not what it seems (left behind by a frame that never returned, or data
 * that happens to look like one), and a move must not guess which. The
 * task forges two records a word apart, with a map of its own in the
 * maps' section, and grows its stack: the move panics, naming the task. */
#include <stdint.h>

#include "grow.h"
#include "stackmap.h"

/* Maps as tools/goro-check writes them: four words of data from the
 * record on, and four from two words below it. */
struct fake_map {
	uint32_t magic;
	int16_t first;
	uint16_t nwords, nruns;
	uint16_t runs[1];
};
static const struct fake_map fake[2]
        __attribute__((section(STACKMAP_SECTION), aligned(4), used)) = {
                {STACKMAP_MAP_MAGIC, 0, 4, 1, {STACKMAP_DATA << STACKMAP_KIND_SHIFT | 4}},
                {STACKMAP_MAP_MAGIC, -2, 4, 1, {STACKMAP_DATA << STACKMAP_KIND_SHIFT | 4}},
};

static void
forger(void *arg)
{
	volatile uintptr_t words[14];

	(void)arg;
	for (int i = 0; i < 14; i++)
		words[i] = (uintptr_t)i;
	/* A record holds its own address and its map's. The first's map
	 * covers words [4, 8), the second's [6, 10): they overlap. */
	words[4] = (uintptr_t)&words[4];
	words[5] = (uintptr_t)&fake[0];
	words[8] = (uintptr_t)&words[8];
	words[9] = (uintptr_t)&fake[1];
	climb(0); /* grows: the move finds both */
	CHECK(words[0] == 0);
}

int
main(void)
{
	struct goro_opts o = {.name = "forger", .stack_size = 1};

	CHECK(goro_go_opts(forger, NULL, &o) > 0);
	goro_run();
	return 1;
}
