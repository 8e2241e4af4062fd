#!/usr/bin/env python3
"""Time Zython against a reference interpreter on the programs in bench/programs.

Usage: python3 bench/run.py --ref /path/to/micropython [--zython PATH] [-n RUNS] [NAME...]

Each program runs RUNS times under both interpreters in the same invocation (interleaved,
so machine noise hits both); the best wall time of each is kept. The ratio is
zython_time / reference_time: below 1.0 Zython is faster. Outputs must match, else the
program is reported as a mismatch and left out of the geometric mean.
"""
import argparse
import math
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")


def run_once(exe, path):
    t0 = time.perf_counter()
    r = subprocess.run([exe, path], capture_output=True, timeout=300)
    dt = time.perf_counter() - t0
    return dt, r.returncode, r.stdout + r.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", required=True, help="reference interpreter (MicroPython unix build or python3)")
    ap.add_argument("--zython", default=os.path.join(HERE, "..", "target", "release", "zython"))
    ap.add_argument("-n", type=int, default=3, help="runs per program and interpreter (best is kept)")
    ap.add_argument("names", nargs="*", help="programs to run (default: all)")
    args = ap.parse_args()

    names = args.names or sorted(f[:-3] for f in os.listdir(PROGRAMS) if f.endswith(".py"))
    print("%-12s %10s %10s %8s" % ("program", "zython ms", "ref ms", "ratio"))
    ratios = []
    failed = False
    for name in names:
        path = os.path.join(PROGRAMS, name + ".py")
        best = {"z": math.inf, "r": math.inf}
        outs = {}
        for _ in range(args.n):
            for key, exe in (("z", args.zython), ("r", args.ref)):
                dt, rc, out = run_once(exe, path)
                best[key] = min(best[key], dt)
                outs[key] = (rc, out)
        if outs["z"] != outs["r"]:
            failed = True
            print("%-12s mismatch: zython %r / ref %r" % (name, outs["z"][1][-80:], outs["r"][1][-80:]))
            continue
        ratio = best["z"] / best["r"]
        ratios.append(ratio)
        print("%-12s %10.1f %10.1f %8.2f" % (name, best["z"] * 1000, best["r"] * 1000, ratio))
    if ratios:
        geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print("%-12s %32.2f  (geometric mean of %d; below 1.00 = Zython faster)" % ("overall", geo, len(ratios)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
