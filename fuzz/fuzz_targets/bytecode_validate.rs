//! Fuzzes prelude decoding, line lookup and the bytecode validator on raw code bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zython::bytecode::prelude::{decode, line_for_offset, validate};

fuzz_target!(|data: &[u8]| {
    // The first three bytes choose the table sizes; the rest is the raw code.
    let Some((sizes, code)) = data.split_first_chunk::<3>() else {
        return;
    };
    let [q, c, k] = sizes.map(usize::from);
    if let Ok(p) = decode(code) {
        for off in 0..code.len().min(64) {
            line_for_offset(code, &p, off);
        }
        let _ = p.cells(code);
    }
    let _ = validate(code, q, c, k);
});
