//! Bounds on the compiler's native recursion: a nesting depth and, where the port sets one,
//! a budget of native stack bytes (measured from where compiling started).

use alloc::string::String;

use crate::compile::parser::Limits;
use crate::compile::{CompileError, ErrorKind};

/// Deepest nesting of statements and expressions accepted when no other limit is given.
pub const MAX_NESTING: u32 = 400;

/// Where the native stack is now (the address of a local; stacks grow down on our targets).
#[inline(never)]
fn stack_address() -> usize {
    let probe = 0u8;
    core::hint::black_box(core::ptr::addr_of!(probe)) as usize
}

/// Recursion bounds of one compilation.
#[derive(Debug, Clone, Copy)]
pub struct Guard {
    base: usize,
    budget: usize,
    max_depth: u32,
}

impl Guard {
    /// Bounds from `limits`, counting the stack from here. The compiler nests about twice
    /// as deep as the parser counts (it counts every expression, not just brackets).
    pub fn new(limits: Limits) -> Self {
        Guard {
            base: stack_address(),
            budget: limits.native_stack,
            max_depth: limits.max_depth.saturating_mul(2).max(1),
        }
    }

    /// Fails when `depth` (levels already entered) or the stack used is past the bounds, or
    /// when the allocator is nearly exhausted ([`crate::compile::check_room`]).
    pub fn check(&self, depth: u32, line: u32) -> Result<(), CompileError> {
        let too_deep = depth >= self.max_depth
            || (self.budget != 0 && self.base.saturating_sub(stack_address()) > self.budget);
        if too_deep {
            return Err(CompileError {
                kind: ErrorKind::Recursion,
                msg: String::from("maximum recursion depth exceeded"),
                line,
            });
        }
        // Every pass checks here once per statement and expression: the allocator's room too.
        crate::compile::check_room(line)
    }
}
