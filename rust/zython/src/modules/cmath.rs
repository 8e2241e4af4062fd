//! The `cmath` module (MicroPython's set): e, pi, phase, polar, rect, exp, log, log10, sqrt,
//! cos, sin.

use crate::modules::native;
use crate::native_fn;
use crate::obj::Obj;
use crate::statics::{ModuleDef, StaticObj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// (real, imag) of a complex or real number.
fn parts(vm: &mut Vm, v: Value) -> PyResult<(f64, f64)> {
    if let Some(Obj::Complex(cx)) = vm.heap.get(v) {
        return Ok((cx.0, cx.1));
    }
    // A user object may convert itself with __complex__ (else __float__, through to_f64).
    if matches!(vm.heap.get(v), Some(Obj::Instance(_))) {
        if let Some(c) = vm.call_method_opt(v, crate::qstr::q::__COMPLEX__, &[])? {
            if let Some(Obj::Complex(cx)) = vm.heap.get(c) {
                return Ok((cx.0, cx.1));
            }
            return Err(vm.type_error("__complex__ returned non-complex"));
        }
    }
    Ok((vm.to_f64(v)?, 0.0))
}

fn complex1(vm: &mut Vm, v: Value, f: fn(f64, f64) -> (f64, f64)) -> PyResult<Value> {
    let (r, i) = parts(vm, v)?;
    let (a, b) = f(r, i);
    vm.new_complex(a, b)
}

fn c_exp(r: f64, i: f64) -> (f64, f64) {
    let e = libm::exp(r);
    (e * libm::cos(i), e * libm::sin(i))
}

fn c_log(r: f64, i: f64) -> (f64, f64) {
    (libm::log(libm::hypot(r, i)), libm::atan2(i, r))
}

fn c_log10(r: f64, i: f64) -> (f64, f64) {
    let (a, b) = c_log(r, i);
    let l = core::f64::consts::LN_10;
    (a / l, b / l)
}

fn c_sqrt(r: f64, i: f64) -> (f64, f64) {
    let m = libm::pow(r * r + i * i, 0.25);
    let t = 0.5 * libm::atan2(i, r);
    (m * libm::cos(t), m * libm::sin(t))
}

fn c_cos(r: f64, i: f64) -> (f64, f64) {
    (libm::cos(r) * libm::cosh(i), -libm::sin(r) * libm::sinh(i))
}

fn c_sin(r: f64, i: f64) -> (f64, f64) {
    (libm::sin(r) * libm::cosh(i), libm::cos(r) * libm::sinh(i))
}

native_fn!(PHASE, "phase", 1, 1, |vm, a, _| {
    let (r, i) = parts(vm, a[0])?;
    vm.new_float(libm::atan2(i, r))
});
native_fn!(POLAR, "polar", 1, 1, |vm, a, _| {
    let (r, i) = parts(vm, a[0])?;
    let m = vm.new_float(libm::hypot(r, i))?;
    vm.roots.push(m);
    let res = vm
        .new_float(libm::atan2(i, r))
        .and_then(|p| vm.new_tuple(&[m, p]));
    vm.roots.pop();
    res
});
native_fn!(RECT, "rect", 2, 2, |vm, a, _| {
    let m = vm.to_f64(a[0])?;
    let p = vm.to_f64(a[1])?;
    vm.new_complex(m * libm::cos(p), m * libm::sin(p))
});
native_fn!(EXP, "exp", 1, 1, |vm, a, _| complex1(vm, a[0], c_exp));
native_fn!(LOG, "log", 1, 1, |vm, a, _| complex1(vm, a[0], c_log));
native_fn!(LOG10, "log10", 1, 1, |vm, a, _| complex1(vm, a[0], c_log10));
native_fn!(SQRT, "sqrt", 1, 1, |vm, a, _| complex1(vm, a[0], c_sqrt));
native_fn!(COS, "cos", 1, 1, |vm, a, _| complex1(vm, a[0], c_cos));
native_fn!(SIN, "sin", 1, 1, |vm, a, _| complex1(vm, a[0], c_sin));

static FUNCTIONS: &[&StaticObj] = &[&PHASE, &POLAR, &RECT, &EXP, &LOG, &LOG10, &SQRT, &COS, &SIN];

fn cmath_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    native::fill(vm, g, FUNCTIONS)?;
    for (name, v) in [("e", core::f64::consts::E), ("pi", core::f64::consts::PI)] {
        let f = vm.new_float(v)?;
        let k = vm.qstrs.intern_static(name);
        vm.dict_set_str(g, k, f)?;
    }
    Ok(())
}

/// The `cmath` module.
pub static CMATH_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "cmath",
    attrs: &[],
    init: Some(cmath_init),
});

#[cfg(test)]
mod tests {
    #[test]
    fn sqrt_of_minus_one() {
        let (r, i) = super::c_sqrt(-1.0, 0.0);
        assert!(r.abs() < 1e-15 && (i - 1.0).abs() < 1e-15);
    }
}
