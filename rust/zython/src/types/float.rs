//! `float` and `complex`: constructors, text parsing, `is_integer`, `.real`/`.imag`,
//! `conjugate`, and the `round` builtin.

use crate::native_fn;
use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::statics::{Attr, NativeFn, StaticObj, TypeDef};
use crate::types::bigint::BigInt;
use crate::types::bigint::Integer;
use crate::types::bigint::{Pow, Signed, ToPrimitive};
use crate::types::object::OBJECT;
use crate::types::textargs::unwrap_self;
use crate::value::Value;
use crate::vm::ops::as_bigint;
use crate::vm::{PyResult, Vm};
use alloc::string::String;

/// The builtin type `float`.
pub static FLOAT: StaticObj = StaticObj::Type(&TypeDef {
    name: "float",
    base: Some(&OBJECT),
    attrs: &[(q::IS_INTEGER, Attr::Fn(&IS_INTEGER_FN))],
    make_new: Some(float_make_new),
    attr_hook: None,
    subclassable: true,
});

/// The builtin type `complex`.
pub static COMPLEX: StaticObj = StaticObj::Type(&TypeDef {
    name: "complex",
    base: Some(&OBJECT),
    attrs: &[(q::CONJUGATE, Attr::Fn(&CONJUGATE_FN))],
    make_new: COMPLEX_NEW,
    attr_hook: Some(complex_attr),
    subclassable: false,
});

/// `complex(...)`, only with the `complex` feature (without it no complex number exists).
#[cfg(feature = "complex")]
const COMPLEX_NEW: Option<NativeFn> = Some(complex_make_new);
#[cfg(not(feature = "complex"))]
const COMPLEX_NEW: Option<NativeFn> = None;

native_fn!(IS_INTEGER_FN, "is_integer", 1, 1, |vm, a, _| {
    let s = unwrap_self(vm, a[0]);
    let f = vm.to_f64(s)?;
    Ok(Value::bool(f.is_finite() && f == libm::trunc(f)))
});
native_fn!(CONJUGATE_FN, "conjugate", 1, 1, |vm, a, _| {
    match vm.heap.get(a[0]) {
        Some(Obj::Complex(c)) => {
            let (r, i) = (c.0, c.1);
            vm.new_complex(r, -i)
        }
        _ => Ok(a[0]),
    }
});
native_fn!(ROUND, "round", 1, 2, builtin_round);

fn complex_attr(vm: &mut Vm, v: Value, name: Qstr) -> PyResult<Option<Value>> {
    let (r, i) = match vm.heap.get(v) {
        Some(Obj::Complex(c)) => (c.0, c.1),
        _ => return Ok(None),
    };
    if name == q::REAL {
        return vm.new_float(r).map(Some);
    }
    if name == q::IMAG {
        return vm.new_float(i).map(Some);
    }
    Ok(None)
}

