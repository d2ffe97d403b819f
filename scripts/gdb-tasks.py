#!/usr/bin/env python3
"""Check tools/gdb/goro.py on a board: run tests/test_tasks under gdb (on
QEMU's gdbstub on an emulated board, as a native process on the host),
stop just after the program has printed its own task table, and check:

  - `goro tasks` lists every task with the state and wait reason the
    program set up, and for each parked task exactly the figures the
    program's goro_task_dump printed a moment before;
  - `goro bt ID` of each parked task shows the call it is parked in (or,
    where the call's code tail-calls the runtime's wait path, that path
    directly under the task's function) and the task's function, and
    leaves every integer register as it was;
  - `goro bt` of the running task is the plain backtrace, and of an id
    no task has is a clear error.
The program is killed there (the tasks test runs it to its end): QEMU's
sifive_e model (hifive1) under -icount does not run on after a stop.

  gdb-tasks.py NAMES GORO_PY ELF [RUNNER...]
      NAMES: the tasks test_tasks.c spawns on this board, comma-separated;
      RUNNER: the board's QEMU line, ending in -kernel (none: the host)

gdb runs this same file as its script (it then imports gdb).
"""
import os
import re
import socket
import subprocess
import sys

# Each parked task of test_tasks.c: its state and wait reason, and the
# functions its backtrace must show (the call it waits in, its own). A
# pair is the call and the runtime's wait path it may end in with a tail
# call (a runtime built for size keeps wait_on and park_on out of line,
# and so may GCC at -O2): then the call has no frame left, and the
# backtrace shows the wait path directly above the task's function, which
# is checked against the call's code (tail_calls).
EXPECT = {
    "rx": ("waiting", "chan receive", [("goro_chan_recv", "wait_on"), "rx"]),
    "tx": ("waiting", "chan send", [("goro_chan_send", "wait_on"), "tx"]),
    "holder": ("waiting", "chan receive", [("goro_chan_recv", "wait_on"), "holder"]),
    "locker": ("waiting", "mutex", [("goro_mutex_lock", "park_on"), "locker"]),
    "grouper": ("waiting", "wait group", [("goro_wg_wait", "park_on"), "grouper"]),
    "deep": ("waiting", "select", ["goro_select", "deep"]),
    # (goro_yield's switch is its tail call: the return lands in idler.)
    "idle": ("ready", "-", ["idler"]),
    "sleeper": ("waiting", "sleep", ["goro_sleep_us", "sleeper"]),
}
ROW = re.compile(r"^([ *]) *(\d+) (\S+) +(running|ready|waiting) +(.+?) +(\d+) +(\d+) +(\d+) +(\d+)"
                 r" +(\d+) +(\d+)$")


# A call instruction's mnemonic, on the boards' instruction sets: anything
# else that names a function is a jump to it.
CALLS = re.compile(r"^(bl|blx|jal|jalr|call|callq)$")


def tail_calls(gdb, caller, callee):
    """Whether caller's code jumps to callee (a tail call) rather than, or
    as well as, calling it."""
    for line in gdb.execute("disassemble " + caller, to_string=True).splitlines():
        m = re.search(r":\s+(\S+)\s.*<%s(\+0)?>" % re.escape(callee), line)
        if m and not CALLS.match(m.group(1)):
            return True
    return False


def frames(bt):
    """The function of each frame of a backtrace, innermost first."""
    return re.findall(r"^#\d+\s+(?:0x[0-9a-f]+ in )?(\S+) \(", bt, re.M)


def rows(text):
    out = {}
    for line in text.splitlines():
        m = ROW.match(line)
        if m:
            out[m.group(3)] = m.groups()
    return out


