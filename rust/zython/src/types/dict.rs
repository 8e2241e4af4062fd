//! `dict`, `set` and `frozenset`.

use crate::native_fn;
use crate::obj::Dict;
use crate::qstr::q;
use crate::statics::{Attr, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::types::{args, dict_view, exceptions as ex, set};

/// The builtin type `dict`.
pub static DICT: StaticObj = StaticObj::Type(&TypeDef {
    name: "dict",
    base: Some(&OBJECT),
    attrs: &[
        (q::KEYS, Attr::Fn(&DICT_KEYS)),
        (q::VALUES, Attr::Fn(&DICT_VALUES)),
        (q::ITEMS, Attr::Fn(&DICT_ITEMS)),
        (q::GET, Attr::Fn(&DICT_GET)),
        (q::SETDEFAULT, Attr::Fn(&DICT_SETDEFAULT)),
        (q::POP, Attr::Fn(&DICT_POP)),
        (q::POPITEM, Attr::Fn(&DICT_POPITEM)),
        (q::UPDATE, Attr::Fn(&DICT_UPDATE)),
        (q::FROMKEYS, Attr::ClassMethod(&DICT_FROMKEYS)),
        (q::COPY, Attr::Fn(&DICT_COPY)),
        (q::CLEAR, Attr::Fn(&DICT_CLEAR)),
        (q::__GETITEM__, Attr::Fn(&DICT_GETITEM)),
        (q::__SETITEM__, Attr::Fn(&DICT_SETITEM)),
        (q::__DELITEM__, Attr::Fn(&DICT_DELITEM)),
        (q::__ITER__, Attr::Fn(&DICT_ITER)),
        (q::__LEN__, Attr::Fn(&DICT_LEN)),
        (q::__CONTAINS__, Attr::Fn(&DICT_CONTAINS)),
        (q::__INIT__, Attr::Fn(&DICT_UPDATE)),
    ],
    make_new: Some(dict_make_new),
    attr_hook: None,
    subclassable: true,
});

/// The builtin type `set`.
pub static SET: StaticObj = StaticObj::Type(&TypeDef {
    name: "set",
    base: Some(&OBJECT),
    attrs: set::SET_ATTRS,
    make_new: Some(set::set_make_new),
    attr_hook: None,
    subclassable: true,
});

/// The builtin type `frozenset`.
pub static FROZENSET: StaticObj = StaticObj::Type(&TypeDef {
    name: "frozenset",
    base: Some(&OBJECT),
    attrs: set::FROZENSET_ATTRS,
    make_new: Some(set::set_make_new),
    attr_hook: None,
    subclassable: true,
});

native_fn!(DICT_KEYS, "keys", 1, 1, |vm, a, _| view(vm, a[0], 0));
native_fn!(DICT_VALUES, "values", 1, 1, |vm, a, _| view(vm, a[0], 1));
native_fn!(DICT_ITEMS, "items", 1, 1, |vm, a, _| view(vm, a[0], 2));
native_fn!(DICT_GET, "get", 2, 3, |vm, a, _| {
    let d = this(vm, a[0])?;
    Ok(vm
        .dict_get(d, a[1])?
        .unwrap_or(a.get(2).copied().unwrap_or(Value::NONE)))
});
native_fn!(DICT_SETDEFAULT, "setdefault", 2, 3, |vm, a, _| {
    let d = this_mut(vm, a[0])?;
    if let Some(v) = vm.dict_get(d, a[1])? {
        return Ok(v);
    }
    let v = a.get(2).copied().unwrap_or(Value::NONE);
    vm.dict_set(d, a[1], v)?;
    Ok(v)
});
native_fn!(DICT_POP, "pop", 2, 3, |vm, a, _| {
    let d = this_mut(vm, a[0])?;
    match dict_remove(vm, d, a[1])? {
        Some(v) => Ok(v),
        None => match a.get(2) {
            Some(&dflt) => Ok(dflt),
            None => Err(vm.key_error(a[1])),
        },
    }
});
native_fn!(DICT_POPITEM, "popitem", 1, 1, |vm, a, _| {
    let d = this_mut(vm, a[0])?;
    let e = match vm.heap.get_mut(d) {
        Some(Obj::Dict(x)) => x.pop_last(),
        _ => None,
    };
    match e {
        Some(e) => vm.new_tuple(&[e.key, e.value]),
        None => {
            let msg = vm.new_str("popitem(): dictionary is empty")?;
            Err(vm.new_exception_args(&ex::KEY_ERROR, &[msg]))
        }
    }
});
native_fn!(
    DICT_UPDATE,
    "update",
    1,
    2,
    |vm, a, kw| {
        let d = this_mut(vm, a[0])?;
        if let Some(&other) = a.get(1) {
            update_from(vm, d, other)?;
        }
        for &(k, v) in kw {
            vm.dict_set(d, k, v)?;
        }
        Ok(Value::NONE)
    },
    kw
);
native_fn!(DICT_FROMKEYS, "fromkeys", 2, 3, |vm, a, _| {
    let value = a.get(2).copied().unwrap_or(Value::NONE);
    let keys = vm.collect_iterable(a[1])?;
    let base = vm.roots.len();
    vm.roots.extend_from_slice(&keys);
    let r = (|| {
        let d = if a[0] == Value::from_static(&DICT) {
            vm.new_dict()?
        } else {
            vm.call(a[0], &[], &[])?
        };
        vm.roots.push(d);
        for k in keys {
            vm.setitem(d, k, value)?;
        }
        Ok(d)
    })();
    vm.roots.truncate(base);
    r
});
native_fn!(DICT_COPY, "copy", 1, 1, |vm, a, _| {
    let d = this(vm, a[0])?;
    let mut copy = match vm.heap.get(d) {
        Some(Obj::Dict(x)) => (**x).clone(),
        _ => Dict::new(),
    };
    copy.fixed = false;
    vm.reserve(copy.bytes())?;
    vm.alloc(Obj::Dict(alloc::boxed::Box::new(copy)))
});
native_fn!(DICT_CLEAR, "clear", 1, 1, |vm, a, _| {
    let d = this_mut(vm, a[0])?;
    if let Some(Obj::Dict(x)) = vm.heap.get_mut(d) {
        x.clear();
    }
    Ok(Value::NONE)
});
native_fn!(DICT_GETITEM, "__getitem__", 2, 2, |vm, a, _| {
    let d = this(vm, a[0])?;
    if let Some(v) = vm.dict_get(d, a[1])? {
        return Ok(v);
    }
    // Subclasses may supply missing values.
    if d != a[0] {
        if let Some(v) = vm.call_method_opt(a[0], q::__MISSING__, &[a[1]])? {
            return Ok(v);
        }
    }
    Err(vm.key_error(a[1]))
});
native_fn!(DICT_SETITEM, "__setitem__", 3, 3, |vm, a, _| {
    let d = this_mut(vm, a[0])?;
    vm.dict_set(d, a[1], a[2])?;
    Ok(Value::NONE)
});
native_fn!(DICT_DELITEM, "__delitem__", 2, 2, |vm, a, _| {
    let d = this_mut(vm, a[0])?;
    match dict_remove(vm, d, a[1])? {
        Some(_) => Ok(Value::NONE),
        None => Err(vm.key_error(a[1])),
    }
});
native_fn!(DICT_ITER, "__iter__", 1, 1, |vm, a, _| {
    let d = this(vm, a[0])?;
    vm.get_iter(d)
});
native_fn!(DICT_LEN, "__len__", 1, 1, |vm, a, _| {
    let d = this(vm, a[0])?;
    let n = vm.dict_ref(d).map(|x| x.len()).unwrap_or(0);
    vm.new_int(n as i64)
});
native_fn!(DICT_CONTAINS, "__contains__", 2, 2, |vm, a, _| {
    let d = this(vm, a[0])?;
    let h = vm.hash(a[1])?;
    Ok(Value::bool(vm.dict_find(d, a[1], h)?.is_some()))
});

fn this(vm: &mut Vm, v: Value) -> PyResult<Value> {
    args::expect(vm, v, "dict", |o| matches!(o, Obj::Dict(_)))
}

/// The dict to modify: TypeError if it is read-only (as MicroPython's fixed dicts).
pub fn this_mut(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let d = this(vm, v)?;
    match vm.heap.get(d) {
        Some(Obj::Dict(x)) if x.fixed => Err(vm.type_error("dict is read-only")),
        _ => Ok(d),
    }
}

fn view(vm: &mut Vm, d: Value, kind: u8) -> PyResult<Value> {
    let d = this(vm, d)?;
    dict_view::new_view(vm, d, kind)
}

/// Remove `key` from dict (or set) object `d`, returning its value if it was there.
pub fn dict_remove(vm: &mut Vm, d: Value, key: Value) -> PyResult<Option<Value>> {
    let h = vm.hash(key)?;
    let pos = vm.dict_find(d, key, h)?;
    Ok(match (pos, vm.heap.get_mut(d)) {
        (Some(p), Some(Obj::Dict(x))) | (Some(p), Some(Obj::Set(x))) => {
            x.remove_at(p).map(|e| e.value)
        }
        _ => None,
    })
}

/// `d.update(other)`: from a dict, an object with `keys()`, or an iterable of pairs.
pub fn update_from(vm: &mut Vm, d: Value, other: Value) -> PyResult<()> {
    if let Some(Obj::Dict(x)) = vm.heap.get(other) {
        let pairs: Vec<(Value, Value)> = x.iter().map(|e| (e.key, e.value)).collect();
        // Keys may compare with Python code, which could drop them from `other`.
        let base = vm.roots.len();
        for &(k, v) in &pairs {
            vm.roots.push(k);
            vm.roots.push(v);
        }
        let mut r = Ok(());
        for (k, v) in pairs {
            r = vm.dict_set(d, k, v);
            if r.is_err() {
                break;
            }
        }
        vm.roots.truncate(base);
        return r;
    }
    let base = vm.roots.len();
    vm.roots.push(d);
    vm.roots.push(other);
    let r = update_slow(vm, d, other);
    vm.roots.truncate(base);
    r
}

fn update_slow(vm: &mut Vm, d: Value, other: Value) -> PyResult<()> {
    if vm.getattr_opt(other, q::KEYS)?.is_some() {
        let ks = vm.call_method(other, q::KEYS, &[])?;
        vm.roots.push(ks);
        let keys = vm.collect_iterable(ks)?;
        vm.roots.extend_from_slice(&keys);
        for k in keys {
            let v = vm.getitem(other, k)?;
            vm.dict_set(d, k, v)?;
        }
        return Ok(());
    }
    let it = vm.get_iter(other)?;
    vm.roots.push(it);
    while let Some(item) = vm.iter_next(it)? {
        // The item stays rooted (on the caller's root frame) while its parts are stored.
        vm.roots.push(item);
        let kv = vm.collect_iterable(item)?;
        if kv.len() != 2 {
            return Err(vm.value_error("dict update sequence has wrong length"));
        }
        vm.roots.push(kv[0]);
        vm.roots.push(kv[1]);
        vm.dict_set(d, kv[0], kv[1])?;
        vm.roots.truncate(vm.roots.len().saturating_sub(3));
    }
    Ok(())
}

/// `dict()`, `dict(mapping_or_pairs)`, `dict(**kw)`.
fn dict_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if a.len() > 2 {
        return Err(vm.type_error(&alloc::format!(
            "function expected at most 1 arguments, got {}",
            a.len() - 1
        )));
    }
    let d = vm.new_dict()?;
    let base = vm.roots.len();
    vm.roots.push(d);
    let r = (|| {
        if let Some(&other) = a.get(1) {
            update_from(vm, d, other)?;
        }
        for &(k, v) in kw {
            vm.dict_set(d, k, v)?;
        }
        Ok(d)
    })();
    vm.roots.truncate(base);
    r
}