/// Parse a float literal as `float(text)` does: whitespace, sign, `inf`/`infinity`/`nan`
/// in any case, exponents, and underscores between digits. None when invalid.
pub fn parse_float(text: &str) -> Option<f64> {
    let t = core::str::from_utf8(crate::types::int::trim_ascii(text.as_bytes())).ok()?;
    if t.is_empty() {
        return None;
    }
    let body = t.trim_start_matches(['+', '-']);
    if t.len() - body.len() > 1 {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    let neg = t.starts_with('-');
    let special = match lower.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(f) = special {
        return Some(if neg { -f } else { f });
    }
    let bytes = body.as_bytes();
    let mut clean = String::with_capacity(t.len());
    if neg {
        clean.push('-');
    }
    for (i, &c) in bytes.iter().enumerate() {
        match c {
            b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-' => clean.push(c as char),
            b'_' => {
                let ok = i > 0
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(|d| d.is_ascii_digit());
                if !ok {
                    return None;
                }
            }
            _ => return None,
        }
    }
    super::float_parse::parse_f64(&clean)
}

/// `float(x=0.0)`.
fn float_make_new(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let args = &crate::statics::Args(args);
    let x = match args.get(1) {
        Some(&x) => x,
        None => return vm.new_float(0.0),
    };
    if args.len() > 2 {
        return Err(vm.type_error("function expected at most 1 arguments, got 2"));
    }
    float_of(vm, x)
}

/// `float(x)` for one argument.
pub fn float_of(vm: &mut Vm, x: Value) -> PyResult<Value> {
    if let Some(Obj::Float(_)) = vm.heap.get(x) {
        return Ok(x);
    }
    if vm.is_int(x) {
        let b = as_bigint(vm, x).unwrap_or_default();
        return match b.to_f64() {
            Some(f) if f.is_finite() => vm.new_float(f),
            _ => Err(vm.overflow_error("int too big to convert to float")),
        };
    }
    let text: Option<String> = match vm.str_data(x) {
        Some(s) => Some(String::from(s)),
        None => vm
            .bytes_data(x)
            .map(|b| String::from_utf8_lossy(b).into_owned()),
    };
    if let Some(t) = text {
        return match parse_float(&t) {
            Some(f) => vm.new_float(f),
            None => {
                let mut msg = String::from("could not convert string to float: ");
                crate::vm::convert::repr_str(&t, &mut msg);
                Err(vm.value_error(&msg))
            }
        };
    }
    if let Some(Obj::Complex(..)) = vm.heap.get(x) {
        return Err(vm.type_error("can't convert complex to float"));
    }
    if let Some(b) = vm.native_base_value(x) {
        return float_of(vm, b);
    }
    let f = vm.to_f64(x)?;
    vm.new_float(f)
}

/// Parse a complex literal such as `1+2j`, `-3.5j`, `(1-1e3j)`, `4`.
pub fn parse_complex(text: &str) -> Option<(f64, f64)> {
    let t = core::str::from_utf8(crate::types::int::trim_ascii(text.as_bytes())).ok()?;
    let t = match t.strip_prefix('(') {
        Some(inner) => inner.strip_suffix(')')?,
        None => t,
    };
    let t = core::str::from_utf8(crate::types::int::trim_ascii(t.as_bytes())).ok()?;
    let body = match t.strip_suffix(['j', 'J']) {
        Some(b) => b,
        None => return parse_float(t).map(|f| (f, 0.0)),
    };
    // Split at the last sign that is not the first character and not part of an exponent.
    let bytes = body.as_bytes();
    let mut split = None;
    for i in (1..bytes.len()).rev() {
        if (bytes[i] == b'+' || bytes[i] == b'-') && !matches!(bytes[i - 1], b'e' | b'E') {
            split = Some(i);
            break;
        }
    }
    let imag = |s: &str| -> Option<f64> {
        match s {
            "" | "+" => Some(1.0),
            "-" => Some(-1.0),
            _ => parse_float(s),
        }
    };
    match split {
        Some(i) => Some((
            parse_float(body.get(..i).unwrap_or_default())?,
            imag(body.get(i..).unwrap_or_default())?,
        )),
        None => Some((0.0, imag(body)?)),
    }
}

#[cfg(feature = "complex")]
fn complex_parts(vm: &mut Vm, v: Value) -> PyResult<(f64, f64)> {
    if let Some(Obj::Complex(c)) = vm.heap.get(v) {
        return Ok((c.0, c.1));
    }
    if vm.is_str(v) {
        return Err(vm.type_error("complex() can't take second arg if first is a string"));
    }
    if matches!(vm.heap.get(v), Some(Obj::Instance(_))) {
        if let Some(r) = vm.call_method_opt(v, q::__COMPLEX__, &[])? {
            return match vm.heap.get(r) {
                Some(Obj::Complex(c)) => Ok((c.0, c.1)),
                _ => Err(vm.type_error("__complex__ returned non-complex")),
            };
        }
    }
    Ok((vm.to_f64(v)?, 0.0))
}

/// `complex(real=0, imag=0)` or `complex(text)`.
#[cfg(feature = "complex")]
fn complex_make_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let args = &crate::statics::Args(args);
    let real = crate::types::textargs::arg_or_kw(vm, args, 1, kw, "real");
    let imag = crate::types::textargs::arg_or_kw(vm, args, 2, kw, "imag");
    let re = match real {
        None => (0.0, 0.0),
        Some(r) => {
            if let Some(s) = vm.str_data(r) {
                if imag.is_some() {
                    return Err(
                        vm.type_error("complex() can't take second arg if first is a string")
                    );
                }
                let s = String::from(s);
                return match parse_complex(&s) {
                    Some((a, b)) => vm.new_complex(a, b),
                    None => Err(vm.value_error("complex() arg is a malformed string")),
                };
            }
            complex_parts(vm, r)?
        }
    };
    let im = match imag {
        None => (0.0, 0.0),
        Some(i) => complex_parts(vm, i)?,
    };
    vm.new_complex(re.0 - im.1, re.1 + im.0)
}

