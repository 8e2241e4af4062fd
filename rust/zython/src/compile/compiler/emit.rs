//! The bytecode emitter: opcodes with their stack effects, labels, the prelude and the
//! line-number table, plus the module-wide qstr and constant tables.
//!
//! Like MicroPython's emitter it runs several passes over one scope: a stack-size pass, a
//! code-size pass and one or more emit passes; jump encodings may only shrink between passes
//! and emitting repeats until the sizes no longer change. Code after an unconditional jump,
//! return or raise is suppressed until the next label.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use crate::bytecode::op;
use crate::bytecode::prelude::{
    encode_signature, encode_size, write_vuint as encode_uint, Signature,
};
use crate::bytecode::Const;

/// Number of stack slots an iterator buffer takes (`GET_ITER_STACK`, `FOR_ITER`).
pub const ITER_BUF_NSLOTS: i32 = 4;

/// Flag set on a break label when breaking out of a `for` loop (the iterator must be popped).
pub const BREAK_FROM_FOR: u32 = 0x8000;

/// The compiler's passes, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pass {
    /// Identify names and scopes.
    Scope,
    /// Work out the maximum stack depth.
    StackSize,
    /// Work out code size and label offsets.
    CodeSize,
    /// Write the final code (may repeat).
    Emit,
}

/// Which collection a comprehension builds (`STORE_COMP` operand).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompKind {
    /// `[...]`.
    List,
    /// `{k: v ...}`.
    Dict,
    /// `{...}`.
    Set,
}

/// Module-wide tables shared by every scope: qstrs and constant objects.
#[derive(Debug, Default)]
pub struct Tables {
    /// Qstr strings in index order; entry 0 is the source file name.
    pub qstrs: Vec<String>,
    index: BTreeMap<String, u32>,
    /// Constant objects in index order.
    pub consts: Vec<Const>,
    /// Set when a table could not grow (the compile ends with MemoryError).
    pub no_memory: bool,
}

impl Tables {
    /// New tables whose qstr 0 is `filename`.
    pub fn new(filename: &str) -> Self {
        let mut t = Tables::default();
        t.qstr(filename);
        t
    }

    /// The index of qstr `s`, adding it if new.
    pub fn qstr(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.qstrs.len() as u32;
        if self.qstrs.try_reserve(1).is_err() {
            self.no_memory = true;
            return 0;
        }
        self.qstrs.push(String::from(s));
        self.index.insert(String::from(s), i);
        i
    }

    /// The index of constant `c`, adding it if no strictly equal constant exists.
    pub fn constant(&mut self, c: Const) -> u32 {
        for (i, k) in self.consts.iter().enumerate() {
            if strictly_equal(k, &c) {
                return i as u32;
            }
        }
        if self.consts.try_reserve(1).is_err() {
            self.no_memory = true;
            return 0;
        }
        self.consts.push(c);
        (self.consts.len() - 1) as u32
    }
}

/// Equality of constants including type; floats compare by bits.
fn strictly_equal(a: &Const, b: &Const) -> bool {
    match (a, b) {
        (Const::Str(x), Const::Str(y)) => x == y,
        (Const::Bytes(x), Const::Bytes(y)) => x == y,
        (Const::BigInt(x), Const::BigInt(y)) => x == y,
        // Same bits: tells 0.0 from -0.0 and lets one NaN (math.nan) be shared.
        (Const::Float(x), Const::Float(y)) => x.to_bits() == y.to_bits(),
        (Const::Complex(a1, b1), Const::Complex(a2, b2)) => a1 == a2 && b1 == b2,
        (Const::Tuple(x), Const::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| strictly_equal(p, q))
        }
        (Const::Ellipsis, Const::Ellipsis)
        | (Const::None, Const::None)
        | (Const::False, Const::False)
        | (Const::True, Const::True) => true,
        _ => false,
    }
}

