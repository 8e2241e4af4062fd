//! `machine.Pin`, its irq object, `Pin.board`, `Signal`, `PinBase` and `time_pulse_us`.
//!
//! A Pin keeps its mode and pull in `cfg[0]`/`cfg[1]` (`UNSET` until given) and its IRQ
//! trigger in `cfg[2]`. Signal and time_pulse_us read any pin-like object: a machine.Pin
//! directly, anything else (a PinBase subclass) through its `value()` method.

use super::{dev, hw, lookup, new_dev, parse, put, register, unregister, Cls, Dev};
use crate::hw::{Kind, PinMode};
use crate::native_fn;
use crate::obj::Obj;
use crate::qstr::q;
use crate::statics::{Attr, ModuleDef, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::string::String;
use alloc::vec::Vec;

// ---- Pin ----

const UNSET: u32 = u32::MAX;
const IN: i64 = 0;
const OUT: i64 = 1;
const OPEN_DRAIN: i64 = 2;

/// Read a pin-like object: a machine.Pin from the hardware, others by `value()`.
pub(crate) fn pin_read(vm: &mut Vm, p: Value) -> PyResult<bool> {
    match super::any_dev(vm, p) {
        Some(d) if d.cls == Cls::Pin => hw(vm, |h| h.pin_get(d.id)),
        Some(d) if d.cls == Cls::Signal => Ok(pin_read(vm, d.arg)? ^ (d.flags != 0)),
        _ => {
            let r = vm.call_method(p, q::VALUE, &[])?;
            vm.truthy(r)
        }
    }
}

/// Drive a pin-like object: a machine.Pin on the hardware, others by `value(x)`.
pub(crate) fn pin_write(vm: &mut Vm, p: Value, level: bool) -> PyResult<()> {
    match super::any_dev(vm, p) {
        Some(d) if d.cls == Cls::Pin => hw(vm, |h| h.pin_set(d.id, level)),
        Some(d) if d.cls == Cls::Signal => pin_write(vm, d.arg, level ^ (d.flags != 0)),
        _ => {
            vm.call_method(p, q::VALUE, &[Value::small_int(level as isize)])?;
            Ok(())
        }
    }
}

/// Apply `mode`, `pull` and `value` (each NULL when not given) to Pin `p`.
fn configure(vm: &mut Vm, p: Value, mode: Value, pull: Value, value: Value) -> PyResult<()> {
    let mut d = dev(vm, p, Cls::Pin)?;
    let m = super::range_arg(vm, mode, -1, -1, OPEN_DRAIN, "pin mode")?;
    let pl = if pull == Value::NONE {
        0
    } else {
        super::range_arg(vm, pull, -1, -1, 2, "pin pull")?
    };
    let level = if value.is_null() || value == Value::NONE {
        None
    } else {
        Some(vm.truthy(value)?)
    };
    if m >= 0 {
        d.cfg[0] = m as u32;
    }
    if pl >= 0 {
        d.cfg[1] = pl as u32;
    }
    if m < 0 && pl < 0 {
        if let Some(l) = level {
            hw(vm, |h| h.pin_set(d.id, l))?;
        }
        return Ok(());
    }
    let mode = match d.cfg[0] {
        1 => PinMode::Out,
        2 => PinMode::OpenDrain,
        _ => PinMode::In,
    };
    let pull = if d.cfg[1] == UNSET { 0 } else { d.cfg[1] as u8 };
    hw(vm, |h| h.pin_config(d.id, mode, pull, level))?;
    put(vm, p, d);
    Ok(())
}

/// A new Pin object for device `id`, named by `arg`.
fn new_pin(vm: &mut Vm, id: u16, arg: Value) -> PyResult<Value> {
    let mut d = Dev::new(Cls::Pin, id, arg);
    d.cfg = [UNSET, UNSET, 0, 0, 0];
    new_dev(vm, d)
}

fn pin_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let mut v = [Value::NULL; 4];
    parse(
        vm,
        a.get(1..).unwrap_or_default(),
        kw,
        &[q::ID, q::MODE, q::PULL, q::VALUE],
        3,
        &mut v,
    )?;
    if v[0].is_null() {
        return Err(vm.type_error("Pin() needs an id"));
    }
    let id = lookup(vm, Cls::Pin, Kind::Pin, v[0])?;
    let p = new_pin(vm, id, v[0])?;
    vm.roots.push(p);
    let r = configure(vm, p, v[1], v[2], v[3]);
    vm.roots.pop();
    r.map(|_| p)
}

