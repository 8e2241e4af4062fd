//! Reading a .mpy file into a [`CompiledModule`], checking everything on the way.

use super::{obj, MpyError, MPY_SUB_VERSION, MPY_VERSION};
use crate::bytecode::prelude::validate;
use crate::bytecode::rawcode::{CodeBytes, CompiledModule, Const, RawCode};
use crate::bytecode::static_qstr::static_qstr;
use alloc::string::String;
use alloc::vec::Vec;

/// Deepest nesting of raw codes (functions inside functions) accepted.
const MAX_CODE_DEPTH: usize = 64;
/// Deepest nesting of constant tuples accepted.
const MAX_TUPLE_DEPTH: usize = 32;
/// Largest vuint accepted anywhere in the file.
const VUINT_MAX: u64 = u32::MAX as u64;

/// Loads a bytecode .mpy file; `max_small_int_bits` is the widest small int this VM holds.
///
/// Never panics: every length, count and index is checked, and every raw code passes
/// [`validate`] before it is returned. Trailing bytes after the module are ignored, as
/// MicroPython does.
pub fn load(data: &[u8], max_small_int_bits: u8) -> Result<CompiledModule, MpyError> {
    load_from(data, None, max_small_int_bits)
}

/// [`load`] for an image in the firmware (a frozen module): every raw code's bytes are
/// borrowed from `image` ([`CodeBytes::Static`]), not copied; only names and constants are
/// built. Checked exactly as [`load`] checks a file.
pub fn load_static(
    image: &'static [u8],
    max_small_int_bits: u8,
) -> Result<CompiledModule, MpyError> {
    load_from(image, Some(image), max_small_int_bits)
}

/// The loader; raw-code bytes are borrowed from `image` when given (it is then `data`).
fn load_from(
    data: &[u8],
    image: Option<&'static [u8]>,
    max_small_int_bits: u8,
) -> Result<CompiledModule, MpyError> {
    let mut r = Reader {
        data,
        pos: 0,
        image,
    };
    let magic = r.bytes(2).map_err(|_| MpyError::Incompatible)?;
    if magic != [b'M', MPY_VERSION] {
        return Err(MpyError::Incompatible);
    }
    let flags = r.byte()?;
    let small_int_bits = r.byte()?;
    let arch = (flags >> 2) & 0x2f;
    if arch != 0 && flags & 3 != MPY_SUB_VERSION {
        return Err(MpyError::Incompatible);
    }
    if small_int_bits > max_small_int_bits {
        return Err(MpyError::Incompatible);
    }
    if arch != 0 {
        return Err(MpyError::NativeCode);
    }
    if flags & 0x40 != 0 {
        return Err(MpyError::Incompatible);
    }
    let n_qstrs = r.vuint()?;
    let n_consts = r.vuint()?;
    let mut qstrs = try_vec(n_qstrs.min(r.remaining()))?;
    for _ in 0..n_qstrs {
        let q = r.qstr()?;
        try_push(&mut qstrs, q)?;
    }
    let mut consts = try_vec(n_consts.min(r.remaining()))?;
    for _ in 0..n_consts {
        let c = r.constant(0)?;
        try_push(&mut consts, c)?;
    }
    let root = r.raw_code(n_qstrs, n_consts, 0)?;
    Ok(CompiledModule {
        qstrs,
        consts,
        root,
    })
}

/// An empty vector with room for `n` items, or `NoMemory` (a file's counts decide `n`).
fn try_vec<T>(n: usize) -> Result<Vec<T>, MpyError> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| MpyError::NoMemory)?;
    Ok(v)
}

/// Append `x`, or `NoMemory`.
fn try_push<T>(v: &mut Vec<T>, x: T) -> Result<(), MpyError> {
    v.try_reserve(1).map_err(|_| MpyError::NoMemory)?;
    v.push(x);
    Ok(())
}

