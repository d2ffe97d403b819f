#!/usr/bin/env python3
"""Read meson's testlog.json for one test run: print one line per test that
did not pass, the counts, and exit non-zero unless every test passed.

A SKIP counts as a failure: on a cross build, meson skips (exit 77) every
test it cannot run, for instance when the cross file has no exe_wrapper,
and a suite that did not run has not passed.

  testlog.py LABEL BUILDDIR/meson-logs/testlog.json COUNTS_FILE
"""
import json
import sys

GOOD = {"OK", "EXPECTEDFAIL"}


def main():
    label, path, counts = sys.argv[1:4]
    passed = failed = 0
    try:
        lines = open(path).read().splitlines()
    except OSError as e:
        print(f"{label}: no test log ({e})")
        lines = []
    for line in lines:
        t = json.loads(line)
        if t["result"] in GOOD:
            passed += 1
        else:
            failed += 1
            print(f"  {label}: {t['name']}: {t['result']}")
    if passed + failed == 0:
        print(f"  {label}: no tests ran")
        failed = 1
    with open(counts, "a") as f:
        f.write(f"{label} {passed} {failed}\n")
    print(f"{label}: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
