//! String literal prefixes and escape decoding for str and bytes literals.

use alloc::string::String;
use alloc::vec::Vec;

use crate::compile::error::{try_string, try_vec, CompileError, ErrorKind};

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
        return try_string(body, line);
    }
    let mut out = try_string("", line)?;
    out.try_reserve_exact(body.len())
        .map_err(|_| CompileError::no_memory(line))?;
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
                return Err(CompileError {
                    kind: ErrorKind::NotImplemented,
                    msg: "unicode name escapes".into(),
                    line,
                })
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
            .map(|i| body.get(..i).unwrap_or("").matches('\n').count() as u32)
            .unwrap_or(0);
        return Err(CompileError::syntax(
            "bytes can only contain ASCII literal characters",
            line.saturating_add(extra),
        ));
    }
    let mut out = try_vec(body.len(), line)?;
    if raw || !body.contains('\\') {
        out.extend_from_slice(body.as_bytes());
        return Ok(out);
    }
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

/// How scanning a string literal's body ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scan {
    /// Closed: the body ends at `.0` and the literal (closing quotes included) at `.1`.
    End(usize, usize),
    /// End of input; `true` if it came right after a backslash.
    Eof(bool),
    /// A newline inside a single-quoted string.
    Newline,
    /// Strings nested too deeply inside f-string fields.
    TooDeep,
}

/// Deepest nesting of strings inside f-string fields that [`scan_body`] follows.
const MAX_STRING_NESTING: u32 = 32;

/// The prefix letters (if any) right before the quote at `b[i]`.
pub(crate) fn prefix_before(b: &[u8], i: usize) -> Prefix {
    let mut start = i;
    while start > 0 && i - start < 2 && b.get(start - 1).is_some_and(|c| c.is_ascii_alphabetic()) {
        start -= 1;
    }
    // The prefix must not be the tail of a longer identifier.
    if start > 0
        && b.get(start - 1)
            .is_some_and(|&c| c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80)
    {
        return Prefix::default();
    }
    core::str::from_utf8(b.get(start..i).unwrap_or(&[]))
        .ok()
        .and_then(Prefix::parse)
        .unwrap_or_default()
}

/// Where an f-string scan is: in a field's expression (with its bracket depth) or format spec.
#[derive(Clone, Copy)]
enum Field {
    Expr(u32),
    Spec,
}

/// Scans the body of a string literal starting at `i` (just after the opening quotes) for its
/// end. In f-strings, strings inside fields may reuse the enclosing quote (Python 3.12 rules).
pub(crate) fn scan_body(
    b: &[u8],
    mut i: usize,
    quote: u8,
    triple: bool,
    fstr: bool,
    depth: u32,
) -> Scan {
    if depth > MAX_STRING_NESTING {
        return Scan::TooDeep;
    }
    let mut fields: Vec<Field> = Vec::new();
    loop {
        let Some(&c) = b.get(i) else {
            return Scan::Eof(false);
        };
        match fields.last_mut() {
            Some(Field::Expr(n)) => match c {
                b'\'' | b'"' => {
                    let p = prefix_before(b, i);
                    let t = b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c);
                    let start = i + if t { 3 } else { 1 };
                    match scan_body(b, start, c, t, p.format, depth + 1) {
                        Scan::End(_, end) => i = end,
                        other => return other,
                    }
                    continue;
                }
                b'(' | b'[' | b'{' => *n += 1,
                b')' | b']' => *n = n.saturating_sub(1),
                b'}' if *n == 0 => {
                    fields.pop();
                }
                b'}' => *n -= 1,
                b':' if *n == 0 => {
                    if let Some(top) = fields.last_mut() {
                        *top = Field::Spec;
                    }
                }
                b'\n' if !triple => return Scan::Newline,
                b'\\' => i += 1,
                _ => {}
            },
            _ => match c {
                b'\\' => {
                    if b.get(i + 1).is_none() {
                        return Scan::Eof(true);
                    }
                    if b.get(i + 1) == Some(&b'\n') {
                        if !triple && !fields.is_empty() {
                            return Scan::Newline;
                        }
                        if b.get(i + 2).is_none() {
                            return Scan::Eof(true);
                        }
                    }
                    i += 1;
                }
                b'\n' if !triple => return Scan::Newline,
                _ if c == quote => {
                    if !triple {
                        return Scan::End(i, i + 1);
                    }
                    if b.get(i + 1) == Some(&quote) && b.get(i + 2) == Some(&quote) {
                        return Scan::End(i, i + 3);
                    }
                }
                b'{' if fstr => {
                    if fields.is_empty() && b.get(i + 1) == Some(&b'{') {
                        i += 1;
                    } else {
                        fields.push(Field::Expr(0));
                    }
                }
                b'}' if fstr => {
                    if fields.is_empty() {
                        if b.get(i + 1) == Some(&b'}') {
                            i += 1;
                        }
                    } else {
                        fields.pop();
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
}
