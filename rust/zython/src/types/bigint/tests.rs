//! Known-value tests of the big integers (expected values computed with CPython).

use super::*;
use alloc::string::ToString;

fn b(s: &str) -> BigInt {
    s.parse().unwrap()
}

#[test]
fn parse_and_format() {
    assert_eq!(b("0").to_string(), "0");
    assert_eq!(b("-0").to_string(), "0");
    assert!(!b("-0").is_negative());
    assert_eq!(b("+17").to_string(), "17");
    assert_eq!(
        b("-123456789012345678901234567890").to_string(),
        "-123456789012345678901234567890"
    );
    assert!("".parse::<BigInt>().is_err());
    assert!("-".parse::<BigInt>().is_err());
    assert!("12a".parse::<BigInt>().is_err());
    assert_eq!(BigInt::parse_bytes(b"ff", 16).unwrap(), BigInt::from(255));
    assert_eq!(
        BigInt::parse_bytes(b"zz", 36).unwrap(),
        BigInt::from(36 * 36 - 1)
    );
    assert!(BigInt::parse_bytes(b"2", 2).is_none());
    assert!(BigInt::parse_bytes(b"1", 37).is_none());
    assert_eq!(
        b("18446744073709551616").to_str_radix(16),
        "10000000000000000"
    );
    assert_eq!(BigInt::from(-255).to_str_radix(2), "-11111111");
    assert_eq!(BigInt::zero().to_str_radix(36), "0");
    assert_eq!(b("1000000000000").to_str_radix(10), "1000000000000");
}

#[test]
fn radix_round_trips() {
    let n = b("-98765432109876543210987654321098765432109876543210");
    for radix in 2..=36 {
        let s = n.to_str_radix(radix);
        assert_eq!(
            BigInt::parse_bytes(s.as_bytes(), radix).unwrap(),
            n,
            "radix {}",
            radix
        );
    }
    // CPython: format(3**100, 'x')
    assert_eq!(
        Pow::pow(BigInt::from(3), 100).to_str_radix(16),
        "5a4653ca673768565b41f775d6947d55cf3813d1"
    );
}

#[test]
fn add_sub_carries() {
    let m = b("4294967295"); // 2**32 - 1
    assert_eq!((&m + 1).to_string(), "4294967296");
    let big = b("340282366920938463463374607431768211455"); // 2**128 - 1
    assert_eq!(
        (&big + 1).to_string(),
        "340282366920938463463374607431768211456"
    );
    assert_eq!((&big + 1) - 1, big);
    assert_eq!((&big - &big).to_string(), "0");
    assert!(!(&big - &big).is_negative());
    assert_eq!((BigInt::from(5) - BigInt::from(7)).to_string(), "-2");
    assert_eq!((BigInt::from(-5) + BigInt::from(7)).to_string(), "2");
    assert_eq!((BigInt::from(-5) - BigInt::from(-5)), BigInt::zero());
}

#[test]
fn multiply() {
    let x = b("123456789012345678901234567890");
    let y = b("-987654321098765432109876543210");
    assert_eq!(
        (&x * &y).to_string(),
        "-121932631137021795226185032733622923332237463801111263526900"
    );
    assert_eq!((&x * BigInt::zero()), BigInt::zero());
    assert!(!(BigInt::from(-3) * BigInt::zero()).is_negative());
    let m = b("18446744073709551615"); // 2**64 - 1
    assert_eq!(
        (&m * &m).to_string(),
        "340282366920938463426481119284349108225"
    );
}

