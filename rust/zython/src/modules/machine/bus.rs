//! `machine.I2C`, `SoftI2C`, `SPI` and `SoftSPI`.
//!
//! The hardware and bit-banged variants share their Python methods: each method turns its
//! arguments into one transaction and [`i2c_xfer`] / [`spi_xfer`] run it either through the
//! port's controller or over two or three Pins with `Hardware::pin_*` and `delay_us`.
//! Settings: I2C `cfg` = [scl, sda, freq, timeout_us]; SPI `cfg` = [baudrate, mode bits,
//! sck, mosi, miso] with mode bits = polarity | phase << 1 | lsb_first << 2 | bits << 8.

use super::{buf_arg, dev, hw, lookup, new_dev, out_len, parse, put, range_arg, store, Cls, Dev};
use crate::hw::{Errno, Hardware, I2cMsg, Kind, PinMode, SpiConfig, ENODEV, ENOTSUP, ETIMEDOUT};
use crate::native_fn;
use crate::qstr::{q, Qstr};
use crate::statics::{Attr, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::vec::Vec;

// ---- I2C ----

const NONE_PIN: u32 = u32::MAX;

/// The I2C object `v` (hardware or soft).
fn i2c(vm: &mut Vm, v: Value) -> PyResult<Dev> {
    match super::any_dev(vm, v) {
        Some(d) if d.cls == Cls::SoftI2c => Ok(d),
        _ => dev(vm, v, Cls::I2c),
    }
}

/// Bit-banged bus lines over the port's pins (open-drain: `true` releases the line).
struct Lines<'a> {
    h: &'a mut dyn Hardware,
    clk: u16,
    data: u16,
    half_us: u32,
    timeout_us: u32,
}

impl Lines<'_> {
    fn delay(&mut self) {
        self.h.delay_us(self.half_us);
    }
    fn scl_low(&mut self) -> Result<(), Errno> {
        self.h.pin_set(self.clk, false)
    }
    /// Release SCL and wait while a device stretches the clock.
    fn scl_release(&mut self) -> Result<(), Errno> {
        self.h.pin_set(self.clk, true)?;
        self.delay();
        let mut waited = 0;
        while !self.h.pin_get(self.clk)? {
            if waited >= self.timeout_us {
                return Err(ETIMEDOUT);
            }
            self.h.delay_us(1);
            waited += 1;
        }
        Ok(())
    }
    fn sda(&mut self, level: bool) -> Result<(), Errno> {
        self.h.pin_set(self.data, level)
    }
    fn start(&mut self) -> Result<(), Errno> {
        self.sda(true)?;
        self.delay();
        self.scl_release()?;
        self.sda(false)?;
        self.delay();
        self.scl_low()
    }
    fn stop(&mut self) -> Result<(), Errno> {
        self.delay();
        self.sda(false)?;
        self.delay();
        self.scl_release()?;
        self.sda(true)?;
        self.delay();
        Ok(())
    }
    /// Send a byte; was it acknowledged?
    fn write_byte(&mut self, b: u8) -> Result<bool, Errno> {
        for i in (0..8).rev() {
            self.sda((b >> i) & 1 != 0)?;
            self.delay();
            self.scl_release()?;
            self.scl_low()?;
        }
        self.sda(true)?;
        self.delay();
        self.scl_release()?;
        let ack = !self.h.pin_get(self.data)?;
        self.scl_low()?;
        Ok(ack)
    }
    /// Receive a byte, then acknowledge it (or not, for the last byte).
    fn read_byte(&mut self, nack: bool) -> Result<u8, Errno> {
        self.sda(true)?;
        let mut b = 0u8;
        for _ in 0..8 {
            self.delay();
            self.scl_release()?;
            b = (b << 1) | self.h.pin_get(self.data)? as u8;
            self.scl_low()?;
        }
        self.sda(nack)?;
        self.delay();
        self.scl_release()?;
        self.scl_low()?;
        self.sda(true)?;
        Ok(b)
    }
    /// One transaction; the number of written bytes acknowledged.
    fn transfer(&mut self, addr: u16, msgs: &mut [I2cMsg<'_>], stop: bool) -> Result<usize, Errno> {
        let mut acks = 0;
        let mut r = Ok(());
        'msgs: for m in msgs.iter_mut() {
            let read = matches!(m, I2cMsg::Read(_));
            self.start()?;
            if !self.write_byte(((addr as u8) << 1) | read as u8)? {
                r = Err(ENODEV);
                break;
            }
            match m {
                I2cMsg::Write(data) => {
                    for &b in data.iter() {
                        if !self.write_byte(b)? {
                            break 'msgs;
                        }
                        acks += 1;
                    }
                }
                I2cMsg::Read(buf) => {
                    let n = buf.len();
                    for (i, b) in buf.iter_mut().enumerate() {
                        *b = self.read_byte(i + 1 == n)?;
                    }
                }
            }
        }
        if stop || r.is_err() {
            self.stop()?;
        }
        r.map(|_| acks)
    }
}

