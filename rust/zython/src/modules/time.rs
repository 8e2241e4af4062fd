//! The `time` module: wall clock (when the port has one), sleeps and the wrapping tick
//! counters (`ticks_ms`, `ticks_us`, `ticks_diff`, `ticks_add`) of MicroPython.

use crate::modules::{micropython, native};
use crate::native_fn;
use crate::statics::{ModuleDef, StaticObj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Tick counters wrap at this period (2**30, as on MicroPython's 32-bit ports), so tick
/// values are always small ints.
pub const TICKS_PERIOD: i64 = 1 << 30;
const TICKS_MAX: i64 = TICKS_PERIOD - 1;
const TICKS_HALF: i64 = TICKS_PERIOD / 2;

/// `(end - start)` on the tick circle, in `[-PERIOD/2, PERIOD/2)`.
pub fn ticks_diff(end: i64, start: i64) -> i64 {
    ((end.wrapping_sub(start).wrapping_add(TICKS_HALF)) & TICKS_MAX) - TICKS_HALF
}

/// Nanoseconds since the Unix epoch when the port knows the date, else since start-up.
fn now_ns(vm: &mut Vm) -> u64 {
    match vm.port.epoch_ns() {
        Some(n) => n,
        None => vm.port.ticks_us().wrapping_mul(1000),
    }
}

/// The longest one port sleep lasts: scheduled callbacks run and Ctrl-C is seen at least
/// this often even on a port whose sleep cannot be woken early.
const SLICE_MS: u64 = 50;

/// Sleep, running scheduled callbacks (a sleep is a safe point); Ctrl-C ends it at once with
/// KeyboardInterrupt.
fn sleep_us(vm: &mut Vm, us: u64) -> PyResult<()> {
    let start = vm.port.ticks_us();
    loop {
        vm.check_interrupt()?;
        let done = vm.port.ticks_us().wrapping_sub(start);
        if done >= us {
            break;
        }
        let left = us - done;
        if left >= 1000 {
            vm.port.sleep_ms((left / 1000).min(SLICE_MS) as u32);
        }
        micropython::run_scheduled(vm)?;
    }
    micropython::run_scheduled(vm)
}

native_fn!(TIME, "time", 0, 0, |vm, _, _| {
    let ns = now_ns(vm);
    if vm.port.epoch_ns().is_some() {
        vm.new_float(ns as f64 / 1e9)
    } else {
        vm.new_int((ns / 1_000_000_000) as i64)
    }
});
native_fn!(TIME_NS, "time_ns", 0, 0, |vm, _, _| {
    let ns = now_ns(vm);
    vm.new_bigint(crate::types::bigint::BigInt::from(ns))
});
native_fn!(SLEEP, "sleep", 1, 1, |vm, a, _| {
    let s = vm.to_f64(a[0])?;
    if s.is_nan() || s < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    sleep_us(vm, (s * 1e6).min(1e15) as u64)?;
    Ok(Value::NONE)
});
native_fn!(SLEEP_MS, "sleep_ms", 1, 1, |vm, a, _| {
    let ms = vm.to_i64(a[0])?;
    if ms > 0 {
        sleep_us(vm, (ms as u64).saturating_mul(1000))?;
    }
    Ok(Value::NONE)
});
native_fn!(SLEEP_US, "sleep_us", 1, 1, |vm, a, _| {
    let us = vm.to_i64(a[0])?;
    if us > 0 {
        sleep_us(vm, us as u64)?;
    }
    Ok(Value::NONE)
});
native_fn!(TICKS_MS, "ticks_ms", 0, 0, |vm, _, _| {
    let t = vm.port.ticks_ms() as i64 & TICKS_MAX;
    Ok(Value::small_int(t as isize))
});
native_fn!(TICKS_US, "ticks_us", 0, 0, |vm, _, _| {
    let t = vm.port.ticks_us() as i64 & TICKS_MAX;
    Ok(Value::small_int(t as isize))
});
native_fn!(TICKS_CPU, "ticks_cpu", 0, 0, |vm, _, _| {
    let t = vm.port.ticks_us() as i64 & TICKS_MAX;
    Ok(Value::small_int(t as isize))
});
native_fn!(TICKS_DIFF, "ticks_diff", 2, 2, |vm, a, _| {
    let end = vm.to_i64(a[0])?;
    let start = vm.to_i64(a[1])?;
    Ok(Value::small_int(ticks_diff(end, start) as isize))
});
native_fn!(TICKS_ADD, "ticks_add", 2, 2, |vm, a, _| {
    let t = vm.to_i64(a[0])?;
    let d = vm.to_i64(a[1])?;
    if !(-TICKS_HALF + 1..TICKS_HALF).contains(&d) {
        return Err(vm.overflow_error("ticks interval overflow"));
    }
    Ok(Value::small_int((t.wrapping_add(d) & TICKS_MAX) as isize))
});

#[cfg(feature = "modules-basic")]
/// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12; out-of-range months and
/// days carry over as mktime requires).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = y + (m - 1).div_euclid(12);
    let m = (m - 1).rem_euclid(12) + 1;
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(feature = "modules-basic")]
/// (year, month, day) of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

#[cfg(feature = "modules-basic")]
/// The 8-tuple of `gmtime(secs)`: year, month, mday, hour, minute, second, weekday
/// (0 = Monday), yearday (1-366).
pub fn broken_down(secs: i64) -> [i64; 8] {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let wday = (days + 3).rem_euclid(7);
    let yday = days - days_from_civil(y, 1, 1) + 1;
    [y, m, d, rem / 3600, rem / 60 % 60, rem % 60, wday, yday]
}

#[cfg(feature = "modules-basic")]
/// `gmtime([secs])` and `localtime([secs])` (the core knows no time zone: both are UTC).
fn gmtime(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let secs = match a.first() {
        Some(&v) if v != Value::NONE => vm.to_f64(v)? as i64,
        _ => (now_ns(vm) / 1_000_000_000) as i64,
    };
    let secs = secs.clamp(-(1 << 45), 1 << 45);
    let t = broken_down(secs);
    let mut vals = [Value::NONE; 8];
    for (v, x) in vals.iter_mut().zip(t) {
        *v = Value::small_int(x as isize);
    }
    vm.new_tuple(&vals)
}

// Calendar functions from the basic level up (MicroPython's TIME_GMTIME_LOCALTIME_MKTIME).
#[cfg(feature = "modules-basic")]
native_fn!(GMTIME, "gmtime", 0, 1, gmtime);
#[cfg(feature = "modules-basic")]
native_fn!(LOCALTIME, "localtime", 0, 1, gmtime);
#[cfg(feature = "modules-basic")]
native_fn!(MKTIME, "mktime", 1, 1, |vm, a, _| {
    let items = vm.collect_iterable(a[0])?;
    if items.len() < 6 {
        return Err(vm.type_error("mktime needs a tuple of length 8 or 9"));
    }
    let mut f = [0i64; 6];
    for (x, &v) in f.iter_mut().zip(items.iter()) {
        *x = vm.to_i64(v)?.clamp(-(1 << 40), 1 << 40);
    }
    let days = days_from_civil(f[0], f[1], f[2]);
    vm.new_int(days * 86_400 + f[3] * 3600 + f[4] * 60 + f[5])
});

static FUNCTIONS: &[&StaticObj] = &[
    #[cfg(feature = "modules-basic")]
    &GMTIME,
    #[cfg(feature = "modules-basic")]
    &LOCALTIME,
    #[cfg(feature = "modules-basic")]
    &MKTIME,
    &TIME,
    &TIME_NS,
    &SLEEP,
    &SLEEP_MS,
    &SLEEP_US,
    &TICKS_MS,
    &TICKS_US,
    &TICKS_CPU,
    &TICKS_DIFF,
    &TICKS_ADD,
];

fn time_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    native::fill(vm, g, FUNCTIONS)
}

/// The `time` module.
pub static TIME_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "time",
    attrs: &[],
    init: Some(time_init),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_diff_wraps() {
        assert_eq!(ticks_diff(5, 3), 2);
        assert_eq!(ticks_diff(3, 5), -2);
        assert_eq!(ticks_diff(1, TICKS_MAX), 2);
        assert_eq!(ticks_diff(TICKS_MAX, 1), -2);
    }

    #[test]
    #[cfg(feature = "modules-basic")]
    fn calendar() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2000, 14, 1), days_from_civil(2001, 2, 1));
        for d in [-800_000i64, -1, 0, 59, 10_957, 20_000, 2_932_896] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        // 2000-01-01 was a Saturday (5), day 1 of its year.
        let t = broken_down(946_684_800);
        assert_eq!(t, [2000, 1, 1, 0, 0, 0, 5, 1]);
    }
}
