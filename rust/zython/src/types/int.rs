//! `int` and `bool`: constructors, string parsing, `to_bytes`/`from_bytes`, `bit_length`.

use crate::native_fn;
use crate::obj::Obj;
use crate::qstr::q;
use crate::statics::{Attr, StaticObj, TypeDef};
use crate::types::bigint::{BigInt, Sign};
use crate::types::bigint::{FromPrimitive, Signed, Zero};
use crate::types::object::OBJECT;
use crate::types::textargs::{arg_or_kw, check_kw, kw_get, unwrap_self};
use crate::value::Value;
use crate::vm::ops::as_bigint;
use crate::vm::{PyResult, Vm};
use alloc::format;
use alloc::vec::Vec;

/// The builtin type `int`.
pub static INT: StaticObj = StaticObj::Type(&TypeDef {
    name: "int",
    base: Some(&OBJECT),
    attrs: &[
        (q::FROM_BYTES, Attr::ClassMethod(&FROM_BYTES_FN)),
        (q::TO_BYTES, Attr::Fn(&TO_BYTES_FN)),
        (q::BIT_LENGTH, Attr::Fn(&BIT_LENGTH_FN)),
    ],
    make_new: Some(int_make_new),
    attr_hook: None,
    subclassable: true,
});

/// The builtin type `bool`.
pub static BOOL: StaticObj = StaticObj::Type(&TypeDef {
    name: "bool",
    base: Some(&INT),
    attrs: &[],
    make_new: Some(bool_make_new),
    attr_hook: None,
    subclassable: false,
});

native_fn!(FROM_BYTES_FN, "from_bytes", 2, 3, int_from_bytes, kw);
native_fn!(TO_BYTES_FN, "to_bytes", 1, 3, int_to_bytes, kw);
native_fn!(BIT_LENGTH_FN, "bit_length", 1, 1, |vm, a, _| {
    let s = unwrap_self(vm, a[0]);
    let b = int_arg(vm, s)?;
    vm.new_int(b.bits() as i64)
});

/// Why a string is not an integer literal.
#[derive(Debug, PartialEq, Eq)]
pub struct BadInt;

fn digit_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some((c - b'0') as u32),
        b'a'..=b'z' => Some((c - b'a') as u32 + 10),
        b'A'..=b'Z' => Some((c - b'A') as u32 + 10),
        _ => None,
    }
}

/// Parse an integer literal as `int(text, base)` does (base 0 = from the prefix, 2..=36):
/// surrounding whitespace, a sign, a `0x`/`0o`/`0b` prefix and single underscores between
/// digits are accepted.
pub fn parse_int(text: &[u8], base: u32) -> Result<BigInt, BadInt> {
    let t = trim_ascii(text);
    let (neg, mut t) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let mut base = base;
    let prefix = |t: &[u8]| -> Option<u32> {
        if t.len() >= 2 && t[0] == b'0' {
            match t[1] | 0x20 {
                b'x' => Some(16),
                b'o' => Some(8),
                b'b' => Some(2),
                _ => None,
            }
        } else {
            None
        }
    };
    let mut after_prefix = false;
    if let Some(p) = prefix(t) {
        if base == 0 || base == p {
            base = p;
            t = &t[2..];
            after_prefix = true;
        }
    }
    if base == 0 {
        // No prefix: decimal, and a leading zero is only allowed for zero itself.
        base = 10;
        if t.first() == Some(&b'0') && t.iter().any(|&c| c != b'0' && c != b'_') {
            return Err(BadInt);
        }
    }
    let mut digits = Vec::new();
    let mut prev_underscore = !after_prefix;
    for &c in t {
        if c == b'_' {
            if prev_underscore {
                return Err(BadInt);
            }
            prev_underscore = true;
            continue;
        }
        match digit_value(c) {
            Some(d) if d < base => digits.push(c),
            _ => return Err(BadInt),
        }
        prev_underscore = false;
    }
    if digits.is_empty() || prev_underscore {
        return Err(BadInt);
    }
    let mag = BigInt::parse_bytes(&digits, base).ok_or(BadInt)?;
    Ok(if neg { -mag } else { mag })
}

