//! Tests of `machine` against a fake Hardware ([`fake`]), driven from Python source.
//!
//! The scheduler's pending flag is process-wide and tests run in parallel, so scripts that
//! wait for handlers spin a short loop (each backward jump is a safe point) until they ran.

mod fake;

use crate::compile::Mode;
use crate::vm::{Config, Vm};
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;

const PRELUDE: &str = "import machine, gc\nfrom machine import *\nctl = UART('ctl')\n\
    def ask(cmd):\n    ctl.write(cmd)\n    r = ctl.read()\n    return r.decode() if r else ''\n\
    def spin(cond):\n    for _ in range(10000):\n        if cond(): return True\n    return False\n";

/// A fresh interpreter on a fresh fake board, and what it prints.
fn board() -> (Vm, Rc<RefCell<Vec<u8>>>) {
    let out = Rc::new(RefCell::new(Vec::new()));
    let vm = Vm::new(
        Box::new(fake::FakePort::new(out.clone())),
        Config::default(),
    );
    (vm, out)
}

/// Run `src` (after the helpers of `PRELUDE`) in `vm`; a traceback is printed.
fn exec(vm: &mut Vm, src: &str) {
    let mut all = String::from(PRELUDE);
    all.push_str(src);
    let g = vm.main_globals;
    if let Err(e) = vm.exec_source(&all, "<test>", Mode::File, g) {
        vm.print_exception(e.0);
    }
}

/// Run `src` on the fake board; what it printed (tracebacks included).
fn run(src: &str) -> String {
    let (mut vm, out) = board();
    exec(&mut vm, src);
    let text = String::from_utf8_lossy(&out.borrow()).into_owned();
    text
}

fn check(src: &str, want: &str) {
    let got = run(src);
    assert_eq!(got, want, "\n--- got ---\n{got}\n--- want ---\n{want}");
}

