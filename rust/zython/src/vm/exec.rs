//! The bytecode dispatch loop.
//!
//! Python-to-Python calls push a frame and continue in the same loop, so deep Python
//! recursion costs heap (frames, value stack), never native stack. The loop returns when the
//! frame at depth `stop` returns, yields, or lets an exception escape.
//!
//! Stack convention: `sp` is the index of the next free value-stack slot; TOS is `sp - 1`.
//! Exception-handler and finally semantics follow MicroPython's VM exactly (same bytecode).

use super::frame::{Frame, Handler};
use super::{PyErr, PyResult, Vm};
use crate::bytecode::op;
use crate::interrupt;
use crate::obj::{Function, Obj};
use crate::qstr::Qstr;
use crate::types::exceptions as ex;
use crate::value::Value;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;

/// How a run of the loop ended.
#[derive(Debug, Clone, Copy)]
pub enum Exit {
    /// The stop frame returned this value.
    Return(Value),
    /// The stop frame (a generator) yielded this value.
    Yield(Value),
}

enum Flow {
    /// A new frame was pushed: continue with it.
    Switch,
    Return(Value),
    Yield(Value),
}

/// Slots a for-loop iterator occupies on the value stack (MicroPython's MP_OBJ_ITER_BUF_NSLOTS).
const ITER_SLOTS: usize = 4;

#[inline(always)]
fn uint(bc: &[u8], ip: &mut usize) -> Option<usize> {
    // Most operands are below 128: one byte.
    let b = *bc.get(*ip)?;
    if b & 0x80 == 0 {
        *ip += 1;
        return Some(b as usize);
    }
    super::code::read_uint(bc, ip)
}

// The dispatch `match` names every opcode value by itself, with no range patterns (those
// compile to a chain of range tests after the jump table): it becomes one jump table over
// all 256 values, with no bounds test. These macros are the "multi" opcode ranges and the
// undefined opcodes, as patterns.

/// LOAD_CONST_SMALL_INT_MULTI: 0x70..=0xaf.
macro_rules! small_int_opcodes {
    () => {
        0x70 | 0x71
            | 0x72
            | 0x73
            | 0x74
            | 0x75
            | 0x76
            | 0x77
            | 0x78
            | 0x79
            | 0x7a
            | 0x7b
            | 0x7c
            | 0x7d
            | 0x7e
            | 0x7f
            | 0x80
            | 0x81
            | 0x82
            | 0x83
            | 0x84
            | 0x85
            | 0x86
            | 0x87
            | 0x88
            | 0x89
            | 0x8a
            | 0x8b
            | 0x8c
            | 0x8d
            | 0x8e
            | 0x8f
            | 0x90
            | 0x91
            | 0x92
            | 0x93
            | 0x94
            | 0x95
            | 0x96
            | 0x97
            | 0x98
            | 0x99
            | 0x9a
            | 0x9b
            | 0x9c
            | 0x9d
            | 0x9e
            | 0x9f
            | 0xa0
            | 0xa1
            | 0xa2
            | 0xa3
            | 0xa4
            | 0xa5
            | 0xa6
            | 0xa7
            | 0xa8
            | 0xa9
            | 0xaa
            | 0xab
            | 0xac
            | 0xad
            | 0xae
            | 0xaf
    };
}

/// LOAD_FAST_MULTI: 0xb0..=0xbf.
macro_rules! load_fast_opcodes {
    () => {
        0xb0 | 0xb1
            | 0xb2
            | 0xb3
            | 0xb4
            | 0xb5
            | 0xb6
            | 0xb7
            | 0xb8
            | 0xb9
            | 0xba
            | 0xbb
            | 0xbc
            | 0xbd
            | 0xbe
            | 0xbf
    };
}

/// STORE_FAST_MULTI: 0xc0..=0xcf.
macro_rules! store_fast_opcodes {
    () => {
        0xc0 | 0xc1
            | 0xc2
            | 0xc3
            | 0xc4
            | 0xc5
            | 0xc6
            | 0xc7
            | 0xc8
            | 0xc9
            | 0xca
            | 0xcb
            | 0xcc
            | 0xcd
            | 0xce
            | 0xcf
    };
}

/// UNARY_OP_MULTI: 0xd0..=0xd6.
macro_rules! unary_opcodes {
    () => {
        0xd0 | 0xd1 | 0xd2 | 0xd3 | 0xd4 | 0xd5 | 0xd6
    };
}

/// BINARY_OP_MULTI: 0xd7..=0xf9.
macro_rules! binary_opcodes {
    () => {
        0xd7 | 0xd8
            | 0xd9
            | 0xda
            | 0xdb
            | 0xdc
            | 0xdd
            | 0xde
            | 0xdf
            | 0xe0
            | 0xe1
            | 0xe2
            | 0xe3
            | 0xe4
            | 0xe5
            | 0xe6
            | 0xe7
            | 0xe8
            | 0xe9
            | 0xea
            | 0xeb
            | 0xec
            | 0xed
            | 0xee
            | 0xef
            | 0xf0
            | 0xf1
            | 0xf2
            | 0xf3
            | 0xf4
            | 0xf5
            | 0xf6
            | 0xf7
            | 0xf8
            | 0xf9
    };
}

/// Opcode values MicroPython does not define.
macro_rules! invalid_opcodes {
    () => {
        0x00 | 0x01
            | 0x02
            | 0x03
            | 0x04
            | 0x05
            | 0x06
            | 0x07
            | 0x08
            | 0x09
            | 0x0a
            | 0x0b
            | 0x0c
            | 0x0d
            | 0x0e
            | 0x0f
            | 0x1d
            | 0x1e
            | 0x1f
            | 0x38
            | 0x39
            | 0x3a
            | 0x3b
            | 0x3c
            | 0x3d
            | 0x3e
            | 0x3f
            | 0x41
            | 0x4c
            | 0x4d
            | 0x4e
            | 0x4f
            | 0x60
            | 0x61
            | 0x6a
            | 0x6b
            | 0x6c
            | 0x6d
            | 0x6e
            | 0x6f
            | 0xfa
            | 0xfb
            | 0xfc
            | 0xfd
            | 0xfe
            | 0xff
    };
}

#[inline]
fn ulabel(bc: &[u8], ip: &mut usize) -> Option<usize> {
    let b0 = *bc.get(*ip)? as usize;
    if b0 & 0x80 != 0 {
        let b1 = *bc.get(*ip + 1)? as usize;
        *ip += 2;
        Some((b0 & 0x7f) | (b1 << 7))
    } else {
        *ip += 1;
        Some(b0)
    }
}

#[inline]
fn slabel(bc: &[u8], ip: &mut usize) -> Option<isize> {
    let b0 = *bc.get(*ip)? as usize;
    if b0 & 0x80 != 0 {
        let b1 = *bc.get(*ip + 1)? as usize;
        *ip += 2;
        Some(((b0 & 0x7f) | (b1 << 7)) as isize - 0x4000)
    } else {
        *ip += 1;
        Some(b0 as isize - 0x40)
    }
}

/// An interpreter-internal index was out of range (the validator and the dispatch loop's
/// own checks rule this out): one shared failure instead of a panic location per site.
#[cold]
#[inline(never)]
fn internal_fault() -> ! {
    panic!("zython: internal VM index out of range")
}

impl Vm {
    /// The value stack slot `i`.
    #[inline(always)]
    pub(super) fn sv(&self, i: usize) -> Value {
        match self.stack.get(i) {
            Some(v) => *v,
            None => internal_fault(),
        }
    }

    /// The value stack slot `i`, to write.
    #[inline(always)]
    pub(super) fn sv_mut(&mut self, i: usize) -> &mut Value {
        match self.stack.get_mut(i) {
            Some(v) => v,
            None => internal_fault(),
        }
    }

    /// Value stack slots `a..b`.
    #[inline(always)]
    pub(super) fn sslice(&self, a: usize, b: usize) -> &[Value] {
        match self.stack.get(a..b) {
            Some(v) => v,
            None => internal_fault(),
        }
    }