/// Strip Python whitespace (ASCII) from both ends.
pub fn trim_ascii(t: &[u8]) -> &[u8] {
    let is_ws = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let start = t.iter().position(|c| !is_ws(c)).unwrap_or(t.len());
    let end = t.iter().rposition(|c| !is_ws(c)).map_or(start, |e| e + 1);
    t.get(start..end).unwrap_or(&[])
}

/// An int value from a float: truncation; OverflowError for inf, ValueError for nan.
pub fn int_from_f64(vm: &mut Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    let t = libm::trunc(f);
    if t.abs() < 4.0e18 {
        return vm.new_int(t as i64);
    }
    match BigInt::from_f64(t) {
        Some(b) => vm.new_bigint(b),
        None => Err(vm.overflow_error("cannot convert float infinity to integer")),
    }
}

/// An int operand as a BigInt; TypeError for anything else.
pub fn int_arg(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    match as_bigint(vm, v) {
        Some(b) => Ok(b),
        None => {
            let inner = unwrap_self(vm, v);
            if inner != v {
                return int_arg(vm, inner);
            }
            if let Some(r) = vm.call_method_opt(v, q::__INDEX__, &[])? {
                if let Some(b) = as_bigint(vm, r) {
                    return Ok(b);
                }
            }
            Err(vm.type_error_for("can't convert ", v, " to int"))
        }
    }
}

fn invalid_int(vm: &mut Vm, base: u32) -> crate::vm::PyErr {
    vm.value_error(&format!("invalid syntax for integer with base {}", base))
}

/// `int(x=0)`, `int(text, base=10)`.
fn int_make_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let args = &crate::statics::Args(args);
    check_kw(vm, kw, &["base"])?;
    let base_v = arg_or_kw(vm, args, 2, kw, "base");
    let x = match args.get(1) {
        Some(&x) => x,
        None if base_v.is_none() => return Ok(Value::small_int(0)),
        None => return Err(vm.type_error("int() missing argument")),
    };
    if let Some(bv) = base_v {
        let b = vm.to_i64(bv)?;
        if b != 0 && !(2..=36).contains(&b) {
            return Err(vm.value_error("int() arg 2 must be >= 2 and <= 36"));
        }
        let inner = unwrap_self(vm, x);
        let text: Vec<u8> = match vm.str_data(inner) {
            Some(s) => s.as_bytes().to_vec(),
            None => match vm.bytes_data(inner) {
                Some(b) => b.to_vec(),
                None => return Err(vm.type_error("can't convert non-string with explicit base")),
            },
        };
        return match parse_int(&text, b as u32) {
            Ok(n) => vm.new_bigint(n),
            Err(_) => Err(invalid_int(vm, b as u32)),
        };
    }
    int_of(vm, x)
}

/// `int(x)` for one argument.
pub fn int_of(vm: &mut Vm, x: Value) -> PyResult<Value> {
    if x.is_small_int() {
        return Ok(x);
    }
    if x.is_bool() {
        return Ok(Value::small_int((x == Value::TRUE) as isize));
    }
    match vm.heap.get(x) {
        Some(Obj::BigInt(_)) => return Ok(x),
        Some(Obj::Float(f)) => {
            let f = *f;
            return int_from_f64(vm, f);
        }
        Some(Obj::Complex(..)) => return Err(vm.type_error("can't convert complex to int")),
        _ => {}
    }
    let text: Option<Vec<u8>> = match vm.str_data(x) {
        Some(s) => Some(s.as_bytes().to_vec()),
        None => crate::types::bytes::buffer_data(vm, x),
    };
    if let Some(t) = text {
        return match parse_int(&t, 10) {
            Ok(n) => vm.new_bigint(n),
            Err(_) => Err(invalid_int(vm, 10)),
        };
    }
    for m in [q::__INT__, q::__INDEX__] {
        if let Some(r) = vm.call_method_opt(x, m, &[])? {
            if !vm.is_int(r) {
                return Err(vm.type_error_for("__int__ returned non-int (type ", r, ")"));
            }
            return Ok(r);
        }
    }
    if let Some(b) = vm.native_base_value(x) {
        return int_of(vm, b);
    }
    Err(vm.type_error_for("can't convert ", x, " to int"))
}

