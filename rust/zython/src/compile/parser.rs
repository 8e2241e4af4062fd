//! Tokens to syntax tree: a recursive-descent parser for Python 3 as MicroPython accepts it.
//!
//! The lexer runs on demand; the parser keeps two tokens of lookahead.
//!
//! Nesting (brackets, unary operators, blocks, f-string fields) is bounded by [`MAX_DEPTH`]
//! (or by [`Limits`]); deeper input gives an [`ErrorKind::Recursion`] error instead of
//! exhausting the native stack. Trees that loops build (long operator chains, `a.b.c...`,
//! `elif` chains) are bounded by [`MAX_HEIGHT`], so dropping or compiling them cannot
//! overflow the stack either. Input that stops in the middle of a construct the user is still
//! typing (an open bracket or string, a trailing backslash, a block header with no body yet,
//! a decorator with no def, a `try` with no handler yet) gives [`ErrorKind::Incomplete`].
//!
//! Checks done here besides the grammar: assignment, augmented-assignment, annotation and
//! deletion targets; `nonlocal` outside any function; parameter order and duplicates;
//! argument order in calls; a lone starred expression as a statement or in parentheses.
//! Checks left to the compiler: `return`/`yield`/`await` outside a function,
//! `break`/`continue` outside a loop, other starred expressions that cannot be evaluated
//! (`x = *a`), walrus targets that rebind comprehension variables, and `global`/`nonlocal`
//! conflicts.
//!
//! Tree shapes worth knowing: an f-string without fields is a plain `Constant::Str`; `elif`
//! is a nested `If` in `orelse`; a decorated `def`/`class` statement carries the line of the
//! `def`/`class` keyword (each decorator has its own line); positional-only parameters are
//! in `args` (the `/` is checked and dropped); `f"{x=}"` gives `debug_text` "x=" and
//! conversion `r` unless a conversion or format spec is given.

mod expr;
mod fstring;
mod height;
mod stmt;
mod targets;
#[cfg(test)]
mod tests;

use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec;

use super::ast::{Expr, ExprKind, Module, Stmt, StmtKind};
use super::error::{CompileError, ErrorKind, Mode};
use super::lexer::Lexer;
use super::token::{Tok, Token};

pub use height::MAX_HEIGHT;

/// Deepest nesting of brackets, unary operators, blocks and f-string fields accepted.
pub const MAX_DEPTH: u32 = 200;

/// Bounds on the parser's native recursion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of brackets, unary operators, blocks and f-string fields.
    pub max_depth: u32,
    /// Bytes of native stack the parser may use below the point where it was called
    /// (0: no check). A bracket level costs about 2 KB and a block about 1.5 KB on x86-64.
    /// With a budget, tree height is also capped at `native_stack / 256` (below
    /// [`MAX_HEIGHT`]), since trees are measured and dropped one native frame per level.
    pub native_stack: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: MAX_DEPTH,
            native_stack: 0,
        }
    }
}

/// Parses `source` into a module. For [`Mode::Eval`] the body is a single expression statement.
pub fn parse(source: &str, mode: Mode) -> Result<Module, CompileError> {
    parse_with_limits(source, mode, Limits::default())
}

/// Like [`parse`] with other recursion bounds (ports with small thread stacks lower them).
pub fn parse_with_limits(source: &str, mode: Mode, limits: Limits) -> Result<Module, CompileError> {
    let guard = StackGuard::new(limits);
    match mode {
        Mode::Eval => {
            let trimmed = source.trim_start_matches([' ', '\t']);
            let mut p = Parser::new(Lexer::module(trimmed), 0, guard);
            let line = p.line();
            let r = p.eval_input();
            p.finish(r).map(|e| Module {
                body: vec![Stmt {
                    line,
                    kind: StmtKind::Expr(e),
                }],
            })
        }
        Mode::File | Mode::Single => {
            // As in MicroPython, single-statement input needs at least one line: empty input
            // (or only line continuations) is a syntax error there, unlike in a file.
            let mut rest = source;
            while let Some(r) = rest.strip_prefix("\\\n") {
                rest = r;
            }
            if mode == Mode::Single && (rest.is_empty() || rest == "\\") {
                return Err(CompileError::syntax("invalid syntax", 1));
            }
            let mut p = Parser::new(Lexer::module(source), 0, guard);
            let r = p.file();
            p.finish(r).map(|body| Module { body })
        }
    }
}

/// A file's top-level statements parsed a few at a time, for files too big to parse and
/// compile at once in the memory there is (see `Vm::exec_source`): each batch is a module
/// of its own to compile and run, and only one batch's tree is alive at a time.
pub struct FileChunks<'a> {
    p: Parser<'a>,
}

impl<'a> FileChunks<'a> {
    /// Batches of `source`'s statements ([`Mode::File`]), with recursion bounds `limits`.
    pub fn new(source: &'a str, limits: Limits) -> Self {
        FileChunks {
            p: Parser::new(Lexer::module(source), 0, StackGuard::new(limits)),
        }
    }

    /// The next `n` top-level statements (fewer at the end of input, more when a line holds
    /// several); `None` at the end. Errors are those a parse of the whole file would give.
    pub fn next_batch(&mut self, n: usize) -> Result<Option<Module>, CompileError> {
        let mut body = alloc::vec::Vec::new();
        let r = loop {
            match self.p.peek() {
                Tok::EndMarker => break Ok(()),
                Tok::Newline => self.p.bump(),
                _ => match self.p.statement(&mut body) {
                    Err(e) => break Err(e),
                    Ok(()) if body.len() >= n => break Ok(()),
                    Ok(()) => {}
                },
            }
        };
        self.p.finish(r)?;
        Ok((!body.is_empty()).then_some(Module { body }))
    }
}

