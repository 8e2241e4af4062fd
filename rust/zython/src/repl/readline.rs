//! A small line editor for the friendly REPL, speaking VT100 to the terminal.
//!
//! Cursor movement (arrows, Home/End, Ctrl-A/E with text), Backspace/Delete, history (up/down,
//! the last [`HISTORY`] entries), auto-indent after a line ending in `:`, and tab completion
//! through a callback. Control keys that mean something to the REPL itself (Ctrl-A/B/D/E on
//! an empty line, Ctrl-C anywhere) end the edit and are reported to the caller.

use alloc::string::String;
use alloc::vec::Vec;

/// Entries kept in the history.
pub const HISTORY: usize = 8;

/// How an edit ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Enter was pressed: the text (without the prompt).
    Line(String),
    /// A REPL control key: 0x01 (raw REPL), 0x02 (banner), 0x03 (cancel), 0x04 (EOF/reset), 0x05 (paste).
    Control(u8),
}

/// Byte I/O for the editor (a thin view of the port).
pub trait Term {
    /// Next input byte, or None at end of input.
    fn read(&mut self) -> Option<u8>;
    /// Write raw bytes to the terminal.
    fn write(&mut self, b: &[u8]);
}

/// The editor with its history.
#[derive(Default)]
pub struct Editor {
    history: Vec<String>,
    /// A '\r' was just seen: swallow an immediately following '\n' (CR LF from terminals).
    after_cr: bool,
}

impl Editor {
    /// A new editor with empty history.
    pub fn new() -> Editor {
        Editor::default()
    }

    fn remember(&mut self, line: &str) {
        if line.trim().is_empty() || self.history.first().is_some_and(|h| h == line) {
            return;
        }
        self.history.insert(0, String::from(line));
        self.history.truncate(HISTORY);
    }

