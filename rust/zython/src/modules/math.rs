//! The `math` module, as MicroPython's (libm underneath): domain errors are
//! `ValueError('math domain error')`; ceil, floor and trunc return ints.

use crate::modules::native;
use crate::native_fn;
use crate::qstr::q;
use crate::statics::{Attr, ModuleDef, StaticObj, VAR_ARGS};
use crate::types::bigint::FromPrimitive;
use crate::types::exceptions as ex;
use crate::value::Value;
use crate::vm::{PyErr, PyResult, Vm};

/// ValueError("math domain error").
pub fn domain_error(vm: &mut Vm) -> PyErr {
    vm.value_error("math domain error")
}

/// A float as an int (OverflowError for infinities, ValueError for NaN).
pub fn float_to_int(vm: &mut Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.value_error("can't convert NaN to int"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("can't convert inf to int"));
    }
    if f.abs() < 4.0e18 {
        return vm.new_int(f as i64);
    }
    match crate::types::bigint::BigInt::from_f64(f) {
        Some(b) => vm.new_bigint(b),
        None => Err(vm.overflow_error("can't convert inf to int")),
    }
}

fn generic1(vm: &mut Vm, x: Value, f: fn(f64) -> f64) -> PyResult<Value> {
    let x = vm.to_f64(x)?;
    let ans = f(x);
    if (ans.is_nan() && !x.is_nan()) || (ans.is_infinite() && !x.is_infinite()) {
        return Err(domain_error(vm));
    }
    vm.new_float(ans)
}

fn generic2(vm: &mut Vm, x: Value, y: Value, f: fn(f64, f64) -> f64) -> PyResult<Value> {
    let x = vm.to_f64(x)?;
    let y = vm.to_f64(y)?;
    let ans = f(x, y);
    if (ans.is_nan() && !x.is_nan() && !y.is_nan())
        || (ans.is_infinite() && !x.is_infinite() && !y.is_infinite())
    {
        return Err(domain_error(vm));
    }
    vm.new_float(ans)
}

fn pow_fix(x: f64, y: f64) -> f64 {
    if x == 1.0 || y == 0.0 {
        1.0
    } else if y.is_nan() {
        y
    } else {
        libm::pow(x, y)
    }
}

fn atan2_fix(y: f64, x: f64) -> f64 {
    if y.is_infinite() && x.is_infinite() {
        let a = if x < 0.0 {
            3.0 * core::f64::consts::FRAC_PI_4
        } else {
            core::f64::consts::FRAC_PI_4
        };
        return libm::copysign(a, y);
    }
    libm::atan2(y, x)
}

fn copysign_fix(x: f64, y: f64) -> f64 {
    libm::copysign(x, if y.is_nan() { 0.0 } else { y })
}

fn fmod_fix(x: f64, y: f64) -> f64 {
    if !x.is_infinite() && y.is_infinite() {
        x
    } else {
        crate::types::float::fmod(x, y)
    }
}

fn gamma_fix(x: f64) -> f64 {
    if x.is_infinite() && x < 0.0 {
        f64::NAN
    } else {
        libm::tgamma(x)
    }
}

