//! Zython's Zephyr port: a `#![no_std]` staticlib linked into Zephyr firmware with a thin C shim.
//!
//! Layout:
//! - [`ffi`] (feature `firmware`): the only module with `unsafe`: the C shim's functions, the
//!   functions the shim calls (`zython_*`), the global allocator, the critical section and the
//!   panic handler.
//! - [`interp`] (feature `firmware`): the VM behind the REPL and `py -c`.
//! - [`port`] (feature `firmware`): [`zython::port::Port`] over the shim (console, ticks, sleep).
//! - [`line_repl`]: a TEMPORARY line REPL (runs each entry on the VM) until `zython::repl` exists.
//!
//! Without the `firmware` feature the crate builds on the host with std linked, so that
//! `cargo build --workspace` and `cargo test --workspace` work; only the portable logic is compiled.
#![no_std]

extern crate alloc;

#[cfg(not(feature = "firmware"))]
extern crate std;

#[cfg(feature = "firmware")]
pub mod ffi;
#[cfg(feature = "firmware")]
pub mod interp;
pub mod line_repl;
#[cfg(feature = "firmware")]
pub mod port;

/// Version string shown in the banner.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
