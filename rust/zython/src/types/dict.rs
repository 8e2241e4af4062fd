//! `dict`, `set` and `frozenset`.

use crate::statics::{StaticObj, TypeDef};
use crate::types::object::OBJECT;

/// The builtin type `dict`.
pub static DICT: StaticObj = StaticObj::Type(TypeDef {
    name: "dict",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: true,
});

/// The builtin type `set`.
pub static SET: StaticObj = StaticObj::Type(TypeDef {
    name: "set",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: true,
});

/// The builtin type `frozenset`.
pub static FROZENSET: StaticObj = StaticObj::Type(TypeDef {
    name: "frozenset",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: true,
});

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
                a
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
