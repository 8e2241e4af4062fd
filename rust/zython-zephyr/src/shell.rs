//! The `py` Zephyr shell command's Rust side (portable logic; the C shim registers the command).

/// Result code of [`exec_source`]: the code ran to the end.
pub const EXEC_OK: i32 = 0;
/// Result code of [`exec_source`]: the interpreter cannot run source code yet (placeholder).
pub const EXEC_UNSUPPORTED: i32 = -134; // -ENOTSUP

/// Run Python source for `py -c "code"`, sending output to `out`.
///
/// PLACEHOLDER: the core has no VM entry point yet, so this only reports what it would run.
pub fn exec_source(code: &[u8], out: &mut dyn FnMut(&[u8])) -> i32 {
    out(b"py: the interpreter cannot run code yet (placeholder); got ");
    let mut digits = [0u8; 20];
    out(format_usize(code.len(), &mut digits));
    out(b" bytes of source\n");
    EXEC_UNSUPPORTED
}

/// Format `n` in decimal into `buf`, returning the digits.
pub fn format_usize(mut n: usize, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[i..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    #[test]
    fn formats_numbers() {
        let mut b = [0u8; 20];
        assert_eq!(format_usize(0, &mut b), b"0");
        assert_eq!(format_usize(65536, &mut b), b"65536");
        assert_eq!(
            format_usize(usize::MAX, &mut b).len(),
            std::format!("{}", usize::MAX).len()
        );
    }

    #[test]
    fn exec_placeholder_reports_unsupported() {
        let mut out = Vec::new();
        let rc = exec_source(b"print(1)", &mut |b| out.extend_from_slice(b));
        assert_eq!(rc, EXEC_UNSUPPORTED);
        assert!(std::string::String::from_utf8(out)
            .unwrap()
            .contains("8 bytes"));
    }
}
