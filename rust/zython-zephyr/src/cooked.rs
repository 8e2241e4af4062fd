//! Console output for a terminal while code runs (MicroPython's "cooked" stdout).

/// Console output for a terminal: a `\n` not preceded by `\r` goes out as `\r\n` (MicroPython's
/// "cooked" stdout). `last_cr` carries the state across calls; `emit` receives the output.
pub fn cook(bytes: &[u8], last_cr: &mut bool, emit: &mut dyn FnMut(&[u8])) {
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let prev_cr = if i == 0 {
            *last_cr
        } else {
            bytes[i - 1] == b'\r'
        };
        if b == b'\n' && !prev_cr {
            emit(&bytes[start..i]);
            emit(b"\r\n");
            start = i + 1;
        }
    }
    emit(&bytes[start..]);
    if let Some(&b) = bytes.last() {
        *last_cr = b == b'\r';
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    #[test]
    fn cooking_adds_cr_once() {
        let mut out = Vec::new();
        let mut last_cr = false;
        for chunk in [&b"a\nb\r\n"[..], b"\r", b"\nc\n", b""] {
            cook(chunk, &mut last_cr, &mut |b| out.extend_from_slice(b));
        }
        assert_eq!(out, b"a\r\nb\r\n\r\nc\r\n");
    }
}