#[test]
fn division() {
    let x = b("121932631137021795226185032733622923332237463801111263526901");
    let y = b("987654321098765432109876543210");
    let (q, r) = x.div_rem(&y);
    assert_eq!(q.to_string(), "123456789012345678901234567890");
    assert_eq!(r.to_string(), "1");
    // Single limb divisor.
    let (q, r) = b("100000000000000000000000000007").div_rem(&BigInt::from(7));
    assert_eq!(q.to_string(), "14285714285714285714285714286");
    assert_eq!(r.to_string(), "5");
    // Knuth D's rare add-back step: CPython divmod(2**128 - 1, 2**64 + 3).
    let (q, r) = b("340282366920938463463374607431768211455").div_rem(&b("18446744073709551619"));
    assert_eq!(q.to_string(), "18446744073709551613");
    assert_eq!(r.to_string(), "8");
    // Multi-limb divisor with a near-miss quotient digit: divmod(2**96, 2**64 - 1).
    let (q, r) = b("79228162514264337593543950336").div_rem(&b("18446744073709551615"));
    assert_eq!(q.to_string(), "4294967296");
    assert_eq!(r.to_string(), "4294967296");
    // Dividend smaller than divisor.
    let (q, r) = BigInt::from(5).div_rem(&b("18446744073709551616"));
    assert_eq!((q, r), (BigInt::zero(), BigInt::from(5)));
    // Truncating vs floor semantics.
    let (q, r) = BigInt::from(-7).div_rem(&BigInt::from(2));
    assert_eq!((q, r), (BigInt::from(-3), BigInt::from(-1)));
    let (q, r) = BigInt::from(-7).div_mod_floor(&BigInt::from(2));
    assert_eq!((q, r), (BigInt::from(-4), BigInt::from(1)));
    let (q, r) = BigInt::from(7).div_mod_floor(&BigInt::from(-2));
    assert_eq!((q, r), (BigInt::from(-4), BigInt::from(-1)));
    let (q, r) = BigInt::from(-6).div_mod_floor(&BigInt::from(3));
    assert_eq!((q, r), (BigInt::from(-2), BigInt::zero()));
    let (q, r) =
        b("-340282366920938463463374607431768211455").div_mod_floor(&b("18446744073709551619"));
    assert_eq!(q.to_string(), "-18446744073709551614");
    assert_eq!(r.to_string(), "18446744073709551611");
}

#[test]
fn division_property() {
    // q * d + r == n and |r| < |d| over assorted limb patterns.
    let vals = [
        "1",
        "-1",
        "4294967295",
        "4294967296",
        "-18446744073709551617",
        "79228162514264337593543950335",
        "-340282366920938463463374607431768211457",
        "6277101735386680763835789423207666416102355444464034512895",
        "57896044618658097711785492504343953926634992332820282019728792003956564819968",
    ];
    for n in vals.iter().map(|s| b(s)) {
        for d in vals.iter().map(|s| b(s)) {
            let (q, r) = n.div_rem(&d);
            assert_eq!(&(&q * &d) + &r, n);
            assert!(r.abs() < d.abs());
            assert!(r.is_zero() || r.is_negative() == n.is_negative());
            let (q, r) = n.div_mod_floor(&d);
            assert_eq!(&(&q * &d) + &r, n);
            assert!(r.is_zero() || r.is_negative() == d.is_negative());
        }
    }
}

#[test]
fn shifts() {
    assert_eq!(
        (BigInt::from(1) << 100usize).to_string(),
        "1267650600228229401496703205376"
    );
    assert_eq!(
        (b("1267650600228229401496703205376") >> 100usize),
        BigInt::one()
    );
    assert_eq!((BigInt::from(-1) >> 1000usize), BigInt::from(-1));
    assert_eq!((BigInt::from(-5) >> 1usize), BigInt::from(-3));
    assert_eq!((BigInt::from(5) >> 1000usize), BigInt::zero());
    assert_eq!(
        (b("-1267650600228229401496703205376") >> 100usize),
        BigInt::from(-1)
    );
    assert_eq!(
        (b("-1267650600228229401496703205377") >> 100usize),
        BigInt::from(-2)
    );
    assert_eq!((BigInt::from(3) << 31usize).to_string(), "6442450944");
    assert_eq!((BigInt::zero() << 64usize), BigInt::zero());
    let big = BigInt::from(1) << 10000usize;
    assert_eq!(big.bits(), 10001);
    assert_eq!(big >> 9999usize, BigInt::from(2));
}

