#!/usr/bin/env python3
"""Run the benchmark programs built by scripts/bench and write
docs/benchmarks.md. Figures come only from this run."""
import datetime
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST_RUNS = 7  # medians over this many runs on the host


def run_target(board, name):
    """Run one benchmark through the board's runner; its output lines."""
    out = subprocess.run(["ninja", "-C", f"build/bench-{board}", "--quiet", f"run-{name}"],
                         cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout
    return out.splitlines()


def parse(lines, key):
    """Lines 'key a b ...' as lists of strings."""
    return [l.split()[1:] for l in lines if l.startswith(key + " ")]


def runs(board, name):
    n = HOST_RUNS if board == "host" else 1  # emulated boards repeat exactly
    return [run_target(board, name) for _ in range(n)]


def median_of(all_lines, key):
    """{name: median value} over several runs of 'key name value' lines."""
    vals = {}
    for lines in all_lines:
        for name, count in parse(lines, key):
            vals.setdefault(name, []).append(float(count))
    return {k: statistics.median(v) for k, v in vals.items()}


def unit_of(all_lines):
    return parse(all_lines[0], "unit")[0][0]


def callgrind(board, name, fn):
    """Host only: guest instructions inside fn (and all it calls)."""
    exe = ROOT / f"build/bench-{board}/bench/{name}"
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                        f"--toggle-collect={fn}", str(exe)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"Collected : (\d+)", p.stderr)
    return int(m.group(1)) if m else None


def fit(points):
    """cost = a + b * bytes by least squares on relative error (weights
    1/cost^2), so the small moves, where the fixed part shows, count as
    much as the large ones."""
    w = [1 / (y * y) for _, y in points]
    sw = sum(w)
    mx = sum(wi * x for wi, (x, _) in zip(w, points)) / sw
    my = sum(wi * y for wi, (_, y) in zip(w, points)) / sw
    b = sum(wi * (x - mx) * (y - my) for wi, (x, y) in zip(w, points)) / \
        sum(wi * (x - mx) ** 2 for wi, (x, _) in zip(w, points))
    return my - b * mx, b


def text_size(board, lib):
    """Text bytes of a static library, with the board's own size tool."""
    tool = "size" if board == "host" else "arm-none-eabi-size"
    p = subprocess.run([tool, "-t", str(lib)], stdout=subprocess.PIPE, text=True, check=True)
    return int(p.stdout.strip().splitlines()[-1].split()[0])


def bench_board(board):
    md = [f"## {board}", ""]
    sched = runs(board, "bench_sched")
    sc = median_of(sched, "bench")
    how0 = "median of %d runs" % HOST_RUNS if board == "host" else "exact, QEMU -icount shift=0"
    md += ["### Scheduler", "", f"Per operation, {unit_of(sched)}, {how0}; the benchmark loop's "
           "own instructions included.", "", "| operation | cost |", "|---|---|",
           f"| switch: goro_yield from one task to another | {sc['switch']:.1f} |",
           f"| spawn: goro_go + run + exit + free on g0 | {sc['spawn']:.1f} |", ""]
    chk = runs(board, "bench_check")
    plain = runs(board, "bench_nocheck")
    unit = unit_of(chk)
    c, p = median_of(chk, "bench"), median_of(plain, "bench")
    how = "median of %d runs" % HOST_RUNS if board == "host" else "exact, QEMU -icount shift=0"
    md += ["### Stack check overhead", "",
           f"Workloads in a task on a stack that does not grow; {unit}, {how}.", "",
           f"| workload | without check | with check | overhead |", "|---|---|---|---|"]
    for name in c:
        md.append(f"| {name} | {p[name]:.0f} | {c[name]:.0f} | {100 * (c[name] / p[name] - 1):+.0f}% |")
    if board == "host":
        md += ["", "Host instructions (callgrind, the workload function and all it calls):", "",
               "| workload | without check | with check | overhead |", "|---|---|---|---|"]
        for fn in ["bench_fib", "bench_parse"]:
            a = callgrind(board, "bench_nocheck", fn)
            b = callgrind(board, "bench_check", fn)
            if a and b:
                md.append(f"| {fn} | {a} | {b} | {100 * (b / a - 1):+.0f}% |")
    lib = ROOT / f"build/bench-{board}/bench"
    sc, sp = text_size(board, lib / "libworkload_check.a"), text_size(board, lib / "libworkload_plain.a")
    md += ["", f"Code size of the workloads (text bytes): {sp} without the check, {sc} with "
           f"({100 * (sc / sp - 1):+.0f}%).", ""]

    mv = runs(board, "bench_move")
    hook = statistics.median(int(h[0]) for l in mv for h in parse(l, "hook"))
    by_size = {}
    for lines in mv:
        for nbytes, cost in parse(lines, "move"):
            by_size.setdefault(int(nbytes), []).append(int(cost) - hook)
    points = sorted((k, statistics.median(v)) for k, v in by_size.items())
    a, b = fit(points)
    md += ["### Moving a stack", "",
           f"One move: allocate, copy and adjust the live part, free the old block; {unit}, "
           f"{how}, timing overhead ({hook:.0f}) subtracted. Fit over {len(points)} "
           f"moves: **{a:.0f} + {b * 1024:.0f} per KiB copied**.", "",
           "| bytes copied | cost |", "|---|---|"]
    md += [f"| {n} | {v:.0f} |" for n, v in points]
    md.append("")
    return md


def main():
    boards = sys.argv[1:]
    md = ["# goro benchmarks", "",
          f"Written by `scripts/bench` on {datetime.date.today()}; every figure below comes from "
          "that run. Emulated boards count guest instructions (QEMU `-icount shift=0,sleep=off`: "
          "exact and repeatable; the mps2 SysTick counts once per 40 instructions, so each "
          "reading is a multiple of 40). The host counts nanoseconds (medians) and, where "
          "noted, instructions under callgrind.", ""]
    for b in boards:
        print(f"== {b}", flush=True)
        md += bench_board(b)
    out = ROOT / "docs/benchmarks.md"
    out.write_text("\n".join(md) + "\n")
    print("\n".join(md))
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
