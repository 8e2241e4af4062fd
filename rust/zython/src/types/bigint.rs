//! Arbitrary-precision integers: a sign and a magnitude in little-endian `u32` limbs.
//!
//! A compact replacement for the subset of num-bigint the interpreter used, with the same
//! method names (and small traits of the same names as num-traits/num-integer), so call
//! sites only change their `use` line. Division is schoolbook (Knuth's algorithm D),
//! multiplication schoolbook with `u64` accumulation; all code is non-generic to keep flash
//! small. Dividing by zero never panics: callers check first (quotient 0, remainder self).

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::cmp::Ordering;
use core::fmt;
use core::ops::{
    Add, AddAssign, BitAnd, BitOr, BitXor, Div, Mul, MulAssign, Neg, Not, Rem, Shl, Shr, Sub,
};

/// The sign of a big integer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Sign {
    /// Below zero.
    Minus,
    /// Zero.
    NoSign,
    /// Above zero.
    Plus,
}

/// An arbitrary-precision signed integer (normalized: no high zero limbs, zero not negative).
#[derive(Clone, PartialEq, Eq, Default, Hash)]
pub struct BigInt {
    neg: bool,
    mag: Vec<u32>,
}

/// Unsigned big integers are `BigInt`s that callers keep non-negative.
pub type BigUint = BigInt;

/// `gcd` and the Bézout coefficient `x` with `self * x + other * y == gcd`.
pub struct ExtendedGcd {
    /// The greatest common divisor.
    pub gcd: BigInt,
    /// The coefficient of `self`.
    pub x: BigInt,
}

fn trim(v: &mut Vec<u32>) {
    while v.last() == Some(&0) {
        v.pop();
    }
}

fn cmp_mag(a: &[u32], b: &[u32]) -> Ordering {
    a.len()
        .cmp(&b.len())
        .then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

fn add_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut r = Vec::with_capacity(a.len() + 1);
    r.extend_from_slice(a);
    let mut carry = 0u64;
    for (x, &y) in r.iter_mut().zip(b) {
        let s = *x as u64 + y as u64 + carry;
        *x = s as u32;
        carry = s >> 32;
    }
    if carry != 0 {
        for x in r.get_mut(b.len()..).unwrap_or_default() {
            *x = x.wrapping_add(1);
            if *x != 0 {
                return r;
            }
        }
        r.push(1);
    }
    r
}

/// `a - b` for `a >= b`.
fn sub_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut r = a.to_vec();
    let mut borrow = 0i64;
    for (x, &y) in r.iter_mut().zip(b) {
        let d = *x as i64 - y as i64 + borrow;
        *x = d as u32;
        borrow = d >> 32;
    }
    if borrow != 0 {
        for x in r.get_mut(b.len()..).unwrap_or_default() {
            *x = x.wrapping_sub(1);
            if *x != u32::MAX {
                break;
            }
        }
    }
    trim(&mut r);
    r
}

fn mul_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if let [y] = b {
        let mut r = a.to_vec();
        mul_add_small(&mut r, *y, 0);
        trim(&mut r);
        return r;
    }
    if b.is_empty() {
        return Vec::new();
    }
    let mut r = vec![0u32; a.len() + b.len()];
    for (i, &x) in b.iter().enumerate() {
        let mut carry = 0u64;
        let row = r.get_mut(i..).unwrap_or_default();
        let mut it = row.iter_mut();
        for (&y, slot) in a.iter().zip(&mut it) {
            let t = x as u64 * y as u64 + *slot as u64 + carry;
            *slot = t as u32;
            carry = t >> 32;
        }
        if let Some(slot) = it.next() {
            *slot = carry as u32;
        }
    }
    trim(&mut r);
    r
}

/// `v = v * m + a` in place.
fn mul_add_small(v: &mut Vec<u32>, m: u32, a: u32) {
    let mut carry = a as u64;
    for x in v.iter_mut() {
        let t = *x as u64 * m as u64 + carry;
        *x = t as u32;
        carry = t >> 32;
    }
    if carry != 0 {
        v.push(carry as u32);
    }
}

