# SPDX-License-Identifier: MIT
"""machine and zephyr modules on Zephyr's drivers, driven from Python over the REPL.

Two layers are checked: the port's Hardware implementation on its own (through the test-only
`zephyr_test.hw`, which calls it with no `machine` class in between), and MicroPython's
`machine` API over it (skipped while the firmware has no `machine` module). On native_sim the
devices are Zephyr's emulators (boards/native_sim_native_64.overlay), set from Python with
`zephyr_test.call`; on the QEMU boards the frozen main.py checks what the board has at boot.
"""

import re
import time
from pathlib import Path

import pytest
from twister_harness import DeviceAdapter

# zephyr_test.call operations (src/emul.c).
GPIO_INPUT, GPIO_OUTPUT, STORM, STORM_LEFT, ADC_MV = 1, 2, 3, 4, 5
# zephyr_test.hw kinds (zython::hw::Kind).
PIN, I2C, SPI, UART, PWM, ADC, TIMER, WDT, RTC = range(9)

_checks: dict[str, str] = {}


def kconfig(dut: DeviceAdapter, line: str) -> bool:
    config = Path(dut.device_config.build_dir) / "zephyr" / ".config"
    return line in config.read_text().splitlines()


def checks(dut: DeviceAdapter) -> dict[str, str]:
    """The "CHECK name result" lines frozen/main.py prints at boot."""
    if not _checks:
        lines = dut.readlines_until(regex="^CHECK done", timeout=60)
        for line in lines:
            m = re.match(r"^CHECK (\S+) ?(.*)$", line.strip())
            if m:
                _checks[m.group(1)] = m.group(2)
    return _checks


def run(dut: DeviceAdapter, code: str, timeout: float = 30) -> list[str]:
    """Run Python code (exec of one REPL line); its output lines. Raises on a traceback."""
    checks(dut)
    dut.clear_buffer()
    line = ("exec(%r); print('=END=')\r" % code).encode()
    # In pieces: the console's receive buffer (CONFIG_ZYTHON_RX_BUFFER_SIZE) holds 512 bytes.
    for i in range(0, len(line), 128):
        dut.write(line[i : i + 128])
        time.sleep(0.05)
    lines = dut.readlines_until(regex="^=END=$|^Traceback|^MemoryError", timeout=timeout)
    out = [line.rstrip() for line in lines]
    if out and not out[-1].startswith("=END="):
        out += dut.readlines_until(regex="^[A-Za-z]*(Error|Exception|Interrupt)", timeout=5)
        raise AssertionError("\n".join(out))
    # Drop the echoed line and the sentinel.
    return [line for line in out[:-1] if not line.startswith(">>> ")]


def needs_emulators(dut: DeviceAdapter):
    if not kconfig(dut, "CONFIG_ARCH_POSIX=y"):
        pytest.skip("Zephyr's emulators are set up on native_sim only")


def needs_machine(dut: DeviceAdapter):
    needs_emulators(dut)


# ---- every board: the frozen checks ---------------------------------------------------------


def test_pin_board_lists_the_named_pins(dut: DeviceAdapter):
    board = eval(checks(dut)["board"])
    pins = checks(dut)["names_pin"].strip("[]").split()
    assert board == sorted(pins), (board, pins)


def test_timer_counts_over_one_second(dut: DeviceAdapter):
    n = int(checks(dut)["timer_1s"])
    assert 98 <= n <= 102, n


def test_wdt_where_the_board_has_one(dut: DeviceAdapter):
    c = checks(dut)
    names = c["names_wdt"].strip("[]").split()
    if names:
        assert c["wdt"] == "fed", c
    else:
        assert c["wdt"] == "none", c


