//! `list`.

use crate::statics::{StaticObj, TypeDef};
use crate::types::object::OBJECT;

/// The builtin type `list`.
pub static LIST: StaticObj = StaticObj::Type(TypeDef {
    name: "list",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: true,
});

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

fn slice_positions(start: isize, stop: isize, step: isize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = start;
    if step > 0 {
        while i < stop {
            out.push(i as usize);
            i += step;
        }
    } else {
        while i > stop {
            out.push(i as usize);
            i += step;
        }
    }
    out
}

/// `seq[slice]` for list, tuple, str, bytes, bytearray and range.
pub fn get_slice(vm: &mut Vm, obj: Value, slice: Value) -> PyResult<Value> {
    if let Some(s) = vm.str_data(obj) {
        let chars: Vec<char> = s.chars().collect();
        let (a, b, c) = slice_indices(vm, slice, chars.len())?;
        let out: alloc::string::String = slice_positions(a, b, c)
            .into_iter()
            .map(|i| chars[i])
            .collect();
        return vm.new_string(out);
    }
    let (items, kind): (Vec<Value>, u8) = match vm.heap.get(obj) {
        Some(Obj::List(l)) => (l.clone(), 0),
        Some(Obj::Tuple(t)) => (t.to_vec(), 1),
        Some(Obj::Bytes(b)) => (b.iter().map(|&x| Value::small_int(x as isize)).collect(), 2),
        Some(Obj::ByteArray(b)) => (b.iter().map(|&x| Value::small_int(x as isize)).collect(), 3),
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
    let (a, b, c) = slice_indices(vm, slice, items.len())?;
    let out: Vec<Value> = slice_positions(a, b, c)
        .into_iter()
        .map(|i| items[i])
        .collect();
    match kind {
        0 => vm.new_list(out),
        1 => vm.new_tuple(&out),
        _ => {
            let bytes: Vec<u8> = out.iter().map(|v| v.small_int_value() as u8).collect();
            if kind == 2 {
                vm.new_bytes(&bytes)
            } else {
                vm.alloc(Obj::ByteArray(bytes))
            }
        }
    }
}

/// `seq[slice] = value` for lists and bytearrays.
pub fn set_slice(vm: &mut Vm, obj: Value, slice: Value, value: Value) -> PyResult<()> {
    let is_ba = matches!(vm.heap.get(obj), Some(Obj::ByteArray(_)));
    let len = match vm.heap.get(obj) {
        Some(Obj::List(l)) => l.len(),
        Some(Obj::ByteArray(b)) => b.len(),
        _ => {
            if vm
                .call_method_opt(obj, crate::qstr::q::__SETITEM__, &[slice, value])?
                .is_some()
            {
                return Ok(());
            }
            return Err(vm.type_error_for("", obj, " object doesn't support item assignment"));
        }
    };
    let new_items = vm.collect_iterable(value)?;
    let (a, b, c) = slice_indices(vm, slice, len)?;
    if c == 1 {
        let stop = b.max(a) as usize;
        let start = a as usize;
        if is_ba {
            let mut bytes = Vec::with_capacity(new_items.len());
            for v in &new_items {
                bytes.push(vm.to_index(*v)? as u8);
            }
            if let Some(Obj::ByteArray(x)) = vm.heap.get_mut(obj) {
                x.splice(start..stop, bytes);
            }
        } else if let Some(Obj::List(l)) = vm.heap.get_mut(obj) {
            l.splice(start..stop, new_items);
        }
        return Ok(());
    }
    let pos = slice_positions(a, b, c);
    if pos.len() != new_items.len() {
        let msg = alloc::format!(
            "attempt to assign sequence of size {} to extended slice of size {}",
            new_items.len(),
            pos.len()
        );
        return Err(vm.value_error(&msg));
    }
    for (p, v) in pos.into_iter().zip(new_items) {
        let byte = if is_ba { vm.to_index(v)? as u8 } else { 0 };
        match vm.heap.get_mut(obj) {
            Some(Obj::List(l)) => l[p] = v,
            Some(Obj::ByteArray(x)) => x[p] = byte,
            _ => {}
        }
    }
    Ok(())
}

/// `del seq[slice]` for lists and bytearrays.
pub fn del_slice(vm: &mut Vm, obj: Value, slice: Value) -> PyResult<()> {
    let len = match vm.heap.get(obj) {
        Some(Obj::List(l)) => l.len(),
        Some(Obj::ByteArray(b)) => b.len(),
        _ => return Err(vm.type_error_for("", obj, " object doesn't support item deletion")),
    };
    let (a, b, c) = slice_indices(vm, slice, len)?;
    let mut pos = slice_positions(a, b, c);
    pos.sort_unstable();
    match vm.heap.get_mut(obj) {
        Some(Obj::List(l)) => {
            for p in pos.into_iter().rev() {
                l.remove(p);
            }
        }
        Some(Obj::ByteArray(x)) => {
            for p in pos.into_iter().rev() {
                x.remove(p);
            }
        }
        _ => {}
    }
    Ok(())
}