/// `v /= d` in place (d != 0); returns the remainder.
fn div_small(v: &mut Vec<u32>, d: u32) -> u32 {
    let mut r = 0u64;
    for x in v.iter_mut().rev() {
        let cur = (r << 32) | *x as u64;
        *x = (cur / d as u64) as u32;
        r = cur % d as u64;
    }
    trim(v);
    r as u32
}

fn shl_mag(a: &[u32], n: usize) -> Vec<u32> {
    if a.is_empty() {
        return Vec::new();
    }
    let bits = (n % 32) as u32;
    let mut r = vec![0u32; n / 32];
    r.reserve(a.len() + 1);
    if bits == 0 {
        r.extend_from_slice(a);
    } else {
        let mut carry = 0u32;
        for &x in a {
            r.push((x << bits) | carry);
            carry = x >> (32 - bits);
        }
        if carry != 0 {
            r.push(carry);
        }
    }
    r
}

fn shr_mag(a: &[u32], n: usize) -> Vec<u32> {
    let src = a.get(n / 32..).unwrap_or_default();
    let bits = (n % 32) as u32;
    if bits == 0 {
        return src.to_vec();
    }
    let mut r = Vec::with_capacity(src.len());
    let mut it = src.iter().peekable();
    while let Some(&x) = it.next() {
        let hi = it.peek().map_or(0, |&&h| h);
        r.push((x >> bits) | (hi << (32 - bits)));
    }
    trim(&mut r);
    r
}

/// Whether any of the low `n` bits of `a` is set.
fn low_bits_set(a: &[u32], n: usize) -> bool {
    let whole = (n / 32).min(a.len());
    a[..whole].iter().any(|&x| x != 0)
        || (!n.is_multiple_of(32)
            && a.get(whole)
                .is_some_and(|&x| x & ((1u32 << (n % 32)) - 1) != 0))
}

/// Quotient and remainder of magnitudes (Knuth, TAOCP vol. 2, 4.3.1, algorithm D).
fn divrem_mag(a: &[u32], b: &[u32]) -> (Vec<u32>, Vec<u32>) {
    if b.is_empty() {
        return (Vec::new(), a.to_vec());
    }
    if cmp_mag(a, b) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    if let [d] = b {
        let mut q = a.to_vec();
        let r = div_small(&mut q, *d);
        return (q, if r == 0 { Vec::new() } else { vec![r] });
    }
    let s = b.last().map_or(0, |t| t.leading_zeros()) as usize;
    let v = shl_mag(b, s);
    let mut u = shl_mag(a, s);
    if u.len() == a.len() {
        u.push(0);
    }
    let n = v.len();
    let m = u.len() - n;
    let mut q = vec![0u32; m];
    let vtop = v[n - 1] as u64;
    let vnext = v[n - 2] as u64;
    for j in (0..m).rev() {
        let num = ((u[j + n] as u64) << 32) | u[j + n - 1] as u64;
        let mut qhat = num / vtop;
        let mut rhat = num % vtop;
        while qhat >> 32 != 0 || qhat * vnext > ((rhat << 32) | u[j + n - 2] as u64) {
            qhat -= 1;
            rhat += vtop;
            if rhat >> 32 != 0 {
                break;
            }
        }
        let win = &mut u[j..=j + n];
        let mut borrow = 0i64;
        let mut carry = 0u64;
        for (slot, &vi) in win.iter_mut().zip(&v) {
            let p = qhat * vi as u64 + carry;
            carry = p >> 32;
            let t = *slot as i64 - (p & 0xffff_ffff) as i64 + borrow;
            *slot = t as u32;
            borrow = t >> 32;
        }
        let t = win[n] as i64 - carry as i64 + borrow;
        win[n] = t as u32;
        if t < 0 {
            qhat -= 1;
            let mut c = 0u64;
            for (slot, &vi) in win.iter_mut().zip(&v) {
                let s = *slot as u64 + vi as u64 + c;
                *slot = s as u32;
                c = s >> 32;
            }
            win[n] = win[n].wrapping_add(c as u32);
        }
        q[j] = qhat as u32;
    }
    u.truncate(n);
    trim(&mut q);
    (q, shr_mag(&u, s))
}