def test_names_list_what_the_board_has(dut: DeviceAdapter):
    c = checks(dut)
    assert "uart0" not in c["names_uart"].split(), "the console UART must not be offered"
    if kconfig(dut, "CONFIG_ARCH_POSIX=y"):
        pins = c["names_pin"].strip("[]").split()
        assert {"led0", "sw0", "button0", "button_1"} <= set(pins), pins
        assert c["names_i2c"] == "[i2c0 i2c-0]"
        assert c["names_spi"] == "[spi0 spi-0]"
        assert c["names_uart"] == "[euart0]"
        assert c["names_adc"] == "[vbat light]"
        assert c["names_rtc"] == "[rtc]"
    if kconfig(dut, "CONFIG_BOARD_MPS2=y") or kconfig(dut, 'CONFIG_BOARD="mps2"'):
        assert "wdog0" in c["names_wdt"], c["names_wdt"]


# ---- native_sim: the port layer over the emulators -------------------------------------------

PRELUDE = "import zephyr_test as t, zephyr\nh = t.hw\n"


def test_pin_output_reads_back(dut: DeviceAdapter):
    needs_emulators(dut)
    out = run(
        dut,
        PRELUDE
        + "p = h('lookup', PIN, 'led0')\nh('pin_config', p, 1, 0, 1)\nprint(t.call(GPIO_OUTPUT, 0))\n"
        "h('pin_set', p, 0)\nprint(t.call(GPIO_OUTPUT, 0), h('pin_get', p))\n"
        "q = h('lookup', PIN, 'gpio0', 7)\nh('pin_config', q, 1, 0, 0)\nh('pin_set', q, 1)\n"
        "print(t.call(GPIO_OUTPUT, 7))".replace("PIN", "0").replace("GPIO_OUTPUT", "2"),
    )
    assert out == ["1", "0 0", "1"], out


def test_pin_input_uses_the_devicetree_active_level(dut: DeviceAdapter):
    needs_emulators(dut)
    # sw0 is GPIO_ACTIVE_LOW: a low line reads as pressed (1).
    out = run(
        dut,
        PRELUDE + "b = h('lookup', 0, 'sw0')\nh('pin_config', b, 0, 0, -1)\n"
        "t.call(1, 1, 0)\nprint(h('pin_get', b))\nt.call(1, 1, 1)\nprint(h('pin_get', b))",
    )
    assert out == ["1", "0"], out


def test_pin_irq_both_edges_run_the_handler(dut: DeviceAdapter):
    needs_emulators(dut)
    out = run(
        dut,
        "import machine, time, zephyr_test as t\nhits = []\nt.call(1, 5, 0)\n"
        "p = machine.Pin(('gpio0', 5), machine.Pin.IN)\n"
        "p.irq(lambda pin: hits.append(pin.value()), machine.Pin.IRQ_RISING | machine.Pin.IRQ_FALLING)\n"
        "t.call(1, 5, 1)\nt.call(1, 5, 0)\ntime.sleep_ms(1)\nprint(len(hits))\n"
        "p.irq(lambda pin: hits.append('r'), machine.Pin.IRQ_RISING)\n"
        "t.call(1, 5, 1)\nt.call(1, 5, 0)\ntime.sleep_ms(1)\nprint(hits[2:])\np.irq(None)",
    )
    assert out == ["2", "['r']"], out


def test_irq_storm_while_python_allocates(dut: DeviceAdapter):
    needs_emulators(dut)
    # 10,000 edges from another thread while Python builds lists: each edge runs the handler
    # or is counted in a "machine: N interrupt events lost" report, and the interpreter's data
    # is intact afterwards. (The explicit gc.collect() works around a core bug: inside exec()
    # and functions, garbage made in a loop is not collected automatically and the heap runs
    # out; the host CLI shows it too.)
    out = run(
        dut,
        "import machine, time, gc, zephyr_test as t\nn = [0]\n"
        "def cb(p):\n    n[0] += 1\n"
        "p = machine.Pin(('gpio0', 6), machine.Pin.IN)\n"
        "p.irq(cb, machine.Pin.IRQ_RISING | machine.Pin.IRQ_FALLING)\n"
        "keep = []\nt.call(3, 6, 10000)\nleft = 1\n"
        "while left:\n"
        "    left = t.call(4)\n"
        "    keep.append([i * 2 for i in range(20)])\n"
        "    if len(keep) > 50: keep = keep[25:]\n"
        "    gc.collect()\n"
        "    time.sleep_ms(1)\n"
        "machine.idle()\n"
        "ok = all(k == [i * 2 for i in range(20)] for k in keep)\n"
        "p.irq(None)\nprint('handled', n[0], ok)",
        timeout=120,
    )
    lost = sum(int(m.group(1)) for line in out for m in [re.search(r"machine: (\d+) interrupt events lost", line)] if m)
    handled = [line for line in out if line.startswith("handled ")]
    assert len(handled) == 1, out
    _, n, ok = handled[0].split()
    assert ok == "True" and int(n) > 0, out
    assert int(n) + lost == 10000, out


