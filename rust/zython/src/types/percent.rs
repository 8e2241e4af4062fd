//! printf-style `%` formatting for `str` and `bytes`.

use crate::obj::Obj;
use crate::types::bigint::BigInt;
use crate::types::bigint::{Signed, ToPrimitive};
use crate::types::format::{format_float, pad, Spec};
use crate::value::Value;
use crate::vm::ops::as_bigint;
use crate::vm::{PyResult, Vm};
use alloc::string::String;
use alloc::vec::Vec;

/// Largest width or precision accepted.
const MAX_WIDTH: i64 = 1 << 24;

/// Where conversion arguments come from.
enum Source {
    /// Positional values (a tuple's items, or the single non-tuple argument).
    Seq(Vec<Value>),
    /// A mapping for `%(name)s`.
    Map(Value),
}

/// Expand `fmt % args`; `bytes` selects bytes semantics for `%s`/`%b`/`%r`.
pub fn format(vm: &mut Vm, fmt: &[u8], args: Value, bytes: bool) -> PyResult<Vec<u8>> {
    let base = vm.roots.len();
    vm.roots.push(args);
    let r = format_inner(vm, fmt, args, bytes);
    vm.roots.truncate(base);
    r
}

fn format_inner(vm: &mut Vm, fmt: &[u8], args: Value, bytes: bool) -> PyResult<Vec<u8>> {
    let is_map = matches!(vm.heap.get(args), Some(Obj::Dict(_)));
    let src = match vm.heap.get(args) {
        Some(Obj::Tuple(t)) => Source::Seq(t.to_vec()),
        _ if is_map => Source::Map(args),
        _ => Source::Seq(alloc::vec![args]),
    };
    let mut pos = 0usize;
    let mut out: Vec<u8> = Vec::new();
    let mut i = 0;
    let mut used_map = false;
    while i < fmt.len() {
        let c = fmt[i];
        if c != b'%' {
            let next = fmt[i..]
                .iter()
                .position(|&b| b == b'%')
                .map_or(fmt.len(), |p| i + p);
            out.extend_from_slice(&fmt[i..next]);
            i = next;
            continue;
        }
        i += 1;
        let mut key: Option<Vec<u8>> = None;
        if fmt.get(i) == Some(&b'(') {
            let mut depth = 1;
            let st = i + 1;
            let mut j = st;
            while j < fmt.len() {
                match fmt[j] {
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= fmt.len() {
                return Err(vm.value_error("incomplete format key"));
            }
            // MicroPython interns the key, so it is a name with a name's length limit.
            if j - st > crate::qstr::MAX_NAME_LEN {
                return Err(vm.runtime_error("name too long"));
            }
            key = Some(fmt[st..j].to_vec());
            i = j + 1;
        }
        let mut sp = Spec::default();
        let mut left = false;
        while let Some(&f) = fmt.get(i) {
            match f {
                b'-' => left = true,
                b'+' => sp.sign = Some('+'),
                b' ' => {
                    if sp.sign.is_none() {
                        sp.sign = Some(' ')
                    }
                }
                b'#' => sp.alt = true,
                b'0' => sp.zero = true,
                _ => break,
            }
            i += 1;
        }
        // Width.
        if fmt.get(i) == Some(&b'*') {
            let v = next_arg(vm, &src, &mut pos)?;
            let w = vm.to_i64(v)?;
            if w < 0 {
                left = true;
            }
            sp.width = w.unsigned_abs().min(MAX_WIDTH as u64) as usize;
            i += 1;
        } else {
            let (n, j) = read_num(fmt, i);
            sp.width = n.min(MAX_WIDTH) as usize;
            i = j;
        }
        let mut prec: Option<usize> = None;
        if fmt.get(i) == Some(&b'.') {
            i += 1;
            if fmt.get(i) == Some(&b'*') {
                let v = next_arg(vm, &src, &mut pos)?;
                prec = Some(vm.to_i64(v)?.clamp(0, MAX_WIDTH) as usize);
                i += 1;
            } else {
                let (n, j) = read_num(fmt, i);
                prec = Some(n.min(MAX_WIDTH) as usize);
                i = j;
            }
        }
        while matches!(fmt.get(i), Some(b'h' | b'l' | b'L')) {
            i += 1;
        }
        let ty = match fmt.get(i) {
            Some(&t) => t,
            None => return Err(vm.value_error("incomplete format")),
        };
        i += 1;
        if ty == b'%' {
            out.push(b'%');
            continue;
        }
        if left {
            sp.align = Some('<');
            sp.zero = false;
        }
        let v = match &key {
            Some(k) => {
                used_map = true;
                // Once used as a mapping, the dict is no longer available positionally.
                pos = pos.max(1);
                let m = match src {
                    Source::Map(m) => m,
                    _ => return Err(vm.type_error("format requires a mapping")),
                };
                let kv = match core::str::from_utf8(k) {
                    Ok(s) => vm.new_str(s)?,
                    Err(_) => vm.new_bytes(k)?,
                };
                vm.getitem(m, kv)?
            }
            None => next_arg(vm, &src, &mut pos)?,
        };
        vm.roots.push(v);
        convert(vm, ty, v, &mut sp, prec, bytes, &mut out)?;
        vm.reserve(out.len())?;
    }
    if let Source::Seq(items) = &src {
        if pos < items.len() && !used_map {
            return Err(vm.type_error("not all arguments converted during string formatting"));
        }
    }
    Ok(out)
}

fn read_num(fmt: &[u8], mut i: usize) -> (i64, usize) {
    let mut n: i64 = 0;
    while let Some(d) = fmt.get(i).filter(|c| c.is_ascii_digit()) {
        n = n.saturating_mul(10).saturating_add((d - b'0') as i64);
        i += 1;
    }
    (n, i)
}

fn next_arg(vm: &mut Vm, src: &Source, pos: &mut usize) -> PyResult<Value> {
    match src {
        Source::Seq(items) => match items.get(*pos) {
            Some(&v) => {
                *pos += 1;
                Ok(v)
            }
            None => Err(vm.type_error("not enough arguments for format string")),
        },
        Source::Map(m) => {
            // A mapping used positionally (e.g. "%s" % {}) is the single argument.
            if *pos == 0 {
                *pos += 1;
                Ok(*m)
            } else {
                Err(vm.type_error("not enough arguments for format string"))
            }
        }
    }
}

/// An int for %d/%x/%o/%c: ints as is, floats truncated (for %d only), else TypeError.
fn int_for(vm: &mut Vm, v: Value, ty: u8) -> PyResult<BigInt> {
    let inner = crate::types::textargs::unwrap_self(vm, v);
    if let Some(b) = as_bigint(vm, inner) {
        return Ok(b);
    }
    if let Some(Obj::Float(f)) = vm.heap.get(inner) {
        let f = *f;
        if matches!(ty, b'd' | b'i' | b'u') {
            let iv = crate::types::int::int_from_f64(vm, f)?;
            return Ok(as_bigint(vm, iv).unwrap_or_default());
        }
        let msg = alloc::format!("%{} format: an integer is required, not float", ty as char);
        return Err(vm.type_error(&msg));
    }
    if let Some(r) = vm.call_method_opt(v, crate::qstr::q::__INT__, &[])? {
        if let Some(b) = as_bigint(vm, r) {
            return Ok(b);
        }
    }
    let msg = alloc::format!("%{} format: a number is required, not ", ty as char);
    Err(vm.type_error_for(&msg, v, ""))
}

fn convert(
    vm: &mut Vm,
    ty: u8,
    v: Value,
    sp: &mut Spec,
    prec: Option<usize>,
    bytes: bool,
    out: &mut Vec<u8>,
) -> PyResult<()> {
    let mut s = String::new();
    match ty {
        b's' | b'r' | b'a' | b'b' => {
            if bytes && (ty == b's' || ty == b'b') {
                let data = match crate::types::bytes::buffer_data(vm, v) {
                    Some(d) => d,
                    None => {
                        return Err(vm.type_error_for(
                            "%b requires a bytes-like object, not '",
                            v,
                            "'",
                        ))
                    }
                };
                let data = match prec {
                    Some(p) => data.get(..p.min(data.len())).unwrap_or(&[]).to_vec(),
                    None => data,
                };
                let n = data.len();
                let extra = sp.width.saturating_sub(n);
                if sp.align == Some('<') {
                    out.extend_from_slice(&data);
                    out.resize(out.len() + extra, b' ');
                } else {
                    out.resize(out.len() + extra, b' ');
                    out.extend_from_slice(&data);
                }
                return Ok(());
            }
            let mut text = String::new();
            if ty == b's' && !bytes {
                vm.str_into(v, &mut text)?;
            } else {
                vm.repr_into(v, &mut text)?;
            }
            if let Some(p) = prec {
                text = text.chars().take(p).collect();
            }
            sp.zero = false;
            pad(sp, "", &text, '>', &mut s);
        }
        b'c' => {
            let ch: String = if let Some(t) = vm.str_data(v) {
                if t.chars().count() != 1 {
                    return Err(vm.type_error("%c requires int or char"));
                }
                String::from(t)
            } else if vm.is_int(v) {
                let i = vm.to_i64(v)?;
                let lim = if bytes { 256 } else { 0x110000 };
                match u32::try_from(i).ok().filter(|&c| c < lim) {
                    Some(c) if bytes => {
                        let mut body = Vec::new();
                        let extra = sp.width.saturating_sub(1);
                        if sp.align != Some('<') {
                            body.resize(extra, b' ');
                        }
                        body.push(c as u8);
                        if sp.align == Some('<') {
                            body.resize(extra + 1, b' ');
                        }
                        out.extend_from_slice(&body);
                        return Ok(());
                    }
                    Some(c) => match char::from_u32(c) {
                        Some(c) => String::from(c),
                        None => return Err(vm.overflow_error("%c arg not in range(0x110000)")),
                    },
                    None => return Err(vm.overflow_error("%c arg not in range(0x110000)")),
                }
            } else {
                return Err(vm.type_error("%c requires int or char"));
            };
            sp.zero = false;
            pad(sp, "", &ch, '>', &mut s);
        }
        b'd' | b'i' | b'u' | b'x' | b'X' | b'o' => {
            let n = int_for(vm, v, ty)?;
            let (radix, prefix) = match ty {
                b'x' => (16, "0x"),
                b'X' => (16, "0X"),
                b'o' => (8, "0o"),
                _ => (10, ""),
            };
            let mut digits = n.magnitude().to_str_radix(radix);
            if ty == b'X' {
                digits.make_ascii_uppercase();
            }
            if let Some(p) = prec {
                while digits.len() < p {
                    digits.insert(0, '0');
                }
            }
            let mut head = String::from(if n.is_negative() {
                "-"
            } else {
                match sp.sign {
                    Some('+') => "+",
                    Some(' ') => " ",
                    _ => "",
                }
            });
            if sp.alt {
                head.push_str(prefix);
            }
            pad(sp, &head, &digits, '>', &mut s);
        }
        b'e' | b'E' | b'f' | b'F' | b'g' | b'G' => {
            let inner = crate::types::textargs::unwrap_self(vm, v);
            let f = match vm.heap.get(inner) {
                Some(Obj::Float(f)) => *f,
                _ => match as_bigint(vm, inner) {
                    Some(b) => b.to_f64().unwrap_or(f64::INFINITY),
                    None => {
                        let msg = alloc::format!(
                            "%{} format: a real number is required, not ",
                            ty as char
                        );
                        if vm.is_str(inner) || !matches!(vm.heap.get(inner), Some(Obj::Instance(_)))
                        {
                            return Err(vm.type_error_for(&msg, v, ""));
                        }
                        vm.to_f64(v)?
                    }
                },
            };
            sp.ty = Some(ty as char);
            sp.precision = Some(prec.unwrap_or(6));
            if let Err(m) = format_float(f, sp, &mut s) {
                return Err(vm.value_error(m));
            }
        }
        _ => {
            let msg = alloc::format!(
                "unsupported format character '{}' (0x{:x}) at index",
                ty as char,
                ty
            );
            return Err(vm.value_error(&msg));
        }
    }
    out.extend_from_slice(s.as_bytes());
    Ok(())
}