/// What the prelude needs to know about the scope being emitted.
#[derive(Debug, Clone, Default)]
pub struct PreludeInfo {
    /// Locals (including cells and free variables) + maximum stack depth.
    pub n_state: usize,
    /// Maximum exception-handler nesting.
    pub n_exc_stack: usize,
    /// Scope flags (low 4 bits go into the signature).
    pub scope_flags: u8,
    /// Positional parameters (including closed-over variables).
    pub n_pos_args: usize,
    /// Keyword-only parameters.
    pub n_kwonly_args: usize,
    /// Positional parameters with defaults.
    pub n_def_pos_args: usize,
    /// Qstr index of the scope's simple name.
    pub name: u32,
    /// Qstr indices of the argument names (`*` where a slot has no parameter).
    pub arg_names: Vec<u32>,
}

/// The bytecode emitter for one scope at a time.
#[derive(Debug)]
pub struct Emitter {
    /// The current pass.
    pub pass: Pass,
    suppress: bool,
    stack_size: i32,
    /// Largest stack depth seen (reset only by [`Emitter::reset_for_scope`]).
    pub max_stack: i32,
    last_line_offset: usize,
    last_line: u32,
    lines: bool,
    label_offsets: Vec<usize>,
    info: Vec<u8>,
    bc: Vec<u8>,
    n_info: usize,
    n_cell: usize,
    info_size: usize,
    bc_size: usize,
    /// Children (scope indices) in the order MAKE_FUNCTION operands refer to them.
    pub children: Vec<usize>,
    /// Set when a jump offset does not fit 15 bits.
    overflow: bool,
    /// Set when a buffer could not grow (the compile ends with MemoryError).
    pub no_memory: bool,
}

impl Emitter {
    /// A new emitter; `lines` says whether to record line numbers.
    pub fn new(lines: bool) -> Self {
        Emitter {
            pass: Pass::Scope,
            suppress: false,
            stack_size: 0,
            max_stack: 0,
            last_line_offset: 0,
            last_line: 1,
            lines,
            label_offsets: Vec::new(),
            info: Vec::new(),
            bc: Vec::new(),
            n_info: 0,
            n_cell: 0,
            info_size: 0,
            bc_size: 0,
            children: Vec::new(),
            overflow: false,
            no_memory: false,
        }
    }

    /// Forget per-scope results before the first pass over a new scope.
    pub fn reset_for_scope(&mut self) {
        self.max_stack = 0;
        self.label_offsets.clear();
        self.n_info = 0;
        self.n_cell = 0;
        self.info_size = 0;
        self.bc_size = 0;
    }

    /// Start a pass: write the signature, size, name and argument names.
    pub fn start_pass(&mut self, pass: Pass, p: &PreludeInfo) {
        self.pass = pass;
        self.stack_size = 0;
        self.suppress = false;
        self.last_line_offset = 0;
        self.last_line = 1;
        self.info.clear();
        self.bc.clear();
        self.children.clear();
        self.overflow = false;
        let sig = Signature {
            n_state: p.n_state.max(1),
            n_exc_stack: p.n_exc_stack,
            scope_flags: p.scope_flags,
            n_pos_args: p.n_pos_args,
            n_kwonly_args: p.n_kwonly_args,
            n_def_pos_args: p.n_def_pos_args,
        };
        encode_signature(&mut self.info, &sig);
        if pass >= Pass::CodeSize {
            encode_size(&mut self.info, self.n_info, self.n_cell);
        }
        self.n_info = self.info.len();
        encode_uint(&mut self.info, p.name as usize);
        for &a in &p.arg_names {
            encode_uint(&mut self.info, a as usize);
        }
    }

    /// End a pass: write the cell list. Returns false when another emit pass is needed.
    pub fn end_pass(&mut self, cells: &[u8]) -> bool {
        if self.pass == Pass::Scope {
            return true;
        }
        self.n_info = self.info.len() - self.n_info;
        self.info.extend_from_slice(cells);
        self.n_cell = cells.len();
        match self.pass {
            Pass::CodeSize => {
                self.info_size = self.info.len();
                self.bc_size = self.bc.len();
                true
            }
            Pass::Emit if self.info.len() != self.info_size || self.bc.len() != self.bc_size => {
                self.info_size = self.info.len();
                self.bc_size = self.bc.len();
                false
            }
            _ => true,
        }
    }

