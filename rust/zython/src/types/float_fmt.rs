//! f64 to decimal text: exact digits rounded half to even (Python's `%e`/`%f`), and the
//! shortest digits that read back to the same float (Python's `repr`).
//!
//! core's float formatting brings Grisu and Dragon4 with their tables (about 10 KB on Cortex-M);
//! this module reuses the big integers the interpreter already links. A finite double is
//! m × 2^e exactly, so its full decimal expansion is the integer m × 5^-e (or m × 2^e) with the
//! decimal point moved; every format is a rounding of that digit string.
//!
//! The output strings have the shapes of Rust's `{:e}`, `{:.N e}` and `{:.N}` (`-1.5e-7`,
//! `2.50e3`, `-0.125`); callers turn them into Python's forms.

use super::float_parse::parse_f64;
use crate::types::bigint::BigUint;
use alloc::string::String;
use alloc::vec::Vec;

/// Decimal digits `d` (ASCII, first nonzero unless the value is zero) and exponent `e`:
/// the value is d[0].d[1..] × 10^e.
struct Decimal {
    digits: Vec<u8>,
    exp: i32,
}

/// The exact decimal expansion of a finite, non-negative `x`.
fn exact(x: f64) -> Decimal {
    let bits = x.to_bits();
    let frac = bits & ((1u64 << 52) - 1);
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let (m, e2) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), biased - 1075)
    };
    if m == 0 {
        return Decimal {
            digits: alloc::vec![b'0'],
            exp: 0,
        };
    }
    let (n, shift) = if e2 >= 0 {
        (BigUint::from(m) << (e2 as usize), 0)
    } else {
        (
            BigUint::from(m) * BigUint::from(5u32).pow((-e2) as u32),
            -e2,
        )
    };
    let mut digits = n.to_str_radix(10).into_bytes();
    let exp = digits.len() as i32 - 1 - shift;
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    Decimal { digits, exp }
}

/// `d` rounded half to even to `keep` significant digits (`keep` may be 0 or negative: the
/// value then rounds to 0 or to one unit at 10^(exp - keep + 1)). Zero-padded to `keep` digits.
fn round(d: &Decimal, keep: i32) -> Decimal {
    let n = d.digits.len() as i32;
    if keep >= n {
        let mut digits = d.digits.clone();
        digits.resize(keep.max(1) as usize, b'0');
        return Decimal { digits, exp: d.exp };
    }
    let (mut kept, up) = if keep < 0 {
        (Vec::new(), false)
    } else {
        let k = keep as usize;
        let next = d.digits[k];
        let rest_nonzero = d.digits[k + 1..].iter().any(|&c| c != b'0');
        let last_odd = k > 0 && (d.digits[k - 1] - b'0') % 2 == 1;
        let up = next > b'5' || (next == b'5' && (rest_nonzero || last_odd));
        (d.digits[..k].to_vec(), up)
    };
    let mut exp = d.exp;
    if up {
        // Add one unit in the last kept place, carrying through nines.
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, b'1');
                exp += 1;
                kept.pop_if_longer(keep);
                break;
            }
            i -= 1;
            if kept[i] == b'9' {
                kept[i] = b'0';
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    if kept.is_empty() {
        // Rounded away entirely: zero.
        return Decimal {
            digits: alloc::vec![b'0'; keep.max(1) as usize],
            exp: exp.max(d.exp - keep + 1),
        };
    }
    Decimal { digits: kept, exp }
}

/// Helper: after a carry turned "99" into "100", keep the digit count at `keep` (at least 1).
trait PopIfLonger {
    fn pop_if_longer(&mut self, keep: i32);
}

impl PopIfLonger for Vec<u8> {
    fn pop_if_longer(&mut self, keep: i32) {
        while self.len() as i32 > keep.max(1) {
            self.pop();
        }
    }
}

/// Rust-style scientific text of `digits` × 10^`exp` (`1.5e-7`).
fn sci_text(neg: bool, d: &Decimal, out: &mut String) {
    if neg {
        out.push('-');
    }
    out.push(d.digits[0] as char);
    if d.digits.len() > 1 {
        out.push('.');
        out.extend(d.digits[1..].iter().map(|&c| c as char));
    }
    out.push('e');
    push_int(out, d.exp);
}

fn push_int(out: &mut String, v: i32) {
    if v < 0 {
        out.push('-');
    }
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    let mut u = v.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&c| c as char));
}

