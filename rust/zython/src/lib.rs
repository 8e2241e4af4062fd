//! Zython core: lexer, parser, compiler, MicroPython v6 bytecode, VM, objects and GC.
//!
//! The crate is `#![no_std]` + `alloc`; it never names Zephyr, the host or std.
//! Ports reach it through [`port::Port`].
#![no_std]
// str range indexing pulls in core's slice-error panic and its Unicode tables (flash).
#![cfg_attr(not(test), deny(clippy::string_slice))]

extern crate alloc;

pub mod builtins;
pub mod bytecode;
#[cfg(feature = "compiler")]
pub mod compile;
pub mod gc;
pub mod hw;
pub mod interrupt;
#[cfg(all(test, feature = "compiler"))]
mod levels_tests;
pub mod modules;
pub mod obj;
pub mod port;
pub mod qstr;
pub mod repl;
pub mod statics;
pub mod types;
pub mod value;
pub mod vm;