/// Two's complement negation of the limbs in place.
fn negate_limbs(v: &mut [u32]) {
    let mut carry = true;
    for x in v {
        *x = !*x;
        if carry {
            *x = x.wrapping_add(1);
            carry = *x == 0;
        }
    }
}

/// Largest power of `radix` that fits a limb, and its exponent.
fn radix_chunk(radix: u32) -> (u32, usize) {
    let mut p = radix;
    let mut k = 1;
    while let Some(n) = p.checked_mul(radix) {
        p = n;
        k += 1;
    }
    (p, k)
}

impl BigInt {
    fn new(neg: bool, mut mag: Vec<u32>) -> BigInt {
        trim(&mut mag);
        BigInt {
            neg: neg && !mag.is_empty(),
            mag,
        }
    }

    fn from_u64_neg(neg: bool, x: u64) -> BigInt {
        BigInt::new(neg, vec![x as u32, (x >> 32) as u32])
    }

    fn low_u64(&self) -> u64 {
        let lo = self.mag.first().copied().unwrap_or(0) as u64;
        let hi = self.mag.get(1).copied().unwrap_or(0) as u64;
        lo | (hi << 32)
    }

    /// The sign: `Minus`, `NoSign` (zero) or `Plus`.
    pub fn sign(&self) -> Sign {
        if self.neg {
            Sign::Minus
        } else if self.mag.is_empty() {
            Sign::NoSign
        } else {
            Sign::Plus
        }
    }

    /// The absolute value (num-bigint's `magnitude`, returned by value).
    pub fn magnitude(&self) -> BigInt {
        BigInt::new(false, self.mag.clone())
    }

    /// Number of bits in the magnitude (0 for zero).
    pub fn bits(&self) -> u64 {
        match self.mag.last() {
            Some(t) => 32 * self.mag.len() as u64 - t.leading_zeros() as u64,
            None => 0,
        }
    }

    /// The sign and the magnitude's 32-bit limbs, least significant first.
    pub fn to_u32_digits(&self) -> (Sign, Vec<u32>) {
        (self.sign(), self.mag.clone())
    }

    /// The sign and the magnitude's 64-bit limbs, least significant first.
    pub fn to_u64_digits(&self) -> (Sign, Vec<u64>) {
        let d = self
            .mag
            .chunks(2)
            .map(|c| c[0] as u64 | (c.get(1).copied().unwrap_or(0) as u64) << 32)
            .collect();
        (self.sign(), d)
    }

    /// Parse digits in `radix` (2..=36) with an optional sign; None if malformed.
    pub fn parse_bytes(text: &[u8], radix: u32) -> Option<BigInt> {
        let (neg, digits) = match text.split_first() {
            Some((b'-', rest)) => (true, rest),
            Some((b'+', rest)) => (false, rest),
            _ => (false, text),
        };
        if digits.is_empty() || !(2..=36).contains(&radix) {
            return None;
        }
        let (_, k) = radix_chunk(radix);
        let mut mag = Vec::new();
        for chunk in digits.chunks(k) {
            let mut val = 0u32;
            let mut mul = 1u32;
            for &c in chunk {
                let d = (c as char).to_digit(radix)?;
                val = val * radix + d;
                mul *= radix;
            }
            mul_add_small(&mut mag, mul, val);
        }
        Some(BigInt::new(neg, mag))
    }

