#!/usr/bin/env python3
"""Flash of the `machine` module by class, on thumbv7m.

Run `tools/size_report.py min-c min-c+machine` first; this reads the two linked ELFs it
leaves, locates every function of the one with machine through its line
info (addr2line; for the bodies of builtin functions, whose symbols are named after core's
FnOnce::call_once, through the inlined frames), and sums the sizes by part: the file, split at
its `// ---- Name ----` markers. What is not located (core paths machine makes reachable) and
the read-only data (type and method tables, messages) are given as totals.
"""
import collections
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "rust/zython/src/modules/machine"
WITH = ROOT / "target/size/min-c_machine.elf"
WITHOUT = ROOT / "target/size/min-c.elf"


def markers():
    """file -> [(first line, part name)], from the `// ---- Name ----` lines."""
    parts = {}
    for f in SRC.glob("*.rs"):
        first = f.stem
        marks = [(0, first)]
        for n, line in enumerate(f.read_text().splitlines(), 1):
            m = re.match(r"// ---- (.+) ----$", line)
            if m:
                marks.append((n, m.group(1)))
        parts[f.name] = marks
    return parts


def part_of(parts, path, line):
    m = re.search(r"modules/machine/(\w+\.rs)", path)
    if not m or m.group(1) not in parts:
        return None
    name = m.group(1)
    found = name
    for start, part in parts[name]:
        if line >= start:
            found = name + ": " + part
    return found


def symbols(elf):
    out = subprocess.run(["arm-none-eabi-nm", "-S", "--defined-only", str(elf)],
                         capture_output=True, text=True, check=True).stdout
    syms = []
    for line in out.splitlines():
        p = line.split()
        if len(p) == 4:
            syms.append((int(p[0], 16) & ~1, int(p[1], 16), p[2], p[3]))
    return syms


def locate_all(elf, addrs, inlined):
    """address -> (file, line) for each address, in one addr2line run; with `inlined`, the
    innermost frame in modules/machine (None when there is none)."""
    args = ["arm-none-eabi-addr2line", "-a", "-e", str(elf)] + (["-i"] if inlined else [])
    out = subprocess.run(args + ["%x" % a for a in addrs], capture_output=True, text=True).stdout
    found, cur = {}, None
    for line in out.splitlines():
        if line.startswith("0x"):
            cur = int(line, 16)
            continue
        m = re.match(r"(\S+\.rs):(\d+)", line)
        if cur is not None and cur not in found and m:
            if "modules/machine/" in m.group(1) or not inlined:
                found[cur] = (m.group(1), int(m.group(2)))
    return found


def sections(elf):
    out = subprocess.run(["arm-none-eabi-size", "-A", str(elf)], capture_output=True, text=True).stdout
    total = collections.Counter()
    for line in out.splitlines():
        p = line.split()
        if len(p) >= 2 and p[0].startswith("."):
            total[p[0].split(".")[1]] += int(p[1])
    return total


def main():
    if not WITH.exists() or not WITHOUT.exists():
        sys.exit("run tools/size_report.py min-c min-c+machine first")
    parts = markers()
    sizes = collections.Counter()
    funcs = [(a, n, name) for a, n, kind, name in symbols(WITH) if kind in "tT" and n > 0]
    plain = [f for f in funcs if not ("call_once" in f[2] and "vtable" not in f[2])]
    bodies = [f for f in funcs if "call_once" in f[2] and "vtable" not in f[2]]
    where = locate_all(WITH, [a for a, _, _ in plain], False)
    for a, n, _ in plain:
        part = a in where and part_of(parts, *where[a])
        if part:
            sizes[part] += n
    # A builtin function's body: probe inside it for the first frame in modules/machine.
    probes = {a: [a + off for off in range(0, n, max(2, n // 16))] for a, n, _ in bodies}
    inner = locate_all(WITH, [x for xs in probes.values() for x in xs], True)
    for a, n, _ in bodies:
        loc = next((inner[x] for x in probes[a] if x in inner), None)
        part = loc and part_of(parts, *loc)
        if part:
            sizes[part] += n
    a, b = sections(WITH), sections(WITHOUT)
    located = sum(sizes.values())
    for part, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        print("%6d  %s" % (size, part))
    print("%6d  code located in modules/machine" % located)
    print("%6d  other code made reachable (core paths)" % (a["text"] - b["text"] - located))
    print("%6d  read-only data (tables, messages)" % (a["rodata"] - b["rodata"]))
    print("%6d  total" % (a["text"] + a["rodata"] - b["text"] - b["rodata"]))


main()
