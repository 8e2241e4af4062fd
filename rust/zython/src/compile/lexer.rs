//! Python source text to tokens: names, literals, operators, NEWLINE/INDENT/DEDENT.
//!
//! Tokens are produced on demand (the parser keeps two of lookahead), so memory does not grow
//! with the number of tokens; the work is linear in the input. Errors that mean "the
//! user has not finished typing" (open bracket, unterminated triple-quoted string, trailing
//! backslash) are reported with [`ErrorKind::Incomplete`] so that the REPL can ask for more.

mod number;
pub(crate) mod string;

use alloc::borrow::Cow;
use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::error::{CompileError, ErrorKind};
use super::token::{Kw, Tok, Token};

/// Columns a tab advances to (the next multiple of this), as MicroPython does.
const TAB_SIZE: u32 = 8;

/// Tokenizes a whole module: the result always ends with NEWLINE (if the last line had tokens),
/// the DEDENTs closing open blocks, and ENDMARKER.
pub fn tokenize(source: &str) -> Result<Vec<Token>, CompileError> {
    let mut lx = Lexer::module(source);
    let mut out = Vec::new();
    loop {
        let t = lx.next_token()?;
        let end = t.tok == Tok::EndMarker;
        out.push(t);
        if end {
            return Ok(out);
        }
    }
}

/// Turns `\r\n` and lone `\r` into `\n` (copying only when needed); `None` when the copy
/// cannot be allocated.
fn normalize_newlines(source: &str) -> Option<Cow<'_, str>> {
    if !source.contains('\r') {
        return Some(Cow::Borrowed(source));
    }
    let mut out = String::new();
    out.try_reserve_exact(source.len()).ok()?;
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Some(Cow::Owned(out))
}

/// True for characters that may start an identifier: like MicroPython, every non-ASCII
/// character counts as a letter.
fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic() || !c.is_ascii()
}

/// True for characters that may continue an identifier.
fn is_ident_continue(c: char) -> bool {
    c.is_ascii_digit() || is_ident_start(c)
}

/// Tokenizer state over one source text; tokens are produced on demand.
pub(crate) struct Lexer<'a> {
    src: Cow<'a, str>,
    pos: usize,
    line: u32,
    /// Indentation columns of the open blocks; always starts with 0.
    indents: Vec<u32>,
    /// Open brackets: the opening byte and its line.
    brackets: Vec<(u8, u32)>,
    /// Tokens produced but not yet handed out.
    tokens: VecDeque<Token>,
    at_line_start: bool,
    line_has_tokens: bool,
    /// Embedded (f-string) mode: newlines never end a logical line.
    embedded: bool,
    /// The end of input has been reached and ENDMARKER produced.
    done: bool,
    /// The source could not be prepared for lack of memory: the first token is that error.
    no_memory: bool,
}

