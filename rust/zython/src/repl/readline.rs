//! Line editing for the friendly REPL: cursor keys, Home/End, Backspace/Delete, Emacs keys,
//! bounded history, auto-indent and tab completion, drawn with VT100 sequences.
//!
//! One call of [`read_line`] edits one line. `entry` holds the lines already entered for the
//! same statement (each ending in `\n`); the edited line is appended to it when the call ends.

use alloc::string::String;
use alloc::vec::Vec;

use super::complete::{self, Completion};
use super::{write_text, Engine, CTRL_A, CTRL_B, CTRL_C, CTRL_D, CTRL_E};
use crate::port::Port;

/// Bounded list of recently entered lines, newest first.
#[derive(Debug, Default)]
pub struct History {
    lines: Vec<String>,
    cap: usize,
}

impl History {
    /// An empty history keeping at most `cap` lines.
    pub fn new(cap: usize) -> Self {
        History {
            lines: Vec::new(),
            cap,
        }
    }

    /// Remember `line` unless it is blank (e.g. only auto-indent) or equal to the newest entry.
    pub fn push(&mut self, line: &str) {
        if self.cap == 0
            || line.trim_ascii().is_empty()
            || self.lines.first().is_some_and(|l| l == line)
        {
            return;
        }
        self.lines.insert(0, String::from(line));
        self.lines.truncate(self.cap);
    }

    /// The `i`-th most recent line (0 = newest).
    pub fn get(&self, i: usize) -> Option<&str> {
        self.lines.get(i).map(String::as_str)
    }

    /// Number of remembered lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True when nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Forget everything (soft reset).
    pub fn clear(&mut self) {
        self.lines.clear();
    }
}

/// Editor state that lives across lines: history, newline pairing, auto-indent switch.
#[derive(Debug)]
pub struct LineState {
    /// Lines entered so far.
    pub history: History,
    /// End echoed lines with CR LF instead of LF.
    pub crlf: bool,
    /// Longest entry (all lines, in chars) accepted; further typing is ignored.
    pub max_len: usize,
    /// The newline byte that ended the previous line (`\r\n` counts as one newline).
    last_nl: u8,
    /// Auto-indent is on for this entry (switched off by Tab/space right after an indent).
    auto_indent: bool,
}

impl LineState {
    /// Fresh state with a history of `history_len` lines.
    pub fn new(history_len: usize, crlf: bool, max_len: usize) -> Self {
        LineState {
            history: History::new(history_len),
            crlf,
            max_len,
            last_nl: 0,
            auto_indent: true,
        }
    }
}

/// What ended a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEnd {
    /// Return was pressed; the line was appended to the entry.
    Enter,
    /// A control key with a meaning for the caller: Ctrl-C always; Ctrl-D on an empty line;
    /// Ctrl-A, Ctrl-B and Ctrl-E on the empty first line of an entry.
    Control(u8),
    /// The input stream ended.
    Eof,
}

/// Escape-sequence parser state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Esc {
    None,
    Start,
    Bracket,
    BracketDigit(u8),
    O,
}

/// How to bring the terminal up to date after a key.
#[derive(Default)]
struct Redraw {
    back: usize,
    from_cursor: bool,
    forward: usize,
    /// Leave the characters past the shortened line on screen (they are spaces), as
    /// MicroPython does when a pasted indent replaces the auto-indent.
    no_erase: bool,
}

/// The line being edited.
struct Editor<'a> {
    engine: &'a mut dyn Engine,
    crlf: bool,
    prompt: &'a str,
    line: Vec<char>,
    cursor: usize,
    esc: Esc,
    just_indented: bool,
    hist_pos: Option<usize>,
    utf8: [u8; 4],
    utf8_len: usize,
}

/// Spaces that auto-indent puts at the start of a continuation line, given the entry so far.
pub fn auto_indent_width(entry: &str) -> usize {
    let Some(body) = entry.strip_suffix('\n') else {
        return 0;
    };
    let (before, last) = match body.rfind('\n') {
        Some(p) => (
            Some(body.get(..p).unwrap_or_default()),
            body.get(p + 1..).unwrap_or_default(),
        ),
        None => (None, body),
    };
    let lead = last.bytes().take_while(|&b| b == b' ').count();
    if lead == last.len() {
        if let Some(before) = before {
            let prev2 = before.rsplit('\n').next().unwrap_or("");
            if prev2.bytes().all(|b| b == b' ') {
                // Two blank lines in a row: the user wants out of the block.
                return 0;
            }
        }
    }
    let mut n = lead / 4;
    if last.ends_with(':') {
        n += 1;
    }
    n * 4
}

