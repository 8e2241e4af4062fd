#!/usr/bin/env bash
# Flash the Rust side of the firmware takes, without a Zephyr tree: builds the zython-zephyr
# staticlib for thumbv7m-none-eabi with the firmware's profile (opt-level z, fat LTO, abort on
# panic, as zephyr/cmake/zython_rust.cmake sets it), links it with --gc-sections from the
# symbols the C shim calls (zy_*), and prints text/data/bss of what remains.
#
#   tools/staticlib-size.sh "firmware,compiler" "firmware,compiler,machine"
#
# Compare two feature sets to get the cost of a feature (e.g. machine).
set -euo pipefail
cd "$(dirname "$0")/.."
target=thumbv7m-none-eabi
export CARGO_PROFILE_RELEASE_PANIC=abort CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
    CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_PROFILE_RELEASE_DEBUG=1
for features in "$@"; do
    dir=target/size-${features//,/-}
    cargo build -q -p zython-zephyr --release --target $target --no-default-features \
        --features "$features" --target-dir "$dir"
    lib=$dir/$target/release/libzython_zephyr.a
    roots=$(arm-none-eabi-nm -g --defined-only "$lib" 2>/dev/null |
        awk '$2 == "T" && $3 ~ /^zy/ {print "-u " $3}' | sort -u)
    # shellcheck disable=SC2086
    arm-none-eabi-ld --gc-sections --unresolved-symbols=ignore-all -e 0 $roots -o "$dir/linked.elf" "$lib"
    arm-none-eabi-size "$dir/linked.elf" | awk -v f="$features" 'NR == 2 {print f ": text " $1 " data " $2 " bss " $3}'
done
