//! Python source to bytecode: lexer, parser, syntax tree and compiler.

pub mod ast;