native_fn!(
    INIT,
    "init",
    1,
    3,
    |vm, a, kw| {
        let mut v = [Value::NULL; 3];
        parse(vm, &a[1..], kw, &[q::MODE, q::PULL, q::VALUE], 2, &mut v)?;
        configure(vm, a[0], v[0], v[1], v[2])?;
        Ok(Value::NONE)
    },
    kw
);

/// `pin.value([x])` and `pin([x])`.
fn value(vm: &mut Vm, a: &[Value], cls: Cls) -> PyResult<Value> {
    let p = a.first().copied().unwrap_or(Value::NONE);
    dev(vm, p, cls)?;
    match a.get(1) {
        None => Ok(Value::small_int(pin_read(vm, p)? as isize)),
        Some(&x) => {
            let level = vm.truthy(x)?;
            pin_write(vm, p, level)?;
            Ok(Value::NONE)
        }
    }
}

native_fn!(VALUE, "value", 1, 2, |vm, a, _| value(vm, a, Cls::Pin));
native_fn!(CALL, "__call__", 1, 2, |vm, a, _| value(vm, a, Cls::Pin));
native_fn!(ON, "on", 1, 1, |vm, a, _| {
    dev(vm, a[0], Cls::Pin)?;
    pin_write(vm, a[0], true)?;
    Ok(Value::NONE)
});
native_fn!(OFF, "off", 1, 1, |vm, a, _| {
    dev(vm, a[0], Cls::Pin)?;
    pin_write(vm, a[0], false)?;
    Ok(Value::NONE)
});
native_fn!(TOGGLE, "toggle", 1, 1, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Pin)?;
    hw(vm, |h| {
        let v = h.pin_get(d.id)?;
        h.pin_set(d.id, !v)
    })?;
    Ok(Value::NONE)
});

native_fn!(
    IRQ,
    "irq",
    1,
    4,
    |vm, a, kw| {
        let p = a[0];
        let mut d = dev(vm, p, Cls::Pin)?;
        let mut v = [Value::NULL; 3];
        parse(
            vm,
            &a[1..],
            kw,
            &[q::HANDLER, q::TRIGGER, q::HARD],
            3,
            &mut v,
        )?;
        if a.len() > 1 || !kw.is_empty() {
            let trigger = super::range_arg(vm, v[1], 3, 1, 3, "trigger")? as u8;
            let handler = if v[0].is_null() { Value::NONE } else { v[0] };
            if handler == Value::NONE {
                hw(vm, |h| h.pin_irq(d.id, 0))?;
                unregister(vm, Kind::Pin, d.id);
                d.cfg[2] = 0;
            } else {
                if !crate::builtins::functions::is_callable(vm, handler) {
                    return Err(vm.type_error("handler must be callable"));
                }
                let hard = !v[2].is_null() && vm.truthy(v[2])?;
                register(vm, Kind::Pin, d.id, p, (handler, hard))?;
                if let Err(e) = hw(vm, |h| h.pin_irq(d.id, trigger)) {
                    unregister(vm, Kind::Pin, d.id);
                    return Err(e);
                }
                d.cfg[2] = trigger as u32;
            }
            put(vm, p, d);
        }
        let mut i = Dev::new(Cls::Irq, d.id, p);
        i.cfg[0] = d.cfg[2];
        new_dev(vm, i)
    },
    kw
);

