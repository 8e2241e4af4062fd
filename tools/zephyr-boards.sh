#!/usr/bin/env bash
# Build the default Zython firmware (REPL, machine on) for real boards and print each one's flash
# and RAM from the build's memory report. Nothing in the repository is specific to these boards:
# the firmware's configuration comes from each board's own devicetree and Kconfig.
#
#   tools/zephyr-boards.sh                      # the list below
#   tools/zephyr-boards.sh nrf52840dk/nrf52840  # just these
#
# Needs ZEPHYR_BASE, west, the HALs of the boards (west.yml lists them) and the cross compilers;
# prints SKIP and exits 0 without a Zephyr tree. Exit status 1 when a build fails.
# Environment: ZYTHON_BOARDS_DIR (build folders, default build/boards), ZYTHON_BOARDS_ARGS
# (extra arguments after `--`, e.g. -DCONFIG_ZYTHON_COMPILER=n).
set -u
if [ -z "${ZEPHYR_BASE:-}" ] || ! command -v west >/dev/null; then
    echo "SKIP: no Zephyr tree (ZEPHYR_BASE unset or west missing)"
    exit 0
fi
cd "$(dirname "$0")/.."

# Several SoC families, Cortex-M0+/M3/M4F/M7/M33 and RISC-V.
default_boards=(
    nrf52840dk/nrf52840      # Nordic nRF52, Cortex-M4F
    nrf52dk/nrf52832         # Nordic nRF52, 64 KB RAM
    nrf5340dk/nrf5340/cpuapp # Nordic nRF53, Cortex-M33
    nucleo_f401re            # ST STM32F4, 96 KB RAM
    nucleo_f429zi            # ST STM32F4
    nucleo_l476rg            # ST STM32L4
    nucleo_h743zi            # ST STM32H7, Cortex-M7
    nucleo_g474re            # ST STM32G4
    frdm_k64f                # NXP Kinetis K64
    mimxrt1060_evk           # NXP i.MX RT1060, Cortex-M7
    sam_e70_xplained/same70q21 # Microchip SAM E70, Cortex-M7
    rpi_pico                 # Raspberry Pi RP2040, Cortex-M0+
    hifive_unmatched         # SiFive FU740, RISC-V rv64
    hifive_unleashed         # SiFive FU540, RISC-V rv64
    qemu_cortex_m3           # TI LM3S6965 (emulated), 256 KB flash
)
boards=("$@")
[ ${#boards[@]} -gt 0 ] || boards=("${default_boards[@]}")
out=${ZYTHON_BOARDS_DIR:-build/boards}
mkdir -p "$out"
status=0
printf '%-32s %-24s %-24s %s\n' board FLASH RAM note
for board in "${boards[@]}"; do
    dir="$out/${board//\//_}"
    log="$dir.log"
    # shellcheck disable=SC2086
    west build -p always -b "$board" -d "$dir" . -- ${ZYTHON_BOARDS_ARGS:-} >"$log" 2>&1
    rc=$?
    fmt() { grep -E "^ +$1:" "$log" | head -1 | awk '{printf "%s B (%s)", $2, $NF}'; }
    flash=$(fmt FLASH)
    [ -n "$flash" ] || flash=$(fmt ROM)
    ram=$(fmt RAM)
    note=""
    if [ $rc -ne 0 ]; then
        status=1
        why=$(grep -m1 -o "region \`[A-Z]*' overflowed by [0-9]* bytes" "$log")
        [ -n "$why" ] || why=$(grep -m1 -E "error:|Error:|FATAL_ERROR" "$log" | cut -c1-100)
        note="FAILED: $why (see $log)"
    fi
    printf '%-32s %-24s %-24s %s\n' "$board" "${flash:--}" "${ram:--}" "$note"
done
exit $status