fn soft_lines<'a>(h: &'a mut dyn Hardware, d: &Dev, freq: u32) -> Lines<'a> {
    Lines {
        h,
        clk: d.cfg[0] as u16,
        data: d.cfg[1] as u16,
        half_us: 500_000 / freq.max(1),
        timeout_us: d.cfg[3],
    }
}

/// One I2C transaction on `d`; the number of written bytes acknowledged.
fn i2c_xfer(
    vm: &mut Vm,
    d: &Dev,
    addr: u16,
    msgs: &mut [I2cMsg<'_>],
    stop: bool,
) -> PyResult<usize> {
    let written: usize = msgs
        .iter()
        .map(|m| match m {
            I2cMsg::Write(w) => w.len(),
            I2cMsg::Read(_) => 0,
        })
        .sum();
    hw(vm, |h| {
        if d.cls == Cls::SoftI2c {
            soft_lines(h, d, d.cfg[2]).transfer(addr, msgs, stop)
        } else {
            h.i2c_transfer(d.id, addr, msgs, stop).map(|_| written)
        }
    })
}

// The I2C transfer methods share one body: `op` is READ, READ_INTO, WRITE or WRITEV, plus MEM
// for the `*_mem` forms (a memory address written first, `addrsize` bits, big-endian).
const READ: u8 = 0;
const READ_INTO: u8 = 1;
const WRITE: u8 = 2;
const WRITEV: u8 = 3;
const MEM: u8 = 4;

/// `readfrom(addr, nbytes, stop=True)`, `readfrom_mem(addr, memaddr, nbytes, *, addrsize=8)`
/// and the others, by `op`.
fn i2c_op(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)], op: u8) -> PyResult<Value> {
    let d = i2c(vm, a.first().copied().unwrap_or(Value::NONE))?;
    let mem = op & MEM != 0;
    let names: &[Qstr] = if mem {
        &[q::ADDR, q::MEMADDR, q::BUF, q::ADDRSIZE]
    } else {
        &[q::ADDR, q::BUF, q::STOP]
    };
    let mut v = [Value::NULL; 4];
    parse(vm, a.get(1..).unwrap_or_default(), kw, names, 3, &mut v)?;
    let x = v[1 + mem as usize];
    if v[0].is_null() || v[1].is_null() || x.is_null() {
        return Err(vm.type_error("missing argument"));
    }
    let addr = range_arg(vm, v[0], 0, 0, 0x7f, "I2C address")? as u16;
    // The memory address, big-endian, in the first `n` bytes of `m`.
    let (mut m, mut n, mut stop) = ([0u8; 4], 0, true);
    if mem {
        let size = super::int_arg(vm, v[3], 8)?;
        if !matches!(size, 8 | 16 | 24 | 32) {
            return Err(vm.value_error("addrsize must be 8, 16, 24 or 32"));
        }
        n = (size / 8) as usize;
        let at = vm.to_i64(v[1])?;
        if at < 0 || (n < 4 && at >> (8 * n) != 0) || at > u32::MAX as i64 {
            return Err(vm.value_error("memory address out of range"));
        }
        m = ((at as u32) << (8 * (4 - n))).to_be_bytes();
    } else if !v[2].is_null() {
        stop = vm.truthy(v[2])?;
    }
    if op & 3 <= READ_INTO {
        let len = if op & 3 == READ {
            range_arg(vm, x, 0, 0, u16::MAX as i64, "length")? as usize
        } else {
            out_len(vm, x)?
        };
        let mut buf = super::zeroed(vm, len)?;
        let msgs = &mut [I2cMsg::Write(&m[..n]), I2cMsg::Read(&mut buf)];
        i2c_xfer(vm, &d, addr, &mut msgs[(n == 0) as usize..], stop)?;
        if op & 3 == READ {
            return vm.new_bytes(&buf);
        }
        store(vm, x, &buf);
        return Ok(Value::NONE);
    }
    // Writes: the memory address and the data (or each buffer of a vector) in one message.
    let mut data = super::zeroed(vm, n)?;
    data.copy_from_slice(&m[..n]);
    let parts = if op & 3 == WRITEV {
        vm.roots.push(x);
        let items = vm.collect_iterable(x);
        vm.roots.pop();
        items?
    } else {
        alloc::vec![x]
    };
    for b in parts {
        let part = buf_arg(vm, b)?;
        vm.reserve(part.len())?;
        data.try_reserve(part.len()).map_err(|_| vm.no_memory())?;
        data.extend_from_slice(&part);
    }
    let acks = i2c_xfer(vm, &d, addr, &mut [I2cMsg::Write(&data)], stop)?;
    Ok(if mem {
        Value::NONE
    } else {
        Value::small_int(acks as isize)
    })
}

