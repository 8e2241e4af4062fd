//! `machine.UART`: a stream over a port UART, usable with `select.poll` (and so asyncio).
//!
//! Settings: `cfg` = [baudrate, bits | parity << 8 | stop << 16, timeout ms, timeout_char ms].
//! Reads wait up to `timeout` for the first byte and `timeout_char` between bytes, sleeping
//! through the port's clock; they run queued callbacks meanwhile and stop on Ctrl-C.

use super::{buf_arg, dev, hw, lookup, new_dev, out_len, parse, put, range_arg, store, Cls, Dev};
use crate::hw::{Kind, UartConfig};
use crate::native_fn;
use crate::qstr::{q, Qstr};
use crate::statics::{Attr, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::vec::Vec;

const POLLIN: u16 = 0x01;
const POLLOUT: u16 = 0x04;

/// Stream poll of UART `v` for `events` (POLLIN, POLLOUT); None when `v` is not a UART.
pub fn poll(vm: &mut Vm, v: Value, events: u16) -> Option<u16> {
    let d = super::any_dev(vm, v).filter(|d| d.cls == Cls::Uart)?;
    let any = super::hw_opt(vm, |h| h.uart_any(d.id)).and_then(|r| r.ok());
    let rd = if any.unwrap_or(0) > 0 { POLLIN } else { 0 };
    Some((rd | POLLOUT) & events)
}

const UART_KW: &[Qstr] = &[
    q::ID,
    q::BAUDRATE,
    q::BITS,
    q::PARITY,
    q::STOP,
    q::TIMEOUT,
    q::TIMEOUT_CHAR,
];

/// Apply the settings `v[1..7]` (NULL keeps the current one).
fn uart_init(vm: &mut Vm, o: Value, mut d: Dev, v: &[Value; 7]) -> PyResult<()> {
    let m = d.cfg[1] as i64;
    let baud = range_arg(vm, v[1], d.cfg[0] as i64, 1, u32::MAX as i64, "baudrate")?;
    let bits = range_arg(vm, v[2], m & 0xff, 5, 9, "bits")?;
    // MicroPython's parity: None, 0 (even) or 1 (odd); the port's: 0 none, 1 odd, 2 even.
    let parity = if v[3].is_null() {
        (m >> 8) & 0xff
    } else if v[3] == Value::NONE {
        0
    } else {
        2 - range_arg(vm, v[3], 0, 0, 1, "parity")?
    };
    let stop = range_arg(vm, v[4], (m >> 16) & 0xff, 1, 2, "stop")?;
    d.cfg[0] = baud as u32;
    d.cfg[1] = (bits | parity << 8 | stop << 16) as u32;
    d.cfg[2] = range_arg(vm, v[5], d.cfg[2] as i64, 0, u32::MAX as i64, "timeout")? as u32;
    d.cfg[3] = range_arg(
        vm,
        v[6],
        d.cfg[3] as i64,
        0,
        u32::MAX as i64,
        "timeout_char",
    )? as u32;
    let c = UartConfig {
        baudrate: d.cfg[0],
        bits: bits as u8,
        parity: parity as u8,
        stop: stop as u8,
    };
    hw(vm, |h| h.uart_config(d.id, &c))?;
    put(vm, o, d);
    Ok(())
}

fn uart_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let mut v = [Value::NULL; 7];
    parse(vm, a.get(1..).unwrap_or_default(), kw, UART_KW, 5, &mut v)?;
    if v[0].is_null() {
        return Err(vm.type_error("UART() needs an id"));
    }
    let id = lookup(vm, Cls::Uart, Kind::Uart, v[0])?;
    let mut d = Dev::new(Cls::Uart, id, v[0]);
    d.cfg = [115_200, 8 | 1 << 16, 0, 0, 0];
    let o = new_dev(vm, d)?;
    vm.roots.push(o);
    let r = uart_init(vm, o, d, &v);
    vm.roots.pop();
    r.map(|_| o)
}

native_fn!(
    INIT,
    "init",
    1,
    5,
    |vm, a, kw| {
        let d = dev(vm, a[0], Cls::Uart)?;
        let mut v = [Value::NULL; 7];
        parse(vm, &a[1..], kw, &UART_KW[1..], 4, &mut v[1..])?;
        uart_init(vm, a[0], d, &v)?;
        Ok(Value::NONE)
    },
    kw
);