    /// Digits in `radix` (2..=36, lower-case letters), with a `-` when negative.
    pub fn to_str_radix(&self, radix: u32) -> String {
        let radix = radix.clamp(2, 36);
        let (p, k) = radix_chunk(radix);
        let mut v = self.mag.clone();
        let mut out = Vec::new();
        while !v.is_empty() {
            let mut r = div_small(&mut v, p);
            for _ in 0..k {
                out.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[(r % radix) as usize]);
                r /= radix;
                if v.is_empty() && r == 0 {
                    break;
                }
            }
        }
        if out.is_empty() {
            out.push(b'0');
        }
        if self.neg {
            out.push(b'-');
        }
        out.reverse();
        out.into_iter().map(char::from).collect()
    }

    /// Little-endian bytes of the magnitude (at least one byte).
    pub fn to_bytes_le(&self) -> Vec<u8> {
        let mut b: Vec<u8> = self.mag.iter().flat_map(|x| x.to_le_bytes()).collect();
        while b.len() > 1 && b.last() == Some(&0) {
            b.pop();
        }
        if b.is_empty() {
            b.push(0);
        }
        b
    }

    /// Minimal little-endian two's complement bytes (at least one byte).
    pub fn to_signed_bytes_le(&self) -> Vec<u8> {
        let n = self.mag.len() + 1;
        let mut b: Vec<u8> = self.twos(n).iter().flat_map(|x| x.to_le_bytes()).collect();
        let fill = if self.neg { 0xff } else { 0 };
        while b.len() > 1 && b[b.len() - 1] == fill && (b[b.len() - 2] ^ fill) & 0x80 == 0 {
            b.pop();
        }
        b
    }

    /// A non-negative (or, with `Sign::Minus`, negated) integer from little-endian bytes.
    pub fn from_bytes_le(sign: Sign, bytes: &[u8]) -> BigInt {
        let mut mag = vec![0u32; bytes.len().div_ceil(4)];
        for (i, &b) in bytes.iter().enumerate() {
            mag[i / 4] |= (b as u32) << (8 * (i % 4));
        }
        BigInt::new(sign == Sign::Minus, mag)
    }

    /// A non-negative (or negated) integer from big-endian bytes.
    pub fn from_bytes_be(sign: Sign, bytes: &[u8]) -> BigInt {
        let mut le = bytes.to_vec();
        le.reverse();
        BigInt::from_bytes_le(sign, &le)
    }

    /// An integer from little-endian two's complement bytes.
    pub fn from_signed_bytes_le(bytes: &[u8]) -> BigInt {
        let neg = bytes.last().is_some_and(|&b| b & 0x80 != 0);
        let mut v = BigInt::from_bytes_le(Sign::Plus, bytes).mag;
        if neg {
            v.resize(bytes.len().div_ceil(4), 0);
            let pad = bytes.len() % 4;
            if let (Some(top), true) = (v.last_mut(), pad != 0) {
                *top |= u32::MAX << (8 * pad);
            }
            negate_limbs(&mut v);
        }
        BigInt::new(neg, v)
    }

    /// An integer from big-endian two's complement bytes.
    pub fn from_signed_bytes_be(bytes: &[u8]) -> BigInt {
        let mut le = bytes.to_vec();
        le.reverse();
        BigInt::from_signed_bytes_le(&le)
    }

    /// `n` limbs of two's complement (n must exceed the magnitude's length).
    fn twos(&self, n: usize) -> Vec<u32> {
        let mut v = self.mag.clone();
        v.resize(n, 0);
        if self.neg {
            negate_limbs(&mut v);
        }
        v
    }

    fn bitop(&self, other: &BigInt, op: u8) -> BigInt {
        let n = self.mag.len().max(other.mag.len()) + 1;
        let mut v = self.twos(n);
        for (x, y) in v.iter_mut().zip(other.twos(n)) {
            *x = match op {
                0 => *x & y,
                1 => *x | y,
                _ => *x ^ y,
            };
        }
        let neg = v.last().is_some_and(|&t| t >> 31 != 0);
        if neg {
            negate_limbs(&mut v);
        }
        BigInt::new(neg, v)
    }

    fn add_signed(&self, other_neg: bool, other: &[u32]) -> BigInt {
        if self.neg == other_neg {
            return BigInt::new(self.neg, add_mag(&self.mag, other));
        }
        match cmp_mag(&self.mag, other) {
            Ordering::Less => BigInt::new(other_neg, sub_mag(other, &self.mag)),
            _ => BigInt::new(self.neg, sub_mag(&self.mag, other)),
        }
    }

    fn mul_ref(&self, other: &BigInt) -> BigInt {
        BigInt::new(self.neg != other.neg, mul_mag(&self.mag, &other.mag))
    }

    /// Quotient truncated toward zero and remainder with the dividend's sign.
    pub fn div_rem(&self, other: &BigInt) -> (BigInt, BigInt) {
        let (q, r) = divrem_mag(&self.mag, &other.mag);
        (
            BigInt::new(self.neg != other.neg, q),
            BigInt::new(self.neg, r),
        )
    }

    /// `self ** exp mod m` with the result's sign following `m` (as Python's `pow`), exp >= 0.
    pub fn modpow(&self, exp: &BigInt, m: &BigInt) -> BigInt {
        let md = &m.mag;
        let mut base = divrem_mag(&self.mod_floor(&m.abs()).mag, md).1;
        let mut r = divrem_mag(&[1], md).1;
        let bits = exp.bits() as usize;
        for i in 0..bits {
            if exp.mag[i / 32] >> (i % 32) & 1 != 0 {
                r = divrem_mag(&mul_mag(&r, &base), md).1;
            }
            if i + 1 < bits {
                base = divrem_mag(&mul_mag(&base, &base), md).1;
            }
        }
        let r = BigInt::new(false, r);
        if m.neg && !r.is_zero() {
            &r + m
        } else {
            r
        }
    }

    /// The gcd of non-negative `self` and `other`, and the coefficient of `self`.
    pub fn extended_gcd(&self, other: &BigInt) -> ExtendedGcd {
        let (mut r0, mut r1) = (self.clone(), other.clone());
        let (mut s0, mut s1) = (BigInt::one(), BigInt::zero());
        while !r1.is_zero() {
            let (q, r) = r0.div_rem(&r1);
            let s = &s0 - &(&q * &s1);
            (r0, r1) = (r1, r);
            (s0, s1) = (s1, s);
        }
        ExtendedGcd { gcd: r0, x: s0 }
    }

    /// `self ** e`.
    pub fn pow(&self, e: u32) -> BigInt {
        Pow::pow(self, e)
    }

    /// Whether bit `n` of the magnitude is set.
    pub fn bit(&self, n: u64) -> bool {
        self.mag
            .get((n / 32) as usize)
            .is_some_and(|&x| x >> (n % 32) & 1 != 0)
    }

    fn shl_bits(&self, n: usize) -> BigInt {
        BigInt::new(self.neg, shl_mag(&self.mag, n))
    }

    /// Arithmetic shift right (rounds toward negative infinity).
    fn shr_bits(&self, n: usize) -> BigInt {
        let q = BigInt::new(self.neg, shr_mag(&self.mag, n));
        if self.neg && low_bits_set(&self.mag, n) {
            q.add_signed(true, &[1])
        } else {
            q
        }
    }
}

