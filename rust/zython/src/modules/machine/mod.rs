//! The `machine` module: MicroPython's hardware API over the port's [`Hardware`].
//!
//! Every machine object is one [`Dev`] (class, device id, a few settings words, one Value),
//! so the classes share one native type, one downcast and one repr. The files split by class
//! group: `pin.rs` (Pin, Signal, PinBase, the irq object, time_pulse_us), `bus.rs` (I2C,
//! SoftI2C, SPI, SoftSPI), `uart.rs`, `periph.rs` (PWM, ADC, Timer, WDT, RTC).
//!
//! Without hardware (the host CLI) the module has MicroPython unix's subset: PinBase, Signal,
//! idle, time_pulse_us and soft_reset. With hardware, `init` adds the device classes.
//!
//! Callbacks (pin IRQs, timers) are kept in one list in `vm.extra_roots` under `machine`
//! (key, object, handler, hard), so the collector sees them. Interrupts only queue an
//! [`crate::hw::Event`] in the port; [`run_events`], called by
//! `micropython::run_scheduled` at safe points, takes them in order and calls
//! `handler(object)`; a handler's exception is printed and stops nothing else.

mod bus;
mod periph;
mod pin;
mod uart;

#[cfg(test)]
mod tests;

pub use uart::poll as uart_poll;

use crate::hw::{Errno, Hardware, Kind, Name, ENODEV};
use crate::modules::native;
use crate::native_fn;
use crate::obj::{NativeObject, Obj};
use crate::qstr::{q, Qstr};
use crate::statics::{Attr, ModuleDef, StaticObj};
use crate::types::exceptions as ex;
use crate::value::Value;
use crate::vm::{PyErr, PyResult, Vm};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;

// ---- objects, arguments, names ----

/// The class of a [`Dev`] (index into [`TYPES`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Cls {
    Pin,
    Irq,
    Signal,
    I2c,
    SoftI2c,
    Spi,
    SoftSpi,
    Uart,
    Pwm,
    Adc,
    Timer,
    Wdt,
    Rtc,
}

/// The Python type of each [`Cls`], in order.
static TYPES: [&StaticObj; 13] = [
    &pin::PIN_TYPE,
    &pin::IRQ_TYPE,
    &pin::SIGNAL_TYPE,
    &bus::I2C_TYPE,
    &bus::SOFT_I2C_TYPE,
    &bus::SPI_TYPE,
    &bus::SOFT_SPI_TYPE,
    &uart::UART_TYPE,
    &periph::PWM_TYPE,
    &periph::ADC_TYPE,
    &periph::TIMER_TYPE,
    &periph::WDT_TYPE,
    &periph::RTC_TYPE,
];

/// One machine object: its class, the port's device id, class-specific settings and one
/// Value (the name it was made with, a Signal's pin, an irq's pin).
#[derive(Clone, Copy, Debug)]
pub struct Dev {
    pub(crate) cls: Cls,
    pub(crate) flags: u8,
    pub(crate) id: u16,
    pub(crate) cfg: [u32; 5],
    pub(crate) arg: Value,
}

impl Dev {
    pub(crate) fn new(cls: Cls, id: u16, arg: Value) -> Dev {
        Dev {
            cls,
            flags: 0,
            id,
            cfg: [0; 5],
            arg,
        }
    }
}

impl NativeObject for Dev {
    fn type_obj(&self) -> &'static StaticObj {
        TYPES[self.cls as usize]
    }
    fn trace(&self, out: &mut dyn FnMut(Value)) {
        out(self.arg);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

fn type_name(cls: Cls) -> &'static str {
    match TYPES[cls as usize] {
        StaticObj::Type(t) => t.name,
        _ => "",
    }
}

/// The [`Dev`] of class `cls` behind `v`, or TypeError.
pub(crate) fn dev(vm: &mut Vm, v: Value, cls: Cls) -> PyResult<Dev> {
    match native::get::<Dev>(vm, v) {
        Some(d) if d.cls == cls => Ok(*d),
        _ => {
            let mut m = String::from("expected a ");
            m.push_str(type_name(cls));
            Err(vm.type_error(&m))
        }
    }
}