#[test]
fn bitwise_twos_complement() {
    let i = |x: i64| BigInt::from(x);
    for &(x, y) in &[
        (12i64, 10i64),
        (-12, 10),
        (12, -10),
        (-12, -10),
        (0, -1),
        (-1, -1),
    ] {
        assert_eq!(&i(x) & &i(y), i(x & y), "{} & {}", x, y);
        assert_eq!(&i(x) | &i(y), i(x | y), "{} | {}", x, y);
        assert_eq!(&i(x) ^ &i(y), i(x ^ y), "{} ^ {}", x, y);
    }
    assert_eq!(!i(5), i(-6));
    assert_eq!(!i(-1), i(0));
    assert_eq!(!i(0), i(-1));
    // CPython: -(2**64) & (2**70 - 1)
    let a = -(BigInt::from(1) << 64usize);
    let m = (BigInt::from(1) << 70usize) - 1;
    assert_eq!((&a & &m).to_string(), "1162144876643701751808");
    assert_eq!((&a | &BigInt::from(7)).to_string(), "-18446744073709551609");
    assert_eq!((&a ^ &i(-1)).to_string(), "18446744073709551615");
}

#[test]
fn powers() {
    assert_eq!(Pow::pow(BigInt::from(2), 0), BigInt::one());
    assert_eq!(Pow::pow(BigInt::from(-3), 3), BigInt::from(-27));
    assert_eq!(
        Pow::pow(BigInt::from(10), 30).to_string(),
        "1000000000000000000000000000000"
    );
    // CPython: pow(3, 200, 1000000007), pow(-3, 7, 10), pow(3, 7, -10)
    assert_eq!(
        BigInt::from(3).modpow(&BigInt::from(200), &BigInt::from(1000000007)),
        BigInt::from(136318165)
    );
    assert_eq!(
        BigInt::from(-3).modpow(&BigInt::from(7), &BigInt::from(10)),
        BigInt::from(3)
    );
    assert_eq!(
        BigInt::from(3).modpow(&BigInt::from(7), &BigInt::from(-10)),
        BigInt::from(-3)
    );
    assert_eq!(
        BigInt::from(5).modpow(&BigInt::zero(), &BigInt::one()),
        BigInt::zero()
    );
    let m = b("340282366920938463463374607431768211507");
    // CPython: pow(2**100 + 1, 2**70 + 3, 2**128 + 51)
    let x = (BigInt::from(1) << 100usize) + 1;
    let e = (BigInt::from(1) << 70usize) + 3;
    assert_eq!(
        x.modpow(&e, &m).to_string(),
        "271481362938805981226729547284300971491"
    );
    let g = BigInt::from(3).extended_gcd(&BigInt::from(7));
    assert_eq!((g.gcd, g.x), (BigInt::one(), BigInt::from(-2)));
}

