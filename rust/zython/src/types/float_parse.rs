//! Decimal text to f64, correctly rounded (ties to even).
//!
//! core's `f64::from_str` brings a 10 KB table of powers of five into the firmware; this parser
//! reuses the big integers the interpreter already links. Short inputs take Clinger's exact fast
//! path; the rest divide two big integers and round the quotient by hand.

use crate::types::bigint::BigUint;
use crate::types::bigint::{ToPrimitive, Zero};
use alloc::vec::Vec;

/// Parses `[+-]digits[.digits][(e|E)[+-]digits]` (at least one mantissa digit, no spaces or
/// underscores); `None` when the text is not of that form.
pub fn parse_f64(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let (neg, mut i) = match b.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let mut digits: Vec<u8> = Vec::new();
    let mut exp: i64 = 0;
    let mut seen_digit = false;
    let mut seen_dot = false;
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                seen_digit = true;
                if !(digits.is_empty() && c == b'0') {
                    digits.push(c);
                }
                if seen_dot {
                    exp -= 1;
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => break,
        }
        i += 1;
    }
    if !seen_digit {
        return None;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        let eneg = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut e: i64 = 0;
        while let Some(&c) = b.get(i) {
            if !c.is_ascii_digit() {
                break;
            }
            // Saturate: anything past a few thousand is already infinity or zero.
            e = (e * 10 + i64::from(c - b'0')).min(1_000_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp += if eneg { -e } else { e };
    }
    if i != b.len() {
        return None;
    }
    // Trailing zeros of the mantissa move into the exponent.
    while digits.last() == Some(&b'0') {
        digits.pop();
        exp += 1;
    }
    let mag = magnitude(&digits, exp);
    Some(if neg { -mag } else { mag })
}

/// The f64 nearest to `digits` × 10^`exp` (`digits`: ASCII decimal, no leading zeros).
fn magnitude(digits: &[u8], exp: i64) -> f64 {
    if digits.is_empty() {
        return 0.0;
    }
    let scale = exp + digits.len() as i64; // value is in [10^(scale-1), 10^scale)
    if scale > 310 {
        return f64::INFINITY;
    }
    if scale < -330 {
        return 0.0;
    }
    // Clinger's fast path: both the mantissa and the power of ten are exact doubles.
    if digits.len() <= 15 && (-22..=22).contains(&exp) {
        let m = digits
            .iter()
            .fold(0u64, |acc, &d| acc * 10 + u64::from(d - b'0'));
        let p = (0..exp.unsigned_abs()).fold(1.0f64, |acc, _| acc * 10.0);
        return if exp >= 0 { m as f64 * p } else { m as f64 / p };
    }
    let m = BigUint::parse_bytes(digits, 10).unwrap_or_default();
    let ten = BigUint::from(10u32);
    let (num, den) = if exp >= 0 {
        (m * ten.pow(exp as u32), BigUint::from(1u32))
    } else {
        (m, ten.pow((-exp) as u32))
    };
    ratio_to_f64(&num, &den)
}

/// The f64 nearest to `num` / `den`, ties to even (`num` > 0, `den` > 0).
fn ratio_to_f64(num: &BigUint, den: &BigUint) -> f64 {
    // Choose 2^k so that the quotient has 54 to 56 bits, but never go below the subnormal step.
    let k = (num.bits() as i64 - den.bits() as i64 - 55).max(-1074);
    let (q, r) = if k >= 0 {
        let d = den << (k as usize);
        let q = num / &d;
        let r = num - &q * &d;
        (q, r.is_zero())
    } else {
        let n = num << ((-k) as usize);
        let q = &n / den;
        let r = &n - &q * den;
        // With no bits to drop the remainder alone decides the rounding.
        if q.bits() <= 53 {
            let twice = r << 1usize;
            let up = twice > *den || (twice == *den && q.bit(0));
            let q = q.to_u64().unwrap_or(0) + u64::from(up);
            return libm::scalbn(q as f64, k as i32);
        }
        (q, r.is_zero())
    };
    let exact_rem = r;
    let extra = q.bits().saturating_sub(53);
    let mut top = (&q >> (extra as usize)).to_u64().unwrap_or(u64::MAX);
    if extra > 0 {
        let half = BigUint::from(1u32) << ((extra - 1) as usize);
        let low = &q - (BigUint::from(top) << (extra as usize));
        if low > half || (low == half && (!exact_rem || top & 1 == 1)) {
            top += 1;
        }
    }
    let e = k + extra as i64;
    if e > 1024 {
        return f64::INFINITY;
    }
    libm::scalbn(top as f64, e as i32)
}

#[cfg(test)]
mod tests {
    use super::parse_f64;
    use alloc::format;

    fn check(s: &str) {
        let want: f64 = s.parse().unwrap();
        let got = parse_f64(s).unwrap();
        assert_eq!(
            got.to_bits(),
            want.to_bits(),
            "{s}: got {got:e} want {want:e}"
        );
    }

    #[test]
    fn agrees_with_core_on_hard_cases() {
        for s in [
            "0",
            "0.0",
            "-0.0",
            "1",
            "1.5",
            ".5",
            "5.",
            "1e10",
            "1E-5",
            "123456789012345678901234567890",
            "0.1",
            "0.2",
            "0.30000000000000004",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
            "2.2250738585072014e-308",
            "2.2250738585072011e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-400",
            "1e400",
            "9007199254740993",
            "9007199254740992.5",
            "9007199254740993.0000000001",
            "3.141592653589793238462643383279",
            "1e23",
            "8.98846567431158e307",
            "0.000001",
            "123.456e-7",
            "+7",
        ] {
            check(s);
        }
    }

    #[test]
    fn agrees_with_core_on_many_values() {
        // Deterministic pseudo-random doubles printed at several precisions.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..4000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = f64::from_bits(x & !(1 << 63));
            if !f.is_finite() {
                continue;
            }
            check(&format!("{f:e}"));
            check(&format!("{f:.3e}"));
            check(&format!("{f:.20e}"));
        }
    }

    #[test]
    fn rejects_malformed() {
        for s in [
            "", "-", ".", "e5", "1e", "1e+", "1.2.3", "1x", " 1", "inf", "nan", "1_0",
        ] {
            assert!(parse_f64(s).is_none(), "{s}");
        }
    }
}
