#!/usr/bin/env bash
# The project's test command: formatting, lints, unit and conformance tests, no_std cross builds.
# Installs the Rust pieces it needs (rustfmt, clippy, the embedded targets) on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain components and targets"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
for t in thumbv7m-none-eabi thumbv6m-none-eabi riscv32imac-unknown-none-elf; do
    rustup target list --installed | grep -qx "$t" || rustup target add "$t"
done

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (warnings denied)"
cargo clippy --workspace --all-targets -- -D warnings

step "frozen modules (the CLI built with ZYTHON_FROZEN_DIR=tests/frozen)"
# Same target folder as the other steps: switching the variable rebuilds only zython-frozen and
# relinks the zython binaries (the next step switches back), instead of a second full build.
ZYTHON_FROZEN_DIR=tests/frozen cargo test -p zython-cli --test frozen

step "cargo test (units + conformance corpus)"
# zython-zephyr is a no_std staticlib for Zephyr: it is cross-built below, not tested on the host.
cargo test --workspace --exclude zython-zephyr

step "core unit tests at the minimal feature level (small boards: no complex, help, calendar, viper types)"
cargo test -p zython --no-default-features --features compiler --lib

step "VM-only zython (no compiler): .mpy runs, source is refused"
# Its own target folder, so the default build is not rebuilt without the compiler.
cargo build -p zython-cli --no-default-features --target-dir target/vm-only
ZYTHON_VM_ONLY="$PWD/target/vm-only/debug/zython" \
    cargo test -p zython-cli --test vm_only -- --nocapture

step ".mpy interoperability with MicroPython (needs MPY_CROSS / MICROPYTHON, else skips)"
cargo test -p zython-cli --test mpy_interop -- --nocapture

step "fuzz every target for 15 s each (libFuzzer on stable)"
tools/fuzz-ci.sh all 15

step "no_std core builds for thumbv7m-none-eabi and riscv32imac-unknown-none-elf (with and without the compiler)"
for t in thumbv7m-none-eabi riscv32imac-unknown-none-elf; do
    cargo build -p zython --release --target "$t"
    cargo build -p zython --release --target "$t" --no-default-features
    cargo build -p zython-zephyr --release --target "$t" --features firmware,compiler
done
# Cortex-M0+ (rpi_pico...) has no atomic read-modify-write: the core's atomics fall back to the
# port's critical section there (portable-atomic), so the firmware must build for it.
cargo build -p zython-zephyr --release --target thumbv6m-none-eabi --features firmware,compiler
# The Zephyr port with its filesystem (CONFIG_ZYTHON_FS), linted as the firmware builds it.
cargo clippy -p zython-zephyr --release --target thumbv7m-none-eabi --features firmware,compiler,fs -- -D warnings
# The port's machine classes, zephyr module and test helpers (Kconfig CONFIG_ZYTHON_MACHINE_*),
# linted as the firmware builds them.
cargo clippy -p zython-zephyr --release --target thumbv7m-none-eabi --features firmware,compiler,machine-pin,machine-i2c,machine-spi,machine-uart,machine-pwm,machine-adc,machine-timer,machine-wdt,machine-rtc,zephyr-sensor,zephyr-shell,test-helpers -- -D warnings
# The middle feature level (Kconfig CONFIG_ZYTHON_FEATURE_LEVEL_BASIC) must compile too.
cargo check -p zython --target thumbv7m-none-eabi --no-default-features --features compiler,modules-basic

step "flash size of the firmware's Rust part per module, against tools/size-budget.txt"
python3 tools/size_report.py --check --top 12

if [ -x tools/zephyr-test.sh ]; then
    step "Zephyr suites"
    tools/zephyr-test.sh
fi

step "all tests passed"
