//! Decoded raw code: the prelude facts the VM needs on every call, decoded once.

use crate::bytecode::RawCode;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;

/// Read a MicroPython variable-length unsigned int (7 bits a byte, most significant first).
#[inline]
pub fn read_uint(code: &[u8], pos: &mut usize) -> Option<usize> {
    let mut v: usize = 0;
    loop {
        let b = *code.get(*pos)?;
        *pos += 1;
        v = v.checked_mul(128)? | (b & 0x7f) as usize;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
}

/// One function's bytecode with its decoded prelude.
#[derive(Debug)]
pub struct Code {
    /// Prelude + bytecode bytes.
    pub bytes: Box<[u8]>,
    /// Value-stack slots (locals + temporaries).
    pub n_state: usize,
    /// Exception-handler slots.
    pub n_exc_stack: usize,
    /// MP_SCOPE_FLAG_* bits (generator, varargs, varkeywords, defkwargs).
    pub scope_flags: u8,
    /// Positional parameters (closed-over cells first, as MicroPython passes them).
    pub n_pos_args: usize,
    /// Keyword-only parameters.
    pub n_kwonly_args: usize,
    /// Positional parameters with defaults.
    pub n_def_pos_args: usize,
    /// Qstr-table index of the function name.
    pub name: usize,
    /// Qstr-table indices of parameter names (positional then keyword-only).
    pub arg_names: Box<[usize]>,
    /// Offset of the line-number table.
    pub line_info: usize,
    /// Offset where the line-number table ends.
    pub line_info_end: usize,
    /// Locals that become cells at entry.
    pub cells: Box<[u8]>,
    /// Offset of the first instruction.
    pub bc_start: usize,
    /// Nested code objects.
    pub children: Box<[Rc<Code>]>,
}

/// Why a raw code could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadCode(pub &'static str);

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
        let trunc = BadCode("truncated prelude");
        let mut p = 0usize;
        // Signature: xSSSSEAA then xFSSKAED...
        let mut z = *code.first().ok_or(trunc)?;
        p += 1;
        let mut s = ((z >> 3) & 0xf) as usize;
        let mut e = ((z >> 2) & 1) as usize;
        let mut f = 0usize;
        let mut a = (z & 3) as usize;
        let mut k = 0usize;
        let mut d = 0usize;
        let mut n = 0u32;
        while z & 0x80 != 0 {
            if n > 20 {
                return Err(BadCode("bad prelude signature"));
            }
            z = *code.get(p).ok_or(trunc)?;
            p += 1;
            s |= ((z & 0x30) as usize) << (2 * n);
            e |= ((z & 0x02) as usize) << n;
            f |= (((z & 0x40) >> 6) as usize) << n;
            a |= ((z & 0x4) as usize) << n;
            k |= (((z & 0x08) >> 3) as usize) << n;
            d |= ((z & 0x1) as usize) << n;
            n += 1;
        }
        s += 1;
        // Size: xIIIIIIC repeated.
        let mut n_info = 0usize;
        let mut n_cell = 0usize;
        let mut n = 0u32;
        loop {
            if n > 8 {
                return Err(BadCode("bad prelude size"));
            }
            let z = *code.get(p).ok_or(trunc)?;
            p += 1;
            n_info |= ((z & 0x7e) as usize >> 1) << (6 * n);
            n_cell |= ((z & 1) as usize) << n;
            n += 1;
            if z & 0x80 == 0 {
                break;
            }
        }
        let info_start = p;
        let info_end = info_start.checked_add(n_info).ok_or(trunc)?;
        let bc_start = info_end.checked_add(n_cell).ok_or(trunc)?;
        if bc_start > code.len() || a + k > 255 || d > a || s > 65535 {
            return Err(BadCode("invalid prelude"));
        }
        let info = &code[..info_end];
        let name = read_uint(info, &mut p).ok_or(trunc)?;
        let mut arg_names = Vec::new();
        for _ in 0..a + k {
            arg_names.push(read_uint(info, &mut p).ok_or(trunc)?);
        }
        let line_info = p;
        let cells: Box<[u8]> = code[info_end..bc_start].into();
        if cells.iter().any(|&c| c as usize >= s) {
            return Err(BadCode("cell index out of range"));
        }
        let mut children = Vec::new();
        for c in &rc.children {
            children.push(Self::decode(c, depth + 1)?);
        }
        Ok(Rc::new(Code {
            bytes: code.clone().into_boxed_slice(),
            n_state: s,
            n_exc_stack: e,
            scope_flags: f as u8,
            n_pos_args: a,
            n_kwonly_args: k,
            n_def_pos_args: d,
            name,
            arg_names: arg_names.into_boxed_slice(),
            line_info,
            line_info_end: info_end,
            cells,
            bc_start,
            children: children.into_boxed_slice(),
        }))
    }

    /// The source line of the instruction at byte offset `ip` (absolute in `bytes`).
    pub fn line_of(&self, ip: usize) -> u32 {
        let mut bc = ip.saturating_sub(self.bc_start);
        let mut line: usize = 1;
        let t = &self.bytes[..self.line_info_end.min(self.bytes.len())];
        let mut p = self.line_info;
        while p < t.len() {
            let c = t[p] as usize;
            let (b, l) = if c & 0x80 == 0 {
                p += 1;
                (c & 0x1f, c >> 5)
            } else {
                let c2 = match t.get(p + 1) {
                    Some(&x) => x as usize,
                    None => break,
                };
                p += 2;
                (c & 0xf, ((c << 4) & 0x700) | c2)
            };
            if bc >= b {
                bc -= b;
                line += l;
            } else {
                break;
            }
        }
        line as u32
    }

    /// Is this a generator (or coroutine) body?
    #[inline]
    pub fn is_generator(&self) -> bool {
        self.scope_flags & crate::bytecode::op::SCOPE_GENERATOR != 0
    }
}