native_fn!(SCAN, "scan", 1, 1, |vm, a, _| {
    let d = i2c(vm, a[0])?;
    let mut found = Vec::new();
    for addr in 0x08..0x78u16 {
        match i2c_xfer(vm, &d, addr, &mut [I2cMsg::Write(&[])], true) {
            Ok(_) => found.push(Value::small_int(addr as isize)),
            Err(e) if vm.exc_is(e.0, &crate::types::exceptions::OS_ERROR) => {}
            Err(e) => return Err(e),
        }
    }
    vm.new_list(found)
});
native_fn!(
    READFROM,
    "readfrom",
    3,
    4,
    |vm, a, kw| i2c_op(vm, a, kw, READ),
    kw
);
native_fn!(
    READFROM_INTO,
    "readfrom_into",
    3,
    4,
    |vm, a, kw| i2c_op(vm, a, kw, READ_INTO),
    kw
);
native_fn!(
    WRITETO,
    "writeto",
    3,
    4,
    |vm, a, kw| i2c_op(vm, a, kw, WRITE),
    kw
);
native_fn!(
    WRITEVTO,
    "writevto",
    3,
    4,
    |vm, a, kw| i2c_op(vm, a, kw, WRITEV),
    kw
);
native_fn!(
    READFROM_MEM,
    "readfrom_mem",
    4,
    4,
    |vm, a, kw| i2c_op(vm, a, kw, READ | MEM),
    kw
);
native_fn!(
    READFROM_MEM_INTO,
    "readfrom_mem_into",
    4,
    4,
    |vm, a, kw| i2c_op(vm, a, kw, READ_INTO | MEM),
    kw
);
native_fn!(
    WRITETO_MEM,
    "writeto_mem",
    4,
    4,
    |vm, a, kw| i2c_op(vm, a, kw, WRITE | MEM),
    kw
);

/// Apply `freq` and `timeout` to I2C `v`.
fn i2c_init(vm: &mut Vm, v: Value, mut d: Dev, freq: Value, timeout: Value) -> PyResult<()> {
    let f = range_arg(vm, freq, d.cfg[2] as i64, 1, u32::MAX as i64, "freq")? as u32;
    d.cfg[2] = f;
    d.cfg[3] = range_arg(vm, timeout, d.cfg[3] as i64, 0, u32::MAX as i64, "timeout")? as u32;
    if d.cls == Cls::I2c {
        match hw(vm, |h| match h.i2c_config(d.id, f) {
            Err(ENOTSUP) => Ok(()),
            r => r,
        }) {
            Ok(()) => {}
            Err(e) => return Err(e),
        }
    }
    put(vm, v, d);
    Ok(())
}

