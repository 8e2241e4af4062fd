# SPDX-License-Identifier: MIT
"""The `py` Zephyr shell command (CONFIG_ZYTHON_SHELL), with the REPL thread disabled."""

from pathlib import Path

from twister_harness import DeviceAdapter, Shell

NO_COMPILER = "no Python compiler in this firmware"


def has_compiler(dut: DeviceAdapter) -> bool:
    """Whether this build has CONFIG_ZYTHON_COMPILER=y (off by default on 256 KB flash boards)."""
    config = Path(dut.device_config.build_dir) / "zephyr" / ".config"
    return "CONFIG_ZYTHON_COMPILER=y" in config.read_text()


def expect_42(dut: DeviceAdapter, lines: list[str]):
    if has_compiler(dut):
        assert any(line.strip() == "42" for line in lines), lines
    else:
        assert any(NO_COMPILER in line for line in lines), lines


def test_py_mem_reports_the_arena(shell: Shell):
    lines = shell.exec_command("py mem")
    assert any(line.startswith("arena: ") and "GC heap" in line for line in lines), lines


def test_py_c_runs_code(dut: DeviceAdapter, shell: Shell):
    expect_42(dut, shell.exec_command('py -c "print(40 + 2)"'))


def test_py_c_keeps_stars_with_wildcards_off(dut: DeviceAdapter, shell: Shell):
    expect_42(dut, shell.exec_command('py -c "print(6 * 7)"'))
