//! Writing a [`CompiledModule`] as a bytecode .mpy file.

use super::{obj, MPY_VERSION};
use crate::bytecode::prelude::write_vuint;
use crate::bytecode::rawcode::{CompiledModule, Const, RawCode};
use crate::bytecode::static_qstr::static_qstr_index;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// Serialises `m` as a .mpy file whose header announces `small_int_bits`-bit small ints.
///
/// Qstrs found in the static table are written as static references (as mpy-cross does);
/// numbers are written as text MicroPython's loader parses.
pub fn save(m: &CompiledModule, small_int_bits: u8) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&[b'M', MPY_VERSION, 0, small_int_bits]);
    write_vuint(&mut out, m.qstrs.len());
    write_vuint(&mut out, m.consts.len());
    for q in &m.qstrs {
        match static_qstr_index(q) {
            Some(n) => write_vuint(&mut out, (usize::from(n) << 1) | 1),
            None => {
                write_vuint(&mut out, q.len() << 1);
                out.extend_from_slice(q.as_bytes());
                out.push(0);
            }
        }
    }
    for c in &m.consts {
        save_const(&mut out, c);
    }
    save_raw_code(&mut out, &m.root);
    out
}

/// Appends one constant (recursing into tuples; their depth is the compiler's to bound).
fn save_const(out: &mut Vec<u8>, c: &Const) {
    match c {
        Const::None => out.push(obj::NONE),
        Const::False => out.push(obj::FALSE),
        Const::True => out.push(obj::TRUE),
        Const::Ellipsis => out.push(obj::ELLIPSIS),
        Const::Str(s) => save_data(out, obj::STR, s.as_bytes(), true),
        Const::Bytes(b) => save_data(out, obj::BYTES, b, true),
        Const::BigInt(text) => save_data(out, obj::INT, text.as_bytes(), false),
        Const::Float(f) => save_data(out, obj::FLOAT, float_text(*f).as_bytes(), false),
        Const::Complex(re, im) => {
            let text = if *re == 0.0 && re.is_sign_positive() {
                format!("{}j", complex_part_text(*im))
            } else {
                let im_text = complex_part_text(*im);
                let sign = if im_text.starts_with('-') { "" } else { "+" };
                format!("({}{sign}{im_text}j)", complex_part_text(*re))
            };
            save_data(out, obj::COMPLEX, text.as_bytes(), false);
        }
        Const::Tuple(items) => {
            out.push(obj::TUPLE);
            write_vuint(out, items.len());
            for item in items {
                save_const(out, item);
            }
        }
    }
}

/// Appends a type byte, a length, the data and (for str/bytes) a NUL.
fn save_data(out: &mut Vec<u8>, kind: u8, data: &[u8], nul: bool) {
    out.push(kind);
    write_vuint(out, data.len());
    out.extend_from_slice(data);
    if nul {
        out.push(0);
    }
}

/// A float as Python's `repr` writes it (shortest round-trip digits; `1.0`, `0.0001`,
/// `1e-05`, `1.5e+100`, `inf`, `nan`), which is also what mpy-cross writes in most cases.
fn float_text(f: f64) -> String {
    if f.is_nan() {
        return String::from("nan");
    }
    if f.is_infinite() {
        return String::from(if f < 0.0 { "-inf" } else { "inf" });
    }
    // `{:e}` gives the shortest digits that round-trip, as `-1.5e100` or `1e-7`.
    let sci = crate::types::float_fmt::shortest_sci(f);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        let text = if exp < 0 {
            format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
        } else if exp + 1 >= n {
            format!("{digits}{}.0", "0".repeat((exp + 1 - n) as usize))
        } else {
            let (int, frac) = digits.split_at((exp + 1) as usize);
            format!("{int}.{frac}")
        };
        format!("{sign}{text}")
    } else {
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{esign}{:02}", exp.unsigned_abs())
    }
}

/// A complex part as Python's complex `repr` writes it (`2`, `2.5`, `1e+100`, `-0`).
fn complex_part_text(f: f64) -> String {
    let t = float_text(f);
    match t.strip_suffix(".0") {
        Some(short) => String::from(short),
        None => t,
    }
}

/// Appends one raw code and its children (depth bounded by the loader or the compiler).
fn save_raw_code(out: &mut Vec<u8>, rc: &RawCode) {
    let has_children = usize::from(!rc.children.is_empty());
    write_vuint(out, (rc.code.len() << 3) | (has_children << 2));
    out.extend_from_slice(&rc.code);
    if !rc.children.is_empty() {
        write_vuint(out, rc.children.len());
        for child in &rc.children {
            save_raw_code(out, child);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_text_is_python_repr() {
        for (f, t) in [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1000.0, "1000.0"),
            (0.0001, "0.0001"),
            (1e-5, "1e-05"),
            (1.1e-7, "1.1e-07"),
            (2.35e-100, "2.35e-100"),
            (1.5e100, "1.5e+100"),
            (1e16, "1e+16"),
            (123456789012345.6, "123456789012345.6"),
            (-2.5, "-2.5"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
        ] {
            assert_eq!(float_text(f), t);
        }
        assert_eq!(complex_part_text(2.0), "2");
        assert_eq!(complex_part_text(2.5), "2.5");
    }
}