native_fn!(IRQ_TRIGGER, "trigger", 1, 1, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Irq)?;
    Ok(Value::small_int(d.cfg[0] as isize))
});
// The edge that fired is not queued with the event: the level now tells which it was.
native_fn!(IRQ_FLAGS, "flags", 1, 1, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Irq)?;
    let high = hw(vm, |h| h.pin_get(d.id))?;
    let edge = if high { 1 } else { 2 };
    Ok(Value::small_int((edge & d.cfg[0]) as isize))
});

native_fn!(REPR, "__repr__", 1, 1, |vm, a, _| {
    let Some(d) = super::any_dev(vm, a[0]) else {
        return Err(vm.type_error("expected a machine object"));
    };
    let mut s = String::from(super::type_name(d.cls));
    s.push('(');
    vm.repr_into(d.arg, &mut s)?;
    if d.cls == Cls::Signal && d.flags != 0 {
        s.push_str(", invert=True");
    }
    s.push(')');
    vm.new_string(s)
});

/// The module behind `Pin.board`: a Pin for every named pin of the board.
pub static BOARD_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "machine.board",
    attrs: &[],
    init: Some(board_init),
});

fn board_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    let mut names: Vec<String> = Vec::new();
    if let Some(h) = vm.port.hardware() {
        h.names(Kind::Pin, &mut |s| names.push(String::from(s)));
    }
    for n in names {
        // A name the port lists but cannot open is left out rather than failing the lookup.
        let id = match vm.port.hardware() {
            Some(h) => h.lookup(Kind::Pin, crate::hw::Name::Str(&n)),
            None => continue,
        };
        let Ok(id) = id else { continue };
        let s = vm.new_str(&n)?;
        let p = new_pin(vm, id, s)?;
        let k = vm.intern(&n);
        vm.dict_set_str(g, k, p)?;
    }
    Ok(())
}

/// `machine.Pin`.
pub static PIN_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "Pin",
    base: Some(&OBJECT),
    attrs: &[
        (q::INIT, Attr::Fn(&INIT)),
        (q::VALUE, Attr::Fn(&VALUE)),
        (q::__CALL__, Attr::Fn(&CALL)),
        (q::ON, Attr::Fn(&ON)),
        (q::OFF, Attr::Fn(&OFF)),
        (q::TOGGLE, Attr::Fn(&TOGGLE)),
        (q::IRQ, Attr::Fn(&IRQ)),
        (q::__REPR__, Attr::Fn(&REPR)),
        (q::BOARD, Attr::Obj(&BOARD_MODULE)),
        (q::C_IN, Attr::Int(IN as isize)),
        (q::C_OUT, Attr::Int(OUT as isize)),
        (q::C_OPEN_DRAIN, Attr::Int(OPEN_DRAIN as isize)),
        (q::C_PULL_UP, Attr::Int(crate::hw::PULL_UP as isize)),
        (q::C_PULL_DOWN, Attr::Int(crate::hw::PULL_DOWN as isize)),
        (q::C_IRQ_RISING, Attr::Int(crate::hw::IRQ_RISING as isize)),
        (q::C_IRQ_FALLING, Attr::Int(crate::hw::IRQ_FALLING as isize)),
    ],
    make_new: Some(pin_make_new),
    attr_hook: None,
    subclassable: false,
});

/// The object `Pin.irq()` returns.
pub static IRQ_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "irq",
    base: Some(&OBJECT),
    attrs: &[
        (q::TRIGGER, Attr::Fn(&IRQ_TRIGGER)),
        (q::FLAGS, Attr::Fn(&IRQ_FLAGS)),
    ],
    make_new: None,
    attr_hook: None,
    subclassable: false,
});

/// `machine.PinBase`: subclass it and define `value([x])` to make a pin Signal can drive.
pub static PIN_BASE_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "PinBase",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: true,
});

