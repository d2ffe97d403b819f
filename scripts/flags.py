#!/usr/bin/env python3
"""Check the optimisation flag each named source was compiled with, from a
build directory's compile_commands.json:

  flags.py BUILDDIR SUFFIX FLAG [SUFFIX FLAG ...]

Each SUFFIX must match the end of exactly one compiled file's path, and its
command's last -O flag must be FLAG. Prints what it found; exits 1 if any
does not hold."""
import json
import shlex
import sys


def main():
    build, pairs = sys.argv[1], sys.argv[2:]
    if len(pairs) < 2 or len(pairs) % 2:
        sys.exit(__doc__)
    with open(f"{build}/compile_commands.json") as f:
        entries = json.load(f)
    ok = True
    for suffix, want in zip(pairs[::2], pairs[1::2]):
        found = [e for e in entries if e["file"].endswith(suffix)]
        if len(found) != 1:
            print(f"flags: {len(found)} compiled files end in {suffix}, wanted one")
            ok = False
            continue
        args = shlex.split(found[0]["command"])
        opts = [a for a in args if a.startswith("-O")]
        got = opts[-1] if opts else "-O0"
        print(f"flags: {suffix} built with {got} (want {want})")
        ok &= got == want
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