/// `zero()` and `is_zero()`.
pub trait Zero: Sized {
    /// The value 0.
    fn zero() -> Self;
    /// Whether this is 0.
    fn is_zero(&self) -> bool;
}

/// `one()` and `is_one()`.
pub trait One: Sized {
    /// The value 1.
    fn one() -> Self;
    /// Whether this is 1.
    fn is_one(&self) -> bool;
}

/// Sign queries and absolute value.
pub trait Signed: Sized {
    /// The absolute value.
    fn abs(&self) -> Self;
    /// Whether this is below zero.
    fn is_negative(&self) -> bool;
    /// Whether this is above zero.
    fn is_positive(&self) -> bool;
}

/// Conversions to machine numbers (None when out of range).
pub trait ToPrimitive {
    /// As an i64.
    fn to_i64(&self) -> Option<i64>;
    /// As a u64.
    fn to_u64(&self) -> Option<u64>;
    /// As the nearest f64 (ties to even; infinity when too large).
    fn to_f64(&self) -> Option<f64>;
    /// As a u32.
    fn to_u32(&self) -> Option<u32> {
        self.to_u64().and_then(|x| u32::try_from(x).ok())
    }
    /// As an i32.
    fn to_i32(&self) -> Option<i32> {
        self.to_i64().and_then(|x| i32::try_from(x).ok())
    }
    /// As a usize.
    fn to_usize(&self) -> Option<usize> {
        self.to_u64().and_then(|x| usize::try_from(x).ok())
    }
    /// As an isize.
    fn to_isize(&self) -> Option<isize> {
        self.to_i64().and_then(|x| isize::try_from(x).ok())
    }
}

