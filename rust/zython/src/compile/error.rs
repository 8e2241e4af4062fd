//! Errors from the lexer, parser and compiler.

use alloc::string::String;

/// Which Python exception a compile error becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// `SyntaxError`.
    Syntax,
    /// `IndentationError` (a subclass of SyntaxError).
    Indentation,
    /// Nesting too deep for the native stack: becomes `RuntimeError: maximum recursion depth exceeded`.
    Recursion,
    /// Input incomplete (unclosed bracket, block awaiting its body): the REPL asks for more lines.
    Incomplete,
    /// Valid Python this compiler does not support (`\N{...}` escapes): `NotImplementedError`.
    NotImplemented,
    /// A limit of MicroPython's format met (bytecode overflow, name too long): `RuntimeError`.
    Runtime,
}

/// A compile-time error with the 1-based line it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// The exception kind.
    pub kind: ErrorKind,
    /// The message, e.g. "invalid syntax".
    pub msg: String,
    /// 1-based line (0 when unknown).
    pub line: u32,
}

impl CompileError {
    /// A RuntimeError (a limit of the format, not a syntax error) at `line`.
    pub fn runtime(msg: impl Into<String>, line: u32) -> Self {
        CompileError {
            kind: ErrorKind::Runtime,
            msg: msg.into(),
            line,
        }
    }

    /// A SyntaxError at `line`.
    pub fn syntax(msg: impl Into<String>, line: u32) -> Self {
        CompileError {
            kind: ErrorKind::Syntax,
            msg: msg.into(),
            line,
        }
    }
}

/// How the source is to be compiled (MicroPython's parse input kinds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A file or `exec` input: a sequence of statements.
    File,
    /// `eval` input: a single expression whose value is returned.
    Eval,
    /// One REPL entry: expression statements print their non-None value via `__repl_print__`.
    Single,
}