const I2C_KW: &[Qstr] = &[q::ID, q::FREQ, q::TIMEOUT, q::SCL, q::SDA];

fn i2c_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let mut v = [Value::NULL; 5];
    parse(vm, a.get(1..).unwrap_or_default(), kw, I2C_KW, 1, &mut v)?;
    if v[0].is_null() {
        return Err(vm.type_error("I2C() needs an id"));
    }
    let id = lookup(vm, Cls::I2c, Kind::I2c, v[0])?;
    let mut d = Dev::new(Cls::I2c, id, v[0]);
    d.cfg = [NONE_PIN, NONE_PIN, 400_000, 50_000, 0];
    let o = new_dev(vm, d)?;
    vm.roots.push(o);
    let r = i2c_init(vm, o, d, v[1], v[2]);
    vm.roots.pop();
    r.map(|_| o)
}

/// The port's id of Pin `v` (for the bit-banged buses), or `NONE_PIN` for None.
fn pin_id(vm: &mut Vm, v: Value, required: bool) -> PyResult<u32> {
    if (v.is_null() || v == Value::NONE) && !required {
        return Ok(NONE_PIN);
    }
    Ok(dev(vm, v, Cls::Pin)?.id as u32)
}

fn soft_i2c_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let mut v = [Value::NULL; 4];
    let names = &[q::SCL, q::SDA, q::FREQ, q::TIMEOUT];
    parse(vm, a.get(1..).unwrap_or_default(), kw, names, 2, &mut v)?;
    let scl = pin_id(vm, v[0], true)?;
    let sda = pin_id(vm, v[1], true)?;
    let mut d = Dev::new(Cls::SoftI2c, 0, v[0]);
    d.cfg = [scl, sda, 400_000, 50_000, 0];
    for p in [scl, sda] {
        hw(vm, |h| {
            h.pin_config(p as u16, PinMode::OpenDrain, 0, Some(true))
        })?;
    }
    let o = new_dev(vm, d)?;
    vm.roots.push(o);
    let r = i2c_init(vm, o, d, v[2], v[3]);
    vm.roots.pop();
    r.map(|_| o)
}

native_fn!(
    I2C_INIT,
    "init",
    1,
    1,
    |vm, a, kw| {
        let d = i2c(vm, a[0])?;
        let mut v = [Value::NULL; 5];
        parse(vm, &[], kw, I2C_KW, 0, &mut v)?;
        i2c_init(vm, a[0], d, v[1], v[2])?;
        Ok(Value::NONE)
    },
    kw
);

/// Run `f` on the bit-banged lines of SoftI2C `v`.
fn with_lines<T>(
    vm: &mut Vm,
    v: Value,
    f: impl FnOnce(&mut Lines<'_>) -> Result<T, Errno>,
) -> PyResult<T> {
    let d = dev(vm, v, Cls::SoftI2c)?;
    hw(vm, |h| f(&mut soft_lines(h, &d, d.cfg[2])))
}

native_fn!(SI2C_START, "start", 1, 1, |vm, a, _| {
    with_lines(vm, a[0], |l| l.start())?;
    Ok(Value::NONE)
});
native_fn!(SI2C_STOP, "stop", 1, 1, |vm, a, _| {
    with_lines(vm, a[0], |l| l.stop())?;
    Ok(Value::NONE)
});
native_fn!(SI2C_READINTO, "readinto", 2, 3, |vm, a, _| {
    let nack = match a.get(2) {
        Some(&x) => vm.truthy(x)?,
        None => true,
    };
    let n = out_len(vm, a[1])?;
    let mut buf = super::zeroed(vm, n)?;
    with_lines(vm, a[0], |l| {
        for (i, b) in buf.iter_mut().enumerate() {
            *b = l.read_byte(nack && i + 1 == n)?;
        }
        Ok(())
    })?;
    store(vm, a[1], &buf);
    Ok(Value::NONE)
});
native_fn!(SI2C_WRITE, "write", 2, 2, |vm, a, _| {
    let data = buf_arg(vm, a[1])?;
    let n = with_lines(vm, a[0], |l| {
        let mut acks = 0;
        for &b in &data {
            if !l.write_byte(b)? {
                break;
            }
            acks += 1;
        }
        Ok(acks)
    })?;
    Ok(Value::small_int(n))
});

/// `machine.I2C`.
pub static I2C_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "I2C",
    base: Some(&OBJECT),
    attrs: I2C_ATTRS,
    make_new: Some(i2c_make_new),
    attr_hook: None,
    subclassable: false,
});

