#!/usr/bin/env python3
"""Run the benchmark programs built by scripts/bench and write
docs/benchmarks.md and docs/benchmarks.png. Every figure comes from this
run: emulated boards count guest instructions (exact and repeatable),
the host counts nanoseconds (medians) and, where noted, instructions under
callgrind, beside Go and Boost.Context measured in the same run."""
import datetime
import re
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST_RUNS = 7  # medians over this many runs on the host
# Rounds of the host's interleaved comparisons (check against no check,
# goro against Go and Boost.Context): one run of each side per round. A
# run of the check workloads is a fraction of a millisecond of work, so
# its medians want more of them than the other figures do.
HOST_ROUNDS = 21

# What issue 15 aims at, on Cortex-M3 (mps2-an385), in guest instructions.
M3_BARS = {"switch": 30, "spawn": 120, "chan_unbuffered": 120}
# FreeRTOS V11.3.0 and ChibiOS/RT 7.0.6 measured the same way on the same
# board, same compiler, -O2 (from issue 15; its round trips are FreeRTOS
# queues and ChibiOS synchronous messages).
PEERS_M3 = {"switch": ("50-56", "42.5"), "spawn": ("about 720", "153"),
            "chan_unbuffered": ("about 1,150", "131")}

OPS = [
    ("switch", "switch: goro_yield from one task to another"),
    ("spawn", "spawn: goro_go + the task running + exiting (its stack and slot reused or freed)"),
    ("spawn_run1", "spawn from main: goro_go of one task, then goro_run until it has exited"),
    ("spawn_batch", "spawn from main in batches: 8 goro_go, then one goro_run (per task)"),
    ("chan_unbuffered", "round trip of a 4-byte value, unbuffered channels"),
    ("chan_buffered", "round trip of a 4-byte value, buffered channels"),
    ("select4", "select over 4 channels (partner's send included)"),
]

# Runtime files by feature, for code size (runtime/meson.build's lists and
# the port's asm/<arch>/ files): what each links is read from the linker's
# map of a firmware, so a feature counts only what --gc-sections kept.
FEATURES = [
    ("scheduler, pool, panics", ["sched.c", "pool.c", "wait.c", "panic.c", "fmt.c", "hooks.c",
                                 "switch.S", "frame.c", "board_default.c"]),
    ("stack check and growth", ["stack.c", "check.c", "morestack.S", "libc_wrap.c", "libc_scan.c",
                                "libc_time.c"]),
    ("channels, select", ["chan.c", "select.c"]),
    ("time: sleep, timers, timeouts", ["time.c"]),
    ("wait groups, mutexes, semaphores", ["sync.c"]),
    ("task list", ["tasks.c"]),
    ("trace", ["trace.c", "trace_json.c"]),
]
# The two firmwares of the code-size table (bench/size_*.c).
FIRMWARES = [("size_tiny", "two tasks, one unbuffered channel"),
             ("size_full", "every feature")]
# Kernel text of the peers, from issue 15: measured by an earlier session
# with the same compiler at -Os on mps2-an385, not by this script.
PEER_KERNELS = [("FreeRTOS V11.3 kernel, without timers", 6477),
                ("FreeRTOS V11.3 kernel, with timers", 7749),
                ("ChibiOS/RT 7.0.6 kernel (threads, semaphores, mutexes, messages, virtual timers)", 3215),
                ("ChibiOS/RT 7.0.6 kernel + mailboxes", 3215 + 614)]
# Issue 15's aims for code size, bytes of text.
SIZE_AIMS = {"runtime_full": 6144, "goro_tiny": 3215, "fw_size_tiny": 6144, "fw_size_full": 12288}


def sh(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True, **kw).stdout


