//! Python source to bytecode: lexer, parser, syntax tree and compiler.

pub mod ast;
pub mod compiler;
pub mod error;
pub mod lexer;
pub mod parser;
pub mod token;

pub use compiler::{compile, compile_source};
pub use error::{check_room, CompileError, ErrorKind, Mode, TryPush};
pub use parser::parse;
