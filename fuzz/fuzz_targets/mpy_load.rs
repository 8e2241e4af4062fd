//! Fuzzes the .mpy loader: it must never panic, and whatever it accepts must survive a
//! save/load round trip byte for byte.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zython::bytecode::mpy::{load, save};
use zython::bytecode::prelude::{decode, line_for_offset};

fuzz_target!(|data: &[u8]| {
    if let Ok(m) = load(data, 63) {
        let bytes = save(&m, 31);
        let again = load(&bytes, 63).expect("saved module must load");
        assert_eq!(save(&again, 31), bytes);
        let p = decode(&m.root.code).expect("validated code must decode");
        for off in [0, 1, 7, m.root.code.len()] {
            line_for_offset(&m.root.code, &p, off);
        }
    }
});
