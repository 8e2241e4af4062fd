//! Tests of the .mpy loader and saver.

use super::load::{parse_complex, parse_float};
use super::*;
use crate::bytecode::op;
use crate::bytecode::prelude::{encode_signature, encode_size, write_vuint, Signature};
use crate::bytecode::rawcode::{CodeBytes, CompiledModule, Const, RawCode};
use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

/// `print("hello")` as MicroPython's mpy-cross (v6.3) writes it.
const HELLO_MPY: [u8; 39] = [
    0x4d, 0x06, 0x00, 0x1f, 0x04, 0x00, 0x10, b'h', b'e', b'l', b'l', b'o', b'.', b'p', b'y', 0x00,
    0x0f, 0x0a, b'h', b'e', b'l', b'l', b'o', 0x00, 0x81, 0x77, 0x60, 0x08, 0x02, 0x01, 0x11, 0x03,
    0x10, 0x02, 0x34, 0x01, 0x59, 0x51, 0x63,
];

fn s(x: &str) -> String {
    String::from(x)
}

/// Prelude with `n_args` positional arguments named by qstrs 3.., then `bc`.
fn code(n_state: usize, name: usize, n_args: usize, bc: &[u8]) -> CodeBytes {
    let mut info = Vec::new();
    write_vuint(&mut info, name);
    for i in 0..n_args {
        write_vuint(&mut info, 3 + i);
    }
    info.push(0x21); // one line table entry: +1 byte, +1 line
    let sig = Signature {
        n_state,
        n_pos_args: n_args,
        ..Signature::default()
    };
    let mut out = Vec::new();
    encode_signature(&mut out, &sig);
    encode_size(&mut out, info.len(), 0);
    out.extend_from_slice(&info);
    out.extend_from_slice(bc);
    out.into()
}

/// A module with every kind of constant and a nested function.
fn sample() -> CompiledModule {
    let child = RawCode {
        code: code(3, 2, 1, &[op::LOAD_FAST_MULTI, op::RETURN_VALUE]),
        children: vec![],
    };
    let root = RawCode {
        code: code(
            4,
            1,
            0,
            &[
                op::LOAD_CONST_OBJ,
                0,
                op::POP_TOP,
                op::LOAD_CONST_OBJ,
                9,
                op::POP_TOP,
                op::MAKE_FUNCTION,
                0,
                op::STORE_NAME,
                2,
                op::LOAD_CONST_SMALL_INT,
                0x7f,
                op::POP_TOP,
                op::LOAD_CONST_NONE,
                op::RETURN_VALUE,
            ],
        ),
        children: vec![child],
    };
    CompiledModule {
        qstrs: vec![
            s("sample.py"),
            s("<module>"),
            s("f"),
            s("print"),
            s("ünïcode"),
        ],
        consts: vec![
            Const::Str(s("a string with spaces")),
            Const::Bytes(vec![0, 1, 2, 255]),
            Const::BigInt(s("123456789012345678901234567890")),
            Const::BigInt(s("-98765432109876543210")),
            Const::Float(1.5e100),
            Const::Float(-0.0),
            Const::Float(0.1),
            Const::Complex(0.0, 2.0),
            Const::Complex(1.0, -2.5),
            Const::Tuple(vec![
                Const::None,
                Const::True,
                Const::False,
                Const::Ellipsis,
                Const::Tuple(vec![Const::Float(f64::INFINITY), Const::Str(s(""))]),
                Const::Bytes(vec![]),
            ]),
        ],
        root,
    }
}

#[test]
fn loads_mpy_cross_output() {
    let m = load(&HELLO_MPY, 31).unwrap();
    assert_eq!(
        m.qstrs,
        [s("hello.py"), s("<module>"), s("hello"), s("print")]
    );
    assert!(m.consts.is_empty());
    assert_eq!(
        &m.root.code[3..],
        [0x11, 0x03, 0x10, 0x02, 0x34, 0x01, 0x59, 0x51, 0x63]
    );
    // And saving it again gives mpy-cross's bytes exactly.
    assert_eq!(save(&m, 31), HELLO_MPY);
}

