#!/usr/bin/env python3
"""Flash size of the Rust part of the Zephyr firmware, per module, with a budget check.

Builds rust/zython-zephyr as the Zephyr build does (opt-level z, fat LTO, panic=abort) for
thumbv7m-none-eabi at a feature level, links it with rust-lld (--gc-sections, the shim's
entry points as roots, the shim's own functions left undefined) and reports what the linked
code and constants take, grouped by Rust module path (`zython::vm::exec`, `core::fmt`...).

    tools/size_report.py                       # every configuration in tools/size-budget.txt
    tools/size_report.py min-nc full-c         # just these
    tools/size_report.py --top 40 full-c       # and the 40 largest groups
    tools/size_report.py --check               # fail when a configuration exceeds its budget

Configurations: LEVEL-c / LEVEL-nc (with or without the compiler), LEVEL one of min, basic,
full; a `+feat` suffix adds cargo features (`full-c+machine`). The figure is close to, but
not the same as, the firmware's: the Zephyr build adds the kernel, drivers and the C shim.
The ELFs stay in target/size/ with line info (tools/machine-size.py reads them).
"""
import argparse
import os
import re
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = "thumbv7m-none-eabi"
BUDGET_FILE = os.path.join(ROOT, "tools", "size-budget.txt")
# The functions the C shim calls: everything reachable from them is linked.
ROOTS = ["zython_repl_main", "zython_exec_str", "zython_rust_init", "zython_interrupt_request",
         "zython_mem_info"]
LEVELS = {"min": [], "basic": ["modules-basic"], "full": ["modules-full"]}


def features(cfg):
    base, *extra = cfg.split("+")
    level, comp = base.rsplit("-", 1)
    if level not in LEVELS or comp not in ("c", "nc"):
        sys.exit(f"unknown configuration {cfg!r} (LEVEL-c or LEVEL-nc, LEVEL in min/basic/full)")
    return ["firmware"] + LEVELS[level] + (["compiler"] if comp == "c" else []) + extra


def build(cfg):
    feats = ",".join(features(cfg))
    tdir = os.path.join(ROOT, "target", "size")
    env = dict(os.environ, CARGO_TARGET_DIR=tdir, CARGO_PROFILE_RELEASE_PANIC="abort",
               CARGO_PROFILE_RELEASE_OPT_LEVEL="z", CARGO_PROFILE_RELEASE_LTO="fat",
               CARGO_PROFILE_RELEASE_CODEGEN_UNITS="1", CARGO_PROFILE_RELEASE_DEBUG="1",
               ZYTHON_FROZEN_DIR="")
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "zython-zephyr", "--target",
                    TARGET, "--no-default-features", "--features", feats], env=env, check=True,
                   cwd=ROOT)
    lib = os.path.join(tdir, TARGET, "release", "libzython_zephyr.a")
    sysroot = subprocess.run(["rustc", "--print", "sysroot"], capture_output=True, text=True,
                             check=True).stdout.strip()
    host = subprocess.run(["rustc", "-vV"], capture_output=True, text=True,
                          check=True).stdout.split("host: ")[1].split()[0]
    lld = os.path.join(sysroot, "lib", "rustlib", host, "bin", "rust-lld")
    elf = os.path.join(tdir, cfg.replace("+", "_") + ".elf")
    args = [lld, "-flavor", "gnu", "--gc-sections", "--unresolved-symbols=ignore-all",
            "-e", ROOTS[0], "-o", elf]
    for r in ROOTS[1:]:
        args += ["-u", r]
    subprocess.run(args + [lib], check=True)
    return elf


