#!/usr/bin/env bash
# Flash and RAM of the default REPL app, from the Zephyr build's memory report, for each
# board and configuration given (needs ZEPHYR_BASE and west; prints SKIP otherwise).
#
#   tools/zephyr-size.sh mps2/an385 qemu_cortex_m3       # default Kconfig of each board
#   ZYTHON_SIZE_CONFIGS="full-c min-nc" tools/zephyr-size.sh mps2/an385
#
# Configurations: full-c / min-c / full-nc / min-nc = feature level full or minimal, with (c)
# or without (nc) the compiler; "default" = the board's defaults.
set -u
if [ -z "${ZEPHYR_BASE:-}" ] || ! command -v west >/dev/null; then
    echo "SKIP: no Zephyr tree (ZEPHYR_BASE unset or west missing)"
    exit 0
fi
cd "$(dirname "$0")/.."
configs=${ZYTHON_SIZE_CONFIGS:-default}
out=${ZYTHON_SIZE_DIR:-build/size}
for board in "$@"; do
    for c in $configs; do
        case $c in
            full-c) opts="-DCONFIG_ZYTHON_COMPILER=y -DCONFIG_ZYTHON_FEATURE_LEVEL_FULL=y" ;;
            min-c) opts="-DCONFIG_ZYTHON_COMPILER=y -DCONFIG_ZYTHON_FEATURE_LEVEL_MINIMAL=y" ;;
            full-nc) opts="-DCONFIG_ZYTHON_COMPILER=n -DCONFIG_ZYTHON_FEATURE_LEVEL_FULL=y" ;;
            min-nc) opts="-DCONFIG_ZYTHON_COMPILER=n -DCONFIG_ZYTHON_FEATURE_LEVEL_MINIMAL=y" ;;
            default) opts="" ;;
            *) echo "unknown configuration $c" >&2; exit 2 ;;
        esac
        dir="$out/${board//\//_}-$c"
        log="$dir.log"
        mkdir -p "$out"
        # shellcheck disable=SC2086
        west build -p always -b "$board" -d "$dir" . -- $opts >"$log" 2>&1
        over=$(grep -o "region \`FLASH' overflowed by [0-9]* bytes" "$log" | head -1)
        if [ -n "$over" ]; then
            echo "$board $c: does not fit: $over"
        else
            mem=$(grep -E "^ +(FLASH|RAM|ROM):" "$log" | awk '{printf "%s %s B  ", $1, $2}')
            if [ -z "$mem" ] && [ -f "$dir/zephyr/zephyr.elf" ]; then
                # native_sim prints no memory report: the ELF's section sizes instead.
                mem=$(size "$dir/zephyr/zephyr.elf" | awk 'NR == 2 {printf "text %s B  data %s B  bss %s B", $1, $2, $3}')
            fi
            echo "$board $c: ${mem:-build failed, see $log}"
        fi
    done
done
