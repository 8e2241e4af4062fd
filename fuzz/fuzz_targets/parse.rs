//! Fuzzes the lexer and parser: any text, in every mode, must give a tree or an error, never
//! a panic or a stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zython::compile::{parse, Mode};

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = core::str::from_utf8(data) {
        for mode in [Mode::File, Mode::Eval, Mode::Single] {
            let _ = parse(src, mode);
        }
    }
});
