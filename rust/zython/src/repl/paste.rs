//! Paste mode (Ctrl-E at the friendly prompt): take text verbatim, no auto-indent, until Ctrl-D.

use alloc::string::String;
use alloc::vec::Vec;

use super::{push_bounded, write_text, CTRL_C, CTRL_D};
use crate::port::Port;

/// How paste mode ended.
#[derive(Debug, PartialEq, Eq)]
pub enum PasteEnd {
    /// Ctrl-D: run this text in file mode.
    Run(String),
    /// Ctrl-D, but the text did not fit in memory or exceeded the configured limit.
    TooLong,
    /// Ctrl-C: forget the text.
    Cancel,
    /// The input stream ended.
    Eof,
}

/// Run paste mode: print its header and `=== ` prompts, echo and collect bytes.
///
/// A CR, an LF or a CR LF pair each end one line; the collected text uses `\n` only.
pub fn paste_mode(port: &mut dyn Port, crlf: bool, max_len: usize) -> PasteEnd {
    write_text(
        port,
        crlf,
        "\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\n=== ",
    );
    let mut buf: Vec<u8> = Vec::new();
    let mut overflow = false;
    let mut after_cr = false;
    loop {
        let Some(c) = port.read_byte() else {
            return PasteEnd::Eof;
        };
        let was_cr = core::mem::replace(&mut after_cr, c == b'\r');
        match c {
            CTRL_C => {
                write_text(port, crlf, "\n");
                return PasteEnd::Cancel;
            }
            CTRL_D => {
                write_text(port, crlf, "\n");
                if overflow {
                    return PasteEnd::TooLong;
                }
                return PasteEnd::Run(String::from_utf8_lossy(&buf).into_owned());
            }
            b'\n' if was_cr => {}
            b'\r' | b'\n' => {
                overflow |= !push_bounded(&mut buf, b'\n', max_len);
                write_text(port, crlf, "\n=== ");
            }
            _ => {
                overflow |= !push_bounded(&mut buf, c, max_len);
                port.write(&[c]);
            }
        }
    }
}
