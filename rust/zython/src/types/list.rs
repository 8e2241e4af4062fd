//! `list`: the type, its methods, and slicing helpers shared by the sequence types.

use crate::native_fn;
use crate::qstr::q;
use crate::statics::{Attr, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::types::{args, sort};

/// The builtin type `list`.
pub static LIST: StaticObj = StaticObj::Type(&TypeDef {
    name: "list",
    base: Some(&OBJECT),
    attrs: &[
        (q::APPEND, Attr::Fn(&LIST_APPEND)),
        (q::EXTEND, Attr::Fn(&LIST_EXTEND)),
        (q::INSERT, Attr::Fn(&LIST_INSERT)),
        (q::POP, Attr::Fn(&LIST_POP)),
        (q::REMOVE, Attr::Fn(&LIST_REMOVE)),
        (q::INDEX, Attr::Fn(&LIST_INDEX)),
        (q::COUNT, Attr::Fn(&LIST_COUNT)),
        (q::REVERSE, Attr::Fn(&LIST_REVERSE)),
        (q::SORT, Attr::Fn(&LIST_SORT)),
        (q::COPY, Attr::Fn(&LIST_COPY)),
        (q::CLEAR, Attr::Fn(&LIST_CLEAR)),
        (q::__INIT__, Attr::Fn(&LIST_INIT)),
        (q::__GETITEM__, Attr::Fn(&SEQ_GETITEM)),
        (q::__SETITEM__, Attr::Fn(&LIST_SETITEM)),
        (q::__DELITEM__, Attr::Fn(&LIST_DELITEM)),
        (q::__LEN__, Attr::Fn(&SEQ_LEN)),
        (q::__ITER__, Attr::Fn(&SEQ_ITER)),
        (q::__CONTAINS__, Attr::Fn(&SEQ_CONTAINS)),
    ],
    make_new: Some(list_make_new),
    attr_hook: None,
    subclassable: true,
});

native_fn!(SEQ_GETITEM, "__getitem__", 2, 2, |vm, a, _| {
    let b = args::base(vm, a[0]);
    vm.getitem(b, a[1])
});
native_fn!(LIST_SETITEM, "__setitem__", 3, 3, |vm, a, _| {
    let l = this(vm, a[0])?;
    vm.setitem(l, a[1], a[2])?;
    Ok(Value::NONE)
});
native_fn!(LIST_DELITEM, "__delitem__", 2, 2, |vm, a, _| {
    let l = this(vm, a[0])?;
    vm.delitem(l, a[1])?;
    Ok(Value::NONE)
});
native_fn!(SEQ_LEN, "__len__", 1, 1, |vm, a, _| {
    let b = args::base(vm, a[0]);
    let n = vm.len(b)?;
    vm.new_int(n as i64)
});
native_fn!(SEQ_ITER, "__iter__", 1, 1, |vm, a, _| {
    let b = args::base(vm, a[0]);
    vm.get_iter(b)
});
native_fn!(SEQ_CONTAINS, "__contains__", 2, 2, |vm, a, _| {
    let b = args::base(vm, a[0]);
    Ok(Value::bool(vm.contains(b, a[1])?))
});
native_fn!(LIST_INIT, "__init__", 1, 2, |vm, a, _| {
    let l = this(vm, a[0])?;
    let items = match a.get(1) {
        Some(&it) => vm.collect_iterable(it)?,
        None => Vec::new(),
    };
    if let Some(Obj::List(v)) = vm.heap.get_mut(l) {
        *v = items;
    }
    Ok(Value::NONE)
});
native_fn!(LIST_APPEND, "append", 2, 2, |vm, a, _| {
    let l = this(vm, a[0])?;
    vm.list_reserve(l, 1)?;
    if let Some(Obj::List(v)) = vm.heap.get_mut(l) {
        v.push(a[1]);
    }
    Ok(Value::NONE)
});
native_fn!(LIST_EXTEND, "extend", 2, 2, |vm, a, _| {
    let l = this(vm, a[0])?;
    let items = vm.collect_iterable(a[1])?;
    vm.list_reserve(l, items.len())?;
    if let Some(Obj::List(v)) = vm.heap.get_mut(l) {
        v.extend_from_slice(&items);
    }
    Ok(Value::NONE)
});
native_fn!(LIST_INSERT, "insert", 3, 3, |vm, a, _| {
    let l = this(vm, a[0])?;
    let n = list_len(vm, l) as isize;
    let mut i = vm.to_index(a[1])?;
    if i < 0 {
        i = (i + n).max(0);
    }
    let i = i.min(n) as usize;
    vm.list_reserve(l, 1)?;
    if let Some(Obj::List(v)) = vm.heap.get_mut(l) {
        v.insert(i.min(v.len()), a[2]);
    }
    Ok(Value::NONE)
});
native_fn!(LIST_POP, "pop", 1, 2, |vm, a, _| {
    let l = this(vm, a[0])?;
    let n = list_len(vm, l);
    if n == 0 {
        return Err(vm.index_error("pop from empty list"));
    }
    let i = match a.get(1) {
        Some(&idx) => vm.seq_index(idx, n, "list")?,
        None => n - 1,
    };
    match vm.heap.get_mut(l) {
        Some(Obj::List(v)) if i < v.len() => Ok(v.remove(i)),
        _ => Ok(Value::NONE),
    }
});
native_fn!(LIST_REMOVE, "remove", 2, 2, |vm, a, _| {
    let l = this(vm, a[0])?;
    let n = list_len(vm, l);
    let i = seq_find(vm, l, a[1], 0, n)?;
    if let Some(Obj::List(v)) = vm.heap.get_mut(l) {
        if i < v.len() {
            v.remove(i);
        }
    }
    Ok(Value::NONE)
});
native_fn!(LIST_INDEX, "index", 2, 4, |vm, a, _| {
    let l = this(vm, a[0])?;
    seq_index_method(vm, l, &a[1..])
});
native_fn!(LIST_COUNT, "count", 2, 2, |vm, a, _| {
    let l = this(vm, a[0])?;
    seq_count(vm, l, a[1])
});
native_fn!(LIST_REVERSE, "reverse", 1, 1, |vm, a, _| {
    let l = this(vm, a[0])?;
    if let Some(Obj::List(v)) = vm.heap.get_mut(l) {
        v.reverse();
    }
    Ok(Value::NONE)
});
native_fn!(
    LIST_SORT,
    "sort",
    1,
    1,
    |vm, a, kw| {
        let l = this(vm, a[0])?;
        let (key, reverse) = sort::sort_kwargs(vm, kw)?;
        let mut items = match vm.heap.get(l) {
            Some(Obj::List(v)) => v.clone(),
            _ => Vec::new(),
        };
        sort::sort_values(vm, &mut items, key, reverse)?;
        if let Some(Obj::List(v)) = vm.heap.get_mut(l) {
            *v = items;
        }
        Ok(Value::NONE)
    },
    kw
);
native_fn!(LIST_COPY, "copy", 1, 1, |vm, a, _| {
    let l = this(vm, a[0])?;
    let items = match vm.heap.get(l) {
        Some(Obj::List(v)) => v.clone(),
        _ => Vec::new(),
    };
    vm.new_list(items)
});
native_fn!(LIST_CLEAR, "clear", 1, 1, |vm, a, _| {
    let l = this(vm, a[0])?;
    if let Some(Obj::List(v)) = vm.heap.get_mut(l) {
        v.clear();
    }
    Ok(Value::NONE)
});

/// `list()` / `list(iterable)`.
fn list_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if !kw.is_empty() {
        return Err(vm.type_error("function doesn't take keyword arguments"));
    }
    match a.len() {
        1 => vm.new_list(Vec::new()),
        2 => {
            let items = vm.collect_iterable(a[1])?;
            vm.new_list(items)
        }
        n => Err(vm.type_error(&alloc::format!(
            "function expected at most 1 arguments, got {}",
            n - 1
        ))),
    }
}

