//! MicroPython v6 bytecode: opcodes, compiled raw code, prelude decoding.

pub mod dis;
pub mod op;
pub mod rawcode;

pub use rawcode::{CompiledModule, Const, RawCode};
