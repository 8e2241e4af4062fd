#!/usr/bin/env python3
"""Time Zython against a reference interpreter on the programs in bench/programs.

Usage: python3 bench/run.py --ref /path/to/micropython [--zython PATH] [-n RUNS]
                             [--instructions] [NAME...]

Each program runs RUNS times under both interpreters in the same invocation (interleaved,
so machine noise hits both); the best wall time of each is kept. The ratio is
zython_time / reference_time: below 1.0 Zython is faster. Outputs must match, else the
program is reported as a mismatch and left out of the geometric mean.

With --instructions each program runs once per interpreter under valgrind's callgrind and
the ratio is of instructions executed: repeatable on a busy machine, though not a time.
"""
import argparse
import math
import os
import subprocess
import re
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")


def run_once(exe, path):
    t0 = time.perf_counter()
    r = subprocess.run([exe, path], capture_output=True, timeout=300)
    dt = time.perf_counter() - t0
    return dt, r.returncode, r.stdout + r.stderr


def count_once(exe, path):
    """Instructions executed (callgrind's total), exit code and output of one run."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + os.path.join(tmp, "cg.out"),
               "--log-file=" + os.path.join(tmp, "log"), exe, path]
        r = subprocess.run(cmd, capture_output=True, timeout=3600)
        with open(os.path.join(tmp, "log")) as f:
            m = re.search(r"Collected : (\d+)", f.read())
    if not m:
        sys.exit("valgrind gave no instruction count (is valgrind installed?)")
    return int(m.group(1)), r.returncode, r.stdout + r.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", required=True, help="reference interpreter (MicroPython unix build or python3)")
    ap.add_argument("--zython", default=os.path.join(HERE, "..", "target", "release", "zython"))
    ap.add_argument("-n", type=int, default=3, help="runs per program and interpreter (best is kept)")
    ap.add_argument("--instructions", action="store_true",
                    help="compare instructions executed (valgrind callgrind) instead of wall time")
    ap.add_argument("names", nargs="*", help="programs to run (default: all)")
    args = ap.parse_args()
    measure = count_once if args.instructions else run_once
    runs = 1 if args.instructions else args.n
    unit, scale = ("M instr", 1e-6) if args.instructions else ("ms", 1000)

    names = args.names or sorted(f[:-3] for f in os.listdir(PROGRAMS) if f.endswith(".py"))
    print("%-12s %10s %10s %8s" % ("program", "zython", "ref", "ratio") + "   (" + unit + ")")
    ratios = []
    failed = False
    for name in names:
        path = os.path.join(PROGRAMS, name + ".py")
        best = {"z": math.inf, "r": math.inf}
        outs = {}
        for _ in range(runs):
            for key, exe in (("z", args.zython), ("r", args.ref)):
                dt, rc, out = measure(exe, path)
                best[key] = min(best[key], dt)
                outs[key] = (rc, out)
        if outs["z"] != outs["r"]:
            failed = True
            print("%-12s mismatch: zython %r / ref %r" % (name, outs["z"][1][-80:], outs["r"][1][-80:]))
            continue
        ratio = best["z"] / best["r"]
        ratios.append(ratio)
        print("%-12s %10.1f %10.1f %8.2f" % (name, best["z"] * scale, best["r"] * scale, ratio))
    if ratios:
        geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print("%-12s %32.2f  (geometric mean of %d; below 1.00 = Zython faster)" % ("overall", geo, len(ratios)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