def test_i2c_scan_eeprom_and_nack(dut: DeviceAdapter):
    needs_emulators(dut)
    out = run(
        dut,
        PRELUDE + "i = h('lookup', 1, 'i2c0')\nfound = []\n"
        "for a in range(8, 120):\n"
        "    try:\n        h('i2c', i, a, b'', 0)\n        found.append(a)\n"
        "    except OSError as e:\n        assert e.args[0] == 19, e\n"
        "print(found)\n"
        "h('i2c', i, 0x50, b'\\x20' + bytes(range(16)), 0)\n"
        "h('i2c', i, 0x50, b'\\x30' + b'zython-at24-page', 0)\n"
        "print(h('i2c', i, 0x50, b'\\x20', 32))\n"
        "try:\n    h('i2c', i, 0x33, b'\\x00', 1)\nexcept OSError as e:\n    print('nack', e.args[0])",
    )
    assert out[0] == "[80]", out
    assert out[1] == repr(bytes(range(16)) + b"zython-at24-page"), out
    assert out[2] == "nack 19", out


def test_spi_reads_the_bmi160_chip_id(dut: DeviceAdapter):
    needs_emulators(dut)
    out = run(dut, PRELUDE + "s = h('lookup', 2, 'spi0')\nprint(h('spi', s, b'\\x80\\x00'))")
    assert out == ["b'\\x00\\xd1'"], out


def test_adc_values_set_by_the_test(dut: DeviceAdapter):
    needs_emulators(dut)
    out = run(
        dut,
        PRELUDE + "a = h('lookup', 5, 'vbat')\nt.call(5, 0, 1650)\nprint(h('adc', a))\n"
        "b = h('lookup', 5, 'adc0', 1)\nt.call(5, 1, 3300)\nprint(h('adc', b))\n"
        "l = h('lookup', 5, 'light')\nt.call(5, 1, 825)\nv, uv = h('adc', l)\nprint(v >> 8, uv // 1000)",
    )
    # 12-bit channel 0 at half the 3.3 V reference; channel 1 at full scale; then a quarter.
    v, uv = eval(out[0])
    assert abs(v - 32768) <= 32 and abs(uv - 1650000) <= 1000, out
    v, uv = eval(out[1])
    assert v >= 65000, out
    # 825 mV on a 10-bit channel: raw 255 of 1023, 821 mV back through the 3.3 V reference.
    assert out[2] == "63 821", out


def test_uart_loopback_any_and_empty_read(dut: DeviceAdapter):
    needs_emulators(dut)
    out = run(
        dut,
        PRELUDE + "import time\nu = h('lookup', 3, 'euart0')\nh('uart_cfg', u, 9600)\n"
        "print(h('uart_any', u), h('uart_r', u, 4))\n"
        "print(h('uart_w', u, b'hello zython'))\ntime.sleep_ms(20)\n"
        "print(h('uart_any', u), h('uart_r', u, 5), h('uart_r', u, 64), h('uart_any', u))\n"
        "try:\n    h('lookup', 3, 'uart0')\nexcept OSError as e:\n    print('console', e.args[0])",
    )
    assert out == ["0 b''", "12", "12 b'hello' b' zython' 0", "console 19"], out