#[test]
fn primitives_and_floats() {
    assert_eq!(BigInt::from(i64::MIN).to_i64(), Some(i64::MIN));
    assert_eq!((BigInt::from(i64::MIN) - 1).to_i64(), None);
    assert_eq!(BigInt::from(i64::MAX).to_i64(), Some(i64::MAX));
    assert_eq!(BigInt::from(u64::MAX).to_u64(), Some(u64::MAX));
    assert_eq!(BigInt::from(u64::MAX).to_i64(), None);
    assert_eq!(BigInt::from(-1).to_u64(), None);
    assert_eq!(BigInt::from(1u64 << 32).to_u32(), None);
    assert_eq!(BigInt::from(12345).to_f64(), Some(12345.0));
    assert_eq!(BigInt::from(-1).to_f64(), Some(-1.0));
    assert_eq!(BigInt::zero().to_f64(), Some(0.0));
    // 2**53 + 1 rounds to even; 2**64 + 2**11 + 1 rounds up (sticky bit).
    assert_eq!(b("9007199254740993").to_f64(), Some(9007199254740992.0));
    assert_eq!(
        b("18446744073709553665").to_f64(),
        Some(18446744073709555712.0)
    );
    assert_eq!(
        b("18446744073709553664").to_f64(),
        Some(18446744073709551616.0)
    );
    let big = BigInt::from(1) << 1024usize;
    assert_eq!(big.to_f64(), Some(f64::INFINITY));
    assert_eq!((-big).to_f64(), Some(f64::NEG_INFINITY));
    let max = b("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368");
    assert_eq!(max.to_f64(), Some(f64::MAX));
    assert_eq!(BigInt::from_f64(f64::MAX).unwrap().to_f64(), Some(f64::MAX));
    assert_eq!(
        BigInt::from_f64(-2.5e20).unwrap().to_string(),
        "-250000000000000000000"
    );
    assert_eq!(BigInt::from_f64(-0.9).unwrap(), BigInt::zero());
    assert_eq!(BigInt::from_f64(123.75).unwrap(), BigInt::from(123));
    assert!(BigInt::from_f64(f64::NAN).is_none());
    assert!(BigInt::from_f64(f64::INFINITY).is_none());
}

#[test]
fn bytes_and_bits() {
    assert_eq!(BigInt::zero().bits(), 0);
    assert_eq!(BigInt::from(255).bits(), 8);
    assert_eq!(BigInt::from(-256).bits(), 9);
    assert_eq!(BigInt::from(-128).to_signed_bytes_le(), [0x80]);
    assert_eq!(BigInt::from(128).to_signed_bytes_le(), [0x80, 0]);
    assert_eq!(BigInt::from(-129).to_signed_bytes_le(), [0x7f, 0xff]);
    assert_eq!(BigInt::from(-1).to_signed_bytes_le(), [0xff]);
    assert_eq!(BigInt::zero().to_signed_bytes_le(), [0]);
    assert_eq!(BigInt::from(0x10203).to_bytes_le(), [3, 2, 1]);
    assert_eq!(
        BigInt::from_bytes_be(Sign::Plus, &[1, 2, 3]),
        BigInt::from(0x10203)
    );
    assert_eq!(BigInt::from_bytes_le(Sign::Plus, &[]), BigInt::zero());
    assert_eq!(
        BigInt::from_signed_bytes_le(&[0xff, 0x7f]),
        BigInt::from(0x7fff)
    );
    assert_eq!(
        BigInt::from_signed_bytes_le(&[0x00, 0x80]),
        BigInt::from(-32768)
    );
    assert_eq!(
        BigInt::from_signed_bytes_be(&[0xff, 0xff, 0xff, 0xff, 0xfe]),
        BigInt::from(-2)
    );
    assert_eq!(BigInt::from_signed_bytes_le(&[]), BigInt::zero());
    let n = b("-1234567890123456789012345678901234567890");
    assert_eq!(BigInt::from_signed_bytes_le(&n.to_signed_bytes_le()), n);
    let (s, d) = BigInt::from(-(1i64 << 40)).to_u64_digits();
    assert_eq!((s, d), (Sign::Minus, vec![1u64 << 40]));
    assert_eq!(BigInt::zero().sign(), Sign::NoSign);
}

#[test]
fn ordering_and_hash_helpers() {
    let mut v = [
        b("5"),
        b("-18446744073709551616"),
        b("0"),
        b("18446744073709551616"),
        b("-1"),
    ];
    v.sort();
    let s: Vec<String> = v.iter().map(|x| x.to_string()).collect();
    assert_eq!(
        s,
        [
            "-18446744073709551616",
            "-1",
            "0",
            "5",
            "18446744073709551616"
        ]
    );
    assert!(BigInt::from(3).is_odd());
    assert!(BigInt::zero().is_even());
    assert!(BigInt::one().is_one());
    assert!(!BigInt::from(-1).is_one());
    assert_eq!(
        (b("-100000000000000000000") % BigInt::from(0x3fff_ffffu32)).to_string(),
        "-304969996"
    );
}