/// A copy of `b`, or `NoMemory`.
fn try_copy(b: &[u8]) -> Result<Vec<u8>, MpyError> {
    let mut v = try_vec(b.len())?;
    v.extend_from_slice(b);
    Ok(v)
}

/// A bounds-checked cursor over the file.
struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    /// The same bytes as `data` when they are a static image raw codes may borrow.
    image: Option<&'static [u8]>,
}

impl<'a> Reader<'a> {
    /// Bytes left to read.
    fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    /// One byte.
    fn byte(&mut self) -> Result<u8, MpyError> {
        let b = *self.data.get(self.pos).ok_or(MpyError::Truncated)?;
        self.pos += 1;
        Ok(b)
    }

    /// `n` bytes.
    fn bytes(&mut self, n: usize) -> Result<&'a [u8], MpyError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.data.len())
            .ok_or(MpyError::Truncated)?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    /// An unsigned vuint (most significant group first).
    fn vuint(&mut self) -> Result<usize, MpyError> {
        let mut v: u64 = 0;
        loop {
            let b = self.byte()?;
            v = (v << 7) | u64::from(b & 0x7f);
            if v > VUINT_MAX {
                return Err(MpyError::Invalid("number too large"));
            }
            if b & 0x80 == 0 {
                return usize::try_from(v).map_err(|_| MpyError::Invalid("number too large"));
            }
        }
    }

    /// `len` bytes followed by a NUL terminator.
    fn nul_terminated(&mut self, len: usize) -> Result<&'a [u8], MpyError> {
        let s = self.bytes(len)?;
        if self.byte()? != 0 {
            return Err(MpyError::Invalid("missing string terminator"));
        }
        Ok(s)
    }

    /// One qstr-table entry.
    fn qstr(&mut self) -> Result<String, MpyError> {
        let v = self.vuint()?;
        if v & 1 != 0 {
            let s = static_qstr(v >> 1).ok_or(MpyError::Invalid("unknown static qstr"))?;
            let mut out = String::new();
            out.try_reserve_exact(s.len())
                .map_err(|_| MpyError::NoMemory)?;
            out.push_str(s);
            return Ok(out);
        }
        let bytes = self.nul_terminated(v >> 1)?;
        utf8(bytes)
    }

    /// One constant object; `depth` counts enclosing tuples.
    fn constant(&mut self, depth: usize) -> Result<Const, MpyError> {
        let kind = self.byte()?;
        match kind {
            obj::NONE => return Ok(Const::None),
            obj::FALSE => return Ok(Const::False),
            obj::TRUE => return Ok(Const::True),
            obj::ELLIPSIS => return Ok(Const::Ellipsis),
            obj::FUN_TABLE => return Err(MpyError::NativeCode),
            _ => {}
        }
        let len = self.vuint()?;
        match kind {
            obj::STR => Ok(Const::Str(utf8(self.nul_terminated(len)?)?)),
            obj::BYTES => Ok(Const::Bytes(try_copy(self.nul_terminated(len)?)?)),
            obj::TUPLE => {
                if depth >= MAX_TUPLE_DEPTH {
                    return Err(MpyError::Invalid("constant tuples nested too deeply"));
                }
                let mut items = try_vec(len.min(self.remaining()))?;
                for _ in 0..len {
                    items.push(self.constant(depth + 1)?);
                }
                Ok(Const::Tuple(items))
            }
            obj::INT => {
                let text = self.bytes(len)?;
                let digits = text.strip_prefix(b"-").unwrap_or(text);
                if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
                    return Err(MpyError::Invalid("bad integer constant"));
                }
                utf8(text).map(Const::BigInt)
            }
            obj::FLOAT => {
                let text = self.bytes(len)?;
                let text = core::str::from_utf8(text).map_err(|_| BAD_FLOAT)?;
                parse_float(text).map(Const::Float).ok_or(BAD_FLOAT)
            }
            obj::COMPLEX => {
                let text = self.bytes(len)?;
                let text = core::str::from_utf8(text).map_err(|_| BAD_FLOAT)?;
                let (re, im) = parse_complex(text).ok_or(BAD_FLOAT)?;
                Ok(Const::Complex(re, im))
            }
            _ => Err(MpyError::Invalid("unknown constant type")),
        }
    }

    /// One raw code and its children; `depth` counts enclosing raw codes.
    fn raw_code(
        &mut self,
        n_qstrs: usize,
        n_consts: usize,
        depth: usize,
    ) -> Result<RawCode, MpyError> {
        if depth >= MAX_CODE_DEPTH {
            return Err(MpyError::Invalid("functions nested too deeply"));
        }
        let kind_len = self.vuint()?;
        if kind_len & 3 != 0 {
            // Native, viper or inline-assembler code: MicroPython without native support
            // reports this file as incompatible.
            return Err(MpyError::Incompatible);
        }
        let start = self.pos;
        let bytes = self.bytes(kind_len >> 3)?;
        let code = match self.image.and_then(|img| img.get(start..self.pos)) {
            Some(b) => CodeBytes::Static(b),
            None => try_copy(bytes)?.into(),
        };
        let mut children = Vec::new();
        if kind_len & 4 != 0 {
            let n = self.vuint()?;
            children
                .try_reserve_exact(n.min(self.remaining()))
                .map_err(|_| MpyError::NoMemory)?;
            for _ in 0..n {
                let child = self.raw_code(n_qstrs, n_consts, depth + 1)?;
                try_push(&mut children, child)?;
            }
        }
        validate(&code, n_qstrs, n_consts, children.len()).map_err(|e| {
            if e == crate::bytecode::prelude::NO_MEMORY {
                MpyError::NoMemory
            } else {
                MpyError::Invalid(e)
            }
        })?;
        Ok(RawCode { code, children })
    }
}

