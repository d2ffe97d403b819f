#!/usr/bin/env python3
"""Check which functions a program linked, from its symbol table.

links.py NM EXE --absent SYM... [--present SYM...]

Fails, naming them, if any --absent symbol is defined in EXE or any
--present one is not. NM is the toolchain's nm (the compiler's
-print-prog-name=nm)."""
import subprocess
import sys


def main(argv):
    nm, exe, rest = argv[1], argv[2], argv[3:]
    want = {"--absent": [], "--present": []}
    key = None
    for a in rest:
        if a in want:
            key = a
        elif key is None:
            sys.exit("links.py: a symbol before --absent or --present: " + a)
        else:
            want[key].append(a)
    out = subprocess.run([nm, "--defined-only", exe], check=True, capture_output=True,
                         text=True).stdout
    defined = {line.split()[-1] for line in out.splitlines() if line.strip()}
    bad = [s for s in want["--absent"] if s in defined]
    missing = [s for s in want["--present"] if s not in defined]
    for s in bad:
        print(f"{exe}: links {s}, which it does not use")
    for s in missing:
        print(f"{exe}: does not define {s} (a renamed symbol makes this check vacuous)")
    if not bad and not missing:
        print(f"{exe}: links none of {len(want['--absent'])} unused symbols, "
              f"and all {len(want['--present'])} used ones")
    return 1 if bad or missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
