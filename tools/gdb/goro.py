"""goro task awareness for gdb.

    (gdb) source tools/gdb/goro.py
    (gdb) goro tasks            every live task: state, wait reason, stack
    (gdb) goro bt ID [OPTS]     task ID's backtrace (OPTS go to bt: full, -3)
    (gdb) goro trace FILE       the trace ring (meson -Dtrace=true) as
                                Chrome/Perfetto JSON, for ui.perfetto.dev

Works on every port (ARMv6-M, ARMv7-M with or without FP state, RV32,
AArch64, x86-64), through QEMU's gdbstub, OpenOCD or a native process,
with the program stopped anywhere. Nothing here knows an offset: the task
table, the per-CPU state and the saved context are read through their
types in the program's debug info (struct g, struct cpu, and each port's
struct goro_port_context in asm/<arch>/frame.h), and what the types do
not say (the state values, the stack paint) comes from the runtime's
goro_debug table (runtime/rt.h).

`goro bt` shows a parked task's stack by loading its saved registers into
the CPU (the stopped frame 0), running bt, and putting every register
back, whatever bt did. Only integer registers are loaded: the frames are
right, but a local the compiler kept in a callee-saved FP register shows
the running code's value.
"""

import gdb

STATES = ("running", "ready", "waiting")


def _debug():
    try:
        return gdb.parse_and_eval("goro_debug")
    except gdb.error:
        raise gdb.GdbError("goro: no goro_debug in this program (not linked with goro, "
                           "or no debug info)")


def _read_array(ptr, count):
    """count elements at ptr, read in one transfer (a gdbstub answers one
    packet per read: thousands of small reads would take seconds)."""
    t = ptr.type.target().strip_typedefs()
    mem = gdb.selected_inferior().read_memory(int(ptr), t.sizeof * count)
    raw = bytes(mem)
    return [gdb.Value(raw[i * t.sizeof:(i + 1) * t.sizeof], t) for i in range(count)]


def _string(p):
    if int(p) == 0:
        return None
    try:
        return p.string()
    except gdb.MemoryError:
        return "<bad pointer %#x>" % int(p)


class Task:
    def __init__(self, dbg, g, addr):
        self.addr = addr
        self.g = g
        self.id = int(g["id"])
        self.name = _string(g["name"])
        self.status = int(g["status"])
        self.lo = int(g["lo"])
        self.size = int(dbg["min_block"]) << int(g["order"])
        self.hi = self.lo + self.size
        self.sp = int(g["sp"])
        self.waiting = self.status == int(dbg["g_waiting"])
        self.waitreason = _string(g["waitreason"]) if self.waiting else None
        self.grows = int(g["grows"])
        self.shrinks = int(g["shrinks"])
        self.hwm = int(g["hwm"])
        self.cpu = None  # the CPU running it, if one is
        self.insys = False  # on g0's stack inside goro_systemstack

    def state(self):
        if self.cpu is not None:
            return "running"
        return "waiting" if self.waiting else "ready"

    def used(self):
        sp = self.sp
        if self.cpu is not None and not self.insys:
            live = int(gdb.parse_and_eval("$sp"))
            if self.lo <= live < self.hi:
                sp = live
        return self.hi - sp

    def high_water(self, paint, word):
        best = max(self.hwm, self.used())
        if paint:
            raw = bytes(gdb.selected_inferior().read_memory(self.lo, self.size))
            mark = paint.to_bytes(word, _byteorder())
            i = word  # above the canary
            while i < self.size and raw[i:i + word] == mark:
                i += word
            best = max(best, self.size - i)
        return best


def _byteorder():
    return "big" if "big endian" in gdb.execute("show endian", to_string=True) else "little"


def tasks():
    """Every live task, in table order, with the running ones marked."""
    dbg = _debug()
    n = int(dbg["max_tasks"])
    base = dbg["tasks"]
    gsize = base.type.target().strip_typedefs().sizeof
    live = (int(dbg["g_ready"]), int(dbg["g_waiting"]))
    out = []
    for i, g in enumerate(_read_array(base, n)):
        if int(g["status"]) in live:
            out.append(Task(dbg, g, int(base) + i * gsize))
    by_addr = {t.addr: t for t in out}
    for k, cpu in enumerate(_read_array(dbg["cpus"], int(dbg["ncpu"]))):
        for field, insys in (("curg", False), ("insys", True)):
            t = by_addr.get(int(cpu[field]))
            if t is not None:
                t.cpu, t.insys = k, insys
    return out


