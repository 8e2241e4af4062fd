//! Zython's Zephyr port: a `#![no_std]` staticlib linked into Zephyr firmware with a thin C shim.
//!
//! Layout:
//! - [`ffi`] (feature `firmware`): the only module with `unsafe`: the C shim's functions, the
//!   functions the shim calls (`zython_*`), the global allocator, the critical section and the
//!   panic handler.
//! - [`interp`] (feature `firmware`): the VM behind the REPL and `py -c`.
//! - [`port`] (feature `firmware`): [`zython::port::Port`] over the shim (console, ticks, sleep).
//! - [`machine`] (features `firmware` + `machine`): [`zython::hw::Hardware`] over the shim's
//!   devicetree tables and Zephyr's drivers (c/zython_machine.c).
//! - [`zmod`] (features `firmware` + `zephyr-module`): Python's `zephyr` module (devices,
//!   Sensor, shell_exec, stacks) over c/zython_zmod.c.
//! - `ztest` (feature `test-helpers`, test suites only): the `zephyr_test` module.
//! - [`cooked`]: `\n` -> `\r\n` for program output on the console.
//! - [`fs`] (features `firmware` + `fs`): files over Zephyr's fs API, the current directory,
//!   boot.py/main.py. Path resolution lives in [`path`] (portable, tested on the host).
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
#[cfg(all(feature = "firmware", feature = "fs"))]
pub mod fs;
#[cfg(feature = "firmware")]
pub mod interp;
#[cfg(all(feature = "firmware", feature = "machine"))]
pub mod machine;
pub mod path;
#[cfg(feature = "firmware")]
pub mod port;
#[cfg(all(feature = "firmware", feature = "zephyr-module"))]
pub mod zmod;
#[cfg(all(feature = "firmware", feature = "test-helpers"))]
pub mod ztest;

/// Version string shown in the banner.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