use crate::bytecode::op;
use crate::obj::Obj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::vec::Vec;

fn keys_of(vm: &Vm, v: Value) -> Vec<Value> {
    match vm.heap.get(v) {
        Some(Obj::Dict(d)) | Some(Obj::Set(d)) | Some(Obj::FrozenSet(d)) => {
            d.iter().map(|e| e.key).collect()
        }
        _ => Vec::new(),
    }
}

/// `a == b` for two dicts (same keys, equal values).
pub fn dict_eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if vm.len(a)? != vm.len(b)? {
        return Ok(false);
    }
    let pairs: Vec<(Value, Value)> = match vm.heap.get(a) {
        Some(Obj::Dict(d)) => d.iter().map(|e| (e.key, e.value)).collect(),
        _ => Vec::new(),
    };
    for (k, v) in pairs {
        match vm.dict_get(b, k)? {
            Some(w) => {
                if !vm.eq(v, w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// Set comparisons: ==, !=, <, <=, >, >= (subset relations).
pub fn set_compare(vm: &mut Vm, o: u8, a: Value, b: Value) -> PyResult<Value> {
    let sub = |vm: &mut Vm, x: Value, y: Value| -> PyResult<bool> {
        for k in keys_of(vm, x) {
            if !vm.contains(y, k)? {
                return Ok(false);
            }
        }
        Ok(true)
    };
    let (la, lb) = (vm.len(a)?, vm.len(b)?);
    let r = match o {
        op::BINARY_EQUAL => la == lb && sub(vm, a, b)?,
        op::BINARY_NOT_EQUAL => !(la == lb && sub(vm, a, b)?),
        op::BINARY_LESS_EQUAL => sub(vm, a, b)?,
        op::BINARY_LESS => la < lb && sub(vm, a, b)?,
        op::BINARY_MORE_EQUAL => sub(vm, b, a)?,
        _ => la > lb && sub(vm, b, a)?,
    };
    Ok(Value::bool(r))
}

/// Set algebra (`|`, `&`, `-`, `^`) and dict merge (`|`); Ok(None) when unsupported.
pub fn set_binary_op(vm: &mut Vm, o: u8, a: Value, b: Value) -> PyResult<Option<Value>> {
    let inplace = (op::BINARY_INPLACE_OR..=op::BINARY_INPLACE_POWER).contains(&o);
    let base = if inplace {
        o - op::BINARY_INPLACE_OR + op::BINARY_OR
    } else {
        o
    };
    let a_dict = matches!(vm.heap.get(a), Some(Obj::Dict(_)));
    if a_dict {
        if base == op::BINARY_OR && matches!(vm.heap.get(b), Some(Obj::Dict(_))) {
            let target = if inplace {
                this_mut(vm, a)?
            } else {
                let d = vm.new_dict()?;
                let pairs: Vec<(Value, Value)> = match vm.heap.get(a) {
                    Some(Obj::Dict(x)) => x.iter().map(|e| (e.key, e.value)).collect(),
                    _ => Vec::new(),
                };
                for (k, v) in pairs {
                    vm.dict_set(d, k, v)?;
                }
                d
            };
            let pairs: Vec<(Value, Value)> = match vm.heap.get(b) {
                Some(Obj::Dict(x)) => x.iter().map(|e| (e.key, e.value)).collect(),
                _ => Vec::new(),
            };
            for (k, v) in pairs {
                vm.dict_set(target, k, v)?;
            }
            return Ok(Some(target));
        }
        return Ok(None);
    }
    if !matches!(vm.heap.get(b), Some(Obj::Set(_)) | Some(Obj::FrozenSet(_))) {
        return Ok(None);
    }
    let frozen = matches!(vm.heap.get(a), Some(Obj::FrozenSet(_)));
    let ka = keys_of(vm, a);
    let kb = keys_of(vm, b);
    let mut out = Vec::new();
    match base {
        op::BINARY_OR => {
            out.extend_from_slice(&ka);
            out.extend_from_slice(&kb);
        }
        op::BINARY_AND => {
            for k in ka {
                if vm.contains(b, k)? {
                    out.push(k);
                }
            }
        }
        op::BINARY_SUBTRACT => {
            for k in ka {
                if !vm.contains(b, k)? {
                    out.push(k);
                }
            }
        }
        op::BINARY_XOR => {
            for &k in &ka {
                if !vm.contains(b, k)? {
                    out.push(k);
                }
            }
            for k in kb {
                if !vm.contains(a, k)? {
                    out.push(k);
                }
            }
        }
        _ => return Ok(None),
    }
    if inplace && !frozen {
        let fresh = vm.new_set(&out, false)?;
        let d = match vm.heap.get(fresh) {
            Some(Obj::Set(d)) => (**d).clone(),
            _ => crate::obj::Dict::new(),
        };
        if let Some(Obj::Set(x)) = vm.heap.get_mut(a) {
            **x = d;
        }
        return Ok(Some(a));
    }
    vm.new_set(&out, frozen).map(Some)
}