    /// True when a jump did not fit its encoding in the final pass.
    pub fn overflowed(&self) -> bool {
        self.overflow
    }

    /// The finished prelude + bytecode (`None` when there is no memory to join them).
    pub fn take_code(&mut self) -> Option<Vec<u8>> {
        let mut code = core::mem::take(&mut self.info);
        code.try_reserve_exact(self.bc.len()).ok()?;
        code.append(&mut self.bc);
        Some(code)
    }

    /// Append a byte to `buf`, or note that memory ran out.
    #[inline]
    fn put(no_memory: &mut bool, buf: &mut Vec<u8>, b: u8) {
        if buf.len() == buf.capacity() && buf.try_reserve(1).is_err() {
            *no_memory = true;
            return;
        }
        buf.push(b);
    }

    /// Adjust the tracked stack depth.
    pub fn adjust_stack(&mut self, delta: i32) {
        if self.pass == Pass::Scope {
            return;
        }
        self.stack_size += delta;
        if self.stack_size > self.max_stack {
            self.max_stack = self.stack_size;
        }
    }

    /// Record that the following code comes from `line`.
    pub fn set_source_line(&mut self, line: u32) {
        if !self.lines || line <= self.last_line {
            return;
        }
        let mut bytes = self.bc.len() - self.last_line_offset;
        let mut lines = (line - self.last_line) as usize;
        while bytes > 0 || lines > 0 {
            if lines <= 6 || bytes > 0xf {
                let b = bytes.min(0x1f);
                let l = if b < bytes { 0 } else { lines.min(3) };
                Self::put(&mut self.no_memory, &mut self.info, (b | (l << 5)) as u8);
                bytes -= b;
                lines -= l;
            } else {
                let b = bytes.min(0xf);
                let l = lines.min(0x7ff);
                let b0 = (0x80 | b | ((l >> 4) & 0x70)) as u8;
                Self::put(&mut self.no_memory, &mut self.info, b0);
                Self::put(&mut self.no_memory, &mut self.info, l as u8);
                bytes -= b;
                lines -= l;
            }
        }
        self.last_line_offset = self.bc.len();
        self.last_line = line;
    }

    fn raw(&mut self, b: u8) {
        if !self.suppress {
            Self::put(&mut self.no_memory, &mut self.bc, b);
        }
    }

    fn byte(&mut self, stack: i32, b: u8) {
        self.adjust_stack(stack);
        self.raw(b);
    }

    /// Make room for `n` more bytecode bytes; false (and `no_memory` set) if there is none.
    fn room(&mut self, n: usize) -> bool {
        if self.bc.try_reserve(n).is_err() {
            self.no_memory = true;
            return false;
        }
        true
    }

    fn byte_uint(&mut self, stack: i32, b: u8, val: usize) {
        self.byte(stack, b);
        if !self.suppress && self.room(10) {
            encode_uint(&mut self.bc, val);
        }
    }

    fn byte_int(&mut self, stack: i32, b: u8, num: i64) {
        self.byte(stack, b);
        if self.suppress {
            return;
        }
        let mut buf = [0u8; 10];
        let mut p = buf.len();
        let mut n = num;
        loop {
            p -= 1;
            buf[p] = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 || n == -1 || p == 0 {
                break;
            }
        }
        if n == -1 && buf[p] & 0x40 == 0 && p > 0 {
            p -= 1;
            buf[p] = 0x7f;
        } else if n == 0 && buf[p] & 0x40 != 0 && p > 0 {
            p -= 1;
            buf[p] = 0;
        }
        let last = buf.len() - 1;
        if !self.room(buf.len() - p) {
            return;
        }
        for (i, &v) in buf.iter().enumerate().skip(p) {
            self.bc.push(if i == last { v } else { v | 0x80 });
        }
    }