/// Move the terminal cursor `n` columns left.
fn move_back(port: &mut dyn Port, n: usize) {
    if n == 0 {
        return;
    }
    if n <= 4 {
        port.write(&b"\x08\x08\x08\x08"[..n]);
    } else {
        port.write(alloc::format!("\x1b[{n}D").as_bytes());
    }
}

/// Write chars to the port as UTF-8.
fn write_chars(port: &mut dyn Port, chars: &[char]) {
    let s: String = chars.iter().collect();
    port.write(s.as_bytes());
}

impl Editor<'_> {
    /// Insert `text` at the cursor (bounded by `room`), returning how many chars went in.
    fn insert(&mut self, text: &str, room: usize) -> usize {
        let mut n = 0;
        for c in text.chars().take(room) {
            self.line.insert(self.cursor + n, c);
            n += 1;
        }
        n
    }

    /// Length of the word before (`forward == false`) or after the cursor.
    fn word_len(&self, forward: bool) -> usize {
        let mut pos = self.cursor;
        let mut in_word = false;
        loop {
            let c = if forward {
                match self.line.get(pos) {
                    Some(&c) => c,
                    None => break,
                }
            } else {
                match pos.checked_sub(1).and_then(|p| self.line.get(p)) {
                    Some(&c) => c,
                    None => break,
                }
            };
            if c.is_ascii_alphanumeric() || !c.is_ascii() {
                in_word = true;
            } else if in_word {
                break;
            }
            if forward {
                pos += 1;
            } else {
                pos -= 1;
            }
        }
        pos.abs_diff(self.cursor)
    }

    /// Replace the whole line (history recall).
    fn set_line(&mut self, text: &str, r: &mut Redraw) {
        r.back = self.cursor;
        self.line = text.chars().collect();
        r.from_cursor = true;
        r.forward = self.line.len();
    }

    /// Apply a redraw, keeping `cursor` within the line whatever the request.
    fn redraw(&mut self, old_len: usize, r: Redraw) {
        let back = r.back.min(self.cursor);
        if back > 0 {
            move_back(self.engine.console(), back);
            self.cursor -= back;
        }
        let len = self.line.len();
        self.cursor = self.cursor.min(len);
        let forward = r.forward.min(len - self.cursor);
        if r.from_cursor {
            if len < old_len && !r.no_erase {
                self.engine.console().write(b"\x1b[K");
            }
            write_chars(self.engine.console(), &self.line[self.cursor..]);
            move_back(self.engine.console(), len - (self.cursor + forward));
            self.cursor += forward;
        } else if forward > 0 {
            write_chars(
                self.engine.console(),
                &self.line[self.cursor..self.cursor + forward],
            );
            self.cursor += forward;
        }
    }

    /// Collect one byte of a multi-byte UTF-8 character; returns it once complete.
    fn utf8_byte(&mut self, b: u8) -> Option<char> {
        let need = |lead: u8| match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        if b & 0xC0 == 0x80 {
            if self.utf8_len == 0 || self.utf8_len >= 4 {
                self.utf8_len = 0;
                return None;
            }
            self.utf8[self.utf8_len] = b;
            self.utf8_len += 1;
        } else {
            self.utf8_len = 0;
            if need(b) == 0 {
                return None;
            }
            self.utf8[0] = b;
            self.utf8_len = 1;
            return None;
        }
        if self.utf8_len == need(self.utf8[0]) {
            let n = self.utf8_len;
            self.utf8_len = 0;
            return core::str::from_utf8(&self.utf8[..n])
                .ok()
                .and_then(|s| s.chars().next());
        }
        None
    }
}