    /// The frame at depth `fi`.
    #[inline(always)]
    pub(super) fn fr(&self, fi: usize) -> &Frame {
        match self.frames.get(fi) {
            Some(f) => f,
            None => internal_fault(),
        }
    }

    /// The frame at depth `fi`, to change.
    #[inline(always)]
    pub(super) fn fr_mut(&mut self, fi: usize) -> &mut Frame {
        match self.frames.get_mut(fi) {
            Some(f) => f,
            None => internal_fault(),
        }
    }

    /// Run frames until the one at depth `stop` finishes (returns, yields or raises).
    // The opcode patterns list values one by one on purpose (see `small_int_opcodes`).
    #[allow(clippy::manual_range_patterns)]
    pub fn run(&mut self, stop: usize) -> PyResult<Exit> {
        let mut pending: Option<PyErr> = None;
        let mut inject = core::mem::replace(&mut self.inject, Value::NULL);
        if !inject.is_null() {
            let at_yield_from = self
                .frames
                .last()
                .map(|f| f.code.bytes.get(f.ip) == Some(&op::YIELD_FROM))
                .unwrap_or(false);
            if !at_yield_from {
                pending = Some(match self.make_raise_obj(inject) {
                    Ok(e) => PyErr(e),
                    Err(e) => e,
                });
                inject = Value::NULL;
            }
        }
        'frames: loop {
            let fi = match self.frames.len().checked_sub(1) {
                Some(i) if i >= stop => i,
                _ => return Err(self.runtime_error("internal: frame stack underflow")),
            };
            let code: Rc<super::code::Code> = self.fr(fi).code.clone();
            let ctx = self.fr(fi).ctx;
            let qstrs: Rc<[Qstr]> = self.fr(fi).qstrs.clone();
            let bc: &[u8] = &code.bytes;
            // Identifies this code object in the lookup cache.
            let code_tag = Rc::as_ptr(&code) as *const u8 as usize;
            let base = self.fr(fi).base;
            let n_state = code.n_state as usize;
            let top = base + n_state;
            let globals = self.fr(fi).globals;
            let mut ip = self.fr(fi).ip;
            let mut sp = self.fr(fi).sp;
            let mut op_ip: usize;

            let result: Result<Flow, PyErr> = match pending.take() {
                Some(e) => Err(e),
                None => 'dispatch: loop {
                    macro_rules! save {
                        () => {{
                            let f = self.fr_mut(fi);
                            f.ip = ip;
                            f.sp = sp;
                            f.op_ip = op_ip;
                        }};
                    }
                    macro_rules! fail {
                        ($e:expr) => {{
                            let e: PyErr = $e;
                            save!();
                            break 'dispatch Err(e);
                        }};
                    }
                    macro_rules! tri {
                        ($e:expr) => {
                            match $e {
                                Ok(v) => v,
                                Err(e) => fail!(e),
                            }
                        };
                    }
                    macro_rules! bad {
                        () => {
                            fail!(self.runtime_error("invalid bytecode"))
                        };
                    }
                    macro_rules! opt {
                        ($e:expr) => {
                            match $e {
                                Some(v) => v,
                                None => bad!(),
                            }
                        };
                    }
                    // The running frame's state is the last `n_state` slots of the value stack
                    // (`self.stack.len() == top`: frames are pushed on top and truncated on
                    // return), so checking an index against the stack's length also keeps it
                    // inside this frame from above; pops and peeks are kept above `base`.
                    macro_rules! push {
                        ($v:expr) => {{
                            let v: Value = $v;
                            match self.stack.get_mut(sp) {
                                Some(s) => *s = v,
                                None => bad!(),
                            }
                            sp += 1;
                        }};
                    }
                    macro_rules! pop {
                        () => {{
                            if sp <= base {
                                bad!();
                            }
                            sp -= 1;
                            match self.stack.get(sp) {
                                Some(v) => *v,
                                None => bad!(),
                            }
                        }};
                    }
                    macro_rules! peek {
                        ($n:expr) => {{
                            let n: usize = $n;
                            if sp < base + 1 + n {
                                bad!();
                            }
                            match self.stack.get(sp - 1 - n) {
                                Some(v) => *v,
                                None => bad!(),
                            }
                        }};
                    }
                    macro_rules! set_top {
                        ($v:expr) => {{
                            let v: Value = $v;
                            if sp <= base {
                                bad!();
                            }
                            match self.stack.get_mut(sp - 1) {
                                Some(s) => *s = v,
                                None => bad!(),
                            }
                        }};
                    }
                    // The slot of local `n`. The validator proves `n < n_state` for loaded
                    // code (and the compiler emits no other); an index past the state wraps
                    // below `base` or far above the stack, where it is still checked.
                    macro_rules! local {
                        ($n:expr) => {{
                            let n: usize = $n;
                            top.wrapping_sub(1).wrapping_sub(n)
                        }};
                    }
                    macro_rules! load_local {
                        ($slot:expr) => {{
                            match self.stack.get($slot) {
                                Some(v) => *v,
                                None => bad!(),
                            }
                        }};
                    }
                    macro_rules! store_local {
                        ($slot:expr, $v:expr) => {{
                            let v: Value = $v;
                            match self.stack.get_mut($slot) {
                                Some(s) => *s = v,
                                None => bad!(),
                            }
                        }};
                    }
                    macro_rules! qstr_arg {
                        () => {{
                            let i = opt!(uint(bc, &mut ip));
                            *opt!(qstrs.get(i))
                        }};
                    }
                    macro_rules! safe_point {
                        (call) => {{
                            if self.heap.gc_wanted && !self.heap.disabled {
                                save!();
                                self.collect();
                            }
                            if interrupt::take() {
                                fail!(self.new_exception(&ex::KEYBOARD_INTERRUPT, ""));
                            }
                        }};
                        () => {{
                            self.heap.tick();
                            safe_point!(call);
                            // Callbacks queued by micropython.schedule run at jumps (as in
                            // MicroPython, not at calls).
                            if crate::modules::micropython::pending() {
                                save!();
                                tri!(crate::modules::micropython::run_scheduled(self));
                            }
                        }};
                    }

                    op_ip = ip;
                    // Every instruction boundary is a safe point for the collector.
                    if self.heap.gc_wanted && !self.heap.disabled {
                        save!();
                        self.collect();
                    }
                    let opcode = opt!(bc.get(ip).copied());
                    ip += 1;
                    match opcode {
                        op::LOAD_CONST_FALSE => push!(Value::FALSE),
                        op::LOAD_CONST_NONE => push!(Value::NONE),
                        op::LOAD_CONST_TRUE => push!(Value::TRUE),
                        op::LOAD_CONST_SMALL_INT => {
                            let first = opt!(bc.get(ip).copied());
                            let mut num: i64 = if first & 0x40 != 0 { -1 } else { 0 };
                            let mut n = 0;
                            loop {
                                let b = opt!(bc.get(ip).copied());
                                ip += 1;
                                num = num.wrapping_shl(7) | (b & 0x7f) as i64;
                                n += 1;
                                if b & 0x80 == 0 || n > 10 {
                                    break;
                                }
                            }
                            let v = tri!(self.new_int(num));
                            push!(v);
                        }
                        op::LOAD_CONST_STRING => {
                            let q = qstr_arg!();
                            push!(Value::qstr(q));
                        }
                        op::LOAD_CONST_OBJ => {
                            let i = opt!(uint(bc, &mut ip));
                            let v = match self.heap.get(ctx) {
                                Some(Obj::Context(c)) => c.consts.get(i).copied(),
                                _ => None,
                            };
                            push!(opt!(v));
                        }
                        op::LOAD_NULL => push!(Value::NULL),
                        op::LOAD_FAST_N => {
                            let n = opt!(uint(bc, &mut ip));
                            let v = load_local!(local!(n));
                            if v.is_null() {
                                fail!(self.new_exception(
                                    &ex::NAME_ERROR,
                                    "local variable referenced before assignment"
                                ));
                            }
                            push!(v);
                        }
                        op::LOAD_DEREF => {
                            let n = opt!(uint(bc, &mut ip));
                            let cell = load_local!(local!(n));
                            let v = match self.heap.get(cell) {
                                Some(Obj::Cell(v)) => *v,
                                _ => Value::NULL,
                            };
                            if v.is_null() {
                                fail!(self.new_exception(
                                    &ex::NAME_ERROR,
                                    "local variable referenced before assignment"
                                ));
                            }
                            push!(v);
                        }
                        op::LOAD_NAME => {
                            let q = qstr_arg!();
                            let locals = self.fr(fi).locals;
                            let found = if locals == globals {
                                None
                            } else {
                                self.dict_get_qstr(locals, q)
                            };
                            let v = match found {
                                Some(v) => v,
                                None => match self.dict_get_qstr(globals, q) {
                                    Some(v) => v,
                                    None => tri!(self.load_builtin(q)),
                                },
                            };
                            push!(v);
                        }
                        op::LOAD_GLOBAL => {
                            let q = qstr_arg!();
                            let slot = (code_tag ^ op_ip).wrapping_mul(0x9e37_79b9);
                            let v = match self.dict_get_qstr_cached(globals, q, slot) {
                                Some(v) => v,
                                // A builtin: through the cache too (its own slot).
                                None => match self.dict_get_qstr_cached(
                                    self.builtins,
                                    q,
                                    slot.wrapping_add(1),
                                ) {
                                    Some(v) => v,
                                    None => tri!(self.load_builtin(q)),
                                },
                            };
                            push!(v);
                        }
                        op::LOAD_ATTR => {
                            let q = qstr_arg!();
                            let obj = peek!(0);
                            if let Some(v) = self.instance_attr_fast(obj, q) {
                                set_top!(v);
                                continue;
                            }
                            save!();
                            let v = tri!(self.getattr(obj, q));
                            set_top!(v);
                        }
                        op::LOAD_METHOD => {
                            let q = qstr_arg!();
                            let obj = peek!(0);
                            let m = match self.instance_method_fast(obj, q) {
                                Some(m) => m,
                                None => {
                                    save!();
                                    tri!(self.load_method(obj, q))
                                }
                            };
                            set_top!(m.func);
                            push!(m.self_);
                        }
                        op::LOAD_SUPER_METHOD => {
                            let q = qstr_arg!();
                            let obj = peek!(0);
                            let cls = peek!(1);
                            save!();
                            let m = tri!(self.super_lookup(cls, obj, q));
                            // (super, class, self) -> (method, self)
                            sp -= 2;
                            set_top!(m.func);
                            push!(m.self_);
                        }
                        op::LOAD_BUILD_CLASS => {
                            // builtins.__build_class__ may be replaced by the program.
                            let b = self
                                .dict_get_qstr(self.builtins, crate::qstr::q::__BUILD_CLASS__)
                                .unwrap_or(Value::from_static(&crate::builtins::BUILD_CLASS));
                            push!(b);
                        }
                        op::LOAD_SUBSCR => {
                            // Operands stay on the stack (rooted) while Python code may run.
                            let index = peek!(0);
                            let obj = peek!(1);
                            if let Some(v) = self.getitem_fast(obj, index) {
                                sp -= 1;
                                set_top!(v);
                                continue;
                            }
                            save!();
                            let v = tri!(self.getitem(obj, index));
                            sp -= 1;
                            set_top!(v);
                        }
                        op::STORE_FAST_N => {
                            let n = opt!(uint(bc, &mut ip));
                            let slot = local!(n);
                            let v = pop!();
                            store_local!(slot, v);
                        }
                        op::STORE_DEREF => {
                            let n = opt!(uint(bc, &mut ip));
                            let cell = load_local!(local!(n));
                            let v = pop!();
                            if let Some(Obj::Cell(c)) = self.heap.get_mut(cell) {
                                *c = v;
                            } else {
                                bad!();
                            }
                        }
                        op::STORE_NAME => {
                            let q = qstr_arg!();
                            let v = pop!();
                            let locals = self.fr(fi).locals;
                            tri!(self.dict_set_str(locals, q, v));
                        }
                        op::STORE_GLOBAL => {
                            let q = qstr_arg!();
                            let v = pop!();
                            tri!(self.dict_set_str(globals, q, v));
                        }
                        op::STORE_ATTR => {
                            let q = qstr_arg!();
                            let obj = peek!(0);
                            let v = peek!(1);
                            save!();
                            // `del obj.attr` compiles to STORE_ATTR with a NULL value.
                            if v.is_null() {
                                tri!(self.delattr(obj, q));
                            } else {
                                tri!(self.setattr(obj, q, v));
                            }
                            sp -= 2;
                        }
                        op::STORE_SUBSCR => {
                            let index = peek!(0);
                            let obj = peek!(1);
                            let v = peek!(2);
                            if !v.is_null() && self.setitem_fast(obj, index, v) {
                                sp -= 3;
                                continue;
                            }
                            save!();
                            // `del obj[index]` compiles to STORE_SUBSCR with a NULL value.
                            if v.is_null() {
                                tri!(self.delitem(obj, index));
                            } else {
                                tri!(self.setitem(obj, index, v));
                            }
                            sp -= 3;
                        }
                        op::DELETE_FAST => {
                            let n = opt!(uint(bc, &mut ip));
                            let slot = local!(n);
                            if load_local!(slot).is_null() {
                                fail!(self.new_exception(
                                    &ex::NAME_ERROR,
                                    "local variable referenced before assignment"
                                ));
                            }
                            store_local!(slot, Value::NULL);
                        }
                        op::DELETE_DEREF => {
                            let n = opt!(uint(bc, &mut ip));
                            let cell = load_local!(local!(n));
                            let ok = match self.heap.get_mut(cell) {
                                Some(Obj::Cell(c)) if !c.is_null() => {
                                    *c = Value::NULL;
                                    true
                                }
                                _ => false,
                            };
                            if !ok {
                                fail!(self.new_exception(
                                    &ex::NAME_ERROR,
                                    "local variable referenced before assignment"
                                ));
                            }
                        }
                        op::DELETE_NAME | op::DELETE_GLOBAL => {
                            let q = qstr_arg!();
                            let d = if opcode == op::DELETE_NAME {
                                self.fr(fi).locals
                            } else {
                                globals
                            };
                            let key = Value::qstr(q);
                            let h = self.qstrs.hash(q);
                            let pos = tri!(self.dict_find(d, key, h));
                            match pos {
                                Some(p) => {
                                    if let Some(Obj::Dict(dd)) = self.heap.get_mut(d) {
                                        dd.remove_at(p);
                                    }
                                }
                                None => fail!(self.name_error(q)),
                            }
                        }
                        op::DUP_TOP => {
                            let v = peek!(0);
                            push!(v);
                        }
                        op::DUP_TOP_TWO => {
                            let a = peek!(1);
                            let b = peek!(0);
                            push!(a);
                            push!(b);
                        }
                        op::POP_TOP => {
                            let _ = pop!();
                        }
                        op::ROT_TWO => {
                            let a = peek!(0);
                            let b = peek!(1);
                            *self.sv_mut(sp - 1) = b;
                            *self.sv_mut(sp - 2) = a;
                        }
                        op::ROT_THREE => {
                            let t = peek!(0);
                            let s = peek!(1);
                            let r = peek!(2);
                            *self.sv_mut(sp - 1) = s;
                            *self.sv_mut(sp - 2) = r;
                            *self.sv_mut(sp - 3) = t;
                        }
                        op::JUMP => {
                            let off = opt!(slabel(bc, &mut ip));
                            ip = opt!(ip.checked_add_signed(off));
                            if off < 0 {
                                safe_point!();
                            }
                        }
                        op::POP_JUMP_IF_TRUE | op::POP_JUMP_IF_FALSE => {
                            let off = opt!(slabel(bc, &mut ip));
                            let v = pop!();
                            let t = if v == Value::TRUE {
                                true
                            } else if v == Value::FALSE {
                                false
                            } else {
                                save!();
                                tri!(self.truthy(v))
                            };
                            if t == (opcode == op::POP_JUMP_IF_TRUE) {
                                ip = opt!(ip.checked_add_signed(off));
                                if off < 0 {
                                    safe_point!();
                                }
                            }
                        }
                        op::JUMP_IF_TRUE_OR_POP | op::JUMP_IF_FALSE_OR_POP => {
                            let off = opt!(ulabel(bc, &mut ip));
                            let v = peek!(0);
                            save!();
                            let t = tri!(self.truthy(v));
                            if t == (opcode == op::JUMP_IF_TRUE_OR_POP) {
                                ip += off;
                            } else {
                                sp -= 1;
                            }
                        }
                        op::SETUP_WITH => {
                            let off = opt!(ulabel(bc, &mut ip));
                            let mgr = peek!(0);
                            save!();
                            let exit = tri!(self.load_method(mgr, crate::qstr::q::__EXIT__));
                            let enter = tri!(self.load_method(mgr, crate::qstr::q::__ENTER__));
                            *self.sv_mut(sp - 1) = exit.func;
                            push!(if exit.self_.is_null() {
                                Value::NULL
                            } else {
                                exit.self_
                            });
                            save!();
                            let r = tri!(self.call_bound(enter, &[]));
                            self.fr_mut(fi).handlers.push(Handler {
                                handler: ip + off,
                                sp,
                                finally: true,
                                prev_exc: Value::NULL,
                            });
                            push!(r);
                        }
                        op::WITH_CLEANUP => {
                            if sp < base + 3 {
                                bad!();
                            }
                            let t = sp - 1;
                            let tos = self.sv(t);
                            save!();
                            if tos == Value::NONE {
                                let m = super::attr::Method {
                                    func: self.sv(t - 2),
                                    self_: self.sv(t - 1),
                                };
                                tri!(self.call_bound(m, &[Value::NONE, Value::NONE, Value::NONE]));
                                *self.sv_mut(t - 2) = Value::NONE;
                                sp = t - 1;
                            } else if tos.is_small_int() {
                                if sp < base + 4 {
                                    bad!();
                                }
                                let data = self.sv(t - 1);
                                let m = super::attr::Method {
                                    func: self.sv(t - 3),
                                    self_: self.sv(t - 2),
                                };
                                tri!(self.call_bound(m, &[Value::NONE, Value::NONE, Value::NONE]));
                                *self.sv_mut(t - 3) = data;
                                *self.sv_mut(t - 2) = tos;
                                sp = t - 1;
                            } else {
                                let exc = tos;
                                let ty = crate::types::type_of(self, exc);
                                let m = super::attr::Method {
                                    func: self.sv(t - 2),
                                    self_: self.sv(t - 1),
                                };
                                let r = tri!(self.call_bound(m, &[ty, exc, Value::NONE]));
                                let swallow = tri!(self.truthy(r));
                                *self.sv_mut(t - 2) = if swallow { Value::NONE } else { exc };
                                sp = t - 1;
                            }
                        }
                        op::UNWIND_JUMP => {
                            let off = opt!(slabel(bc, &mut ip));
                            let dest = opt!(ip.checked_add_signed(off));
                            let unum = opt!(bc.get(ip).copied());
                            push!(Value::small_int(dest as isize));
                            push!(Value::small_int(unum as isize));
                            match self.unwind_jump(fi, &mut sp, op_ip) {
                                Ok(Some(new_ip)) => ip = new_ip,
                                Ok(None) => bad!(),
                                Err(e) => fail!(e),
                            }
                            safe_point!();
                        }
                        op::SETUP_EXCEPT | op::SETUP_FINALLY => {
                            let off = opt!(ulabel(bc, &mut ip));
                            self.fr_mut(fi).handlers.push(Handler {
                                handler: ip + off,
                                sp,
                                finally: opcode == op::SETUP_FINALLY,
                                prev_exc: Value::NULL,
                            });
                        }
                        op::END_FINALLY => {
                            self.fr_mut(fi).handlers.pop();
                            let tos = peek!(0);
                            if tos == Value::NONE {
                                sp -= 1;
                            } else if let Some(cause) = tos.as_small_int() {
                                sp -= 1;
                                if cause < 0 {
                                    // Continue a return through this finally.
                                    match self.unwind_return(fi, &mut sp, op_ip) {
                                        Ok(Some(h)) => {
                                            ip = h;
                                        }
                                        Ok(None) => {
                                            let v = peek!(0);
                                            save!();
                                            break 'dispatch Ok(Flow::Return(v));
                                        }
                                        Err(e) => fail!(e),
                                    }
                                } else {
                                    push!(Value::small_int(cause));
                                    match self.unwind_jump(fi, &mut sp, op_ip) {
                                        Ok(Some(new_ip)) => ip = new_ip,
                                        Ok(None) => bad!(),
                                        Err(e) => fail!(e),
                                    }
                                }
                            } else {
                                save!();
                                break 'dispatch Err(PyErr(tos));
                            }
                        }
                        op::GET_ITER => {
                            let v = peek!(0);
                            save!();
                            let it = tri!(self.get_iter(v));
                            set_top!(it);
                        }
                        op::GET_ITER_STACK => {
                            let v = peek!(0);
                            // Builtin sequences, dicts, sets and ranges are iterated in place,
                            // with the next position or value in slot 1 (MicroPython's
                            // iter_buf): a for loop over them allocates no iterator.
                            let start = self.in_place_start(v);
                            match start.and_then(|i: isize| Value::try_small_int(i as i64)) {
                                Some(i) => push!(i),
                                None => {
                                    save!();
                                    let it = tri!(self.get_iter(v));
                                    set_top!(it);
                                    push!(Value::NULL);
                                }
                            }
                            push!(Value::NULL);
                            push!(Value::NULL);
                        }
                        op::FOR_ITER => {
                            let off = opt!(ulabel(bc, &mut ip));
                            if sp < base + ITER_SLOTS {
                                bad!();
                            }
                            // Slot 0 holds the iterator, or NULL when slot 1 does (the
                            // layout a generator expression builds from its argument), or a
                            // tuple, list or range with its position in slot 1.
                            let mut it = self.sv(sp - ITER_SLOTS);
                            let pos = self.sv(sp - ITER_SLOTS + 1);
                            if let (false, Some(p)) = (it.is_null(), pos.as_small_int()) {
                                let next = match self.heap.get(it) {
                                    Some(Obj::Tuple(t)) => t.get(p as usize).map(|&v| (v, p + 1)),
                                    Some(Obj::List(l)) => l.get(p as usize).map(|&v| (v, p + 1)),
                                    Some(&Obj::Range(_, stop, step)) => {
                                        let more = if step > 0 { p < stop } else { p > stop };
                                        match (more, p.checked_add(step)) {
                                            (true, Some(n)) => Some((Value::small_int(p), n)),
                                            // The step would overflow: this is the last value.
                                            (true, None) => Some((Value::small_int(p), stop)),
                                            (false, _) => None,
                                        }
                                    }
                                    // str, bytes, bytearray, dict, set, array.
                                    _ => {
                                        save!();
                                        tri!(self.in_place_next(it, p))
                                    }
                                };
                                match next.map(|(v, n)| (v, Value::try_small_int(n as i64))) {
                                    Some((v, Some(n))) => {
                                        *self.sv_mut(sp - ITER_SLOTS + 1) = n;
                                        push!(v);
                                    }
                                    Some((v, None)) => {
                                        // The next range value is not a small int: continue
                                        // with a heap iterator from there.
                                        *self.sv_mut(sp - ITER_SLOTS + 1) = Value::NULL;
                                        if let Some(&Obj::Range(_, stop, step)) = self.heap.get(it)
                                        {
                                            let next = p.saturating_add(step);
                                            save!();
                                            let r = tri!(self.alloc(Obj::Range(next, stop, step)));
                                            *self.sv_mut(sp - ITER_SLOTS) = r;
                                            let ri = tri!(self.get_iter(r));
                                            *self.sv_mut(sp - ITER_SLOTS) = ri;
                                        }
                                        push!(v);
                                    }
                                    None => {
                                        sp -= ITER_SLOTS;
                                        ip += off;
                                    }
                                }
                                safe_point!();
                                continue;
                            }
                            if it.is_null() {
                                it = pos;
                            }
                            save!();
                            // Fast paths for range and sequence iterators.
                            let next = match self.heap.get_mut(it) {
                                Some(Obj::Iter(st)) => match &mut **st {
                                    crate::obj::Iter::Range { cur, stop, step } => {
                                        let more = (*step > 0 && *cur < *stop)
                                            || (*step < 0 && *cur > *stop);
                                        match Value::try_small_int(*cur as i64) {
                                            Some(v) if more => {
                                                *cur = cur.checked_add(*step).unwrap_or(*stop);
                                                Some(Some(v))
                                            }
                                            // Values past the small-int range: the general path.
                                            Some(_) | None if more => None,
                                            _ => Some(None),
                                        }
                                    }
                                    _ => None,
                                },
                                _ => None,
                            };
                            let next = match next {
                                Some(n) => n,
                                None => tri!(self.iter_next(it)),
                            };
                            match next {
                                Some(v) => push!(v),
                                None => {
                                    sp -= ITER_SLOTS;
                                    ip += off;
                                }
                            }
                            safe_point!();
                        }
                        op::POP_EXCEPT_JUMP => {
                            let off = opt!(ulabel(bc, &mut ip));
                            self.fr_mut(fi).handlers.pop();
                            // Leaving an except block: sys.exc_info() shows the exception of
                            // an enclosing except block, or nothing (as MicroPython clears it).
                            self.cur_exc = self
                                .fr(fi)
                                .handlers
                                .last()
                                .map_or(Value::NULL, |h| h.prev_exc);
                            ip += off;
                        }
                        op::BUILD_TUPLE => {
                            let n = opt!(uint(bc, &mut ip));
                            if sp < base + n {
                                bad!();
                            }
                            let items = self.sslice(sp - n, sp).to_vec();
                            let t = tri!(self.new_tuple(&items));
                            sp -= n;
                            push!(t);
                        }
                        op::BUILD_LIST => {
                            let n = opt!(uint(bc, &mut ip));
                            if sp < base + n {
                                bad!();
                            }
                            let items = self.sslice(sp - n, sp).to_vec();
                            let l = tri!(self.new_list(items));
                            sp -= n;
                            push!(l);
                        }
                        op::BUILD_MAP => {
                            let _n = opt!(uint(bc, &mut ip));
                            let d = tri!(self.new_dict());
                            push!(d);
                        }
                        op::STORE_MAP => {
                            let key = peek!(0);
                            let value = peek!(1);
                            let d = peek!(2);
                            save!();
                            tri!(self.dict_set(d, key, value));
                            sp -= 2;
                        }
                        op::BUILD_SET => {
                            let n = opt!(uint(bc, &mut ip));
                            if sp < base + n {
                                bad!();
                            }
                            let items = self.sslice(sp - n, sp).to_vec();
                            save!();
                            let s = tri!(self.new_set(&items, false));
                            sp -= n;
                            push!(s);
                        }
                        op::BUILD_SLICE => {
                            let n = opt!(bc.get(ip).copied());
                            ip += 1;
                            let step = if n == 3 { pop!() } else { Value::NONE };
                            let stop_v = pop!();
                            let start = peek!(0);
                            let next = bc.get(ip).copied();
                            let subscr = matches!(next, Some(op::LOAD_SUBSCR | op::STORE_SUBSCR));
                            let buf = self.slice_buf;
                            let obj = peek!(1);
                            if subscr && !buf.is_null() && self.stack_slice_ok(obj) {
                                // Followed by a subscript of bytearray, memoryview or array:
                                // run it here with the reusable slice (no allocation).
                                let load = next == Some(op::LOAD_SUBSCR);
                                let v = if load { Value::NULL } else { peek!(2) };
                                ip += 1;
                                save!();
                                self.slice_buf = Value::NULL;
                                if let Some(o) = self.heap.get_mut(buf) {
                                    *o = Obj::Slice(start, stop_v, step);
                                }
                                let r = if load {
                                    self.getitem(obj, buf)
                                } else if v.is_null() {
                                    self.delitem(obj, buf).map(|_| Value::NONE)
                                } else {
                                    self.setitem(obj, buf, v).map(|_| Value::NONE)
                                };
                                if let Some(o) = self.heap.get_mut(buf) {
                                    *o = Obj::Slice(Value::NONE, Value::NONE, Value::NONE);
                                }
                                self.slice_buf = buf;
                                let r = tri!(r);
                                if load {
                                    sp -= 1;
                                    set_top!(r);
                                } else {
                                    sp -= 3;
                                }
                                continue;
                            }
                            let s = tri!(self.alloc(Obj::Slice(start, stop_v, step)));
                            set_top!(s);
                        }
                        op::STORE_COMP => {
                            let n = opt!(uint(bc, &mut ip));
                            let obj = peek!(n >> 2);
                            save!();
                            match n & 3 {
                                0 => {
                                    let v = peek!(0);
                                    tri!(self.list_reserve(obj, 1));
                                    sp -= 1;
                                    match self.heap.get_mut(obj) {
                                        Some(Obj::List(l)) => l.push(v),
                                        _ => bad!(),
                                    }
                                }
                                1 => {
                                    let key = peek!(0);
                                    let value = peek!(1);
                                    tri!(self.dict_set(obj, key, value));
                                    sp -= 2;
                                }
                                _ => {
                                    let v = peek!(0);
                                    tri!(self.dict_set(obj, v, Value::NONE));
                                    sp -= 1;
                                }
                            }
                        }
                        op::UNPACK_SEQUENCE => {
                            let n = opt!(uint(bc, &mut ip));
                            let seq = pop!();
                            save!();
                            let items = tri!(self.unpack_items(seq, n));
                            if sp + n > top {
                                bad!();
                            }
                            for (i, &x) in items.iter().rev().enumerate() {
                                *self.sv_mut(sp + i) = x;
                            }
                            sp += n;
                        }
                        op::UNPACK_EX => {
                            let n = opt!(uint(bc, &mut ip));
                            let (left, right) = (n & 0xff, (n >> 8) & 0xff);
                            let seq = pop!();
                            save!();
                            let items = tri!(self.collect_iterable(seq));
                            if items.len() < left + right {
                                let msg = alloc::format!(
                                    "need more than {} values to unpack",
                                    items.len()
                                );
                                fail!(self.value_error(&msg));
                            }
                            if sp + left + right + 1 > top {
                                bad!();
                            }
                            let len = items.len();
                            let mut out: Vec<Value> = Vec::with_capacity(left + right + 1);
                            for i in 0..right {
                                out.push(items[len - 1 - i]);
                            }
                            let mid = tri!(self.new_list(items[left..len - right].to_vec()));
                            out.push(mid);
                            for i in 0..left {
                                out.push(items[left - 1 - i]);
                            }
                            for x in out {
                                push!(x);
                            }
                        }
                        op::MAKE_FUNCTION
                        | op::MAKE_FUNCTION_DEFARGS
                        | op::MAKE_CLOSURE
                        | op::MAKE_CLOSURE_DEFARGS => {
                            let idx = opt!(uint(bc, &mut ip));
                            let child = opt!(code.children.get(idx)).clone();
                            let n_closed = if opcode == op::MAKE_CLOSURE
                                || opcode == op::MAKE_CLOSURE_DEFARGS
                            {
                                let n = opt!(bc.get(ip).copied()) as usize;
                                ip += 1;
                                n
                            } else {
                                0
                            };
                            if sp < base + n_closed {
                                bad!();
                            }
                            let closure: Box<[Value]> = self.sslice(sp - n_closed, sp).into();
                            sp -= n_closed;
                            let (defaults, kw_defaults) = if opcode == op::MAKE_FUNCTION_DEFARGS
                                || opcode == op::MAKE_CLOSURE_DEFARGS
                            {
                                let kd = pop!();
                                let d = pop!();
                                (
                                    if d == Value::NONE { Value::NULL } else { d },
                                    if kd == Value::NONE { Value::NULL } else { kd },
                                )
                            } else {
                                (Value::NULL, Value::NULL)
                            };
                            let f = tri!(self.alloc(Obj::Function(Box::new(Function {
                                code: child,
                                ctx,
                                defaults,
                                kw_defaults,
                                closure,
                            }))));
                            push!(f);
                        }
                        op::CALL_FUNCTION
                        | op::CALL_METHOD
                        | op::CALL_FUNCTION_VAR_KW
                        | op::CALL_METHOD_VAR_KW => {
                            let n = opt!(uint(bc, &mut ip));
                            let n_pos = n & 0xff;
                            let n_kw = (n >> 8) & 0xff;
                            let is_method =
                                opcode == op::CALL_METHOD || opcode == op::CALL_METHOD_VAR_KW;
                            let var = opcode == op::CALL_FUNCTION_VAR_KW
                                || opcode == op::CALL_METHOD_VAR_KW;
                            let span = n_pos + 2 * n_kw + is_method as usize + var as usize + 1;
                            if sp < base + span {
                                bad!();
                            }
                            let fpos = sp - span;
                            let fun = self.sv(fpos);
                            let mut a0 = fpos + 1;
                            let mut self_arg = Value::NULL;
                            if is_method {
                                self_arg = self.sv(fpos + 1);
                                a0 += 1;
                            }
                            if !var && n_kw == 0 && n_pos < 8 {
                                // Common case: few positional arguments, no heap allocation.
                                let mut buf = [Value::NULL; 8];
                                let mut n = 0;
                                if !self_arg.is_null() {
                                    buf[0] = self_arg;
                                    n = 1;
                                }
                                for (d, v) in
                                    buf.iter_mut().skip(n).zip(self.sslice(a0, a0 + n_pos))
                                {
                                    *d = *v;
                                }
                                n += n_pos;
                                sp = fpos;
                                save!();
                                safe_point!(call);
                                let is_bc = matches!(self.heap.get(fun), Some(Obj::Function(f)) if !f.code.is_generator());
                                if is_bc {
                                    let fr =
                                        tri!(self.prepare_frame(fun, &buf[..n], &[], Value::NULL));
                                    self.frames.push(fr);
                                    break 'dispatch Ok(Flow::Switch);
                                }
                                // The arguments are above sp now: keep them alive for the
                                // native code (gc invariant: arguments are safe).
                                let base_roots = self.roots.len();
                                self.roots.push(fun);
                                self.roots.extend_from_slice(&buf[..n]);
                                let r = self.call(fun, &buf[..n], &[]);
                                self.roots.truncate(base_roots);
                                let r = tri!(r);
                                push!(r);
                                continue;
                            }
                            let mut args: Vec<Value> = Vec::with_capacity(n_pos + 1);
                            if !self_arg.is_null() {
                                args.push(self_arg);
                            }
                            args.extend_from_slice(self.sslice(a0, a0 + n_pos));
                            let mut kw: Vec<(Value, Value)> = Vec::with_capacity(n_kw);
                            for k in 0..n_kw {
                                kw.push((
                                    self.sv(a0 + n_pos + 2 * k),
                                    self.sv(a0 + n_pos + 2 * k + 1),
                                ));
                            }
                            save!();
                            if var {
                                let bitmap = self.sv(sp - 1).small_int_value() as usize;
                                let pre = if is_method && !self.sv(fpos + 1).is_null() {
                                    1
                                } else {
                                    0
                                };
                                tri!(self.expand_star_args(&mut args, &mut kw, pre, bitmap));
                            }
                            sp = fpos;
                            save!();
                            safe_point!(call);
                            let is_bc = matches!(self.heap.get(fun), Some(Obj::Function(f)) if !f.code.is_generator());
                            if is_bc {
                                let fr = tri!(self.prepare_frame(fun, &args, &kw, Value::NULL));
                                self.frames.push(fr);
                                break 'dispatch Ok(Flow::Switch);
                            }
                            let base_roots = self.roots.len();
                            self.roots.push(fun);
                            self.roots.extend_from_slice(&args);
                            for &(k, v) in &kw {
                                self.roots.push(k);
                                self.roots.push(v);
                            }
                            let r = self.call(fun, &args, &kw);
                            self.roots.truncate(base_roots);
                            let r = tri!(r);
                            push!(r);
                        }
                        op::RETURN_VALUE => {
                            if self.fr(fi).handlers.is_empty() {
                                let v = peek!(0);
                                save!();
                                break 'dispatch Ok(Flow::Return(v));
                            }
                            match self.unwind_return(fi, &mut sp, op_ip) {
                                Ok(Some(h)) => ip = h,
                                Ok(None) => {
                                    let v = peek!(0);
                                    save!();
                                    break 'dispatch Ok(Flow::Return(v));
                                }
                                Err(e) => fail!(e),
                            }
                        }
                        op::RAISE_LAST => {
                            let prev = self
                                .fr(fi)
                                .handlers
                                .iter()
                                .rev()
                                .map(|h| h.prev_exc)
                                .find(|e| !e.is_null());
                            let e = match prev {
                                Some(e) => PyErr(e),
                                None => self.runtime_error("no active exception to reraise"),
                            };
                            fail!(e);
                        }
                        op::RAISE_OBJ => {
                            let v = pop!();
                            save!();
                            let e = tri!(self.make_raise_obj(v));
                            fail!(PyErr(e));
                        }
                        op::RAISE_FROM => {
                            let cause = pop!();
                            let v = pop!();
                            save!();
                            let e = tri!(self.make_raise_obj(v));
                            let cause = if cause == Value::NONE {
                                Value::NULL
                            } else {
                                // The cause is kept, but tracebacks show only the last
                                // exception: say so, with MicroPython's words.
                                self.warning("exception chaining not supported");
                                tri!(self.make_raise_obj(cause))
                            };
                            if let Some(Obj::Exception(x)) = self.heap.get_mut(e) {
                                x.cause = cause;
                            }
                            fail!(PyErr(e));
                        }
                        op::YIELD_VALUE => {
                            let v = pop!();
                            save!();
                            break 'dispatch Ok(Flow::Yield(v));
                        }
                        op::YIELD_FROM => {
                            let send = pop!();
                            let sub = peek!(0);
                            save!();
                            let throw = core::mem::replace(&mut inject, Value::NULL);
                            match self.yield_from(sub, send, throw) {
                                Ok(super::call::GenResult::Yield(v)) => {
                                    // Re-run YIELD_FROM on resume, with the sent value on the stack.
                                    ip = op_ip;
                                    save!();
                                    break 'dispatch Ok(Flow::Yield(v));
                                }
                                Ok(super::call::GenResult::Return(v)) => {
                                    set_top!(v);
                                    if !throw.is_null() && self.is_generator_exit(throw) {
                                        let e = tri!(self.make_raise_obj(throw));
                                        fail!(PyErr(e));
                                    }
                                }
                                Err(e) => {
                                    sp -= 1;
                                    fail!(e);
                                }
                            }
                        }
                        op::IMPORT_NAME => {
                            let q = qstr_arg!();
                            // The fromlist stays on the stack (rooted) while the module runs.
                            let fromlist = peek!(0);
                            let level = peek!(1);
                            save!();
                            let m = tri!(self.import_statement(q, fromlist, level, globals));
                            sp -= 1;
                            set_top!(m);
                        }
                        op::IMPORT_FROM => {
                            let q = qstr_arg!();
                            let m = peek!(0);
                            save!();
                            let v = tri!(self.import_from(m, q));
                            push!(v);
                        }
                        op::IMPORT_STAR => {
                            let m = peek!(0);
                            save!();
                            let locals = self.fr(fi).locals;
                            tri!(self.import_star(m, locals));
                            sp -= 1;
                        }
                        small_int_opcodes!() => {
                            push!(Value::small_int(
                                opcode as isize
                                    - op::LOAD_CONST_SMALL_INT_MULTI as isize
                                    - op::LOAD_CONST_SMALL_INT_MULTI_EXCESS as isize
                            ));
                        }
                        load_fast_opcodes!() => {
                            let v = load_local!(local!((opcode - op::LOAD_FAST_MULTI) as usize));
                            if v.is_null() {
                                fail!(self.new_exception(
                                    &ex::NAME_ERROR,
                                    "local variable referenced before assignment"
                                ));
                            }
                            push!(v);
                        }
                        store_fast_opcodes!() => {
                            let slot = local!((opcode - op::STORE_FAST_MULTI) as usize);
                            let v = pop!();
                            store_local!(slot, v);
                        }
                        unary_opcodes!() => {
                            let v = peek!(0);
                            save!();
                            let r = tri!(self.unary_op(opcode - op::UNARY_OP_MULTI, v));
                            set_top!(r);
                        }
                        binary_opcodes!() => {
                            // Both operands stay on the stack (rooted) while Python code may run.
                            let rhs = peek!(0);
                            let lhs = peek!(1);
                            let o = opcode - op::BINARY_OP_MULTI;
                            // Small-int fast paths.
                            if let (Some(a), Some(b)) = (lhs.as_small_int(), rhs.as_small_int()) {
                                let fast = match o {
                                    op::BINARY_ADD | op::BINARY_INPLACE_ADD => a.checked_add(b),
                                    op::BINARY_SUBTRACT | op::BINARY_INPLACE_SUBTRACT => {
                                        a.checked_sub(b)
                                    }
                                    op::BINARY_AND | op::BINARY_INPLACE_AND => Some(a & b),
                                    op::BINARY_OR | op::BINARY_INPLACE_OR => Some(a | b),
                                    op::BINARY_XOR | op::BINARY_INPLACE_XOR => Some(a ^ b),
                                    _ => None,
                                };
                                if let Some(r) = fast.and_then(|r| Value::try_small_int(r as i64)) {
                                    sp -= 1;
                                    set_top!(r);
                                    continue;
                                }
                                let cmp = match o {
                                    op::BINARY_LESS => Some(a < b),
                                    op::BINARY_MORE => Some(a > b),
                                    op::BINARY_LESS_EQUAL => Some(a <= b),
                                    op::BINARY_MORE_EQUAL => Some(a >= b),
                                    op::BINARY_EQUAL => Some(a == b),
                                    op::BINARY_NOT_EQUAL => Some(a != b),
                                    _ => None,
                                };
                                if let Some(c) = cmp {
                                    sp -= 1;
                                    set_top!(Value::bool(c));
                                    continue;
                                }
                            }
                            if let Some(r) = self.float_binop_fast(o, lhs, rhs) {
                                let r = tri!(r);
                                sp -= 1;
                                set_top!(r);
                                continue;
                            }
                            save!();
                            // The other operations on small ints (`None`: the result is a big
                            // int or a float, left to the general path).
                            if let (Some(a), Some(b)) = (lhs.as_small_int(), rhs.as_small_int()) {
                                if let Some(r) = tri!(self.small_int_op(o, a, b)) {
                                    sp -= 1;
                                    set_top!(r);
                                    continue;
                                }
                            }
                            let r = tri!(self.binary_op(o, lhs, rhs));
                            sp -= 1;
                            set_top!(r);
                        }
                        invalid_opcodes!() => bad!(),
                    }
                },
            };

