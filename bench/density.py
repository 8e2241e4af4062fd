"""How many objects of each kind fit in a heap: Zython against a reference interpreter.

Usage (CPython, the driver):
    python3 bench/density.py --ref /path/to/micropython [--zython PATH] [--heapsize 128k] [KIND...]

For each object kind, a list of 6000 slots is filled with new objects of that kind until
MemoryError (or until it is full: the count is then capped, marked `*`), in a fresh process
of each interpreter (`-X heapsize=`, default 128k), and the counts are printed side by side,
with the free heap at start (`gc.mem_free()` after `gc.collect()`). `module globals` counts
entries added to a module's globals dict (`'v123': None`), so its key strings count too.

Run by Zython or MicroPython itself (no driver), it prints the table for that interpreter
only, all kinds in one process: that is the mode for a board, e.g.
    mpremote run bench/density.py
(or frozen into the firmware and imported). Set `SLOTS` lower for boards with small heaps
(the list itself takes 4 or 8 bytes per slot).
"""

import gc
import sys

try:
    SLOTS = _SLOTS  # set by the driver
except NameError:
    SLOTS = 6000

KINDS = [
    "instance with 2 attributes",
    "instance, no attributes",
    "dict with 1 item",
    "set with 1 item",
    "2-tuple",
    "closure",
    "float",
    "big int",
    "list of 1",
    "str of 10 chars",
    "bytes of 10",
    "bound method",
    "generator",
    "module globals",
]


class Two:
    def __init__(self, i):
        self.a = i
        self.b = i


class Empty:
    pass


def _outer(x):
    def f():
        return x

    return f


def _gen():
    yield 1


_one = Empty()
_one.m = None


class _M:
    def m(self):
        pass


_obj = _M()


def _maker(kind):
    if kind == "instance with 2 attributes":
        return Two
    if kind == "instance, no attributes":
        return lambda i: Empty()
    if kind == "dict with 1 item":
        return lambda i: {"k": i}
    if kind == "set with 1 item":
        return lambda i: {i}
    if kind == "2-tuple":
        return lambda i: (i, i)
    if kind == "closure":
        return _outer
    if kind == "float":
        return lambda i: i + 0.5
    if kind == "big int":
        return lambda i: (1 << 100) + i
    if kind == "list of 1":
        return lambda i: [i]
    if kind == "str of 10 chars":
        return lambda i: "%010d" % i
    if kind == "bytes of 10":
        return lambda i: bytes(10)
    if kind == "bound method":
        return lambda i: _obj.m
    if kind == "generator":
        return lambda i: _gen()
    return None


def count(kind):
    """Objects of `kind` made before MemoryError (at most SLOTS)."""
    if kind == "module globals":
        # The keys are kept in the list (the other kinds keep their objects there), so that
        # they can be deleted again with a full heap.
        g = globals()
        keys = [None] * SLOTS
        gc.collect()
        n = 0
        try:
            while n < SLOTS:
                k = "v%d" % n
                keys[n] = k
                g[k] = None
                n += 1
        except MemoryError:
            pass
        for i in range(SLOTS):
            if keys[i] in g:
                del g[keys[i]]
        keys = None
        gc.collect()
        return n
    make = _maker(kind)
    slots = [None] * SLOTS
    gc.collect()
    i = 0
    try:
        while i < SLOTS:
            slots[i] = make(i)
            i += 1
    except MemoryError:
        pass
    slots = None
    gc.collect()
    return i


def free_at_start():
    gc.collect()
    return gc.mem_free()


def run_here(kinds):
    """The count mode: one line per kind, `kind<TAB>count`, after `free<TAB>bytes`."""
    print("free\t%d" % free_at_start())
    for k in kinds:
        print("%s\t%d" % (k, count(k)))


def _driver():
    import argparse
    import os
    import subprocess

    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", required=True, help="reference interpreter (MicroPython's unix build)")
    ap.add_argument("--zython", default=os.path.join(here, "..", "target", "release", "zython"))
    ap.add_argument("--heapsize", default="128k", help="-X heapsize= for both (default 128k)")
    ap.add_argument("--slots", type=int, default=6000, help="list slots (default 6000)")
    ap.add_argument("kinds", nargs="*", help="kinds to measure (default: all)")
    args = ap.parse_args()
    with open(os.path.abspath(__file__)) as f:
        source = f.read()
    kinds = args.kinds or KINDS
    for k in kinds:
        if k not in KINDS:
            sys.exit("unknown kind %r; kinds: %s" % (k, ", ".join(KINDS)))

    def measure(exe, kind):
        # A fresh process per kind, reading the program on stdin.
        prog = "_SLOTS = %d\n_CHILD = %r\n%s" % (args.slots, kind, source)
        r = subprocess.run([exe, "-X", "heapsize=" + args.heapsize], input=prog.encode(),
                           capture_output=True, timeout=600)
        out = dict(line.split("\t") for line in r.stdout.decode().splitlines() if "\t" in line)
        if kind not in out:
            return None, out.get("free"), r.stdout.decode() + r.stderr.decode()
        return int(out[kind]), out.get("free"), ""

    exes = [("zython", args.zython), ("reference", args.ref)]
    print("heap %s, %d slots; objects that fit (* = the list is full)" % (args.heapsize, args.slots))
    print("%-28s %10s %10s %7s" % ("object", "zython", "reference", "ratio"))
    free = {}
    for k in kinds:
        counts = []
        for name, exe in exes:
            n, f, err = measure(exe, k)
            free[name] = f
            if n is None:
                sys.stderr.write("%s failed on %r:\n%s\n" % (name, k, err))
            counts.append(n)
        cells = ["-" if n is None else ("%d*" % n if n >= args.slots else str(n)) for n in counts]
        ratio = "%.2f" % (counts[0] / counts[1]) if None not in counts and counts[1] else "-"
        print("%-28s %10s %10s %7s" % (k, cells[0], cells[1], ratio))
    print("%-28s %10s %10s" % ("free heap at start (bytes)", free.get("zython"), free.get("reference")))


try:
    _CHILD
except NameError:
    _CHILD = None

if _CHILD is not None:
    print("free\t%d" % free_at_start())
    print("%s\t%d" % (_CHILD, count(_CHILD)))
elif sys.implementation.name == "cpython":
    if __name__ == "__main__":
        _driver()
else:
    run_here(KINDS)
