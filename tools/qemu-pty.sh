#!/usr/bin/env bash
# Run a QEMU board's firmware with its console UART on a pseudo-terminal that carries every
# byte, so mpremote (and MicroPython's run-tests.py -t execpty:...) can drive the REPL.
#
#   tools/qemu-pty.sh BUILD_DIR        e.g. west build -b mps2/an385 -d build . && tools/qemu-pty.sh build
#   mpremote connect /dev/pts/N exec "print(1 + 1)"     # N as printed: "char device redirected to"
#
# Why not `west build -t run -- -DQEMU_PTY=1`: Zephyr multiplexes the QEMU monitor onto that
# pty, and the monitor takes Ctrl-A as its escape key, so the raw REPL (entered by Ctrl-A)
# never sees it. This runs the board's own QEMU command line (from the build) with the serial
# port alone on a pty and no monitor.
set -euo pipefail
build=${1:?usage: tools/qemu-pty.sh BUILD_DIR}
ninja_file=$build/build.ninja
[ -f "$ninja_file" ] || { echo "no $ninja_file: build the app for a QEMU board first" >&2; exit 2; }
# The first qemu-system command in the build is the `run` target's (the next one is debugging).
cmd=$(grep -o 'qemu-system-[a-z0-9_]* [^&]*-kernel [^ ]*' "$ninja_file" | grep -v -- ' -S -gdb' | head -1)
[ -n "$cmd" ] || { echo "no QEMU command in $ninja_file (not a QEMU board?)" >&2; exit 2; }
read -r -a args <<<"$cmd"
keep=()
i=0
while [ $i -lt ${#args[@]} ]; do
    a=${args[$i]}
    case $a in
        -chardev|-serial|-mon|-pidfile) i=$((i + 2)); continue ;;  # the muxed console
        -monitor) i=$((i + 2)); continue ;;
    esac
    keep+=("$a")
    i=$((i + 1))
done
exec "${keep[@]}" -serial pty -monitor none
