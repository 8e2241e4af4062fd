//! Fuzzes the lexer, parser and compiler: no panic on any text, and every module the
//! compiler produces passes the .mpy validator and survives a save/load round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zython::bytecode::mpy::{load, save};
use zython::compile::{compile_source, Mode};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = core::str::from_utf8(data) else {
        return;
    };
    for mode in [Mode::File, Mode::Single, Mode::Eval] {
        if let Ok(m) = compile_source(src, "fuzz.py", mode, 0) {
            let bytes = save(&m, 31);
            match load(&bytes, 31) {
                Ok(back) => assert!(back == m || save(&back, 31) == bytes),
                Err(e) => panic!("compiler output rejected by the loader: {e}"),
            }
        }
    }
});