// ---- Signal ----

fn signal_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let Some(&first) = a.get(1) else {
        return Err(vm.type_error("Signal() needs a pin"));
    };
    let mut invert = false;
    for &(k, v) in kw {
        if k.as_qstr() == Some(q::INVERT) {
            invert = vm.truthy(v)?;
        }
    }
    let pin_like = match super::any_dev(vm, first) {
        Some(d) => d.cls == Cls::Pin || d.cls == Cls::Signal,
        None => {
            let base = Value::from_static(&PIN_BASE_TYPE);
            matches!(vm.heap.get(first), Some(Obj::Instance(_))) && vm.isinstance(first, base)
        }
    };
    let pin = if pin_like {
        if a.len() != 2 || kw.iter().any(|(k, _)| k.as_qstr() != Some(q::INVERT)) {
            return Err(vm.type_error("Signal(pin, *, invert=False)"));
        }
        first
    } else {
        // Signal(id, mode, ..., invert=...): make the Pin; an initial value is the Signal's.
        let mut pkw: Vec<(Value, Value)> = Vec::new();
        for &(k, v) in kw {
            match k.as_qstr() {
                Some(q::INVERT) => {}
                Some(q::VALUE) if invert => {
                    let x = vm.truthy(v)?;
                    pkw.push((k, Value::small_int(!x as isize)));
                }
                _ => pkw.push((k, v)),
            }
        }
        let mut pa: Vec<Value> = Vec::new();
        pa.push(Value::from_static(&PIN_TYPE));
        pa.extend_from_slice(a.get(1..).unwrap_or_default());
        pin_make_new(vm, &pa, &pkw)?
    };
    let mut d = Dev::new(Cls::Signal, 0, pin);
    d.flags = invert as u8;
    new_dev(vm, d)
}

native_fn!(SIG_VALUE, "value", 1, 2, |vm, a, _| value(
    vm,
    a,
    Cls::Signal
));
native_fn!(SIG_CALL, "__call__", 1, 2, |vm, a, _| value(
    vm,
    a,
    Cls::Signal
));
native_fn!(SIG_ON, "on", 1, 1, |vm, a, _| {
    dev(vm, a[0], Cls::Signal)?;
    pin_write(vm, a[0], true)?;
    Ok(Value::NONE)
});
native_fn!(SIG_OFF, "off", 1, 1, |vm, a, _| {
    dev(vm, a[0], Cls::Signal)?;
    pin_write(vm, a[0], false)?;
    Ok(Value::NONE)
});

/// `machine.Signal`.
pub static SIGNAL_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "Signal",
    base: Some(&OBJECT),
    attrs: &[
        (q::VALUE, Attr::Fn(&SIG_VALUE)),
        (q::__CALL__, Attr::Fn(&SIG_CALL)),
        (q::ON, Attr::Fn(&SIG_ON)),
        (q::OFF, Attr::Fn(&SIG_OFF)),
        (q::__REPR__, Attr::Fn(&REPR)),
    ],
    make_new: Some(signal_make_new),
    attr_hook: None,
    subclassable: false,
});

native_fn!(TIME_PULSE_US_FN, "time_pulse_us", 2, 3, |vm, a, _| {
    let p = a[0];
    let mut level = vm.truthy(a[1])?;
    let timeout = match a.get(2) {
        Some(&t) => vm.to_i64(t)?.max(0) as u64,
        None => 1_000_000,
    };
    let mut changes: isize = 2;
    let mut start = vm.port.ticks_us();
    loop {
        let t = vm.port.ticks_us();
        if pin_read(vm, p)? == level {
            level = !level;
            changes -= 1;
            if changes == 0 {
                return vm.new_int(t.wrapping_sub(start) as i64);
            }
            start = t;
        } else if t.wrapping_sub(start) >= timeout {
            return Ok(Value::small_int(-changes));
        }
        super::check_interrupt(vm)?;
    }
});