#[test]
fn static_load_borrows_code_bytes() {
    let image: &'static [u8] = Box::leak(save(&sample(), 31).into_boxed_slice());
    let m = load_static(image, 31).unwrap();
    assert_eq!(m, load(image, 31).unwrap());
    let range = image.as_ptr_range();
    let borrowed =
        |rc: &RawCode| matches!(rc.code, CodeBytes::Static(b) if range.contains(&b.as_ptr()));
    assert!(borrowed(&m.root) && m.root.children.iter().all(borrowed));
    assert!(matches!(
        load(image, 31).unwrap().root.code,
        CodeBytes::Owned(_)
    ));
    // A static image is checked like a file.
    assert_eq!(
        load_static(&image[..image.len() - 1], 31),
        Err(MpyError::Truncated)
    );
}

#[test]
fn round_trip() {
    let m = sample();
    let bytes = save(&m, 31);
    assert_eq!(&bytes[..4], [b'M', 6, 0, 31]);
    let back = load(&bytes, 63).unwrap();
    assert_eq!(back, m);
    assert_eq!(save(&back, 31), bytes);
}

#[test]
fn static_qstrs_are_referenced_not_inlined() {
    let m = CompiledModule {
        qstrs: vec![s("x.py"), s("<module>"), s("print"), s("zip"), s("")],
        consts: vec![],
        root: RawCode {
            code: code(1, 1, 0, &[op::LOAD_CONST_NONE, op::RETURN_VALUE]),
            children: vec![],
        },
    };
    let bytes = save(&m, 31);
    assert_eq!(
        &bytes[4..16],
        [5, 0, 8, b'x', b'.', b'p', b'y', 0, 0x0f, 0x81, 0x77, 0x82]
    );
    assert_eq!(bytes[16..18], [0x4b, 0x03]); // zip = 165, '' = 1
    assert_eq!(load(&bytes, 31).unwrap(), m);
}

#[test]
fn header_errors() {
    let mut bad = HELLO_MPY;
    bad[0] = b'C';
    assert_eq!(load(&bad, 31), Err(MpyError::Incompatible));
    let mut bad = HELLO_MPY;
    bad[1] = 5;
    assert_eq!(load(&bad, 31), Err(MpyError::Incompatible));
    // Small ints wider than the VM's.
    assert_eq!(load(&HELLO_MPY, 30), Err(MpyError::Incompatible));
    // Native code for x64 (arch 3, sub-version 3), or with a wrong sub-version.
    let mut bad = HELLO_MPY;
    bad[2] = (3 << 2) | 3;
    assert_eq!(load(&bad, 31), Err(MpyError::NativeCode));
    bad[2] = (3 << 2) | 2;
    assert_eq!(load(&bad, 31), Err(MpyError::Incompatible));
    // Arch flags.
    let mut bad = HELLO_MPY;
    bad[2] = 0x40;
    assert_eq!(load(&bad, 31), Err(MpyError::Incompatible));
    assert_eq!(load(b"", 31), Err(MpyError::Incompatible));
    assert_eq!(load(b"M\x06", 31), Err(MpyError::Truncated));
    assert_eq!(MpyError::Incompatible.to_string(), "incompatible .mpy file");
    assert_eq!(
        MpyError::Truncated.to_string(),
        "invalid .mpy file: truncated"
    );
    assert_eq!(
        MpyError::Invalid("unknown constant type").to_string(),
        "invalid .mpy file: unknown constant type"
    );
}

#[test]
fn body_errors() {
    // Every truncation fails cleanly.
    let bytes = save(&sample(), 31);
    for len in 0..bytes.len() {
        assert!(load(&bytes[..len], 31).is_err(), "len {len}");
    }
    // Static qstr 0 and 166 do not exist.
    let mut bad = HELLO_MPY;
    bad[16] = 0x01;
    assert!(matches!(load(&bad, 31), Err(MpyError::Invalid(_))));
    bad[16] = 0x81; // 0x81 0x0a... consumes the next byte: a different, still invalid file
    assert!(load(&bad, 31).is_err());
    // Missing NUL after an inline qstr.
    let mut bad = HELLO_MPY;
    bad[15] = b'!';
    assert!(matches!(load(&bad, 31), Err(MpyError::Invalid(_))));
    // Native raw code kind.
    let mut bad = HELLO_MPY;
    bad[26] = 0x61;
    assert_eq!(load(&bad, 31), Err(MpyError::Incompatible));
    // A qstr operand past the table.
    let mut bad = HELLO_MPY;
    bad[31] = 0x04;
    assert!(matches!(load(&bad, 31), Err(MpyError::Invalid(_))));
}