/// Conversion from a float.
pub trait FromPrimitive: Sized {
    /// The integer part of `f` (None for NaN and infinities).
    fn from_f64(f: f64) -> Option<Self>;
}

/// Raising to a machine-word power.
pub trait Pow {
    /// The result type.
    type Output;
    /// `self ** e`.
    fn pow(self, e: u32) -> Self::Output;
}

/// Floor division and related integer operations.
pub trait Integer: Sized {
    /// Quotient rounded toward negative infinity.
    fn div_floor(&self, other: &Self) -> Self;
    /// Remainder with the divisor's sign.
    fn mod_floor(&self, other: &Self) -> Self;
    /// Both of the above.
    fn div_mod_floor(&self, other: &Self) -> (Self, Self);
    /// Whether divisible by two.
    fn is_even(&self) -> bool;
    /// Whether not divisible by two.
    fn is_odd(&self) -> bool {
        !self.is_even()
    }
}

impl Zero for BigInt {
    fn zero() -> BigInt {
        BigInt::default()
    }
    fn is_zero(&self) -> bool {
        self.mag.is_empty()
    }
}

impl One for BigInt {
    fn one() -> BigInt {
        BigInt::from(1u32)
    }
    fn is_one(&self) -> bool {
        !self.neg && self.mag == [1]
    }
}

impl Signed for BigInt {
    fn abs(&self) -> BigInt {
        self.magnitude()
    }
    fn is_negative(&self) -> bool {
        self.neg
    }
    fn is_positive(&self) -> bool {
        !self.neg && !self.mag.is_empty()
    }
}

impl ToPrimitive for BigInt {
    fn to_i64(&self) -> Option<i64> {
        if self.mag.len() > 2 {
            return None;
        }
        let m = self.low_u64();
        if self.neg {
            (m <= 1 << 63).then_some((m as i64).wrapping_neg())
        } else {
            i64::try_from(m).ok()
        }
    }
    fn to_u64(&self) -> Option<u64> {
        (!self.neg && self.mag.len() <= 2).then(|| self.low_u64())
    }
    fn to_f64(&self) -> Option<f64> {
        let bits = self.bits() as usize;
        let (m, sh) = if bits <= 64 {
            (self.low_u64(), 0)
        } else {
            let sh = bits - 64;
            let top = BigInt::new(false, shr_mag(&self.mag, sh)).low_u64();
            (top | low_bits_set(&self.mag, sh) as u64, sh)
        };
        let f = if sh > 960 {
            f64::INFINITY
        } else {
            m as f64 * f64::from_bits(((1023 + sh) as u64) << 52)
        };
        Some(if self.neg { -f } else { f })
    }
}

impl FromPrimitive for BigInt {
    fn from_f64(f: f64) -> Option<BigInt> {
        if !f.is_finite() {
            return None;
        }
        let bits = f.to_bits();
        let biased = ((bits >> 52) & 0x7ff) as i64;
        if biased < 1023 {
            return Some(BigInt::zero());
        }
        let m = BigInt::from((bits & ((1 << 52) - 1)) | (1 << 52));
        let e = biased - 1075;
        let r = if e >= 0 {
            m.shl_bits(e as usize)
        } else {
            m.shr_bits((-e) as usize)
        };
        Some(if f < 0.0 { -r } else { r })
    }
}