/// The [`Dev`] behind `v` of any class.
pub(crate) fn any_dev(vm: &Vm, v: Value) -> Option<Dev> {
    native::get::<Dev>(vm, v).copied()
}

/// Store changed settings back into `v`.
pub(crate) fn put(vm: &mut Vm, v: Value, d: Dev) {
    if let Some(x) = native::get_mut::<Dev>(vm, v) {
        *x = d;
    }
}

/// A new Python object for `d`.
pub(crate) fn new_dev(vm: &mut Vm, d: Dev) -> PyResult<Value> {
    vm.reserve(core::mem::size_of::<Dev>())?;
    vm.alloc(Obj::Native(Box::new(d)))
}

/// Run `f` on the port's hardware; errno failures become OSError, no hardware is ENODEV.
pub(crate) fn hw<T>(
    vm: &mut Vm,
    f: impl FnOnce(&mut dyn Hardware) -> Result<T, Errno>,
) -> PyResult<T> {
    let r = match vm.port.hardware() {
        Some(h) => f(h),
        None => Err(ENODEV),
    };
    r.map_err(|e| vm.os_error(e))
}

/// Run `f` on the hardware when there is some (for calls that cannot fail).
pub(crate) fn hw_opt<T>(vm: &mut Vm, f: impl FnOnce(&mut dyn Hardware) -> T) -> Option<T> {
    vm.port.hardware().map(f)
}

/// A device name copied out of the heap, so the hardware can be called with it.
pub(crate) struct NameArg {
    buf: [u8; 40],
    len: usize,
    num: i32,
    kind: u8,
}

impl NameArg {
    pub(crate) fn name(&self) -> Name<'_> {
        let s = self
            .buf
            .get(..self.len)
            .and_then(|b| core::str::from_utf8(b).ok())
            .unwrap_or("");
        match self.kind {
            0 => Name::Str(s),
            1 => Name::Pair(s, self.num as u32),
            _ => Name::Num(self.num),
        }
    }
}

/// Parse a device name: a str, a `(str, int)` pair or an int. `None` when the text is too
/// long to be any board's name.
fn name_arg(vm: &mut Vm, v: Value) -> PyResult<Option<NameArg>> {
    let mut n = NameArg {
        buf: [0; 40],
        len: 0,
        num: 0,
        kind: 2,
    };
    let (text, num) = if let Some(s) = vm.str_data(v) {
        (Some(s), None)
    } else if let Some(Obj::Tuple(t)) = vm.heap.get(v) {
        match (t.first().copied(), t.get(1).copied(), t.len()) {
            (Some(a), Some(b), 2) if b.is_small_int() => (vm.str_data(a), b.as_small_int()),
            _ => (None, None),
        }
    } else {
        (None, v.as_small_int())
    };
    let (text, num) = match (text, num) {
        (None, None) => {
            return Err(vm.type_error("device id must be a name, a (name, number) pair or a number"))
        }
        x => x,
    };
    if let Some(num) = num {
        match i32::try_from(num) {
            Ok(x) if text.is_none() || x >= 0 => n.num = x,
            _ => return Ok(None),
        }
    }
    if let Some(s) = text {
        let Some(dst) = n.buf.get_mut(..s.len()) else {
            return Ok(None);
        };
        dst.copy_from_slice(s.as_bytes());
        n.len = s.len();
        n.kind = if num.is_some() { 1 } else { 0 };
    }
    Ok(Some(n))
}

/// Look a device of `kind` up by the Python name `v`; an unknown name is a ValueError
/// listing the names the board has, other port errors are OSError.
pub(crate) fn lookup(vm: &mut Vm, cls: Cls, kind: Kind, v: Value) -> PyResult<u16> {
    let r = match name_arg(vm, v)? {
        Some(n) => match vm.port.hardware() {
            Some(h) => h.lookup(kind, n.name()),
            None => Err(ENODEV),
        },
        None => Err(ENODEV),
    };
    match r {
        Ok(id) => Ok(id),
        Err(ENODEV) => {
            let mut m = String::from(type_name(cls));
            m.push(' ');
            vm.repr_into(v, &mut m)?;
            m.push_str(" not found; this board has: ");
            let start = m.len();
            if let Some(h) = vm.port.hardware() {
                h.names(kind, &mut |s| {
                    if m.len() > start {
                        m.push_str(", ");
                    }
                    m.push_str(s);
                });
            }
            if m.len() == start {
                m.push_str("none");
            }
            Err(vm.value_error(&m))
        }
        Err(e) => Err(vm.os_error(e)),
    }
}

