//! String literal prefixes and escape decoding for str and bytes literals.

use alloc::string::String;
use alloc::vec::Vec;

use crate::compile::error::CompileError;

/// The letters in front of a string literal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Prefix {
    /// `r`: backslashes are literal.
    pub raw: bool,
    /// `b`: a bytes literal.
    pub bytes: bool,
    /// `f`: a formatted string.
    pub format: bool,
}

impl Prefix {
    /// Parses a prefix such as `rb` or `F` (any case); None if `word` is not one.
    pub fn parse(word: &str) -> Option<Prefix> {
        if word.len() > 2 {
            return None;
        }
        let mut p = Prefix::default();
        let mut unicode = false;
        for c in word.chars() {
            let seen = match c.to_ascii_lowercase() {
                'r' => core::mem::replace(&mut p.raw, true),
                'b' => core::mem::replace(&mut p.bytes, true),
                'f' => core::mem::replace(&mut p.format, true),
                'u' => core::mem::replace(&mut unicode, true),
                _ => return None,
            };
            if seen {
                return None;
            }
        }
        let valid = match (unicode, p.bytes, p.format) {
            (true, _, _) => word.len() == 1,
            (false, true, true) => false,
            _ => true,
        };
        valid.then_some(p)
    }
}

/// Reads exactly `n` hex digits from `chars`.
fn hex_digits(chars: &mut core::iter::Peekable<core::str::Chars<'_>>, n: usize) -> Option<u32> {
    let mut v: u32 = 0;
    for _ in 0..n {
        let d = chars.peek()?.to_digit(16)?;
        chars.next();
        v = v * 16 + d;
    }
    Some(v)
}

/// Reads up to two more octal digits after `first`.
fn octal_value(chars: &mut core::iter::Peekable<core::str::Chars<'_>>, first: u32) -> u32 {
    let mut v = first;
    for _ in 0..2 {
        match chars.peek().and_then(|c| c.to_digit(8)) {
            Some(d) => {
                v = v * 8 + d;
                chars.next();
            }
            None => break,
        }
    }
    v
}

/// The character for a simple one-letter escape (`\n`, `\t`, ...).
fn simple_escape(c: char) -> Option<char> {
    Some(match c {
        '\\' => '\\',
        '\'' => '\'',
        '"' => '"',
        'a' => '\x07',
        'b' => '\x08',
        'f' => '\x0c',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\x0b',
        _ => return None,
    })
}

/// Decodes the body of a str literal that starts on `line`.
pub(crate) fn decode_str(body: &str, raw: bool, line: u32) -> Result<String, CompileError> {
    if raw || !body.contains('\\') {
        return Ok(body.into());
    }
    let mut out = String::with_capacity(body.len());
    let mut line = line;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line = line.saturating_add(1);
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        if let Some(s) = simple_escape(e) {
            out.push(s);
            continue;
        }
        let code = match e {
            '\n' => {
                line = line.saturating_add(1);
                continue;
            }
            '0'..='7' => octal_value(&mut chars, e as u32 - '0' as u32),
            'x' => hex_digits(&mut chars, 2)
                .ok_or_else(|| CompileError::syntax("invalid \\x escape", line))?,
            'u' => hex_digits(&mut chars, 4)
                .ok_or_else(|| CompileError::syntax("invalid \\u escape", line))?,
            'U' => hex_digits(&mut chars, 8)
                .ok_or_else(|| CompileError::syntax("invalid \\U escape", line))?,
            'N' => {
                return Err(CompileError::syntax(
                    "unicode name escapes (\\N{...}) are not supported",
                    line,
                ))
            }
            other => {
                out.push('\\');
                out.push(other);
                continue;
            }
        };
        match char::from_u32(code) {
            Some(ch) => out.push(ch),
            None => return Err(CompileError::syntax("invalid character escape", line)),
        }
    }
    Ok(out)
}

/// Decodes the body of a bytes literal that starts on `line`.
pub(crate) fn decode_bytes(body: &str, raw: bool, line: u32) -> Result<Vec<u8>, CompileError> {
    if !body.is_ascii() {
        let extra = body
            .find(|c: char| !c.is_ascii())
            .map(|i| body[..i].matches('\n').count() as u32)
            .unwrap_or(0);
        return Err(CompileError::syntax(
            "bytes can only contain ASCII literal characters",
            line.saturating_add(extra),
        ));
    }
    if raw || !body.contains('\\') {
        return Ok(body.as_bytes().to_vec());
    }
    let mut out = Vec::with_capacity(body.len());
    let mut line = line;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line = line.saturating_add(1);
        }
        if c != '\\' {
            out.push(c as u8);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push(b'\\');
            break;
        };
        if let Some(s) = simple_escape(e) {
            out.push(s as u8);
            continue;
        }
        match e {
            '\n' => line = line.saturating_add(1),
            '0'..='7' => out.push(octal_value(&mut chars, e as u32 - '0' as u32) as u8),
            'x' => {
                let v = hex_digits(&mut chars, 2)
                    .ok_or_else(|| CompileError::syntax("invalid \\x escape", line))?;
                out.push(v as u8);
            }
            other => {
                out.push(b'\\');
                out.push(other as u8);
            }
        }
    }
    Ok(out)
}
