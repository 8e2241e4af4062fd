//! MicroPython v6 bytecode: opcodes, compiled raw code, prelude decoding.

pub mod dis;
pub mod mpy;
pub mod op;
pub mod prelude;
pub mod rawcode;
pub mod static_qstr;

pub use rawcode::{CodeBytes, CompiledModule, Const, RawCode};
