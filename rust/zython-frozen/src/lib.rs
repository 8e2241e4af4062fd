//! The frozen-module table of this build, for a port to put in `zython::vm::Config::frozen`.
//!
//! `build.rs` compiles every `.py` file under the folder named by the `ZYTHON_FROZEN_DIR`
//! environment variable (sub-folders are packages; ready-made `.mpy` files are taken as they
//! are, after checking) into .mpy images placed in the binary as constant data. A relative
//! folder is taken from the repository root. Without the variable (or with it empty) the table
//! is empty. The images are borrowed by the VM, never copied to the heap.
#![no_std]

include!(concat!(env!("OUT_DIR"), "/frozen.rs"));
