//! Operators: truth, equality, hashing, arithmetic, comparison, containment, subscripts.
//!
//! Fast paths for small ints and floats come first; builtin types are handled natively;
//! user classes through their special methods (`__add__`, `__radd__`, `__iadd__`...).

use super::{PyErr, PyResult, Vm};
use crate::bytecode::op;
use crate::obj::Obj;
use crate::qstr::{hash_bytes, q, Qstr};
use crate::types::bigint::BigInt;
use crate::types::bigint::Integer;
use crate::types::bigint::{One, Pow, Signed, ToPrimitive, Zero};
use crate::types::{self, exceptions as ex};
use crate::value::Value;
use alloc::boxed::Box;
use alloc::vec::Vec;

/// Equality decidable without running Python code (None: needs `__eq__`).
pub fn native_eq(vm: &Vm, a: Value, b: Value) -> Option<bool> {
    if a == b {
        // NaN is the one value not equal to itself.
        if let Some(Obj::Float(f)) = vm.heap.get(a) {
            return Some(!f.is_nan());
        }
        return Some(true);
    }
    if a.is_small_int() && b.is_small_int() {
        return Some(false);
    }
    if a.is_qstr() && b.is_qstr() {
        return Some(false);
    }
    let oa = vm.heap.get(a);
    let ob = vm.heap.get(b);
    match (oa, ob) {
        (Some(Obj::Instance(_)), _) | (_, Some(Obj::Instance(_))) => None,
        (Some(Obj::Native(_)), _) | (_, Some(Obj::Native(_))) => None,
        (Some(Obj::Tuple(x)), Some(Obj::Tuple(y))) => {
            if x.len() != y.len() {
                return Some(false);
            }
            for (p, r) in x.iter().zip(y.iter()) {
                if !native_eq(vm, *p, *r)? {
                    return Some(false);
                }
            }
            Some(true)
        }
        (Some(Obj::List(_)), _) | (_, Some(Obj::List(_))) => None,
        (Some(Obj::Dict(_)), _) | (_, Some(Obj::Dict(_))) => None,
        // Bound methods are equal when they bind the same function to the same object.
        (Some(Obj::BoundMethod(f1, s1)), Some(Obj::BoundMethod(f2, s2))) => {
            Some(f1 == f2 && s1 == s2)
        }
        _ => {
            if let (Some(x), Some(y)) = (vm.str_data(a), vm.str_data(b)) {
                return Some(x == y);
            }
            if let (Some(Obj::Bytes(x)), Some(Obj::Bytes(y))) = (oa, ob) {
                return Some(x == y);
            }
            if let (Some(Obj::Set(_)) | Some(Obj::FrozenSet(_)), _) = (oa, ob) {
                return None;
            }
            if is_number(vm, a) && is_number(vm, b) {
                return Some(
                    num_cmp(vm, a, b)
                        .map(|o| o == core::cmp::Ordering::Equal)
                        .unwrap_or_else(|| {
                            // complex or NaN
                            match (as_complex(vm, a), as_complex(vm, b)) {
                                (Some(x), Some(y)) => x == y,
                                _ => false,
                            }
                        }),
                );
            }
            if let (Some(Obj::Range(a1, b1, c1)), Some(Obj::Range(a2, b2, c2))) = (oa, ob) {
                let n1 = range_len(*a1, *b1, *c1);
                let n2 = range_len(*a2, *b2, *c2);
                return Some(n1 == n2 && (n1 == 0 || (a1 == a2 && (n1 == 1 || c1 == c2))));
            }
            Some(false)
        }
    }
}

/// Number of items in range(start, stop, step).
pub fn range_len(start: isize, stop: isize, step: isize) -> usize {
    if step > 0 && start < stop {
        ((stop as i128 - start as i128 - 1) / step as i128 + 1) as usize
    } else if step < 0 && start > stop {
        ((start as i128 - stop as i128 - 1) / (-(step as i128)) + 1) as usize
    } else {
        0
    }
}

fn is_number(vm: &Vm, v: Value) -> bool {
    v.is_small_int()
        || v.is_bool()
        || matches!(
            vm.heap.get(v),
            Some(Obj::BigInt(_)) | Some(Obj::Float(_)) | Some(Obj::Complex(..))
        )
}

fn as_complex(vm: &Vm, v: Value) -> Option<(f64, f64)> {
    match vm.heap.get(v) {
        Some(Obj::Complex(c)) => Some((c.0, c.1)),
        Some(Obj::Float(f)) => Some((*f, 0.0)),
        Some(Obj::BigInt(b)) => Some((b.to_f64()?, 0.0)),
        _ => {
            if let Some(i) = v.as_small_int() {
                Some((i as f64, 0.0))
            } else if v.is_bool() {
                Some((if v == Value::TRUE { 1.0 } else { 0.0 }, 0.0))
            } else {
                None
            }
        }
    }
}

/// An int operand (small, big or bool) as a BigInt.
pub fn as_bigint(vm: &Vm, v: Value) -> Option<BigInt> {
    if let Some(i) = v.as_small_int() {
        return Some(BigInt::from(i));
    }
    if v == Value::TRUE {
        return Some(BigInt::one());
    }
    if v == Value::FALSE {
        return Some(BigInt::zero());
    }
    match vm.heap.get(v) {
        Some(Obj::BigInt(b)) => Some((**b).clone()),
        _ => None,
    }
}

fn int_small(v: Value) -> Option<isize> {
    if let Some(i) = v.as_small_int() {
        Some(i)
    } else if v == Value::TRUE {
        Some(1)
    } else if v == Value::FALSE {
        Some(0)
    } else {
        None
    }
}

/// Compare two real numbers (None for complex or NaN).
fn num_cmp(vm: &Vm, a: Value, b: Value) -> Option<core::cmp::Ordering> {
    if let (Some(x), Some(y)) = (int_small(a), int_small(b)) {
        return Some(x.cmp(&y));
    }
    let fa = matches!(vm.heap.get(a), Some(Obj::Float(_)));
    let fb = matches!(vm.heap.get(b), Some(Obj::Float(_)));
    if matches!(vm.heap.get(a), Some(Obj::Complex(..)))
        || matches!(vm.heap.get(b), Some(Obj::Complex(..)))
    {
        return None;
    }
    if !fa && !fb {
        let x = as_bigint(vm, a)?;
        let y = as_bigint(vm, b)?;
        return Some(x.cmp(&y));
    }
    let x = as_complex(vm, a)?.0;
    let y = as_complex(vm, b)?.0;
    x.partial_cmp(&y)
}

fn binop_name(o: u8) -> &'static str {
    match o {
        op::BINARY_LESS => "<",
        op::BINARY_MORE => ">",
        op::BINARY_EQUAL => "==",
        op::BINARY_LESS_EQUAL => "<=",
        op::BINARY_MORE_EQUAL => ">=",
        op::BINARY_NOT_EQUAL => "!=",
        op::BINARY_IN | op::BINARY_NOT_IN => "in",
        op::BINARY_ADD | op::BINARY_INPLACE_ADD => "+",
        op::BINARY_SUBTRACT | op::BINARY_INPLACE_SUBTRACT => "-",
        op::BINARY_MULTIPLY | op::BINARY_INPLACE_MULTIPLY => "*",
        op::BINARY_MAT_MULTIPLY | op::BINARY_INPLACE_MAT_MULTIPLY => "@",
        op::BINARY_TRUE_DIVIDE | op::BINARY_INPLACE_TRUE_DIVIDE => "/",
        op::BINARY_FLOOR_DIVIDE | op::BINARY_INPLACE_FLOOR_DIVIDE => "//",
        op::BINARY_MODULO | op::BINARY_INPLACE_MODULO => "%",
        op::BINARY_POWER | op::BINARY_INPLACE_POWER => "**",
        op::BINARY_LSHIFT | op::BINARY_INPLACE_LSHIFT => "<<",
        op::BINARY_RSHIFT | op::BINARY_INPLACE_RSHIFT => ">>",
        op::BINARY_AND | op::BINARY_INPLACE_AND => "&",
        op::BINARY_OR | op::BINARY_INPLACE_OR => "|",
        op::BINARY_XOR | op::BINARY_INPLACE_XOR => "^",
        op::BINARY_DIVMOD => "divmod",
        _ => "?",
    }
}

