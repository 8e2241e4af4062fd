//! The iteration protocol. `iter_next` returns `Ok(None)` at the end instead of raising
//! StopIteration, so `for` loops over builtins never allocate an exception.

use super::{PyResult, Vm};
use crate::obj::{Iter, Obj};
use crate::qstr::q;
use crate::types::exceptions as ex;
use crate::value::Value;
use alloc::boxed::Box;

impl Vm {
    /// Where iterating `v` in place starts (MicroPython's iter_buf: no heap iterator), or
    /// None when `v` needs one. Positions are indexes (entry indexes for dicts and sets,
    /// byte offsets for str) except for ranges, whose position is the next value.
    pub fn in_place_start(&self, v: Value) -> Option<isize> {
        if v.is_qstr() {
            return Some(0);
        }
        match self.heap.get(v)? {
            Obj::Tuple(_)
            | Obj::List(_)
            | Obj::Str(_)
            | Obj::Bytes(_)
            | Obj::ByteArray(_)
            | Obj::Dict(_)
            | Obj::Set(_)
            | Obj::FrozenSet(_) => Some(0),
            Obj::Range(a, _, _) => Some(*a),
            Obj::Native(n) if n.as_any().is::<crate::modules::array::Array>() => Some(0),
            _ => None,
        }
    }

    /// The item of in-place iteration over `v` at position `p` and the next position, or
    /// None at the end (for `v` accepted by [`Vm::in_place_start`]).
    pub fn in_place_next(&mut self, v: Value, p: isize) -> PyResult<Option<(Value, isize)>> {
        match self.heap.get(v) {
            Some(&Obj::Range(_, stop, step)) => {
                if (step > 0 && p < stop) || (step < 0 && p > stop) {
                    let x = self.new_int(p as i64)?;
                    return Ok(Some((x, p.checked_add(step).unwrap_or(stop))));
                }
                return Ok(None);
            }
            Some(Obj::Dict(d)) | Some(Obj::Set(d)) | Some(Obj::FrozenSet(d)) => {
                return Ok(d
                    .next_from(p as usize)
                    .map(|(q, e)| (e.key, q as isize + 1)));
            }
            Some(Obj::Native(_)) => {
                let item = crate::modules::array::item(self, v, p as usize)?;
                return Ok(item.map(|x| (x, p + 1)));
            }
            _ => {}
        }
        let item = self.seq_item_at(v, p as usize)?;
        Ok(item.map(|(x, w)| (x, p + w as isize)))
    }

    /// May `x[a:b]` on `v` use the VM's reusable slice? Only for bytearray, memoryview and
    /// array, whose subscripts never keep the slice (MicroPython's stack-slice types).
    pub fn stack_slice_ok(&self, v: Value) -> bool {
        match self.heap.get(v) {
            Some(Obj::ByteArray(_)) => true,
            Some(Obj::Native(n)) => {
                let a = n.as_any();
                a.is::<crate::modules::array::Array>()
                    || a.is::<crate::types::memoryview::MemoryView>()
            }
            _ => false,
        }
    }

    /// `iter(v)`.
    pub fn get_iter(&mut self, v: Value) -> PyResult<Value> {
        if v.is_qstr() {
            return self.alloc(Obj::Iter(Box::new(Iter::Seq { seq: v, pos: 0 })));
        }
        let it = match self.heap.get(v) {
            Some(Obj::List(_))
            | Some(Obj::Tuple(_))
            | Some(Obj::Str(_))
            | Some(Obj::Bytes(_))
            | Some(Obj::ByteArray(_)) => Iter::Seq { seq: v, pos: 0 },
            Some(Obj::Range(a, b, c)) => Iter::Range {
                cur: *a,
                stop: *b,
                step: *c,
            },
            Some(Obj::Dict(_)) | Some(Obj::Set(_)) | Some(Obj::FrozenSet(_)) => Iter::Dict {
                dict: v,
                pos: 0,
                kind: 0,
            },
            Some(Obj::Iter(_)) | Some(Obj::Generator(_)) => return Ok(v),
            Some(Obj::Instance(_)) | Some(Obj::Native(_)) => {
                if let Some(r) = self.call_method_opt(v, q::__ITER__, &[])? {
                    return Ok(r);
                }
                let t = crate::types::type_of(self, v);
                if self.lookup_class_attr(t, q::__GETITEM__).is_some() {
                    Iter::GetItem { obj: v, pos: 0 }
                } else if let Some(b) = self.native_base_value(v) {
                    return self.get_iter(b);
                } else {
                    return Err(self.type_error_for("", v, " object isn't iterable"));
                }
            }
            _ => return Err(self.type_error_for("", v, " object isn't iterable")),
        };
        self.alloc(Obj::Iter(Box::new(it)))
    }

