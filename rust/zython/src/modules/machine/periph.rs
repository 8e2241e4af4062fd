//! `machine.PWM`, `ADC`, `Timer`, `WDT` and `RTC`.
//!
//! PWM `cfg` = [period_ns, pulse_ns, duty_u16, which duty was set last (0 none, 1 u16,
//! 2 ns)]: changing the frequency keeps the duty the way it was given, as MicroPython does.
//! Timer callbacks are registered in the machine callback table under (Timer, id).

use super::{dev, hw, int_arg, lookup, new_dev, parse, put, range_arg, register, unregister};
use super::{Cls, Dev};
use crate::hw::Kind;
use crate::native_fn;
use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::statics::{Attr, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// How a class's constructor takes its arguments: class, device kind, argument names
/// (`names[0]` is the id), how many may be positional, the id when none is given (NULL: required).
struct Spec(Cls, Kind, &'static [Qstr], usize, Value);

/// Make a Dev as `spec` says; `v` receives the arguments.
fn make(
    vm: &mut Vm,
    a: &[Value],
    kw: &[(Value, Value)],
    spec: Spec,
    v: &mut [Value],
) -> PyResult<(Value, Dev)> {
    let Spec(cls, kind, names, npos, default) = spec;
    parse(vm, a.get(1..).unwrap_or_default(), kw, names, npos, v)?;
    let name = match v.first() {
        Some(&x) if !x.is_null() => x,
        _ if !default.is_null() => default,
        _ => return Err(vm.type_error("missing device id")),
    };
    let id = lookup(vm, cls, kind, name)?;
    let d = Dev::new(cls, id, name);
    Ok((new_dev(vm, d)?, d))
}

// ---- PWM ----

const PWM_KW: &[Qstr] = &[q::ID, q::FREQ, q::DUTY_U16, q::DUTY_NS];

/// Apply `freq`, `duty_u16`, `duty_ns` (NULL keeps) and drive the output.
fn pwm_set(vm: &mut Vm, o: Value, mut d: Dev, freq: Value, u16v: Value, ns: Value) -> PyResult<()> {
    if !freq.is_null() {
        let f = vm.to_f64(freq)?;
        let clock = super::hw_opt(vm, |h| h.pwm_clock(d.id))
            .and_then(|r| r.ok())
            .unwrap_or(1_000_000_000);
        if !(f >= 1.0 && f <= clock as f64) {
            return Err(vm.value_error("freq out of range"));
        }
        d.cfg[0] = (1e9 / f) as u32;
    }
    if !u16v.is_null() {
        d.cfg[2] = range_arg(vm, u16v, 0, 0, 65535, "duty_u16")? as u32;
        d.cfg[3] = 1;
    }
    if !ns.is_null() {
        d.cfg[1] = range_arg(vm, ns, 0, 0, u32::MAX as i64, "duty_ns")? as u32;
        d.cfg[3] = 2;
    }
    let period = d.cfg[0];
    if d.cfg[3] == 1 {
        d.cfg[1] = ((period as u64 * d.cfg[2] as u64) / 65535) as u32;
    }
    if period > 0 && d.cfg[3] != 0 {
        let pulse = d.cfg[1].min(period);
        hw(vm, |h| h.pwm_set(d.id, period, pulse))?;
    }
    put(vm, o, d);
    Ok(())
}

fn pwm_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let mut v = [Value::NULL; 4];
    let spec = Spec(Cls::Pwm, Kind::Pwm, PWM_KW, 1, Value::NULL);
    let (o, d) = make(vm, a, kw, spec, &mut v)?;
    vm.roots.push(o);
    let r = pwm_set(vm, o, d, v[1], v[2], v[3]);
    vm.roots.pop();
    r.map(|_| o)
}

native_fn!(
    PWM_INIT,
    "init",
    1,
    1,
    |vm, a, kw| {
        let d = dev(vm, a[0], Cls::Pwm)?;
        let mut v = [Value::NULL; 4];
        parse(vm, &[], kw, PWM_KW, 0, &mut v)?;
        pwm_set(vm, a[0], d, v[1], v[2], v[3])?;
        Ok(Value::NONE)
    },
    kw
);
native_fn!(PWM_DEINIT, "deinit", 1, 1, |vm, a, _| {
    let mut d = dev(vm, a[0], Cls::Pwm)?;
    hw(vm, |h| h.pwm_set(d.id, 0, 0))?;
    d.cfg[3] = 0;
    put(vm, a[0], d);
    Ok(Value::NONE)
});
native_fn!(PWM_FREQ, "freq", 1, 2, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Pwm)?;
    match a.get(1) {
        Some(&f) => pwm_set(vm, a[0], d, f, Value::NULL, Value::NULL).map(|_| Value::NONE),
        None if d.cfg[0] == 0 => Ok(Value::small_int(0)),
        None => vm.new_int(((1e9 / d.cfg[0] as f64) + 0.5) as i64),
    }
});
native_fn!(PWM_DUTY_U16, "duty_u16", 1, 2, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Pwm)?;
    match a.get(1) {
        Some(&x) => pwm_set(vm, a[0], d, Value::NULL, x, Value::NULL).map(|_| Value::NONE),
        None if d.cfg[3] == 1 || d.cfg[0] == 0 => Ok(Value::small_int(d.cfg[2] as isize)),
        None => {
            let u = (d.cfg[1].min(d.cfg[0]) as u64 * 65535 + d.cfg[0] as u64 / 2) / d.cfg[0] as u64;
            Ok(Value::small_int(u as isize))
        }
    }
});
native_fn!(PWM_DUTY_NS, "duty_ns", 1, 2, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Pwm)?;
    match a.get(1) {
        Some(&x) => pwm_set(vm, a[0], d, Value::NULL, Value::NULL, x).map(|_| Value::NONE),
        None => vm.new_int(d.cfg[1] as i64),
    }
});

