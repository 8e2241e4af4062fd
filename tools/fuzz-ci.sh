#!/usr/bin/env bash
# Run one fuzz target of fuzz/ for a bounded time on the stable toolchain (what CI does).
#
#   tools/fuzz-ci.sh TARGET SECONDS        e.g. tools/fuzz-ci.sh mpy_load 30
#   tools/fuzz-ci.sh all SECONDS           every target, SECONDS each (TARGET,TARGET... too)
#
# libFuzzer is linked by libfuzzer-sys; the coverage instrumentation that cargo-fuzz would add
# on nightly is asked for with stable -C flags (no sanitizer). The .mpy targets are seeded
# with zython-cross's output for the conformance corpus. A crash, panic or timeout fails the
# script and leaves the input in target/fuzz-artifacts/. Longer runs: see docs/testing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
names=${1:?fuzz target name, a comma-separated list, or all}
secs=${2:-30}
all="mpy_load bytecode_validate vm_mpy parse compile vm_source"
[ "$names" = all ] && names=$all
names=${names//,/ }
host=$(rustc -vV | sed -n 's/^host: //p')
out=$PWD/target/fuzz
flags="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4"
flags+=" -Cllvm-args=-sanitizer-coverage-inline-8bit-counters"
flags+=" -Cllvm-args=-sanitizer-coverage-pc-table -Cllvm-args=-sanitizer-coverage-trace-compares"
flags+=" --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
bins=()
for name in $names; do bins+=(--bin "$name"); done
# --target keeps RUSTFLAGS off the build scripts.
(cd fuzz && RUSTFLAGS="$flags" cargo build --release "${bins[@]}" --target "$host" \
    --target-dir "$out")

mkdir -p target/fuzz-artifacts
for name in $names; do
    corpus=$out/corpus/$name
    mkdir -p "$corpus"
    # Seeds are named after their path in tests/py (folders may hold files of the same name).
    # tests/py/stress is left out: its programs need more heap than the targets' 256 KB.
    case $name in
        mpy_load|bytecode_validate|vm_mpy)
            cargo build -q --bin zython-cross
            seed=$(mktemp -d)
            for f in tests/py/*/*.py; do
                [[ $f == tests/py/stress/* ]] && continue
                flat=$(echo "${f#tests/py/}" | tr / _)
                cp "$f" "$seed/$flat"
                (cd "$seed" && "$OLDPWD/target/debug/zython-cross" "$flat" 2>/dev/null) || true
            done
            cp "$seed"/*.mpy "$corpus"/ 2>/dev/null || true
            rm -rf "$seed" ;;
        *)
            for f in tests/py/*/*.py; do
                [[ $f == tests/py/stress/* ]] && continue
                cp "$f" "$corpus/$(echo "${f#tests/py/}" | tr / _)"
            done ;;
    esac
    echo "== fuzz $name for $secs s"
    "$out/$host/release/$name" -max_total_time="$secs" -timeout=10 -max_len=8192 \
        -artifact_prefix=target/fuzz-artifacts/ -print_final_stats=1 "$corpus" 2>&1 | tail -15
done