def find(tid):
    for t in tasks():
        if t.id == tid:
            return t
    raise gdb.GdbError("goro: no live task %d (goro tasks lists them)" % tid)


class GoroPrefix(gdb.Command):
    """goro task awareness: goro tasks, goro bt ID."""

    def __init__(self):
        super().__init__("goro", gdb.COMMAND_DATA, prefix=True)


class GoroTasks(gdb.Command):
    """List goro's live tasks: id, name, state, what a waiting task waits
on, its CPU, and its stack's size, bytes in use, high water (exact on
painted stacks, checks=2), grows and shrinks. * marks a running task."""

    def __init__(self):
        super().__init__("goro tasks", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        dbg = _debug()
        paint = int(dbg["paint"])
        word = dbg["paint"].type.strip_typedefs().sizeof
        ts = tasks()
        print("%7s %-16s %-8s %-24s %3s %7s %7s %7s %5s %5s" %
              ("ID", "NAME", "STATE", "WAITING ON", "CPU", "STACK", "USED", "HIGH", "GROWS",
               "SHRNK"))
        for t in ts:
            print("%s%6d %-16.16s %-8s %-24.24s %3d %7d %7d %7d %5d %5d" %
                  ("*" if t.cpu is not None else " ", t.id, t.name or "-", t.state(),
                   t.waitreason or "-", t.cpu or 0, t.size, t.used(),
                   t.high_water(paint, word), t.grows, t.shrinks))
        running = [t for t in ts if t.cpu is not None]
        print("%d task%s (%s)" %
              (len(ts), "" if len(ts) == 1 else "s",
               "* running" if running else "none running: the scheduler, on g0, has the CPU"))


def _int_registers(frame):
    """The frame's integer and pointer registers, by name."""
    regs = {}
    for r in frame.architecture().registers("general"):
        v = frame.read_register(r.name)
        if v.type.strip_typedefs().code in (gdb.TYPE_CODE_INT, gdb.TYPE_CODE_PTR):
            regs[r.name] = v
    return regs


def _set_register(name, value):
    gdb.execute("set $%s = %d" % (name, value), to_string=True)


class GoroBt(gdb.Command):
    """Backtrace of goro task ID: goro bt ID [bt options]. A parked task's
frames come from its saved context; the CPU's registers are put back
afterwards. A running task's is the plain bt."""

    def __init__(self):
        super().__init__("goro bt", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if not argv:
            raise gdb.GdbError("usage: goro bt ID [bt options]")
        try:
            tid = int(argv[0], 0)
        except ValueError:
            raise gdb.GdbError("goro bt: %r is not a task id" % argv[0])
        rest = " ".join(argv[1:])
        t = find(tid)
        if t.cpu is not None:
            # Its registers are its CPU's: with one CPU, the stopped
            # thread's; with more, gdb servers (QEMU's gdbstub, OpenOCD
            # with SMP) show CPU k as thread k + 1.
            here = gdb.selected_thread()
            there = here
            if int(_debug()["ncpu"]) > 1:
                there = next((th for th in gdb.selected_inferior().threads()
                              if th.num == t.cpu + 1), here)
            there.switch()
            try:
                gdb.execute("bt " + rest)
            finally:
                here.switch()
            return
        ctx_t = gdb.lookup_type("struct goro_port_context")
        ctx = gdb.Value(t.sp).cast(ctx_t.pointer()).dereference()
        frame = gdb.newest_frame()
        frame.select()
        regs = _int_registers(frame)
        arm = frame.architecture().name().startswith("arm")
        load = []
        for f in ctx_t.fields():
            if f.name == "pc":
                pc = int(ctx["pc"])
                load.append(("pc", pc & ~1 if arm else pc))  # Thumb bit: a state, not an address
            elif f.name in regs:
                load.append((f.name, int(ctx[f.name])))
        load.append(("sp", t.sp + ctx_t.sizeof))
        print("goroutine %d (%s) [%s], parked at sp %#x:" %
              (t.id, t.name or "-", t.waitreason or t.state(), t.sp))
        saved = [(name, int(frame.read_register(name))) for name, _ in load]
        try:
            for name, value in load:
                _set_register(name, value)
            gdb.execute("bt " + rest)
        finally:
            for name, value in reversed(saved):
                _set_register(name, value)
            gdb.newest_frame().select()


def _json_str(s):
    out = ['"']
    for ch in s or "":
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return "".join(out) + '"'


def _ts(key, t):
    return ',"%s":%d.%03d' % (key, t // 1000, t % 1000)


def trace_json(dbg):
    """The trace ring as runtime/trace.c's goro_trace_write_json writes
    it: the same events, in the same order, with the same numbers."""
    ring = dbg["trace"]
    if int(ring) == 0:
        raise gdb.GdbError("goro trace: this program was built without trace (meson -Dtrace=true)")
    r = ring.dereference()
    count, size = int(r["count"]), int(r["size"])
    n = min(count, size)
    recs = _read_array(r["rec"][0].address, size)
    events = {int(gdb.parse_and_eval(k)): v for k, v in (
        ("GORO_TRACE_CREATE", "create"), ("GORO_TRACE_PARK", "park"), ("GORO_TRACE_WAKE", "wake"),
        ("GORO_TRACE_EXIT", "exit"), ("GORO_TRACE_STACK_MOVE", "stack move"))}
    ev_switch = int(gdb.parse_and_eval("GORO_TRACE_SWITCH"))
    ev_create = int(gdb.parse_and_eval("GORO_TRACE_CREATE"))
    ev_park = int(gdb.parse_and_eval("GORO_TRACE_PARK"))
    ev_wake = int(gdb.parse_and_eval("GORO_TRACE_WAKE"))
    ev_move = int(gdb.parse_and_eval("GORO_TRACE_STACK_MOVE"))
    char_p = gdb.lookup_type("char").pointer()
    out = []

    def begin(name, ph, tid):
        out.append('%s\n{"name":%s,"ph":"%s","pid":0,"tid":%d' %
                   ("" if not out else ",", _json_str(name), ph, tid))

    def thread_name(tid, name):
        begin("thread_name", "M", tid)
        label = "g0 (scheduler)" if tid == 0 else "%d %s" % (tid, name or "")
        out.append(',"args":{"name":%s}}' % _json_str(label[:47]))

    def cstr(addr):
        return _string(gdb.Value(addr).cast(char_p)) if addr else ""

    begin("process_name", "M", 0)
    out.append(',"args":{"name":%s}}' % _json_str("goro cpu 0"))
    thread_name(0, None)
    cur, start, is_open = 0, 0, False
    for i in range(count - n, count):
        e = recs[i % size]
        ev, tid, t, arg = int(e["ev"]), int(e["id"]), int(e["t"]), int(e["arg"])
        if ev == ev_create:
            thread_name(tid, cstr(arg))
        if ev != ev_switch:
            begin(events.get(ev, "?"), "i", tid)
            out.append(',"s":"t"' + _ts("ts", t))
            if ev == ev_create:
                out.append(',"args":{"name":%s}' % _json_str(cstr(arg)))
            elif ev == ev_park:
                out.append(',"args":{"reason":%s}' % _json_str(cstr(arg)))
            elif ev == ev_wake:
                out.append(',"args":{"by":%d}' % gdb.Value(arg).cast(gdb.lookup_type("int")))
            elif ev == ev_move:
                out.append(',"args":{"bytes":%d}' % arg)
            out.append("}")
            continue
        if is_open and cur == tid:
            begin("running" if cur else "scheduler", "X", cur)
            out.append(_ts("ts", start) + _ts("dur", t - start) + "}")
        cur, start, is_open = arg, t, True
    if is_open and n > 0:
        end = int(recs[(count - 1) % size]["t"])
        begin("running" if cur else "scheduler", "X", cur)
        out.append(_ts("ts", start) + _ts("dur", end - start) + "}")
    return ('{"traceEvents":[' + "".join(out) +
            '\n],"displayTimeUnit":"ns","otherData":{"board":%s,"clock":%s,"records":%d,"lost":%d}}\n' %
            (_json_str(_string(r["board"])), _json_str(_string(r["clock"])), n, count - n))


class GoroTrace(gdb.Command):
    """Write goro's trace ring as Chrome/Perfetto trace-event JSON:
goro trace FILE. Open FILE in ui.perfetto.dev. The program must be built
with meson -Dtrace=true; the ring holds the last trace_records events."""

    def __init__(self):
        super().__init__("goro trace", gdb.COMMAND_DATA, gdb.COMPLETE_FILENAME)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if len(argv) != 1:
            raise gdb.GdbError("usage: goro trace FILE")
        text = trace_json(_debug())
        with open(argv[0], "w") as f:
            f.write(text)
        print("goro trace: wrote %s" % argv[0])


GoroPrefix()
GoroTasks()
GoroBt()
GoroTrace()
