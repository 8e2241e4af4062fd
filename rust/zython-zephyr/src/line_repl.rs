//! TEMPORARY line REPL: banner, `>>> `/`... ` prompts, simple line editing, each complete entry
//! run by an [`Engine`] (the VM in firmware, a mock in tests).
//!
//! It stands in for the core's interactive REPL (`zython::repl`: raw REPL, paste mode, auto
//! indent) until that lands; [`crate::ffi`] switches to the real entry point then.

use alloc::string::String;
use alloc::vec::Vec;
use zython::port::Port;

/// Runs complete REPL entries and owns the port the REPL talks through.
pub trait Engine {
    /// The console.
    fn port(&mut self) -> &mut dyn Port;
    /// Run one complete entry (one or more lines, ending with a newline).
    fn exec(&mut self, source: &str);
}

/// Why the REPL loop returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Ctrl-D on an empty line: the caller prints `soft reboot` and starts again.
    SoftReset,
    /// The console input ended.
    Eof,
}

const CTRL_C: u8 = 0x03;
const CTRL_D: u8 = 0x04;
const BACKSPACE: u8 = 0x08;
const DELETE: u8 = 0x7f;

/// Longest line kept; further bytes are dropped (the real REPL has no such limit).
pub const MAX_LINE: usize = 256;

/// Whether `entry` (all lines typed so far, newline-terminated) needs more lines: a compound
/// statement header (`:` at the end) opens a block that an empty line closes.
pub fn needs_more(entry: &str, last_line: &str) -> bool {
    let last = last_line.trim_end();
    if last.ends_with(':') {
        return true;
    }
    entry.lines().count() > 1 && !last.is_empty()
}

/// Run the REPL on `engine`'s port until soft reset or end of input.
pub fn run(engine: &mut dyn Engine, banner: &str) -> Exit {
    {
        let port = engine.port();
        port.write(banner.as_bytes());
        port.write(b"\r\n>>> ");
    }
    let mut line: Vec<u8> = Vec::with_capacity(MAX_LINE);
    let mut entry = String::new();
    let mut last_cr = false;
    loop {
        let Some(c) = engine.port().read_byte() else {
            return Exit::Eof;
        };
        let after_cr = core::mem::replace(&mut last_cr, c == b'\r');
        let port = engine.port();
        match c {
            b'\n' if after_cr => {}
            b'\r' | b'\n' => {
                port.write(b"\r\n");
                let text = String::from_utf8_lossy(&line).into_owned();
                line.clear();
                entry.push_str(&text);
                entry.push('\n');
                if needs_more(&entry, &text) {
                    port.write(b"... ");
                    continue;
                }
                if !entry.trim().is_empty() {
                    zython::interrupt::clear();
                    engine.exec(&entry);
                }
                entry.clear();
                engine.port().write(b">>> ");
            }
            CTRL_C => {
                line.clear();
                entry.clear();
                port.write(b"\r\n>>> ");
            }
            CTRL_D if line.is_empty() && entry.is_empty() => {
                port.write(b"\r\n");
                return Exit::SoftReset;
            }
            BACKSPACE | DELETE if !line.is_empty() => {
                line.pop();
                port.write(b"\x08 \x08");
            }
            0x20..=0x7e | 0x80..=0xff if line.len() < MAX_LINE => {
                line.push(c);
                port.write(&[c]);
            }
            _ => {}
        }
    }
}

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
    use std::collections::VecDeque;
    use std::string::ToString;
    use std::vec::Vec;

    struct Mock {
        input: VecDeque<u8>,
        output: Vec<u8>,
    }

    impl Port for Mock {
        fn write(&mut self, bytes: &[u8]) {
            self.output.extend_from_slice(bytes);
        }
        fn read_byte(&mut self) -> Option<u8> {
            self.input.pop_front()
        }
        fn ticks_ms(&mut self) -> u64 {
            0
        }
        fn ticks_us(&mut self) -> u64 {
            0
        }
        fn sleep_ms(&mut self, _ms: u32) {}
    }

    /// Answers each entry with `ran <entry>`.
    struct Echo {
        port: Mock,
        entries: Vec<std::string::String>,
    }

    impl Engine for Echo {
        fn port(&mut self) -> &mut dyn Port {
            &mut self.port
        }
        fn exec(&mut self, source: &str) {
            self.entries.push(source.to_string());
            self.port.write(b"ran\r\n");
        }
    }

    fn run_with(input: &[u8]) -> (Exit, std::string::String, Vec<std::string::String>) {
        let mut e = Echo {
            port: Mock {
                input: input.iter().copied().collect(),
                output: Vec::new(),
            },
            entries: Vec::new(),
        };
        let exit = run(&mut e, "banner");
        (
            exit,
            std::string::String::from_utf8(e.port.output).unwrap(),
            e.entries,
        )
    }

    #[test]
    fn runs_each_line() {
        let (exit, out, entries) = run_with(b"1+1\r\nx = 2\n\r");
        assert_eq!(exit, Exit::Eof);
        assert_eq!(
            out,
            "banner\r\n>>> 1+1\r\nran\r\n>>> x = 2\r\nran\r\n>>> \r\n>>> "
        );
        assert_eq!(entries, ["1+1\n", "x = 2\n"]);
    }

    #[test]
    fn blocks_continue_until_an_empty_line() {
        let (_, out, entries) = run_with(b"for i in x:\r  f(i)\r\r");
        assert_eq!(entries, ["for i in x:\n  f(i)\n\n"]);
        assert!(out.contains("... "));
    }

    #[test]
    fn backspace_ctrl_c_and_soft_reset() {
        let (exit, out, entries) = run_with(b"ab\x7fc\r\x03x\x03\x04");
        assert_eq!(exit, Exit::SoftReset);
        assert_eq!(entries, ["ac\n"]);
        assert_eq!(
            out,
            "banner\r\n>>> ab\x08 \x08c\r\nran\r\n>>> \r\n>>> x\r\n>>> \r\n"
        );
    }

    #[test]
    fn long_lines_are_truncated() {
        let mut input = std::vec![b'a'; MAX_LINE + 10];
        input.push(b'\r');
        let (_, _, entries) = run_with(&input);
        assert_eq!(entries[0].len(), MAX_LINE + 1);
    }

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
