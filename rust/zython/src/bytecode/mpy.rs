//! The .mpy container (MicroPython's compiled-module file format, version 6.3).
//!
//! Layout: header `M`, version 6, feature flags (native arch and sub-version; 0 for
//! bytecode), small-int bits; vuint qstr count and constant count; the qstrs (each either
//! `(static number << 1) | 1`, or `len << 1` then the bytes and a NUL); the constants (a type
//! byte, then data); the module's raw code (`(len << 3) | (has_children << 2) | kind`, the
//! prelude + bytecode, then `n_children` and the children, recursively). Every vuint stores
//! 7 bits per byte, most significant group first, 0x80 meaning "more".

use core::fmt;

mod load;
mod save;

pub use load::{load, load_static};
pub use save::save;

/// The .mpy major version this module reads and writes.
pub const MPY_VERSION: u8 = 6;
/// The .mpy sub-version (for native code; bytecode files store 0 in the flags byte).
pub const MPY_SUB_VERSION: u8 = 3;
/// Small-int bits that MicroPython's mpy-cross writes by default.
pub const DEFAULT_SMALL_INT_BITS: u8 = 31;

/// Constant-object type bytes.
pub(crate) mod obj {
    pub const FUN_TABLE: u8 = 0;
    pub const NONE: u8 = 1;
    pub const FALSE: u8 = 2;
    pub const TRUE: u8 = 3;
    pub const ELLIPSIS: u8 = 4;
    pub const STR: u8 = 5;
    pub const BYTES: u8 = 6;
    pub const INT: u8 = 7;
    pub const FLOAT: u8 = 8;
    pub const COMPLEX: u8 = 9;
    pub const TUPLE: u8 = 10;
}

/// Why a .mpy file could not be loaded. Each one becomes a `ValueError` with
/// [`MpyError::message`] as its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MpyError {
    /// Wrong magic, version, sub-version or arch flags, or small ints wider than ours.
    Incompatible,
    /// The file holds native machine code, which Zython cannot run.
    NativeCode,
    /// The file ends before its contents do.
    Truncated,
    /// The file is malformed; the detail names what is wrong.
    Invalid(&'static str),
    /// No memory for its contents (MemoryError).
    NoMemory,
}

impl MpyError {
    /// The exception text (MicroPython's wording where it has one).
    pub fn message(&self) -> &'static str {
        match self {
            MpyError::Incompatible => "incompatible .mpy file",
            MpyError::NativeCode => "native code in .mpy unsupported",
            MpyError::Truncated => "invalid .mpy file: truncated",
            MpyError::Invalid(_) => "invalid .mpy file",
            MpyError::NoMemory => "memory allocation failed",
        }
    }
}

impl fmt::Display for MpyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MpyError::Invalid(detail) => write!(f, "invalid .mpy file: {detail}"),
            other => f.write_str(other.message()),
        }
    }
}

#[cfg(test)]
mod tests;