native_fn!(SQRT, "sqrt", 1, 1, |vm, a, _| generic1(
    vm,
    a[0],
    libm::sqrt
));
native_fn!(EXP, "exp", 1, 1, |vm, a, _| generic1(vm, a[0], libm::exp));
native_fn!(EXPM1, "expm1", 1, 1, |vm, a, _| generic1(
    vm,
    a[0],
    libm::expm1
));
native_fn!(LOG2, "log2", 1, 1, |vm, a, _| generic1(
    vm,
    a[0],
    libm::log2
));
native_fn!(LOG10, "log10", 1, 1, |vm, a, _| generic1(
    vm,
    a[0],
    libm::log10
));
native_fn!(COSH, "cosh", 1, 1, |vm, a, _| generic1(
    vm,
    a[0],
    libm::cosh
));
native_fn!(SINH, "sinh", 1, 1, |vm, a, _| generic1(
    vm,
    a[0],
    libm::sinh
));
native_fn!(TANH, "tanh", 1, 1, |vm, a, _| generic1(
    vm,
    a[0],
    libm::tanh
));
native_fn!(ACOSH, "acosh", 1, 1, |vm, a, _| generic1(
    vm,
    a[0],
    libm::acosh
));
native_fn!(ASINH, "asinh", 1, 1, |vm, a, _| generic1(
    vm,
    a[0],
    libm::asinh
));
native_fn!(ATANH, "atanh", 1, 1, |vm, a, _| generic1(
    vm,
    a[0],
    libm::atanh
));
native_fn!(COS, "cos", 1, 1, |vm, a, _| generic1(vm, a[0], libm::cos));
native_fn!(SIN, "sin", 1, 1, |vm, a, _| generic1(vm, a[0], libm::sin));
native_fn!(TAN, "tan", 1, 1, |vm, a, _| generic1(vm, a[0], libm::tan));
native_fn!(ACOS, "acos", 1, 1, |vm, a, _| generic1(
    vm,
    a[0],
    libm::acos
));
native_fn!(ASIN, "asin", 1, 1, |vm, a, _| generic1(
    vm,
    a[0],
    libm::asin
));
native_fn!(ATAN, "atan", 1, 1, |vm, a, _| generic1(
    vm,
    a[0],
    libm::atan
));
native_fn!(FABS, "fabs", 1, 1, |vm, a, _| generic1(
    vm,
    a[0],
    libm::fabs
));
native_fn!(ERF, "erf", 1, 1, |vm, a, _| generic1(vm, a[0], libm::erf));
native_fn!(ERFC, "erfc", 1, 1, |vm, a, _| generic1(
    vm,
    a[0],
    libm::erfc
));
native_fn!(LGAMMA, "lgamma", 1, 1, |vm, a, _| generic1(
    vm,
    a[0],
    libm::lgamma
));
native_fn!(GAMMA, "gamma", 1, 1, |vm, a, _| generic1(
    vm, a[0], gamma_fix
));
native_fn!(POW, "pow", 2, 2, |vm, a, _| generic2(
    vm, a[0], a[1], pow_fix
));
native_fn!(ATAN2, "atan2", 2, 2, |vm, a, _| generic2(
    vm, a[0], a[1], atan2_fix
));
native_fn!(COPYSIGN, "copysign", 2, 2, |vm, a, _| generic2(
    vm,
    a[0],
    a[1],
    copysign_fix
));
native_fn!(FMOD, "fmod", 2, 2, |vm, a, _| generic2(
    vm, a[0], a[1], fmod_fix
));
native_fn!(CEIL, "ceil", 1, 1, |vm, a, _| {
    if vm.is_int(a[0]) {
        return Ok(a[0]);
    }
    let x = vm.to_f64(a[0])?;
    float_to_int(vm, libm::ceil(x))
});
native_fn!(FLOOR, "floor", 1, 1, |vm, a, _| {
    if vm.is_int(a[0]) {
        return Ok(a[0]);
    }
    let x = vm.to_f64(a[0])?;
    float_to_int(vm, libm::floor(x))
});
native_fn!(TRUNC, "trunc", 1, 1, |vm, a, _| {
    if vm.is_int(a[0]) {
        return Ok(a[0]);
    }
    let x = vm.to_f64(a[0])?;
    float_to_int(vm, libm::trunc(x))
});
native_fn!(ISFINITE, "isfinite", 1, 1, |vm, a, _| {
    let x = vm.to_f64(a[0])?;
    Ok(Value::bool(x.is_finite()))
});
native_fn!(ISINF, "isinf", 1, 1, |vm, a, _| {
    let x = vm.to_f64(a[0])?;
    Ok(Value::bool(x.is_infinite()))
});
native_fn!(ISNAN, "isnan", 1, 1, |vm, a, _| {
    let x = vm.to_f64(a[0])?;
    Ok(Value::bool(x.is_nan()))
});
native_fn!(LDEXP, "ldexp", 2, 2, |vm, a, _| {
    let x = vm.to_f64(a[0])?;
    let e = vm.to_i64(a[1])?.clamp(i32::MIN as i64, i32::MAX as i64) as i32;
    vm.new_float(libm::ldexp(x, e))
});
native_fn!(FREXP, "frexp", 1, 1, |vm, a, _| {
    let x = vm.to_f64(a[0])?;
    let (m, e) = libm::frexp(x);
    let m = vm.new_float(m)?;
    vm.roots.push(m);
    let r = vm.new_tuple(&[m, Value::small_int(e as isize)]);
    vm.roots.pop();
    r
});
native_fn!(MODF, "modf", 1, 1, |vm, a, _| {
    let x = vm.to_f64(a[0])?;
    let (mut frac, int) = libm::modf(x);
    if frac == 0.0 {
        frac = libm::copysign(frac, x);
    }
    let f = vm.new_float(frac)?;
    vm.roots.push(f);
    let r = vm.new_float(int).and_then(|i| vm.new_tuple(&[f, i]));
    vm.roots.pop();
    r
});
native_fn!(RADIANS, "radians", 1, 1, |vm, a, _| {
    let x = vm.to_f64(a[0])?;
    vm.new_float(x * (core::f64::consts::PI / 180.0))
});
native_fn!(DEGREES, "degrees", 1, 1, |vm, a, _| {
    let x = vm.to_f64(a[0])?;
    vm.new_float(x * (180.0 / core::f64::consts::PI))
});
native_fn!(LOG, "log", 1, 2, |vm, a, _| {
    let x = vm.to_f64(a[0])?;
    if x <= 0.0 {
        return Err(domain_error(vm));
    }
    let l = libm::log(x);
    match a.get(1) {
        None => vm.new_float(l),
        Some(&b) => {
            let base = vm.to_f64(b)?;
            if base <= 0.0 {
                return Err(domain_error(vm));
            }
            if base == 1.0 {
                return Err(vm.new_exception(&ex::ZERO_DIVISION_ERROR, "divide by zero"));
            }
            vm.new_float(l / libm::log(base))
        }
    }
});
native_fn!(FACTORIAL, "factorial", 1, 1, |vm, a, _| {
    let n = vm.to_i64(a[0])?;
    if n < 0 {
        return Err(vm.value_error("negative factorial"));
    }
    if n > 100_000 {
        return Err(vm.no_memory());
    }
    let mut acc = crate::types::bigint::BigInt::from(1u8);
    for i in 2..=n {
        acc *= i;
        if i % 256 == 0 {
            vm.reserve((acc.bits() / 8) as usize)?;
        }
    }
    vm.new_bigint(acc)
});
native_fn!(
    ISCLOSE,
    "isclose",
    2,
    2,
    |vm, a, kw| {
        native::check_kw(vm, kw, &[q::REL_TOL, q::ABS_TOL])?;
        let x = vm.to_f64(a[0])?;
        let y = vm.to_f64(a[1])?;
        let rel = match native::kwarg(kw, q::REL_TOL) {
            Some(v) => vm.to_f64(v)?,
            None => 1e-9,
        };
        let abs = match native::kwarg(kw, q::ABS_TOL) {
            Some(v) => vm.to_f64(v)?,
            None => 0.0,
        };
        if rel < 0.0 || abs < 0.0 {
            return Err(domain_error(vm));
        }
        if x == y {
            return Ok(Value::TRUE);
        }
        let d = libm::fabs(x - y);
        if d.is_infinite() {
            return Ok(Value::FALSE);
        }
        Ok(Value::bool(
            d <= abs || d <= libm::fabs(rel * x) || d <= libm::fabs(rel * y),
        ))
    },
    kw
);

