//! The `struct` module: pack, unpack, calcsize, pack_into, unpack_from with MicroPython's
//! format characters (b B h H i I l L q Q f d s P ? x) and byte-order prefixes (@ < > ! =).
//!
//! `@` (the default) uses native order with each item aligned to its size; the others use
//! the standard sizes with no padding. Native and standard sizes are the same (see
//! [`crate::modules::array::item_size`]); `P` is a pointer-sized unsigned int. As in
//! MicroPython, `pack` fills missing trailing values with zeros.

use crate::modules::{array, native};
use crate::native_fn;
use crate::obj::Obj;
use crate::statics::{ModuleDef, StaticObj, VAR_ARGS};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::vec::Vec;

/// One item of a parsed format: its code, repeat count (or string length) and offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    /// The format character.
    pub code: u8,
    /// How many values (for `s`: the string length, one value).
    pub count: usize,
    /// Byte offset of the first value.
    pub offset: usize,
}

/// A parsed format: byte order, items and total size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Format {
    /// Little-endian?
    pub little: bool,
    /// The items in order.
    pub items: Vec<Item>,
    /// Total size in bytes.
    pub size: usize,
}

fn code_size(code: u8) -> Option<usize> {
    match code {
        b'x' | b's' | b'?' => Some(1),
        b'e' => Some(2),
        b'P' | b'O' => Some(core::mem::size_of::<usize>()),
        c => array::item_size(c),
    }
}

/// IEEE 754 half precision (`e`) to double.
fn half_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = i32::from((h >> 10) & 0x1f);
    let frac = f64::from(h & 0x3ff);
    sign * match exp {
        0 => libm::ldexp(frac, -24),
        31 if frac == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        e => libm::ldexp(frac + 1024.0, e - 25),
    }
}

/// Double to IEEE 754 half precision, rounded to nearest even; too large becomes infinity.
fn half_from_f64(x: f64) -> u16 {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    let a = x.abs();
    if a.is_nan() {
        return sign | 0x7e00;
    }
    if a == 0.0 {
        return sign;
    }
    if a.is_infinite() {
        return sign | 0x7c00;
    }
    let (_, e2) = libm::frexp(a);
    let e = e2 - 1; // a is in [2^e, 2^(e+1))
    if e < -14 {
        // Subnormal: units of 2^-24 (a rounded 1024 is the smallest normal, still right).
        return sign | libm::rint(libm::ldexp(a, 24)) as u16;
    }
    let mut m = libm::rint(libm::ldexp(a, 10 - e)) as u32; // 1024..=2048
    let mut e = e;
    if m == 2048 {
        m = 1024;
        e += 1;
    }
    if e > 15 {
        return sign | 0x7c00;
    }
    sign | (((e + 15) as u16) << 10) | (m - 1024) as u16
}

/// A format string that cannot be parsed (unknown character or oversized count).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadFormat;

/// Parse a format string.
pub fn parse(fmt: &str) -> Result<Format, BadFormat> {
    let b = fmt.as_bytes();
    let mut i = 0;
    let (little, align) = match b.first() {
        Some(b'<') => (true, false),
        Some(b'>') | Some(b'!') => (false, false),
        Some(b'=') => (cfg!(target_endian = "little"), false),
        Some(b'@') => (cfg!(target_endian = "little"), true),
        _ => (cfg!(target_endian = "little"), true),
    };
    if matches!(b.first(), Some(b'<' | b'>' | b'!' | b'=' | b'@')) {
        i = 1;
    }
    let mut items = Vec::new();
    let mut off: usize = 0;
    while i < b.len() {
        let mut count: Option<usize> = None;
        while let Some(d) = b.get(i).filter(|c| c.is_ascii_digit()) {
            let n = count
                .unwrap_or(0)
                .checked_mul(10)
                .and_then(|n| n.checked_add((d - b'0') as usize))
                .ok_or(BadFormat)?;
            if n > 1 << 24 {
                return Err(BadFormat);
            }
            count = Some(n);
            i += 1;
        }
        let Some(&code) = b.get(i) else {
            return Err(BadFormat);
        };
        i += 1;
        if code == b' ' {
            continue;
        }
        let size = code_size(code).ok_or(BadFormat)?;
        if align && size > 1 && code != b's' {
            off = off.div_ceil(size) * size;
        }
        let count = count.unwrap_or(1);
        items.push(Item {
            code,
            count,
            offset: off,
        });
        off = off.checked_add(size * count).ok_or(BadFormat)?;
    }
    Ok(Format {
        little,
        items,
        size: off,
    })
}