def test_rtc_set_and_read(dut: DeviceAdapter):
    needs_emulators(dut)
    out = run(
        dut,
        PRELUDE + "r = h('lookup', 8, 'rtc')\nh('rtc_set', r, 2024, 2, 29, 3, 23, 59, 58, 0)\n"
        "import time\ntime.sleep_ms(2100)\nprint(h('rtc_get', r)[:7])",
    )
    assert out == ["(2024, 3, 1, 4, 0, 0, 0)"], out


def test_sensor_over_the_bmi160_emulator(dut: DeviceAdapter):
    needs_emulators(dut)
    out = run(
        dut,
        PRELUDE + "s = zephyr.Sensor('bmi@68')\ns.fetch()\n"
        "print(type(s.get(zephyr.Sensor.ACCEL_X)), s.get(zephyr.Sensor.DIE_TEMP))\n"
        "try:\n    zephyr.Sensor('nope')\nexcept ValueError as e:\n    print('ValueError')",
    )
    assert out[0].startswith("<class 'float'> "), out
    assert out[1] == "ValueError", out


def test_zephyr_devices_stacks_and_shell(dut: DeviceAdapter):
    needs_emulators(dut)
    out = run(
        dut,
        PRELUDE + "d = zephyr.devices()\nprint('gpio_emul' in d, 'bmi@68' in d)\n"
        "st = zephyr.stacks()\nprint(any(n == 'zython_repl_tid' and s > 0 for n, s, u in st))\n"
        "print('gpio_emul' in zephyr.shell_exec('device list'))",
    )
    assert out == ["True True", "True", "True"], out


# ---- native_sim: MicroPython's machine API over the port --------------------------------------


def test_machine_pin_led_and_button(dut: DeviceAdapter):
    needs_machine(dut)
    out = run(
        dut,
        "import machine, zephyr_test as t\nled = machine.Pin('led0', machine.Pin.OUT)\n"
        "led.value(1)\nprint(t.call(2, 0))\nled.off()\nprint(t.call(2, 0))\n"
        "sw = machine.Pin('sw0', machine.Pin.IN)\nt.call(1, 1, 0)\nprint(sw.value())\n"
        "print('led0' in dir(machine.Pin.board))",
    )
    assert out == ["1", "0", "1", "True"], out


def test_machine_pin_irq_runs_the_handler(dut: DeviceAdapter):
    needs_machine(dut)
    out = run(
        dut,
        "import machine, time, zephyr_test as t\nhits = []\n"
        "p = machine.Pin(('gpio0', 9), machine.Pin.IN)\n"
        "p.irq(lambda pin: hits.append(pin), machine.Pin.IRQ_RISING | machine.Pin.IRQ_FALLING)\n"
        "t.call(1, 9, 1)\nt.call(1, 9, 0)\ntime.sleep_ms(10)\nprint(len(hits), hits[0] is p)",
    )
    # Handlers run later, at a safe point (soft IRQs): both edges, each with the Pin.
    assert out == ["2 True"], out


def test_machine_i2c_scan_and_nack(dut: DeviceAdapter):
    needs_machine(dut)
    out = run(
        dut,
        # Zephyr's AT24 emulator refuses bus speeds above 100 kHz (MicroPython's default is 400).
        "import machine\ni2c = machine.I2C('i2c0', freq=100000)\nprint(0x50 in i2c.scan())\n"
        "i2c.writeto_mem(0x50, 0x40, b'abcd')\nprint(i2c.readfrom_mem(0x50, 0x40, 4))\n"
        "try:\n    i2c.writeto(0x33, b'x')\nexcept OSError as e:\n    print(e.args[0])",
    )
    assert out == ["True", "b'abcd'", "19"], out


def test_machine_timer_callback(dut: DeviceAdapter):
    needs_machine(dut)
    out = run(
        dut,
        "import machine, time\nn = [0]\n"
        "tm = machine.Timer(-1, period=10, mode=machine.Timer.PERIODIC, callback=lambda t: n.__setitem__(0, n[0] + 1))\n"
        "s = time.ticks_ms()\nwhile time.ticks_diff(time.ticks_ms(), s) < 1000: time.sleep_ms(10)\n\n"
        "tm.deinit()\nprint(n[0])",
    )
    assert 98 <= int(out[0]) <= 102, out