    /// Advance iterator `it`: `Ok(Some(x))`, or `Ok(None)` when exhausted.
    pub fn iter_next(&mut self, it: Value) -> PyResult<Option<Value>> {
        if matches!(self.heap.get(it), Some(Obj::Iter(_))) {
            // Iterators over iterators (map of zip of enumerate...) recurse natively: bound
            // the depth so a deep nest raises RuntimeError instead of exhausting the stack.
            self.enter_native()?;
            let r = self.iter_next_step(it);
            self.native_depth -= 1;
            return r;
        }
        self.iter_next_step(it)
    }

    fn iter_next_step(&mut self, it: Value) -> PyResult<Option<Value>> {
        let state = match self.heap.get(it) {
            Some(Obj::Iter(s)) => (**s).clone(),
            Some(Obj::Generator(_)) => return self.gen_next(it),
            Some(Obj::Instance(_)) | Some(Obj::Native(_)) => {
                return match self.call_method_opt(it, q::__NEXT__, &[]) {
                    Ok(Some(v)) => Ok(Some(v)),
                    Ok(None) => Err(self.type_error_for("", it, " object isn't an iterator")),
                    Err(e) if self.exc_is(e.0, &ex::STOP_ITERATION) => {
                        self.last_stop = e.0;
                        Ok(None)
                    }
                    Err(e) => Err(e),
                };
            }
            _ => return Err(self.type_error_for("", it, " object isn't an iterator")),
        };
        // Wrappers ask their inner iterators again on every call, as CPython and MicroPython
        // do; only iterators over data remember that they are exhausted.
        let wrapper = matches!(
            state,
            Iter::Enumerate { .. } | Iter::Zip { .. } | Iter::Map { .. } | Iter::Filter { .. }
        );
        let (next, new_state) = match state {
            Iter::Seq { seq, pos } => {
                let item = self.seq_item_at(seq, pos)?;
                match item {
                    Some((x, width)) => (
                        Some(x),
                        Some(Iter::Seq {
                            seq,
                            pos: pos + width,
                        }),
                    ),
                    None => (None, None),
                }
            }
            Iter::Range { cur, stop, step } => {
                if (step > 0 && cur < stop) || (step < 0 && cur > stop) {
                    let next = cur.checked_add(step).unwrap_or(stop);
                    (
                        Some(self.new_int(cur as i64)?),
                        Some(Iter::Range {
                            cur: next,
                            stop,
                            step,
                        }),
                    )
                } else {
                    (None, None)
                }
            }
            Iter::Dict { dict, pos, kind } => {
                let e = match self.heap.get(dict) {
                    Some(Obj::Dict(d)) | Some(Obj::Set(d)) | Some(Obj::FrozenSet(d)) => {
                        d.next_from(pos)
                    }
                    _ => None,
                };
                match e {
                    Some((p, e)) => {
                        let x = match kind {
                            0 => e.key,
                            1 => e.value,
                            _ => self.new_tuple(&[e.key, e.value])?,
                        };
                        (
                            Some(x),
                            Some(Iter::Dict {
                                dict,
                                pos: p + 1,
                                kind,
                            }),
                        )
                    }
                    None => (None, None),
                }
            }
            Iter::Enumerate { it: inner, n } => match self.iter_next(inner)? {
                Some(x) => {
                    self.roots.push(x);
                    let t = self.new_tuple(&[n, x]);
                    self.roots.pop();
                    let one = Value::small_int(1);
                    let n2 = self.binary_op(crate::bytecode::op::BINARY_ADD, n, one)?;
                    (Some(t?), Some(Iter::Enumerate { it: inner, n: n2 }))
                }
                None => (None, None),
            },
            Iter::Zip { its } => {
                let items: alloc::vec::Vec<Value> = match self.heap.get(its) {
                    Some(Obj::Tuple(t)) => t.to_vec(),
                    _ => alloc::vec::Vec::new(),
                };
                if items.is_empty() {
                    (None, None)
                } else {
                    let base = self.roots.len();
                    let mut out = alloc::vec::Vec::with_capacity(items.len());
                    let mut done = false;
                    for i in items {
                        match self.iter_next(i) {
                            Ok(Some(x)) => {
                                self.roots.push(x);
                                out.push(x);
                            }
                            Ok(None) => {
                                done = true;
                                break;
                            }
                            Err(e) => {
                                self.roots.truncate(base);
                                return Err(e);
                            }
                        }
                    }
                    let r = if done {
                        Ok(None)
                    } else {
                        self.new_tuple(&out).map(Some)
                    };
                    self.roots.truncate(base);
                    return r;
                }
            }
            Iter::Map { f, its } => {
                let items: alloc::vec::Vec<Value> = match self.heap.get(its) {
                    Some(Obj::Tuple(t)) => t.to_vec(),
                    _ => alloc::vec::Vec::new(),
                };
                let base = self.roots.len();
                let mut args = alloc::vec::Vec::with_capacity(items.len());
                for i in items {
                    match self.iter_next(i) {
                        Ok(Some(x)) => {
                            self.roots.push(x);
                            args.push(x);
                        }
                        Ok(None) => {
                            self.roots.truncate(base);
                            return Ok(None);
                        }
                        Err(e) => {
                            self.roots.truncate(base);
                            return Err(e);
                        }
                    }
                }
                let r = self.call(f, &args, &[]);
                self.roots.truncate(base);
                return r.map(Some);
            }
            Iter::Filter { f, it: inner } => loop {
                match self.iter_next(inner)? {
                    Some(x) => {
                        self.roots.push(x);
                        let keep = if f == Value::NONE {
                            self.truthy(x)
                        } else {
                            match self.call(f, &[x], &[]) {
                                Ok(r) => self.truthy(r),
                                Err(e) => Err(e),
                            }
                        };
                        self.roots.pop();
                        if keep? {
                            return Ok(Some(x));
                        }
                    }
                    None => return Ok(None),
                }
            },
            Iter::Reversed { seq, pos } => {
                if pos == 0 {
                    (None, None)
                } else {
                    let idx = Value::small_int(pos as isize - 1);
                    let x = self.getitem(seq, idx)?;
                    (Some(x), Some(Iter::Reversed { seq, pos: pos - 1 }))
                }
            }
            Iter::Call { f, sentinel } => {
                let x = self.call(f, &[], &[])?;
                if self.eq(x, sentinel)? {
                    (None, None)
                } else {
                    return Ok(Some(x));
                }
            }
            Iter::GetItem { obj, pos } => {
                let idx = Value::small_int(pos as isize);
                match self.getitem(obj, idx) {
                    Ok(x) => (Some(x), Some(Iter::GetItem { obj, pos: pos + 1 })),
                    Err(e)
                        if self.exc_is(e.0, &ex::INDEX_ERROR)
                            || self.exc_is(e.0, &ex::STOP_ITERATION) =>
                    {
                        (None, None)
                    }
                    Err(e) => return Err(e),
                }
            }
        };
        if let Some(ns) = new_state {
            if let Some(Obj::Iter(s)) = self.heap.get_mut(it) {
                **s = ns;
            }
        } else if next.is_none() && !wrapper {
            // Exhausted: stay exhausted (a range/seq iterator must not restart).
            if let Some(Obj::Iter(s)) = self.heap.get_mut(it) {
                **s = Iter::Range {
                    cur: 0,
                    stop: 0,
                    step: 1,
                };
            }
        }
        Ok(next)
    }

    /// Item at byte/element position `pos` of a sequence, with the step to the next one.
    fn seq_item_at(&mut self, seq: Value, pos: usize) -> PyResult<Option<(Value, usize)>> {
        if let Some(s) = self.str_data(seq) {
            let rest = match s.get(pos..) {
                Some(r) => r,
                None => return Ok(None),
            };
            let c = match rest.chars().next() {
                Some(c) => c,
                None => return Ok(None),
            };
            let mut buf = [0u8; 4];
            let cs: &str = c.encode_utf8(&mut buf);
            let v = self.new_str(cs)?;
            return Ok(Some((v, c.len_utf8())));
        }
        Ok(match self.heap.get(seq) {
            Some(Obj::List(l)) => l.get(pos).map(|&x| (x, 1)),
            Some(Obj::Tuple(t)) => t.get(pos).map(|&x| (x, 1)),
            Some(Obj::Bytes(b)) => b.get(pos).map(|&x| (Value::small_int(x as isize), 1)),
            Some(Obj::ByteArray(b)) => b.get(pos).map(|&x| (Value::small_int(x as isize), 1)),
            _ => None,
        })
    }
}