/// `bool(x=False)`.
fn bool_make_new(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let args = &crate::statics::Args(args);
    match args.get(1) {
        Some(&x) => Ok(Value::bool(vm.truthy(x)?)),
        None => Ok(Value::FALSE),
    }
}

fn little_endian(vm: &mut Vm, v: Option<Value>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(v) => match vm.str_data(v) {
            Some("little") => Ok(true),
            Some("big") => Ok(false),
            _ => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
        },
    }
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn int_to_bytes(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let args = &crate::statics::Args(args);
    check_kw(vm, kw, &["length", "byteorder", "signed"])?;
    let s = unwrap_self(vm, args[0]);
    let n = int_arg(vm, s)?;
    let len = match arg_or_kw(vm, args, 1, kw, "length") {
        Some(v) => vm.to_i64(v)?,
        None => 1,
    };
    if len < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let order = arg_or_kw(vm, args, 2, kw, "byteorder");
    let little = little_endian(vm, order)?;
    let signed = match kw_get(vm, kw, "signed") {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let len = len as usize;
    vm.reserve(len)?;
    let out = match int_to_le_bytes(&n, len, signed) {
        Ok(b) => b,
        Err(msg) => return Err(vm.overflow_error(msg)),
    };
    let out: Vec<u8> = if little {
        out
    } else {
        out.into_iter().rev().collect()
    };
    vm.new_bytes(&out)
}

/// Little-endian two's-complement (signed) or plain (unsigned) bytes of `n` in exactly `len`
/// bytes, or the OverflowError message.
pub fn int_to_le_bytes(n: &BigInt, len: usize, signed: bool) -> Result<Vec<u8>, &'static str> {
    if !signed && n.is_negative() {
        return Err("can't convert negative int to unsigned");
    }
    let mut b = if signed {
        n.to_signed_bytes_le()
    } else {
        n.magnitude().to_bytes_le()
    };
    if n.is_zero() {
        b.clear();
    }
    if b.len() > len {
        return Err("int too big to convert");
    }
    let pad = if signed && n.is_negative() { 0xff } else { 0 };
    b.resize(len, pad);
    Ok(b)
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`.
fn int_from_bytes(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let args = &crate::statics::Args(args);
    check_kw(vm, kw, &["byteorder", "signed"])?;
    let src = args[1];
    let data: Vec<u8> = match crate::types::bytes::buffer_data(vm, src) {
        Some(b) => b,
        None => {
            let items = vm.collect_iterable(src)?;
            let mut out = Vec::with_capacity(items.len());
            for it in items {
                let x = vm.to_i64(it)?;
                if !(0..256).contains(&x) {
                    return Err(vm.value_error("bytes must be in range(0, 256)"));
                }
                out.push(x as u8);
            }
            out
        }
    };
    let order = arg_or_kw(vm, args, 2, kw, "byteorder");
    let little = little_endian(vm, order)?;
    let signed = match kw_get(vm, kw, "signed") {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let n = match (little, signed) {
        (true, true) => BigInt::from_signed_bytes_le(&data),
        (true, false) => BigInt::from_bytes_le(Sign::Plus, &data),
        (false, true) => BigInt::from_signed_bytes_be(&data),
        (false, false) => BigInt::from_bytes_be(Sign::Plus, &data),
    };
    vm.new_bigint(n)
}

native_fn!(HEX, "hex", 1, 1, |vm, a, _| radix_text(vm, a[0], 16, "0x"));
native_fn!(OCT, "oct", 1, 1, |vm, a, _| radix_text(vm, a[0], 8, "0o"));
native_fn!(BIN, "bin", 1, 1, |vm, a, _| radix_text(vm, a[0], 2, "0b"));
native_fn!(DIVMOD, "divmod", 2, 2, |vm, a, _| vm.binary_op(
    crate::bytecode::op::BINARY_DIVMOD,
    a[0],
    a[1]
));
native_fn!(POW, "pow", 2, 3, builtin_pow);

/// `hex(x)`, `oct(x)`, `bin(x)`.
fn radix_text(vm: &mut Vm, v: Value, radix: u32, prefix: &str) -> PyResult<Value> {
    let n = match as_bigint(vm, v) {
        Some(n) => n,
        None => {
            if let Some(r) = vm.call_method_opt(v, q::__INDEX__, &[])? {
                int_arg(vm, r)?
            } else {
                let inner = unwrap_self(vm, v);
                match as_bigint(vm, inner) {
                    Some(n) => n,
                    None => {
                        return Err(vm.type_error_for("can't convert ", v, " to int"));
                    }
                }
            }
        }
    };
    let sign = if n.is_negative() { "-" } else { "" };
    let s = format!("{}{}{}", sign, prefix, n.magnitude().to_str_radix(radix));
    vm.new_string(s)
}

/// `pow(base, exp[, mod])`.
fn builtin_pow(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if a.len() == 2 || a[2] == Value::NONE {
        return vm.binary_op(crate::bytecode::op::BINARY_POWER, a[0], a[1]);
    }
    let (b, e, m) = match (
        as_bigint(vm, a[0]),
        as_bigint(vm, a[1]),
        as_bigint(vm, a[2]),
    ) {
        (Some(b), Some(e), Some(m)) => (b, e, m),
        _ => return Err(vm.type_error("pow() with 3 arguments requires integers")),
    };
    if m.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    let r = if e.is_negative() {
        let inv = match mod_inverse(&b, &m) {
            Some(i) => i,
            None => return Err(vm.value_error("base is not invertible for the given modulus")),
        };
        inv.modpow(&-e, &m)
    } else {
        b.modpow(&e, &m)
    };
    vm.new_bigint(r)
}

/// Modular inverse of `a` modulo `m` (result with the sign convention of `%`).
fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    use crate::types::bigint::Integer;
    let mm = m.abs();
    let e = a.mod_floor(&mm).extended_gcd(&mm);
    if e.gcd != BigInt::from(1) {
        return None;
    }
    Some(e.x.mod_floor(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::bigint::ToPrimitive;

    fn p(s: &str, b: u32) -> Option<i64> {
        parse_int(s.as_bytes(), b).ok().and_then(|n| n.to_i64())
    }

    #[test]
    fn parses_literals() {
        assert_eq!(p(" 12 ", 10), Some(12));
        assert_eq!(p("-0x1f", 0), Some(-31));
        assert_eq!(p("0x1f", 16), Some(31));
        assert_eq!(p("1_000", 10), Some(1000));
        assert_eq!(p("0b_101", 0), Some(5));
        assert_eq!(p("z", 36), Some(35));
        assert_eq!(p("000", 0), Some(0));
        assert_eq!(p("010", 0), None);
        assert_eq!(p("1__0", 10), None);
        assert_eq!(p("_1", 10), None);
        assert_eq!(p("1_", 10), None);
        assert_eq!(p("", 10), None);
        assert_eq!(p("12a", 10), None);
        assert_eq!(p("0x", 16), None);
    }

    #[test]
    fn to_bytes_bounds() {
        let n = BigInt::from(-1);
        assert_eq!(int_to_le_bytes(&n, 2, true), Ok(alloc::vec![0xff, 0xff]));
        assert!(int_to_le_bytes(&n, 2, false).is_err());
        assert!(int_to_le_bytes(&BigInt::from(256), 1, false).is_err());
        assert_eq!(
            int_to_le_bytes(&BigInt::from(0), 0, false),
            Ok(alloc::vec![])
        );
        assert!(int_to_le_bytes(&BigInt::from(128), 1, true).is_err());
    }
}