impl Format {
    /// How many Python values it packs or unpacks.
    pub fn values(&self) -> usize {
        self.items
            .iter()
            .map(|it| match it.code {
                b's' => 1,
                b'x' => 0,
                _ => it.count,
            })
            .sum()
    }
}

fn format_arg(vm: &mut Vm, v: Value) -> PyResult<Format> {
    let s = match vm.str_data(v) {
        Some(s) => alloc::string::String::from(s),
        None => match vm.bytes_data(v) {
            Some(b) => alloc::string::String::from_utf8_lossy(b).into_owned(),
            None => return Err(vm.type_error("expected str")),
        },
    };
    parse(&s).map_err(|_| vm.value_error("bad typecode"))
}

/// Unpack `f` from `data` (at least `f.size` bytes).
fn unpack_buf(vm: &mut Vm, f: &Format, data: &[u8]) -> PyResult<Value> {
    if data.len() < f.size {
        return Err(vm.value_error("buffer too small"));
    }
    let mut out: Vec<Value> = Vec::new();
    let base = vm.roots.len();
    let r = (|| {
        for it in &f.items {
            match it.code {
                b'x' => {}
                b's' => {
                    let s = data.get(it.offset..it.offset + it.count).unwrap_or(&[]);
                    let v = vm.new_bytes(s)?;
                    vm.roots.push(v);
                    out.push(v);
                }
                code => {
                    let size = code_size(code).unwrap_or(1);
                    for k in 0..it.count {
                        let p = it.offset + k * size;
                        let chunk = data.get(p..p + size).unwrap_or(&[]);
                        let v = match code {
                            b'?' => Value::bool(chunk.first().is_some_and(|&c| c != 0)),
                            b'e' => {
                                let (lo, hi) = match chunk {
                                    [a, b] if f.little => (*a, *b),
                                    [a, b] => (*b, *a),
                                    _ => (0, 0),
                                };
                                vm.new_float(half_to_f64(u16::from_le_bytes([lo, hi])))?
                            }
                            b'P' | b'O' => {
                                let v = array::load(vm, b'Q', chunk, f.little)?;
                                if code == b'O' {
                                    return Err(vm.value_error("bad typecode"));
                                }
                                v
                            }
                            _ => array::load(vm, code, chunk, f.little)?,
                        };
                        vm.roots.push(v);
                        out.push(v);
                    }
                }
            }
        }
        vm.new_tuple(&out)
    })();
    vm.roots.truncate(base);
    r
}

/// Pack `vals` by `f` into `out` (exactly `f.size` bytes, zeroed).
fn pack_buf(vm: &mut Vm, f: &Format, vals: &[Value], out: &mut [u8]) -> PyResult<()> {
    let mut vi = 0;
    for it in &f.items {
        match it.code {
            b'x' => {}
            b's' => {
                let Some(&v) = vals.get(vi) else { break };
                vi += 1;
                let src = match native::buffer(vm, v) {
                    Some(b) => b,
                    None => match vm.str_data(v) {
                        Some(s) => s.as_bytes().to_vec(),
                        None => return Err(vm.type_error("object with buffer protocol required")),
                    },
                };
                let n = src.len().min(it.count);
                if let Some(dst) = out.get_mut(it.offset..it.offset + n) {
                    dst.copy_from_slice(&src[..n]);
                }
            }
            code => {
                let size = code_size(code).unwrap_or(1);
                for k in 0..it.count {
                    let Some(&v) = vals.get(vi) else { break };
                    vi += 1;
                    let p = it.offset + k * size;
                    let Some(dst) = out.get_mut(p..p + size) else {
                        continue;
                    };
                    match code {
                        b'?' => {
                            let t = vm.truthy(v)?;
                            dst[0] = t as u8;
                        }
                        b'P' => array::store(vm, b'Q', v, dst, f.little)?,
                        b'e' => {
                            let h = half_from_f64(vm.to_f64(v)?);
                            let b = if f.little {
                                h.to_le_bytes()
                            } else {
                                h.to_be_bytes()
                            };
                            dst.copy_from_slice(&b);
                        }
                        b'O' => return Err(vm.value_error("bad typecode")),
                        _ => array::store(vm, code, v, dst, f.little)?,
                    }
                }
            }
        }
    }
    if vi < vals.len() {
        return Err(vm.value_error("too many args"));
    }
    Ok(())
}

