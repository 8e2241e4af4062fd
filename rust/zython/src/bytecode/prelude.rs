//! The bytecode prelude: decoding, encoding helpers and source-line lookup.
//!
//! Every bytecode raw code starts with a prelude (the layout is a fact of MicroPython's
//! .mpy 6 format, see its py/bc.h):
//!
//! 1. signature: one variable-length value packing n_state, n_exc_stack, scope flags and the
//!    argument counts bit-wise (first byte `xSSSSEAA`, further bytes `xFSSKAED`, x = more);
//! 2. size info: n_info and n_cell packed as `xIIIIIIC` bytes (x = more);
//! 3. source info (n_info bytes): simple-name qstr, one qstr per positional and keyword-only
//!    argument (vuints), then the line-number table;
//! 4. cell list (n_cell bytes): the local numbers that must be turned into cells;
//! 5. the bytecode itself.
//!
//! Everything here bounds-checks its input: malformed code yields an error, never a panic.

use alloc::vec::Vec;

/// Largest value accepted for any vuint (qstr index, operand, count): 2^32 - 1.
const VUINT_MAX: u64 = u32::MAX as u64;

/// Largest n_state accepted (MicroPython keeps it in 16 bits).
pub const MAX_N_STATE: usize = 0xffff;

/// Largest n_exc_stack accepted.
pub const MAX_N_EXC_STACK: usize = 0xffff;

/// Scope flags that may appear in a prelude signature.
pub const SCOPE_FLAGS_ALL_SIG: u8 = 0x0f;

/// Reads an unsigned vuint (7 bits per byte, most significant group first, 0x80 = more)
/// at `*pos`, advancing `*pos`; fails when truncated or larger than 2^32 - 1.
pub fn read_vuint(data: &[u8], pos: &mut usize) -> Result<usize, &'static str> {
    let mut value: u64 = 0;
    loop {
        let b = *data.get(*pos).ok_or("truncated variable-length integer")?;
        *pos += 1;
        value = (value << 7) | u64::from(b & 0x7f);
        if value > VUINT_MAX {
            return Err("variable-length integer too large");
        }
        if b & 0x80 == 0 {
            return usize::try_from(value).map_err(|_| "variable-length integer too large");
        }
    }
}

/// Appends `value` as an unsigned vuint (most significant 7-bit group first).
pub fn write_vuint(out: &mut Vec<u8>, value: usize) {
    let mut buf = [0u8; 10];
    let mut i = buf.len() - 1;
    let mut v = value as u64;
    buf[i] = (v & 0x7f) as u8;
    v >>= 7;
    while v != 0 {
        i -= 1;
        buf[i] = 0x80 | (v & 0x7f) as u8;
        v >>= 7;
    }
    out.extend_from_slice(&buf[i..]);
}

/// The decoded prelude of one bytecode raw code. Offsets index the code slice it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prelude {
    /// Number of state slots: locals (arguments first) plus the value stack; at least 1.
    pub n_state: usize,
    /// Number of exception-stack entries the code needs (nesting of try/with blocks).
    pub n_exc_stack: usize,
    /// Scope flags: generator 0x01, **kwargs 0x02, *args 0x04, has keyword defaults 0x08.
    pub scope_flags: u8,
    /// Number of positional arguments (not counting *args).
    pub n_pos_args: usize,
    /// Number of keyword-only arguments.
    pub n_kwonly_args: usize,
    /// Number of positional arguments that have default values.
    pub n_def_pos_args: usize,
    /// Size in bytes of the source-info section (names + line table).
    pub n_info: usize,
    /// Number of cells (bytes in the cell list).
    pub n_cell: usize,
    /// Qstr index (into the module's qstr table) of the function's simple name.
    pub simple_name: usize,
    /// Qstr indices of the argument names: positional ones, then keyword-only ones.
    pub arg_names: Vec<usize>,
    /// Offset of the first byte of the line-number table.
    pub line_info_start: usize,
    /// Offset one past the last byte of the line-number table (= start of the cell list).
    pub line_info_end: usize,
    /// Offset of the cell list (`n_cell` bytes, each a local number to turn into a cell).
    pub cells_start: usize,
    /// Offset of the first opcode.
    pub bytecode_start: usize,
}

impl Prelude {
    /// The cell list: the local numbers that become cells when the code starts running.
    pub fn cells<'a>(&self, code: &'a [u8]) -> &'a [u8] {
        code.get(self.cells_start..self.bytecode_start)
            .unwrap_or(&[])
    }

    /// The line-number table bytes.
    pub fn line_info<'a>(&self, code: &'a [u8]) -> &'a [u8] {
        code.get(self.line_info_start..self.line_info_end)
            .unwrap_or(&[])
    }

    /// True when the code is a generator.
    pub fn is_generator(&self) -> bool {
        self.scope_flags & crate::bytecode::op::SCOPE_GENERATOR != 0
    }

    /// Number of local slots taken by arguments (positional, keyword-only, *args, **kwargs).
    pub fn n_arg_slots(&self) -> usize {
        use crate::bytecode::op::{SCOPE_VARARGS, SCOPE_VARKEYWORDS};
        self.n_pos_args
            + self.n_kwonly_args
            + usize::from(self.scope_flags & SCOPE_VARARGS != 0)
            + usize::from(self.scope_flags & SCOPE_VARKEYWORDS != 0)
    }
}