/// The functions of `math`, put into the module by name at import.
static FUNCTIONS: &[&StaticObj] = &[
    &SQRT, &EXP, &EXPM1, &LOG2, &LOG10, &COSH, &SINH, &TANH, &ACOSH, &ASINH, &ATANH, &COS, &SIN,
    &TAN, &ACOS, &ASIN, &ATAN, &FABS, &ERF, &ERFC, &LGAMMA, &GAMMA, &POW, &ATAN2, &COPYSIGN, &FMOD,
    &CEIL, &FLOOR, &TRUNC, &ISFINITE, &ISINF, &ISNAN, &LDEXP, &FREXP, &MODF, &RADIANS, &DEGREES,
    &LOG, &FACTORIAL, &ISCLOSE,
];

static MATH_ATTRS: &[(crate::qstr::Qstr, Attr)] = &[];

fn math_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    native::fill(vm, g, FUNCTIONS)?;
    for (name, v) in [
        ("e", core::f64::consts::E),
        ("pi", core::f64::consts::PI),
        ("tau", core::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        let f = vm.new_float(v)?;
        let k = vm.qstrs.intern_static(name);
        vm.dict_set_str(g, k, f)?;
    }
    Ok(())
}

#[allow(dead_code)]
const _: u8 = VAR_ARGS;

/// The `math` module.
pub static MATH_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "math",
    attrs: MATH_ATTRS,
    init: Some(math_init),
});