def inside_gdb():
    import gdb

    fails = []

    def check(cond, what):
        print(("ok: " if cond else "FAIL: ") + what)
        if not cond:
            fails.append(what)

    gdb.execute("set confirm off")
    gdb.execute("set pagination off")
    gdb.execute("source " + os.environ["GORO_PY"])
    remote = os.environ.get("GORO_REMOTE")
    gdb.execute("break dumped")
    if remote:
        gdb.execute("target remote " + remote)
        gdb.execute("continue")
    else:
        gdb.execute("run")
    listing = gdb.execute("goro tasks", to_string=True)
    print("=== goro tasks\n" + listing + "=== end")
    seen = rows(listing)
    names = os.environ["GORO_TASKS"].split(",")
    check(sorted(seen) == sorted(names), "goro tasks: the tasks %s" % names)
    for name, (state, why, _) in EXPECT.items():
        if name not in names:
            continue
        r = seen.get(name)
        check(r is not None and r[3] == state and r[4] == why,
              "goro tasks: %s %s %s" % (name, state, why))
    r = seen.get("inspector")
    check(r is not None and r[0] == "*" and r[3] == "running", "goro tasks: inspector running, marked *")

    frame = gdb.newest_frame()
    regs = [r.name for r in frame.architecture().registers("general")
            if frame.read_register(r.name).type.strip_typedefs().code in
            (gdb.TYPE_CODE_INT, gdb.TYPE_CODE_PTR)]

    def snapshot():
        f = gdb.newest_frame()
        return {r: int(f.read_register(r)) for r in regs}

    before = snapshot()
    for name, (_, _, funcs) in EXPECT.items():
        if name not in names:
            continue
        bt = gdb.execute("goro bt " + seen[name][1], to_string=True)
        print(bt, end="")
        fns = frames(bt)
        for i, fn in enumerate(funcs):
            if isinstance(fn, tuple):
                call, inner = fn
                if call not in fns:
                    # Only as the call's tail call: the wait path's frame
                    # (under what it calls, inlined or not) directly above
                    # the task's function.
                    task = funcs[i + 1]
                    k = fns.index(task) if task in fns else 0
                    check(k > 0 and fns[k - 1] == inner and tail_calls(gdb, call, inner),
                          "goro bt %s: %s in the backtrace, or %s, which it tail-calls, "
                          "under %s" % (name, call, inner, funcs[i + 1]))
                    continue
                fn = call
            check(fn in fns, "goro bt %s: %s in the backtrace" % (name, fn))
        # (Below sched_start, the port's entry may or may not unwind: on
        # AArch64 the frame chain ends there.)
        check("sched_start" in bt, "goro bt %s: down to the task's entry, sched_start" % name)
        after = snapshot()
        changed = [r for r in regs if before[r] != after[r]]
        check(not changed, "goro bt %s: registers put back%s" % (name, " (not: %s)" % changed if changed else ""))
    bt = gdb.execute("goro bt " + seen["inspector"][1], to_string=True)
    check(bt == gdb.execute("bt", to_string=True), "goro bt of the running task is bt")
    try:
        gdb.execute("goro bt 999999", to_string=True)
        check(False, "goro bt of no task fails")
    except gdb.error as e:
        check("no live task 999999" in str(e), "goro bt of no task: %s" % e)
    gdb.execute("kill")
    print("GDB-CHECKS %s" % ("FAILED " + "; ".join(fails) if fails else "PASSED"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    names, goro_py, elf, runner = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    env = dict(os.environ, GORO_PY=os.path.abspath(goro_py), GORO_TASKS=names)
    qemu = None
    if runner:
        port = free_port()
        env["GORO_REMOTE"] = "127.0.0.1:%d" % port
        qemu = subprocess.Popen(runner + [elf, "-S", "-gdb", "tcp:127.0.0.1:%d" % port],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    try:
        try:
            gdb = subprocess.run(["gdb-multiarch", "-batch", "-nx", "-x", os.path.abspath(__file__),
                                  elf], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                 timeout=int(os.environ.get("GORO_GDB_TIMEOUT", "120")), env=env, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as e:
            print(e.stdout.decode(errors="replace") if e.stdout else "")
            print("FAIL: gdb timed out")
            return 1
        out = gdb.stdout
        if qemu:
            qemu.wait(timeout=30)
    finally:
        if qemu and qemu.poll() is None:
            qemu.kill()
    prog = qemu.stdout.read().decode(errors="replace") if qemu else out
    print(out)
    if qemu:
        print(prog)
    ok = "GDB-CHECKS PASSED" in out
    # The program's own table, printed just after the stop, against gdb's.
    m = re.search(r"=== goro tasks\n(.*?)=== end", out, re.S)
    mine = rows(m.group(1)) if m else {}
    # (On the host, the program's output and gdb's share the stream: its
    # table is the one before gdb's.)
    dump = rows(prog[:prog.index("=== goro tasks")] if not qemu and "=== goro tasks" in prog else prog)
    for name in names.split(","):
        if name != "inspector":
            same = mine.get(name) == dump.get(name)
            print(("ok: " if same else "FAIL: ") + "%s: gdb %s, program %s" %
                  (name, mine.get(name), dump.get(name)))
            ok = ok and same
    print("ok: goro.py checked under gdb" if ok else "FAIL: goro.py under gdb")
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        import gdb  # noqa: F401
    except ImportError:
        sys.exit(main())
    inside_gdb()