static I2C_ATTRS: &[(Qstr, Attr)] = &[
    (q::INIT, Attr::Fn(&I2C_INIT)),
    (q::SCAN, Attr::Fn(&SCAN)),
    (q::READFROM, Attr::Fn(&READFROM)),
    (q::READFROM_INTO, Attr::Fn(&READFROM_INTO)),
    (q::WRITETO, Attr::Fn(&WRITETO)),
    (q::WRITEVTO, Attr::Fn(&WRITEVTO)),
    (q::READFROM_MEM, Attr::Fn(&READFROM_MEM)),
    (q::READFROM_MEM_INTO, Attr::Fn(&READFROM_MEM_INTO)),
    (q::WRITETO_MEM, Attr::Fn(&WRITETO_MEM)),
    (q::__REPR__, Attr::Fn(&super::pin::REPR)),
];

/// `machine.SoftI2C`: I2C bit-banged over two Pins, with the bus primitives.
pub static SOFT_I2C_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "SoftI2C",
    base: Some(&I2C_TYPE),
    attrs: &[
        (q::START, Attr::Fn(&SI2C_START)),
        (q::STOP, Attr::Fn(&SI2C_STOP)),
        (q::READINTO, Attr::Fn(&SI2C_READINTO)),
        (q::WRITE, Attr::Fn(&SI2C_WRITE)),
    ],
    make_new: Some(soft_i2c_make_new),
    attr_hook: None,
    subclassable: false,
});

// ---- SPI ----

fn spi(vm: &mut Vm, v: Value) -> PyResult<Dev> {
    match super::any_dev(vm, v) {
        Some(d) if d.cls == Cls::SoftSpi => Ok(d),
        _ => dev(vm, v, Cls::Spi),
    }
}

fn spi_config(d: &Dev) -> SpiConfig {
    SpiConfig {
        baudrate: d.cfg[0],
        polarity: (d.cfg[1] & 1) as u8,
        phase: ((d.cfg[1] >> 1) & 1) as u8,
        bits: (d.cfg[1] >> 8) as u8,
        msb_first: d.cfg[1] & 4 == 0,
    }
}

/// Shift one byte out and one in over the SoftSPI pins.
fn soft_byte(h: &mut dyn Hardware, d: &Dev, out: u8) -> Result<u8, Errno> {
    let c = spi_config(d);
    let (sck, mosi, miso) = (d.cfg[2] as u16, d.cfg[3], d.cfg[4]);
    let half = 500_000 / c.baudrate.max(1);
    let idle = c.polarity != 0;
    let mut input = 0u8;
    for i in 0..8 {
        let bit = if c.msb_first { 7 - i } else { i };
        let level = (out >> bit) & 1 != 0;
        if c.phase == 0 {
            if mosi != NONE_PIN {
                h.pin_set(mosi as u16, level)?;
            }
            h.delay_us(half);
            h.pin_set(sck, !idle)?;
        } else {
            h.pin_set(sck, !idle)?;
            if mosi != NONE_PIN {
                h.pin_set(mosi as u16, level)?;
            }
            h.delay_us(half);
            h.pin_set(sck, idle)?;
        }
        if miso != NONE_PIN && h.pin_get(miso as u16)? {
            input |= 1 << bit;
        }
        h.delay_us(half);
        if c.phase == 0 {
            h.pin_set(sck, idle)?;
        }
    }
    Ok(input)
}