impl Pow for BigInt {
    type Output = BigInt;
    fn pow(self, mut e: u32) -> BigInt {
        let mut base = self;
        let mut r = BigInt::one();
        while e > 0 {
            if e & 1 != 0 {
                r = r.mul_ref(&base);
            }
            e >>= 1;
            if e > 0 {
                base = base.mul_ref(&base);
            }
        }
        r
    }
}

impl Pow for &BigInt {
    type Output = BigInt;
    fn pow(self, e: u32) -> BigInt {
        Pow::pow(self.clone(), e)
    }
}

impl Integer for BigInt {
    fn div_floor(&self, other: &BigInt) -> BigInt {
        self.div_mod_floor(other).0
    }
    fn mod_floor(&self, other: &BigInt) -> BigInt {
        self.div_mod_floor(other).1
    }
    fn div_mod_floor(&self, other: &BigInt) -> (BigInt, BigInt) {
        let (q, r) = self.div_rem(other);
        if !r.is_zero() && r.neg != other.neg {
            (q.add_signed(true, &[1]), &r + other)
        } else {
            (q, r)
        }
    }
    fn is_even(&self) -> bool {
        self.mag.first().is_none_or(|x| x & 1 == 0)
    }
}

impl Integer for isize {
    fn div_floor(&self, other: &isize) -> isize {
        self.div_mod_floor(other).0
    }
    fn mod_floor(&self, other: &isize) -> isize {
        self.div_mod_floor(other).1
    }
    fn div_mod_floor(&self, other: &isize) -> (isize, isize) {
        let (q, r) = (self.wrapping_div(*other), self.wrapping_rem(*other));
        if r != 0 && (r < 0) != (*other < 0) {
            (q - 1, r + other)
        } else {
            (q, r)
        }
    }
    fn is_even(&self) -> bool {
        self & 1 == 0
    }
}

impl Ord for BigInt {
    fn cmp(&self, other: &BigInt) -> Ordering {
        match (self.neg, other.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => cmp_mag(&self.mag, &other.mag),
            (true, true) => cmp_mag(&other.mag, &self.mag),
        }
    }
}

impl PartialOrd for BigInt {
    fn partial_cmp(&self, other: &BigInt) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl From<i64> for BigInt {
    fn from(x: i64) -> BigInt {
        BigInt::from_u64_neg(x < 0, x.unsigned_abs())
    }
}

impl From<u64> for BigInt {
    fn from(x: u64) -> BigInt {
        BigInt::from_u64_neg(false, x)
    }
}

macro_rules! from_via {
    ($($t:ty => $via:ty),*) => {$(
        impl From<$t> for BigInt {
            fn from(x: $t) -> BigInt {
                BigInt::from(x as $via)
            }
        }
    )*};
}
from_via!(i32 => i64, isize => i64, u32 => u64, u8 => u64, usize => u64);

impl fmt::Display for BigInt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_str_radix(10))
    }
}

impl fmt::Debug for BigInt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_str_radix(10))
    }
}

/// A decimal literal that is not an integer.
#[derive(Debug, PartialEq, Eq)]
pub struct ParseBigIntError;

impl core::str::FromStr for BigInt {
    type Err = ParseBigIntError;
    fn from_str(s: &str) -> Result<BigInt, ParseBigIntError> {
        BigInt::parse_bytes(s.as_bytes(), 10).ok_or(ParseBigIntError)
    }
}

impl Neg for BigInt {
    type Output = BigInt;
    fn neg(self) -> BigInt {
        BigInt::new(!self.neg, self.mag)
    }
}

impl Neg for &BigInt {
    type Output = BigInt;
    fn neg(self) -> BigInt {
        -self.clone()
    }
}

