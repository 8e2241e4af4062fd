# SPDX-License-Identifier: MIT
"""Python files on the board: open(), os, imports of .py and .mpy written at run time, and
main.py after a soft reset, on a FAT RAM disk mounted at /RAM: (snippet zython-ramdisk)."""

import re

from twister_harness import DeviceAdapter

BANNER = r"^MicroPython v\S+; Zython \S+ with \S+"

# `Y = 7` and `def g(n): return Y * n` compiled by zython-cross (MicroPython's .mpy v6.3 format).
FSMPY = (
    b"M\x06\x00\x1f\x05\x00\x10fsmpy.py\x00\x0f\x02g\x00\x02Y\x00\x02n\x00l\x00\x04\x01#\x87"
    b"\x16\x032\x00\x16\x02Qc\x01P\x11\x06\x02\x04@\x12\x03\xb0\xf4c"
)


def send_line(dut: DeviceAdapter, text: str) -> list[str]:
    """Type one line (ending with CR) and read up to its echo after the prompt."""
    dut.clear_buffer()
    dut.write(text.encode() + b"\r")
    return dut.readlines_until(regex="^(>>>|\\.\\.\\.) " + re.escape(text) + "$", timeout=10)


def answer(dut: DeviceAdapter, text: str) -> str:
    """Type one line and return the first line of its output."""
    send_line(dut, text)
    return dut.readline(timeout=10).strip()


def test_boot_banner(dut: DeviceAdapter):
    lines = dut.readlines_until(regex=BANNER, timeout=30)
    assert any(re.search(BANNER, line) for line in lines)
    assert not any("cannot mount" in line for line in lines)


def test_start_directory_and_path(dut: DeviceAdapter):
    send_line(dut, "import os, sys")
    assert answer(dut, "os.getcwd()") == "'/RAM:'"
    assert answer(dut, "sys.path") == "['', '/RAM:/lib']"
    # Zephyr lists its mount points at the root.
    assert answer(dut, "'RAM:' in os.listdir('/')") == "True"


def test_write_list_read(dut: DeviceAdapter):
    assert answer(dut, "open('data.txt', 'w').write('hello fs')") == "8"
    assert answer(dut, "f = open('data.txt', 'a'); f.write('!'); f.close()") == "1"
    assert answer(dut, "'data.txt' in os.listdir()") == "True"
    assert answer(dut, "os.stat('data.txt')[0], os.stat('data.txt')[6]") == "(32768, 9)"
    assert answer(dut, "[e for e in os.ilistdir('') if e[0] == 'data.txt']") == (
        "[('data.txt', 32768, 0, 9)]"
    )
    assert answer(dut, "open('/RAM:/data.txt').read()") == "'hello fs!'"
    assert answer(dut, "open('data.txt', 'rb').read(5)") == "b'hello'"


def test_directories_rename_remove(dut: DeviceAdapter):
    send_line(dut, "os.mkdir('sub')")
    assert answer(dut, "os.stat('sub')[0]") == "16384"
    send_line(dut, "os.chdir('sub')")
    assert answer(dut, "os.getcwd()") == "'/RAM:/sub'"
    send_line(dut, "open('../sub/x.txt', 'w').write('x')")
    send_line(dut, "os.rename('x.txt', 'y.txt')")
    assert answer(dut, "os.listdir()") == "['y.txt']"
    send_line(dut, "os.chdir('..')")
    send_line(dut, "os.remove('sub/y.txt')")
    send_line(dut, "os.rmdir('sub')")
    assert answer(dut, "'sub' in os.listdir()") == "False"
    send_line(dut, "open('missing.txt')")
    lines = dut.readlines_until(regex="OSError", timeout=10)
    assert "ENOENT" in lines[-1]


def test_import_py_and_mpy(dut: DeviceAdapter):
    send_line(dut, "open('fsmod.py', 'w').write('X = 42\\ndef f():\\n    return X + 1\\n')")
    assert answer(dut, "import fsmod; fsmod.f()") == "43"
    send_line(dut, "os.mkdir('lib')")
    send_line(dut, f"open('lib/fsmpy.mpy', 'wb').write({FSMPY!r})")
    assert answer(dut, "import fsmpy; fsmpy.g(6), fsmpy.__file__") == "(42, '/RAM:/lib/fsmpy.mpy')"


def test_main_py_runs_after_soft_reset(dut: DeviceAdapter):
    send_line(dut, "open('boot.py', 'w').write('BOOTED = 1\\n')")
    send_line(dut, "open('main.py', 'w').write('print(\"main.py ran\", BOOTED + 41)\\n')")
    send_line(dut, "os.chdir('lib')")
    dut.clear_buffer()
    dut.write(b"\x04")
    lines = dut.readlines_until(regex=BANNER, timeout=30)
    text = "\n".join(lines)
    assert "MPY: soft reboot" in text
    assert "main.py ran 42" in text
    assert text.index("main.py ran") < text.index("MicroPython v")
    # A soft reset starts again at the mount point, with main.py's globals in the REPL.
    send_line(dut, "import os")
    assert answer(dut, "os.getcwd()") == "'/RAM:'"
    assert answer(dut, "BOOTED") == "1"
    send_line(dut, "os.remove('main.py'); os.remove('boot.py')")
    assert answer(dut, "'main.py' in os.listdir()") == "False"


def test_soft_reset_with_a_full_heap(dut: DeviceAdapter):
    # A soft reset with the heap nearly full frees it before the new interpreter starts (it used
    # to abort with an allocation failure and reboot, wiping the RAM disk).
    send_line(dut, "open('keep.txt', 'w').write('kept')")
    send_line(dut, "junk = [bytearray(1000) for i in range(50)]")
    dut.clear_buffer()
    dut.write(b"\x04")
    lines = dut.readlines_until(regex=BANNER, timeout=30)
    assert not any("panic" in line or "Booting" in line for line in lines)
    send_line(dut, "import os")
    assert answer(dut, "open('keep.txt').read()") == "'kept'"
    send_line(dut, "os.remove('keep.txt')")