def read_elf(path):
    """(alloc section sizes by name, [(name, size, section name)] of sized symbols)."""
    data = open(path, "rb").read()
    if data[4] != 1:
        sys.exit("expected a 32-bit ELF")
    shoff, = struct.unpack_from("<I", data, 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x2E)
    secs = [struct.unpack_from("<IIIIIIIIII", data, shoff + i * shentsize) for i in range(shnum)]
    shstr = secs[shstrndx]

    def name(tab, off):
        start = tab[4] + off
        return data[start:data.index(b"\0", start)].decode("utf-8", "replace")

    names = [name(shstr, s[0]) for s in secs]
    sizes = {}
    for s, n in zip(secs, names):
        if s[2] & 2 and s[1] != 8:  # SHF_ALLOC, not NOBITS
            sizes[n] = sizes.get(n, 0) + s[5]
    syms = []
    for s in secs:
        if s[1] != 2:  # SHT_SYMTAB
            continue
        strtab = secs[s[6]]
        for i in range(s[5] // 16):
            st_name, _val, size, info, _other, shndx = struct.unpack_from(
                "<IIIBBH", data, s[4] + i * 16)
            if size and (info & 0xF) in (1, 2) and 0 < shndx < len(secs):
                sec = names[shndx]
                if secs[shndx][2] & 2 and secs[shndx][1] != 8:
                    syms.append((name(strtab, st_name), size, sec))
    return sizes, syms


def idents(s, i):
    """The length-prefixed identifiers of a mangled name from position i (`3vm4exec`)."""
    parts = []
    while i < len(s):
        m = re.compile(r"(\d+)").search(s, i)
        if not m:
            break
        n, j = int(m.group(1)), m.end()
        if s[j:j + 1] == "_" and s[j + 1:j + 2].isdigit():  # v0: `_` before a digit-led name
            j += 1
        word = s[j:j + n]
        if n and len(word) == n and re.fullmatch(r"[A-Za-z_$.][\w$.]*", word):
            parts.append(word)
            i = j + n
        else:
            i = m.end()
    return parts


def demangle_path(sym):
    """Module path of a mangled Rust symbol (legacy `_ZN6zython2vm4exec...E` or v0 `_R...`)."""
    if sym.startswith("_R"):  # v0 (the precompiled core, alloc, compiler_builtins)
        parts = idents(re.sub(r"Cs[0-9A-Za-z]+_", "C", sym), 2)
    elif sym.startswith("_ZN"):
        parts = idents(sym, 3)
    else:
        return "(C names: exported functions, libm)"
    if parts[:1] == ["compiler_builtins"]:
        return "compiler_builtins::" + (parts[1] if len(parts) > 1 else "")
    if parts[:4] == ["core", "ops", "function", "FnOnce"]:
        return "closures (native function bodies: core::ops::FnOnce)"
    parts = [p for p in parts if not (p.startswith("h") and len(p) == 17)]  # hash
    if parts and parts[0].startswith("_$LT$"):  # <impl ... for ...>
        return "<impl> " + parts[0][5:40]
    keep = 3 if parts[:1] == ["zython"] else 2
    return "::".join(p for p in parts[:keep] if not p.startswith("_$u7b$"))


def report(cfg, top):
    elf = build(cfg)
    sizes, syms = read_elf(elf)
    total = sum(sizes.values())
    groups = {}
    for n, size, _sec in syms:
        g = demangle_path(n)
        groups[g] = groups.get(g, 0) + size
    print(f"== {cfg}: {total} B  ({', '.join(f'{k} {v}' for k, v in sorted(sizes.items()))})")
    for g, size in sorted(groups.items(), key=lambda x: -x[1])[:top]:
        print(f"   {size:8d}  {g}")
    return total


def budgets():
    out = {}
    for line in open(BUDGET_FILE):
        line = line.split("#")[0].split()
        if len(line) == 2:
            out[line[0]] = int(line[1])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("configs", nargs="*")
    ap.add_argument("--top", type=int, default=25, help="largest groups to list (default 25)")
    ap.add_argument("--check", action="store_true", help="fail when over tools/size-budget.txt")
    a = ap.parse_args()
    limits = budgets()
    over = []
    for cfg in a.configs or list(limits):
        total = report(cfg, a.top)
        if cfg in limits:
            left = limits[cfg] - total
            print(f"   budget {limits[cfg]} B: {'OVER by ' + str(-left) if left < 0 else str(left) + ' B left'}")
            if left < 0:
                over.append(cfg)
    if a.check and over:
        sys.exit(f"size budget exceeded: {', '.join(over)} (tools/size-budget.txt)")


if __name__ == "__main__":
    main()