/// Edit one line after writing `prompt`; see [`LineEnd`] for what ends it.
///
/// Keys come from and echo goes to `engine`'s console; the engine also answers Tab completion.
pub fn read_line(
    engine: &mut dyn Engine,
    state: &mut LineState,
    entry: &mut String,
    prompt: &str,
) -> LineEnd {
    let first = entry.is_empty();
    if first {
        state.auto_indent = true;
    }
    engine.console().write(prompt.as_bytes());
    let mut ed = Editor {
        engine,
        crlf: state.crlf,
        prompt,
        line: Vec::new(),
        cursor: 0,
        esc: Esc::None,
        just_indented: false,
        hist_pos: None,
        utf8: [0; 4],
        utf8_len: 0,
    };
    let entry_chars = entry.chars().count();
    if state.auto_indent && !first {
        let n = auto_indent_width(entry).min(state.max_len.saturating_sub(entry_chars));
        if n > 0 {
            ed.line.resize(n, ' ');
            ed.cursor = n;
            ed.just_indented = true;
            write_chars(ed.engine.console(), &ed.line);
        }
    }

    let end = loop {
        // A wait ended by Ctrl-C (a signal on the host) is the key Ctrl-C.
        let c = match ed.engine.console().read_byte() {
            Some(c) => c,
            None if crate::interrupt::take() => CTRL_C,
            None => break LineEnd::Eof,
        };
        let room = state.max_len.saturating_sub(entry_chars + ed.line.len());
        let old_len = ed.line.len();
        let mut r = Redraw::default();
        let is_nl = c == b'\r' || c == b'\n';
        let pairs_previous = is_nl && state.last_nl != 0 && state.last_nl != c;
        if !is_nl || pairs_previous {
            state.last_nl = 0;
        }
        match ed.esc {
            Esc::None => match c {
                CTRL_A..=CTRL_E if ed.line.is_empty() && (first || c == CTRL_C || c == CTRL_D) => {
                    break LineEnd::Control(c);
                }
                CTRL_C => break LineEnd::Control(c),
                CTRL_A => r.back = ed.cursor,
                CTRL_B => r.back = usize::from(ed.cursor > 0),
                CTRL_D if ed.cursor < ed.line.len() => {
                    ed.line.remove(ed.cursor);
                    r.from_cursor = true;
                }
                CTRL_E => r.forward = ed.line.len() - ed.cursor,
                0x06 => r.forward = usize::from(ed.cursor < ed.line.len()),
                0x0B => {
                    ed.line.truncate(ed.cursor);
                    r.from_cursor = true;
                }
                0x0E => history_down(&mut ed, state, &mut r),
                0x10 => history_up(&mut ed, state, &mut r),
                0x15 => {
                    ed.line.drain(..ed.cursor);
                    r.back = ed.cursor;
                    r.from_cursor = true;
                }
                0x17 => kill_word_back(&mut ed, &mut r),
                b'\r' | b'\n' if !pairs_previous => {
                    state.last_nl = c;
                    break LineEnd::Enter;
                }
                0x1B => ed.esc = Esc::Start,
                0x08 | 0x7F if ed.cursor > 0 => {
                    let spaces = ed.line[..ed.cursor].iter().all(|&ch| ch == ' ');
                    let n = if spaces && ed.cursor >= 4 { 4 } else { 1 };
                    ed.line.drain(ed.cursor - n..ed.cursor);
                    r.back = n;
                    r.from_cursor = true;
                }
                b'\t' | b' ' if ed.just_indented => {
                    // Tab or space straight after an auto-indent: the user is pasting
                    // indented text, so stop indenting; a space gives back 3 of the 4 columns
                    // it would otherwise double.
                    state.auto_indent = false;
                    if c == b' ' && ed.line.len() >= 3 && ed.cursor == ed.line.len() {
                        ed.line.truncate(ed.line.len() - 3);
                        r.back = 3;
                        r.from_cursor = true;
                        r.no_erase = true;
                    }
                }
                b'\t' => {
                    let after_space = match ed.cursor.checked_sub(1) {
                        Some(p) => ed.line.get(p).is_some_and(|ch| ch.is_ascii_whitespace()),
                        None => !first,
                    };
                    if after_space {
                        r.forward = ed.insert("    ", room);
                        r.from_cursor = true;
                    } else {
                        tab_complete(&mut ed, room, &mut r);
                    }
                }
                0x20..=0x7E if room > 0 => {
                    ed.line.insert(ed.cursor, char::from(c));
                    r.from_cursor = true;
                    r.forward = 1;
                }
                0x80..=0xFF => {
                    if let Some(ch) = ed.utf8_byte(c) {
                        if room > 0 {
                            ed.line.insert(ed.cursor, ch);
                            r.from_cursor = true;
                            r.forward = 1;
                        }
                    }
                }
                _ => {}
            },
            Esc::Start => {
                ed.esc = match c {
                    b'[' => Esc::Bracket,
                    b'O' => Esc::O,
                    _ => {
                        match c {
                            b'b' => r.back = ed.word_len(false),
                            b'f' => r.forward = ed.word_len(true),
                            b'd' => {
                                let n = ed.word_len(true);
                                ed.line.drain(ed.cursor..ed.cursor + n);
                                r.from_cursor = true;
                            }
                            0x7F => kill_word_back(&mut ed, &mut r),
                            _ => {}
                        }
                        Esc::None
                    }
                }
            }
            Esc::Bracket => {
                ed.esc = Esc::None;
                match c {
                    b'0'..=b'9' => ed.esc = Esc::BracketDigit(c),
                    b'A' => history_up(&mut ed, state, &mut r),
                    b'B' => history_down(&mut ed, state, &mut r),
                    b'C' => r.forward = usize::from(ed.cursor < ed.line.len()),
                    b'D' => r.back = usize::from(ed.cursor > 0),
                    b'H' => r.back = ed.cursor,
                    b'F' => r.forward = ed.line.len() - ed.cursor,
                    _ => {}
                }
            }
            Esc::BracketDigit(d) => {
                ed.esc = Esc::None;
                match (d, c) {
                    (b'1' | b'7', b'~') => r.back = ed.cursor,
                    (b'4' | b'8', b'~') => r.forward = ed.line.len() - ed.cursor,
                    (b'3', b'~') if ed.cursor < ed.line.len() => {
                        ed.line.remove(ed.cursor);
                        r.from_cursor = true;
                    }
                    // `ESC [ 1 ; 5 C`: Ctrl-arrows; parameters after `1;` are parsed afresh.
                    (b'1', b';') => ed.esc = Esc::Bracket,
                    (b'5', b'C') => r.forward = ed.word_len(true),
                    (b'5', b'D') => r.back = ed.word_len(false),
                    _ => {}
                }
            }
            Esc::O => {
                ed.esc = Esc::None;
                match c {
                    b'H' => r.back = ed.cursor,
                    b'F' => r.forward = ed.line.len() - ed.cursor,
                    _ => {}
                }
            }
        }
        // Only the key straight after an auto-indent can switch auto-indent off.
        ed.just_indented = false;
        ed.redraw(old_len, r);
    };

    if end == LineEnd::Enter {
        write_text(ed.engine.console(), ed.crlf, "\n");
        let text: String = ed.line.iter().collect();
        state.history.push(&text);
        entry.push_str(&text);
    } else {
        entry.extend(ed.line.iter());
    }
    end
}

