/* The API's edges: bad arguments get error codes, calls outside a task get
 * their documented results, ids, names and stack info tell the truth, and
 * goro.h's version is the project's. */
#include <string.h>

#include "check.h"
#include "goro.h"

static int self_seen, ran;
static struct goro_stack_info info_seen;

static void
nothing(void *arg)
{
	(void)arg;
	ran++;
}

static void
introspect(void *arg)
{
	volatile char buf[100]; /* some stack in use for a while */
	int me = goro_self();

	memset((char *)buf, 1, sizeof buf);
	(void)arg;
	self_seen = me;
	CHECK(me > 0);
	CHECK(strcmp(goro_name(me), "inspector") == 0);
	CHECK_EQ(goro_stack_info(me, &info_seen), GORO_OK);
	goro_yield();
	ran++;
}

int
main(void)
{
	/* static: main's frame has the task code limit too (frame_max) */
	static struct goro_opts huge = {.stack_size = (size_t)-1};
	static const struct goro_opts named = {.name = "inspector", .stack_size = 4096};
	struct goro_pool_info pi;
	struct goro_stack_info si;
	char vbuf[32];
	int id, id2;

	/* The header's version is the project's (meson passes it in). */
	CHECK(strcmp(GORO_VERSION_STRING, GORO_PROJECT_VERSION) == 0);
	snprintf(vbuf, sizeof vbuf, "%d.%d.%d", GORO_VERSION_MAJOR, GORO_VERSION_MINOR,
	         GORO_VERSION_PATCH);
	CHECK(strcmp(vbuf, GORO_VERSION_STRING) == 0);
	CHECK_EQ(GORO_VERSION,
	         GORO_VERSION_MAJOR * 65536 + GORO_VERSION_MINOR * 256 + GORO_VERSION_PATCH);

	/* Outside any task. */
	CHECK_EQ(goro_self(), 0);
	goro_yield(); /* returns at once */
	goro_run();   /* nothing to run: returns at once */

	/* Bad arguments. */
	CHECK_EQ(goro_go(NULL, NULL), GORO_EINVAL);
	CHECK_EQ(goro_go_opts(NULL, NULL, &named), GORO_EINVAL);
	CHECK_EQ(goro_go_opts(nothing, NULL, &huge), GORO_EINVAL);
	goro_pool_info(&pi);
	huge.stack_size = pi.total + 1;
	CHECK_EQ(goro_go_opts(nothing, NULL, &huge), GORO_EINVAL);
	CHECK_EQ(goro_stack_info(1, NULL), GORO_EINVAL);
	CHECK_EQ(goro_stack_info(0, &si), GORO_ENOENT);
	CHECK_EQ(goro_stack_info(-5, &si), GORO_ENOENT);
	CHECK_EQ(goro_stack_info(12345, &si), GORO_ENOENT);
	CHECK(goro_name(0) == NULL);
	goro_pool_info(NULL); /* ignored, no crash */
	CHECK_POOL_WHOLE();
	CHECK_EQ(ran, 0);

	/* A live task's info, from outside and from inside. */
	id = goro_go_opts(introspect, NULL, &named);
	CHECK(id > 0);
	CHECK_EQ(goro_stack_info(id, &si), GORO_OK);
	CHECK(si.size >= 4096);
	CHECK_EQ(si.hi - si.lo, si.size);
	CHECK(si.used > 0 && si.used < 256); /* just the initial frame */
	CHECK(strcmp(goro_name(id), "inspector") == 0);
	goro_run();
	CHECK_EQ(self_seen, id);
	CHECK_EQ(info_seen.lo, si.lo);
	CHECK(info_seen.used > 100 && info_seen.used < info_seen.size);
	CHECK(info_seen.high_water >= info_seen.used);
	CHECK_EQ(ran, 1);

	/* The id is dead now, and a new task in the same slot gets a new id. */
	CHECK_EQ(goro_stack_info(id, &si), GORO_ENOENT);
	CHECK(goro_name(id) == NULL);
	id2 = goro_go(nothing, NULL);
	CHECK(id2 > 0 && id2 != id);
	CHECK(goro_name(id2) == NULL); /* unnamed */
	CHECK_EQ(goro_stack_info(id, &si), GORO_ENOENT);
	goro_run();
	CHECK_EQ(ran, 2);
	CHECK_POOL_WHOLE();
	printf("ok api\n");
	return 0;
}
