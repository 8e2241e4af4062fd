//! Compiled code as the compiler produces it and the .mpy loader/saver reads and writes it.
//!
//! `RawCode::code` holds exactly the bytes a .mpy file stores for one bytecode raw code:
//! the prelude (signature, size info, simple name, argument names, line-number table, cell
//! list) followed by the bytecode. Qstr operands are indices into [`CompiledModule::qstrs`];
//! `LOAD_CONST_OBJ` operands index [`CompiledModule::consts`]; `MAKE_FUNCTION`-family operands
//! index [`RawCode::children`].

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

/// A raw code's prelude + bytecode: owned (compiled or loaded into RAM) or borrowed from a
/// `static` .mpy image (frozen modules run from flash without a copy).
#[derive(Debug, Clone)]
pub enum CodeBytes {
    /// Bytes in the firmware image.
    Static(&'static [u8]),
    /// Bytes on the heap.
    Owned(Box<[u8]>),
}

impl core::ops::Deref for CodeBytes {
    type Target = [u8];
    #[inline]
    fn deref(&self) -> &[u8] {
        match self {
            CodeBytes::Static(b) => b,
            CodeBytes::Owned(b) => b,
        }
    }
}

impl From<Vec<u8>> for CodeBytes {
    fn from(v: Vec<u8>) -> Self {
        CodeBytes::Owned(v.into_boxed_slice())
    }
}

impl PartialEq for CodeBytes {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

/// A constant object referenced by `LOAD_CONST_OBJ`.
#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    /// A str too long or otherwise unsuited to be a qstr.
    Str(String),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// An integer that does not fit a small int (decimal text, optional leading `-`).
    BigInt(String),
    /// A float.
    Float(f64),
    /// A complex number (real, imaginary).
    Complex(f64, f64),
    /// A tuple of constants (default-argument tuples, folded constants).
    Tuple(Vec<Const>),
    /// `...`.
    Ellipsis,
    /// `None`.
    None,
    /// `False`.
    False,
    /// `True`.
    True,
}

/// One function, class body, lambda, comprehension or module body.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCode {
    /// Prelude + bytecode, exactly as in a .mpy file.
    pub code: CodeBytes,
    /// Nested raw codes, in the order MAKE_FUNCTION/MAKE_CLOSURE operands refer to them.
    pub children: Vec<RawCode>,
}

/// The output of compiling one module (or of loading one .mpy file).
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledModule {
    /// The module's qstr table; entry 0 is the source file name.
    pub qstrs: Vec<String>,
    /// The module's constant table.
    pub consts: Vec<Const>,
    /// The module's top-level code.
    pub root: RawCode,
}