/// Like Rust's `format!("{:e}", x)`: the shortest digits that read back as `x`, e.g. `1e-7`,
/// `-1.5e100`, `0e0`. `x` must be finite.
pub fn shortest_sci(x: f64) -> String {
    let d = exact(x.abs());
    // Reading back succeeds for every digit count from some point on (more digits are never
    // farther from x), so a binary search finds the shortest. Zero has one digit already.
    let reads_back = |keep: i32| {
        let mut text = String::new();
        sci_text(false, &round(&d, keep), &mut text);
        parse_f64(&text) == Some(x.abs())
    };
    let (mut lo, mut hi) = (1, (d.digits.len() as i32).min(17));
    while lo < hi {
        let mid = (lo + hi) / 2;
        if reads_back(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let mut r = round(&d, lo);
    while r.digits.len() > 1 && r.digits.last() == Some(&b'0') {
        r.digits.pop();
    }
    let mut out = String::new();
    sci_text(x.is_sign_negative(), &r, &mut out);
    out
}

/// Like Rust's `format!("{:.prec$e}", x)`: `prec` digits after the point, rounded half to
/// even. `x` must be finite.
pub fn sci(x: f64, prec: usize) -> String {
    let d = exact(x.abs());
    let keep = prec.min(1100) as i32 + 1;
    let r = if d.digits == [b'0'] {
        Decimal {
            digits: alloc::vec![b'0'; keep as usize],
            exp: 0,
        }
    } else {
        round(&d, keep)
    };
    let mut out = String::new();
    sci_text(x.is_sign_negative(), &r, &mut out);
    out
}

/// Like Rust's `format!("{:.prec$}", x)`: `prec` digits after the point, rounded half to
/// even. `x` must be finite.
pub fn fixed(x: f64, prec: usize) -> String {
    let prec = prec.min(1100) as i32;
    let d = exact(x.abs());
    // Significant digits that reach down to 10^-prec.
    let keep = d.exp + 1 + prec;
    let r = if d.digits == [b'0'] {
        Decimal {
            digits: alloc::vec![b'0'],
            exp: 0,
        }
    } else {
        round(&d, keep)
    };
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    // Digit at 10^p for p from max(exp, 0) down to -prec.
    let digit = |p: i32| -> char {
        let i = r.exp - p;
        if i >= 0 && (i as usize) < r.digits.len() && r.digits != [b'0'] {
            r.digits[i as usize] as char
        } else {
            '0'
        }
    };
    let top = r.exp.max(0);
    for p in (0..=top).rev() {
        out.push(digit(p));
    }
    if prec > 0 {
        out.push('.');
        for p in 1..=prec {
            out.push(digit(-p));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    fn doubles() -> Vec<f64> {
        let mut v = alloc::vec![
            0.0,
            -0.0,
            1.0,
            0.1,
            0.5,
            1.5,
            2.5,
            0.125,
            1e-7,
            1e16,
            1e22,
            1e23,
            123.456,
            5e-324,
            2.2250738585072014e-308,
            1.7976931348623157e308,
            f64::from_bits(0x44B5_2D02_C7E1_4AF5),
            0.3,
            2.0 / 3.0,
            1e100,
            4.35,
            1234567.0,
            0.000123,
            99.99,
            9.5,
            0.05,
        ];
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..3000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = f64::from_bits(x);
            if f.is_finite() {
                v.push(f);
            }
            // Also "human" numbers: small integers scaled by powers of ten.
            v.push((x % 100_000) as f64 / 10f64.powi((x % 9) as i32));
        }
        v
    }

    #[test]
    fn shortest_matches_core() {
        for f in doubles() {
            let (a, b) = (shortest_sci(f), format!("{f:e}"));
            if a != b {
                // Two equally near shortest candidates: core rounds the tie up, Python (and we)
                // to even. Both must read back and be as short.
                assert!(is_tie(f) && a.len() == b.len(), "{f:e}: {a} vs {b}");
                assert_eq!(parse_f64(&a), Some(f));
            }
        }
    }

    /// Values whose exact binary value is not halfway between two outputs: core and Python agree.
    #[test]
    fn exact_forms_match_core() {
        for f in doubles() {
            for p in [0usize, 1, 2, 3, 6, 10, 17, 25] {
                let (a, b) = (sci(f, p), format!("{f:.p$e}"));
                let (c, d) = (fixed(f, p), format!("{f:.p$}"));
                if a != b {
                    assert!(is_tie(f), "sci {f:e} p={p}: {a} vs {b}");
                }
                if c != d {
                    assert!(is_tie(f), "fixed {f:e} p={p}: {c} vs {d}");
                }
            }
        }
    }

    /// Exact ties end in 5 in their full expansion.
    fn is_tie(f: f64) -> bool {
        exact(f.abs()).digits.last() == Some(&b'5')
    }

    #[test]
    fn ties_round_to_even_like_python() {
        assert_eq!(fixed(0.5, 0), "0");
        assert_eq!(fixed(1.5, 0), "2");
        assert_eq!(fixed(2.5, 0), "2");
        assert_eq!(fixed(0.125, 2), "0.12");
        assert_eq!(fixed(0.375, 2), "0.38");
        assert_eq!(sci(0.125, 1), "1.2e-1");
        assert_eq!(sci(2.5, 0), "2e0");
        assert_eq!(fixed(9.5, 0), "10");
        assert_eq!(fixed(99.996, 2), "100.00");
        assert_eq!(fixed(0.0001, 2), "0.00");
        assert_eq!(fixed(0.006, 2), "0.01");
        assert_eq!(fixed(-0.0, 1), "-0.0");
        assert_eq!(fixed(1e22, 0), "10000000000000000000000");
        assert_eq!(sci(9.99, 1), "1.0e1");
    }
}