/// Read up to `max` bytes (up to a newline when `line`), waiting as the timeouts say.
fn read_wait(vm: &mut Vm, v: Value, max: usize, line: bool) -> PyResult<Vec<u8>> {
    let d = dev(vm, v, Cls::Uart)?;
    let mut out: Vec<u8> = Vec::new();
    let mut wait = d.cfg[2] as u64;
    let mut since = vm.port.ticks_ms();
    while out.len() < max {
        let mut chunk = [0u8; 32];
        let want = if line {
            1
        } else {
            (max - out.len()).min(chunk.len())
        };
        let n = hw(vm, |h| h.uart_read(d.id, &mut chunk[..want]))?.min(want);
        if n > 0 {
            vm.reserve(n)?;
            out.try_reserve(n).map_err(|_| vm.no_memory())?;
            out.extend_from_slice(&chunk[..n]);
            if line && chunk[n - 1] == b'\n' {
                break;
            }
            wait = d.cfg[3] as u64;
            since = vm.port.ticks_ms();
            continue;
        }
        if vm.port.ticks_ms().wrapping_sub(since) >= wait {
            break;
        }
        super::check_interrupt(vm)?;
        crate::modules::micropython::run_scheduled(vm)?;
        vm.port.sleep_ms(1);
    }
    Ok(out)
}

fn opt_len(vm: &mut Vm, v: Option<&Value>) -> PyResult<usize> {
    match v {
        Some(&n) if n != Value::NONE => Ok(vm.to_index(n)?.max(0) as usize),
        _ => Ok(usize::MAX),
    }
}

native_fn!(READ, "read", 1, 2, |vm, a, _| {
    let n = opt_len(vm, a.get(1))?;
    let d = read_wait(vm, a[0], n, false)?;
    if d.is_empty() && n > 0 {
        return Ok(Value::NONE);
    }
    vm.new_bytes(&d)
});
native_fn!(READLINE, "readline", 1, 1, |vm, a, _| {
    let d = read_wait(vm, a[0], usize::MAX, true)?;
    if d.is_empty() {
        return Ok(Value::NONE);
    }
    vm.new_bytes(&d)
});
native_fn!(READINTO, "readinto", 2, 3, |vm, a, _| {
    let len = out_len(vm, a[1])?;
    let n = opt_len(vm, a.get(2))?.min(len);
    let d = read_wait(vm, a[0], n, false)?;
    if d.is_empty() && n > 0 {
        return Ok(Value::NONE);
    }
    store(vm, a[1], &d);
    Ok(Value::small_int(d.len() as isize))
});
native_fn!(WRITE, "write", 2, 2, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Uart)?;
    let data = buf_arg(vm, a[1])?;
    let n = hw(vm, |h| h.uart_write(d.id, &data))?;
    Ok(Value::small_int(n as isize))
});
native_fn!(ANY, "any", 1, 1, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Uart)?;
    let n = hw(vm, |h| h.uart_any(d.id))?;
    Ok(Value::small_int(n as isize))
});
native_fn!(TXDONE, "txdone", 1, 1, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Uart)?;
    let done = hw(vm, |h| h.uart_txdone(d.id))?;
    Ok(Value::bool(done))
});
// Wait until the transmitter is empty (at most a second more than the timeout).
native_fn!(FLUSH, "flush", 1, 1, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Uart)?;
    let start = vm.port.ticks_ms();
    while !hw(vm, |h| h.uart_txdone(d.id))? {
        if vm.port.ticks_ms().wrapping_sub(start) > d.cfg[2] as u64 + 1000 {
            return Err(vm.os_error(crate::hw::ETIMEDOUT));
        }
        super::check_interrupt(vm)?;
        vm.port.sleep_ms(1);
    }
    Ok(Value::NONE)
});
native_fn!(SENDBREAK, "sendbreak", 1, 1, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Uart)?;
    hw(vm, |h| h.uart_break(d.id))?;
    Ok(Value::NONE)
});
native_fn!(DEINIT, "deinit", 1, 1, |vm, a, _| {
    dev(vm, a[0], Cls::Uart)?;
    Ok(Value::NONE)
});

/// `machine.UART`.
pub static UART_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "UART",
    base: Some(&OBJECT),
    attrs: &[
        (q::INIT, Attr::Fn(&INIT)),
        (q::DEINIT, Attr::Fn(&DEINIT)),
        (q::READ, Attr::Fn(&READ)),
        (q::READLINE, Attr::Fn(&READLINE)),
        (q::READINTO, Attr::Fn(&READINTO)),
        (q::WRITE, Attr::Fn(&WRITE)),
        (q::ANY, Attr::Fn(&ANY)),
        (q::FLUSH, Attr::Fn(&FLUSH)),
        (q::TXDONE, Attr::Fn(&TXDONE)),
        (q::SENDBREAK, Attr::Fn(&SENDBREAK)),
        (q::__REPR__, Attr::Fn(&super::pin::REPR)),
    ],
    make_new: Some(uart_make_new),
    attr_hook: None,
    subclassable: false,
});