fn this(vm: &mut Vm, v: Value) -> PyResult<Value> {
    args::expect(vm, v, "list", |o| matches!(o, Obj::List(_)))
}

fn list_len(vm: &Vm, l: Value) -> usize {
    match vm.heap.get(l) {
        Some(Obj::List(v)) => v.len(),
        _ => 0,
    }
}

/// The item at `i` of a list or tuple (None past the end: the sequence may have shrunk).
fn item_at(vm: &Vm, seq: Value, i: usize) -> Option<Value> {
    match vm.heap.get(seq) {
        Some(Obj::List(v)) => v.get(i).copied(),
        Some(Obj::Tuple(v)) => v.get(i).copied(),
        _ => None,
    }
}

/// Position of the first item equal to `x` in `seq[start..stop]`; ValueError when absent.
pub fn seq_find(vm: &mut Vm, seq: Value, x: Value, start: usize, stop: usize) -> PyResult<usize> {
    let mut i = start;
    while i < stop {
        let item = match item_at(vm, seq, i) {
            Some(v) => v,
            None => break,
        };
        if vm.eq(item, x)? {
            return Ok(i);
        }
        i += 1;
    }
    Err(vm.value_error("object not in sequence"))
}

/// `seq.index(x[, start[, stop]])` for lists and tuples (`rest` = the arguments after self).
pub fn seq_index_method(vm: &mut Vm, seq: Value, rest: &[Value]) -> PyResult<Value> {
    let n = match vm.heap.get(seq) {
        Some(Obj::List(v)) => v.len(),
        Some(Obj::Tuple(v)) => v.len(),
        _ => 0,
    } as isize;
    let clamp = |i: isize| -> usize {
        let j = if i < 0 { i + n } else { i };
        j.clamp(0, n) as usize
    };
    let start = match rest.get(1) {
        Some(&v) => clamp(vm.to_index(v)?),
        None => 0,
    };
    let stop = match rest.get(2) {
        Some(&v) => clamp(vm.to_index(v)?),
        None => n as usize,
    };
    let i = seq_find(vm, seq, rest[0], start, stop)?;
    vm.new_int(i as i64)
}

