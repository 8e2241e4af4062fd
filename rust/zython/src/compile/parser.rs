//! Tokens to syntax tree: a recursive-descent parser for Python 3 as MicroPython accepts it.
//!
//! Nesting (brackets, unary operators, blocks, f-string fields) is bounded by [`MAX_DEPTH`];
//! deeper input gives a [`ErrorKind::Recursion`] error instead of exhausting the native stack.
//! Input that stops in the middle of a construct the user is still typing (an open bracket,
//! a block header with no body yet) gives [`ErrorKind::Incomplete`].
//!
//! Checks done here besides the grammar: assignment/deletion targets, `nonlocal` at module
//! level, parameter order and duplicates, argument order in calls. Checks left to the compiler:
//! `return`/`yield`/`await` outside a function, `break`/`continue` outside a loop, starred
//! expressions in places where they cannot be evaluated (such as `print(*a)` is fine but
//! `x = *a` or `(*a)` are errors), and `global`/`nonlocal` conflicts.

mod expr;
mod fstring;
mod height;
mod stmt;
mod targets;
#[cfg(test)]
mod tests;

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::ast::{Expr, ExprKind, Module, Stmt, StmtKind};
use super::error::{CompileError, ErrorKind, Mode};
use super::lexer;
use super::token::{Tok, Token};

pub use height::MAX_HEIGHT;

/// Deepest nesting of brackets, unary operators, blocks and f-string fields accepted.
pub const MAX_DEPTH: u32 = 200;

/// Parses `source` into a module. For [`Mode::Eval`] the body is a single expression statement.
pub fn parse(source: &str, mode: Mode) -> Result<Module, CompileError> {
    parse_with_limit(source, mode, MAX_DEPTH)
}

/// Like [`parse`] with a different nesting limit (each level costs roughly 2-3 KB of native
/// stack, so ports with small thread stacks pass a lower value).
pub fn parse_with_limit(source: &str, mode: Mode, max_depth: u32) -> Result<Module, CompileError> {
    match mode {
        Mode::Eval => {
            let trimmed = source.trim_start_matches([' ', '\t']);
            let tokens = lexer::tokenize(trimmed)?;
            let mut p = Parser::new(tokens, 0, max_depth);
            let line = p.line();
            let e = p.testlist_star_expr()?;
            while p.eat(&Tok::Newline) {}
            p.expect(&Tok::EndMarker)?;
            Ok(Module {
                body: vec![Stmt {
                    line,
                    kind: StmtKind::Expr(e),
                }],
            })
        }
        Mode::File | Mode::Single => {
            let tokens = lexer::tokenize(source)?;
            let mut p = Parser::new(tokens, 0, max_depth);
            let body = p.file()?;
            Ok(Module { body })
        }
    }
}

/// The token stream end, returned when peeking past the last token.
static END: Tok = Tok::EndMarker;

/// Parser state: the tokens, a cursor and the nesting depth.
pub(crate) struct Parser {
    toks: Vec<Token>,
    pos: usize,
    depth: u32,
    /// Largest `depth` allowed.
    max_depth: u32,
    /// Number of enclosing `def` bodies (for the module-level `nonlocal` check).
    func_depth: u32,
    /// Statement nesting: enclosing blocks plus `elif` arms (each a nested If).
    nesting: u32,
}

impl Parser {
    /// A parser over `toks`, starting at nesting `depth` (non-zero for f-string fields).
    fn new(toks: Vec<Token>, depth: u32, max_depth: u32) -> Self {
        Parser {
            toks,
            pos: 0,
            depth,
            max_depth,
            func_depth: 0,
            nesting: 0,
        }
    }

    /// The current token.
    fn peek(&self) -> &Tok {
        self.toks.get(self.pos).map(|t| &t.tok).unwrap_or(&END)
    }

    /// The token `n` places ahead.
    fn peek_at(&self, n: usize) -> &Tok {
        self.toks.get(self.pos + n).map(|t| &t.tok).unwrap_or(&END)
    }

    /// Line of the current token.
    fn line(&self) -> u32 {
        match self.toks.get(self.pos) {
            Some(t) => t.line,
            None => self.toks.last().map(|t| t.line).unwrap_or(0),
        }
    }

    /// Consumes the current token, moving its payload out.
    fn take(&mut self) -> Tok {
        match self.toks.get_mut(self.pos) {
            Some(t) => {
                self.pos += 1;
                core::mem::replace(&mut t.tok, Tok::Newline)
            }
            None => Tok::EndMarker,
        }
    }

    /// Skips the current token.
    fn bump(&mut self) {
        if self.pos < self.toks.len() {
            self.pos += 1;
        }
    }

    /// Consumes the current token if it equals `t`.
    fn eat(&mut self, t: &Tok) -> bool {
        if self.peek() == t {
            self.bump();
            true
        } else {
            false
        }
    }

    /// Consumes `t` or fails with "invalid syntax".
    fn expect(&mut self, t: &Tok) -> Result<(), CompileError> {
        if self.eat(t) {
            Ok(())
        } else {
            Err(self.error())
        }
    }

    /// Consumes a name or fails.
    fn name(&mut self) -> Result<String, CompileError> {
        match self.peek() {
            Tok::Name(_) => match self.take() {
                Tok::Name(n) => Ok(n),
                _ => Err(self.error()),
            },
            _ => Err(self.error()),
        }
    }

    /// A generic "invalid syntax" error at the current token.
    fn error(&self) -> CompileError {
        CompileError::syntax("invalid syntax", self.line())
    }

    /// A SyntaxError with `msg` at `line`.
    fn error_at(&self, msg: &str, line: u32) -> CompileError {
        CompileError::syntax(msg, line)
    }

    /// True when only DEDENT/NEWLINE tokens remain before the end of input.
    fn at_eof(&self) -> bool {
        self.toks
            .get(self.pos..)
            .unwrap_or(&[])
            .iter()
            .all(|t| matches!(t.tok, Tok::Dedent | Tok::Newline | Tok::EndMarker))
    }

    /// An Incomplete error (the REPL will ask for more input).
    fn incomplete(&self, msg: &str) -> CompileError {
        CompileError {
            kind: ErrorKind::Incomplete,
            msg: msg.into(),
            line: self.line(),
        }
    }

    /// Enters one level of nesting, failing past the depth limit.
    fn enter(&mut self) -> Result<(), CompileError> {
        if self.depth >= self.max_depth {
            return Err(CompileError {
                kind: ErrorKind::Recursion,
                msg: "maximum recursion depth exceeded (nesting too deep)".into(),
                line: self.line(),
            });
        }
        self.depth += 1;
        Ok(())
    }

    /// Checks the height of a node whose tallest child is `child` high; returns the node's.
    fn grow(&self, child: u32) -> Result<u32, CompileError> {
        let h = child.saturating_add(1);
        if h > MAX_HEIGHT {
            return Err(CompileError {
                kind: ErrorKind::Recursion,
                msg: "maximum recursion depth exceeded (expression too long or nested)".into(),
                line: self.line(),
            });
        }
        Ok(h)
    }

    /// Counts one more level of statement nesting (blocks, `elif` arms).
    fn nest(&mut self) -> Result<(), CompileError> {
        self.nesting = self.grow(self.nesting)?;
        Ok(())
    }

    /// Leaves one level of nesting.
    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Builds an expression node.
    fn mk(line: u32, kind: ExprKind) -> Expr {
        Expr { line, kind }
    }
}
