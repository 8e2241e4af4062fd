//! Activation records. Frames live on the VM's frame stack (not the native stack), and their
//! locals and temporaries live in the VM's value stack, laid out like MicroPython's state:
//! `state[0..n_state]` at `base`, local `n` at `state[n_state - 1 - n]`, temporaries growing
//! upward from `state[0]`.

use crate::value::Value;
use crate::vm::code::Code;
use alloc::rc::Rc;
use alloc::vec::Vec;

/// One active `try`/`with` block.
#[derive(Debug, Clone, Copy)]
pub struct Handler {
    /// Absolute offset of the handler code.
    pub handler: usize,
    /// Value-stack depth (absolute index) to restore when the handler runs.
    pub sp: usize,
    /// A `finally` or `with` block (runs on return/break too), not a plain `except`.
    pub finally: bool,
    /// The exception being handled when this handler caught one (for bare `raise`).
    pub prev_exc: Value,
}

/// A Python function activation.
#[derive(Debug)]
pub struct Frame {
    /// The code being run.
    pub code: Rc<Code>,
    /// The module context (qstr and constant tables).
    pub ctx: Value,
    /// Globals dict.
    pub globals: Value,
    /// The module's qstr table (bytecode qstr operand -> name), shared with its Context.
    pub qstrs: Rc<[crate::qstr::Qstr]>,
    /// Namespace for LOAD_NAME/STORE_NAME (globals for module code, the class dict for class bodies).
    pub locals: Value,
    /// Next instruction (absolute offset into `code.bytes`).
    pub ip: usize,
    /// Start of the instruction being executed (for tracebacks and handler matching).
    pub op_ip: usize,
    /// Start of this frame's state in the value stack.
    pub base: usize,
    /// Next free value-stack slot (absolute index).
    pub sp: usize,
    /// Active exception handlers, innermost last.
    pub handlers: Vec<Handler>,
    /// The generator object this frame belongs to, or NULL.
    pub gen: Value,
}

impl Frame {
    /// Report the Values the frame holds outside the value stack (for the collector).
    pub fn trace(&self, out: &mut impl FnMut(Value)) {
        out(self.ctx);
        out(self.globals);
        out(self.locals);
        out(self.gen);
        for h in &self.handlers {
            out(h.prev_exc);
        }
    }

    /// Absolute value-stack index of local `n`.
    #[inline]
    pub fn local(&self, n: usize) -> usize {
        self.base + self.code.n_state as usize - 1 - n
    }
}
