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
    /// The allocator could not give the parser or compiler the memory it needed:
    /// `MemoryError`.
    NoMemory,
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

    /// Out of memory while compiling the code at `line`.
    pub fn no_memory(line: u32) -> Self {
        CompileError {
            kind: ErrorKind::NoMemory,
            msg: String::from("memory allocation failed"),
            line,
        }
    }
}

/// Bytes the allocator must still have free at each check of [`check_room`]: more than the
/// parser or compiler allocates without a check in between (a tree node, a name, the small
/// tables of one statement). Growth that scales with the input is fallible instead
/// ([`TryPush`]).
pub const HEADROOM: usize = crate::gc::HEADROOM;

/// Fail with [`ErrorKind::NoMemory`] when the allocator (its arena, or the hard limit of the
/// counting allocator) has less than [`HEADROOM`] bytes left: called once per statement and
/// per nesting level, so that the small infallible allocations between two checks (tree
/// nodes, names) always succeed, and a board gets MemoryError instead of an allocation
/// failure that stops it.
#[inline]
pub fn check_room(line: u32) -> Result<(), CompileError> {
    if crate::gc::short_of(HEADROOM) {
        Err(CompileError::no_memory(line))
    } else {
        Ok(())
    }
}

/// Fallible growth of the vectors and strings whose size the input decides.
pub trait TryPush<T> {
    /// Append `v`, or fail with [`ErrorKind::NoMemory`] (at `line`) when the allocator
    /// cannot grow the buffer.
    fn try_push(&mut self, v: T, line: u32) -> Result<(), CompileError>;
}

impl<T> TryPush<T> for alloc::vec::Vec<T> {
    #[inline]
    fn try_push(&mut self, v: T, line: u32) -> Result<(), CompileError> {
        if self.len() == self.capacity() {
            self.try_reserve(1)
                .map_err(|_| CompileError::no_memory(line))?;
        }
        self.push(v);
        Ok(())
    }
}

impl TryPush<char> for String {
    #[inline]
    fn try_push(&mut self, c: char, line: u32) -> Result<(), CompileError> {
        self.try_reserve(c.len_utf8())
            .map_err(|_| CompileError::no_memory(line))?;
        self.push(c);
        Ok(())
    }
}

impl TryPush<&str> for String {
    #[inline]
    fn try_push(&mut self, s: &str, line: u32) -> Result<(), CompileError> {
        self.try_reserve(s.len())
            .map_err(|_| CompileError::no_memory(line))?;
        self.push_str(s);
        Ok(())
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

/// A copy of `s` made without risking an allocation failure.
pub fn try_string(s: &str, line: u32) -> Result<String, CompileError> {
    let mut out = String::new();
    out.try_push(s, line)?;
    Ok(out)
}

/// An empty vector with room for `n` items, made without risking an allocation failure.
pub fn try_vec<T>(n: usize, line: u32) -> Result<alloc::vec::Vec<T>, CompileError> {
    let mut v = alloc::vec::Vec::new();
    v.try_reserve_exact(n)
        .map_err(|_| CompileError::no_memory(line))?;
    Ok(v)
}