/// `machine.PWM`.
pub static PWM_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "PWM",
    base: Some(&OBJECT),
    attrs: &[
        (q::INIT, Attr::Fn(&PWM_INIT)),
        (q::DEINIT, Attr::Fn(&PWM_DEINIT)),
        (q::FREQ, Attr::Fn(&PWM_FREQ)),
        (q::DUTY_U16, Attr::Fn(&PWM_DUTY_U16)),
        (q::DUTY_NS, Attr::Fn(&PWM_DUTY_NS)),
        (q::__REPR__, Attr::Fn(&super::pin::REPR)),
    ],
    make_new: Some(pwm_make_new),
    attr_hook: None,
    subclassable: false,
});

// ---- ADC ----

fn adc_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let mut v = [Value::NULL; 1];
    let spec = Spec(Cls::Adc, Kind::Adc, &[q::ID], 1, Value::NULL);
    make(vm, a, kw, spec, &mut v).map(|(o, _)| o)
}

native_fn!(ADC_READ_U16, "read_u16", 1, 1, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Adc)?;
    let (raw, _) = hw(vm, |h| h.adc_read(d.id))?;
    Ok(Value::small_int(raw as isize))
});
native_fn!(ADC_READ_UV, "read_uv", 1, 1, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Adc)?;
    let (_, uv) = hw(vm, |h| h.adc_read(d.id))?;
    vm.new_int(uv as i64)
});

/// `machine.ADC`.
pub static ADC_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "ADC",
    base: Some(&OBJECT),
    attrs: &[
        (q::READ_U16, Attr::Fn(&ADC_READ_U16)),
        (q::READ_UV, Attr::Fn(&ADC_READ_UV)),
        (q::__REPR__, Attr::Fn(&super::pin::REPR)),
    ],
    make_new: Some(adc_make_new),
    attr_hook: None,
    subclassable: false,
});

// ---- Timer ----

const ONE_SHOT: i64 = 0;
const PERIODIC: i64 = 1;
const TIMER_KW: &[Qstr] = &[
    q::ID,
    q::MODE,
    q::PERIOD,
    q::TICK_HZ,
    q::FREQ,
    q::CALLBACK,
    q::HARD,
];

/// (Re)start Timer `o` with the arguments `v[1..7]` (mode, period, tick_hz, freq,
/// callback, hard). A hard callback runs at a safe point too, but with the heap locked.
fn timer_init(vm: &mut Vm, o: Value, d: Dev, v: &[Value; 7]) -> PyResult<()> {
    let mode = range_arg(vm, v[1], PERIODIC, ONE_SHOT, PERIODIC, "mode")?;
    let period_us = if !v[4].is_null() && v[4] != Value::NONE {
        let f = vm.to_f64(v[4])?;
        if !(f > 0.0 && f <= 1e6) {
            return Err(vm.value_error("freq out of range"));
        }
        (1e6 / f) as u64
    } else {
        let period = int_arg(vm, v[2], 0xffff_ffff)?;
        let tick_hz = range_arg(vm, v[3], 1000, 1, 1_000_000, "tick_hz")?;
        if period < 0 {
            return Err(vm.value_error("period must be positive"));
        }
        (period as u64).saturating_mul(1_000_000) / tick_hz as u64
    };
    let cb = if v[5].is_null() { Value::NONE } else { v[5] };
    if cb != Value::NONE && !crate::builtins::functions::is_callable(vm, cb) {
        return Err(vm.type_error("callback must be callable"));
    }
    hw(vm, |h| {
        h.timer_stop(d.id);
        Ok(())
    })?;
    let hard = !v[6].is_null() && vm.truthy(v[6])?;
    register(vm, Kind::Timer, d.id, o, (cb, hard))?;
    let r = hw(vm, |h| {
        h.timer_start(d.id, period_us.max(1), mode == PERIODIC)
    });
    if r.is_err() {
        unregister(vm, Kind::Timer, d.id);
    }
    r
}

fn timer_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let mut v = [Value::NULL; 7];
    let spec = Spec(Cls::Timer, Kind::Timer, TIMER_KW, 1, Value::small_int(-1));
    let (o, d) = make(vm, a, kw, spec, &mut v)?;
    if v[1..].iter().all(|x| x.is_null()) {
        return Ok(o);
    }
    vm.roots.push(o);
    let r = timer_init(vm, o, d, &v);
    vm.roots.pop();
    r.map(|_| o)
}