/// Fill `out` from up to `npos` positional arguments, then keyword arguments by `names`
/// (`out[i]` is NULL when argument `i` was not given).
pub(crate) fn parse(
    vm: &mut Vm,
    a: &[Value],
    kw: &[(Value, Value)],
    names: &[Qstr],
    npos: usize,
    out: &mut [Value],
) -> PyResult<()> {
    if a.len() > npos.min(out.len()) {
        return Err(vm.type_error("too many positional arguments"));
    }
    for (o, &v) in out.iter_mut().zip(a) {
        *o = v;
    }
    for &(k, v) in kw {
        let i = names.iter().position(|&n| Some(n) == k.as_qstr());
        match i.and_then(|i| out.get_mut(i)) {
            Some(o) if o.is_null() => *o = v,
            Some(_) => return Err(vm.type_error("argument given twice")),
            None => return Err(vm.type_error("unexpected keyword argument")),
        }
    }
    Ok(())
}

/// An int argument (`default` when not given or None).
pub(crate) fn int_arg(vm: &mut Vm, v: Value, default: i64) -> PyResult<i64> {
    if v.is_null() || v == Value::NONE {
        Ok(default)
    } else {
        vm.to_i64(v)
    }
}

/// An int argument in `lo..=hi`, else ValueError "bad `what`".
pub(crate) fn range_arg(
    vm: &mut Vm,
    v: Value,
    default: i64,
    lo: i64,
    hi: i64,
    what: &str,
) -> PyResult<i64> {
    let x = int_arg(vm, v, default)?;
    if x < lo || x > hi {
        let mut m = String::from("bad ");
        m.push_str(what);
        return Err(vm.value_error(&m));
    }
    Ok(x)
}

/// Copy of the bytes of a buffer argument (or of a str's UTF-8, as MicroPython), or TypeError.
pub(crate) fn buf_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(s) = vm.str_data(v) {
        return Ok(s.as_bytes().to_vec());
    }
    match native::buffer(vm, v) {
        Some(b) => Ok(b),
        None => Err(vm.type_error("object with buffer protocol required")),
    }
}

/// The length of a writable buffer argument, or TypeError.
pub(crate) fn out_len(vm: &mut Vm, v: Value) -> PyResult<usize> {
    match crate::types::memoryview::writable_region(vm, v) {
        Some((_, _, len)) => Ok(len),
        None => Err(vm.type_error("object with buffer protocol required")),
    }
}

/// Copy `data` into the writable buffer `v` (from its start).
pub(crate) fn store(vm: &mut Vm, v: Value, data: &[u8]) {
    if let Some((obj, off, _)) = crate::types::memoryview::writable_region(vm, v) {
        if let Some(dst) = crate::types::memoryview::raw_mut(vm, obj)
            .and_then(|b| b.get_mut(off..off + data.len()))
        {
            dst.copy_from_slice(data);
        }
    }
}

/// A zeroed byte vector of `n`, allocated fallibly.
pub(crate) fn zeroed(vm: &mut Vm, n: usize) -> PyResult<Vec<u8>> {
    vm.reserve(n)?;
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| vm.no_memory())?;
    v.resize(n, 0);
    Ok(v)
}

