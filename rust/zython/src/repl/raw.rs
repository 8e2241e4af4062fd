//! Raw REPL (Ctrl-A) and raw-paste mode: the machine protocol that mpremote and pyboard.py use.
//!
//! Raw REPL: `raw REPL; CTRL-B to exit` + newline, then `>`; code bytes are taken verbatim
//! until Ctrl-D; the device answers `OK`, runs the code in file mode, and sends the output, `\x04`,
//! the traceback if any, `\x04`, and a new `>`. Ctrl-D with nothing entered answers `OK` + newline
//! and asks for a soft reset; Ctrl-B goes back to the friendly REPL; Ctrl-C clears the buffer.
//!
//! Raw-paste: the bytes `\x05 A \x01` at the `>` prompt ask for flow-controlled upload. The device
//! answers `R\x01`, the window size (u16 little-endian) and `\x01`; after each window of bytes
//! consumed it sends `\x01` again. The host ends with `\x04`, the device acknowledges with `\x04`
//! and then runs the code as above (no `OK`). Ctrl-C during the upload aborts it with
//! KeyboardInterrupt; unknown sub-commands get `R\x00`.

use alloc::string::String;
use alloc::vec::Vec;

use super::{push_bounded, write_text, Engine, ExecMode, ExecOutcome, ReplConfig};
use super::{CTRL_A, CTRL_B, CTRL_C, CTRL_D, CTRL_E};

/// The line that announces the raw REPL (followed by a newline and `>`).
pub const RAW_HEADER: &str = "raw REPL; CTRL-B to exit\n";

/// Why the raw REPL stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum RawEnd {
    /// Ctrl-B: back to the friendly REPL.
    Friendly,
    /// Ctrl-D on an empty buffer.
    SoftReset,
    /// The code raised SystemExit.
    SystemExit(i32),
    /// The input stream ended.
    Eof,
}

/// Text reported between the two `\x04` markers when input overflowed.
const TOO_LONG: &str = "MemoryError: input too long\n";

/// Run the raw REPL until it ends; `announce` prints the header first.
pub fn raw_repl(engine: &mut dyn Engine, cfg: &ReplConfig, announce: bool) -> RawEnd {
    if announce {
        write_text(engine.console(), cfg.crlf, RAW_HEADER);
    }
    engine.console().write(b">");
    let mut buf: Vec<u8> = Vec::new();
    let mut overflow = false;
    loop {
        let Some(c) = engine.console().read_byte() else {
            return RawEnd::Eof;
        };
        match c {
            CTRL_A => {
                if let [CTRL_E, cmd] = buf[..] {
                    if let Some(end) = raw_paste(engine, cfg, cmd) {
                        return end;
                    }
                } else {
                    write_text(engine.console(), cfg.crlf, RAW_HEADER);
                }
                buf.clear();
                overflow = false;
                engine.console().write(b">");
            }
            CTRL_B => {
                write_text(engine.console(), cfg.crlf, "\n");
                return RawEnd::Friendly;
            }
            CTRL_C => {
                buf.clear();
                overflow = false;
            }
            CTRL_D => {
                engine.console().write(b"OK");
                if buf.is_empty() && !overflow {
                    write_text(engine.console(), cfg.crlf, "\n");
                    return RawEnd::SoftReset;
                }
                let source = if overflow {
                    None
                } else {
                    Some(String::from_utf8_lossy(&buf).into_owned())
                };
                buf = Vec::new();
                overflow = false;
                if let Some(end) = run_reported(engine, cfg.crlf, source.as_deref()) {
                    return end;
                }
                engine.console().write(b">");
            }
            _ => overflow |= !push_bounded(&mut buf, c, cfg.max_input),
        }
    }
}

/// Run `source` in file mode and frame the result with the two `\x04` markers.
/// `None` as source reports an input overflow instead. Returns an end on SystemExit.
fn run_reported(engine: &mut dyn Engine, crlf: bool, source: Option<&str>) -> Option<RawEnd> {
    let outcome = match source {
        Some(src) => super::execute(engine, src, ExecMode::File),
        None => ExecOutcome::Exception(String::from(TOO_LONG)),
    };
    engine.console().write(b"\x04");
    if let ExecOutcome::Exception(text) = &outcome {
        write_text(engine.console(), crlf, text);
    }
    engine.console().write(b"\x04");
    if let ExecOutcome::SystemExit(code) = outcome {
        return Some(RawEnd::SystemExit(code));
    }
    None
}

/// Serve one raw-paste request whose sub-command byte is `cmd`.
/// Returns an end when the REPL must stop (input ended or SystemExit).
fn raw_paste(engine: &mut dyn Engine, cfg: &ReplConfig, cmd: u8) -> Option<RawEnd> {
    if cmd != b'A' {
        engine.console().write(b"R\x00");
        return None;
    }
    let window = cfg.raw_paste_window.max(1);
    let [lo, hi] = window.to_le_bytes();
    engine.console().write(&[b'R', 0x01, lo, hi, 0x01]);
    let mut buf: Vec<u8> = Vec::new();
    let mut remain = window;
    loop {
        let c = engine.console().read_byte()?;
        match c {
            CTRL_D => break,
            CTRL_C => {
                engine.console().write(b"\x04\x04");
                write_text(engine.console(), cfg.crlf, "KeyboardInterrupt: \n");
                engine.console().write(b"\x04");
                return None;
            }
            _ => {}
        }
        if !push_bounded(&mut buf, c, cfg.max_input) {
            // Abrupt end: tell the host, wait for its Ctrl-D (or Ctrl-C), then report.
            drop(buf);
            engine.console().write(b"\x04");
            loop {
                match engine.console().read_byte() {
                    None => return Some(RawEnd::Eof),
                    Some(CTRL_C | CTRL_D) => break,
                    Some(_) => {}
                }
            }
            return run_reported(engine, cfg.crlf, None);
        }
        remain -= 1;
        if remain == 0 {
            engine.console().write(b"\x01");
            remain = window;
        }
    }
    engine.console().write(b"\x04");
    let source = String::from_utf8_lossy(&buf).into_owned();
    drop(buf);
    run_reported(engine, cfg.crlf, Some(&source))
}