    fn byte_label(&mut self, stack: i32, b: u8, label: u32) {
        self.adjust_stack(stack);
        if self.suppress {
            return;
        }
        let signed = b <= op::POP_JUMP_IF_FALSE;
        let mut big = true;
        let mut off: i64 = 0;
        if self.pass >= Pass::CodeSize {
            let target = self.label_offsets.get(label as usize).copied().unwrap_or(0);
            off = target as i64 - self.bc.len() as i64 - 2;
            if (signed && (-64..=63).contains(&off)) || (!signed && (0..=127).contains(&off)) {
                big = false;
            }
            if big {
                off -= 1;
            }
        }
        if !self.room(3) {
            return;
        }
        self.bc.push(b);
        if !big {
            if signed {
                off += 0x40;
            }
            self.bc.push(off as u8);
        } else {
            if signed {
                off += 0x4000;
            }
            if self.pass == Pass::Emit && !(0..=0x7fff).contains(&off) {
                self.overflow = true;
            }
            self.bc.push(0x80 | (off & 0x7f) as u8);
            self.bc.push(((off >> 7) & 0xff) as u8);
        }
    }

    /// Place `label` here; ends any dead-code region.
    pub fn label_assign(&mut self, label: u32) {
        self.suppress = false;
        if self.pass == Pass::Scope {
            return;
        }
        let l = label as usize;
        if self.label_offsets.len() <= l {
            if self
                .label_offsets
                .try_reserve(l + 1 - self.label_offsets.len())
                .is_err()
            {
                self.no_memory = true;
                return;
            }
            self.label_offsets.resize(l + 1, 0);
        }
        self.label_offsets[l] = self.bc.len();
    }

    /// `IMPORT_NAME q` (pops level and fromlist, pushes module).
    pub fn import_name(&mut self, q: u32) {
        self.byte_uint(-1, op::IMPORT_NAME, q as usize);
    }

    /// `IMPORT_FROM q`.
    pub fn import_from(&mut self, q: u32) {
        self.byte_uint(1, op::IMPORT_FROM, q as usize);
    }

    /// `IMPORT_STAR`.
    pub fn import_star(&mut self) {
        self.byte(-1, op::IMPORT_STAR);
    }

    /// Push None, False or True.
    pub fn load_const_none(&mut self) {
        self.byte(1, op::LOAD_CONST_NONE);
    }

    /// Push a bool.
    pub fn load_const_bool(&mut self, v: bool) {
        self.byte(
            1,
            if v {
                op::LOAD_CONST_TRUE
            } else {
                op::LOAD_CONST_FALSE
            },
        );
    }

    /// Push a small int.
    pub fn load_const_small_int(&mut self, v: i64) {
        let excess = op::LOAD_CONST_SMALL_INT_MULTI_EXCESS as i64;
        let num = op::LOAD_CONST_SMALL_INT_MULTI_NUM as i64;
        if -excess <= v && v < num - excess {
            self.byte(
                1,
                (op::LOAD_CONST_SMALL_INT_MULTI as i64 + excess + v) as u8,
            );
        } else {
            self.byte_int(1, op::LOAD_CONST_SMALL_INT, v);
        }
    }

    /// Push an interned string.
    pub fn load_const_str(&mut self, q: u32) {
        self.byte_uint(1, op::LOAD_CONST_STRING, q as usize);
    }

    /// Push constant object `idx`.
    pub fn load_const_obj(&mut self, idx: u32) {
        self.byte_uint(1, op::LOAD_CONST_OBJ, idx as usize);
    }

    /// Push the NULL marker.
    pub fn load_null(&mut self) {
        self.byte(1, op::LOAD_NULL);
    }

    /// `LOAD_FAST`/`LOAD_DEREF`.
    pub fn load_local(&mut self, n: usize, deref: bool) {
        if !deref && n <= 15 {
            self.byte(1, op::LOAD_FAST_MULTI + n as u8);
        } else {
            self.byte_uint(
                1,
                if deref {
                    op::LOAD_DEREF
                } else {
                    op::LOAD_FAST_N
                },
                n,
            );
        }
    }