            match result {
                Ok(Flow::Switch) => continue 'frames,
                Ok(Flow::Return(v)) => {
                    let f = match self.frames.pop() {
                        Some(f) => f,
                        None => return Err(self.runtime_error("internal: no frame")),
                    };
                    self.stack.truncate(f.base);
                    if self.frames.len() <= stop {
                        return Ok(Exit::Return(v));
                    }
                    let caller = self.frames.len() - 1;
                    let csp = self.fr(caller).sp;
                    if csp < self.stack.len() {
                        *self.sv_mut(csp) = v;
                        self.fr_mut(caller).sp = csp + 1;
                    }
                    continue 'frames;
                }
                Ok(Flow::Yield(v)) => {
                    if self.frames.len() - 1 != stop || self.fr(fi).gen.is_null() {
                        return Err(self.runtime_error("yield outside generator"));
                    }
                    return Ok(Exit::Yield(v));
                }
                Err(e) => {
                    if e.0 == self.memory_error {
                        // The garbage that made the heap full goes at the next safe point, so
                        // the handler (or the code after it) finds the room again.
                        self.heap.gc_wanted = true;
                    }
                    // Unwind: find a handler in this frame or its callers (down to `stop`).
                    let mut e = e;
                    if e.0 == self.memory_error {
                        e = PyErr(self.sized_memory_error());
                    }
                    loop {
                        let fi = self.frames.len() - 1;
                        let op_at = self.fr(fi).op_ip;
                        let opcode = self.fr(fi).code.bytes.get(op_at).copied().unwrap_or(0);
                        if opcode != op::END_FINALLY && opcode != op::RAISE_LAST {
                            let (ctx, name_idx, line) = {
                                let f = &self.fr(fi);
                                (f.ctx, f.code.name, f.code.line_of(op_at))
                            };
                            let (file, func) = match self.heap.get(ctx) {
                                Some(Obj::Context(c)) => (
                                    c.qstrs.first().copied().unwrap_or(crate::qstr::q::EMPTY),
                                    c.qstrs
                                        .get(name_idx as usize)
                                        .copied()
                                        .unwrap_or(crate::qstr::q::EMPTY),
                                ),
                                _ => (crate::qstr::q::EMPTY, crate::qstr::q::EMPTY),
                            };
                            self.add_traceback(e.0, file, line, func);
                        }
                        // Handlers at or before the failing instruction are already active: drop them.
                        while let Some(h) = self.fr(fi).handlers.last() {
                            if h.handler <= op_at {
                                self.fr_mut(fi).handlers.pop();
                            } else {
                                break;
                            }
                        }
                        if let Some(h) = self.fr_mut(fi).handlers.last_mut() {
                            h.prev_exc = e.0;
                            let (hip, hsp) = (h.handler, h.sp);
                            let f = self.fr_mut(fi);
                            f.ip = hip;
                            f.sp = hsp + 1;
                            if hsp < self.stack.len() {
                                *self.sv_mut(hsp) = e.0;
                            }
                            self.cur_exc = e.0;
                            continue 'frames;
                        }
                        let f = match self.frames.pop() {
                            Some(f) => f,
                            None => return Err(e),
                        };
                        self.stack.truncate(f.base);
                        if self.frames.len() <= stop {
                            return Err(e);
                        }
                        // Interrupts and memory errors keep their identity; continue in the caller.
                        e = PyErr(e.0);
                    }
                }
            }
        }
    }

    /// Perform MicroPython's unwind-jump: run pending finally blocks, then jump.
    /// Stack on entry: (..., dest_ip, unum). Returns the next ip.
    fn unwind_jump(&mut self, fi: usize, sp: &mut usize, cur_ip: usize) -> PyResult<Option<usize>> {
        let base = self.fr(fi).base;
        if *sp < base + 2 {
            return Ok(None);
        }
        *sp -= 1;
        let mut unum = self.sv(*sp).small_int_value() as usize;
        while unum & 0x7f > 0 {
            unum -= 1;
            let h = match self.fr(fi).handlers.last() {
                Some(h) => *h,
                None => return Ok(None),
            };
            if h.finally {
                if h.handler > cur_ip {
                    // Run this finally; it resumes the jump at END_FINALLY/WITH_CLEANUP.
                    *self.sv_mut(*sp) = Value::small_int(unum as isize);
                    *sp += 1;
                    return Ok(Some(h.handler));
                }
                self.cancel_active_finally(sp, base)?;
            }
            self.fr_mut(fi).handlers.pop();
        }
        if *sp <= base {
            return Ok(None);
        }
        *sp -= 1;
        let dest = self.sv(*sp).small_int_value() as usize;
        if unum != 0 {
            if *sp < base + ITER_SLOTS {
                return Ok(None);
            }
            *sp -= ITER_SLOTS;
        }
        Ok(Some(dest))
    }

    /// Perform MicroPython's unwind-return: Ok(Some(ip)) to run a finally first, Ok(None) to return TOS.
    fn unwind_return(
        &mut self,
        fi: usize,
        sp: &mut usize,
        cur_ip: usize,
    ) -> PyResult<Option<usize>> {
        let base = self.fr(fi).base;
        while let Some(h) = self.fr(fi).handlers.last().copied() {
            if h.finally {
                if h.handler > cur_ip {
                    if *sp <= base || h.sp >= self.stack.len() {
                        return Err(self.runtime_error("invalid bytecode"));
                    }
                    let ret = self.sv(*sp - 1);
                    *self.sv_mut(h.sp) = ret;
                    *sp = h.sp + 1;
                    if *sp >= self.stack.len() {
                        return Err(self.runtime_error("invalid bytecode"));
                    }
                    *self.sv_mut(*sp) = Value::small_int(-1);
                    *sp += 1;
                    return Ok(Some(h.handler));
                }
                self.cancel_active_finally(sp, base)?;
            }
            self.fr_mut(fi).handlers.pop();
        }
        Ok(None)
    }

    fn cancel_active_finally(&mut self, sp: &mut usize, base: usize) -> PyResult<()> {
        if *sp < base + 2 {
            return Err(self.runtime_error("invalid bytecode"));
        }
        let t = *sp - 1;
        if self.sv(t - 1).is_small_int() && *sp >= base + 3 {
            *self.sv_mut(t - 2) = self.sv(t);
            *sp -= 2;
        } else {
            *self.sv_mut(t - 1) = self.sv(t);
            *sp -= 1;
        }
        Ok(())
    }

    /// Items of `seq` for UNPACK_SEQUENCE, checking the count.
    fn unpack_items(&mut self, seq: Value, n: usize) -> PyResult<Vec<Value>> {
        let items = match self.heap.get(seq) {
            Some(Obj::Tuple(t)) => t.to_vec(),
            Some(Obj::List(l)) => l.clone(),
            _ => {
                let it = self.get_iter(seq)?;
                let base = self.roots.len();
                self.roots.push(it);
                let mut out = Vec::with_capacity(n);
                let r = loop {
                    match self.iter_next(it) {
                        Ok(Some(x)) => {
                            if out.len() == n {
                                let msg =
                                    alloc::format!("too many values to unpack (expected {})", n);
                                break Err(self.value_error(&msg));
                            }
                            self.roots.push(x);
                            out.push(x);
                        }
                        Ok(None) => break Ok(()),
                        Err(e) => break Err(e),
                    }
                };
                self.roots.truncate(base);
                r?;
                out
            }
        };
        if items.len() < n {
            let msg = alloc::format!("need more than {} values to unpack", items.len());
            return Err(self.value_error(&msg));
        }
        if items.len() > n {
            let msg = alloc::format!("too many values to unpack (expected {})", n);
            return Err(self.value_error(&msg));
        }
        Ok(items)
    }

    /// Expand `*seq` positional and `**map` keyword arguments (CALL_*_VAR_KW).
    fn expand_star_args(
        &mut self,
        args: &mut Vec<Value>,
        kw: &mut Vec<(Value, Value)>,
        pre: usize,
        bitmap: usize,
    ) -> PyResult<()> {
        if bitmap != 0 {
            let old = core::mem::take(args);
            for (i, &a) in old.iter().enumerate() {
                if i >= pre && (i - pre) < usize::BITS as usize && (bitmap >> (i - pre)) & 1 == 1 {
                    let items = self.collect_iterable(a)?;
                    args.extend(items);
                } else {
                    args.push(a);
                }
            }
        }
        if kw.iter().any(|(k, _)| k.is_null()) {
            let old = core::mem::take(kw);
            for (k, v) in old {
                if !k.is_null() {
                    kw.push((k, v));
                    continue;
                }
                // **mapping
                if let Some(Obj::Dict(d)) = self.heap.get(v) {
                    let pairs: Vec<(Value, Value)> = d.iter().map(|e| (e.key, e.value)).collect();
                    for (k2, v2) in pairs {
                        if !self.is_str(k2) {
                            return Err(self.type_error("keywords must be strings"));
                        }
                        // Keyword names are names (MicroPython interns them).
                        if self
                            .str_data(k2)
                            .is_some_and(|s| s.len() > crate::qstr::MAX_NAME_LEN)
                        {
                            return Err(self.runtime_error("name too long"));
                        }
                        kw.push((k2, v2));
                    }
                } else {
                    let keys = self.call_method(v, crate::qstr::q::KEYS, &[])?;
                    let keys = self.collect_iterable(keys)?;
                    for k2 in keys {
                        let v2 = self.getitem(v, k2)?;
                        kw.push((k2, v2));
                    }
                }
            }
        }
        Ok(())
    }

    /// The delegation step of `yield from` / `await`.
    fn yield_from(
        &mut self,
        sub: Value,
        send: Value,
        throw: Value,
    ) -> PyResult<super::call::GenResult> {
        use super::call::GenResult;
        if matches!(self.heap.get(sub), Some(Obj::Generator(_))) {
            return self.gen_resume(sub, send, throw);
        }
        if !throw.is_null() && self.is_generator_exit(throw) {
            // close(): close the sub-iterator if it can be, then raise GeneratorExit here.
            if let Some(m) = self.load_method_opt(sub, crate::qstr::q::CLOSE)? {
                self.call_bound(m, &[])?;
            }
            return Err(PyErr(self.make_raise_obj(throw)?));
        }
        if !throw.is_null() {
            if let Some(m) = self.load_method_opt(sub, crate::qstr::q::THROW)? {
                return match self.call_bound(m, &[throw]) {
                    Ok(v) => Ok(GenResult::Yield(v)),
                    Err(e) if self.exc_is(e.0, &ex::STOP_ITERATION) => {
                        Ok(GenResult::Return(self.stop_value(e.0)))
                    }
                    Err(e) => Err(e),
                };
            }
            return Err(PyErr(self.make_raise_obj(throw)?));
        }
        if send == Value::NONE {
            return match self.iter_next_raw(sub) {
                Ok(Some(v)) => Ok(GenResult::Yield(v)),
                Ok(None) => Ok(GenResult::Return(Value::NONE)),
                Err(e) if self.exc_is(e.0, &ex::STOP_ITERATION) => {
                    Ok(GenResult::Return(self.stop_value(e.0)))
                }
                Err(e) => Err(e),
            };
        }
        match self.call_method(sub, crate::qstr::q::SEND, &[send]) {
            Ok(v) => Ok(GenResult::Yield(v)),
            Err(e) if self.exc_is(e.0, &ex::STOP_ITERATION) => {
                Ok(GenResult::Return(self.stop_value(e.0)))
            }
            Err(e) => Err(e),
        }
    }

    /// Is `v` GeneratorExit (the class, a subclass, or an instance)?
    fn is_generator_exit(&self, v: Value) -> bool {
        let ge = Value::from_static(&ex::GENERATOR_EXIT);
        if self.is_class_like(v) {
            return self.is_subclass(v, ge);
        }
        self.exc_is(v, &ex::GENERATOR_EXIT)
    }

    /// `next()` on an object that may raise StopIteration with a value (user iterators).
    fn iter_next_raw(&mut self, it: Value) -> PyResult<Option<Value>> {
        if matches!(
            self.heap.get(it),
            Some(Obj::Instance(_)) | Some(Obj::Native(_))
        ) {
            return self
                .call_method(it, crate::qstr::q::__NEXT__, &[])
                .map(Some);
        }
        self.iter_next(it)
    }

    /// The `.value` of a StopIteration.
    pub fn stop_value(&self, e: Value) -> Value {
        match self.heap.get(e) {
            Some(Obj::Exception(x)) => match self.heap.get(x.args) {
                Some(Obj::Tuple(t)) => t.first().copied().unwrap_or(Value::NONE),
                _ => Value::NONE,
            },
            _ => Value::NONE,
        }
    }

    /// A name from the builtins module, or NameError.
    pub fn load_builtin(&mut self, q: Qstr) -> PyResult<Value> {
        if let Some(v) = self.dict_get_qstr(self.builtins, q) {
            return Ok(v);
        }
        Err(self.name_error(q))
    }
}
