/*
 * A trace ring as Chrome/Perfetto trace-event JSON, written to a file.
 * tools/gdb/goro.py's `goro trace` makes the same JSON from the ring as the
 * debugger reads it, for boards without a file system.
 *
 * The conversion: a SWITCH from a to b at t ends a's running slice and
 * starts b's (g0 has a track of its own, tid 0, so idle time shows); every
 * other record is an instant event on its task's track. One CPU runs one
 * context at a time, so one open slice is all the state there is.
 */
#include <stdio.h>

#include "board.h"
#include "rt.h"

#if GORO_TRACE && GORO_FILES
struct json_out {
	FILE *f;
	int first;
};

/* A timestamp in count units as microseconds with three decimals: the
 * trace-event format's unit is the microsecond. */
static void
put_ts(FILE *f, const char *key, uint64_t t)
{
	fprintf(f, ",\"%s\":%llu.%03u", key, (unsigned long long)(t / 1000), (unsigned)(t % 1000));
}

/* A JSON string: names and reasons are the program's own C strings. */
static void
put_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", (unsigned)(unsigned char)*s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static void
begin(struct json_out *o, const char *name, const char *ph, int tid)
{
	fprintf(o->f, "%s\n{\"name\":", o->first ? "" : ",");
	o->first = 0;
	put_str(o->f, name);
	fprintf(o->f, ",\"ph\":\"%s\",\"pid\":0,\"tid\":%d", ph, tid);
}

static void
slice(struct json_out *o, int tid, uint64_t from, uint64_t to)
{
	begin(o, tid ? "running" : "scheduler", "X", tid);
	put_ts(o->f, "ts", from);
	put_ts(o->f, "dur", to - from);
	fputs("}", o->f);
}

static void
instant(struct json_out *o, const struct trace_rec *e)
{
	static const char *const names[] = {
	        [GORO_TRACE_CREATE] = "create",
	        [GORO_TRACE_PARK] = "park",
	        [GORO_TRACE_WAKE] = "wake",
	        [GORO_TRACE_EXIT] = "exit",
	        [GORO_TRACE_STACK_MOVE] = "stack move",
	};

	begin(o, names[e->ev], "i", e->id);
	fputs(",\"s\":\"t\"", o->f);
	put_ts(o->f, "ts", e->t);
	switch (e->ev) {
	case GORO_TRACE_CREATE:
		fputs(",\"args\":{\"name\":", o->f);
		put_str(o->f, e->arg ? (const char *)e->arg : "");
		fputs("}", o->f);
		break;
	case GORO_TRACE_PARK:
		fputs(",\"args\":{\"reason\":", o->f);
		put_str(o->f, (const char *)e->arg);
		fputs("}", o->f);
		break;
	case GORO_TRACE_WAKE:
		fprintf(o->f, ",\"args\":{\"by\":%d}", (int)e->arg);
		break;
	case GORO_TRACE_STACK_MOVE:
		fprintf(o->f, ",\"args\":{\"bytes\":%lu}", (unsigned long)e->arg);
		break;
	default: /* exit: no args */
		break;
	}
	fputs("}", o->f);
}

static void
thread_name(struct json_out *o, int tid, const char *name)
{
	char buf[48];

	if (tid == 0)
		snprintf(buf, sizeof buf, "g0 (scheduler)");
	else
		snprintf(buf, sizeof buf, "%d %s", tid, name ? name : "");
	begin(o, "thread_name", "M", tid);
	fputs(",\"args\":{\"name\":", o->f);
	put_str(o->f, buf);
	fputs("}}", o->f);
}

struct write_call {
	const char *path;
	int ret;
};

/* On g0: the ring, oldest first, as the JSON above. */
static void
write_g0(void *arg)
{
	struct write_call *w = arg;
	struct trace_ring *r = &goro_trace_ring;
	uint32_t n = r->count < r->size ? r->count : r->size;
	uint32_t i, first = r->count - n;
	struct json_out o;
	uint64_t start = 0;
	int open = 0, cur = 0;

	o.f = fopen(w->path, "w");
	if (o.f == NULL) {
		w->ret = GORO_EINVAL;
		return;
	}
	o.first = 1;
	fputs("{\"traceEvents\":[", o.f);
	begin(&o, "process_name", "M", 0);
	fputs(",\"args\":{\"name\":", o.f);
	put_str(o.f, "goro cpu 0");
	fputs("}}", o.f);
	thread_name(&o, 0, NULL);
	for (i = first; i < r->count; i++) {
		const struct trace_rec *e = &r->rec[i % r->size];

		if (e->ev == GORO_TRACE_CREATE)
			thread_name(&o, e->id, (const char *)e->arg);
		if (e->ev != GORO_TRACE_SWITCH) {
			instant(&o, e);
			continue;
		}
		if (open && cur == e->id)
			slice(&o, cur, start, e->t);
		cur = (int)e->arg;
		start = e->t;
		open = 1;
	}
	if (open && n > 0)
		slice(&o, cur, start, r->rec[(r->count - 1) % r->size].t);
	fprintf(o.f, "\n],\"displayTimeUnit\":\"ns\",\"otherData\":{\"board\":");
	put_str(o.f, r->board ? r->board : GORO_BOARD);
	fputs(",\"clock\":", o.f);
	put_str(o.f, r->clock ? r->clock : goro_board_count_unit());
	fprintf(o.f, ",\"records\":%lu,\"lost\":%lu}}\n", (unsigned long)n,
	        (unsigned long)(r->count - n));
	w->ret = fclose(o.f) == 0 ? GORO_OK : GORO_EINVAL;
}

int
goro_trace_write_json(const char *path)
{
	struct write_call w = {path, GORO_OK};

	if (path == NULL)
		return GORO_EINVAL;
	goro_systemstack(write_g0, &w);
	return w.ret;
}
#else /* no trace, or no file system (console=uart): nowhere to write */
int
goro_trace_write_json(const char *path)
{
	(void)path;
	return GORO_EPERM;
}
#endif