    /// `LOAD_NAME`/`LOAD_GLOBAL`.
    pub fn load_global(&mut self, q: u32, global: bool) {
        self.byte_uint(
            1,
            if global {
                op::LOAD_GLOBAL
            } else {
                op::LOAD_NAME
            },
            q as usize,
        );
    }

    /// `STORE_FAST`/`STORE_DEREF`.
    pub fn store_local(&mut self, n: usize, deref: bool) {
        if !deref && n <= 15 {
            self.byte(-1, op::STORE_FAST_MULTI + n as u8);
        } else {
            self.byte_uint(
                -1,
                if deref {
                    op::STORE_DEREF
                } else {
                    op::STORE_FAST_N
                },
                n,
            );
        }
    }

    /// `STORE_NAME`/`STORE_GLOBAL`.
    pub fn store_global(&mut self, q: u32, global: bool) {
        self.byte_uint(
            -1,
            if global {
                op::STORE_GLOBAL
            } else {
                op::STORE_NAME
            },
            q as usize,
        );
    }

    /// `DELETE_FAST`/`DELETE_DEREF`.
    pub fn delete_local(&mut self, n: usize, deref: bool) {
        self.byte_uint(
            0,
            if deref {
                op::DELETE_DEREF
            } else {
                op::DELETE_FAST
            },
            n,
        );
    }

    /// `DELETE_NAME`/`DELETE_GLOBAL`.
    pub fn delete_global(&mut self, q: u32, global: bool) {
        self.byte_uint(
            0,
            if global {
                op::DELETE_GLOBAL
            } else {
                op::DELETE_NAME
            },
            q as usize,
        );
    }

    /// `LOAD_METHOD`/`LOAD_SUPER_METHOD`.
    pub fn load_method(&mut self, q: u32, is_super: bool) {
        if is_super {
            self.byte_uint(-1, op::LOAD_SUPER_METHOD, q as usize);
        } else {
            self.byte_uint(1, op::LOAD_METHOD, q as usize);
        }
    }

    /// `LOAD_BUILD_CLASS`.
    pub fn load_build_class(&mut self) {
        self.byte(1, op::LOAD_BUILD_CLASS);
    }

    /// `LOAD_SUBSCR`.
    pub fn load_subscr(&mut self) {
        self.byte(-1, op::LOAD_SUBSCR);
    }

    /// `STORE_SUBSCR`.
    pub fn store_subscr(&mut self) {
        self.byte(-3, op::STORE_SUBSCR);
    }

    /// Delete a subscript: store NULL.
    pub fn delete_subscr(&mut self) {
        self.load_null();
        self.rot_three();
        self.store_subscr();
    }

    /// `LOAD_ATTR`.
    pub fn load_attr(&mut self, q: u32) {
        self.byte_uint(0, op::LOAD_ATTR, q as usize);
    }

    /// `STORE_ATTR`.
    pub fn store_attr(&mut self, q: u32) {
        self.byte_uint(-2, op::STORE_ATTR, q as usize);
    }

    /// Delete an attribute: store NULL.
    pub fn delete_attr(&mut self, q: u32) {
        self.load_null();
        self.rot_two();
        self.store_attr(q);
    }

    /// `DUP_TOP`.
    pub fn dup_top(&mut self) {
        self.byte(1, op::DUP_TOP);
    }

    /// `DUP_TOP_TWO`.
    pub fn dup_top_two(&mut self) {
        self.byte(2, op::DUP_TOP_TWO);
    }

    /// `POP_TOP`.
    pub fn pop_top(&mut self) {
        self.byte(-1, op::POP_TOP);
    }

    /// `ROT_TWO`.
    pub fn rot_two(&mut self) {
        self.byte(0, op::ROT_TWO);
    }

    /// `ROT_THREE`.
    pub fn rot_three(&mut self) {
        self.byte(0, op::ROT_THREE);
    }