/// The six values of a prelude signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Signature {
    /// See [`Prelude::n_state`].
    pub n_state: usize,
    /// See [`Prelude::n_exc_stack`].
    pub n_exc_stack: usize,
    /// See [`Prelude::scope_flags`].
    pub scope_flags: u8,
    /// See [`Prelude::n_pos_args`].
    pub n_pos_args: usize,
    /// See [`Prelude::n_kwonly_args`].
    pub n_kwonly_args: usize,
    /// See [`Prelude::n_def_pos_args`].
    pub n_def_pos_args: usize,
}

/// Decodes the signature at `*pos`, advancing `*pos`.
pub fn decode_signature(code: &[u8], pos: &mut usize) -> Result<Signature, &'static str> {
    let mut z = *code.get(*pos).ok_or("truncated prelude")?;
    *pos += 1;
    let mut s = usize::from((z >> 3) & 0xf);
    let mut e = usize::from((z >> 2) & 1);
    let mut f = 0usize;
    let mut a = usize::from(z & 3);
    let mut k = 0usize;
    let mut d = 0usize;
    let mut n = 0u32;
    while z & 0x80 != 0 {
        // Each extension byte adds 2 bits of S and 1 bit of the others; 12 bytes are far
        // more than any real code needs and keep every shift well inside usize.
        if n >= 12 {
            return Err("prelude signature too long");
        }
        z = *code.get(*pos).ok_or("truncated prelude")?;
        *pos += 1;
        s |= usize::from((z >> 4) & 3) << (4 + 2 * n);
        e |= usize::from((z >> 1) & 1) << (1 + n);
        f |= usize::from((z >> 6) & 1) << n;
        a |= usize::from((z >> 2) & 1) << (2 + n);
        k |= usize::from((z >> 3) & 1) << n;
        d |= usize::from(z & 1) << n;
        n += 1;
    }
    let n_state = s + 1;
    if n_state > MAX_N_STATE || e > MAX_N_EXC_STACK {
        return Err("prelude sizes too large");
    }
    if f > usize::from(SCOPE_FLAGS_ALL_SIG) {
        return Err("invalid scope flags in prelude");
    }
    if a > 0xffff || k > 0xffff || d > a {
        return Err("invalid argument counts in prelude");
    }
    Ok(Signature {
        n_state,
        n_exc_stack: e,
        scope_flags: f as u8,
        n_pos_args: a,
        n_kwonly_args: k,
        n_def_pos_args: d,
    })
}

/// Appends the encoding of `sig` (`n_state` must be at least 1).
pub fn encode_signature(out: &mut Vec<u8>, sig: &Signature) {
    let mut s = sig.n_state.saturating_sub(1);
    let mut e = sig.n_exc_stack;
    let mut f = usize::from(sig.scope_flags & SCOPE_FLAGS_ALL_SIG);
    let mut a = sig.n_pos_args;
    let mut k = sig.n_kwonly_args;
    let mut d = sig.n_def_pos_args;
    let mut z = (((s & 0xf) << 3) | ((e & 1) << 2) | (a & 3)) as u8;
    s >>= 4;
    e >>= 1;
    a >>= 2;
    while s | e | f | a | k | d != 0 {
        out.push(0x80 | z);
        z = (((f & 1) << 6)
            | ((s & 3) << 4)
            | ((k & 1) << 3)
            | ((a & 1) << 2)
            | ((e & 1) << 1)
            | (d & 1)) as u8;
        s >>= 2;
        e >>= 1;
        f >>= 1;
        a >>= 1;
        k >>= 1;
        d >>= 1;
    }
    out.push(z);
}

/// Decodes the size info (n_info, n_cell) at `*pos`, advancing `*pos`.
pub fn decode_size(code: &[u8], pos: &mut usize) -> Result<(usize, usize), &'static str> {
    let mut n_info = 0usize;
    let mut n_cell = 0usize;
    let mut n = 0u32;
    loop {
        if n >= 5 {
            return Err("prelude size info too long");
        }
        let z = *code.get(*pos).ok_or("truncated prelude")?;
        *pos += 1;
        n_cell |= usize::from(z & 1) << n;
        n_info |= usize::from((z >> 1) & 0x3f) << (6 * n);
        n += 1;
        if z & 0x80 == 0 {
            return Ok((n_info, n_cell));
        }
    }
}