impl Not for BigInt {
    type Output = BigInt;
    fn not(self) -> BigInt {
        // !x == -x - 1
        (-self).add_signed(true, &[1])
    }
}

impl Not for &BigInt {
    type Output = BigInt;
    fn not(self) -> BigInt {
        !self.clone()
    }
}

fn add_ref(a: &BigInt, b: &BigInt) -> BigInt {
    a.add_signed(b.neg, &b.mag)
}
fn sub_ref(a: &BigInt, b: &BigInt) -> BigInt {
    a.add_signed(!b.neg && !b.mag.is_empty(), &b.mag)
}
fn mul_ref(a: &BigInt, b: &BigInt) -> BigInt {
    a.mul_ref(b)
}
fn div_ref(a: &BigInt, b: &BigInt) -> BigInt {
    a.div_rem(b).0
}
fn rem_ref(a: &BigInt, b: &BigInt) -> BigInt {
    a.div_rem(b).1
}
fn and_ref(a: &BigInt, b: &BigInt) -> BigInt {
    a.bitop(b, 0)
}
fn or_ref(a: &BigInt, b: &BigInt) -> BigInt {
    a.bitop(b, 1)
}
fn xor_ref(a: &BigInt, b: &BigInt) -> BigInt {
    a.bitop(b, 2)
}

macro_rules! binops {
    ($($tr:ident $m:ident $f:ident),*) => {$(
        impl $tr<BigInt> for BigInt {
            type Output = BigInt;
            fn $m(self, o: BigInt) -> BigInt { $f(&self, &o) }
        }
        impl $tr<&BigInt> for BigInt {
            type Output = BigInt;
            fn $m(self, o: &BigInt) -> BigInt { $f(&self, o) }
        }
        impl $tr<BigInt> for &BigInt {
            type Output = BigInt;
            fn $m(self, o: BigInt) -> BigInt { $f(self, &o) }
        }
        impl $tr<&BigInt> for &BigInt {
            type Output = BigInt;
            fn $m(self, o: &BigInt) -> BigInt { $f(self, o) }
        }
        impl $tr<i32> for &BigInt {
            type Output = BigInt;
            fn $m(self, o: i32) -> BigInt { $f(self, &BigInt::from(o)) }
        }
        impl $tr<i32> for BigInt {
            type Output = BigInt;
            fn $m(self, o: i32) -> BigInt { $f(&self, &BigInt::from(o)) }
        }
    )*};
}
binops!(Add add add_ref, Sub sub sub_ref, Mul mul mul_ref, Div div div_ref, Rem rem rem_ref,
    BitAnd bitand and_ref, BitOr bitor or_ref, BitXor bitxor xor_ref);

impl AddAssign<i32> for BigInt {
    fn add_assign(&mut self, o: i32) {
        *self = add_ref(self, &BigInt::from(o));
    }
}

impl MulAssign<i64> for BigInt {
    fn mul_assign(&mut self, o: i64) {
        match u32::try_from(o.unsigned_abs()) {
            Ok(m) if m != 0 => {
                mul_add_small(&mut self.mag, m, 0);
                self.neg ^= o < 0;
            }
            _ => *self = mul_ref(self, &BigInt::from(o)),
        }
    }
}

macro_rules! shifts {
    ($($t:ty, $n:ty);*) => {$(
        impl Shl<$n> for $t {
            type Output = BigInt;
            fn shl(self, n: $n) -> BigInt {
                self.shl_bits(usize::try_from(n).unwrap_or(usize::MAX))
            }
        }
        impl Shr<$n> for $t {
            type Output = BigInt;
            fn shr(self, n: $n) -> BigInt {
                self.shr_bits(usize::try_from(n).unwrap_or(usize::MAX))
            }
        }
    )*};
}
shifts!(BigInt, usize; &BigInt, usize; BigInt, u64; &BigInt, u64);

#[cfg(test)]
mod tests;
