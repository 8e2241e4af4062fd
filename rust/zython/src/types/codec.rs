//! Text encodings for `str.encode`, `bytes.decode`, `str(b, enc)` and `bytes(s, enc)`:
//! UTF-8 and ASCII, with the `strict`, `ignore` and `replace` error handlers.

use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::string::String;
use alloc::vec::Vec;

/// A supported encoding.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Codec {
    /// UTF-8.
    Utf8,
    /// 7-bit ASCII.
    Ascii,
}

/// An error handler.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Errors {
    /// Raise UnicodeError.
    Strict,
    /// Drop what cannot be converted.
    Ignore,
    /// Put a replacement character instead.
    Replace,
}

/// The encoding named by `v` (None = UTF-8); LookupError for unknown names.
pub fn codec(vm: &mut Vm, v: Option<Value>) -> PyResult<Codec> {
    let v = match v {
        Some(v) if v != Value::NONE => v,
        _ => return Ok(Codec::Utf8),
    };
    let name = match vm.str_data(v) {
        Some(s) => s.to_ascii_lowercase().replace('_', "-"),
        None => return Err(vm.type_error("encoding must be str")),
    };
    match name.as_str() {
        "utf-8" | "utf8" => Ok(Codec::Utf8),
        "ascii" | "us-ascii" => Ok(Codec::Ascii),
        _ => {
            let msg = alloc::format!("unknown encoding: {}", name);
            Err(vm.new_exception(&crate::types::exceptions::LOOKUP_ERROR, &msg))
        }
    }
}

/// The error handler named by `v` (None = strict); LookupError for unknown names.
pub fn errors(vm: &mut Vm, v: Option<Value>) -> PyResult<Errors> {
    let v = match v {
        Some(v) if v != Value::NONE => v,
        _ => return Ok(Errors::Strict),
    };
    match vm.str_data(v) {
        Some("strict") => Ok(Errors::Strict),
        Some("ignore") => Ok(Errors::Ignore),
        Some("replace") => Ok(Errors::Replace),
        Some(_) => Err(vm.new_exception(
            &crate::types::exceptions::LOOKUP_ERROR,
            "unknown error handler name",
        )),
        None => Err(vm.type_error("errors must be str")),
    }
}

/// Decode bytes to text; None means a strict-mode failure.
pub fn decode(data: &[u8], c: Codec, e: Errors) -> Option<String> {
    let mut out = String::new();
    match c {
        Codec::Utf8 => {
            for chunk in data.utf8_chunks() {
                out.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    match e {
                        Errors::Strict => return None,
                        Errors::Ignore => {}
                        Errors::Replace => out.push('\u{fffd}'),
                    }
                }
            }
        }
        Codec::Ascii => {
            for &b in data {
                if b < 0x80 {
                    out.push(b as char);
                } else {
                    match e {
                        Errors::Strict => return None,
                        Errors::Ignore => {}
                        Errors::Replace => out.push('\u{fffd}'),
                    }
                }
            }
        }
    }
    Some(out)
}

/// Encode text to bytes; None means a strict-mode failure.
pub fn encode(s: &str, c: Codec, e: Errors) -> Option<Vec<u8>> {
    match c {
        Codec::Utf8 => Some(s.as_bytes().to_vec()),
        Codec::Ascii => {
            let mut out = Vec::with_capacity(s.len());
            for ch in s.chars() {
                if ch.is_ascii() {
                    out.push(ch as u8);
                } else {
                    match e {
                        Errors::Strict => return None,
                        Errors::Ignore => {}
                        Errors::Replace => out.push(b'?'),
                    }
                }
            }
            Some(out)
        }
    }
}

/// Decode for Python callers: UnicodeError on a strict failure.
pub fn decode_value(
    vm: &mut Vm,
    data: &[u8],
    enc: Option<Value>,
    err: Option<Value>,
) -> PyResult<Value> {
    let c = codec(vm, enc)?;
    let e = errors(vm, err)?;
    match decode(data, c, e) {
        Some(s) => vm.new_string(s),
        None => Err(vm.new_exception(&crate::types::exceptions::UNICODE_ERROR, "")),
    }
}

/// Encode for Python callers: UnicodeError on a strict failure.
pub fn encode_bytes(
    vm: &mut Vm,
    s: &str,
    enc: Option<Value>,
    err: Option<Value>,
) -> PyResult<Vec<u8>> {
    let c = codec(vm, enc)?;
    let e = errors(vm, err)?;
    match encode(s, c, e) {
        Some(b) => Ok(b),
        None => Err(vm.new_exception(&crate::types::exceptions::UNICODE_ERROR, "")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handlers() {
        let bad = b"a\xffb\xc3";
        assert_eq!(decode(bad, Codec::Utf8, Errors::Strict), None);
        assert_eq!(decode(bad, Codec::Utf8, Errors::Ignore).unwrap(), "ab");
        assert_eq!(
            decode(bad, Codec::Utf8, Errors::Replace).unwrap(),
            "a\u{fffd}b\u{fffd}"
        );
        assert_eq!(decode(b"ni\xe5", Codec::Ascii, Errors::Strict), None);
        assert_eq!(encode("é1", Codec::Ascii, Errors::Replace).unwrap(), b"?1");
        assert_eq!(encode("é", Codec::Ascii, Errors::Strict), None);
    }
}