/// Round `x` to `nd` decimal places, ties to even, on its exact binary value.
pub fn round_float(x: f64, nd: i64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    if nd >= 0 {
        if nd > 330 {
            return x;
        }
        let s = super::float_fmt::fixed(x, nd as usize);
        return super::float_parse::parse_f64(&s).unwrap_or(x);
    }
    if nd < -330 {
        return libm::copysign(0.0, x);
    }
    let t = libm::trunc(x);
    let frac = x - t;
    let ti = match crate::types::bigint::FromPrimitive::from_f64(t) {
        Some(b) => b,
        None => return x,
    };
    let ti: BigInt = ti;
    let m: BigInt = Pow::pow(BigInt::from(10), (-nd) as u32);
    let mag = ti.abs();
    let (mut qt, r) = mag.div_rem(&m);
    let twice: BigInt = &r * 2;
    if twice > m || (twice == m && (frac != 0.0 || qt.is_odd())) {
        qt += 1;
    }
    let v = (qt * m).to_f64().unwrap_or(f64::INFINITY);
    libm::copysign(v, x)
}

/// `round(number[, ndigits])`.
fn builtin_round(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let x = a[0];
    let nd = match a.get(1) {
        Some(&v) if v != Value::NONE => Some(vm.to_i64(v)?),
        _ => None,
    };
    if let Some(b) = as_bigint(vm, x) {
        let nd = match nd {
            None => return vm.new_bigint(b),
            Some(n) if n >= 0 => return vm.new_bigint(b),
            Some(n) => n,
        };
        if nd < -4000 {
            return Ok(Value::small_int(0));
        }
        let m: BigInt = Pow::pow(BigInt::from(10), (-nd) as u32);
        let (mut qt, r) = b.div_mod_floor(&m);
        let twice: BigInt = &r * 2;
        if twice > m || (twice == m && qt.is_odd()) {
            qt += 1;
        }
        return vm.new_bigint(qt * m);
    }
    if let Some(Obj::Float(f)) = vm.heap.get(x) {
        let f = *f;
        return match nd {
            Some(n) => vm.new_float(round_float(f, n)),
            None => {
                if f.is_nan() {
                    return Err(vm.value_error("cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(vm.overflow_error("cannot convert float infinity to integer"));
                }
                let r = libm::rint(f);
                crate::types::int::int_from_f64(vm, r)
            }
        };
    }
    let args: alloc::vec::Vec<Value> = a[1..].to_vec();
    if let Some(r) = vm.call_method_opt(x, q::__ROUND__, &args)? {
        return Ok(r);
    }
    if let Some(b) = vm.native_base_value(x) {
        let mut all = alloc::vec![b];
        all.extend_from_slice(&args);
        return builtin_round(vm, &all, &[]);
    }
    Err(vm.type_error_for("can't convert ", x, " to float"))
}

/// C's `fmod`: `x - trunc(x / y) * y`, exactly. Shift-and-subtract on the mantissas, a few
/// hundred bytes of code where the libm crate's table-driven version takes over 2 KB of flash.
pub fn fmod(x: f64, y: f64) -> f64 {
    const MANT: u64 = (1 << 52) - 1;
    let (ux, uy) = (x.to_bits(), y.to_bits());
    let (mut ex, mut ey) = (((ux >> 52) & 0x7ff) as i32, ((uy >> 52) & 0x7ff) as i32);
    if uy << 1 == 0 || y.is_nan() || ex == 0x7ff {
        return f64::NAN; // y zero or nan, x infinite or nan
    }
    if ux << 1 <= uy << 1 {
        return if ux << 1 == uy << 1 { 0.0 * x } else { x };
    }
    // Mantissas with the implicit bit, subnormals normalized (exponent below 1).
    let norm = |u: u64, e: &mut i32| -> u64 {
        if *e == 0 {
            let lz = (u << 12).leading_zeros() as i32;
            *e = -lz;
            u << (lz + 1)
        } else {
            (u & MANT) | (1 << 52)
        }
    };
    let mut mx = norm(ux, &mut ex);
    let my = norm(uy, &mut ey);
    loop {
        if mx >= my {
            mx -= my;
            if mx == 0 {
                return 0.0 * x;
            }
        }
        if ex == ey {
            break;
        }
        mx <<= 1;
        ex -= 1;
    }
    let lz = mx.leading_zeros() as i32 - 11;
    mx <<= lz;
    ex -= lz;
    let bits = if ex > 0 {
        (mx & MANT) | ((ex as u64) << 52)
    } else {
        mx >> (1 - ex)
    };
    f64::from_bits(bits | (ux & (1 << 63)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fmod_is_exact() {
        let vals = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            2.5,
            -7.25,
            3.0,
            1e-310,
            -4e-320,
            5e-324,
            1e300,
            -1e308,
            123456.789,
            6.02e23,
            1.5e-300,
            f64::MAX,
            f64::MIN_POSITIVE,
            7.0,
            0.3,
        ];
        for &x in &vals {
            for &y in &vals {
                let (a, b) = (fmod(x, y), libm::fmod(x, y));
                assert!(
                    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
                    "{x} % {y}"
                );
            }
            for y in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
                let (a, b) = (fmod(x, y), libm::fmod(x, y));
                assert!(
                    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
                    "{x} % {y}"
                );
                assert!(fmod(y, x).is_nan());
            }
        }
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let x = f64::from_bits(seed);
            let y = f64::from_bits(seed.rotate_left(29) ^ 0x5555);
            let (a, b) = (fmod(x, y), libm::fmod(x, y));
            assert!(
                a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
                "{x} % {y}"
            );
        }
    }

    #[test]
    fn parses_floats() {
        assert_eq!(parse_float(" 1.5 "), Some(1.5));
        assert_eq!(parse_float("1e5"), Some(1e5));
        assert_eq!(parse_float("-INF"), Some(f64::NEG_INFINITY));
        assert!(parse_float("nan").is_some_and(|f| f.is_nan()));
        assert_eq!(parse_float("1_0.5"), Some(10.5));
        assert_eq!(parse_float("1__0"), None);
        assert_eq!(parse_float("abc"), None);
        assert_eq!(parse_float(""), None);
        assert_eq!(parse_float("--1"), None);
    }

    #[test]
    fn parses_complex() {
        assert_eq!(parse_complex("1+2j"), Some((1.0, 2.0)));
        assert_eq!(parse_complex("-2.5j"), Some((0.0, -2.5)));
        assert_eq!(parse_complex("(1e3-j)"), Some((1000.0, -1.0)));
        assert_eq!(parse_complex("3"), Some((3.0, 0.0)));
        assert_eq!(parse_complex("1+"), None);
    }

    #[test]
    fn rounds_half_even() {
        assert_eq!(round_float(0.125, 2), 0.12);
        assert_eq!(round_float(2.675, 2), 2.67);
        assert_eq!(round_float(1250.0, -2), 1200.0);
        assert_eq!(round_float(1350.0, -2), 1400.0);
        assert_eq!(round_float(1250.5, -2), 1300.0);
        assert_eq!(round_float(-1.5, 0), -2.0);
    }
}
