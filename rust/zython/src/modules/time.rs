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

/// Sleep, then run scheduled callbacks (a sleep is a safe point).
fn sleep_us(vm: &mut Vm, us: u64) -> PyResult<()> {
    let ms = us / 1000;
    if ms > 0 {
        vm.port.sleep_ms(ms.min(u32::MAX as u64) as u32);
    }
    let rest = us % 1000;
    if rest > 0 {
        let start = vm.port.ticks_us();
        while vm.port.ticks_us().wrapping_sub(start) < rest {}
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
    vm.new_bigint(num_bigint::BigInt::from(ns))
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
    if !(-TICKS_HALF..TICKS_HALF).contains(&d) {
        return Err(vm.overflow_error("ticks interval overflow"));
    }
    Ok(Value::small_int((t.wrapping_add(d) & TICKS_MAX) as isize))
});

static FUNCTIONS: &[&StaticObj] = &[
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
pub static TIME_MODULE: StaticObj = StaticObj::Module(ModuleDef {
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
}
