//! Zython core: lexer, parser, compiler, MicroPython v6 bytecode, VM, objects and GC.
//!
//! The crate is `#![no_std]` + `alloc`; it never names Zephyr, the host or std.
//! Ports reach it through [`port::Port`].
#![no_std]

extern crate alloc;

pub mod bytecode;
#[cfg(feature = "compiler")]
pub mod compile;
pub mod interrupt;
pub mod port;
