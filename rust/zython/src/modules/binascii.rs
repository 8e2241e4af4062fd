//! The `binascii` module: hexlify (with an optional separator), unhexlify, a2b_base64
//! (CPython's lenient decoding: characters outside the alphabet are skipped), b2a_base64
//! and crc32.

use crate::modules::native;
use crate::native_fn;
use crate::qstr::q;
use crate::statics::{ModuleDef, StaticObj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::vec::Vec;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn data(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(s) = vm.str_data(v) {
        return Ok(s.as_bytes().to_vec());
    }
    match native::buffer(vm, v) {
        Some(b) => Ok(b),
        None => Err(vm.type_error("object with buffer protocol required")),
    }
}

fn b64_value(c: u8) -> Option<u8> {
    B64.iter().position(|&x| x == c).map(|p| p as u8)
}

/// Decode base64 leniently; `Err` carries the message of the ValueError.
pub fn decode_base64(input: &[u8]) -> Result<Vec<u8>, &'static str> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3);
    let (mut quad, mut pads, mut left) = (0u8, 0u8, 0u8);
    for &c in input {
        if c == b'=' {
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    return Ok(out);
                }
            }
            continue;
        }
        let Some(v) = b64_value(c) else { continue };
        pads = 0;
        match quad {
            0 => {
                left = v;
                quad = 1;
            }
            1 => {
                out.push((left << 2) | (v >> 4));
                left = v & 0x0f;
                quad = 2;
            }
            2 => {
                out.push((left << 4) | (v >> 2));
                left = v & 0x03;
                quad = 3;
            }
            _ => {
                out.push((left << 6) | v);
                quad = 0;
            }
        }
    }
    match quad {
        0 => Ok(out),
        _ => Err("incorrect padding"),
    }
}

/// Encode as base64 (no newline).
pub fn encode_base64(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len().div_ceil(3) * 4 + 1);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = ((b[0] as u32) << 16) | ((b[1] as u32) << 8) | b[2] as u32;
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * k)) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    out
}

/// CRC-32 (the zlib polynomial) continuing from `crc`.
pub fn crc32(data: &[u8], crc: u32) -> u32 {
    let mut c = !crc;
    for &b in data {
        c ^= b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xedb8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

native_fn!(HEXLIFY, "hexlify", 1, 2, |vm, a, _| {
    let d = data(vm, a[0])?;
    let sep = match a.get(1) {
        Some(&s) => data(vm, s)?,
        None => Vec::new(),
    };
    vm.reserve(d.len() * (2 + sep.len()))?;
    let mut out = Vec::new();
    for (i, b) in d.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        for nib in [b >> 4, b & 15] {
            out.push(b"0123456789abcdef"[nib as usize]);
        }
    }
    vm.new_bytes(&out)
});
native_fn!(UNHEXLIFY, "unhexlify", 1, 1, |vm, a, _| {
    let d = data(vm, a[0])?;
    if d.len() % 2 != 0 {
        return Err(vm.value_error("odd-length string"));
    }
    let mut out = Vec::with_capacity(d.len() / 2);
    for pair in d.chunks_exact(2) {
        let hi = (pair[0] as char).to_digit(16);
        let lo = (pair[1] as char).to_digit(16);
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => return Err(vm.value_error("non-hex digit found")),
        }
    }
    vm.new_bytes(&out)
});
native_fn!(A2B_BASE64, "a2b_base64", 1, 1, |vm, a, _| {
    let d = data(vm, a[0])?;
    match decode_base64(&d) {
        Ok(out) => vm.new_bytes(&out),
        Err(msg) => Err(vm.value_error(msg)),
    }
});
native_fn!(
    B2A_BASE64,
    "b2a_base64",
    1,
    1,
    |vm, a, kw| {
        native::check_kw(vm, kw, &[q::NEWLINE])?;
        let d = data(vm, a[0])?;
        let newline = match native::kwarg(kw, q::NEWLINE) {
            Some(v) => vm.truthy(v)?,
            None => true,
        };
        vm.reserve(d.len() / 3 * 4 + 5)?;
        let mut out = encode_base64(&d);
        if newline {
            out.push(b'\n');
        }
        vm.new_bytes(&out)
    },
    kw
);
native_fn!(CRC32, "crc32", 1, 2, |vm, a, _| {
    let d = data(vm, a[0])?;
    let init = match a.get(1) {
        Some(&v) => crate::modules::array::int_bits(vm, v)? as u32,
        None => 0,
    };
    vm.new_int(crc32(&d, init) as i64)
});

static FUNCTIONS: &[&StaticObj] = &[&HEXLIFY, &UNHEXLIFY, &A2B_BASE64, &B2A_BASE64, &CRC32];

fn binascii_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    native::fill(vm, g, FUNCTIONS)
}

/// The `binascii` module.
pub static BINASCII_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "binascii",
    attrs: &[],
    init: Some(binascii_init),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_crc() {
        assert_eq!(encode_base64(b"foobar"), b"Zm9vYmFy");
        assert_eq!(encode_base64(b"fo"), b"Zm8=");
        assert_eq!(decode_base64(b"Zm9v===YmFy").as_deref(), Ok(&b"foobar"[..]));
        assert!(decode_base64(b"abc").is_err());
        assert!(decode_base64(b"ab=cdef=").is_err());
        assert_eq!(crc32(b"123456789", 0), 0xcbf4_3926);
    }
}