native_fn!(CALCSIZE, "calcsize", 1, 1, |vm, a, _| {
    let f = format_arg(vm, a[0])?;
    vm.new_int(f.size as i64)
});
native_fn!(PACK, "pack", 1, VAR_ARGS, |vm, a, _| {
    let f = format_arg(vm, a[0])?;
    vm.reserve(f.size)?;
    let mut out = Vec::new();
    if out.try_reserve_exact(f.size).is_err() {
        return Err(vm.no_memory());
    }
    out.resize(f.size, 0);
    pack_buf(vm, &f, &a[1..], &mut out)?;
    vm.new_bytes(&out)
});
native_fn!(UNPACK, "unpack", 2, 2, |vm, a, _| {
    let f = format_arg(vm, a[0])?;
    let data = match native::buffer(vm, a[1]) {
        Some(d) => d,
        None => return Err(vm.type_error("object with buffer protocol required")),
    };
    unpack_buf(vm, &f, &data)
});

/// Resolve an offset (negative counts from the end) for a buffer of `len` bytes.
fn offset(vm: &mut Vm, v: Option<&Value>, len: usize, need: usize) -> PyResult<usize> {
    let off = match v {
        Some(&v) => vm.to_index(v)?,
        None => 0,
    };
    let off = if off < 0 { off + len as isize } else { off };
    if off < 0 || (off as usize).saturating_add(need) > len {
        return Err(vm.value_error("buffer too small"));
    }
    Ok(off as usize)
}

native_fn!(UNPACK_FROM, "unpack_from", 2, 3, |vm, a, _| {
    let f = format_arg(vm, a[0])?;
    let data = match native::buffer(vm, a[1]) {
        Some(d) => d,
        None => return Err(vm.type_error("object with buffer protocol required")),
    };
    let off = offset(vm, a.get(2), data.len(), f.size)?;
    unpack_buf(vm, &f, &data[off..])
});
native_fn!(PACK_INTO, "pack_into", 3, VAR_ARGS, |vm, a, _| {
    let f = format_arg(vm, a[0])?;
    let len = match vm.heap.get(a[1]) {
        Some(Obj::ByteArray(b)) => b.len(),
        _ => match native::get::<array::Array>(vm, a[1]) {
            Some(arr) => arr.data.len(),
            None => return Err(vm.type_error("object with buffer protocol required")),
        },
    };
    let off = offset(vm, a.get(2), len, f.size)?;
    let mut out = alloc::vec![0u8; f.size];
    pack_buf(vm, &f, &a[3..], &mut out)?;
    let dst: Option<&mut [u8]> = match vm.heap.get_mut(a[1]) {
        Some(Obj::ByteArray(b)) => b.get_mut(off..off + f.size),
        _ => native::get_mut::<array::Array>(vm, a[1])
            .and_then(|x| x.data.get_mut(off..off + f.size)),
    };
    if let Some(dst) = dst {
        dst.copy_from_slice(&out);
    }
    Ok(Value::NONE)
});

static FUNCTIONS: &[&StaticObj] = &[&CALCSIZE, &PACK, &UNPACK, &UNPACK_FROM, &PACK_INTO];

fn struct_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    native::fill(vm, g, FUNCTIONS)
}

/// The `struct` module.
pub static STRUCT_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "struct",
    attrs: &[],
    init: Some(struct_init),
});

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn sizes_and_alignment() {
        assert_eq!(parse("<bI").map(|f| f.size), Ok(5));
        assert_eq!(parse("bI").map(|f| f.size), Ok(8));
        assert_eq!(parse("100sI").map(|f| f.size), Ok(104));
        assert_eq!(parse(">bxI3xH").map(|f| f.size), Ok(11));
        assert_eq!(parse("7xx").map(|f| f.values()), Ok(0));
        assert!(parse("z").is_err());
        assert!(parse("99999999999999999999b").is_err());
    }
}
