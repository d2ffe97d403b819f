#!/usr/bin/env python3
"""The debugging flow a developer uses with OpenOCD, checked against QEMU's
gdbstub instead: start the board's emulator halted with a gdb server, and
have gdb-multiarch connect, load the ELF, run it to the end and see it exit
with status 0. Passes only if gdb loaded every section and saw the exit.

  gdb-check.py ELF RUNNER...   (RUNNER: the board's QEMU line, ending in -kernel)
"""
import socket
import subprocess
import sys


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    elf, runner = sys.argv[1], sys.argv[2:]
    port = free_port()
    qemu = subprocess.Popen(runner + [elf, "-S", "-gdb", f"tcp:127.0.0.1:{port}"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    try:
        gdb = subprocess.run(["gdb-multiarch", "-batch", "-nx",
                              "-ex", "set confirm off",
                              "-ex", f"target remote 127.0.0.1:{port}",
                              "-ex", "load", "-ex", "continue", elf],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             timeout=60)
        out = gdb.stdout
        status = qemu.wait(timeout=30)
    finally:
        if qemu.poll() is None:
            qemu.kill()
    prog = qemu.stdout.read().decode(errors="replace")
    print(out)
    print(prog)
    ok = "Loading section" in out and "Start address" in out and "exited normally" in out
    if not ok or status != 0:
        print(f"FAIL: gdb flow (emulator status {status})")
        return 1
    print("ok: loaded, ran and exited 0 under gdb")
    return 0


if __name__ == "__main__":
    sys.exit(main())
