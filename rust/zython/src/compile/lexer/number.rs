//! Numeric literals: decimal/hex/octal/binary integers (with `_`), floats and imaginaries.

use alloc::string::String;
use alloc::vec::Vec;

use crate::compile::token::Tok;

const INVALID: &str = "invalid syntax";

/// Lexes the number at the start of `s` (which starts with a digit, or `.` and a digit).
/// Returns the token and the number of bytes consumed.
pub(super) fn lex_number(s: &str) -> Result<(Tok, usize), &'static str> {
    let b = s.as_bytes();
    if b.first() == Some(&b'0') {
        let base = match b.get(1) {
            Some(b'x' | b'X') => 16,
            Some(b'o' | b'O') => 8,
            Some(b'b' | b'B') => 2,
            _ => 0,
        };
        if base != 0 {
            return prefixed_int(b, base);
        }
    }
    let mut pos = 0;
    let mut clean: Vec<u8> = Vec::with_capacity(16);
    let mut is_float = false;
    if b.first() != Some(&b'.') {
        pos = digits(b, pos, &mut clean)?;
    }
    if b.get(pos) == Some(&b'.') {
        is_float = true;
        clean.push(b'.');
        pos += 1;
        if matches!(b.get(pos), Some(b'0'..=b'9')) {
            pos = digits(b, pos, &mut clean)?;
        }
    }
    if matches!(b.get(pos), Some(b'e' | b'E')) {
        let mut p = pos + 1;
        let mut exp = Vec::with_capacity(4);
        exp.push(b'e');
        if let Some(&sign @ (b'+' | b'-')) = b.get(p) {
            exp.push(sign);
            p += 1;
        }
        if matches!(b.get(p), Some(b'0'..=b'9')) {
            pos = digits(b, p, &mut exp)?;
            clean.extend_from_slice(&exp);
            is_float = true;
        }
    }
    let text = core::str::from_utf8(&clean).map_err(|_| INVALID)?;
    if matches!(b.get(pos), Some(b'j' | b'J')) {
        let v = parse_float(text)?;
        return Ok((Tok::Imag(v), pos + 1));
    }
    if is_float {
        return Ok((Tok::Float(parse_float(text)?), pos));
    }
    // A decimal integer: leading zeros are only allowed for zero itself.
    if clean.len() > 1 && clean.first() == Some(&b'0') && clean.iter().any(|&d| d != b'0') {
        return Err("leading zeros in decimal integer literals are not permitted");
    }
    Ok((decimal_int(&clean), pos))
}

/// Reads `digit (_? digit)*` from `pos`, appending the digits to `out`.
fn digits(b: &[u8], mut pos: usize, out: &mut Vec<u8>) -> Result<usize, &'static str> {
    loop {
        match b.get(pos) {
            Some(&d @ b'0'..=b'9') => {
                out.push(d);
                pos += 1;
            }
            Some(b'_') if matches!(b.get(pos + 1), Some(b'0'..=b'9')) && pos > 0 => pos += 1,
            Some(b'_') => return Err(INVALID),
            _ => return Ok(pos),
        }
    }
}

fn parse_float(text: &str) -> Result<f64, &'static str> {
    crate::types::float_parse::parse_f64(text).ok_or(INVALID)
}

/// `0x..`, `0o..`, `0b..` integers.
fn prefixed_int(b: &[u8], base: u32) -> Result<(Tok, usize), &'static str> {
    let mut pos = 2;
    let mut vals: Vec<u8> = Vec::with_capacity(16);
    let mut last_underscore = false;
    while let Some(&c) = b.get(pos) {
        if c == b'_' {
            if last_underscore {
                return Err(INVALID);
            }
            last_underscore = true;
        } else if c.is_ascii_alphanumeric() {
            let d = (c as char).to_digit(36).unwrap_or(99);
            if d >= base {
                return Err(INVALID);
            }
            vals.push(d as u8);
            last_underscore = false;
        } else {
            break;
        }
        pos += 1;
    }
    if vals.is_empty() || last_underscore {
        return Err(INVALID);
    }
    let mut acc: i64 = 0;
    for &d in &vals {
        match acc
            .checked_mul(base as i64)
            .and_then(|v| v.checked_add(d as i64))
        {
            Some(v) => acc = v,
            None => return Ok((Tok::BigInt(radix_to_decimal(&vals, base)), pos)),
        }
    }
    Ok((Tok::Int(acc), pos))
}

/// A decimal integer from its digit characters.
fn decimal_int(digits: &[u8]) -> Tok {
    let mut acc: i64 = 0;
    for &d in digits {
        match acc
            .checked_mul(10)
            .and_then(|v| v.checked_add((d - b'0') as i64))
        {
            Some(v) => acc = v,
            None => {
                let start = digits.iter().position(|&d| d != b'0').unwrap_or(0);
                let text: String = digits.iter().skip(start).map(|&d| d as char).collect();
                return Tok::BigInt(text);
            }
        }
    }
    Tok::Int(acc)
}

/// Converts digit values in `base` (most significant first) to decimal text.
///
/// Works on limbs of 10^9, folding several input digits per pass to keep the constant small.
pub(crate) fn radix_to_decimal(vals: &[u8], base: u32) -> String {
    const LIMB: u64 = 1_000_000_000;
    // Number of input digits folded per pass so that limb * base^k + carry fits in u64.
    let per = match base {
        2 => 28,
        8 => 9,
        16 => 7,
        _ => 1,
    };
    let mut limbs: Vec<u64> = Vec::new(); // little-endian, base 10^9
    for chunk in vals.chunks(per) {
        let mut mul: u64 = 1;
        let mut add: u64 = 0;
        for &d in chunk {
            mul *= base as u64;
            add = add * base as u64 + d as u64;
        }
        let mut carry = add;
        for limb in limbs.iter_mut() {
            let v = *limb * mul + carry;
            *limb = v % LIMB;
            carry = v / LIMB;
        }
        while carry > 0 {
            limbs.push(carry % LIMB);
            carry /= LIMB;
        }
    }
    let mut out = String::new();
    match limbs.last() {
        None => out.push('0'),
        Some(top) => {
            push_u64(&mut out, *top, 0);
            for limb in limbs.iter().rev().skip(1) {
                push_u64(&mut out, *limb, 9);
            }
        }
    }
    out
}

/// Appends `v` in decimal, left-padded with zeros to `width`.
fn push_u64(out: &mut String, mut v: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    while v > 0 {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    let start = if width > 0 {
        buf.len() - width.max(buf.len() - i)
    } else if i == buf.len() {
        buf.len() - 1
    } else {
        i
    };
    for &c in &buf[start..] {
        out.push(c as char);
    }
}