/// Append the decimal digits of `n`.
pub(crate) fn push_num(s: &mut String, mut n: u64) {
    let mut d = [0u8; 20];
    let mut i = d.len();
    loop {
        i -= 1;
        d[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    for &c in d.get(i..).unwrap_or_default() {
        s.push(c as char);
    }
}

/// Raise KeyboardInterrupt when Ctrl-C is pending (for waits inside native code).
pub(crate) fn check_interrupt(vm: &mut Vm) -> PyResult<()> {
    if crate::interrupt::take() {
        return Err(vm.new_exception(&ex::KEYBOARD_INTERRUPT, ""));
    }
    Ok(())
}

// ---- callbacks ----

fn table(vm: &Vm) -> Option<Value> {
    let key = Value::qstr(q::MACHINE);
    let h = vm.qstrs.hash(q::MACHINE);
    let p = vm.extra_roots.find_identical(h, key)?;
    vm.extra_roots.entry(p).map(|e| e.value)
}

fn event_key(kind: Kind, id: u16) -> Value {
    Value::small_int(((kind as isize) << 16) | id as isize)
}

/// Values per registration in the table: key, object, handler, hard.
const SLOTS: usize = 4;

/// Keep `handler` (None allowed: a running timer without callback) for device (kind, id),
/// to be called as `handler(obj)`, with the heap locked when `hard` (as MicroPython's hard
/// IRQ handlers, which cannot allocate); replaces an earlier registration.
pub(crate) fn register(
    vm: &mut Vm,
    kind: Kind,
    id: u16,
    obj: Value,
    (handler, hard): (Value, bool),
) -> PyResult<()> {
    let t = match table(vm) {
        Some(t) => t,
        None => {
            let l = vm.new_list(Vec::new())?;
            let (h, key) = (vm.qstrs.hash(q::MACHINE), Value::qstr(q::MACHINE));
            let r = vm.extra_roots.push_new(h, key, l);
            vm.mem(r)?;
            l
        }
    };
    let key = event_key(kind, id);
    let entry = [key, obj, handler, Value::bool(hard)];
    vm.reserve(SLOTS * core::mem::size_of::<Value>())?;
    let ok = match vm.heap.get_mut(t) {
        Some(Obj::List(l)) => {
            let at = (0..l.len())
                .step_by(SLOTS)
                .find(|&i| l.get(i) == Some(&key));
            if let Some(s) = at.and_then(|i| l.get_mut(i..i + SLOTS)) {
                s.copy_from_slice(&entry);
                true
            } else if l.try_reserve(SLOTS).is_ok() {
                l.extend_from_slice(&entry);
                true
            } else {
                false
            }
        }
        _ => true,
    };
    if !ok {
        return Err(vm.no_memory());
    }
    Ok(())
}

/// Forget the handler of device (kind, id).
pub(crate) fn unregister(vm: &mut Vm, kind: Kind, id: u16) {
    let key = event_key(kind, id);
    if let Some(t) = table(vm) {
        if let Some(Obj::List(l)) = vm.heap.get_mut(t) {
            if let Some(i) = (0..l.len())
                .step_by(SLOTS)
                .find(|&i| l.get(i) == Some(&key))
            {
                l.drain(i..(i + SLOTS).min(l.len()));
            }
        }
    }
}

/// The (object, handler, hard) registered for device (kind, id).
fn handler_for(vm: &Vm, kind: Kind, id: u16) -> Option<(Value, Value, bool)> {
    let key = event_key(kind, id);
    match vm.heap.get(table(vm)?)? {
        Obj::List(l) => l
            .chunks(SLOTS)
            .find(|c| c.first() == Some(&key))
            .and_then(|c| Some((*c.get(1)?, *c.get(2)?, *c.get(3)? == Value::TRUE))),
        _ => None,
    }
}

/// Run the handlers of the queued hardware events, oldest first (called at safe points by
/// `micropython::run_scheduled`). A handler's exception is printed; the others still run.
/// Events dropped by a full queue are reported once per call on the error stream.
pub fn run_events(vm: &mut Vm) {
    let lost = hw_opt(vm, |h| h.lost_events()).unwrap_or(0);
    if lost > 0 {
        let mut m = String::from("machine: ");
        push_num(&mut m, lost as u64);
        m.push_str(" interrupt events lost (queue full)\n");
        if vm.crlf {
            m = m.replace('\n', "\r\n");
        }
        vm.port.write_err(m.as_bytes());
    }
    while let Some(ev) = hw_opt(vm, |h| h.take_event()).flatten() {
        let Some((obj, f, hard)) = handler_for(vm, ev.kind, ev.id) else {
            continue;
        };
        if f == Value::NONE {
            continue;
        }
        // The handler may unregister itself: keep both alive while it runs.
        let base = vm.roots.len();
        vm.roots.push(obj);
        vm.roots.push(f);
        let depth = vm.heap.lock_depth;
        vm.heap.lock_depth = depth.saturating_add(hard as u32);
        let r = vm.call(f, &[obj], &[]);
        vm.heap.lock_depth = depth;
        if let Err(PyErr(e)) = r {
            vm.print_exception(e);
        }
        vm.roots.truncate(base);
    }
}

/// Stop every timer and pin interrupt Python started and drop queued events (soft reset).
pub fn soft_reset(vm: &mut Vm) {
    let keys: Vec<Value> = match table(vm).and_then(|t| vm.heap.get(t)) {
        Some(Obj::List(l)) => l.iter().step_by(SLOTS).copied().collect(),
        _ => Vec::new(),
    };
    let Some(h) = vm.port.hardware() else { return };
    for k in keys {
        let k = k.as_small_int().unwrap_or(0);
        let id = (k & 0xffff) as u16;
        match k >> 16 {
            x if x == Kind::Timer as isize => h.timer_stop(id),
            x if x == Kind::Pin as isize => {
                let _ = h.pin_irq(id, 0);
            }
            _ => {}
        }
    }
    while h.take_event().is_some() {}
    h.lost_events();
}

// ---- module functions ----

native_fn!(IDLE_FN, "idle", 0, 0, |vm, _, _| {
    hw_opt(vm, |h| h.idle());
    Ok(Value::NONE)
});
native_fn!(LIGHTSLEEP, "lightsleep", 0, 1, |vm, a, _| {
    let ms = match a.first() {
        Some(&v) => range_arg(vm, v, 0, 0, u32::MAX as i64, "sleep time")? as u32,
        None => u32::MAX,
    };
    hw_opt(vm, |h| h.light_sleep(ms));
    Ok(Value::NONE)
});
native_fn!(DEEPSLEEP, "deepsleep", 0, 1, |vm, a, _| {
    let ms = match a.first() {
        Some(&v) => range_arg(vm, v, 0, 0, u32::MAX as i64, "sleep time")? as u32,
        None => u32::MAX,
    };
    hw_opt(vm, |h| h.deep_sleep(ms));
    Err(vm.os_error(crate::hw::ENOTSUP))
});
native_fn!(RESET_FN, "reset", 0, 0, |vm, _, _| {
    hw_opt(vm, |h| h.reset());
    Err(vm.os_error(crate::hw::ENOTSUP))
});
native_fn!(BOOTLOADER_FN, "bootloader", 0, 1, |vm, _, _| {
    hw_opt(vm, |h| h.bootloader());
    Err(vm.os_error(crate::hw::ENOTSUP))
});
native_fn!(RESET_CAUSE_FN, "reset_cause", 0, 0, |vm, _, _| {
    let c = hw_opt(vm, |h| h.reset_cause()).unwrap_or(crate::hw::reset_cause::PWRON);
    Ok(Value::small_int(c as isize))
});
native_fn!(UNIQUE_ID_FN, "unique_id", 0, 0, |vm, _, _| {
    let mut b = [0u8; 32];
    let n = hw_opt(vm, |h| h.unique_id(&mut b))
        .unwrap_or(0)
        .min(b.len());
    vm.new_bytes(b.get(..n).unwrap_or_default())
});
native_fn!(FREQ_FN, "freq", 0, 1, |vm, a, _| {
    if !a.is_empty() {
        return Err(vm.os_error(crate::hw::ENOTSUP));
    }
    let f = hw_opt(vm, |h| h.cpu_freq()).unwrap_or(0);
    vm.new_int(f as i64)
});
native_fn!(DISABLE_IRQ_FN, "disable_irq", 0, 0, |vm, _, _| {
    let s = hw_opt(vm, |h| h.disable_irq()).unwrap_or(0);
    vm.new_int(s as i64)
});
native_fn!(ENABLE_IRQ_FN, "enable_irq", 0, 1, |vm, a, _| {
    let s = match a.first() {
        Some(&v) => vm.to_i64(v)? as u32,
        None => 0,
    };
    hw_opt(vm, |h| h.enable_irq(s));
    Ok(Value::NONE)
});

/// What every port has (MicroPython unix's subset).
static MACHINE_ATTRS: &[(Qstr, Attr)] = &[
    (q::T_PIN_BASE, Attr::Obj(&pin::PIN_BASE_TYPE)),
    (q::T_SIGNAL, Attr::Obj(&pin::SIGNAL_TYPE)),
    (q::IDLE, Attr::Fn(&IDLE_FN)),
    (q::TIME_PULSE_US, Attr::Fn(&pin::TIME_PULSE_US_FN)),
    (q::SOFT_RESET, Attr::Fn(&crate::modules::sys::EXIT)),
];

/// Added when the port has hardware.
static HW_ATTRS: &[(Qstr, Attr)] = &[
    (q::T_PIN, Attr::Obj(&pin::PIN_TYPE)),
    (q::T_I2C, Attr::Obj(&bus::I2C_TYPE)),
    (q::T_SOFT_I2C, Attr::Obj(&bus::SOFT_I2C_TYPE)),
    (q::T_SPI, Attr::Obj(&bus::SPI_TYPE)),
    (q::T_SOFT_SPI, Attr::Obj(&bus::SOFT_SPI_TYPE)),
    (q::T_UART, Attr::Obj(&uart::UART_TYPE)),
    (q::T_PWM, Attr::Obj(&periph::PWM_TYPE)),
    (q::T_ADC, Attr::Obj(&periph::ADC_TYPE)),
    (q::T_TIMER, Attr::Obj(&periph::TIMER_TYPE)),
    (q::T_WDT, Attr::Obj(&periph::WDT_TYPE)),
    (q::T_RTC, Attr::Obj(&periph::RTC_TYPE)),
    (q::RESET, Attr::Fn(&RESET_FN)),
    (q::RESET_CAUSE, Attr::Fn(&RESET_CAUSE_FN)),
    (q::UNIQUE_ID, Attr::Fn(&UNIQUE_ID_FN)),
    (q::FREQ, Attr::Fn(&FREQ_FN)),
    (q::LIGHTSLEEP, Attr::Fn(&LIGHTSLEEP)),
    (q::DEEPSLEEP, Attr::Fn(&DEEPSLEEP)),
    (q::DISABLE_IRQ, Attr::Fn(&DISABLE_IRQ_FN)),
    (q::ENABLE_IRQ, Attr::Fn(&ENABLE_IRQ_FN)),
    (q::BOOTLOADER, Attr::Fn(&BOOTLOADER_FN)),
    (
        q::C_PWRON_RESET,
        Attr::Int(crate::hw::reset_cause::PWRON as isize),
    ),
    (
        q::C_HARD_RESET,
        Attr::Int(crate::hw::reset_cause::HARD as isize),
    ),
    (
        q::C_WDT_RESET,
        Attr::Int(crate::hw::reset_cause::WDT as isize),
    ),
    (
        q::C_DEEPSLEEP_RESET,
        Attr::Int(crate::hw::reset_cause::DEEPSLEEP as isize),
    ),
    (
        q::C_SOFT_RESET,
        Attr::Int(crate::hw::reset_cause::SOFT as isize),
    ),
];

fn machine_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    if vm.port.hardware().is_some() {
        for &(k, a) in HW_ATTRS {
            let v = match a {
                Attr::Obj(o) | Attr::Fn(o) => Value::from_static(o),
                Attr::Int(i) => Value::small_int(i),
                _ => Value::NONE,
            };
            vm.dict_set_str(g, k, v)?;
        }
    }
    Ok(())
}

/// The `machine` module.
pub static MACHINE_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "machine",
    attrs: MACHINE_ATTRS,
    init: Some(machine_init),
});