/// Ctrl-W / Esc-Backspace: delete the word before the cursor.
fn kill_word_back(ed: &mut Editor<'_>, r: &mut Redraw) {
    let n = ed.word_len(false);
    ed.line.drain(ed.cursor - n..ed.cursor);
    r.back = n;
    r.from_cursor = true;
}

/// Up arrow / Ctrl-P: the next older history line.
fn history_up(ed: &mut Editor<'_>, state: &LineState, r: &mut Redraw) {
    let next = ed.hist_pos.map_or(0, |p| p + 1);
    if let Some(text) = state.history.get(next) {
        ed.hist_pos = Some(next);
        ed.set_line(text, r);
    }
}

/// Down arrow / Ctrl-N: the next newer history line, then an empty line.
fn history_down(ed: &mut Editor<'_>, state: &LineState, r: &mut Redraw) {
    if let Some(p) = ed.hist_pos {
        ed.hist_pos = p.checked_sub(1);
        let text = ed.hist_pos.and_then(|i| state.history.get(i)).unwrap_or("");
        ed.set_line(text, r);
    }
}

/// Tab with a name before the cursor: insert the completion or list the candidates.
fn tab_complete(ed: &mut Editor<'_>, room: usize, r: &mut Redraw) {
    let before: String = ed.line[..ed.cursor].iter().collect();
    match complete::complete(ed.engine, &before) {
        Completion::Nothing => {}
        Completion::Insert(text) => {
            r.forward = ed.insert(&text, room);
            r.from_cursor = true;
        }
        Completion::List(names) => {
            write_text(ed.engine.console(), ed.crlf, &complete::format_list(&names));
            ed.engine.console().write(ed.prompt.as_bytes());
            write_chars(ed.engine.console(), &ed.line[..ed.cursor]);
            r.from_cursor = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_is_bounded_and_skips_repeats() {
        let mut h = History::new(3);
        for l in ["a", "b", "b", "", "    ", "c", "d"] {
            h.push(l);
        }
        assert_eq!(h.len(), 3);
        assert_eq!(h.get(0), Some("d"));
        assert_eq!(h.get(2), Some("b"));
        assert_eq!(h.get(3), None);
        h.clear();
        assert!(h.is_empty());
        let mut none = History::new(0);
        none.push("x");
        assert!(none.is_empty());
    }

    #[test]
    fn auto_indent_rules() {
        assert_eq!(auto_indent_width(""), 0);
        assert_eq!(auto_indent_width("x = 1"), 0);
        assert_eq!(auto_indent_width("if x:\n"), 4);
        assert_eq!(auto_indent_width("if x:\n    y = 1\n"), 4);
        assert_eq!(auto_indent_width("if x:\n    if y:\n"), 8);
        // One blank (auto-indented) line keeps the level; a second one drops it.
        assert_eq!(auto_indent_width("if x:\n    y\n    \n"), 4);
        assert_eq!(auto_indent_width("if x:\n    y\n    \n    \n"), 0);
        assert_eq!(auto_indent_width("if x:\n    y\n\n"), 0);
        assert_eq!(auto_indent_width("x = (1,\n"), 0);
    }
}
