#!/usr/bin/python3
"""Draw a goro trace (the trace-event JSON that goro_trace_write_json or
gdb's `goro trace` writes) as a timeline PNG: one row per task, its running
slices as bars, parks and wakeups as marks, stack moves labelled with the
bytes copied. For a picture in a document; ui.perfetto.dev is the viewer
for real work.

  tools/trace/plot.py TRACE.json OUT.png [TITLE]

Needs matplotlib (Debian: python3-matplotlib, for /usr/bin/python3).
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    src, out = sys.argv[1], sys.argv[2]
    title = sys.argv[3] if len(sys.argv) > 3 else src
    with open(src) as f:
        doc = json.load(f)
    ev = doc["traceEvents"]
    names = {e["tid"]: e["args"]["name"] for e in ev if e["ph"] == "M" and e["name"] == "thread_name"}
    tids = sorted(names)
    row = {t: i for i, t in enumerate(tids)}
    t0 = min(e["ts"] for e in ev if "ts" in e)
    scale = 1000.0  # trace-event microseconds to the clock's units (ns, instructions)
    fig, ax = plt.subplots(figsize=(11, 0.7 * len(tids) + 1.8))
    for e in ev:
        if e["ph"] != "X":
            continue
        x = (e["ts"] - t0) * scale
        ax.barh(row[e["tid"]], e["dur"] * scale, left=x, height=0.5,
                color="#999999" if e["tid"] == 0 else "#3a7bd5")
    marks = {"park": ("v", "#d1495b"), "wake": ("^", "#2a9d5c"), "create": ("o", "#333333"),
             "exit": ("x", "#333333"), "stack move": ("D", "#e9a23b")}
    seen = set()
    for e in ev:
        if e["ph"] != "i" or e["name"] not in marks:
            continue
        m, c = marks[e["name"]]
        x, y = (e["ts"] - t0) * scale, row[e["tid"]]
        ax.plot(x, y - 0.36, m, color=c, markersize=6,  # above the bar (the axis is inverted)
                label=None if e["name"] in seen else e["name"])
        seen.add(e["name"])
        if e["name"] == "park":
            ax.annotate(e["args"]["reason"], (x, y - 0.36), xytext=(4, 3),
                        textcoords="offset points", fontsize=7, color=c)
        if e["name"] == "stack move":
            ax.annotate("moved %d B" % e["args"]["bytes"], (x, y - 0.36), xytext=(4, 3),
                        textcoords="offset points", fontsize=7, color=c)
    ax.set_yticks(range(len(tids)))
    ax.set_yticklabels([names[t] for t in tids])
    ax.invert_yaxis()
    clock = doc.get("otherData", {}).get("clock", "ns")
    ax.set_xlabel("%s since the first event (%s)" % (clock, doc.get("otherData", {}).get("board", "")))
    ax.set_title(title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), fontsize=8, ncol=5, frameon=False)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


if __name__ == "__main__":
    main()