#[test]
fn constant_errors() {
    let with_const = |c: &[u8]| {
        let mut f = vec![b'M', 6, 0, 31, 1, 1, 0x02, b'x', 0];
        f.extend_from_slice(c);
        f.extend_from_slice(&HELLO_MPY[26..]);
        load(&f, 31)
    };
    assert!(with_const(&[obj::NONE]).is_err()); // the code's qstr operands exceed the table
    let ok_code = {
        let mut c = vec![];
        let rc = code(1, 0, 0, &[op::LOAD_CONST_OBJ, 0, op::RETURN_VALUE]);
        write_vuint(&mut c, rc.len() << 3);
        c.extend_from_slice(&rc);
        c
    };
    let with_const = |k: &[u8]| {
        let mut f = vec![b'M', 6, 0, 31, 1, 1, 0x02, b'x', 0];
        f.extend_from_slice(k);
        f.extend_from_slice(&ok_code);
        load(&f, 31)
    };
    assert_eq!(with_const(&[obj::NONE]).unwrap().consts, [Const::None]);
    assert_eq!(
        with_const(&[obj::INT, 2, b'-', b'7']).unwrap().consts,
        [Const::BigInt(s("-7"))]
    );
    assert!(with_const(&[obj::INT, 2, b'1', b'x']).is_err());
    assert!(with_const(&[obj::INT, 0]).is_err());
    assert!(with_const(&[obj::FLOAT, 3, b'a', b'b', b'c']).is_err());
    assert!(with_const(&[obj::STR, 1, 0xff, 0]).is_err());
    assert!(with_const(&[obj::FUN_TABLE]).is_err());
    assert!(with_const(&[11]).is_err());
    // Deeply nested tuples are refused, not recursed into without bound.
    let mut deep = Vec::new();
    for _ in 0..1000 {
        deep.extend_from_slice(&[obj::TUPLE, 1]);
    }
    deep.push(obj::NONE);
    assert!(with_const(&deep).is_err());
    // A huge claimed tuple length does not allocate it up front.
    assert!(with_const(&[obj::TUPLE, 0x8f, 0xff, 0xff, 0xff, 0x7f]).is_err());
}

#[test]
fn deep_raw_code_nesting_is_refused() {
    let rc = code(1, 0, 0, &[op::LOAD_CONST_NONE, op::RETURN_VALUE]);
    let mut f = vec![b'M', 6, 0, 31, 1, 0, 0x02, b'x', 0];
    for _ in 0..1000 {
        write_vuint(&mut f, (rc.len() << 3) | 4);
        f.extend_from_slice(&rc);
        f.push(1);
    }
    assert_eq!(
        load(&f, 31),
        Err(MpyError::Invalid("functions nested too deeply"))
    );
}

#[test]
fn number_text() {
    assert_eq!(parse_float("1.5e+100"), Some(1.5e100));
    assert_eq!(parse_float("-inf"), Some(f64::NEG_INFINITY));
    assert!(parse_float("nan").unwrap().is_nan());
    assert_eq!(parse_float("0.1"), Some(0.1));
    assert_eq!(parse_float("1e100"), Some(1e100));
    assert_eq!(parse_float(""), None);
    assert_eq!(parse_float("-"), None);
    assert_eq!(parse_float("x1"), None);
    assert_eq!(parse_complex("2j"), Some((0.0, 2.0)));
    assert_eq!(parse_complex("-1.5j"), Some((0.0, -1.5)));
    assert_eq!(parse_complex("(1-2.5j)"), Some((1.0, -2.5)));
    assert_eq!(parse_complex("(1e+10+1e-10j)"), Some((1e10, 1e-10)));
    assert_eq!(
        parse_complex("(inf+nanj)").map(|c| c.0),
        Some(f64::INFINITY)
    );
    assert_eq!(parse_complex("1.5"), None);
    assert_eq!(parse_complex("j"), Some((0.0, 1.0)));
}

