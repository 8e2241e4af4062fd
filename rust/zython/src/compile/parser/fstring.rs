//! f-strings: splitting the body into literal text and `{expr!conv:spec}` fields.
//!
//! The lexer hands over the body as written; here literal runs are unescaped (`{{`, `}}` and
//! backslash escapes) and each field's expression text is tokenized and parsed on its own,
//! sharing this parser's nesting depth so that nested f-strings stay bounded.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use super::expr::push_literal;
use super::Parser;
use crate::compile::ast::{Expr, FStringPart};
use crate::compile::error::{CompileError, ErrorKind};
use crate::compile::lexer::string::{decode_str, prefix_before, scan_body, Scan};
use crate::compile::lexer::Lexer;

impl Parser<'_> {
    /// Parses the body of an f-string token that starts on `line`.
    pub(super) fn fstring(
        &mut self,
        body: &str,
        raw: bool,
        line: u32,
    ) -> Result<Vec<FStringPart>, CompileError> {
        self.enter()?;
        let mut line = line;
        let r = self.fstring_parts(body, 0, raw, &mut line, false);
        self.leave();
        r.map(|(parts, _)| parts)
    }

    /// Literal text and fields from `body[start..]`. In a format spec (`in_spec`) it stops at
    /// the `}` closing the field and returns that position.
    fn fstring_parts(
        &mut self,
        body: &str,
        start: usize,
        raw: bool,
        line: &mut u32,
        in_spec: bool,
    ) -> Result<(Vec<FStringPart>, usize), CompileError> {
        let b = body.as_bytes();
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut lit_line = *line;
        let mut i = start;
        loop {
            let Some(&c) = b.get(i) else {
                if in_spec {
                    return Err(self.error_at("f-string: expecting '}'", *line));
                }
                break;
            };
            match c {
                b'{' => {
                    if !in_spec && b.get(i + 1) == Some(&b'{') {
                        lit.push('{');
                        i += 2;
                        continue;
                    }
                    flush(&mut parts, &mut lit, raw, lit_line)?;
                    let (field, next) = self.fstring_field(body, i + 1, raw, line)?;
                    parts.push(field);
                    lit_line = *line;
                    i = next;
                }
                b'}' => {
                    if in_spec {
                        flush(&mut parts, &mut lit, raw, lit_line)?;
                        return Ok((parts, i));
                    }
                    if b.get(i + 1) == Some(&b'}') {
                        lit.push('}');
                        i += 2;
                        continue;
                    }
                    return Err(self.error_at("f-string: single '}' is not allowed", *line));
                }
                _ => {
                    let Some(ch) = body.get(i..).and_then(|s| s.chars().next()) else {
                        return Err(self.error_at("malformed f-string", *line));
                    };
                    lit.push(ch);
                    i += ch.len_utf8();
                    if ch == '\n' {
                        *line = line.saturating_add(1);
                    }
                    if ch == '\\' && !raw {
                        // Keep the escaped character with its backslash (unless it is a brace,
                        // which still opens or closes a field).
                        if let Some(next) = body.get(i..).and_then(|s| s.chars().next()) {
                            if next != '{' && next != '}' {
                                lit.push(next);
                                i += next.len_utf8();
                                if next == '\n' {
                                    *line = line.saturating_add(1);
                                }
                            }
                        }
                    }
                }
            }
        }
        flush(&mut parts, &mut lit, raw, lit_line)?;
        Ok((parts, i))
    }

    /// One `{...}` field whose expression starts at `start`; returns it and the index after `}`.
    fn fstring_field(
        &mut self,
        body: &str,
        start: usize,
        raw: bool,
        line: &mut u32,
    ) -> Result<(FStringPart, usize), CompileError> {
        self.enter()?;
        let r = self.fstring_field_inner(body, start, raw, line);
        self.leave();
        r
    }

    fn fstring_field_inner(
        &mut self,
        body: &str,
        start: usize,
        raw: bool,
        line: &mut u32,
    ) -> Result<(FStringPart, usize), CompileError> {
        let b = body.as_bytes();
        let field_line = *line;
        let unterminated = |l: u32| CompileError::syntax("f-string: expecting '}'", l);
        let mut i = start;
        let mut depth: u32 = 0;
        let mut debug = false;
        loop {
            let Some(&c) = b.get(i) else {
                return Err(unterminated(*line));
            };
            match c {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' => depth = depth.saturating_sub(1),
                b'}' => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                b'\'' | b'"' => {
                    i = skip_string(b, i, line).ok_or_else(|| unterminated(*line))?;
                    continue;
                }
                b'!' if depth == 0 && b.get(i + 1) != Some(&b'=') => break,
                b':' if depth == 0 => break,
                b'=' if depth == 0 => {
                    if b.get(i + 1) == Some(&b'=') {
                        i += 2;
                        continue;
                    }
                    let prev = if i > start {
                        b.get(i - 1).copied().unwrap_or(0)
                    } else {
                        0
                    };
                    if !matches!(prev, b'=' | b'!' | b'<' | b'>') {
                        debug = true;
                        break;
                    }
                }
                b'\n' => *line = line.saturating_add(1),
                b'#' => {
                    return Err(self.error_at("f-string expression part cannot include '#'", *line))
                }
                _ => {}
            }
            i += 1;
        }
        let expr_text = body.get(start..i).unwrap_or("");
        if expr_text.trim_ascii().is_empty() {
            return Err(self.error_at("f-string: empty expression not allowed", field_line));
        }
        let mut debug_text = None;
        if debug {
            i += 1;
            while let Some(b' ' | b'\t' | b'\n') = b.get(i) {
                i += 1;
            }
            debug_text = Some(String::from(body.get(start..i).unwrap_or("")));
        }
        let mut conversion = 0u8;
        if b.get(i) == Some(&b'!') {
            conversion = match b.get(i + 1) {
                Some(&c @ (b'r' | b's' | b'a')) => c,
                _ => return Err(self.error_at("f-string: invalid conversion character", *line)),
            };
            i += 2;
        }
        let mut format_spec = Vec::new();
        let has_spec = b.get(i) == Some(&b':');
        if has_spec {
            let (spec, end) = self.fstring_parts(body, i + 1, raw, line, true)?;
            format_spec = spec;
            i = end;
        }
        if b.get(i) != Some(&b'}') {
            return Err(unterminated(*line));
        }
        i += 1;
        if debug && conversion == 0 && !has_spec {
            conversion = b'r';
        }
        let value = self.embedded_expr(expr_text, field_line)?;
        Ok((
            FStringPart::Field {
                value: Box::new(value),
                conversion,
                format_spec,
                debug_text,
            },
            i,
        ))
    }

    /// Parses the expression of an f-string field.
    fn embedded_expr(&mut self, text: &str, line: u32) -> Result<Expr, CompileError> {
        let to_syntax = |mut e: CompileError| {
            if e.kind == ErrorKind::Incomplete {
                e.kind = ErrorKind::Syntax;
            }
            e
        };
        let mut sub = Parser::new(Lexer::embedded(text, line), self.depth, self.guard);
        sub.func_depth = self.func_depth;
        let r = sub.eval_input();
        sub.finish(r).map_err(to_syntax)
    }
}

/// Moves pending literal text (unescaped) into `parts`.
fn flush(
    parts: &mut Vec<FStringPart>,
    lit: &mut String,
    raw: bool,
    line: u32,
) -> Result<(), CompileError> {
    if lit.is_empty() {
        return Ok(());
    }
    let text = decode_str(lit, raw, line)?;
    push_literal(parts, &text, line)?;
    lit.clear();
    Ok(())
}

/// Skips a string literal inside an f-string expression starting at the quote `b[i]`;
/// returns the index after its closing quote.
fn skip_string(b: &[u8], i: usize, line: &mut u32) -> Option<usize> {
    let q = *b.get(i)?;
    let prefix = prefix_before(b, i);
    let triple = b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q);
    let start = i + if triple { 3 } else { 1 };
    match scan_body(b, start, q, triple, prefix.format, 0) {
        Scan::End(_, end) => {
            let newlines = b.get(i..end)?.iter().filter(|&&c| c == b'\n').count() as u32;
            *line = line.saturating_add(newlines);
            Some(end)
        }
        _ => None,
    }
}
