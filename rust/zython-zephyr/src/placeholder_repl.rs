//! TEMPORARY placeholder REPL: prints a banner and a `>>> ` prompt and echoes each line back.
//!
//! It exists only so that the Zephyr firmware boots into something testable before the core's
//! interactive REPL (`zython::repl`) lands; [`crate::ffi`] switches to the real entry point then.

use alloc::vec::Vec;
use zython::port::Port;

/// Why the placeholder loop returned.
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

/// Run the placeholder loop on `port` until soft reset or end of input.
pub fn run(port: &mut dyn Port, banner: &str) -> Exit {
    port.write(banner.as_bytes());
    port.write(b"\r\n");
    let mut line: Vec<u8> = Vec::with_capacity(MAX_LINE);
    let mut last_cr = false;
    port.write(b">>> ");
    loop {
        let Some(c) = port.read_byte() else {
            return Exit::Eof;
        };
        let after_cr = core::mem::replace(&mut last_cr, c == b'\r');
        match c {
            b'\n' if after_cr => {}
            b'\r' | b'\n' => {
                port.write(b"\r\n");
                if !line.is_empty() {
                    port.write(&line);
                    port.write(b"\r\n");
                }
                line.clear();
                zython::interrupt::clear();
                port.write(b">>> ");
            }
            CTRL_C => {
                line.clear();
                port.write(b"\r\n>>> ");
            }
            CTRL_D if line.is_empty() => {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;
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

    fn run_with(input: &[u8]) -> (Exit, std::string::String) {
        let mut m = Mock {
            input: input.iter().copied().collect(),
            output: Vec::new(),
        };
        let exit = run(&mut m, "banner");
        (exit, std::string::String::from_utf8(m.output).unwrap())
    }

    #[test]
    fn echoes_lines_with_prompt() {
        let (exit, out) = run_with(b"hello\r\n1+1\n");
        assert_eq!(exit, Exit::Eof);
        assert_eq!(
            out,
            "banner\r\n>>> hello\r\nhello\r\n>>> 1+1\r\n1+1\r\n>>> "
        );
    }

    #[test]
    fn backspace_ctrl_c_and_soft_reset() {
        let (exit, out) = run_with(b"ab\x7fc\r\x03x\x03\x04");
        assert_eq!(exit, Exit::SoftReset);
        assert_eq!(
            out,
            "banner\r\n>>> ab\x08 \x08c\r\nac\r\n>>> \r\n>>> x\r\n>>> \r\n"
        );
    }

    #[test]
    fn long_lines_are_truncated() {
        let mut input = std::vec![b'a'; MAX_LINE + 10];
        input.push(b'\r');
        let (_, out) = run_with(&input);
        let echoed = out.lines().nth(2).unwrap();
        assert_eq!(echoed.len(), MAX_LINE);
    }
}