/// A small deterministic PRNG (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Mutates valid files thousands of times: loading must never panic, and whatever loads
/// must survive a save/load round trip unchanged.
#[test]
fn mutated_files_never_panic() {
    let seeds: [Vec<u8>; 2] = [HELLO_MPY.to_vec(), save(&sample(), 31)];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut loaded = 0;
    for case in 0..20_000 {
        let mut f = seeds[case % seeds.len()].clone();
        for _ in 0..1 + rng.below(4) {
            let len = f.len();
            match rng.below(6) {
                0 if len > 0 => f[rng.below(len)] = rng.next() as u8,
                1 if len > 0 => f[rng.below(len)] ^= 1 << rng.below(8),
                2 if len > 0 => {
                    f.truncate(rng.below(len));
                }
                3 => f.insert(rng.below(len + 1), rng.next() as u8),
                4 if len > 0 => {
                    f.remove(rng.below(len));
                }
                _ if len > 0 => f[rng.below(len)] = [0, 0x7f, 0x80, 0xff][rng.below(4)],
                _ => {}
            }
        }
        if let Ok(m) = load(&f, 63) {
            loaded += 1;
            let again = save(&m, 31);
            let m2 = load(&again, 63).unwrap();
            // NaN constants compare unequal; compare the re-saved bytes instead.
            assert_eq!(save(&m2, 31), again);
        }
    }
    // Some mutations (e.g. in string contents) must still load.
    assert!(loaded > 100, "only {loaded} mutated files loaded");
}

/// Compiles `src` with our compiler.
#[cfg(feature = "compiler")]
fn compile(src: &str) -> CompiledModule {
    use crate::compile::{compile, parse, Mode};
    let ast = parse(src, Mode::File).unwrap();
    compile(&ast, "t.py", Mode::File, 0).unwrap()
}

/// Compiler output passes the validator and survives save/load unchanged.
#[cfg(feature = "compiler")]
#[test]
fn round_trip_compiled_source() {
    let sources = [
        "print('hello')\n",
        "def f(a, b=2, *args, c, d=4, **kw):\n    return a + b + c + d\nprint(f(1, c=3))\n",
        "class A:\n    def __init__(self, x):\n        self.x = x\n    def get(self):\n        return self.x\n",
        "def g(n):\n    for i in range(n):\n        yield i * 2\nprint(list(g(3)))\n",
        "def outer():\n    x = 1\n    def inner():\n        nonlocal x\n        x += 1\n        return x\n    return inner\n",
        "try:\n    raise ValueError('boom')\nexcept ValueError as e:\n    print(e)\nfinally:\n    print(1)\n",
        "with open('x') as f:\n    pass\nwhile True:\n    break\nfor i in range(3):\n    continue\n",
        "x = 123456789012345678901234567890\ny = 1.5e100\nz = 2j\nt = (1, 'a', b'b', None, ...)\n",
        "s = 'a long string that is not an identifier!'\nprint([a * a for a in range(5)], {k: 1 for k in 'ab'})\n",
        "import sys\nfrom os import path as p\nlambda q: q + 1\nassert sys, 'msg'\n",
        "async def co():\n    await co()\n    async with x as y:\n        pass\n",
    ];
    for src in sources {
        let m = compile(src);
        let bytes = save(&m, 31);
        let back = load(&bytes, 31).unwrap_or_else(|e| panic!("{e} for {src:?}"));
        assert_eq!(back, m, "{src:?}");
    }
}

/// Our compiler's `print("hello")` is byte-for-byte what mpy-cross writes.
#[cfg(feature = "compiler")]
#[test]
fn compiler_output_matches_mpy_cross() {
    use crate::compile::{compile, parse, Mode};
    let ast = parse("print(\"hello\")\n", Mode::File).unwrap();
    let m = compile(&ast, "hello.py", Mode::File, 0).unwrap();
    assert_eq!(save(&m, 31), HELLO_MPY);
}
