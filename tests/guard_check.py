#!/usr/bin/env python3
"""scripts/guard-check against a call graph written here, whose deepest
chain is known: it passes a zone that holds it, fails one a word short and
names the chain, holds panics to the zone only with --panics (no interrupt
frame under goro_panic, which masks them; a variadic function's frame
with the push -fstack-usage leaves out), ends a chain
at goro_systemstack's switch and at a _g0 callee, counts a weak default
called from another file, and calls recursion unbounded. Run by
scripts/test; exits non-zero on the first surprise."""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECK = os.path.join(ROOT, "scripts", "guard-check")

BOARD = """board=synthetic
arch=armv7m
runtime_opt=2
fp=0
stack_guard=208
entry_check=1
checked_frame=96
"""


def node(title, n, line=1):
    return 'node: { title: "%s" label: "%s\\nx.c:%d:1\\n%d bytes (static)" }\n' % (
        title, title.split(":")[-1], line, n)


# x.c, beside the .ci files: every node is defined on its line 1, but
# goro_panic on line 2, which takes "...": on ARMv7-M its frame gets the
# 16 B push of r0-r3 that -fstack-usage leaves out (PORTS' pretend).
X_C = "void f(int a) {}\n_Noreturn void goro_panic(const char *fmt, ...) {}\n"


def edge(a, b):
    return 'edge: { sourcename: "%s" targetname: "%s" label: "x.c:2:3" }\n' % (a, b)


# goro_select 104 > sched_park 16 > goro_port_switch 40 (ARMv7-M's block)
# + the 32 B exception frame + the 4 B canary: 196 B. The slow path:
# 96 + 8 + 0 + 40 + 32 + 4 = 180; the entry slow path 24 + 0 + 16 + 0 + 40
# + 32 + 4 = 116. goro_chan_send's panic: 152 + 24 + 16 + 32 + 8 + 4 = 236,
# goro_panic's 24 with its 16 B push of r0-r3 (X_C), and no interrupt
# frame under it, since it masks them (MASKS_BELOW).
GRAPH = (
    'graph: { title: "x.c"\n'
    + node("goro_select", 104)
    + node("x.c:sched_park", 16)
    + edge("goro_select", "x.c:sched_park")
    + edge("x.c:sched_park", "goro_port_switch")
    + edge("x.c:sched_park", "goro_systemstack")
    + node("goro_systemstack", 32)
    + edge("goro_systemstack", "goro_port_on_g0")
    + edge("goro_systemstack", "__indirect_call")
    + edge("goro_select", "x.c:shrink_g0")
    + node("x.c:shrink_g0", 500)
    + node("goro_stack_check_failed", 8)
    + edge("goro_stack_check_failed", "stack_morestack")
    + node("stack_morestack", 0)
    + edge("stack_morestack", "goro_morestack")
    + node("goro_stack_entry_failed", 16)
    + edge("goro_stack_entry_failed", "stack_morestack")
    + node("goro_chan_send", 152)
    + edge("goro_chan_send", "goro_panic")
    + node("goro_panic", 24, 2)
    + edge("goro_panic", "goro_systemstack")
    + node("goro_chan_recv", 72)
    + edge("goro_chan_recv", "x.c:hook")
    + node("x.c:hook", 8)
    + edge("x.c:hook", "__indirect_call")
    + edge("goro_chan_recv", "goro_board_idle")
    + "}\n"
    # A weak default, in another file: GCC titles it with its file.
    + 'graph: { title: "y.c"\n'
    + node("y.c:goro_board_idle", 60)
    + "}\n"
)


def run(d, *args):
    p = subprocess.run([sys.executable, CHECK, *args, d], capture_output=True, text=True)
    return p.returncode, p.stdout


def expect(cond, what, out):
    if not cond:
        print("guard_check.py: %s\n%s" % (what, out))
        sys.exit(1)


def main():
    with tempfile.TemporaryDirectory() as d:
        open(os.path.join(d, "goro-board.txt"), "w").write(BOARD)
        open(os.path.join(d, "x.c"), "w").write(X_C)
        os.mkdir(os.path.join(d, "runtime"))
        ci = os.path.join(d, "runtime", ".._x.c.ci")  # named as the boards' files are
        x, y = GRAPH.split('graph: { title: "y.c"')
        open(ci, "w").write(x)
        open(os.path.join(d, "runtime", "y.c.ci"), "w").write('graph: { title: "y.c"' + y)
        GRAPH_X = x

        rc, out = run(d)
        expect(rc == 0 and "deepest 196 B" in out, "208 B holds 196 B", out)
        expect("slow path             180 B" in out, "the slow path is 180 B", out)
        expect("hook (x.c:2:3)" in out, "the hook's indirect call is listed", out)
        expect("on the way to a panic from goro_chan_send, 236 B, margin -28" in out, "the panic path is shown", out)

        rc, out = run(d, "-v")
        expect("goro_chan_recv        168 B" in out and "goro_board_idle (from goro_chan_recv)" in out,
               "a weak default in another file is counted and listed", out)

        rc, out = run(d, "--zone", "192")
        chain = "goro_select 104 > sched_park 16 > goro_port_switch 40 > + interrupt 32 + canary 4"
        expect(rc == 1 and "OVER goro_select" in out and chain in out, "192 B fails, naming the chain", out)

        rc, out = run(d, "--panics")
        chain = "goro_chan_send 152 > goro_panic 40 > goro_systemstack 32 > goro_port_on_g0 8 + canary 4"
        expect(rc == 1 and "OVER goro_chan_send" in out and chain in out,
               "--panics holds the panic path, with no interrupt under goro_panic", out)
        rc, out = run(d, "--zone", "236", "--panics")
        expect(rc == 0, "236 B holds the panic path", out)

        # A recursion has no bound.
        open(ci, "w").write(GRAPH_X.replace("}\n", edge("x.c:sched_park", "goro_select") + "}\n"))
        rc, out = run(d)
        expect(rc == 1 and "UNBOUNDED: recursion" in out, "a recursion fails", out)
    print("guard_check.py: passed")


if __name__ == "__main__":
    main()