/// Send `tx` (then `fill` bytes) while receiving into `rx`.
fn spi_xfer(vm: &mut Vm, d: &Dev, tx: &[u8], rx: &mut [u8], fill: u8) -> PyResult<()> {
    hw(vm, |h| {
        if d.cls == Cls::Spi {
            return h.spi_transfer(d.id, tx, rx, fill);
        }
        for i in 0..tx.len().max(rx.len()) {
            let b = soft_byte(h, d, tx.get(i).copied().unwrap_or(fill))?;
            if let Some(r) = rx.get_mut(i) {
                *r = b;
            }
        }
        Ok(())
    })
}

const SPI_KW: &[Qstr] = &[
    q::ID,
    q::BAUDRATE,
    q::POLARITY,
    q::PHASE,
    q::BITS,
    q::FIRSTBIT,
    q::SCK,
    q::MOSI,
    q::MISO,
];

/// Apply the SPI settings `v[1..6]` (baudrate..firstbit; NULL keeps) and, for SoftSPI,
/// the pins `v[6..9]`.
fn spi_init(vm: &mut Vm, o: Value, mut d: Dev, v: &[Value; 9]) -> PyResult<()> {
    let m = d.cfg[1] as i64;
    d.cfg[0] = range_arg(vm, v[1], d.cfg[0] as i64, 1, u32::MAX as i64, "baudrate")? as u32;
    let pol = range_arg(vm, v[2], m & 1, 0, 1, "polarity")?;
    let pha = range_arg(vm, v[3], (m >> 1) & 1, 0, 1, "phase")?;
    let bits = range_arg(vm, v[4], m >> 8, 1, 32, "bits")?;
    let lsb = range_arg(vm, v[5], (m >> 2) & 1, 0, 1, "firstbit")?;
    d.cfg[1] = (pol | pha << 1 | lsb << 2 | bits << 8) as u32;
    if d.cls == Cls::SoftSpi {
        if d.cfg[1] >> 8 != 8 {
            return Err(vm.value_error("SoftSPI supports 8 bits"));
        }
        if !v[6].is_null() {
            d.cfg[2] = pin_id(vm, v[6], true)?;
        }
        for (i, p) in [(3, v[7]), (4, v[8])] {
            if !p.is_null() {
                d.cfg[i] = pin_id(vm, p, false)?;
            }
        }
        if d.cfg[2] == NONE_PIN {
            return Err(vm.value_error("SoftSPI needs sck"));
        }
        let (sck, mosi, miso) = (d.cfg[2] as u16, d.cfg[3], d.cfg[4]);
        hw(vm, |h| {
            h.pin_config(sck, PinMode::Out, 0, Some(pol != 0))?;
            if mosi != NONE_PIN {
                h.pin_config(mosi as u16, PinMode::Out, 0, Some(false))?;
            }
            if miso != NONE_PIN {
                h.pin_config(miso as u16, PinMode::In, 0, None)?;
            }
            Ok(())
        })?;
    } else {
        let c = spi_config(&d);
        hw(vm, |h| h.spi_config(d.id, &c))?;
    }
    put(vm, o, d);
    Ok(())
}

fn spi_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)], soft: bool) -> PyResult<Value> {
    let mut v = [Value::NULL; 9];
    let (names, npos) = if soft { (&SPI_KW[1..], 5) } else { (SPI_KW, 2) };
    let dst = if soft { &mut v[1..] } else { &mut v[..] };
    parse(vm, a.get(1..).unwrap_or_default(), kw, names, npos, dst)?;
    let d = if soft {
        let mut d = Dev::new(Cls::SoftSpi, 0, Value::NONE);
        d.cfg = [500_000, 8 << 8, NONE_PIN, NONE_PIN, NONE_PIN];
        d
    } else {
        if v[0].is_null() {
            return Err(vm.type_error("SPI() needs an id"));
        }
        let id = lookup(vm, Cls::Spi, Kind::Spi, v[0])?;
        let mut d = Dev::new(Cls::Spi, id, v[0]);
        d.cfg = [1_000_000, 8 << 8, NONE_PIN, NONE_PIN, NONE_PIN];
        d
    };
    let o = new_dev(vm, d)?;
    vm.roots.push(o);
    let r = spi_init(vm, o, d, &v);
    vm.roots.pop();
    r.map(|_| o)
}