/// The error for an unparsable float or complex constant.
const BAD_FLOAT: MpyError = MpyError::Invalid("bad float constant");

/// Bytes that must be UTF-8 text.
fn utf8(bytes: &[u8]) -> Result<String, MpyError> {
    let s = core::str::from_utf8(bytes).map_err(|_| MpyError::Invalid("string is not UTF-8"))?;
    let mut out = String::new();
    out.try_reserve_exact(s.len())
        .map_err(|_| MpyError::NoMemory)?;
    out.push_str(s);
    Ok(out)
}

/// Parses a float as MicroPython writes it (`1.5`, `1e+100`, `inf`, `-nan`, ...).
pub(crate) fn parse_float(text: &str) -> Option<f64> {
    let t = text.trim_ascii();
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, t.get(1..).unwrap_or_default()),
        Some(b'+') => (false, t.get(1..).unwrap_or_default()),
        _ => (false, t),
    };
    let v = if body.eq_ignore_ascii_case("nan") {
        f64::NAN
    } else if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        f64::INFINITY
    } else if body.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        crate::types::float_parse::parse_f64(body)?
    } else {
        return None;
    };
    Some(if neg { -v } else { v })
}

/// Parses a complex constant: `2j`, `-1.5j`, or `(1+2j)` / `(1-2j)`.
pub(crate) fn parse_complex(text: &str) -> Option<(f64, f64)> {
    let t = text.trim_ascii();
    let t = t
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(t);
    let body = t.strip_suffix(['j', 'J'])?;
    // The imaginary part starts at the last sign that is not the first character and not
    // an exponent's sign.
    let bytes = body.as_bytes();
    let split = (1..bytes.len())
        .rev()
        .find(|&i| matches!(bytes[i], b'+' | b'-') && !matches!(bytes[i - 1], b'e' | b'E'));
    let imag = |s: &str| match s {
        "" | "+" => Some(1.0),
        "-" => Some(-1.0),
        _ => parse_float(s),
    };
    match split {
        Some(i) => Some((
            parse_float(body.get(..i).unwrap_or_default())?,
            imag(body.get(i..).unwrap_or_default())?,
        )),
        None => Some((0.0, imag(body)?)),
    }
}
