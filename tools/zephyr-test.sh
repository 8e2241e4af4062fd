#!/usr/bin/env bash
# Run Zython's Twister suites (tests/zephyr, samples) on the QEMU and native_sim boards.
#
#   tools/zephyr-test.sh [extra twister arguments]
#
# Needs a Zephyr tree (ZEPHYR_BASE), its Python requirements, a toolchain variant in the
# environment, cargo, and the rustup targets (thumbv7m-none-eabi, riscv32imac-unknown-none-elf).
# Environment:
#   ZYTHON_TWISTER_PLATFORMS  space-separated platforms (default: the four below)
#   ZYTHON_RISCV_CROSS_COMPILE  cross prefix for qemu_riscv32 when the main toolchain variant is
#                             not the Zephyr SDK (run separately with --force-toolchain)
#   ZYTHON_TWISTER_OUT        output folder (default: build/twister in the repository)
# Without ZEPHYR_BASE it prints SKIP and exits 0, so CI without a Zephyr tree stays green.
set -euo pipefail

if [ -z "${ZEPHYR_BASE:-}" ]; then
  echo "SKIP: no Zephyr tree (ZEPHYR_BASE unset)"
  exit 0
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${ZYTHON_TWISTER_OUT:-$root/build/twister}
platforms=${ZYTHON_TWISTER_PLATFORMS:-"native_sim/native/64 qemu_cortex_m3 mps2/an385 qemu_riscv32"}
twister=("$ZEPHYR_BASE/scripts/twister" -T "$root/tests/zephyr" -T "$root/samples" --inline-logs)

main_platforms=()
riscv_platforms=()
for p in $platforms; do
  case "$p" in
    qemu_riscv*)
      if [ "${ZEPHYR_TOOLCHAIN_VARIANT:-zephyr}" = zephyr ]; then main_platforms+=("$p"); else riscv_platforms+=("$p"); fi ;;
    *) main_platforms+=("$p") ;;
  esac
done

status=0
if [ ${#main_platforms[@]} -gt 0 ]; then
  args=()
  for p in "${main_platforms[@]}"; do args+=(-p "$p"); done
  echo "== twister: ${main_platforms[*]}"
  "${twister[@]}" "${args[@]}" -O "$out/main" "$@" || status=1
fi

if [ ${#riscv_platforms[@]} -gt 0 ]; then
  if [ -z "${ZYTHON_RISCV_CROSS_COMPILE:-}" ]; then
    echo "SKIP: ${riscv_platforms[*]} (set ZYTHON_RISCV_CROSS_COMPILE to a riscv cross prefix)"
  else
    args=()
    for p in "${riscv_platforms[@]}"; do args+=(-p "$p"); done
    echo "== twister: ${riscv_platforms[*]} (cross-compile: $ZYTHON_RISCV_CROSS_COMPILE)"
    ZEPHYR_TOOLCHAIN_VARIANT=cross-compile CROSS_COMPILE="$ZYTHON_RISCV_CROSS_COMPILE" \
      "${twister[@]}" "${args[@]}" --force-toolchain -O "$out/riscv" "$@" || status=1
  fi
fi
exit $status