    /// Unconditional `JUMP`.
    pub fn jump(&mut self, label: u32) {
        self.byte_label(0, op::JUMP, label);
        self.suppress = true;
    }

    /// `POP_JUMP_IF_TRUE`/`POP_JUMP_IF_FALSE`.
    pub fn pop_jump_if(&mut self, cond: bool, label: u32) {
        let b = if cond {
            op::POP_JUMP_IF_TRUE
        } else {
            op::POP_JUMP_IF_FALSE
        };
        self.byte_label(-1, b, label);
    }

    /// `JUMP_IF_TRUE_OR_POP`/`JUMP_IF_FALSE_OR_POP`.
    pub fn jump_if_or_pop(&mut self, cond: bool, label: u32) {
        let b = if cond {
            op::JUMP_IF_TRUE_OR_POP
        } else {
            op::JUMP_IF_FALSE_OR_POP
        };
        self.byte_label(-1, b, label);
    }

    /// Jump out of `except_depth` handler blocks (`break`/`continue`).
    pub fn unwind_jump(&mut self, label: u32, except_depth: u32) {
        let from_for = label & BREAK_FROM_FOR != 0;
        let target = label & !BREAK_FROM_FOR;
        if except_depth == 0 {
            if from_for {
                for _ in 0..ITER_BUF_NSLOTS {
                    self.raw(op::POP_TOP);
                }
            }
            self.byte_label(0, op::JUMP, target);
        } else {
            self.byte_label(0, op::UNWIND_JUMP, target);
            self.raw((if from_for { 0x80 } else { 0 }) | (except_depth as u8 & 0x7f));
        }
        self.suppress = true;
    }

    /// `SETUP_WITH` (pushes 2 more: __exit__, ctx manager, as-value replace ctx manager).
    pub fn setup_with(&mut self, label: u32) {
        self.byte_label(2, op::SETUP_WITH, label);
    }

    /// `SETUP_EXCEPT`.
    pub fn setup_except(&mut self, label: u32) {
        self.byte_label(0, op::SETUP_EXCEPT, label);
    }

    /// `SETUP_FINALLY`.
    pub fn setup_finally(&mut self, label: u32) {
        self.byte_label(0, op::SETUP_FINALLY, label);
    }

    /// Push None, place `label`, `WITH_CLEANUP`.
    pub fn with_cleanup(&mut self, label: u32) {
        self.load_const_none();
        self.label_assign(label);
        self.byte(2, op::WITH_CLEANUP);
        self.adjust_stack(-4);
    }

    /// The no-exception path and the dispatch at the start of an async-with finally block.
    pub fn async_with_setup_finally(
        &mut self,
        aexit_no_exc: u32,
        finally_block: u32,
        ret_unwind_jump: u32,
        base_exception: u32,
    ) {
        self.load_const_none();
        self.rot_two();
        self.jump(aexit_no_exc);
        self.label_assign(finally_block);
        self.dup_top();
        self.load_global(base_exception, true);
        self.binary_op(op::BINARY_EXCEPTION_MATCH);
        self.pop_jump_if(false, ret_unwind_jump);
    }

    /// `END_FINALLY`.
    pub fn end_finally(&mut self) {
        self.byte(-1, op::END_FINALLY);
    }

    /// `GET_ITER` or `GET_ITER_STACK`.
    pub fn get_iter(&mut self, use_stack: bool) {
        if use_stack {
            self.byte(ITER_BUF_NSLOTS - 1, op::GET_ITER_STACK);
        } else {
            self.byte(0, op::GET_ITER);
        }
    }

    /// `FOR_ITER label`.
    pub fn for_iter(&mut self, label: u32) {
        self.byte_label(1, op::FOR_ITER, label);
    }

    /// Account for the iterator popped at loop end.
    pub fn for_iter_end(&mut self) {
        self.adjust_stack(-ITER_BUF_NSLOTS);
    }

    /// `POP_EXCEPT_JUMP label`.
    pub fn pop_except_jump(&mut self, label: u32) {
        self.byte_label(0, op::POP_EXCEPT_JUMP, label);
        self.suppress = true;
    }