    /// Edit one line after writing `prompt`, starting with `initial` (auto-indent) as text.
    /// `complete` returns candidate completions for the word before the cursor.
    pub fn read_line(
        &mut self,
        term: &mut dyn Term,
        prompt: &str,
        initial: &str,
        complete: &mut dyn FnMut(&str) -> Vec<String>,
    ) -> Edit {
        term.write(prompt.as_bytes());
        term.write(initial.as_bytes());
        let mut buf: Vec<char> = initial.chars().collect();
        let mut cur = buf.len();
        // While true, the line holds only the untouched auto-indent.
        let mut auto_indent = !initial.is_empty();
        let mut hist_pos: Option<usize> = None;
        let mut saved = String::new();
        loop {
            let c = match term.read() {
                Some(c) => c,
                None => return Edit::Control(0x04),
            };
            if self.after_cr {
                self.after_cr = false;
                if c == b'\n' {
                    continue;
                }
            }
            match c {
                b'\r' | b'\n' => {
                    self.after_cr = c == b'\r';
                    term.write(b"\r\n");
                    if auto_indent {
                        buf.clear();
                    }
                    let line: String = buf.iter().collect();
                    self.remember(&line);
                    return Edit::Line(line);
                }
                0x01 if buf.is_empty() => return Edit::Control(0x01),
                0x02 if buf.is_empty() => return Edit::Control(0x02),
                0x03 => return Edit::Control(0x03),
                0x04 if buf.is_empty() => return Edit::Control(0x04),
                0x05 if buf.is_empty() => return Edit::Control(0x05),
                0x01 => {
                    // Ctrl-A: start of line.
                    move_left(term, cur);
                    cur = 0;
                }
                0x05 => {
                    // Ctrl-E: end of line.
                    move_right(term, &buf[cur..]);
                    cur = buf.len();
                }
                0x04 if cur < buf.len() => {
                    // Ctrl-D with text: delete under the cursor.
                    buf.remove(cur);
                    redraw_tail(term, &buf[cur..], 1);
                }
                0x08 | 0x7f => {
                    auto_indent = false;
                    if cur > 0 {
                        // Backspace over a whole indent step when only spaces precede the cursor.
                        let n = if buf[..cur].iter().all(|&ch| ch == ' ') && cur.is_multiple_of(4) {
                            4
                        } else {
                            1
                        };
                        for _ in 0..n {
                            cur -= 1;
                            buf.remove(cur);
                        }
                        move_left(term, n);
                        redraw_tail(term, &buf[cur..], n);
                    }
                }
                b'\t' => {
                    let before: String = buf[..cur].iter().collect();
                    let word_start = before
                        .char_indices()
                        .rev()
                        .find(|&(_, ch)| !(ch.is_alphanumeric() || ch == '_' || ch == '.'))
                        .map(|(i, ch)| i + ch.len_utf8())
                        .unwrap_or(0);
                    let word = &before[word_start..];
                    if word.is_empty() || word.chars().all(|ch| ch == ' ') {
                        // Tab on an empty word indents.
                        for _ in 0..4 {
                            buf.insert(cur, ' ');
                            cur += 1;
                        }
                        term.write(b"    ");
                        redraw_tail(term, &buf[cur..], 0);
                        continue;
                    }
                    let cands = complete(word);
                    let tail_len = word.rsplit('.').next().map(|t| t.len()).unwrap_or(0);
                    let common = common_prefix(&cands);
                    if common.len() > tail_len {
                        let add: Vec<char> = common[tail_len..].chars().collect();
                        for &ch in &add {
                            buf.insert(cur, ch);
                            cur += 1;
                        }
                        let s: String = add.iter().collect();
                        term.write(s.as_bytes());
                        redraw_tail(term, &buf[cur..], 0);
                    } else if cands.len() > 1 {
                        // Show the candidates, then the prompt and line again.
                        term.write(b"\r\n");
                        let mut col = 0;
                        for cand in &cands {
                            let w = cand.len().div_ceil(16) * 16;
                            if col > 0 && col + w > 80 {
                                term.write(b"\r\n");
                                col = 0;
                            }
                            term.write(cand.as_bytes());
                            for _ in cand.len()..w {
                                term.write(b" ");
                            }
                            col += w;
                        }
                        term.write(b"\r\n");
                        term.write(prompt.as_bytes());
                        let line: String = buf.iter().collect();
                        term.write(line.as_bytes());
                        move_left(term, buf.len() - cur);
                    }
                    auto_indent = false;
                }
                0x1b => {
                    let c1 = term.read().unwrap_or(0);
                    if c1 != b'[' && c1 != b'O' {
                        continue;
                    }
                    let mut c2 = term.read().unwrap_or(0);
                    let mut num = 0u32;
                    while c2.is_ascii_digit() {
                        num = num * 10 + (c2 - b'0') as u32;
                        c2 = term.read().unwrap_or(0);
                    }
                    match (c2, num) {
                        (b'A', _) | (b'B', _) => {
                            // History: up = older, down = newer.
                            let next = if c2 == b'A' {
                                match hist_pos {
                                    None if !self.history.is_empty() => Some(0),
                                    Some(p) if p + 1 < self.history.len() => Some(p + 1),
                                    p => p,
                                }
                            } else {
                                match hist_pos {
                                    Some(0) => None,
                                    Some(p) => Some(p - 1),
                                    None => None,
                                }
                            };
                            if next == hist_pos {
                                continue;
                            }
                            if hist_pos.is_none() {
                                saved = buf.iter().collect();
                            }
                            hist_pos = next;
                            let text = match next {
                                Some(p) => self.history[p].clone(),
                                None => saved.clone(),
                            };
                            move_left(term, cur);
                            let old = buf.len();
                            buf = text.chars().collect();
                            cur = buf.len();
                            term.write(text.as_bytes());
                            if old > buf.len() {
                                erase(term, old - buf.len());
                            }
                            auto_indent = false;
                        }
                        (b'C', _) if cur < buf.len() => {
                            move_right(term, &buf[cur..cur + 1]);
                            cur += 1;
                        }
                        (b'D', _) if cur > 0 => {
                            move_left(term, 1);
                            cur -= 1;
                        }
                        (b'H', _) | (b'~', 1) | (b'~', 7) => {
                            move_left(term, cur);
                            cur = 0;
                        }
                        (b'F', _) | (b'~', 4) | (b'~', 8) => {
                            move_right(term, &buf[cur..]);
                            cur = buf.len();
                        }
                        (b'~', 3) if cur < buf.len() => {
                            buf.remove(cur);
                            redraw_tail(term, &buf[cur..], 1);
                        }
                        _ => {}
                    }
                }
                c if c >= 0x20 => {
                    auto_indent = false;
                    // Collect a whole UTF-8 sequence.
                    let mut bytes = alloc::vec![c];
                    let need = if c >= 0xf0 {
                        3
                    } else if c >= 0xe0 {
                        2
                    } else if c >= 0xc0 {
                        1
                    } else {
                        0
                    };
                    for _ in 0..need {
                        bytes.push(term.read().unwrap_or(b'?'));
                    }
                    let s = String::from_utf8_lossy(&bytes);
                    for ch in s.chars() {
                        buf.insert(cur, ch);
                        cur += 1;
                    }
                    term.write(s.as_bytes());
                    redraw_tail(term, &buf[cur..], 0);
                }
                _ => {}
            }
        }
    }
}

fn move_left(term: &mut dyn Term, n: usize) {
    for _ in 0..n {
        term.write(b"\x08");
    }
}