/// `seq.count(x)` for lists and tuples.
pub fn seq_count(vm: &mut Vm, seq: Value, x: Value) -> PyResult<Value> {
    let mut i = 0;
    let mut c = 0i64;
    while let Some(item) = item_at(vm, seq, i) {
        if vm.eq(item, x)? {
            c += 1;
        }
        i += 1;
    }
    vm.new_int(c)
}

use crate::obj::Obj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::vec::Vec;

/// Resolve a slice object against a sequence length: (start, stop, step) as Python's `indices`.
pub fn slice_indices(vm: &mut Vm, slice: Value, len: usize) -> PyResult<(isize, isize, isize)> {
    let (a, b, c) = match vm.heap.get(slice) {
        Some(Obj::Slice(a, b, c)) => (*a, *b, *c),
        _ => return Err(vm.type_error("expected a slice")),
    };
    let len = len as isize;
    let step = if c == Value::NONE { 1 } else { vm.to_index(c)? };
    if step == 0 {
        return Err(vm.value_error("slice step can't be zero"));
    }
    let norm = |vm: &mut Vm, v: Value, default: isize| -> PyResult<isize> {
        if v == Value::NONE {
            return Ok(default);
        }
        let i = vm.to_index(v)?;
        Ok(if i < 0 {
            (i + len).max(if step < 0 { -1 } else { 0 })
        } else if step < 0 {
            i.min(len - 1)
        } else {
            i.min(len)
        })
    };
    let (ds, de) = if step > 0 { (0, len) } else { (len - 1, -1) };
    let start = norm(vm, a, ds)?;
    let stop = norm(vm, b, de)?;
    Ok((start, stop, step))
}

/// How many positions a resolved slice (start, stop, step) selects.
fn slice_len(start: isize, stop: isize, step: isize) -> usize {
    let (from, to) = if step > 0 {
        (start, stop)
    } else {
        (stop, start)
    };
    if to > from {
        (to - from - 1) as usize / step.unsigned_abs() + 1
    } else {
        0
    }
}

/// The positions a resolved slice selects, in order.
fn slice_iter(start: isize, stop: isize, step: isize) -> impl Iterator<Item = usize> {
    (0..slice_len(start, stop, step)).map(move |k| (start + k as isize * step) as usize)
}

