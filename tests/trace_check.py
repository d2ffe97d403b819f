#!/usr/bin/env python3
"""Run test_trace in a fresh folder and read back the trace-event JSON it
writes: valid JSON in the Chrome/Perfetto format, a track per task, named;
running slices that never overlap on the one CPU; the parks with their
reasons, the wakeups, spawns, exits and the stack move; and, for the run
longer than the ring, the count of records lost.

  trace_check.py on|off [RUNNER...] PROGRAM
  trace_check.py gdb GORO_PY [RUNNER...] PROGRAM

With gdb, the program runs under gdb (through QEMU's gdbstub on an
emulated board) to the point just after it wrote test_trace.json, where
tools/gdb/goro.py's `goro trace` writes the same ring from the
debugger's side: the two files must hold the same events.
"""
import json
import os
import subprocess
import sys
import tempfile


def fail(why):
    print("FAIL: " + why)
    sys.exit(1)


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        fail("%s: %s" % (path, e))


def check_main(doc):
    ev = doc["traceEvents"]
    names = {e["tid"]: e["args"]["name"] for e in ev if e["ph"] == "M" and e["name"] == "thread_name"}
    want = {"pinger", "ponger", "grower"}
    got = {n.split(" ", 1)[1] for t, n in names.items() if t != 0}
    if got != want:
        fail("thread names %s, expected %s" % (sorted(got), sorted(want)))
    if names.get(0) != "g0 (scheduler)":
        fail("no g0 track")
    slices = sorted((e["ts"], e["ts"] + e["dur"], e["tid"]) for e in ev if e["ph"] == "X")
    for tid in names:
        if tid and not any(s[2] == tid for s in slices):
            fail("task %d never ran" % tid)
    for a, b in zip(slices, slices[1:]):
        if b[0] < a[1] - 0.0005:  # (the sum of two 3-decimal numbers in floating point)
            fail("slices overlap on one CPU: %s and %s" % (a, b))
    inst = [e for e in ev if e["ph"] == "i"]
    kinds = {}
    for e in inst:
        kinds.setdefault(e["name"], []).append(e)
    for k, n in (("create", 3), ("exit", 3)):
        if len(kinds.get(k, [])) != n:
            fail("%d %s events, expected %d" % (len(kinds.get(k, [])), k, n))
    reasons = {e["args"]["reason"] for e in kinds.get("park", [])}
    if not reasons or not reasons <= {"chan send", "chan receive"}:
        fail("park reasons %s" % reasons)
    if not kinds.get("wake"):
        fail("no wake events")
    moves = kinds.get("stack move", [])
    if not moves or any(e["args"]["bytes"] <= 0 for e in moves) or \
            {e["tid"] for e in moves} != {t for t, n in names.items() if n.endswith(" grower")}:
        fail("stack moves %s" % moves)
    if doc["otherData"]["lost"] != 0:
        fail("records lost from a short run")
    print("ok: %d events, %d slices, parks %s, clock %s" %
          (len(ev), len(slices), sorted(reasons), doc["otherData"]["clock"]))


def check_wrap(doc):
    od = doc["otherData"]
    if od["lost"] <= 0 or od["records"] <= 0:
        fail("a run longer than the ring lost nothing: %s" % od)
    if not any(e["ph"] == "X" for e in doc["traceEvents"]):
        fail("no slices after the wrap")
    print("ok: wrapped ring: %d records kept, %d lost" % (od["records"], od["lost"]))


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def under_gdb(goro_py, cmd, d):
    elf, runner = cmd[-1], cmd[:-1]
    gdb_cmd = ["gdb-multiarch", "-batch", "-nx", "-ex", "set confirm off",
               "-ex", "source " + os.path.abspath(goro_py), "-ex", "break traced"]
    qemu = None
    if runner:
        port = free_port()
        qemu = subprocess.Popen(runner + [elf, "-S", "-gdb", "tcp:127.0.0.1:%d" % port], cwd=d,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
        gdb_cmd += ["-ex", "target remote 127.0.0.1:%d" % port, "-ex", "continue"]
    else:
        gdb_cmd += ["-ex", "run"]
    gdb_cmd += ["-ex", "goro trace " + os.path.join(d, "gdb.json"), "-ex", "kill", elf]
    try:
        p = subprocess.run(gdb_cmd, cwd=d, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, timeout=120)
        print(p.stdout.decode(errors="replace"))
        if qemu:
            qemu.wait(timeout=30)
    finally:
        if qemu and qemu.poll() is None:
            qemu.kill()
    if qemu:
        print(qemu.stdout.read().decode(errors="replace"))
    ours, theirs = load(os.path.join(d, "test_trace.json")), load(os.path.join(d, "gdb.json"))
    check_main(theirs)
    if ours != theirs:
        fail("goro trace and goro_trace_write_json differ")
    print("ok: goro trace wrote what goro_trace_write_json did (%d events)" %
          len(ours["traceEvents"]))


def main():
    mode, cmd = sys.argv[1], sys.argv[2:]
    cmd[-1] = os.path.abspath(cmd[-1])
    if mode == "gdb":
        with tempfile.TemporaryDirectory() as d:
            under_gdb(cmd[0], cmd[1:], d)
        return
    with tempfile.TemporaryDirectory() as d:
        p = subprocess.run(cmd, cwd=d, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=120)
        out = p.stdout.decode(errors="replace")
        print(out, end="")
        if p.returncode != 0 or "ok trace" not in out:
            fail("test_trace exited %d" % p.returncode)
        files = sorted(os.listdir(d))
        if mode == "off":
            if files:
                fail("built without trace, but wrote %s" % files)
            print("ok: no trace written")
            return
        check_main(load(os.path.join(d, "test_trace.json")))
        check_wrap(load(os.path.join(d, "test_trace_wrap.json")))


if __name__ == "__main__":
    main()