fn move_right(term: &mut dyn Term, chars: &[char]) {
    let s: String = chars.iter().collect();
    term.write(s.as_bytes());
}

fn erase(term: &mut dyn Term, n: usize) {
    for _ in 0..n {
        term.write(b" ");
    }
    move_left(term, n);
}

/// Rewrite the text after the cursor, blank `removed` stale cells, and put the cursor back.
fn redraw_tail(term: &mut dyn Term, tail: &[char], removed: usize) {
    if tail.is_empty() && removed == 0 {
        return;
    }
    move_right(term, tail);
    erase(term, removed);
    move_left(term, tail.len());
}

fn common_prefix(cands: &[String]) -> String {
    let mut it = cands.iter();
    let first = match it.next() {
        Some(f) => f.clone(),
        None => return String::new(),
    };
    let mut n = first.len();
    for c in it {
        n = n.min(
            first
                .bytes()
                .zip(c.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    while !first.is_char_boundary(n) {
        n -= 1;
    }
    String::from(&first[..n])
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::collections::VecDeque;

    struct Fake {
        input: VecDeque<u8>,
        output: Vec<u8>,
    }

    impl Term for Fake {
        fn read(&mut self) -> Option<u8> {
            self.input.pop_front()
        }
        fn write(&mut self, b: &[u8]) {
            self.output.extend_from_slice(b);
        }
    }

    fn fake(s: &[u8]) -> Fake {
        Fake {
            input: s.iter().copied().collect(),
            output: Vec::new(),
        }
    }

    fn none(_: &str) -> Vec<String> {
        Vec::new()
    }

    #[test]
    fn edits_and_history() {
        let mut ed = Editor::new();
        let mut t = fake(b"print(1)\rab\x1b[Dx\x7f\x7fc\r\x1b[A\x1b[A\r");
        assert_eq!(
            ed.read_line(&mut t, ">>> ", "", &mut none),
            Edit::Line("print(1)".into())
        );
        assert_eq!(
            ed.read_line(&mut t, ">>> ", "", &mut none),
            Edit::Line("cb".into())
        );
        assert_eq!(
            ed.read_line(&mut t, ">>> ", "", &mut none),
            Edit::Line("print(1)".into())
        );
        assert!(t.output.starts_with(b">>> print(1)\r\n"));
    }

    #[test]
    fn controls_and_auto_indent() {
        let mut ed = Editor::new();
        let mut t = fake(b"\x01\x03\x05x\x05\rabc\x04\r\r");
        assert_eq!(
            ed.read_line(&mut t, ">>> ", "", &mut none),
            Edit::Control(1)
        );
        assert_eq!(
            ed.read_line(&mut t, ">>> ", "", &mut none),
            Edit::Control(3)
        );
        assert_eq!(
            ed.read_line(&mut t, ">>> ", "", &mut none),
            Edit::Control(5)
        );
        assert_eq!(
            ed.read_line(&mut t, ">>> ", "", &mut none),
            Edit::Line("x".into())
        );
        assert_eq!(
            ed.read_line(&mut t, "... ", "    ", &mut none),
            Edit::Line("    abc".into())
        );
        // Enter on an untouched auto-indent gives an empty line (ends the block).
        assert_eq!(
            ed.read_line(&mut t, "... ", "    ", &mut none),
            Edit::Line("".into())
        );
        assert_eq!(
            ed.read_line(&mut t, ">>> ", "", &mut none),
            Edit::Control(4)
        );
    }

    #[test]
    fn completion() {
        let mut ed = Editor::new();
        let mut t = fake(b"pri\t\r");
        let mut comp = |w: &str| -> Vec<String> {
            ["print", "property"]
                .iter()
                .filter(|c| c.starts_with(w))
                .map(|c| String::from(*c))
                .collect()
        };
        assert_eq!(
            ed.read_line(&mut t, ">>> ", "", &mut comp),
            Edit::Line("print".into())
        );
        let mut t = fake(b"pr\t\r");
        assert_eq!(
            ed.read_line(&mut t, ">>> ", "", &mut comp),
            Edit::Line("pr".into())
        );
        assert!(String::from_utf8_lossy(&t.output).contains("print"));
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut seed: u32 = 12345;
        for _ in 0..200 {
            let mut input = Vec::new();
            for _ in 0..64 {
                seed = seed.wrapping_mul(1103515245).wrapping_add(12345);
                input.push((seed >> 16) as u8);
            }
            let mut t = fake(&input);
            let mut ed = Editor::new();
            while !t.input.is_empty() {
                let _ = ed.read_line(&mut t, ">>> ", "", &mut none);
            }
        }
    }
}
