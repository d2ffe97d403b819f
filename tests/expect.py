#!/usr/bin/env python3
"""Run a program that must fail in a given way: exit with --status and print
output matching every --match regex. Used for the panic tests, so a crash
or a wrong message is a test failure, not a pass.

  expect.py --status 2 --match 'goroutine \\d+ \\(victim\\)' -- [runner] prog

--decoded: a regex the output must match once scripts/panic-decode has
turned its "at FILE:LINE" panics (a build without message text) back into
messages.
"""
import argparse
import re
import subprocess
import sys
from pathlib import Path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--status", type=int, required=True)
    ap.add_argument("--match", action="append", default=[])
    ap.add_argument("--decoded", action="append", default=[])
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no command")
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=a.timeout)
    except subprocess.TimeoutExpired as e:
        sys.stdout.write((e.stdout or b"").decode(errors="replace"))
        print(f"FAIL: timed out after {a.timeout}s")
        return 1
    out = p.stdout.decode(errors="replace")
    sys.stdout.write(out)
    ok = True
    if p.returncode != a.status:
        print(f"FAIL: exit status {p.returncode}, expected {a.status}")
        ok = False
    for m in a.match:
        if not re.search(m, out):
            print(f"FAIL: output does not match {m!r}")
            ok = False
    if a.decoded:
        decode = Path(__file__).resolve().parent.parent / "scripts" / "panic-decode"
        dec = subprocess.run([sys.executable, str(decode)], input=out, stdout=subprocess.PIPE,
                             text=True).stdout
        sys.stdout.write(dec)
        for m in a.decoded:
            if not re.search(m, dec):
                print(f"FAIL: decoded output does not match {m!r}")
                ok = False
    if ok:
        print("ok: failed as expected")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