/// Where the native stack is now (the address of a local; stacks grow down on our targets).
#[inline(never)]
fn stack_address() -> usize {
    let probe = 0u8;
    core::hint::black_box(core::ptr::addr_of!(probe)) as usize
}

/// The recursion bounds of one parse, shared with the parsers of f-string fields.
#[derive(Clone, Copy)]
struct StackGuard {
    /// Stack address where parsing started.
    base: usize,
    /// Bytes of stack allowed below `base` (0: unchecked).
    budget: usize,
    /// Largest nesting depth.
    max_depth: u32,
    /// Largest tree height.
    max_height: u32,
}

/// The token stream end, returned when peeking past the last token.
static END: Tok = Tok::EndMarker;

/// Parser state: the lexer, a short lookahead buffer and the nesting depth.
pub(crate) struct Parser<'a> {
    lexer: Lexer<'a>,
    /// Lookahead: at least two tokens, unless it ends with ENDMARKER.
    buf: VecDeque<Token>,
    /// The first lexer error; the stream is cut off with ENDMARKER there.
    lex_error: Option<CompileError>,
    depth: u32,
    /// Depth and stack bounds.
    guard: StackGuard,
    /// Number of enclosing `def` bodies (for the module-level `nonlocal` check).
    func_depth: u32,
    /// Statement nesting: enclosing blocks plus `elif` arms (each a nested If).
    nesting: u32,
}

impl StackGuard {
    /// The bounds of `limits`, counting the native stack from here.
    fn new(limits: Limits) -> Self {
        StackGuard {
            base: stack_address(),
            budget: limits.native_stack,
            max_depth: limits.max_depth,
            max_height: match limits.native_stack {
                0 => MAX_HEIGHT,
                n => MAX_HEIGHT
                    .min(u32::try_from(n / 256).unwrap_or(u32::MAX))
                    .max(8),
            },
        }
    }
}

impl<'a> Parser<'a> {
    /// A parser over `lexer`, starting at nesting `depth` (non-zero for f-string fields).
    fn new(lexer: Lexer<'a>, depth: u32, guard: StackGuard) -> Self {
        let mut p = Parser {
            lexer,
            buf: VecDeque::new(),
            lex_error: None,
            depth,
            guard,
            func_depth: 0,
            nesting: 0,
        };
        p.fill(2);
        p
    }

    /// The result of a whole parse: a lexer error takes precedence (the parser only saw the
    /// tokens before it).
    fn finish<T>(&mut self, r: Result<T, CompileError>) -> Result<T, CompileError> {
        match self.lex_error.take() {
            Some(e) => Err(e),
            None => r,
        }
    }

    /// `testlist` then the end of input (eval mode and f-string fields).
    fn eval_input(&mut self) -> Result<Expr, CompileError> {
        let e = if self.peek() == &Tok::Kw(super::token::Kw::Yield) && self.lexer_is_embedded() {
            self.yield_expr()?
        } else {
            self.testlist_star_expr()?
        };
        while self.eat(&Tok::Newline) {}
        self.expect(&Tok::EndMarker)?;
        Ok(e)
    }

    fn lexer_is_embedded(&self) -> bool {
        self.lexer.is_embedded()
    }

    /// Buffers tokens until there are `n` (or the end of input).
    fn fill(&mut self, n: usize) {
        while self.buf.len() < n {
            if self.buf.back().is_some_and(|t| t.tok == Tok::EndMarker) {
                return;
            }
            match self.lexer.next_token() {
                Ok(t) => self.buf.push_back(t),
                Err(e) => {
                    let line = e.line;
                    self.lex_error = Some(e);
                    self.buf.push_back(Token {
                        tok: Tok::EndMarker,
                        line,
                    });
                }
            }
        }
    }

    /// The current token.
    fn peek(&self) -> &Tok {
        self.buf.front().map(|t| &t.tok).unwrap_or(&END)
    }

    /// The token `n` places ahead (n <= 1).
    fn peek_at(&self, n: usize) -> &Tok {
        self.buf.get(n).map(|t| &t.tok).unwrap_or(&END)
    }

    /// Line of the current token.
    fn line(&self) -> u32 {
        self.buf.front().map(|t| t.line).unwrap_or(0)
    }

    /// Consumes the current token, moving its payload out.
    fn take(&mut self) -> Tok {
        let t = match self.buf.front() {
            Some(t) if t.tok == Tok::EndMarker => return Tok::EndMarker,
            Some(_) => self
                .buf
                .pop_front()
                .map(|t| t.tok)
                .unwrap_or(Tok::EndMarker),
            None => return Tok::EndMarker,
        };
        self.fill(2);
        t
    }

    /// Skips the current token.
    fn bump(&mut self) {
        self.take();
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
    fn at_eof(&mut self) -> bool {
        let mut n = 0;
        loop {
            self.fill(n + 1);
            match self.buf.get(n).map(|t| &t.tok) {
                Some(Tok::Dedent | Tok::Newline) => n += 1,
                Some(Tok::EndMarker) | None => return self.lex_error.is_none(),
                Some(_) => return false,
            }
        }
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
        let g = self.guard;
        let too_deep = self.depth >= g.max_depth
            || (g.budget != 0 && g.base.saturating_sub(stack_address()) > g.budget);
        if too_deep {
            return Err(CompileError {
                kind: ErrorKind::Recursion,
                msg: "maximum recursion depth exceeded (nesting too deep)".into(),
                line: self.line(),
            });
        }
        self.depth += 1;
        super::check_room(self.line())
    }

    /// Checks the height of a node whose tallest child is `child` high; returns the node's.
    fn grow(&self, child: u32) -> Result<u32, CompileError> {
        let h = child.saturating_add(1);
        if h > self.guard.max_height {
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