/// (method, reflected method, in-place method) names for an arithmetic binary op.
fn dunders(o: u8) -> Option<(Qstr, Qstr, Option<Qstr>)> {
    let base = if (op::BINARY_INPLACE_OR..=op::BINARY_INPLACE_POWER).contains(&o) {
        o - op::BINARY_INPLACE_OR + op::BINARY_OR
    } else {
        o
    };
    let inplace = o != base;
    let (m, r, i) = match base {
        op::BINARY_OR => (q::__OR__, q::__ROR__, q::__IOR__),
        op::BINARY_XOR => (q::__XOR__, q::__RXOR__, q::__IXOR__),
        op::BINARY_AND => (q::__AND__, q::__RAND__, q::__IAND__),
        op::BINARY_LSHIFT => (q::__LSHIFT__, q::__RLSHIFT__, q::__ILSHIFT__),
        op::BINARY_RSHIFT => (q::__RSHIFT__, q::__RRSHIFT__, q::__IRSHIFT__),
        op::BINARY_ADD => (q::__ADD__, q::__RADD__, q::__IADD__),
        op::BINARY_SUBTRACT => (q::__SUB__, q::__RSUB__, q::__ISUB__),
        op::BINARY_MULTIPLY => (q::__MUL__, q::__RMUL__, q::__IMUL__),
        op::BINARY_MAT_MULTIPLY => (q::__MATMUL__, q::__RMATMUL__, q::__IMATMUL__),
        op::BINARY_FLOOR_DIVIDE => (q::__FLOORDIV__, q::__RFLOORDIV__, q::__IFLOORDIV__),
        op::BINARY_TRUE_DIVIDE => (q::__TRUEDIV__, q::__RTRUEDIV__, q::__ITRUEDIV__),
        op::BINARY_MODULO => (q::__MOD__, q::__RMOD__, q::__IMOD__),
        op::BINARY_POWER => (q::__POW__, q::__RPOW__, q::__IPOW__),
        op::BINARY_DIVMOD => (q::__DIVMOD__, q::__DIVMOD__, q::__DIVMOD__),
        _ => return None,
    };
    Some((m, r, if inplace { Some(i) } else { None }))
}

/// Largest number of bytes a bigint result may take before we refuse with MemoryError.
fn check_bits(vm: &mut Vm, bits: u64) -> PyResult<()> {
    let bytes = bits / 8 + 16;
    if bytes > vm.heap.limit() as u64 || !vm.heap.has_room(bytes as usize * 3) {
        return Err(vm.no_memory());
    }
    Ok(())
}

impl Vm {
    /// Python truth value.
    pub fn truthy(&mut self, v: Value) -> PyResult<bool> {
        if v == Value::TRUE {
            return Ok(true);
        }
        if v == Value::FALSE || v == Value::NONE {
            return Ok(false);
        }
        if let Some(i) = v.as_small_int() {
            return Ok(i != 0);
        }
        if let Some(qs) = v.as_qstr() {
            return Ok(qs != q::EMPTY);
        }
        match self.heap.get(v) {
            Some(Obj::Str(s)) => Ok(!s.s.is_empty()),
            Some(Obj::Bytes(b)) => Ok(!b.is_empty()),
            Some(Obj::ByteArray(b)) => Ok(!b.is_empty()),
            Some(Obj::BigInt(b)) => Ok(!b.is_zero()),
            Some(Obj::Float(f)) => Ok(*f != 0.0),
            Some(Obj::Complex(c)) => Ok(c.0 != 0.0 || c.1 != 0.0),
            Some(Obj::Tuple(t)) => Ok(!t.is_empty()),
            Some(Obj::List(l)) => Ok(!l.is_empty()),
            Some(Obj::Dict(d)) | Some(Obj::Set(d)) | Some(Obj::FrozenSet(d)) => Ok(!d.is_empty()),
            Some(Obj::Range(a, b, c)) => Ok(range_len(*a, *b, *c) > 0),
            Some(Obj::Instance(_)) | Some(Obj::Native(_)) => {
                if let Some(r) = self.call_method_opt(v, q::__BOOL__, &[])? {
                    return self.truthy(r);
                }
                if let Some(r) = self.call_method_opt(v, q::__LEN__, &[])? {
                    return Ok(self.to_index(r)? != 0);
                }
                if let Some(b) = self.native_base_value(v) {
                    return self.truthy(b);
                }
                Ok(true)
            }
            _ => Ok(true),
        }
    }

    /// Python `hash(v)`.
    pub fn hash(&mut self, v: Value) -> PyResult<u32> {
        if let Some(i) = v.as_small_int() {
            return Ok(i as u32);
        }
        if let Some(qs) = v.as_qstr() {
            return Ok(self.qstrs.hash(qs));
        }
        if v.is_bool() {
            return Ok((v == Value::TRUE) as u32);
        }
        match self.heap.get(v) {
            None => Ok((v.bits() >> 3) as u32),
            Some(Obj::Str(s)) => Ok(s.hash),
            Some(Obj::Bytes(b)) => Ok(hash_bytes(b)),
            Some(Obj::BigInt(b)) => {
                let m = (&**b % BigInt::from(0x3fff_ffffu32)).to_i64().unwrap_or(0);
                Ok(m as u32)
            }
            Some(Obj::Float(f)) => {
                let f = *f;
                if f == libm::trunc(f) && f.abs() < 1e18 {
                    Ok(f as i64 as u32)
                } else {
                    Ok((f.to_bits() ^ (f.to_bits() >> 32)) as u32)
                }
            }
            Some(Obj::Complex(c)) => Ok((c.0.to_bits() ^ c.1.to_bits().rotate_left(7)) as u32),
            Some(Obj::Tuple(t)) => {
                let items: Vec<Value> = t.to_vec();
                let mut h: u32 = 0x345678;
                for x in items {
                    let hx = self.hash(x)?;
                    h = (h ^ hx).wrapping_mul(1_000_003);
                }
                Ok(h & 0x3fff_ffff)
            }
            Some(Obj::List(_))
            | Some(Obj::Dict(_))
            | Some(Obj::Set(_))
            | Some(Obj::ByteArray(_)) => Err(self.type_error_for("unhashable type: ", v, "")),
            Some(Obj::BoundMethod(f, s)) => Ok(((f.bits() >> 3) as u32
                ^ ((s.bits() >> 3) as u32).rotate_left(7))
                & 0x3fff_ffff),
            Some(Obj::FrozenSet(d)) => {
                let mut h: u32 = 0;
                for e in d.iter() {
                    h ^= e.hash;
                }
                Ok(h)
            }
            Some(Obj::Instance(_)) | Some(Obj::Native(_)) => {
                let t = types::type_of(self, v);
                if let Some(hf) = self.lookup_class_attr(t, q::__HASH__) {
                    if hf == Value::NONE {
                        return Err(self.type_error_for("unhashable type: ", v, ""));
                    }
                    let r = self.call_method(v, q::__HASH__, &[])?;
                    // A big result is truncated (hashed like the int it is).
                    if matches!(self.heap.get(r), Some(Obj::BigInt(_))) {
                        return self.hash(r);
                    }
                    return Ok(self.to_i64(r)? as u32);
                }
                if self.lookup_class_attr(t, q::__EQ__).is_some() {
                    return Err(self.type_error_for("unhashable type: ", v, ""));
                }
                Ok((v.bits() >> 3) as u32)
            }
            Some(_) => Ok((v.bits() >> 3) as u32),
        }
    }

    /// Python `a == b`.
    pub fn eq(&mut self, a: Value, b: Value) -> PyResult<bool> {
        if let Some(r) = native_eq(self, a, b) {
            return Ok(r);
        }
        let r = self.binary_op(op::BINARY_EQUAL, a, b)?;
        self.truthy(r)
    }

    /// Sequence equality/ordering helper: compare item lists lexicographically.
    fn seq_compare(&mut self, o: u8, x: Vec<Value>, y: Vec<Value>) -> PyResult<Value> {
        let base = self.roots.len();
        self.roots.extend_from_slice(&x);
        self.roots.extend_from_slice(&y);
        let r = self.seq_compare_inner(o, &x, &y);
        self.roots.truncate(base);
        r
    }

    fn seq_compare_inner(&mut self, o: u8, x: &[Value], y: &[Value]) -> PyResult<Value> {
        let n = x.len().min(y.len());
        for i in 0..n {
            if !self.eq(x[i], y[i])? {
                return match o {
                    op::BINARY_EQUAL => Ok(Value::FALSE),
                    op::BINARY_NOT_EQUAL => Ok(Value::TRUE),
                    _ => self.binary_op(o, x[i], y[i]),
                };
            }
        }
        let (lx, ly) = (x.len(), y.len());
        Ok(Value::bool(match o {
            op::BINARY_EQUAL => lx == ly,
            op::BINARY_NOT_EQUAL => lx != ly,
            op::BINARY_LESS => lx < ly,
            op::BINARY_LESS_EQUAL => lx <= ly,
            op::BINARY_MORE => lx > ly,
            _ => lx >= ly,
        }))
    }