fn spi_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    spi_new(vm, a, kw, false)
}

fn soft_spi_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    spi_new(vm, a, kw, true)
}

native_fn!(
    SPI_INIT,
    "init",
    1,
    6,
    |vm, a, kw| {
        let d = spi(vm, a[0])?;
        let mut v = [Value::NULL; 9];
        parse(vm, &a[1..], kw, &SPI_KW[1..], 5, &mut v[1..])?;
        spi_init(vm, a[0], d, &v)?;
        Ok(Value::NONE)
    },
    kw
);
native_fn!(SPI_DEINIT, "deinit", 1, 1, |vm, a, _| {
    spi(vm, a[0])?;
    Ok(Value::NONE)
});
native_fn!(SPI_READ, "read", 2, 3, |vm, a, _| {
    let d = spi(vm, a[0])?;
    let n = range_arg(vm, a[1], 0, 0, u16::MAX as i64, "length")? as usize;
    let fill = range_arg(
        vm,
        a.get(2).copied().unwrap_or(Value::NULL),
        0,
        0,
        255,
        "write",
    )?;
    let mut buf = super::zeroed(vm, n)?;
    spi_xfer(vm, &d, &[], &mut buf, fill as u8)?;
    vm.new_bytes(&buf)
});
native_fn!(SPI_READINTO, "readinto", 2, 3, |vm, a, _| {
    let d = spi(vm, a[0])?;
    let n = out_len(vm, a[1])?;
    let fill = range_arg(
        vm,
        a.get(2).copied().unwrap_or(Value::NULL),
        0,
        0,
        255,
        "write",
    )?;
    let mut buf = super::zeroed(vm, n)?;
    spi_xfer(vm, &d, &[], &mut buf, fill as u8)?;
    store(vm, a[1], &buf);
    Ok(Value::NONE)
});
native_fn!(SPI_WRITE, "write", 2, 2, |vm, a, _| {
    let d = spi(vm, a[0])?;
    let data = buf_arg(vm, a[1])?;
    spi_xfer(vm, &d, &data, &mut [], 0)?;
    Ok(Value::NONE)
});
native_fn!(SPI_WRITE_READINTO, "write_readinto", 3, 3, |vm, a, _| {
    let d = spi(vm, a[0])?;
    let data = buf_arg(vm, a[1])?;
    let n = out_len(vm, a[2])?;
    if n != data.len() {
        return Err(vm.value_error("buffers must be the same length"));
    }
    let mut buf = super::zeroed(vm, n)?;
    spi_xfer(vm, &d, &data, &mut buf, 0)?;
    store(vm, a[2], &buf);
    Ok(Value::NONE)
});

static SPI_ATTRS: &[(Qstr, Attr)] = &[
    (q::INIT, Attr::Fn(&SPI_INIT)),
    (q::DEINIT, Attr::Fn(&SPI_DEINIT)),
    (q::READ, Attr::Fn(&SPI_READ)),
    (q::READINTO, Attr::Fn(&SPI_READINTO)),
    (q::WRITE, Attr::Fn(&SPI_WRITE)),
    (q::WRITE_READINTO, Attr::Fn(&SPI_WRITE_READINTO)),
    (q::__REPR__, Attr::Fn(&super::pin::REPR)),
    (q::C_MSB, Attr::Int(0)),
    (q::C_LSB, Attr::Int(1)),
];

/// `machine.SPI`.
pub static SPI_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "SPI",
    base: Some(&OBJECT),
    attrs: SPI_ATTRS,
    make_new: Some(spi_make_new),
    attr_hook: None,
    subclassable: false,
});

/// `machine.SoftSPI`: SPI bit-banged over Pins.
pub static SOFT_SPI_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "SoftSPI",
    base: Some(&SPI_TYPE),
    attrs: &[],
    make_new: Some(soft_spi_make_new),
    attr_hook: None,
    subclassable: false,
});