#[test]
fn pin_modes_values_and_names() {
    check(
        "
p = Pin('led0', Pin.OUT, value=1)
print(p, p.value(), p())
p.off(); print(p.value()); p.on(); print(p.value()); p.toggle(); print(p.value())
p(1); print(ask('pin 0'))
p.value(0); print(ask('pin 0'))
q = Pin(('gpio0', 3), Pin.IN, Pin.PULL_UP)
ask('in 13 1'); print(q.value())
print(Pin(5, mode=Pin.OPEN_DRAIN).value())
p.init(Pin.IN, pull=None)
print(Pin.IN, Pin.OUT, Pin.OPEN_DRAIN, Pin.PULL_UP, Pin.PULL_DOWN, Pin.IRQ_RISING, Pin.IRQ_FALLING)
print(sorted(dir(Pin.board)))
print(Pin.board.sw0, Pin.board.led1.value())
for bad in ('led9', ('gpio0', 40), 99, 'x' * 100):
    try:
        Pin(bad)
    except ValueError as e:
        print('ValueError', e)
for args in ((3.5,), ('led0', 7), ('led0', Pin.OUT, 5), ('led0', 'out'), ()):
    try:
        Pin(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    Pin('gpio_busy')
except OSError as e:
    print('OSError', e.errno)
try:
    Pin('led0', foo=1)
except TypeError as e:
    print('TypeError', e)
try:
    Pin.value(3)
except TypeError as e:
    print('TypeError', e)
",
        "Pin('led0') 1 1\n0\n1\n0\n1\n0\n1\n0\n\
         0 1 2 1 2 1 2\n\
         ['__name__', 'led0', 'led1', 'sw0']\n\
         Pin('sw0') 0\n\
         ValueError Pin 'led9' not found; this board has: led0, led1, sw0\n\
         ValueError Pin ('gpio0', 40) not found; this board has: led0, led1, sw0\n\
         ValueError Pin 99 not found; this board has: led0, led1, sw0\n\
         ValueError Pin 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' not found; this board has: led0, led1, sw0\n\
         TypeError device id must be a name, a (name, number) pair or a number\n\
         ValueError bad pin mode\n\
         ValueError bad pin pull\n\
         TypeError can't convert 'str' to int\n\
         TypeError Pin() needs an id\n\
         OSError 16\n\
         TypeError unexpected keyword argument\n\
         TypeError expected a Pin\n",
    );
}

#[test]
fn pin_irq_order_storm_errors_and_lost_events() {
    check(
        "
got = []
sw = Pin('sw0', Pin.IN)
irq = sw.irq(lambda p: got.append((p is sw, p.value())), Pin.IRQ_RISING | Pin.IRQ_FALLING)
print(irq.trigger(), sw.irq().trigger())
ask('in 2 1'); ask('in 2 0'); ask('in 2 1')
print(spin(lambda: len(got) == 3), got)
# Only rising edges now; the handler sees the pin it was set on.
got.clear()
sw.irq(handler=lambda p: got.append(p.value()), trigger=Pin.IRQ_RISING)
ask('in 2 0'); ask('in 2 1')
print(spin(lambda: len(got) == 1), got)
# A storm of 12 edges (6 rising) fits the queue: every handler runs, in order.
got.clear()
n = [0]
def count(p):
    n[0] += 1
sw.irq(count, Pin.IRQ_RISING | Pin.IRQ_FALLING)
ask('storm 2 12')
print(spin(lambda: n[0] == 12), n[0])
# 40 edges overflow the 16-entry queue: 16 run, the loss is reported once on stderr.
n[0] = 0
ask('storm 2 40')
spin(lambda: n[0] == 16)
for _ in range(100): pass
print(n[0])
# A failing handler prints its traceback; the next events still run.
def bad(p):
    got.append('bad')
    raise ValueError('oops')
got.clear()
sw.irq(bad)
ask('storm 2 2')
print(spin(lambda: len(got) == 2), got)
# irq(None) turns it off; no more calls.
sw.irq(None)
got.clear()
ask('storm 2 4')
for _ in range(100): pass
print(got, irq.flags() in (0, 1, 2))
for args, kw in (((1,), {}), ((print, 0), {}), ((print, 4), {}), ((), {'foo': 1})):
    try:
        sw.irq(*args, **kw)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
",
        "3 3\nTrue [(True, 1), (True, 1), (True, 1)]\nTrue [1]\nTrue 12\nmachine: 24 interrupt events lost (queue full)\n16\nTraceback (most recent call last):\n  File \"<test>\", line 41, in bad\nValueError: oops\nTraceback (most recent call last):\n  File \"<test>\", line 41, in bad\nValueError: oops\nTrue ['bad', 'bad']\n[] True\nTypeError handler must be callable\nValueError bad trigger\nValueError bad trigger\nTypeError unexpected keyword argument\n",
    );
}

#[test]
fn signal_over_pins_and_pin_args() {
    check(
        "
s = Signal('led0', Pin.OUT, invert=True, value=1)
print(s, s.value(), ask('pin 0'))
s.on(); print(s.value(), ask('pin 0'))
s(0); print(s(), ask('pin 0'))
p = Pin('led1', Pin.OUT)
t = Signal(p)
t.on(); print(p.value(), t.value())
u = Signal(t, invert=True)
print(u.value())
class P(PinBase):
    def __init__(self): self.v = 0
    def value(self, v=None):
        if v is None: return self.v
        self.v = v
x = P(); sx = Signal(x, invert=True); sx.off(); print(x.v, sx.value())
for args, kw in (((), {}), ((p, 1), {}), ((p,), {'foo': 1}), (('nope',), {})):
    try:
        Signal(*args, **kw)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
",
        "Signal(Pin('led0'), invert=True) 1 0\n1 0\n0 1\n1 1\n0\n1 0\nTypeError Signal() needs a pin\nTypeError Signal(pin, *, invert=False)\nTypeError Signal(pin, *, invert=False)\nValueError Pin 'nope' not found; this board has: led0, led1, sw0\n",
    );
}

#[test]
fn i2c_eeprom_hardware_and_soft() {
    check(
        "
for bus in (I2C('i2c0', freq=100000), SoftI2C(Pin(4), Pin(5), freq=100000)):
    print(type(bus).__name__, bus.scan())
    print(bus.writeto(0x50, b'\\x10abc'))
    print(bus.readfrom_mem(0x50, 0x10, 3))
    bus.writeto_mem(0x50, 0x20, bytearray(b'xyz'))
    b = bytearray(4)
    bus.readfrom_mem_into(0x50, 0x1f, b)
    print(b)
    print(bus.writevto(0x50, (b'\\x30', b'12', b'3')))
    bus.writeto(0x50, b'\\x30', False)
    print(bus.readfrom(0x50, 3))
    bus.writeto(0x50, b'\\x31')
    bus.readfrom_into(0x50, b)
    print(b)
    for f, args in ((bus.readfrom, (0x51, 1)), (bus.writeto, (0x10, b'x')), (bus.readfrom, (0x50, -1)),
                    (bus.readfrom, (200, 1)), (bus.writeto, (0x50, 5)), (bus.readfrom_mem, (0x50, 0x100, 1)),
                    (bus.readfrom_mem, (0x50, 0, 1)), (bus.readfrom_into, (0x50, b'ro'))):
        try:
            print(f(*args))
        except (OSError, TypeError, ValueError) as e:
            print(type(e).__name__, e)
    print(bus.readfrom_mem(0x50, 0x1234, 2, addrsize=16))
    try:
        bus.readfrom_mem(0x50, 0, 1, addrsize=12)
    except ValueError as e:
        print('ValueError', e)
s = SoftI2C(scl=Pin(4), sda=Pin(5))
s.start(); print(s.write(b'\\xa0\\x40')); s.write(b'Q'); s.stop()
s.start(); s.write(b'\\xa0\\x40'); s.start(); print(s.write(b'\\xa1'))
b = bytearray(1); s.readinto(b); s.stop(); print(b)
s = SoftI2C(scl=Pin(4), sda=Pin(5), timeout=100)
ask('stretch 1')
try:
    s.readfrom(0x50, 1)
except OSError as e:
    print('OSError', e.errno)
ask('stretch 0')
s.stop()
print(s.readfrom_mem(0x50, 0x40, 1))
try:
    I2C('i2c0', freq=2000000)
except OSError as e:
    print('OSError', e.errno)
for args in (('i2c9',), (), (5,)):
    try:
        I2C(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    SoftI2C(4, 5)
except TypeError as e:
    print('TypeError', e)
",
        "I2C [80]\n4\nb'abc'\nbytearray(b'\\xffxyz')\n4\nb'123'\nbytearray(b'23\\xff\\xff')\nOSError [Errno 19] ENODEV\nOSError [Errno 19] ENODEV\nValueError bad length\nValueError bad I2C address\nTypeError object with buffer protocol required\nValueError memory address out of range\nb'\\xff'\nTypeError object with buffer protocol required\nb'\\xff\\xff'\nValueError addrsize must be 8, 16, 24 or 32\nSoftI2C [80]\n4\nb'abc'\nbytearray(b'\\xffxyz')\n4\nb'123'\nbytearray(b'23\\xff\\xff')\nOSError [Errno 19] ENODEV\nOSError [Errno 19] ENODEV\nValueError bad length\nValueError bad I2C address\nTypeError object with buffer protocol required\nValueError memory address out of range\nb'\\xff'\nTypeError object with buffer protocol required\nb'\\xff\\xff'\nValueError addrsize must be 8, 16, 24 or 32\n2\n1\nbytearray(b'Q')\nOSError 110\nb'Q'\nOSError 22\nValueError I2C 'i2c9' not found; this board has: i2c0\nTypeError I2C() needs an id\nValueError I2C 5 not found; this board has: i2c0\nTypeError expected a Pin\n",
    );
}

#[test]
fn spi_loopback_hardware_and_soft() {
    check(
        "
# MOSI looped back: the same pin, or pin 9 reading pin 8.
ask('link 19 18')
for bus in (SPI('spi0', 2000000, polarity=1, phase=1), SoftSPI(baudrate=100000, sck=Pin(6), mosi=Pin(7), miso=Pin(7)),
            SoftSPI(sck=Pin(6), mosi=Pin(8), miso=Pin(9), firstbit=SPI.LSB, phase=1, polarity=1)):
    print(type(bus).__name__)
    print(bus.read(3, 0x5a))
    b = bytearray(2); bus.readinto(b, 0x41); print(b)
    bus.write(b'xyz')
    r = bytearray(3); bus.write_readinto(b'abc', r); print(r)
    bus.init(baudrate=50000)
    bus.deinit()
    for f, args in ((bus.read, (-1,)), (bus.read, (1, 300)), (bus.write_readinto, (b'ab', bytearray(3))),
                    (bus.write, (3,)), (bus.init, ()), (bus.readinto, (b'ro',))):
        try:
            print(f(*args))
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
for args, kw in ((('spi0',), {'bits': 16}), (('spi0',), {'polarity': 2}), (('spi9',), {})):
    try:
        SPI(*args, **kw)
    except (OSError, ValueError) as e:
        print(type(e).__name__, e)
for kw in ({}, {'sck': Pin(6), 'bits': 7}):
    try:
        SoftSPI(**kw)
    except ValueError as e:
        print('ValueError', e)
print(SPI.MSB, SPI.LSB)
",
        "SPI\nb'ZZZ'\nbytearray(b'AA')\nbytearray(b'abc')\nValueError bad length\nValueError bad write\nValueError buffers must be the same length\nTypeError object with buffer protocol required\nNone\nTypeError object with buffer protocol required\nSoftSPI\nb'ZZZ'\nbytearray(b'AA')\nbytearray(b'abc')\nValueError bad length\nValueError bad write\nValueError buffers must be the same length\nTypeError object with buffer protocol required\nNone\nTypeError object with buffer protocol required\nSoftSPI\nb'ZZZ'\nbytearray(b'AA')\nbytearray(b'abc')\nValueError bad length\nValueError bad write\nValueError buffers must be the same length\nTypeError object with buffer protocol required\nNone\nTypeError object with buffer protocol required\nOSError [Errno 95] EOPNOTSUPP\nValueError bad polarity\nValueError SPI 'spi9' not found; this board has: none\nValueError SoftSPI needs sck\nValueError SoftSPI supports 8 bits\n0 1\n",
    );
}

#[test]
#[cfg(feature = "modules-full")] // select
fn uart_loopback_timeouts_and_poll() {
    check(
        "
import select, time
u = UART('uart0', 9600, timeout=50, timeout_char=5)
print(u, u.any(), u.read(), u.readline())
print(u.write(b'hello\\nworld'), u.any())
print(u.readline(), u.read(2), u.read())
t = time.ticks_ms(); print(u.read(1), time.ticks_diff(time.ticks_ms(), t) >= 50)
u.write('abc'); b = bytearray(5); print(u.readinto(b), b, u.readinto(b, 1))
print(u.txdone(), u.flush(), u.read(0))
u.sendbreak(); print(u.read())
u.init(115200, bits=7, parity=0, stop=2, timeout=0)
print(u.read())
p = select.poll(); p.register(u, select.POLLIN)
print(p.poll(0))
ask('rx 0 ping')
print([(o is u, e) for o, e in p.poll(10)])
print(u.read())
for kw in ({'bits': 4}, {'parity': 3}, {'stop': 3}, {'baudrate': 0}, {'timeout': -1}, {'baudrate': 5000000}):
    try:
        UART('uart0', **kw)
    except (OSError, ValueError) as e:
        print(type(e).__name__, e)
for f, args in ((u.write, (1,)), (u.readinto, (b'x',)), (u.read, ('x',))):
    try:
        f(*args)
    except TypeError as e:
        print('TypeError', e)
u.deinit()
",
        "UART('uart0') 0 None None\n11 11\nb'hello\\n' b'wo' b'rld'\nNone True\n3 bytearray(b'abc\\x00\\x00') None\nTrue None b''\nb'\\x00'\nNone\n[]\n[(True, 1)]\nb'ping'\nValueError bad bits\nValueError bad parity\nValueError bad stop\nValueError bad baudrate\nValueError bad timeout\nOSError [Errno 22] EINVAL\nTypeError object with buffer protocol required\nTypeError object with buffer protocol required\nTypeError can't convert 'str' to int\n",
    );
}

#[test]
fn pwm_adc_wdt_rtc() {
    check(
        "
p = PWM('pwm0', freq=1000, duty_u16=32768)
print(p, p.freq(), p.duty_u16(), p.duty_ns(), ask('pwm 0'))
p.freq(2000); print(p.duty_u16(), ask('pwm 0'))
p.duty_ns(100000); print(p.duty_ns(), p.duty_u16(), ask('pwm 0'))
p.freq(1000); print(ask('pwm 0'))
p.init(duty_u16=65535); print(ask('pwm 0'))
p.deinit(); print(ask('pwm 0'))
for f, args in ((p.freq, (0,)), (p.freq, (1e9,)), (p.duty_u16, (70000,)), (p.duty_ns, (-1,))):
    try:
        f(*args)
    except ValueError as e:
        print('ValueError', e)
a = ADC('adc0'); b = ADC(('adc', 1))
ask('adc 0 1234 567890'); ask('adc 1 65535 3300000')
print(a, a.read_u16(), a.read_uv(), b.read_u16(), b.read_uv())
try:
    ADC('adc7')
except ValueError as e:
    print('ValueError', e)
w = WDT(timeout=2000); w.feed(); w.feed(); print(ask('wdt'))
try:
    WDT(timeout=0)
except ValueError as e:
    print('ValueError', e)
r = RTC()
print(r.datetime())
r.datetime((2024, 2, 29, 3, 12, 30, 15, 0)); print(r.datetime())
for t in ((2024, 13, 1, 0, 0, 0, 0, 0), (1, 2, 3), (2024, -1, 1, 0, 0, 0, 0, 0), 5):
    try:
        r.datetime(t)
    except (OSError, TypeError, ValueError) as e:
        print(type(e).__name__, e)
",
        "PWM('pwm0') 1000 32768 500007 1000000 500007\n32768 500000 250003\n100000 13107 500000 100000\n1000000 100000\n1000000 1000000\n0 0\nValueError freq out of range\nValueError freq out of range\nValueError bad duty_u16\nValueError bad duty_ns\nADC('adc0') 1234 567890 65535 3300000\nValueError ADC 'adc7' not found; this board has: adc0\n2000 2\nValueError bad timeout\n(2000, 1, 1, 5, 0, 0, 0, 0)\n(2024, 2, 29, 3, 12, 30, 15, 0)\nOSError [Errno 22] EINVAL\nTypeError datetime needs an 8-tuple\nValueError bad datetime field\nTypeError datetime needs an 8-tuple\n",
    );
}

#[test]
fn timers_callbacks_deinit() {
    check(
        "
got = []
t = Timer(-1, mode=Timer.PERIODIC, period=10, callback=lambda tm: got.append(tm is t))
u = Timer(-1)
print(t, u, t == u, ask('timers'))
ask('fire 101'); ask('fire 101')
print(spin(lambda: len(got) == 2), got, ask('timers'))
o = Timer(0, mode=Timer.ONE_SHOT, freq=100, callback=lambda tm: got.append('one'))
ask('fire 0'); ask('fire 0')
spin(lambda: len(got) == 3)
for _ in range(100): pass
print(got, ask('timers'))
t.deinit(); t.deinit(); print(ask('timers'))
ask('fire 101')
for _ in range(100): pass
print(len(got))
def boom(tm):
    got.append('boom')
    1 / 0
t.init(period=5, callback=boom)
ask('fire 101'); ask('fire 101')
print(spin(lambda: got.count('boom') == 2))
t.deinit()
for kw in ({'mode': 5}, {'freq': 0}, {'period': -1}, {'callback': 3}, {'foo': 1}):
    try:
        Timer(1, **kw)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(ask('timers'))
try:
    Timer(7)
except ValueError as e:
    print('ValueError', e)
",
        "Timer(-1) Timer(-1) False 101\nTrue [True, True] 101\n[True, True, 'one'] 101\n\n3\nTraceback (most recent call last):\n  File \"<test>\", line 30, in boom\nZeroDivisionError: divide by zero\nTraceback (most recent call last):\n  File \"<test>\", line 30, in boom\nZeroDivisionError: divide by zero\nTrue\nValueError bad mode\nValueError freq out of range\nValueError period must be positive\nTypeError callback must be callable\nTypeError unexpected keyword argument\n\nValueError Timer 7 not found; this board has: none\n",
    );
}

#[test]
fn module_functions() {
    check(
        "
print(reset_cause() == SOFT_RESET, PWRON_RESET, HARD_RESET, WDT_RESET, DEEPSLEEP_RESET, SOFT_RESET)
print(unique_id(), freq())
s = disable_irq(); print(ask('irq')); enable_irq(s); print(ask('irq'))
idle(); lightsleep(10); lightsleep()
try:
    soft_reset()
except SystemExit:
    print('SystemExit')
for f, args in ((reset, ()), (bootloader, ()), (freq, (1000,)), (lightsleep, (-1,)), (deepsleep, (10,))):
    try:
        f(*args)
    except (OSError, ValueError) as e:
        print(type(e).__name__, e)
class C(PinBase):
    def value(self, v=None):
        return 0
print(time_pulse_us(C(), 1, 500), time_pulse_us(Pin('sw0'), 0, 100) > 0)
ask('in 2 1')
print(time_pulse_us(Pin('sw0'), 0, 100))
",
        "True 1 2 3 4 5\nb'\\x01\\x02\\x03\\x04' 64000000\n1\n0\nSystemExit\nOSError [Errno 95] EOPNOTSUPP\nOSError [Errno 95] EOPNOTSUPP\nOSError [Errno 95] EOPNOTSUPP\nValueError bad sleep time\nOSError [Errno 95] EOPNOTSUPP\n-2 False\n-2\n",
    );
}

#[test]
#[cfg(feature = "modules-full")] // select
fn nothing_leaks() {
    check(
        "
import select
sw = Pin('sw0', Pin.IN)
i2c = I2C('i2c0'); spi = SPI('spi0'); u = UART('uart0'); pwm = PWM('pwm0', freq=50); a = ADC('adc0')
def work():
    for i in range(20):
        Pin('led0', Pin.OUT).value(i & 1)
        i2c.readfrom_mem(0x50, i, 4); i2c.scan()
        spi.read(8)
        u.write(b'abc'); u.read()
        pwm.duty_u16(i * 100); a.read_u16()
        t = Timer(-1, period=5, callback=print); t.deinit()
        sw.irq(print); sw.irq(None)
        try:
            Pin('nope')
        except ValueError:
            pass
        try:
            i2c.readfrom(0x10, 1)
        except OSError:
            pass
        p = select.poll(); p.register(u); p.poll(0)
work()
gc.collect()
before = gc.mem_alloc()
work()
gc.collect()
print(gc.mem_alloc() - before <= 0)
",
        "True\n",
    );
}

#[test]
fn soft_reset_stops_timers_and_irqs() {
    let (mut vm, out) = board();
    exec(
        &mut vm,
        "Timer(0, period=10, callback=print); Timer(-1, freq=5)\n\
         Pin('sw0').irq(print, Pin.IRQ_RISING)\n\
         print(ask('timers'))\nask('fire 0')\nprint(ask('events'))\n",
    );
    crate::repl::Engine::soft_reset(&mut vm);
    exec(
        &mut vm,
        "print(ask('timers') == '', ask('events'))\nask('in 2 1')\nprint(ask('events'))\n",
    );
    let text = String::from_utf8_lossy(&out.borrow()).into_owned();
    assert_eq!(text, "0 101\n1\nTrue 0\n0\n");
}

#[test]
#[cfg(feature = "modules-full")] // select
fn uart_ipoll_as_asyncio_uses_it() {
    check(
        "
import select
u = UART('uart0')
p = select.poll()
p.register(u, select.POLLIN)
print(list(p.ipoll(0)))
ask('rx 0 line one\\nline two\\n')
for o, e in p.ipoll(100):
    print(o is u, e, u.readline(), u.readline(), u.readline())
p.modify(u, select.POLLOUT)
print([(o is u, e) for o, e in p.ipoll(0)])
",
        "[]\nTrue 1 b'line one\\n' b'line two\\n' None\n[(True, 4)]\n",
    );
}

#[test]
fn events_of_different_devices_run_in_queue_order() {
    check(
        "
got = []
sw = Pin('sw0', Pin.IN)
sw.irq(lambda p: got.append('pin%d' % p.value()))
t = Timer(1, period=100, callback=lambda tm: got.append('timer'))
ask('in 2 1'); ask('fire 1'); ask('in 2 0'); ask('fire 1'); ask('in 2 1')
print(spin(lambda: len(got) == 5), got)
t.deinit(); sw.irq(None)
",
        "True ['pin1', 'timer', 'pin1', 'timer', 'pin1']\n",
    );
}

#[test]
fn hard_handlers_run_with_the_heap_locked() {
    check(
        "
import micropython
# A hard handler cannot grow a list: it stores into room made beforehand.
got = [None] * 4
n = [0]
def cb(obj):
    try:
        bytearray(1)
        locked = False
    except MemoryError:
        locked = True
    got[n[0]] = locked
    n[0] += 1
t = Timer(1, period=10, callback=cb, hard=True)
sw = Pin('sw0', Pin.IN); sw.irq(cb, Pin.IRQ_RISING, hard=False)
ask('fire 1'); ask('in 2 1'); ask('fire 1')
print(spin(lambda: n[0] == 3), got[:3], micropython.heap_locked())
t.init(period=10, callback=cb)
ask('fire 1')
print(spin(lambda: n[0] == 4), got[3])
t.deinit(); sw.irq(None)
",
        "True [True, False, True] 0\nTrue False\n",
    );
}