native_fn!(
    TIMER_INIT,
    "init",
    1,
    1,
    |vm, a, kw| {
        let d = dev(vm, a[0], Cls::Timer)?;
        let mut v = [Value::NULL; 7];
        parse(vm, &[], kw, TIMER_KW, 0, &mut v)?;
        timer_init(vm, a[0], d, &v)?;
        Ok(Value::NONE)
    },
    kw
);
native_fn!(TIMER_DEINIT, "deinit", 1, 1, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Timer)?;
    super::hw_opt(vm, |h| h.timer_stop(d.id));
    unregister(vm, Kind::Timer, d.id);
    Ok(Value::NONE)
});

/// `machine.Timer`.
pub static TIMER_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "Timer",
    base: Some(&OBJECT),
    attrs: &[
        (q::INIT, Attr::Fn(&TIMER_INIT)),
        (q::DEINIT, Attr::Fn(&TIMER_DEINIT)),
        (q::__DEL__, Attr::Fn(&TIMER_DEINIT)),
        (q::__REPR__, Attr::Fn(&super::pin::REPR)),
        (q::C_ONE_SHOT, Attr::Int(ONE_SHOT as isize)),
        (q::C_PERIODIC, Attr::Int(PERIODIC as isize)),
    ],
    make_new: Some(timer_make_new),
    attr_hook: None,
    subclassable: false,
});

// ---- WDT ----

fn wdt_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let mut v = [Value::NULL; 2];
    let spec = Spec(
        Cls::Wdt,
        Kind::Wdt,
        &[q::ID, q::TIMEOUT],
        2,
        Value::small_int(0),
    );
    let (o, d) = make(vm, a, kw, spec, &mut v)?;
    let t = range_arg(vm, v[1], 5000, 1, u32::MAX as i64, "timeout")? as u32;
    hw(vm, |h| h.wdt_start(d.id, t))?;
    Ok(o)
}

native_fn!(WDT_FEED, "feed", 1, 1, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Wdt)?;
    hw(vm, |h| h.wdt_feed(d.id))?;
    Ok(Value::NONE)
});

/// `machine.WDT`.
pub static WDT_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "WDT",
    base: Some(&OBJECT),
    attrs: &[
        (q::FEED, Attr::Fn(&WDT_FEED)),
        (q::__REPR__, Attr::Fn(&super::pin::REPR)),
    ],
    make_new: Some(wdt_make_new),
    attr_hook: None,
    subclassable: false,
});

// ---- RTC ----

fn rtc_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let mut v = [Value::NULL; 1];
    let spec = Spec(Cls::Rtc, Kind::Rtc, &[q::ID], 1, Value::small_int(0));
    make(vm, a, kw, spec, &mut v).map(|(o, _)| o)
}

/// Set RTC `d` from an 8-tuple (year, month, day, weekday, hours, minutes, seconds, subseconds).
fn rtc_set(vm: &mut Vm, d: &Dev, t: Value) -> PyResult<()> {
    let items: [Value; 8] = match vm.heap.get(t) {
        Some(Obj::Tuple(x)) if x.len() == 8 => {
            let mut a = [Value::NONE; 8];
            a.copy_from_slice(x);
            a
        }
        Some(Obj::List(x)) if x.len() == 8 => {
            let mut a = [Value::NONE; 8];
            a.copy_from_slice(x);
            a
        }
        _ => return Err(vm.type_error("datetime needs an 8-tuple")),
    };
    let mut f = [0u32; 8];
    for (o, x) in f.iter_mut().zip(items) {
        *o = range_arg(vm, x, 0, 0, u32::MAX as i64, "datetime field")? as u32;
    }
    hw(vm, |h| h.rtc_set(d.id, &f))
}

native_fn!(RTC_DATETIME, "datetime", 1, 2, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Rtc)?;
    if let Some(&t) = a.get(1) {
        rtc_set(vm, &d, t)?;
        return Ok(Value::NONE);
    }
    let f = hw(vm, |h| h.rtc_get(d.id))?;
    let mut items = [Value::NONE; 8];
    for (o, x) in items.iter_mut().zip(f) {
        *o = vm.new_int(x as i64)?;
    }
    vm.new_tuple(&items)
});
native_fn!(RTC_INIT, "init", 2, 2, |vm, a, _| {
    let d = dev(vm, a[0], Cls::Rtc)?;
    rtc_set(vm, &d, a[1])?;
    Ok(Value::NONE)
});

/// `machine.RTC`.
pub static RTC_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "RTC",
    base: Some(&OBJECT),
    attrs: &[
        (q::DATETIME, Attr::Fn(&RTC_DATETIME)),
        (q::INIT, Attr::Fn(&RTC_INIT)),
        (q::__REPR__, Attr::Fn(&super::pin::REPR)),
    ],
    make_new: Some(rtc_make_new),
    attr_hook: None,
    subclassable: false,
});