/// Appends the size info for `n_info` and `n_cell`.
pub fn encode_size(out: &mut Vec<u8>, mut n_info: usize, mut n_cell: usize) {
    loop {
        let mut z = (((n_info & 0x3f) << 1) | (n_cell & 1)) as u8;
        n_cell >>= 1;
        n_info >>= 6;
        if n_cell | n_info != 0 {
            z |= 0x80;
        }
        out.push(z);
        if n_cell | n_info == 0 {
            return;
        }
    }
}

/// Decodes and bounds-checks the prelude at the start of `code`.
///
/// On success every offset in the result lies within `code` (`bytecode_start` may equal
/// `code.len()` only for code without opcodes, which [`validate`] rejects), and the
/// line-number table is well formed.
pub fn decode(code: &[u8]) -> Result<Prelude, &'static str> {
    let mut pos = 0usize;
    let sig = decode_signature(code, &mut pos)?;
    let (n_info, n_cell) = decode_size(code, &mut pos)?;
    let info_start = pos;
    let info_end = info_start
        .checked_add(n_info)
        .filter(|&e| e <= code.len())
        .ok_or("truncated prelude source info")?;
    let bytecode_start = info_end
        .checked_add(n_cell)
        .filter(|&e| e <= code.len())
        .ok_or("truncated prelude cell list")?;
    let info = &code[..info_end];
    let simple_name = read_vuint(info, &mut pos).map_err(|_| "bad simple name in prelude")?;
    let n_args = sig.n_pos_args + sig.n_kwonly_args;
    let mut arg_names = Vec::with_capacity(n_args);
    for _ in 0..n_args {
        arg_names.push(read_vuint(info, &mut pos).map_err(|_| "bad argument name in prelude")?);
    }
    let line_info_start = pos;
    // Check the line-number table: its two-byte entries must not run past its end.
    let mut p = line_info_start;
    while p < info_end {
        p += if code[p] & 0x80 == 0 { 1 } else { 2 };
    }
    if p != info_end {
        return Err("truncated line-number table");
    }
    Ok(Prelude {
        n_state: sig.n_state,
        n_exc_stack: sig.n_exc_stack,
        scope_flags: sig.scope_flags,
        n_pos_args: sig.n_pos_args,
        n_kwonly_args: sig.n_kwonly_args,
        n_def_pos_args: sig.n_def_pos_args,
        n_info,
        n_cell,
        simple_name,
        arg_names,
        line_info_start,
        line_info_end: info_end,
        cells_start: info_end,
        bytecode_start,
    })
}

/// One decoded entry of the line-number table: (bytecode increment, line increment, size).
fn line_entry(table: &[u8], p: usize) -> Option<(usize, usize, usize)> {
    let c = *table.get(p)?;
    if c & 0x80 == 0 {
        Some((usize::from(c & 0x1f), usize::from(c >> 5), 1))
    } else {
        let c2 = *table.get(p + 1)?;
        let line = ((usize::from(c) << 4) & 0x700) | usize::from(c2);
        Some((usize::from(c & 0xf), line, 2))
    }
}

/// The 1-based source line of the instruction at `bc_offset` bytes past the first opcode
/// (`prelude.bytecode_start`), as a traceback reports it.
pub fn line_for_offset(code: &[u8], prelude: &Prelude, bc_offset: usize) -> u32 {
    line_for_table(prelude.line_info(code), bc_offset)
}

/// The 1-based source line for `bc_offset` given the line-number table itself.
pub fn line_for_table(table: &[u8], bc_offset: usize) -> u32 {
    let mut line: usize = 1;
    let mut remaining = bc_offset;
    let mut p = 0usize;
    while let Some((bc_inc, line_inc, size)) = line_entry(table, p) {
        if remaining < bc_inc {
            break;
        }
        remaining -= bc_inc;
        line = line.saturating_add(line_inc);
        p += size;
    }
    u32::try_from(line).unwrap_or(u32::MAX)
}

/// Appends line-table entries that advance the bytecode offset by `bc_inc` and then the line
/// by `line_inc` (offsets before the new one keep the old line).
pub fn encode_line_info(out: &mut Vec<u8>, mut bc_inc: usize, mut line_inc: usize) {
    // Advance the offset first, 31 at a time, so that the line changes only at the end.
    while bc_inc > 0x1f || (bc_inc > 0 && line_inc > 3) {
        let b = bc_inc.min(0x1f);
        out.push(b as u8);
        bc_inc -= b;
    }
    if bc_inc > 0 || (line_inc > 0 && line_inc <= 3) {
        out.push(((line_inc << 5) | bc_inc) as u8);
        return;
    }
    while line_inc > 0 {
        let l = line_inc.min(0x7ff);
        out.push(0x80 | ((l >> 4) & 0x70) as u8);
        out.push((l & 0xff) as u8);
        line_inc -= l;
    }
}

mod validate;
pub use validate::{validate, NO_MEMORY};

#[cfg(test)]
mod tests;