impl<'a> Lexer<'a> {
    /// A lexer over a module's source (newlines normalized, INDENT/DEDENT produced).
    pub(crate) fn module(source: &'a str) -> Self {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        match normalize_newlines(source) {
            Some(src) => Self::new(src, 1, false),
            None => {
                let mut lx = Self::new(Cow::Borrowed(""), 1, false);
                lx.no_memory = true;
                lx
            }
        }
    }

    /// A lexer over an expression embedded in an f-string, starting at `line`: newlines are
    /// insignificant (as inside brackets) and no NEWLINE/INDENT/DEDENT tokens are produced.
    pub(crate) fn embedded(source: &'a str, line: u32) -> Self {
        Self::new(Cow::Borrowed(source), line, true)
    }

    fn new(src: Cow<'a, str>, line: u32, embedded: bool) -> Self {
        Lexer {
            src,
            pos: 0,
            line,
            indents: vec![0],
            brackets: Vec::new(),
            tokens: VecDeque::new(),
            at_line_start: !embedded,
            line_has_tokens: false,
            embedded,
            done: false,
            no_memory: false,
        }
    }

    /// The next token; ENDMARKER again and again once the input is exhausted.
    pub(crate) fn next_token(&mut self) -> Result<Token, CompileError> {
        if self.no_memory {
            return Err(CompileError::no_memory(1));
        }
        loop {
            if let Some(t) = self.tokens.pop_front() {
                return Ok(t);
            }
            if self.done {
                let line = self.line;
                return Ok(Token {
                    tok: Tok::EndMarker,
                    line,
                });
            }
            self.step()?;
        }
    }

    /// True for a lexer over an f-string field.
    pub(crate) fn is_embedded(&self) -> bool {
        self.embedded
    }

    fn bytes(&self) -> &[u8] {
        self.src.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    fn peek_at(&self, off: usize) -> Option<u8> {
        self.bytes().get(self.pos + off).copied()
    }

    fn peek_char(&self) -> Option<char> {
        self.src.get(self.pos..).and_then(|s| s.chars().next())
    }

    fn err(&self, msg: &str) -> CompileError {
        CompileError::syntax(msg, self.line)
    }

    fn incomplete(&self, msg: &str) -> CompileError {
        CompileError {
            kind: ErrorKind::Incomplete,
            msg: msg.into(),
            line: self.line,
        }
    }

    fn push(&mut self, tok: Tok, line: u32) {
        self.tokens.push_back(Token { tok, line });
        self.line_has_tokens = true;
    }

    fn newline(&mut self) {
        self.line = self.line.saturating_add(1);
    }

    fn logical_lines(&self) -> bool {
        !self.embedded && self.brackets.is_empty()
    }

    /// Advances over one piece of input (producing zero or more tokens).
    fn step(&mut self) -> Result<(), CompileError> {
        {
            if self.at_line_start {
                if !self.indentation()? {
                    return Ok(());
                }
                self.at_line_start = false;
            }
            while let Some(b' ' | b'\t' | b'\x0c') = self.peek() {
                self.pos += 1;
            }
            let Some(b) = self.peek() else {
                return self.finish();
            };
            match b {
                b'#' => self.skip_comment(),
                b'\n' => {
                    self.pos += 1;
                    if self.logical_lines() {
                        if self.line_has_tokens {
                            let line = self.line;
                            self.tokens.push_back(Token {
                                tok: Tok::Newline,
                                line,
                            });
                        }
                        self.line_has_tokens = false;
                        self.at_line_start = true;
                    }
                    self.newline();
                }
                b'\\' => match self.peek_at(1) {
                    Some(b'\n') => {
                        self.pos += 2;
                        self.newline();
                        // As in MicroPython, a continuation on an empty last line ends the input.
                        if self.peek().is_none() && self.line_has_tokens {
                            return Err(self.incomplete("unexpected end of input after '\\'"));
                        }
                    }
                    None if !self.line_has_tokens => self.pos += 1,
                    None => return Err(self.incomplete("unexpected end of input after '\\'")),
                    Some(_) => {
                        return Err(
                            self.err("unexpected character after line continuation character")
                        )
                    }
                },
                b'0'..=b'9' => self.number()?,
                b'.' if matches!(self.peek_at(1), Some(b'0'..=b'9')) => self.number()?,
                b'\'' | b'"' => {
                    let line = self.line;
                    let tok = self.string(string::Prefix::default())?;
                    self.push(tok, line);
                }
                _ if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 => self.word()?,
                _ => self.operator(b)?,
            }
        }
        Ok(())
    }

    /// At the end of input: the last NEWLINE, the closing DEDENTs and ENDMARKER.
    fn finish(&mut self) -> Result<(), CompileError> {
        self.done = true;
        if let Some(&(_, _)) = self.brackets.last() {
            if !self.embedded {
                return Err(self.incomplete("unexpected end of input inside brackets"));
            }
            return Err(self.err("unmatched bracket"));
        }
        let line = self.line;
        if self.line_has_tokens && !self.embedded {
            self.tokens.push_back(Token {
                tok: Tok::Newline,
                line,
            });
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.tokens.push_back(Token {
                tok: Tok::Dedent,
                line,
            });
        }
        self.tokens.push_back(Token {
            tok: Tok::EndMarker,
            line,
        });
        Ok(())
    }

    fn skip_comment(&mut self) {
        while let Some(b) = self.peek() {
            if b == b'\n' {
                break;
            }
            self.pos += 1;
        }
    }

    /// Measures the indentation of a new line. Returns false for blank and comment-only lines
    /// (consumed whole, or up to the end of input), true once INDENT/DEDENT have been emitted.
    fn indentation(&mut self) -> Result<bool, CompileError> {
        let mut col: u32 = 0;
        loop {
            match self.peek() {
                Some(b' ') => col = col.saturating_add(1),
                Some(b'\t') => col = (col / TAB_SIZE).saturating_add(1).saturating_mul(TAB_SIZE),
                Some(b'\x0c') => col = 0,
                _ => break,
            }
            self.pos += 1;
        }
        match self.peek() {
            None => {
                self.at_line_start = false;
                return Ok(false);
            }
            Some(b'\n') => {
                self.pos += 1;
                self.newline();
                return Ok(false);
            }
            Some(b'#') => {
                self.skip_comment();
                return Ok(false);
            }
            _ => {}
        }
        let cur = self.indents.last().copied().unwrap_or(0);
        if col > cur {
            self.indents.push(col);
            let line = self.line;
            self.tokens.push_back(Token {
                tok: Tok::Indent,
                line,
            });
        } else if col < cur {
            while self.indents.last().is_some_and(|&top| col < top) {
                self.indents.pop();
                let line = self.line;
                self.tokens.push_back(Token {
                    tok: Tok::Dedent,
                    line,
                });
            }
            if self.indents.last().copied() != Some(col) {
                return Err(CompileError {
                    kind: ErrorKind::Indentation,
                    msg: "unindent doesn't match any outer indent level".into(),
                    line: self.line,
                });
            }
        }
        Ok(true)
    }

    /// An identifier, keyword, or the prefix of a string literal.
    fn word(&mut self) -> Result<(), CompileError> {
        let start = self.pos;
        let line = self.line;
        match self.peek_char() {
            Some(c) if is_ident_start(c) => self.pos += c.len_utf8(),
            Some(_) => return Err(self.err("invalid character")),
            None => return Ok(()),
        }
        while let Some(c) = self.peek_char() {
            if !is_ident_continue(c) {
                break;
            }
            self.pos += c.len_utf8();
        }
        let word = self.src.get(start..self.pos).unwrap_or("");
        if matches!(self.peek(), Some(b'\'' | b'"')) {
            if let Some(prefix) = string::Prefix::parse(word) {
                let tok = self.string(prefix)?;
                self.push(tok, line);
                return Ok(());
            }
        }
        if word.len() > crate::qstr::MAX_NAME_LEN {
            return Err(CompileError::runtime("name too long", line));
        }
        let tok = match Kw::from_word(word) {
            Some(kw) => Tok::Kw(kw),
            None => Tok::Name(word.into()),
        };
        self.push(tok, line);
        Ok(())
    }

    fn number(&mut self) -> Result<(), CompileError> {
        let line = self.line;
        let rest = self.src.get(self.pos..).unwrap_or("");
        let (tok, len) = number::lex_number(rest).map_err(|msg| self.err(msg))?;
        // As in MicroPython, a letter right after a number is part of it (`1and` is invalid).
        if rest
            .as_bytes()
            .get(len)
            .is_some_and(u8::is_ascii_alphabetic)
        {
            return Err(self.err("invalid syntax for number"));
        }
        self.pos += len;
        self.push(tok, line);
        Ok(())
    }

    /// A string literal starting at the opening quote.
    fn string(&mut self, prefix: string::Prefix) -> Result<Tok, CompileError> {
        let start_line = self.line;
        let quote = self.peek().unwrap_or(b'"');
        let triple = self.peek_at(1) == Some(quote) && self.peek_at(2) == Some(quote);
        self.pos += if triple { 3 } else { 1 };
        let body_start = self.pos;
        let scan = string::scan_body(self.bytes(), body_start, quote, triple, prefix.format, 0);
        let stop = match scan {
            string::Scan::End(_, end) => end,
            _ => self.bytes().len(),
        };
        let newlines = self
            .bytes()
            .get(body_start..stop)
            .unwrap_or(&[])
            .iter()
            .filter(|&&c| c == b'\n')
            .count() as u32;
        let body_end = match scan {
            string::Scan::End(body_end, end) => {
                self.pos = end;
                self.line = self.line.saturating_add(newlines);
                body_end
            }
            string::Scan::Eof(after_backslash) => {
                self.line = self.line.saturating_add(newlines);
                return Err(if triple {
                    self.incomplete("unterminated triple-quoted string")
                } else if after_backslash {
                    self.incomplete("unexpected end of input after '\\'")
                } else {
                    self.err("unterminated string")
                });
            }
            string::Scan::Newline => return Err(self.err("unterminated string")),
            string::Scan::TooDeep => {
                return Err(CompileError {
                    kind: ErrorKind::Recursion,
                    msg: "f-strings nested too deeply".into(),
                    line: start_line,
                })
            }
        };
        let Some(body) = self.src.get(body_start..body_end) else {
            return Err(CompileError::syntax("invalid string literal", start_line));
        };
        if prefix.format {
            return Ok(Tok::FStr {
                body: body.into(),
                raw: prefix.raw,
            });
        }
        if prefix.bytes {
            string::decode_bytes(body, prefix.raw, start_line).map(Tok::Bytes)
        } else {
            string::decode_str(body, prefix.raw, start_line).map(Tok::Str)
        }
    }

    fn open(&mut self, b: u8, tok: Tok) {
        let line = self.line;
        self.brackets.push((b, line));
        self.push(tok, line);
    }

    fn close(&mut self, b: u8, tok: Tok) -> Result<(), CompileError> {
        let want = match b {
            b')' => b'(',
            b']' => b'[',
            _ => b'{',
        };
        match self.brackets.pop() {
            Some((open, _)) if open == want => {
                let line = self.line;
                self.push(tok, line);
                Ok(())
            }
            _ => Err(self.err("invalid syntax")),
        }
    }

    fn operator(&mut self, b: u8) -> Result<(), CompileError> {
        let line = self.line;
        let b1 = self.peek_at(1);
        let b2 = self.peek_at(2);
        let (tok, len) = match (b, b1, b2) {
            (b'(', _, _) => {
                self.pos += 1;
                self.open(b, Tok::LPar);
                return Ok(());
            }
            (b'[', _, _) => {
                self.pos += 1;
                self.open(b, Tok::LSqb);
                return Ok(());
            }
            (b'{', _, _) => {
                self.pos += 1;
                self.open(b, Tok::LBrace);
                return Ok(());
            }
            (b')', _, _) => {
                self.pos += 1;
                return self.close(b, Tok::RPar);
            }
            (b']', _, _) => {
                self.pos += 1;
                return self.close(b, Tok::RSqb);
            }
            (b'}', _, _) => {
                self.pos += 1;
                return self.close(b, Tok::RBrace);
            }
            (b'.', Some(b'.'), Some(b'.')) => (Tok::Ellipsis, 3),
            (b'.', _, _) => (Tok::Dot, 1),
            (b'*', Some(b'*'), Some(b'=')) => (Tok::DoubleStarEqual, 3),
            (b'*', Some(b'*'), _) => (Tok::DoubleStar, 2),
            (b'*', Some(b'='), _) => (Tok::StarEqual, 2),
            (b'*', _, _) => (Tok::Star, 1),
            (b'/', Some(b'/'), Some(b'=')) => (Tok::DoubleSlashEqual, 3),
            (b'/', Some(b'/'), _) => (Tok::DoubleSlash, 2),
            (b'/', Some(b'='), _) => (Tok::SlashEqual, 2),
            (b'/', _, _) => (Tok::Slash, 1),
            (b'<', Some(b'<'), Some(b'=')) => (Tok::LShiftEqual, 3),
            (b'<', Some(b'<'), _) => (Tok::LShift, 2),
            (b'<', Some(b'='), _) => (Tok::LessEqual, 2),
            (b'<', _, _) => (Tok::Less, 1),
            (b'>', Some(b'>'), Some(b'=')) => (Tok::RShiftEqual, 3),
            (b'>', Some(b'>'), _) => (Tok::RShift, 2),
            (b'>', Some(b'='), _) => (Tok::GreaterEqual, 2),
            (b'>', _, _) => (Tok::Greater, 1),
            (b'-', Some(b'>'), _) => (Tok::Arrow, 2),
            (b'-', Some(b'='), _) => (Tok::MinusEqual, 2),
            (b'-', _, _) => (Tok::Minus, 1),
            (b'+', Some(b'='), _) => (Tok::PlusEqual, 2),
            (b'+', _, _) => (Tok::Plus, 1),
            (b'%', Some(b'='), _) => (Tok::PercentEqual, 2),
            (b'%', _, _) => (Tok::Percent, 1),
            (b'|', Some(b'='), _) => (Tok::VBarEqual, 2),
            (b'|', _, _) => (Tok::VBar, 1),
            (b'&', Some(b'='), _) => (Tok::AmperEqual, 2),
            (b'&', _, _) => (Tok::Amper, 1),
            (b'^', Some(b'='), _) => (Tok::CaretEqual, 2),
            (b'^', _, _) => (Tok::Caret, 1),
            (b'@', Some(b'='), _) => (Tok::AtEqual, 2),
            (b'@', _, _) => (Tok::At, 1),
            (b'=', Some(b'='), _) => (Tok::EqEqual, 2),
            (b'=', _, _) => (Tok::Equal, 1),
            (b'!', Some(b'='), _) => (Tok::NotEqual, 2),
            (b':', Some(b'='), _) => (Tok::ColonEqual, 2),
            (b':', _, _) => (Tok::Colon, 1),
            (b',', _, _) => (Tok::Comma, 1),
            (b';', _, _) => (Tok::Semi, 1),
            (b'~', _, _) => (Tok::Tilde, 1),
            _ => return Err(self.err("invalid character")),
        };
        self.pos += len;
        self.push(tok, line);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