def caps(board):
    """The board's data as its build wrote it (scripts/board.txt.in)."""
    out = {}
    for line in (ROOT / f"build/bench-{board}/goro-board.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            k, _, v = line.partition("=")
            out[k] = v
    return out


def hosted(board):
    return caps(board)["hosted"] == "1"


def run_target(board, name):
    """Run one benchmark through the board's runner; its output lines."""
    return sh(["ninja", "-C", f"build/bench-{board}", "--quiet", f"run-{name}"]).splitlines()


def parse(lines, key):
    return [l.split()[1:] for l in lines if l.startswith(key + " ")]


def runs(board, name):
    n = HOST_RUNS if hosted(board) else 1  # emulated boards repeat exactly
    return [run_target(board, name) for _ in range(n)]


def target_cmd(board, name):
    return ["ninja", "-C", f"build/bench-{board}", "--quiet", f"run-{name}"]


def interleaved(cmds, n):
    """{name: [output lines of each run]}: every command of cmds ({name:
    argv}) run n times, round-robin, in the opposite order every other
    round (A B, B A, ...). Whatever disturbs the machine for a while
    (another job, a frequency change) then falls on every side of a
    comparison alike, not on one side's block of runs, nor always on the
    side that runs second."""
    out = {k: [] for k in cmds}
    for i in range(n):
        for k in (list(cmds) if i % 2 == 0 else list(reversed(cmds))):
            out[k].append(sh(cmds[k]).splitlines())
    return out


def paired_ratio(num, den, key="bench"):
    """{name: median over rounds of num/den}: num and den are interleaved
    runs of the two sides, round i of one beside round i of the other."""
    ratios = {}
    for a, b in zip(num, den):
        pa = {n: float(v) for n, v in parse(a, key)}
        pb = {n: float(v) for n, v in parse(b, key)}
        for name, v in pa.items():
            if name in pb and pb[name] > 0:
                ratios.setdefault(name, []).append(v / pb[name])
    return {k: statistics.median(v) for k, v in ratios.items()}


def median_of(all_lines, key):
    """{name: median value} over several runs of 'key name value' lines."""
    vals = {}
    for lines in all_lines:
        for name, value in parse(lines, key):
            vals.setdefault(name, []).append(float(value))
    return {k: statistics.median(v) for k, v in vals.items()}


def unit_of(all_lines):
    return parse(all_lines[0], "unit")[0][0]


def how(board):
    return f"median of {HOST_RUNS} runs" if hosted(board) else "exact, QEMU -icount shift=0"


def callgrind(board, name, fn):
    """Host only: instructions inside fn and all it calls."""
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


def size_tool(board):
    """The board's size program: its cross file's, or the build machine's."""
    return caps(board)["size"] or "size"


def text_size(board, lib):
    out = sh([size_tool(board), "-t", str(lib)])
    return int(out.strip().splitlines()[-1].split()[0])


def ops_table(board, host=None):
    """host: the host's interleaved runs (host_runs), else this board's."""
    sched = host["sched"] if host else runs(board, "bench_sched")
    chan = host["chan"] if host else runs(board, "bench_chan")
    vals = {**median_of(sched, "bench"), **median_of(chan, "bench")}
    unit = unit_of(sched)
    way = (f"median of {HOST_ROUNDS} runs, interleaved with Go's and Boost.Context's" if host
           else how(board))
    md = ["### Scheduler and channels", "",
          f"Per operation, {unit}, {way}; the benchmark loop's own instructions included.",
          "", "| operation | cost |", "|---|---|"]
    md += [f"| {label} | {vals[k]:.1f} |" for k, label in OPS if k in vals]
    return md + [""], vals, unit


def host_runs(board):
    """goro's scheduler and channel benchmarks, Go and Boost.Context, run
    interleaved: round i of each side beside round i of the others."""
    return interleaved({"sched": target_cmd(board, "bench_sched"),
                        "chan": target_cmd(board, "bench_chan"),
                        "go": ["build/bench-peers/peers"],
                        "fc": ["build/bench-peers/fcontext"]}, HOST_ROUNDS)


def peers_table(vals, host):
    """Host: Go and Boost.Context, measured now, on this machine, in the
    same rounds as goro (host_runs)."""
    g, f = median_of(host["go"], "bench"), median_of(host["fc"], "bench")
    goro = [a + b for a, b in zip(host["sched"], host["chan"])]
    vs_go = paired_ratio(host["go"], goro)  # Go / goro: how much faster goro is
    vs_fc = paired_ratio(goro, host["fc"])  # goro / Boost
    md = ["### Against Go and Boost.Context (same machine, same run)", "",
          f"ns per operation, medians of {HOST_ROUNDS} runs each, the runs of goro, Go and "
          "Boost.Context interleaved (one of each per round); each ratio is the median of the "
          f"{HOST_ROUNDS} rounds' ratios. Go {sh(['go', 'version']).split()[2]} "
          "with GOMAXPROCS=1: runtime.Gosched ping-pong, go func + exit, unbuffered channel "
          "round trip. Boost.Context: jump_fcontext between two contexts.", "",
          "| operation | goro | Go | goro faster by | Boost fcontext | goro / Boost |",
          "|---|---|---|---|---|---|",
          f"| switch | {vals['switch']:.1f} | {g['switch']:.1f} | {vs_go['switch']:.1f}x "
          f"| {f['switch']:.2f} | {vs_fc['switch']:.2f}x |",
          f"| spawn | {vals['spawn']:.1f} | {g['spawn']:.1f} | {vs_go['spawn']:.1f}x | | |",
          f"| unbuffered round trip | {vals['chan_unbuffered']:.1f} | {g['chan_unbuffered']:.1f} "
          f"| {vs_go['chan_unbuffered']:.1f}x | | |", ""]
    return md, g, f, {"switch_vs_go": vs_go["switch"], "switch_vs_fc": vs_fc["switch"],
                      "chan_vs_go": vs_go["chan_unbuffered"]}


def check_table(board):
    if hosted(board):
        r = interleaved({"check": target_cmd(board, "bench_check"),
                         "plain": target_cmd(board, "bench_nocheck")}, HOST_ROUNDS)
        chk, plain = r["check"], r["plain"]
        ratio = paired_ratio(chk, plain)
        note = (f"medians of {HOST_ROUNDS} runs each (a run reports the median of 5 timings of "
                f"each workload), the runs with and without the check interleaved; the overhead "
                f"is the median of the {HOST_ROUNDS} rounds' ratios")
    else:
        chk, plain = runs(board, "bench_check"), runs(board, "bench_nocheck")
        ratio, note = None, how(board)
    unit = unit_of(chk)
    c, p = median_of(chk, "bench"), median_of(plain, "bench")
    md = ["### Stack check overhead", "",
          f"Workloads in a task on a stack that does not grow; {unit}, {note}.", "",
          "| workload | without check | with check | overhead |", "|---|---|---|---|"]
    for name in c:
        over = ratio[name] if ratio else c[name] / p[name]
        md.append(f"| {name} | {p[name]:.0f} | {c[name]:.0f} | {100 * (over - 1):+.1f}% |")
    if hosted(board):
        md += ["", "Host instructions (callgrind, the workload function and all it calls):", "",
               "| workload | without check | with check | overhead |", "|---|---|---|---|"]
        for fn in ["bench_fib", "bench_parse"]:
            a = callgrind(board, "bench_nocheck", fn)
            b = callgrind(board, "bench_check", fn)
            if a and b:
                md.append(f"| {fn} | {a} | {b} | {100 * (b / a - 1):+.1f}% |")
    lib = ROOT / f"build/bench-{board}/bench"
    sc = text_size(board, lib / "libworkload_check.a")
    sp = text_size(board, lib / "libworkload_plain.a")
    md += ["", f"Code size of the workloads (text bytes): {sp} without the check, {sc} with "
           f"({100 * (sc / sp - 1):+.0f}%).", ""]
    return md


def nm_sizes(board, lib):
    """{symbol: (type, size)} of a static library, from nm -S."""
    tool = size_tool(board)[:-len("size")] + "nm"
    out = {}
    for line in sh([tool, "-S", str(lib)]).splitlines():
        f = line.split()
        if len(f) == 4:
            out[f[3]] = (f[2], int(f[1], 16))
    return out


def maps_table(board):
    """The text frame records and maps add: every benchmark's task code
    built with the plugin and again with the plugin's GORO_CHECK_NOMAPS."""
    lib = ROOT / f"build/bench-{board}/bench"
    if not (lib / "libmaps_without.a").exists():
        return ["### Frame maps", "", "No plugin in this build: no maps.", ""]
    w, wo = nm_sizes(board, lib / "libmaps_with.a"), nm_sizes(board, lib / "libmaps_without.a")
    code = {k: v[1] - wo[k][1] for k, v in w.items() if v[0] in "tT" and k in wo}
    maps = {k[:-len(".goro_map")]: v[1] for k, v in w.items() if k.endswith(".goro_map")}
    fns = sorted(set(maps) | {k for k, d in code.items() if d})
    text_wo = sum(v[1] for v in wo.values() if v[0] in "tT")
    md = ["### Frame maps", "",
          "What the frame records (code) and their maps (section goro_maps) add to every "
          "benchmark's task code: the plugin against the same plugin built with "
          "GORO_CHECK_NOMAPS; bytes.", "",
          "| function | code added | map |", "|---|---|---|"]
    for fn in fns:
        md.append(f"| {fn} | {code.get(fn, 0)} | {maps.get(fn, 0)} |")
    tc, tm = sum(code.values()), sum(maps.values())
    md += [f"| **total, {len(maps)} maps in {len(code)} functions** | {tc} | {tm} |", "",
           f"{tc + tm} bytes in all, {100 * (tc + tm) / text_wo:+.1f}% on the {text_wo} bytes "
           "of text of the same code without maps.", ""]
    return md


def move_fit(board, name):
    mv = runs(board, name)
    hook = statistics.median(int(h[0]) for l in mv for h in parse(l, "hook"))
    by_size = {}
    for lines in mv:
        for nbytes, cost in parse(lines, "move"):
            by_size.setdefault(int(nbytes), []).append(int(cost) - hook)
    points = sorted((k, statistics.median(v)) for k, v in by_size.items())
    maps = parse(mv[0], "maps")
    return mv, hook, points, (maps[0] if maps else None)


def move_table(board):
    mv, hook, points, _ = move_fit(board, "bench_move")
    _, _, mpoints, mstats = move_fit(board, "bench_move_maps")
    unit = unit_of(mv)
    if len(points) < 2:
        return ["### Moving a stack", "", "Too few moves in this pool to fit a line.", ""], None
    a, b = fit(points)
    md = ["### Moving a stack", "",
          f"One move: allocate, copy and adjust the live part, apply the frame maps, free the "
          f"old block; {unit}, {how(board)}, timing overhead ({hook:.0f}) subtracted. Fit over "
          f"{len(points)} moves of frames that no map describes: "
          f"**{a:.0f} + {b * 1024:.0f} per KiB copied**."]
    if len(mpoints) >= 2:
        ma, mb = fit(mpoints)
        md[-1] += (f" The same recursion with a map in every frame (bench_move_maps; "
                   f"{mstats[0]} records followed in all): **{ma:.0f} + {mb * 1024:.0f} per KiB**.")
    md += ["", "| bytes copied | cost |", "|---|---|"]
    md += [f"| {n} | {v:.0f} |" for n, v in points]
    if mpoints:
        md += ["", "Every frame mapped:", "", "| bytes copied | cost |", "|---|---|"]
        md += [f"| {n} | {v:.0f} |" for n, v in mpoints]
    return md + [""], (a, b * 1024)


def false_table(board):
    """False adjustments of random data at growth moves (bench_false)."""
    rows = parse(run_target(board, "bench_false"), "false")
    md = ["### False adjustments of random data", "",
          "Frames full of random words outgrow their first block; at the move, words whose "
          "value fell in the mover's window are changed. Old rule: the whole old block "
          "[lo, hi]; live rule (today's): the live part [sp, hi). Counts over all moves.", "",
          "| first block | moves | random words moved | in old-rule window | in live-rule window "
          "| changed | changed per move |", "|---|---|---|---|---|---|---|"]
    for block, moves, words, old, live, changed in rows:
        per = int(changed) / int(moves) if int(moves) else 0
        md.append(f"| {block} B | {moves} | {words} | {old} | {live} | {changed} | {per:.4f} |")
    return md + [""]


def mem_table(board):
    m = {k: int(v) for k, v in parse(run_target(board, "bench_mem"), "mem")}
    md = ["### Memory", "",
          "| what | figure |", "|---|---|",
          f"| control block per task (struct g) | {m['tcb_bytes']} bytes |",
          f"| smallest stack (the pool's block) | {m['min_stack']} bytes |",
          f"| stack pool | {m['pool_bytes']} bytes |",
          f"| task table | {m['table_entries']} entries |",
          f"| tasks alive at once, smallest stacks (table or pool runs out) | {m['tasks_alive']} |",
          f"| tasks parked on one channel at once, smallest stacks, each run to completion | {m['tasks_parked']} |", ""]
    return md, m


def text_sections(board, elf):
    """The output sections the board's size program counts as text:
    allocated and read-only (code, constants, frame maps; not the vector
    table, which picolibc.ld places in the writable .init)."""
    tool = size_tool(board)[:-len("size")] + "objdump"
    lines = sh([tool, "-h", str(elf)]).splitlines()
    return {f[1] for i, f in ((i, l.split()) for i, l in enumerate(lines))
            if len(f) >= 7 and f[0].isdigit() and i + 1 < len(lines)
            and "ALLOC" in lines[i + 1] and "READONLY" in lines[i + 1]}


def part_of(obj):
    """Which part of a firmware an input file of its link is: ('runtime',
    file), ('board', file), ('libc', file) or ('program', file)."""
    m = re.search(r"libgoro\.a\((.*)\.o\)$", obj)
    if m:
        name = m.group(1)
        if name.startswith(".._boards_"):
            return "board", name[len(".._boards_"):]
        # asm/<arch>/NAME: the port, part of the runtime.
        return "runtime", re.sub(r"^\.\._asm_(x86_64|[^_]+)_", "", name)
    if re.search(r"(^|/)(lib(c|gcc|semihost|m)\.a\(|crt0[^/]*\.o$)", obj):
        return "libc", obj.split("/")[-1]
    return "program", obj.split("/")[-1]


def linked_text(board, name, build=None):
    """{(part, file): text bytes} that firmware `name` links, from its
    linker map (bench/meson.build asks for one): every input section kept
    in an output section that counts as text, after --gc-sections.
    Alignment padding is ('fill', ''). The linker merges strings across
    files, so an input section is counted up to where the next one
    starts: the parts add up to the output sections' sizes."""
    build = ROOT / (build or f"build/size-{board}") / "bench"
    text = text_sections(board, build / name)
    mapfile = (build / f"{name}.map").read_text().split("Linker script and memory map", 1)[1]
    entries, sec, pending = [], None, False  # (address, size, key)
    for line in mapfile.splitlines():
        m = re.match(r"^([^\s*(][^\s(]*)(\s+0x[0-9a-f]+\s+0x[0-9a-f]+)?", line)
        if m and not line.startswith(("LOAD", "START", "END", "OUTPUT")):
            sec, pending = m.group(1), False  # an output section begins
            continue
        if sec not in text:
            continue
        m = re.match(r"^ \*fill\*\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)", line)
        if m:
            entries.append((int(m.group(1), 16), int(m.group(2), 16), ("fill", "")))
            continue
        m = re.match(r"^ (\S+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$", line)
        if m and not m.group(1).startswith("*"):
            entries.append((int(m.group(2), 16), int(m.group(3), 16), part_of(m.group(4).strip())))
            continue
        m = re.match(r"^ (\.\S+|\w+)$", line)
        if m:
            pending = True  # a long name: its address and size follow
            continue
        m = re.match(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$", line)
        if m and pending:
            entries.append((int(m.group(1), 16), int(m.group(2), 16), part_of(m.group(3).strip())))
        pending = False
    entries = sorted(e for e in entries if e[1] > 0)
    out = {}
    for i, (addr, size, key) in enumerate(entries):
        nxt = next((a for a, _, _ in entries[i + 1:] if a > addr), addr + size)
        out[key] = out.get(key, 0) + min(size, nxt - addr)
    return out


def code_size(board, build=None):
    """Text each of the two firmwares links, by part and runtime feature,
    from a -Os build (-Dbuildtype=minsize -Druntime_optimization=s,
    checks=1: the default) linked with --gc-sections."""
    build = build or f"build/size-{board}"
    fw = {name: linked_text(board, name, build) for name, _ in FIRMWARES}
    totals = {name: text_size(board, ROOT / build / "bench" / name) for name, _ in FIRMWARES}

    def of(name, test):
        return sum(v for k, v in fw[name].items() if test(k))

    names = [n for n, _ in FIRMWARES]
    md = ["### Code size (-Os)", "",
          f"Text (`{size_tool(board)}`) of the two firmwares of bench/ (size_tiny: "
          + FIRMWARES[0][1] + "; size_full: " + FIRMWARES[1][1] + "), "
          "built with `-Dbuildtype=minsize -Druntime_optimization=s`, checks=1 (the default), "
          "console=uart (the default); each part is what the link kept of it after "
          "--gc-sections, read from the linker's map. Bytes.", "",
          "| part | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    known = set()
    for label, files in FEATURES:
        known |= set(files)
        md.append(f"| runtime: {label} | " + " | ".join(
            str(of(n, lambda k: k[0] == "runtime" and k[1] in files)) for n in names) + " |")
    other = [str(of(n, lambda k: k[0] == "runtime" and k[1] not in known)) for n in names]
    if any(o != "0" for o in other):
        md.append("| runtime: other files | " + " | ".join(other) + " |")
    runtime = {n: of(n, lambda k: k[0] == "runtime") for n in names}
    board_t = {n: of(n, lambda k: k[0] == "board") for n in names}
    md.append("| **the runtime** | " + " | ".join(f"**{runtime[n]}**" for n in names) + " |")
    md.append("| board: vectors, clock, console, fault report | " +
              " | ".join(str(board_t[n]) for n in names) + " |")
    md.append("| **goro: runtime and board** | " +
              " | ".join(f"**{runtime[n] + board_t[n]}**" for n in names) + " |")
    md.append("| C library, libgcc, crt0 | " +
              " | ".join(str(of(n, lambda k: k[0] == "libc")) for n in names) + " |")
    md.append("| the program's own code | " +
              " | ".join(str(of(n, lambda k: k[0] == "program")) for n in names) + " |")
    # The rest of the total: padding between sections, less what the
    # linker saved by merging strings across files.
    md.append("| alignment | " + " | ".join(
        str(totals[n] - of(n, lambda k: k[0] != "fill")) for n in names) + " |")
    md.append("| **total text** | " + " | ".join(f"**{totals[n]}**" for n in names) + " |")
    libc = {n: sorted({re.sub(r"^(lib\w+)\.a\((.*?)(\.c)?\.o\)$", r"\1 \2", k[1])
                       for k in fw[n] if k[0] == "libc"}) for n in names}
    md += ["", "What the C library gives each: " + "; ".join(
        f"{n}: {', '.join(libc[n])}" for n in names) + ".", ""]
    return md, {"runtime_full": runtime["size_full"],
                "goro_tiny": runtime["size_tiny"] + board_t["size_tiny"],
                "runtime_tiny": runtime["size_tiny"],
                "fw_size_tiny": totals["size_tiny"], "fw_size_full": totals["size_full"]}


def size_section(results):
    """The two firmwares' total text on the boards the aims name, beside
    the peers' kernels as issue 15 gives them."""
    boards = [b for b in ("mps2-an385", "microbit") if "size" in results.get(b, {})]
    if not boards:
        return []

    def verdict(v, aim):
        return "met" if v <= aim else f"missed by {v - aim} B"

    cols = [(b, "size") for b in boards]
    cols += [(b, "size_notext") for b in boards if "size_notext" in results[b]]
    cols.sort(key=lambda c: boards.index(c[0]))
    md = ["## Code size against the aims (text bytes, -Os, checks=1)", "",
          "Each board's firmwares as built by default, and with `-Dpanic_text=false` (the "
          "runtime's panics say where they were raised, scripts/panic-decode gives the message).",
          "", "| what | " + " | ".join(b + (", panic_text=false" if k == "size_notext" else "")
                                      for b, k in cols) + " | aim |",
          "|---|" + "---|" * len(cols) + "---|"]
    rows = [("size_tiny firmware (two tasks, one unbuffered channel): total text", "fw_size_tiny"),
            ("size_full firmware (every feature): total text", "fw_size_full"),
            ("size_tiny: what it links of goro (runtime and board)", "goro_tiny"),
            ("size_full: the runtime with every feature", "runtime_full")]
    for label, key in rows:
        aim = SIZE_AIMS[key]
        md.append(f"| {label} | " + " | ".join(
            f"{results[b][k][key]} ({verdict(results[b][k][key], aim)})" for b, k in cols)
            + f" | {aim} |")
    md += ["", "The peers' kernels, from issue 15: measured by an earlier session with the same "
           "compiler at -Os on mps2-an385, not by this run. A kernel alone, beside goro's "
           "runtime (and board code) above, not a whole firmware.", "",
           "| kernel | text |", "|---|---|"]
    md += [f"| {k} | {v} |" for k, v in PEER_KERNELS]
    return md + [""]


def chart(results):
    """Instructions per operation per emulated board, and the host against
    its peers: one picture a person can read at a glance."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    boards = [b for b in results if b != "host"]
    keys = ["switch", "spawn", "chan_unbuffered", "select4"]
    fig, axes = plt.subplots(1, 2 if "host" in results else 1, figsize=(13, 5))
    axes = axes if hasattr(axes, "__len__") else [axes]
    ax = axes[0]
    width = 0.8 / max(len(boards), 1)
    for i, b in enumerate(boards):
        vals = [results[b]["ops"].get(k, 0) for k in keys]
        ax.bar([x + i * width for x in range(len(keys))], vals, width, label=b)
    ax.set_xticks([x + width * (len(boards) - 1) / 2 for x in range(len(keys))])
    ax.set_xticklabels(["switch", "spawn", "unbuffered\nround trip", "select of 4"])
    ax.set_ylabel("guest instructions per operation")
    ax.set_title("goro on emulated boards (QEMU -icount, exact)")
    ax.legend(fontsize=8)
    if "host" in results:
        h = results["host"]
        ax = axes[1]
        labels = ["switch", "spawn", "unbuffered\nround trip"]
        goro = [h["ops"]["switch"], h["ops"]["spawn"], h["ops"]["chan_unbuffered"]]
        go = [h["go"]["switch"], h["go"]["spawn"], h["go"]["chan_unbuffered"]]
        ax.bar([x - 0.27 for x in range(3)], goro, 0.27, label="goro")
        ax.bar(range(3), go, 0.27, label="Go (GOMAXPROCS=1)")
        ax.bar([0.27], [h["fc"]["switch"]], 0.27, label="Boost fcontext")
        ax.set_xticks(range(3))
        ax.set_xticklabels(labels)
        ax.set_ylabel("ns per operation (median)")
        ax.set_title("host x86-64, same run")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(ROOT / "docs/benchmarks.png", dpi=100)
    return True


def bars_section(results):
    if "mps2-an385" not in results:
        return []
    r = results["mps2-an385"]
    md = ["## Against the aims (Cortex-M3, mps2-an385, guest instructions)", "",
          "| operation | goro | aim | FreeRTOS V11.3.0 (from issue 15) "
          "| ChibiOS/RT 7.0.6 (from issue 15) |", "|---|---|---|---|---|"]
    for k, label in [("switch", "switch"), ("spawn", "spawn + run + exit"),
                     ("chan_unbuffered", "unbuffered round trip")]:
        v = r["ops"][k]
        verdict = "met" if v <= M3_BARS[k] else f"missed by {v - M3_BARS[k]:.0f} ({100 * (v / M3_BARS[k] - 1):.0f}%)"
        fr, ch = PEERS_M3[k]
        md.append(f"| {label} | {v:.0f} | {M3_BARS[k]} ({verdict}) | {fr} | {ch} |")
    md.append(f"| control block per task | {r['mem']['tcb_bytes']} B | 48 B "
              f"({'met' if r['mem']['tcb_bytes'] <= 48 else 'missed'}) | 80 B | |")
    if "microbit" in results:
        m = results["microbit"]["mem"]
        md.append(f"| microbit: smallest stack | {m['min_stack']} B | 256 B "
                  f"({'met' if m['min_stack'] <= 256 else 'missed'}) | | |")
        md.append(f"| microbit: tasks parked on a channel at once | {m['tasks_parked']} | 32 "
                  f"({'met' if m['tasks_parked'] >= 32 else 'missed'}) | | |")
    if "hifive1" in results:
        m = results["hifive1"]["mem"]
        md.append(f"| hifive1: tasks parked on a channel at once | {m['tasks_parked']} | 16 "
                  f"({'met' if m['tasks_parked'] >= 16 else 'missed'}) | | |")
    if "host" in results:
        h = results["host"]
        q = h["ratios"]
        md.append(f"| host: switch vs Go Gosched | {q['switch_vs_go']:.1f}x faster "
                  f"| at least 2x | | |")
        md.append(f"| host: switch vs Boost fcontext | {q['switch_vs_fc']:.2f}x "
                  f"| within 1.5x | | |")
        md.append(f"| host: unbuffered round trip vs Go | "
                  f"{q['chan_vs_go']:.1f}x faster | at least 4x | | |")
    return md + [""]


SMP_RUNS = 7


def smp_table(b):
    """Several CPUs: on the host, 64 CPU-bound tasks with one CPU and with
    each other CPU count the machine has, run in turns (interleaved), and
    the channel round trip on one CPU and across two; on an emulated
    board, the round trips in guest instructions."""
    builds = sorted((ROOT / "build").glob(f"bench-{b}-cpus*"),
                    key=lambda d: int(d.name.rsplit("cpus", 1)[1]))
    if not builds:
        return [], None
    unit = "ns" if hosted(b) else "instructions"
    md = ["### Several CPUs (meson option cpus)", ""]
    res = {}
    if hosted(b):
        cmds = {"1": target_cmd(b, "bench_smp")}
        for d in builds:
            cmds[d.name.rsplit("cpus", 1)[1]] = ["ninja", "-C", str(d), "--quiet", "run-bench_smp"]
        runs_ = interleaved(cmds, SMP_RUNS)
        one = [dict((n, float(v)) for n, v in parse(r, "bench"))["cpubound"] for r in runs_["1"]]
        md += [f"64 CPU-bound tasks (bench/bench_smp.c), median of {SMP_RUNS} runs taken in "
               f"turns; the machine has {os.cpu_count()} CPUs.", "",
               "| cpus | 64 CPU-bound tasks, ms | sooner than 1 CPU by | round trip, same CPU, ns "
               "| round trip, across CPUs, ns |", "|---|---|---|---|---|"]
        for k, rs in runs_.items():
            vals = [dict((n, float(v)) for n, v in parse(r, "bench")) for r in rs]
            med = {n: statistics.median(v[n] for v in vals) for n in vals[0]}
            ratio = statistics.median(o / v["cpubound"] for o, v in zip(one, vals))
            res[k] = dict(med, speedup=ratio)
            cross = f"{med['rt_cross']:.0f}" if "rt_cross" in med else "-"
            md.append(f"| {k} | {med['cpubound'] / 1e6:.1f} | {ratio:.2f}x | {med['rt_same']:.0f} "
                      f"| {cross} |")
    else:
        md += ["Channel round trips (bench/bench_smp.c), guest instructions, exact:", "",
               "| cpus | round trip, same CPU | round trip, across CPUs |", "|---|---|---|"]
        for d in builds:
            k = d.name.rsplit("cpus", 1)[1]
            med = dict((n, float(v)) for n, v in parse(
                sh(["ninja", "-C", str(d), "--quiet", "run-bench_smp"]).splitlines(), "bench"))
            res[k] = med
            md.append(f"| {k} | {med['rt_same']:.0f} | {med.get('rt_cross', 0):.0f} |")
    md.append("")
    return md, res


def main():
    boards = sys.argv[1:]
    results = {}
    body = []
    for b in boards:
        print(f"== {b}", flush=True)
        md = [f"## {b}", ""]
        host = host_runs(b) if hosted(b) else None
        ops_md, vals, unit = ops_table(b, host)
        md += ops_md
        r = {"ops": vals, "unit": unit}
        if host:
            peers_md, r["go"], r["fc"], r["ratios"] = peers_table(vals, host)
            md += peers_md
        mem_md, r["mem"] = mem_table(b)
        md += mem_md
        if (ROOT / f"build/size-{b}/bench/size_tiny.map").exists():
            size_md, r["size"] = code_size(b)
            md += size_md
        if (ROOT / f"build/size-{b}-notext/bench/size_tiny.map").exists():
            r["size_notext"] = code_size(b, f"build/size-{b}-notext")[1]
        md += check_table(b)
        md += maps_table(b)
        move_md, r["move"] = move_table(b)
        md += move_md
        md += false_table(b)
        smp_md, r["smp"] = smp_table(b)
        md += smp_md
        results[b] = r
        body += md
    png = chart(results)
    md = ["# goro benchmarks", "",
          f"Written by `scripts/bench` on {datetime.date.today()}; every figure below comes from "
          "that run. Emulated boards count guest instructions under QEMU "
          "`-icount shift=0,sleep=off`: exact and repeatable, to the resolution of each board's "
          "counter (mps2: SysTick, one count per 40 instructions; microbit: 62.5; netduinoplus2: "
          "about 6; RISC-V rdinstret and AArch64 PMCCNTR_EL0: exact). The host counts "
          "nanoseconds (medians) and, where noted, instructions under callgrind; Go and "
          "Boost.Context are built and measured in the same run.", ""]
    if png:
        md += ["![instructions per operation on each board, and the host against Go and "
               "Boost.Context](benchmarks.png)", ""]
    md += bars_section(results) + size_section(results) + body
    out = ROOT / "docs/benchmarks.md"
    out.write_text("\n".join(md) + "\n")
    print("\n".join(md))
    print(f"wrote {out.relative_to(ROOT)}" + (" and docs/benchmarks.png" if png else ""))


if __name__ == "__main__":
    main()
