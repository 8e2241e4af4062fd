#!/usr/bin/env python3
"""Time Zython against a reference interpreter on the programs in bench/programs.

Usage: python3 bench/run.py --ref /path/to/micropython [--zython PATH] [-n RUNS]
                             [--instructions] [--perfbench DIR [--params N,M]] [NAME...]

Each program runs RUNS times under both interpreters in the same invocation (interleaved,
so machine noise hits both); the best wall time of each is kept. The ratio is
zython_time / reference_time: below 1.0 Zython is faster. Outputs must match, else the
program is reported as a mismatch and left out of the geometric mean.

With --instructions each program runs once per interpreter under valgrind's callgrind and
the ratio is of instructions executed: repeatable on a busy machine, though not a time.

With --perfbench DIR the programs are MicroPython's perf_bench benchmarks (DIR is
tests/perf_bench of a MicroPython checkout) instead of bench/programs: each is run the way
MicroPython's run-perfbench.py runs it (the benchmark, then DIR/benchrun.py, then
`bm_run(N, M)`, given on standard input), and outputs are compared without the timing field
the harness prints. Benchmarks that need native code or a prepared .mpy are left out.
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


def run_once(exe, prog):
    """Wall time, exit code and output of one run; `prog` is (path, None) or (None, source)."""
    path, source = prog
    t0 = time.perf_counter()
    r = subprocess.run([exe] + ([path] if path else []), input=source, capture_output=True, timeout=300)
    dt = time.perf_counter() - t0
    return dt, r.returncode, r.stdout + r.stderr


def count_once(exe, prog):
    """Instructions executed (callgrind's total), exit code and output of one run."""
    path, source = prog
    with tempfile.TemporaryDirectory() as tmp:
        cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + os.path.join(tmp, "cg.out"),
               "--log-file=" + os.path.join(tmp, "log"), exe] + ([path] if path else [])
        r = subprocess.run(cmd, input=source, capture_output=True, timeout=3600)
        with open(os.path.join(tmp, "log")) as f:
            m = re.search(r"Collected : (\d+)", f.read())
    if not m:
        sys.exit("valgrind gave no instruction count (is valgrind installed?)")
    return int(m.group(1)), r.returncode, r.stdout + r.stderr


def perfbench_programs(folder, params):
    """MicroPython's perf_bench programs as (None, source) run the way its run-perfbench.py does."""
    n, m = (int(x) for x in params.split(","))
    with open(os.path.join(folder, "benchrun.py"), "rb") as f:
        harness = f.read()
    programs = {}
    for f in sorted(os.listdir(folder)):
        # viper_*: native code; core_import_mpy_*: need a prepared .mpy injected by the runner.
        if not f.endswith(".py") or f == "benchrun.py" or f.startswith(("viper_", "core_import_mpy")):
            continue
        with open(os.path.join(folder, f), "rb") as fh:
            body = fh.read()
        src = b"import sys\nsys.path.remove('')\n\n" + body + harness + b"bm_run(%d, %d)\n" % (n, m)
        programs[f[:-3]] = (None, src)
    return programs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", required=True, help="reference interpreter (MicroPython unix build or python3)")
    ap.add_argument("--zython", default=os.path.join(HERE, "..", "target", "release", "zython"))
    ap.add_argument("-n", type=int, default=3, help="runs per program and interpreter (best is kept)")
    ap.add_argument("--instructions", action="store_true",
                    help="compare instructions executed (valgrind callgrind) instead of wall time")
    ap.add_argument("--perfbench", metavar="DIR",
                    help="run MicroPython's perf_bench programs from DIR (tests/perf_bench of its checkout)")
    ap.add_argument("--params", default="2000,10000", help="N,M for --perfbench's bm_run (default 2000,10000)")
    ap.add_argument("names", nargs="*", help="programs to run (default: all)")
    args = ap.parse_args()
    measure = count_once if args.instructions else run_once
    runs = 1 if args.instructions else args.n
    unit, scale = ("M instr", 1e-6) if args.instructions else ("ms", 1000)

    if args.perfbench:
        programs = perfbench_programs(args.perfbench, args.params)
    else:
        programs = {f[:-3]: (os.path.join(PROGRAMS, f), None) for f in os.listdir(PROGRAMS) if f.endswith(".py")}
    names = args.names or sorted(programs)
    print("%-12s %10s %10s %8s" % ("program", "zython", "ref", "ratio") + "   (" + unit + ")")
    ratios = []
    failed = False
    for name in names:
        if name not in programs:
            sys.exit("no program named %r" % name)
        prog = programs[name]
        best = {"z": math.inf, "r": math.inf}
        outs = {}
        for _ in range(runs):
            for key, exe in (("z", args.zython), ("r", args.ref)):
                dt, rc, out = measure(exe, prog)
                best[key] = min(best[key], dt)
                if args.perfbench:
                    # The harness prints "time norm result": the time differs by nature.
                    out = b" ".join(out.split(b" ")[1:])
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
