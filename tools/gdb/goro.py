"""goro task awareness for gdb.

    (gdb) source tools/gdb/goro.py
    (gdb) goro tasks            every live task: state, wait reason, stack
    (gdb) goro bt ID [OPTS]     task ID's backtrace (OPTS go to bt: full, -3)

Works on every port (ARMv6-M, ARMv7-M with or without FP state, RV32,
AArch64, x86-64), through QEMU's gdbstub, OpenOCD or a native process,
with the program stopped anywhere. Nothing here knows an offset: the task
table, the per-CPU state and the saved context are read through their
types in the program's debug info (struct g, struct cpu, and each port's
struct goro_port_context in asm/<arch>/frame.c), and what the types do
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
            # Its registers are the CPU's (one CPU: the current thread).
            gdb.execute("bt " + rest)
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


GoroPrefix()
GoroTasks()
GoroBt()
