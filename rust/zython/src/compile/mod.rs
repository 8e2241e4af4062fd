//! Python source to bytecode: lexer, parser, syntax tree and compiler.

pub mod ast;
pub mod error;

pub use error::{CompileError, ErrorKind, Mode};