    /// A unary op (0..=3).
    pub fn unary_op(&mut self, o: u8) {
        self.byte(0, op::UNARY_OP_MULTI + o);
    }

    /// A binary op, synthesising `not in` and `is not`.
    pub fn binary_op(&mut self, o: u8) {
        let (o, invert) = match o {
            op::BINARY_NOT_IN => (op::BINARY_IN, true),
            op::BINARY_IS_NOT => (op::BINARY_IS, true),
            _ => (o, false),
        };
        self.byte(-1, op::BINARY_OP_MULTI + o);
        if invert {
            self.byte(0, op::UNARY_OP_MULTI + op::UNARY_NOT);
        }
    }

    /// `BUILD_TUPLE n`.
    pub fn build_tuple(&mut self, n: usize) {
        self.byte_uint(1 - n as i32, op::BUILD_TUPLE, n);
    }

    /// `BUILD_LIST n`.
    pub fn build_list(&mut self, n: usize) {
        self.byte_uint(1 - n as i32, op::BUILD_LIST, n);
    }

    /// `BUILD_MAP n` (n is a size hint).
    pub fn build_map(&mut self, n: usize) {
        self.byte_uint(1, op::BUILD_MAP, n);
    }

    /// `BUILD_SET n`.
    pub fn build_set(&mut self, n: usize) {
        self.byte_uint(1 - n as i32, op::BUILD_SET, n);
    }

    /// `BUILD_SLICE n`.
    pub fn build_slice(&mut self, n: usize) {
        self.byte_uint(1 - n as i32, op::BUILD_SLICE, n);
    }

    /// `STORE_MAP`.
    pub fn store_map(&mut self) {
        self.byte(-2, op::STORE_MAP);
    }

    /// `STORE_COMP` into the collection `index` slots down.
    pub fn store_comp(&mut self, kind: CompKind, index: usize) {
        let (n, t) = match kind {
            CompKind::List => (0, 0),
            CompKind::Dict => (1, 1),
            CompKind::Set => (0, 2),
        };
        self.byte_uint(-1 - n as i32, op::STORE_COMP, ((index + n) << 2) | t);
    }

    /// `UNPACK_SEQUENCE n`.
    pub fn unpack_sequence(&mut self, n: usize) {
        self.byte_uint(n as i32 - 1, op::UNPACK_SEQUENCE, n);
    }

    /// `UNPACK_EX left | right << 8`.
    pub fn unpack_ex(&mut self, left: usize, right: usize) {
        self.byte_uint((left + right) as i32, op::UNPACK_EX, left | (right << 8));
    }

    fn child(&mut self, stack: i32, b: u8, scope: usize) {
        let idx = self.children.len();
        if self.children.try_reserve(1).is_err() {
            self.no_memory = true;
        } else {
            self.children.push(scope);
        }
        self.byte_uint(stack, b, idx);
    }

    /// `MAKE_FUNCTION` or `MAKE_FUNCTION_DEFARGS` for child scope `scope`.
    pub fn make_function(&mut self, scope: usize, defaults: bool) {
        if defaults {
            self.child(-1, op::MAKE_FUNCTION_DEFARGS, scope);
        } else {
            self.child(1, op::MAKE_FUNCTION, scope);
        }
    }

    /// `MAKE_CLOSURE` or `MAKE_CLOSURE_DEFARGS` capturing `n_closed` cells.
    pub fn make_closure(&mut self, scope: usize, n_closed: usize, defaults: bool) {
        if defaults {
            self.child(-2 - n_closed as i32 + 1, op::MAKE_CLOSURE_DEFARGS, scope);
        } else {
            self.child(1 - n_closed as i32, op::MAKE_CLOSURE, scope);
        }
        self.raw(n_closed as u8);
    }