/// The items of `src` at the positions a resolved slice selects; positions past the end
/// (the sequence shrank while the slice's `__index__` ran) are left out.
fn pick<T: Copy>(vm: &Vm, src: &[T], (a, b, c): (isize, isize, isize)) -> PyResult<Vec<T>> {
    let mut out = Vec::new();
    if out.try_reserve(slice_len(a, b, c)).is_err() {
        return Err(vm.no_memory());
    }
    if c == 1 {
        let lo = (a.max(0) as usize).min(src.len());
        out.extend_from_slice(&src[lo..(b.max(0) as usize).clamp(lo, src.len())]);
    } else {
        out.extend(slice_iter(a, b, c).filter_map(|i| src.get(i).copied()));
    }
    Ok(out)
}

/// `seq[slice]` for list, tuple, str, bytes, bytearray and range.
pub fn get_slice(vm: &mut Vm, obj: Value, slice: Value) -> PyResult<Value> {
    if let Some(s) = vm.str_data(obj) {
        if s.is_ascii() {
            let n = s.len();
            let abc = slice_indices(vm, slice, n)?;
            let bytes = match vm.str_data(obj) {
                Some(s) => pick(vm, s.as_bytes(), abc)?,
                None => Vec::new(),
            };
            // ASCII bytes are valid UTF-8.
            let out = alloc::string::String::from_utf8(bytes).unwrap_or_default();
            return vm.new_string(out);
        }
        let chars: Vec<char> = s.chars().collect();
        let abc = slice_indices(vm, slice, chars.len())?;
        let out: alloc::string::String = pick(vm, &chars, abc)?.into_iter().collect();
        return vm.new_string(out);
    }
    let len = match vm.heap.get(obj) {
        Some(Obj::List(l)) => l.len(),
        Some(Obj::Tuple(t)) => t.len(),
        Some(Obj::Bytes(b)) => b.len(),
        Some(Obj::ByteArray(b)) => b.len(),
        Some(Obj::Range(s, e, st)) => {
            let (s, e, st) = (*s, *e, *st);
            let n = crate::vm::ops::range_len(s, e, st);
            let (a, b, c) = slice_indices(vm, slice, n)?;
            let ns = s + a * st;
            let ne = s + b * st;
            return vm.alloc(Obj::Range(ns, ne, st * c));
        }
        _ => {
            if let Some(r) = vm.call_method_opt(obj, crate::qstr::q::__GETITEM__, &[slice])? {
                return Ok(r);
            }
            if let Some(b) = vm.native_base_value(obj) {
                return get_slice(vm, b, slice);
            }
            return Err(vm.type_error_for("", obj, " object isn't subscriptable"));
        }
    };
    let abc = slice_indices(vm, slice, len)?;
    match vm.heap.get(obj) {
        Some(Obj::List(l)) => {
            let out = pick(vm, l, abc)?;
            vm.new_list(out)
        }
        Some(Obj::Tuple(t)) => {
            let out = pick(vm, t, abc)?;
            vm.new_tuple(&out)
        }
        Some(Obj::Bytes(b)) => {
            let out = pick(vm, b, abc)?;
            vm.new_bytes(&out)
        }
        Some(Obj::ByteArray(b)) => {
            let out = pick(vm, b, abc)?;
            vm.alloc(Obj::ByteArray(out))
        }
        _ => Err(vm.type_error("expected a sequence")),
    }
}

