//! Zython's Zephyr port: a `#![no_std]` staticlib linked into Zephyr firmware with a thin C shim.
//!
//! Layout:
//! - [`ffi`] (feature `firmware`): the only module with `unsafe`: the C shim's functions, the
//!   functions the shim calls (`zython_*`), the global allocator, the critical section and the
//!   panic handler.
//! - [`interp`] (feature `firmware`): the VM behind the REPL and `py -c`.
//! - [`port`] (feature `firmware`): [`zython::port::Port`] over the shim (console, ticks, sleep).
//! - [`cooked`]: `\n` -> `\r\n` for program output on the console.
//!
//! Without the `firmware` feature the crate builds on the host with std linked, so that
//! `cargo build --workspace` and `cargo test --workspace` work; only the portable logic is compiled.
#![no_std]

extern crate alloc;

#[cfg(not(feature = "firmware"))]
extern crate std;

pub mod cooked;
#[cfg(feature = "firmware")]
pub mod ffi;
#[cfg(feature = "firmware")]
pub mod interp;
#[cfg(feature = "firmware")]
pub mod port;

/// Version string shown in the banner.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