    /// Python `a <op> b` for a MicroPython binary-op code.
    pub fn binary_op(&mut self, o: u8, a: Value, b: Value) -> PyResult<Value> {
        // Small-int fast path.
        if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
            if let Some(v) = self.small_int_op(o, x, y)? {
                return Ok(v);
            }
        }
        match o {
            op::BINARY_IS => return Ok(Value::bool(a == b)),
            op::BINARY_IS_NOT => return Ok(Value::bool(a != b)),
            op::BINARY_IN => return Ok(Value::bool(self.contains(b, a)?)),
            op::BINARY_NOT_IN => return Ok(Value::bool(!self.contains(b, a)?)),
            op::BINARY_EXCEPTION_MATCH => return Ok(Value::bool(self.exception_matches(a, b)?)),
            _ => {}
        }
        // User classes first: their special methods win.
        let a_user = matches!(
            self.heap.get(a),
            Some(Obj::Instance(_)) | Some(Obj::Native(_))
        );
        let b_user = matches!(
            self.heap.get(b),
            Some(Obj::Instance(_)) | Some(Obj::Native(_))
        );
        if a_user || b_user {
            if let Some(v) = self.user_binary_op(o, a, b, a_user, b_user)? {
                return Ok(v);
            }
        }
        if let Some(v) = self.builtin_binary_op(o, a, b)? {
            return Ok(v);
        }
        // Fallbacks for comparisons.
        match o {
            op::BINARY_EQUAL => Ok(Value::bool(native_eq(self, a, b).unwrap_or(a == b))),
            op::BINARY_NOT_EQUAL => Ok(Value::bool(!native_eq(self, a, b).unwrap_or(a == b))),
            _ => {
                let name = binop_name(o);
                Err(self.unsupported_binop(name, a, b))
            }
        }
    }

    /// The dispatch loop's float fast path: `+ - * /` with a float and a float or small int,
    /// comparisons of two floats, `+ - *` with a complex and a complex, float or small int,
    /// as [`Vm::binary_op`] computes them. `None`: take the general path (other operations,
    /// other types, division by zero).
    #[inline]
    pub fn float_binop_fast(&mut self, o: u8, a: Value, b: Value) -> Option<PyResult<Value>> {
        if !cfg!(feature = "fast-paths") {
            return None; // the general path does the same in less flash
        }
        let (x, fa) = match self.heap.get(a) {
            Some(Obj::Float(x)) => (*x, true),
            Some(Obj::Complex(..)) => return self.complex_binop_fast(o, a, b),
            _ => (a.as_small_int()? as f64, false),
        };
        let (y, fb) = match self.heap.get(b) {
            Some(Obj::Float(y)) => (*y, true),
            Some(Obj::Complex(..)) => return self.complex_binop_fast(o, a, b),
            _ => (b.as_small_int()? as f64, false),
        };
        let r = match o {
            _ if !(fa || fb) => return None,
            op::BINARY_ADD | op::BINARY_INPLACE_ADD => x + y,
            op::BINARY_SUBTRACT | op::BINARY_INPLACE_SUBTRACT => x - y,
            op::BINARY_MULTIPLY | op::BINARY_INPLACE_MULTIPLY => x * y,
            op::BINARY_TRUE_DIVIDE | op::BINARY_INPLACE_TRUE_DIVIDE if y != 0.0 => x / y,
            _ if !(fa && fb) => return None,
            op::BINARY_LESS => return Some(Ok(Value::bool(x < y))),
            op::BINARY_MORE => return Some(Ok(Value::bool(x > y))),
            op::BINARY_LESS_EQUAL => return Some(Ok(Value::bool(x <= y))),
            op::BINARY_MORE_EQUAL => return Some(Ok(Value::bool(x >= y))),
            _ => return None,
        };
        Some(self.new_float(r))
    }

    /// [`Vm::float_binop_fast`] with a complex operand: `+ - *` as `complex_op` computes them.
    fn complex_binop_fast(&mut self, o: u8, a: Value, b: Value) -> Option<PyResult<Value>> {
        if !cfg!(feature = "complex") {
            return None; // no complex number exists
        }
        let parts = |v: Value| match self.heap.get(v) {
            Some(Obj::Complex(c)) => Some((c.0, c.1)),
            Some(Obj::Float(f)) => Some((*f, 0.0)),
            _ => v.as_small_int().map(|i| (i as f64, 0.0)),
        };
        let ((ar, ai), (br, bi)) = (parts(a)?, parts(b)?);
        let (r, i) = match o {
            op::BINARY_ADD | op::BINARY_INPLACE_ADD => (ar + br, ai + bi),
            op::BINARY_SUBTRACT | op::BINARY_INPLACE_SUBTRACT => (ar - br, ai - bi),
            op::BINARY_MULTIPLY | op::BINARY_INPLACE_MULTIPLY => {
                (ar * br - ai * bi, ar * bi + ai * br)
            }
            _ => return None,
        };
        Some(self.new_complex(r, i))
    }

    /// The dispatch loop's subscript fast path: a list, tuple, bytes or bytearray indexed by
    /// a small int in range. `None`: take the general path ([`Vm::getitem`]).
    #[inline]
    pub fn getitem_fast(&self, obj: Value, index: Value) -> Option<Value> {
        if !cfg!(feature = "fast-paths") {
            return None; // the general path does the same in less flash
        }
        let i = index.as_small_int()?;
        let at = |len: usize| {
            let j = if i < 0 {
                i.checked_add(len as isize)?
            } else {
                i
            };
            usize::try_from(j).ok()
        };
        match self.heap.get(obj) {
            Some(Obj::List(l)) => l.get(at(l.len())?).copied(),
            Some(Obj::Tuple(t)) => t.get(at(t.len())?).copied(),
            Some(Obj::Bytes(b)) => b.get(at(b.len())?).map(|&x| Value::small_int(x as isize)),
            Some(Obj::ByteArray(b)) => b.get(at(b.len())?).map(|&x| Value::small_int(x as isize)),
            _ => None,
        }
    }

    /// Store into a list (any value) or bytearray (a small int in 0..256) at a small-int
    /// index in range; false: take the general path ([`Vm::setitem`]).
    #[inline]
    pub fn setitem_fast(&mut self, obj: Value, index: Value, value: Value) -> bool {
        if !cfg!(feature = "fast-paths") {
            return false; // the general path does the same in less flash
        }
        let Some(i) = index.as_small_int() else {
            return false;
        };
        let at = |len: usize| {
            let j = if i < 0 {
                i.wrapping_add(len as isize)
            } else {
                i
            };
            usize::try_from(j).ok()
        };
        match self.heap.get_mut(obj) {
            Some(Obj::List(l)) => match at(l.len()).and_then(|j| l.get_mut(j)) {
                Some(slot) => {
                    *slot = value;
                    true
                }
                None => false,
            },
            Some(Obj::ByteArray(b)) => {
                let byte = value.as_small_int().and_then(|x| u8::try_from(x).ok());
                match (byte, at(b.len()).and_then(|j| b.get_mut(j))) {
                    (Some(x), Some(slot)) => {
                        *slot = x;
                        true
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// Binary operation `o` on two small ints: `Ok(None)` when the result needs the general
    /// path (big ints, floats).
    #[inline(never)]
    pub fn small_int_op(&mut self, o: u8, x: isize, y: isize) -> PyResult<Option<Value>> {
        let mk = |r: Option<isize>| -> Option<Value> {
            r.filter(|r| (crate::value::SMALL_INT_MIN..=crate::value::SMALL_INT_MAX).contains(r))
                .map(Value::small_int)
        };
        let r = match o {
            op::BINARY_ADD | op::BINARY_INPLACE_ADD => mk(x.checked_add(y)),
            op::BINARY_SUBTRACT | op::BINARY_INPLACE_SUBTRACT => mk(x.checked_sub(y)),
            op::BINARY_MULTIPLY | op::BINARY_INPLACE_MULTIPLY => mk(x.checked_mul(y)),
            op::BINARY_LESS => Some(Value::bool(x < y)),
            op::BINARY_MORE => Some(Value::bool(x > y)),
            op::BINARY_LESS_EQUAL => Some(Value::bool(x <= y)),
            op::BINARY_MORE_EQUAL => Some(Value::bool(x >= y)),
            op::BINARY_EQUAL => Some(Value::bool(x == y)),
            op::BINARY_NOT_EQUAL => Some(Value::bool(x != y)),
            op::BINARY_AND | op::BINARY_INPLACE_AND => Some(Value::small_int(x & y)),
            op::BINARY_OR | op::BINARY_INPLACE_OR => Some(Value::small_int(x | y)),
            op::BINARY_XOR | op::BINARY_INPLACE_XOR => Some(Value::small_int(x ^ y)),
            op::BINARY_FLOOR_DIVIDE | op::BINARY_INPLACE_FLOOR_DIVIDE => {
                if y == 0 {
                    return Err(self.zero_division("divide by zero"));
                }
                mk(Some(Integer::div_floor(&x, &y)))
            }
            op::BINARY_MODULO | op::BINARY_INPLACE_MODULO => {
                if y == 0 {
                    return Err(self.zero_division("divide by zero"));
                }
                Some(Value::small_int(Integer::mod_floor(&x, &y)))
            }
            op::BINARY_TRUE_DIVIDE | op::BINARY_INPLACE_TRUE_DIVIDE => {
                if y == 0 {
                    return Err(self.zero_division("divide by zero"));
                }
                Some(self.new_float(x as f64 / y as f64)?)
            }
            op::BINARY_RSHIFT | op::BINARY_INPLACE_RSHIFT => {
                if y < 0 {
                    return Err(self.value_error("negative shift count"));
                }
                Some(Value::small_int(if y >= isize::BITS as isize {
                    if x < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    x >> y
                }))
            }
            op::BINARY_LSHIFT | op::BINARY_INPLACE_LSHIFT => {
                if y < 0 {
                    return Err(self.value_error("negative shift count"));
                }
                if y < (isize::BITS - 2) as isize {
                    let r = x.checked_shl(y as u32).filter(|r| r >> y == x);
                    mk(r)
                } else if x == 0 {
                    Some(Value::small_int(0))
                } else {
                    None
                }
            }
            op::BINARY_POWER | op::BINARY_INPLACE_POWER => {
                if y < 0 {
                    None
                } else if y < 64 {
                    mk(x.checked_pow(y as u32))
                } else if x == 0 || x == 1 {
                    Some(Value::small_int(x))
                } else {
                    None
                }
            }
            _ => None,
        };
        Ok(r)
    }

    fn user_binary_op(
        &mut self,
        o: u8,
        a: Value,
        b: Value,
        a_user: bool,
        b_user: bool,
    ) -> PyResult<Option<Value>> {
        let cmp = match o {
            op::BINARY_EQUAL => Some((q::__EQ__, q::__EQ__)),
            op::BINARY_NOT_EQUAL => Some((q::__NE__, q::__NE__)),
            op::BINARY_LESS => Some((q::__LT__, q::__GT__)),
            op::BINARY_MORE => Some((q::__GT__, q::__LT__)),
            op::BINARY_LESS_EQUAL => Some((q::__LE__, q::__GE__)),
            op::BINARY_MORE_EQUAL => Some((q::__GE__, q::__LE__)),
            _ => None,
        };
        if o == op::BINARY_NOT_EQUAL {
            // Each side's __ne__, or else the inverse of its __eq__ (object.__ne__), in turn.
            for (x, y, user) in [(a, b, a_user), (b, a, b_user)] {
                if !user {
                    continue;
                }
                if let Some(v) = self.call_method_opt(x, q::__NE__, &[y])? {
                    if v != Value::NOT_IMPLEMENTED {
                        return Ok(Some(v));
                    }
                } else if let Some(v) = self.call_method_opt(x, q::__EQ__, &[y])? {
                    if v != Value::NOT_IMPLEMENTED {
                        let t = self.truthy(v)?;
                        return Ok(Some(Value::bool(!t)));
                    }
                }
            }
        } else if let Some((m, r)) = cmp {
            if a_user {
                if let Some(v) = self.call_method_opt(a, m, &[b])? {
                    if v != Value::NOT_IMPLEMENTED {
                        return Ok(Some(v));
                    }
                }
            }
            if b_user {
                if let Some(v) = self.call_method_opt(b, r, &[a])? {
                    if v != Value::NOT_IMPLEMENTED {
                        return Ok(Some(v));
                    }
                }
            }
        } else if let Some((m, r, i)) = dunders(o) {
            if a_user {
                if let Some(im) = i {
                    if let Some(v) = self.call_method_opt(a, im, &[b])? {
                        if v != Value::NOT_IMPLEMENTED {
                            return Ok(Some(v));
                        }
                    }
                }
                if let Some(v) = self.call_method_opt(a, m, &[b])? {
                    if v != Value::NOT_IMPLEMENTED {
                        return Ok(Some(v));
                    }
                }
            }
            if b_user && o != op::BINARY_DIVMOD {
                if let Some(v) = self.call_method_opt(b, r, &[a])? {
                    if v != Value::NOT_IMPLEMENTED {
                        return Ok(Some(v));
                    }
                }
            }
        }
        // Subclasses of builtins: operate on the builtin value inside.
        let na = self.native_base_value(a);
        let nb = self.native_base_value(b);
        if na.is_some() || nb.is_some() {
            return self.builtin_binary_op(o, na.unwrap_or(a), nb.unwrap_or(b));
        }
        Ok(None)
    }

    /// Binary ops of builtin types; Ok(None) when the types are not supported.
    fn builtin_binary_op(&mut self, o: u8, a: Value, b: Value) -> PyResult<Option<Value>> {
        let base_op = if (op::BINARY_INPLACE_OR..=op::BINARY_INPLACE_POWER).contains(&o) {
            o - op::BINARY_INPLACE_OR + op::BINARY_OR
        } else {
            o
        };
        // Numbers.
        if is_number(self, a) && is_number(self, b) {
            return self.number_op(base_op, a, b).map(Some);
        }
        // In-place list extend keeps identity.
        if o == op::BINARY_INPLACE_ADD {
            if let Some(Obj::List(_)) = self.heap.get(a) {
                let items = self.collect_iterable(b)?;
                self.list_reserve(a, items.len())?;
                if let Some(Obj::List(l)) = self.heap.get_mut(a) {
                    l.extend_from_slice(&items);
                }
                return Ok(Some(a));
            }
        }
        match base_op {
            op::BINARY_ADD => {
                // Adding an empty str or bytes returns the other operand itself (immutable,
                // so sharing is invisible), without allocating, as MicroPython does.
                let plain = |vm: &Vm, v: Value| {
                    v.is_qstr() || matches!(vm.heap.get(v), Some(Obj::Str(_) | Obj::Bytes(_)))
                };
                if plain(self, a) && plain(self, b) {
                    let same_kind = self.is_str(a) == self.is_str(b);
                    if same_kind && self.len_is_zero(b) {
                        return Ok(Some(a));
                    }
                    if same_kind && self.len_is_zero(a) {
                        return Ok(Some(b));
                    }
                }
                if let (Some(x), Some(y)) = (self.str_data(a), self.str_data(b)) {
                    let mut s = alloc::string::String::new();
                    if s.try_reserve(x.len() + y.len()).is_err() {
                        return Err(self.no_memory());
                    }
                    s.push_str(x);
                    s.push_str(y);
                    self.reserve(s.len())?;
                    return self.new_string(s).map(Some);
                }
                match (self.heap.get(a), self.heap.get(b)) {
                    (Some(Obj::List(x)), Some(Obj::List(y))) => {
                        let mut v = Vec::new();
                        if v.try_reserve(x.len() + y.len()).is_err() {
                            return Err(self.no_memory());
                        }
                        v.extend_from_slice(x);
                        v.extend_from_slice(y);
                        return self.new_list(v).map(Some);
                    }
                    (Some(Obj::Tuple(x)), Some(Obj::Tuple(y))) => {
                        let mut v = Vec::new();
                        if v.try_reserve(x.len() + y.len()).is_err() {
                            return Err(self.no_memory());
                        }
                        v.extend_from_slice(x);
                        v.extend_from_slice(y);
                        return self.new_tuple(&v).map(Some);
                    }
                    _ => {}
                }
                // bytes + any buffer (array, memoryview) is bytes, as in MicroPython.
                let other = match (self.bytes_data(a), self.bytes_data(b)) {
                    (Some(_), None) => crate::modules::native::buffer(self, b),
                    _ => None,
                };
                let y_owned;
                let y = match other {
                    Some(o) => {
                        y_owned = o;
                        Some(&y_owned[..])
                    }
                    None => self.bytes_data(b),
                };
                if let (Some(x), Some(y)) = (self.bytes_data(a), y) {
                    let mut v = Vec::new();
                    if v.try_reserve(x.len() + y.len()).is_err() {
                        return Err(self.no_memory());
                    }
                    v.extend_from_slice(x);
                    v.extend_from_slice(y);
                    let is_ba = matches!(self.heap.get(a), Some(Obj::ByteArray(_)));
                    return if is_ba {
                        self.alloc(Obj::ByteArray(v))
                    } else {
                        self.new_bytes(&v)
                    }
                    .map(Some);
                }
            }
            op::BINARY_MULTIPLY => {
                let (seq, n) = if self.is_int(b) {
                    (a, b)
                } else if self.is_int(a) {
                    (b, a)
                } else {
                    (Value::NULL, b)
                };
                if !seq.is_null() {
                    let n = self.to_i64(n)?.max(0) as usize;
                    return self.repeat(seq, n);
                }
            }
            op::BINARY_MODULO => {
                if self.is_str(a) {
                    return crate::types::str::percent_format(self, a, b).map(Some);
                }
                if matches!(self.heap.get(a), Some(Obj::Bytes(_))) {
                    return crate::types::bytes::percent_format(self, a, b).map(Some);
                }
            }
            op::BINARY_LESS
            | op::BINARY_MORE
            | op::BINARY_LESS_EQUAL
            | op::BINARY_MORE_EQUAL
            | op::BINARY_EQUAL
            | op::BINARY_NOT_EQUAL => {
                if let (Some(x), Some(y)) = (self.str_data(a), self.str_data(b)) {
                    let c = x.cmp(y);
                    return Ok(Some(Value::bool(ord_matches(o, c))));
                }
                if let (Some(x), Some(y)) = (self.bytes_data(a), self.bytes_data(b)) {
                    let c = x.cmp(y);
                    return Ok(Some(Value::bool(ord_matches(o, c))));
                }
                let pair = match (self.heap.get(a), self.heap.get(b)) {
                    (Some(Obj::List(x)), Some(Obj::List(y))) => Some((x.clone(), y.clone())),
                    (Some(Obj::Tuple(x)), Some(Obj::Tuple(y))) => Some((x.to_vec(), y.to_vec())),
                    _ => None,
                };
                if let Some((x, y)) = pair {
                    return self.seq_compare(o, x, y).map(Some);
                }
                let sets = matches!(
                    self.heap.get(a),
                    Some(Obj::Set(_)) | Some(Obj::FrozenSet(_))
                ) && matches!(
                    self.heap.get(b),
                    Some(Obj::Set(_)) | Some(Obj::FrozenSet(_))
                );
                if sets {
                    return crate::types::dict::set_compare(self, o, a, b).map(Some);
                }
                if matches!(self.heap.get(a), Some(Obj::Dict(_)))
                    && matches!(self.heap.get(b), Some(Obj::Dict(_)))
                    && (o == op::BINARY_EQUAL || o == op::BINARY_NOT_EQUAL)
                {
                    let e = crate::types::dict::dict_eq(self, a, b)?;
                    return Ok(Some(Value::bool(e == (o == op::BINARY_EQUAL))));
                }
            }
            _ => {}
        }
        if matches!(
            self.heap.get(a),
            Some(Obj::Set(_)) | Some(Obj::FrozenSet(_))
        ) || matches!(self.heap.get(a), Some(Obj::Dict(_)))
        {
            return crate::types::dict::set_binary_op(self, o, a, b);
        }
        Ok(None)
    }

    fn repeat(&mut self, seq: Value, n: usize) -> PyResult<Option<Value>> {
        if let Some(s) = self.str_data(seq) {
            let len = s.len();
            let Some(total) = len.checked_mul(n) else {
                return Err(self.memory_error_unsized());
            };
            self.reserve(total)?;
            let r = self.str_data(seq).unwrap_or("").repeat(n);
            return self.new_string(r).map(Some);
        }
        // bytes and bytearray repeat their bytes directly (one byte each, no Value per item).
        let bytes = match self.heap.get(seq) {
            Some(Obj::Bytes(b)) => Some((b.len(), true)),
            Some(Obj::ByteArray(b)) => Some((b.len(), false)),
            _ => None,
        };
        if let Some((len, is_bytes)) = bytes {
            let Some(total) = len.checked_mul(n) else {
                return Err(self.memory_error_unsized());
            };
            self.reserve(total)?;
            let mut out = Vec::new();
            if out.try_reserve_exact(total).is_err() {
                return Err(self.no_memory());
            }
            if let Some(Obj::Bytes(b)) = self.heap.get(seq) {
                (0..n).for_each(|_| out.extend_from_slice(b));
            } else if let Some(Obj::ByteArray(b)) = self.heap.get(seq) {
                (0..n).for_each(|_| out.extend_from_slice(b));
            }
            let obj = if is_bytes {
                Obj::Bytes(out.into_boxed_slice())
            } else {
                Obj::ByteArray(out)
            };
            return self.alloc(obj).map(Some);
        }
        let (items, kind) = match self.heap.get(seq) {
            Some(Obj::List(l)) => (l.clone(), 0),
            Some(Obj::Tuple(t)) => (t.to_vec(), 1),
            _ => return Ok(None),
        };
        let Some((total, bytes)) = items
            .len()
            .checked_mul(n)
            .and_then(|t| Some((t, t.checked_mul(core::mem::size_of::<Value>())?)))
        else {
            return Err(self.memory_error_unsized());
        };
        self.reserve(bytes)?;
        let mut out = Vec::new();
        if out.try_reserve(total).is_err() {
            return Err(self.no_memory());
        }
        for _ in 0..n {
            out.extend_from_slice(&items);
        }
        if kind == 0 {
            self.new_list(out).map(Some)
        } else {
            self.new_tuple(&out).map(Some)
        }
    }

    /// Arithmetic on numbers (int, bool, float, complex).
    fn number_op(&mut self, o: u8, a: Value, b: Value) -> PyResult<Value> {
        let is_f = |vm: &Vm, v: Value| matches!(vm.heap.get(v), Some(Obj::Float(_)));
        #[cfg(feature = "complex")]
        {
            let is_c = |vm: &Vm, v: Value| matches!(vm.heap.get(v), Some(Obj::Complex(..)));
            if is_c(self, a) || is_c(self, b) {
                return self.complex_op(o, a, b);
            }
        }
        if is_f(self, a) || is_f(self, b) {
            let x = self.to_f64(a)?;
            let y = self.to_f64(b)?;
            return self.float_op(o, x, y);
        }
        // Both ints.
        if let (Some(x), Some(y)) = (int_small(a), int_small(b)) {
            if let Some(v) = self.small_int_op(o, x, y)? {
                return Ok(v);
            }
        }
        let x = as_bigint(self, a).unwrap_or_default();
        let y = as_bigint(self, b).unwrap_or_default();
        self.bigint_op(o, x, y)
    }

    fn bigint_op(&mut self, o: u8, x: BigInt, y: BigInt) -> PyResult<Value> {
        let r = match o {
            op::BINARY_ADD => x + y,
            op::BINARY_SUBTRACT => x - y,
            op::BINARY_MULTIPLY => {
                check_bits(self, x.bits() + y.bits())?;
                x * y
            }
            op::BINARY_FLOOR_DIVIDE | op::BINARY_MODULO | op::BINARY_DIVMOD => {
                if y.is_zero() {
                    return Err(self.zero_division("divide by zero"));
                }
                let (d, m) = x.div_mod_floor(&y);
                match o {
                    op::BINARY_FLOOR_DIVIDE => d,
                    op::BINARY_MODULO => m,
                    _ => {
                        let d = self.new_bigint(d)?;
                        self.roots.push(d);
                        let m = self.new_bigint(m);
                        self.roots.pop();
                        let m = m?;
                        return self.new_tuple(&[d, m]);
                    }
                }
            }
            op::BINARY_TRUE_DIVIDE => {
                if y.is_zero() {
                    return Err(self.zero_division("divide by zero"));
                }
                let f = match (x.to_f64(), y.to_f64()) {
                    (Some(a), Some(b)) if a.is_finite() && b.is_finite() => a / b,
                    _ => return Err(self.overflow_error("int too big to convert to float")),
                };
                return self.new_float(f);
            }
            op::BINARY_POWER => {
                if y.is_negative() {
                    let a = x.to_f64().unwrap_or(f64::INFINITY);
                    let b = y.to_f64().unwrap_or(f64::NEG_INFINITY);
                    return self.float_op(o, a, b);
                }
                let e = match y.to_u32() {
                    Some(e) => e,
                    None => {
                        if x.is_zero() || x.is_one() {
                            return self.new_bigint(x);
                        }
                        if x == BigInt::from(-1) {
                            return self.new_bigint(if y.is_even() { BigInt::one() } else { x });
                        }
                        return Err(self.no_memory());
                    }
                };
                check_bits(self, x.bits().saturating_mul(e as u64))?;
                Pow::pow(x, e)
            }
            op::BINARY_LSHIFT => {
                let s = match y.to_i64() {
                    Some(s) if s >= 0 => s as u64,
                    Some(_) => return Err(self.value_error("negative shift count")),
                    None => return Err(self.no_memory()),
                };
                if x.is_zero() {
                    return Ok(Value::small_int(0));
                }
                check_bits(self, x.bits() + s)?;
                x << s as usize
            }
            op::BINARY_RSHIFT => {
                let s = match y.to_i64() {
                    Some(s) if s >= 0 => s as u64,
                    Some(_) => return Err(self.value_error("negative shift count")),
                    None => u64::MAX,
                };
                if s >= x.bits() {
                    if x.is_negative() {
                        BigInt::from(-1)
                    } else {
                        BigInt::zero()
                    }
                } else {
                    x >> s as usize
                }
            }
            op::BINARY_AND => x & y,
            op::BINARY_OR => x | y,
            op::BINARY_XOR => x ^ y,
            op::BINARY_LESS => return Ok(Value::bool(x < y)),
            op::BINARY_MORE => return Ok(Value::bool(x > y)),
            op::BINARY_LESS_EQUAL => return Ok(Value::bool(x <= y)),
            op::BINARY_MORE_EQUAL => return Ok(Value::bool(x >= y)),
            op::BINARY_EQUAL => return Ok(Value::bool(x == y)),
            op::BINARY_NOT_EQUAL => return Ok(Value::bool(x != y)),
            _ => {
                let xa = self.new_bigint(x)?;
                let ya = self.new_bigint(y)?;
                return Err(self.unsupported_binop(binop_name(o), xa, ya));
            }
        };
        self.new_bigint(r)
    }

    /// Float arithmetic with Python's rules (floor division and modulo follow the divisor's sign).
    pub fn float_op(&mut self, o: u8, x: f64, y: f64) -> PyResult<Value> {
        let r = match o {
            op::BINARY_ADD => x + y,
            op::BINARY_SUBTRACT => x - y,
            op::BINARY_MULTIPLY => x * y,
            op::BINARY_TRUE_DIVIDE => {
                if y == 0.0 {
                    return Err(self.zero_division("divide by zero"));
                }
                x / y
            }
            op::BINARY_FLOOR_DIVIDE | op::BINARY_MODULO | op::BINARY_DIVMOD => {
                if y == 0.0 {
                    return Err(self.zero_division("divide by zero"));
                }
                let (d, m) = float_divmod(x, y);
                match o {
                    op::BINARY_FLOOR_DIVIDE => d,
                    op::BINARY_MODULO => m,
                    _ => {
                        let a = self.new_float(d)?;
                        self.roots.push(a);
                        let b = self.new_float(m);
                        self.roots.pop();
                        let b = b?;
                        return self.new_tuple(&[a, b]);
                    }
                }
            }
            op::BINARY_POWER => {
                if x == 0.0 && y < 0.0 && y.is_finite() {
                    return Err(self.zero_division("0.0 to a negative power"));
                }
                // A negative base to a fractional power is complex (nan and inf powers are not
                // fractional: they stay float, as in CPython).
                if x < 0.0 && y.is_finite() && y != libm::trunc(y) {
                    #[cfg(feature = "complex")]
                    {
                        let zc = self.new_complex(x, 0.0)?;
                        let yc = self.new_float(y)?;
                        return self.complex_op(o, zc, yc);
                    }
                    #[cfg(not(feature = "complex"))]
                    return Err(self.value_error("math domain error"));
                }
                libm::pow(x, y)
            }
            op::BINARY_LESS => return Ok(Value::bool(x < y)),
            op::BINARY_MORE => return Ok(Value::bool(x > y)),
            op::BINARY_LESS_EQUAL => return Ok(Value::bool(x <= y)),
            op::BINARY_MORE_EQUAL => return Ok(Value::bool(x >= y)),
            op::BINARY_EQUAL => return Ok(Value::bool(x == y)),
            op::BINARY_NOT_EQUAL => return Ok(Value::bool(x != y)),
            _ => {
                let a = self.new_float(x)?;
                let b = self.new_float(y)?;
                return Err(self.unsupported_binop(binop_name(o), a, b));
            }
        };
        self.new_float(r)
    }

    #[cfg(feature = "complex")]
    fn complex_op(&mut self, o: u8, a: Value, b: Value) -> PyResult<Value> {
        let (ar, ai) = match as_complex(self, a) {
            Some(x) => x,
            None => return Err(self.unsupported_binop(binop_name(o), a, b)),
        };
        let (br, bi) = match as_complex(self, b) {
            Some(x) => x,
            None => return Err(self.unsupported_binop(binop_name(o), a, b)),
        };
        let (r, i) = match o {
            op::BINARY_ADD => (ar + br, ai + bi),
            op::BINARY_SUBTRACT => (ar - br, ai - bi),
            op::BINARY_MULTIPLY => (ar * br - ai * bi, ar * bi + ai * br),
            op::BINARY_TRUE_DIVIDE => {
                let d = br * br + bi * bi;
                if d == 0.0 {
                    return Err(self.zero_division("complex divide by zero"));
                }
                ((ar * br + ai * bi) / d, (ai * br - ar * bi) / d)
            }
            op::BINARY_POWER => {
                if br == 0.0 && bi == 0.0 {
                    (1.0, 0.0)
                } else if ar == 0.0 && ai == 0.0 {
                    if bi != 0.0 || br < 0.0 {
                        return Err(self.zero_division("0.0 to a complex power"));
                    }
                    (0.0, 0.0)
                } else {
                    let ln_r = libm::log(libm::hypot(ar, ai));
                    let th = libm::atan2(ai, ar);
                    let mag = libm::exp(br * ln_r - bi * th);
                    let ang = bi * ln_r + br * th;
                    (mag * libm::cos(ang), mag * libm::sin(ang))
                }
            }
            op::BINARY_EQUAL => return Ok(Value::bool(ar == br && ai == bi)),
            op::BINARY_NOT_EQUAL => return Ok(Value::bool(ar != br || ai != bi)),
            _ => return Err(self.unsupported_binop(binop_name(o), a, b)),
        };
        self.new_complex(r, i)
    }

    /// Python unary operators (MicroPython unary-op codes).
    pub fn unary_op(&mut self, o: u8, v: Value) -> PyResult<Value> {
        if let Some(i) = v.as_small_int() {
            match o {
                op::UNARY_POSITIVE => return Ok(v),
                op::UNARY_NEGATIVE => return self.new_int(-(i as i64)),
                op::UNARY_INVERT => return Ok(Value::small_int(!i)),
                op::UNARY_NOT => return Ok(Value::bool(i == 0)),
                op::UNARY_BOOL => return Ok(Value::bool(i != 0)),
                op::UNARY_HASH => return Ok(v),
                op::UNARY_ABS => return self.new_int((i as i64).abs()),
                _ => {}
            }
        }
        match o {
            op::UNARY_NOT => return Ok(Value::bool(!self.truthy(v)?)),
            op::UNARY_BOOL => return Ok(Value::bool(self.truthy(v)?)),
            op::UNARY_HASH => {
                let h = self.hash(v)?;
                return Ok(Value::small_int(h as isize));
            }
            op::UNARY_LEN => {
                let n = self.len(v)?;
                return self.new_int(n as i64);
            }
            _ => {}
        }
        if v.is_bool() {
            let i = (v == Value::TRUE) as isize;
            return self.unary_op(o, Value::small_int(i));
        }
        match self.heap.get(v) {
            Some(Obj::BigInt(b)) => {
                let b = (**b).clone();
                let r = match o {
                    op::UNARY_POSITIVE => b,
                    op::UNARY_NEGATIVE => -b,
                    op::UNARY_INVERT => !b,
                    op::UNARY_ABS => b.abs(),
                    _ => {
                        return Err(self.type_error_for(
                            "bad operand type for unary operator: ",
                            v,
                            "",
                        ))
                    }
                };
                self.new_bigint(r)
            }
            Some(Obj::Float(f)) => {
                let f = *f;
                match o {
                    op::UNARY_POSITIVE => Ok(v),
                    op::UNARY_NEGATIVE => self.new_float(-f),
                    op::UNARY_ABS => self.new_float(f.abs()),
                    _ => Err(self.type_error_for("bad operand type for unary operator: ", v, "")),
                }
            }
            #[cfg(feature = "complex")]
            Some(Obj::Complex(c)) => {
                let (r, i) = (c.0, c.1);
                match o {
                    op::UNARY_POSITIVE => Ok(v),
                    op::UNARY_NEGATIVE => self.new_complex(-r, -i),
                    op::UNARY_ABS => self.new_float(libm::hypot(r, i)),
                    _ => Err(self.type_error_for("bad operand type for unary operator: ", v, "")),
                }
            }
            Some(Obj::Instance(_)) | Some(Obj::Native(_)) => {
                let name = match o {
                    op::UNARY_POSITIVE => q::__POS__,
                    op::UNARY_NEGATIVE => q::__NEG__,
                    op::UNARY_INVERT => q::__INVERT__,
                    op::UNARY_ABS => q::__ABS__,
                    _ => q::EMPTY,
                };
                if let Some(r) = self.call_method_opt(v, name, &[])? {
                    return Ok(r);
                }
                if let Some(b) = self.native_base_value(v) {
                    return self.unary_op(o, b);
                }
                Err(self.type_error_for("unsupported type for unary operator: ", v, ""))
            }
            _ => Err(self.type_error_for("bad operand type for unary operator: ", v, "")),
        }
    }

    /// `len(v)`.
    pub fn len(&mut self, v: Value) -> PyResult<usize> {
        if let Some(s) = self.str_data(v) {
            return Ok(s.chars().count());
        }
        match self.heap.get(v) {
            Some(Obj::Bytes(b)) => Ok(b.len()),
            Some(Obj::ByteArray(b)) => Ok(b.len()),
            Some(Obj::Tuple(t)) => Ok(t.len()),
            Some(Obj::List(l)) => Ok(l.len()),
            Some(Obj::Dict(d)) | Some(Obj::Set(d)) | Some(Obj::FrozenSet(d)) => Ok(d.len()),
            Some(Obj::Range(a, b, c)) => Ok(range_len(*a, *b, *c)),
            Some(Obj::Instance(_)) | Some(Obj::Native(_)) => {
                if let Some(r) = self.call_method_opt(v, q::__LEN__, &[])? {
                    let n = self.to_index(r)?;
                    if n < 0 {
                        return Err(self.value_error("__len__() should return >= 0"));
                    }
                    return Ok(n as usize);
                }
                if let Some(b) = self.native_base_value(v) {
                    return self.len(b);
                }
                Err(self.type_error_for("object of type ", v, " has no len()"))
            }
            _ => Err(self.type_error_for("object of type ", v, " has no len()")),
        }
    }

    /// `item in container`.
    pub fn contains(&mut self, container: Value, item: Value) -> PyResult<bool> {
        if let Some(hay) = self.str_data(container) {
            return match self.str_data(item) {
                Some(needle) => Ok(hay.contains(needle)),
                None => Err(self.type_error("'in <string>' requires string as left operand")),
            };
        }
        match self.heap.get(container) {
            Some(Obj::Dict(_)) | Some(Obj::Set(_)) | Some(Obj::FrozenSet(_)) => {
                let h = self.hash(item)?;
                Ok(self.dict_find(container, item, h)?.is_some())
            }
            Some(Obj::Bytes(_)) | Some(Obj::ByteArray(_)) => {
                if let Some(i) = item.as_small_int() {
                    let hay = self.bytes_data(container).unwrap_or(&[]);
                    return Ok(hay.contains(&(i as u8)) && (0..256).contains(&i));
                }
                let needle: Vec<u8> = match crate::modules::native::buffer(self, item) {
                    Some(n) if !self.is_str(item) => n,
                    _ => return Err(self.type_error("a bytes-like object is required")),
                };
                let hay = self.bytes_data(container).unwrap_or(&[]);
                Ok(needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle.as_slice()))
            }
            Some(Obj::Range(a, b, c)) => {
                let (a, b, c) = (*a, *b, *c);
                match int_small(item) {
                    Some(i) => {
                        let ok = if c > 0 {
                            i >= a && i < b
                        } else {
                            i <= a && i > b
                        };
                        Ok(ok && (i - a) % c == 0)
                    }
                    None => Ok(false),
                }
            }
            Some(Obj::List(_)) | Some(Obj::Tuple(_)) => {
                let items: Vec<Value> = match self.heap.get(container) {
                    Some(Obj::List(l)) => l.clone(),
                    Some(Obj::Tuple(t)) => t.to_vec(),
                    _ => Vec::new(),
                };
                self.roots.push(container);
                let mut found = Ok(false);
                for x in items {
                    match self.eq(x, item) {
                        Ok(true) => {
                            found = Ok(true);
                            break;
                        }
                        Ok(false) => {}
                        Err(e) => {
                            found = Err(e);
                            break;
                        }
                    }
                }
                self.roots.pop();
                found
            }
            _ => {
                if let Some(r) = self.call_method_opt(container, q::__CONTAINS__, &[item])? {
                    return self.truthy(r);
                }
                if let Some(b) = self.native_base_value(container) {
                    return self.contains(b, item);
                }
                let it = self.get_iter(container)?;
                let base = self.roots.len();
                self.roots.push(it);
                let mut res = Ok(false);
                loop {
                    match self.iter_next(it) {
                        Ok(Some(x)) => match self.eq(x, item) {
                            Ok(true) => {
                                res = Ok(true);
                                break;
                            }
                            Ok(false) => {}
                            Err(e) => {
                                res = Err(e);
                                break;
                            }
                        },
                        Ok(None) => break,
                        Err(e) => {
                            res = Err(e);
                            break;
                        }
                    }
                }
                self.roots.truncate(base);
                res
            }
        }
    }

    /// Normalise a sequence index (negative counts from the end); IndexError when out of range.
    pub fn seq_index(&mut self, idx: Value, len: usize, what: &str) -> PyResult<usize> {
        let i = match idx.as_small_int() {
            Some(i) => i,
            None => {
                if self.is_int(idx) {
                    self.to_index(idx).unwrap_or(isize::MAX)
                } else {
                    let msg = alloc::format!("{} indices must be integers, not ", what);
                    return Err(self.type_error_for(&msg, idx, ""));
                }
            }
        };
        let j = if i < 0 { i + len as isize } else { i };
        if j < 0 || j as usize >= len {
            let msg = alloc::format!("{} index out of range", what);
            return Err(self.index_error(&msg));
        }
        Ok(j as usize)
    }

    /// `obj[index]`.
    pub fn getitem(&mut self, obj: Value, index: Value) -> PyResult<Value> {
        if let Some(Obj::List(l)) = self.heap.get(obj) {
            if let Some(i) = index.as_small_int() {
                let n = l.len() as isize;
                let j = if i < 0 { i + n } else { i };
                if j >= 0 && j < n {
                    return Ok(l[j as usize]);
                }
            }
        }
        if matches!(self.heap.get(index), Some(Obj::Slice(..))) {
            return crate::types::list::get_slice(self, obj, index);
        }
        match self.heap.get(obj) {
            Some(Obj::List(l)) => {
                let n = l.len();
                let i = self.seq_index(index, n, "list")?;
                match self.heap.get(obj) {
                    Some(Obj::List(l)) => Ok(l.get(i).copied().unwrap_or(Value::NONE)),
                    _ => Ok(Value::NONE),
                }
            }
            Some(Obj::Tuple(t)) => {
                let n = t.len();
                let i = self.seq_index(index, n, "tuple")?;
                match self.heap.get(obj) {
                    Some(Obj::Tuple(t)) => Ok(t[i]),
                    _ => Ok(Value::NONE),
                }
            }
            Some(Obj::Bytes(_)) | Some(Obj::ByteArray(_)) => {
                let n = self.bytes_data(obj).map(|b| b.len()).unwrap_or(0);
                let i = self.seq_index(index, n, "bytes")?;
                let b = self
                    .bytes_data(obj)
                    .and_then(|b| b.get(i).copied())
                    .unwrap_or(0);
                Ok(Value::small_int(b as isize))
            }
            Some(Obj::Dict(_)) => match self.dict_get(obj, index)? {
                Some(v) => Ok(v),
                None => Err(self.key_error(index)),
            },
            Some(Obj::Range(a, _, c)) => {
                let (a, c) = (*a, *c);
                let n = self.len(obj)?;
                let i = self.seq_index(index, n, "range")?;
                // In the range, so within isize; maybe not a small int.
                self.new_int(a as i64 + c as i64 * i as i64)
            }
            Some(Obj::Instance(_)) | Some(Obj::Native(_)) => {
                if let Some(r) = self.call_method_opt(obj, q::__GETITEM__, &[index])? {
                    return Ok(r);
                }
                if let Some(b) = self.native_base_value(obj) {
                    return self.getitem(b, index);
                }
                Err(self.type_error_for("", obj, " object isn't subscriptable"))
            }
            _ => {
                if let Some(s) = self.str_data(obj) {
                    let n = s.chars().count();
                    let i = self.seq_index(index, n, "string")?;
                    let c = self
                        .str_data(obj)
                        .and_then(|s| s.chars().nth(i))
                        .unwrap_or(' ');
                    let mut buf = [0u8; 4];
                    let cs: &str = c.encode_utf8(&mut buf);
                    return self.new_str(cs);
                }
                if self.is_class_like(obj) {
                    // Generic alias syntax like list[int] is accepted and ignored.
                    return Ok(obj);
                }
                Err(self.type_error_for("", obj, " object isn't subscriptable"))
            }
        }
    }

    /// `obj[index] = value`.
    pub fn setitem(&mut self, obj: Value, index: Value, value: Value) -> PyResult<()> {
        if matches!(self.heap.get(index), Some(Obj::Slice(..))) {
            return crate::types::list::set_slice(self, obj, index, value);
        }
        match self.heap.get(obj) {
            Some(Obj::List(l)) => {
                let n = l.len();
                let i = self.seq_index(index, n, "list")?;
                if let Some(Obj::List(l)) = self.heap.get_mut(obj) {
                    l[i] = value;
                }
                Ok(())
            }
            Some(Obj::ByteArray(b)) => {
                let n = b.len();
                let i = self.seq_index(index, n, "bytearray")?;
                let x = self.to_index(value)?;
                if !(0..256).contains(&x) {
                    return Err(self.value_error("byte must be in range(0, 256)"));
                }
                if let Some(Obj::ByteArray(b)) = self.heap.get_mut(obj) {
                    b[i] = x as u8;
                }
                Ok(())
            }
            Some(Obj::Dict(d)) if d.fixed => Err(self.type_error("dict is read-only")),
            Some(Obj::Dict(_)) => self.dict_set(obj, index, value),
            Some(Obj::Instance(_)) | Some(Obj::Native(_)) => {
                if self
                    .call_method_opt(obj, q::__SETITEM__, &[index, value])?
                    .is_some()
                {
                    return Ok(());
                }
                if let Some(b) = self.native_base_value(obj) {
                    return self.setitem(b, index, value);
                }
                Err(self.type_error_for("", obj, " object doesn't support item assignment"))
            }
            _ => Err(self.type_error_for("", obj, " object doesn't support item assignment")),
        }
    }

    /// `del obj[index]`.
    pub fn delitem(&mut self, obj: Value, index: Value) -> PyResult<()> {
        if matches!(self.heap.get(index), Some(Obj::Slice(..))) {
            return crate::types::list::del_slice(self, obj, index);
        }
        match self.heap.get(obj) {
            Some(Obj::List(l)) => {
                let n = l.len();
                let i = self.seq_index(index, n, "list")?;
                if let Some(Obj::List(l)) = self.heap.get_mut(obj) {
                    l.remove(i);
                }
                Ok(())
            }
            Some(Obj::ByteArray(b)) => {
                let n = b.len();
                let i = self.seq_index(index, n, "bytearray")?;
                if let Some(Obj::ByteArray(b)) = self.heap.get_mut(obj) {
                    b.remove(i);
                }
                Ok(())
            }
            Some(Obj::Dict(d)) if d.fixed => Err(self.type_error("dict is read-only")),
            Some(Obj::Dict(_)) => {
                let h = self.hash(index)?;
                match self.dict_find(obj, index, h)? {
                    Some(p) => {
                        if let Some(Obj::Dict(d)) = self.heap.get_mut(obj) {
                            d.remove_at(p);
                        }
                        Ok(())
                    }
                    None => Err(self.key_error(index)),
                }
            }
            Some(Obj::Instance(_)) | Some(Obj::Native(_)) => {
                if self
                    .call_method_opt(obj, q::__DELITEM__, &[index])?
                    .is_some()
                {
                    return Ok(());
                }
                if let Some(b) = self.native_base_value(obj) {
                    return self.delitem(b, index);
                }
                Err(self.type_error_for("", obj, " object doesn't support item deletion"))
            }
            _ => Err(self.type_error_for("", obj, " object doesn't support item deletion")),
        }
    }

    /// Is `v` a type (builtin type or class)?
    pub fn is_class_like(&self, v: Value) -> bool {
        matches!(v.as_static(), Some(crate::statics::StaticObj::Type(_)))
            || matches!(self.heap.get(v), Some(Obj::Class(_)))
    }

    /// Make an exception-safe copy of a container's items (list/tuple/other iterable).
    pub fn collect_iterable(&mut self, v: Value) -> PyResult<Vec<Value>> {
        match self.heap.get(v) {
            Some(Obj::List(l)) => return Ok(l.clone()),
            Some(Obj::Tuple(t)) => return Ok(t.to_vec()),
            Some(Obj::Bytes(b)) => return Ok(byte_values(b)),
            Some(Obj::ByteArray(b)) => return Ok(byte_values(b)),
            _ => {}
        }
        // The items gathered so far live in a list object on the root stack, so they stay
        // alive while the iterator runs Python code, and growth is checked against the heap.
        let it = self.get_iter(v)?;
        let base = self.roots.len();
        self.roots.push(it);
        let acc = match self.new_list(Vec::new()) {
            Ok(l) => l,
            Err(e) => {
                self.roots.truncate(base);
                return Err(e);
            }
        };
        self.roots.push(acc);
        let r = loop {
            match self.iter_next(it) {
                Ok(Some(x)) => {
                    if let Err(e) = self.reserve(2 * core::mem::size_of::<Value>()) {
                        break Err(e);
                    }
                    if let Some(Obj::List(l)) = self.heap.get_mut(acc) {
                        if l.try_reserve(1).is_err() {
                            break Err(self.no_memory());
                        }
                        l.push(x);
                    }
                }
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        let out = match self.heap.get_mut(acc) {
            Some(Obj::List(l)) => core::mem::take(l),
            _ => Vec::new(),
        };
        self.roots.truncate(base);
        r.map(|_| out)
    }

    /// Raise StopIteration-free "unsupported" error for `op` with one operand.
    pub fn unsupported_unary(&mut self, v: Value) -> PyErr {
        self.type_error_for("unsupported type: ", v, "")
    }

    /// Check a value is a builtin exception type at runtime (helper for modules).
    pub fn is_exc_type(&self, v: Value) -> bool {
        self.is_exception_type(v)
    }

    /// Keep exceptions module referenced (used by helper modules).
    pub fn exc_types(&self) -> &'static [&'static crate::statics::StaticObj] {
        ex::ALL
    }

    /// A boxed complex number; without the `complex` feature no complex number is ever made
    /// (MicroPython's message), so the complex paths elsewhere are compiled out.
    pub fn new_complex(&mut self, re: f64, im: f64) -> PyResult<Value> {
        #[cfg(feature = "complex")]
        return self.alloc(Obj::Complex(Box::new((re, im))));
        #[cfg(not(feature = "complex"))]
        {
            let _ = (re, im);
            Err(self.value_error("complex values not supported"))
        }
    }

    /// A tuple from a Vec (convenience for natives).
    pub fn new_tuple_vec(&mut self, v: Vec<Value>) -> PyResult<Value> {
        self.alloc(Obj::Tuple(v.into_boxed_slice()))
    }

    /// A set object from items.
    pub fn new_set(&mut self, items: &[Value], frozen: bool) -> PyResult<Value> {
        let s = self.alloc(if frozen {
            Obj::FrozenSet(Box::default())
        } else {
            Obj::Set(Box::default())
        })?;
        self.roots.push(s);
        let mut r = Ok(s);
        for &x in items {
            if let Err(e) = self.dict_set(s, x, Value::NONE) {
                r = Err(e);
                break;
            }
        }
        self.roots.pop();
        r
    }
}

fn ord_matches(o: u8, c: core::cmp::Ordering) -> bool {
    use core::cmp::Ordering::*;
    match o {
        op::BINARY_LESS => c == Less,
        op::BINARY_MORE => c == Greater,
        op::BINARY_LESS_EQUAL => c != Greater,
        op::BINARY_MORE_EQUAL => c != Less,
        op::BINARY_EQUAL => c == Equal,
        _ => c != Equal,
    }
}

/// Python's float floor-division and modulo.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = crate::types::float::fmod(x, y);
    let mut d = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            d -= 1.0;
        }
    } else {
        m = libm::copysign(0.0, y);
    }
    let fd = if d != 0.0 {
        let f = libm::floor(d);
        if d - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        libm::copysign(0.0, x / y)
    };
    (fd, m)
}

/// The bytes of a buffer as small-int values.
fn byte_values(b: &[u8]) -> Vec<Value> {
    b.iter().map(|&x| Value::small_int(x as isize)).collect()
}