/// `seq[slice] = value` for lists and bytearrays.
pub fn set_slice(vm: &mut Vm, obj: Value, slice: Value, value: Value) -> PyResult<()> {
    let is_ba = matches!(vm.heap.get(obj), Some(Obj::ByteArray(_)));
    let len = match vm.heap.get(obj) {
        Some(Obj::List(l)) => l.len(),
        Some(Obj::ByteArray(b)) => b.len(),
        Some(Obj::Dict(_)) => return Err(vm.type_error_for("unhashable type: ", slice, "")),
        _ => {
            if vm
                .call_method_opt(obj, crate::qstr::q::__SETITEM__, &[slice, value])?
                .is_some()
            {
                return Ok(());
            }
            if let Some(b) = vm.native_base_value(obj) {
                return set_slice(vm, b, slice, value);
            }
            return Err(vm.type_error_for("", obj, " object doesn't support item assignment"));
        }
    };
    let new_items = vm.collect_iterable(value)?;
    let (a, b, c) = slice_indices(vm, slice, len)?;
    let mut bytes = Vec::new();
    if is_ba {
        if bytes.try_reserve(new_items.len()).is_err() {
            return Err(vm.no_memory());
        }
        for v in &new_items {
            bytes.push(vm.to_index(*v)? as u8);
        }
    }
    if c == 1 {
        // Bounds are taken against the length now: `__index__` calls may have changed it.
        let span = |n: usize| {
            let start = (a.max(0) as usize).min(n);
            start..(b.max(0) as usize).clamp(start, n)
        };
        // Growth counts against the heap (MemoryError when full or locked).
        let grow = new_items.len().saturating_sub(span(len).len());
        if grow > 0 && !is_ba {
            vm.list_reserve(obj, grow)?;
        } else if grow > 0 {
            let room = match vm.heap.get(obj) {
                Some(Obj::ByteArray(x)) => x.capacity() - x.len(),
                _ => 0,
            };
            if grow > room {
                vm.reserve(grow - room)?;
            }
        }
        match vm.heap.get_mut(obj) {
            Some(Obj::ByteArray(x)) => {
                if x.try_reserve(grow).is_err() {
                    return Err(vm.no_memory());
                }
                let r = span(x.len());
                x.splice(r, bytes);
            }
            Some(Obj::List(l)) => {
                if l.try_reserve(grow).is_err() {
                    return Err(vm.no_memory());
                }
                let r = span(l.len());
                l.splice(r, new_items);
            }
            _ => {}
        }
        return Ok(());
    }
    let n = slice_len(a, b, c);
    if n != new_items.len() {
        let msg = alloc::format!(
            "attempt to assign sequence of size {} to extended slice of size {}",
            new_items.len(),
            n
        );
        return Err(vm.value_error(&msg));
    }
    match vm.heap.get_mut(obj) {
        Some(Obj::List(l)) => {
            for (p, v) in slice_iter(a, b, c).zip(new_items) {
                if let Some(slot) = l.get_mut(p) {
                    *slot = v;
                }
            }
        }
        Some(Obj::ByteArray(x)) => {
            for (p, v) in slice_iter(a, b, c).zip(bytes) {
                if let Some(slot) = x.get_mut(p) {
                    *slot = v;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// `del seq[slice]` for lists and bytearrays.
pub fn del_slice(vm: &mut Vm, obj: Value, slice: Value) -> PyResult<()> {
    let len = match vm.heap.get(obj) {
        Some(Obj::List(l)) => l.len(),
        Some(Obj::ByteArray(b)) => b.len(),
        _ => {
            if vm
                .call_method_opt(obj, crate::qstr::q::__DELITEM__, &[slice])?
                .is_some()
            {
                return Ok(());
            }
            if let Some(b) = vm.native_base_value(obj) {
                return del_slice(vm, b, slice);
            }
            return Err(vm.type_error_for("", obj, " object doesn't support item deletion"));
        }
    };
    let abc = slice_indices(vm, slice, len)?;
    match vm.heap.get_mut(obj) {
        Some(Obj::List(l)) => remove_slice(l, abc),
        Some(Obj::ByteArray(x)) => remove_slice(x, abc),
        _ => {}
    }
    Ok(())
}

/// Remove the items at the positions a resolved slice selects (those still in range).
fn remove_slice<T>(v: &mut Vec<T>, (a, b, c): (isize, isize, isize)) {
    if c == 1 {
        let start = (a.max(0) as usize).min(v.len());
        v.drain(start..(b.max(0) as usize).clamp(start, v.len()));
        return;
    }
    let step = c.unsigned_abs();
    let (lo, hi) = if c > 0 { (a, b - 1) } else { (b + 1, a) };
    let mut i = 0isize;
    v.retain(|_| {
        let from_start = if c > 0 { i - a } else { a - i };
        let hit = i >= lo && i <= hi && (from_start as usize).is_multiple_of(step);
        i += 1;
        !hit
    });
}