    fn call_helper(&mut self, stack: i32, base: u8, n_pos: usize, n_kw: usize, star: bool) {
        let arg = (n_kw << 8) | n_pos;
        if star {
            let s = stack - n_pos as i32 - 2 * n_kw as i32 - 1;
            self.byte_uint(s, base + 1, arg);
        } else {
            let s = stack - n_pos as i32 - 2 * n_kw as i32;
            self.byte_uint(s, base, arg);
        }
    }

    /// `CALL_FUNCTION` or `CALL_FUNCTION_VAR_KW`.
    pub fn call_function(&mut self, n_pos: usize, n_kw: usize, star: bool) {
        self.call_helper(0, op::CALL_FUNCTION, n_pos, n_kw, star);
    }

    /// `CALL_METHOD` or `CALL_METHOD_VAR_KW`.
    pub fn call_method(&mut self, n_pos: usize, n_kw: usize, star: bool) {
        self.call_helper(-1, op::CALL_METHOD, n_pos, n_kw, star);
    }

    /// `RETURN_VALUE`.
    pub fn return_value(&mut self) {
        self.byte(-1, op::RETURN_VALUE);
        self.suppress = true;
    }

    /// `RAISE_LAST`, `RAISE_OBJ` or `RAISE_FROM` for 0, 1 or 2 arguments.
    pub fn raise_varargs(&mut self, n: u8) {
        self.byte(-(n as i32), op::RAISE_LAST + n);
        self.suppress = true;
    }

    /// `YIELD_VALUE` (from = false) or `YIELD_FROM`.
    pub fn yield_(&mut self, from: bool) {
        if from {
            self.byte(-1, op::YIELD_FROM);
        } else {
            self.byte(0, op::YIELD_VALUE);
        }
    }

    /// Stack effect of entering an exception handler.
    pub fn start_except_handler(&mut self) {
        self.adjust_stack(4);
    }

    /// Stack effect of leaving an exception handler.
    pub fn end_except_handler(&mut self) {
        self.adjust_stack(-3);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn uint_encoding_is_msb_first() {
        let mut v = vec![];
        encode_uint(&mut v, 0);
        encode_uint(&mut v, 127);
        encode_uint(&mut v, 128);
        encode_uint(&mut v, 300);
        assert_eq!(v, [0x00, 0x7f, 0x81, 0x00, 0x82, 0x2c]);
    }

    #[test]
    fn signed_int_operand() {
        let mut e = Emitter::new(true);
        e.start_pass(Pass::Emit, &PreludeInfo::default());
        let start = e.bc.len();
        e.load_const_small_int(100);
        e.load_const_small_int(-100);
        e.load_const_small_int(64);
        assert_eq!(
            &e.bc[start..],
            [0x22, 0x80, 0x64, 0x22, 0xff, 0x1c, 0x22, 0x80, 0x40]
        );
    }

    #[test]
    fn signature_of_small_module() {
        let mut e = Emitter::new(true);
        e.start_pass(
            Pass::Emit,
            &PreludeInfo {
                n_state: 3,
                ..Default::default()
            },
        );
        assert_eq!(e.info[0], 0x10);
        let mut v = vec![];
        encode_size(&mut v, 2, 0);
        assert_eq!(v, [0x04]);
    }

    #[test]
    fn line_table_entries() {
        let mut e = Emitter::new(true);
        e.start_pass(Pass::Emit, &PreludeInfo::default());
        let base = e.info.len();
        e.pop_top();
        e.pop_top();
        e.pop_top();
        e.set_source_line(2);
        e.set_source_line(100);
        assert_eq!(&e.info[base..], [0x23, 0x80, 98]);
    }

    #[test]
    fn const_dedup_is_strict() {
        let mut t = Tables::new("f.py");
        assert_eq!(t.constant(Const::Float(0.0)), 0);
        assert_eq!(t.constant(Const::Float(-0.0)), 1);
        assert_eq!(t.constant(Const::Float(0.0)), 0);
        assert_eq!(t.constant(Const::Str("abc".into())), 2);
        assert_eq!(t.qstr("f.py"), 0);
        assert_eq!(t.qstr("x"), 1);
    }
}
