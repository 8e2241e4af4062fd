//! Decoded raw code: the prelude facts the VM needs on every call, decoded once.

use crate::bytecode::{prelude, CodeBytes, RawCode};
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;

/// Read a MicroPython variable-length unsigned int (None when truncated or too large).
#[inline]
pub fn read_uint(code: &[u8], pos: &mut usize) -> Option<usize> {
    prelude::read_vuint(code, pos).ok()
}

/// One function's bytecode with its decoded prelude. Counts are stored in the narrowest type
/// the prelude allows (checked when decoding): a program holds one of these per function, in RAM.
#[derive(Debug)]
pub struct Code {
    /// Prelude + bytecode bytes (borrowed from flash for frozen modules, else on the heap).
    pub bytes: CodeBytes,
    /// Nested code objects.
    pub children: Box<[Rc<Code>]>,
    /// Qstr-table indices of parameter names (positional then keyword-only).
    pub arg_names: Box<[u32]>,
    /// Locals that become cells at entry.
    pub cells: Box<[u8]>,
    /// Qstr-table index of the function name.
    pub name: u32,
    /// Offset of the line-number table.
    pub line_info: u32,
    /// Offset where the line-number table ends.
    pub line_info_end: u32,
    /// Offset of the first instruction.
    pub bc_start: u32,
    /// Value-stack slots (locals + temporaries).
    pub n_state: u16,
    /// Slots at the top of the state holding locals (the rest are temporaries), so the
    /// collector can skip stale temporaries above the stack pointer.
    pub n_locals: u16,
    /// Exception-handler slots.
    pub n_exc_stack: u16,
    /// MP_SCOPE_FLAG_* bits (generator, varargs, varkeywords, defkwargs).
    pub scope_flags: u8,
    /// Positional parameters (closed-over cells first, as MicroPython passes them).
    pub n_pos_args: u8,
    /// Keyword-only parameters.
    pub n_kwonly_args: u8,
    /// Positional parameters with defaults.
    pub n_def_pos_args: u8,
}

/// Why a raw code could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadCode(pub &'static str);

impl BadCode {
    /// No memory for the decoded code (MemoryError rather than ValueError).
    pub const NO_MEMORY: BadCode = BadCode("memory allocation failed");
}

/// A copy of `code` (bytes in the image are shared, not copied), or [`BadCode::NO_MEMORY`].
fn copy_bytes(code: &CodeBytes) -> Result<CodeBytes, BadCode> {
    match code {
        CodeBytes::Static(b) => Ok(CodeBytes::Static(b)),
        CodeBytes::Owned(b) => {
            let mut v = Vec::new();
            v.try_reserve_exact(b.len())
                .map_err(|_| BadCode::NO_MEMORY)?;
            v.extend_from_slice(b);
            Ok(CodeBytes::Owned(v.into_boxed_slice()))
        }
    }
}

impl Code {
    /// Decode `rc` and its children (depth-limited: nesting beyond 64 levels is refused).
    pub fn from_raw(rc: &RawCode) -> Result<Rc<Code>, BadCode> {
        Self::decode(rc, 0)
    }

    fn decode(rc: &RawCode, depth: usize) -> Result<Rc<Code>, BadCode> {
        if depth > 64 {
            return Err(BadCode("code nested too deeply"));
        }
        let code = &rc.code;
        let p = prelude::decode(code).map_err(BadCode)?;
        let wide = |n: usize| n > u32::MAX as usize;
        if p.n_pos_args > 255
            || p.n_kwonly_args > 255
            || p.n_pos_args + p.n_kwonly_args > 255
            || p.n_def_pos_args > p.n_pos_args
            || p.n_state > 65535
            || p.n_exc_stack > 65535
            || code.len() > u32::MAX as usize
            || wide(p.simple_name)
            || p.arg_names.iter().any(|&a| wide(a))
        {
            return Err(BadCode("invalid prelude"));
        }
        let cells: Box<[u8]> = p.cells(code).into();
        if cells.iter().any(|&c| c as usize >= p.n_state) {
            return Err(BadCode("cell index out of range"));
        }
        let n_locals = count_locals(code, &p).min(p.n_state);
        let mut children = Vec::with_capacity(rc.children.len());
        for c in &rc.children {
            children.push(Self::decode(c, depth + 1)?);
        }
        // The checks above bound every narrowing below.
        let bytes = copy_bytes(code)?;
        Ok(Rc::new(Code {
            bytes,
            children: children.into_boxed_slice(),
            arg_names: p.arg_names.iter().map(|&a| a as u32).collect(),
            cells,
            name: p.simple_name as u32,
            line_info: p.line_info_start as u32,
            line_info_end: p.line_info_end as u32,
            bc_start: p.bytecode_start as u32,
            n_state: p.n_state as u16,
            n_locals: n_locals as u16,
            n_exc_stack: p.n_exc_stack as u16,
            scope_flags: p.scope_flags,
            n_pos_args: p.n_pos_args as u8,
            n_kwonly_args: p.n_kwonly_args as u8,
            n_def_pos_args: p.n_def_pos_args as u8,
        }))
    }

    /// The source line of the instruction at byte offset `ip` (absolute in `bytes`).
    pub fn line_of(&self, ip: usize) -> u32 {
        let table = self
            .bytes
            .get(self.line_info as usize..self.line_info_end as usize)
            .unwrap_or(&[]);
        prelude::line_for_table(table, ip.saturating_sub(self.bc_start as usize))
    }

    /// Is this a generator (or coroutine) body?
    #[inline]
    pub fn is_generator(&self) -> bool {
        self.scope_flags & crate::bytecode::op::SCOPE_GENERATOR != 0
    }
}

/// Number of local slots: parameters, `*args`/`**kw`, and every slot a local-variable
/// instruction names (found by walking the bytecode once).
fn count_locals(code: &[u8], p: &prelude::Prelude) -> usize {
    use crate::bytecode::op;
    let flags = p.scope_flags;
    let mut n = p.n_pos_args
        + p.n_kwonly_args
        + (flags & op::SCOPE_VARARGS != 0) as usize
        + (flags & op::SCOPE_VARKEYWORDS != 0) as usize;
    let mut ip = p.bytecode_start;
    while let Some(&o) = code.get(ip) {
        ip += 1;
        match o {
            op::LOAD_FAST_N
            | op::STORE_FAST_N
            | op::DELETE_FAST
            | op::LOAD_DEREF
            | op::STORE_DEREF
            | op::DELETE_DEREF => match read_uint(code, &mut ip) {
                Some(i) => n = n.max(i + 1),
                None => break,
            },
            0xb0..=0xcf => n = n.max(((o & 0x0f) + 1) as usize),
            _ => {
                let ok = match op::format(o) {
                    op::FORMAT_QSTR | op::FORMAT_VAR_UINT => read_uint(code, &mut ip).is_some(),
                    op::FORMAT_OFFSET => match code.get(ip) {
                        Some(&b) => {
                            ip += if b & 0x80 != 0 { 2 } else { 1 };
                            true
                        }
                        None => false,
                    },
                    _ => true,
                };
                if !ok {
                    break;
                }
                if op::has_extra_byte(o) {
                    ip += 1;
                }
            }
        }
    }
    n
}
