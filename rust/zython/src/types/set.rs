//! Methods of `set` and `frozenset` (the type objects themselves are in `dict.rs`).

use crate::bytecode::op;
use crate::native_fn;
use crate::obj::{Dict, Obj};
use crate::qstr::{q, Qstr};
use crate::statics::{Attr, VAR_ARGS};
use crate::types::dict::{dict_remove, set_binary_op, set_compare, FROZENSET};
use crate::types::{args, exceptions as ex};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::boxed::Box;

/// Methods of `set`.
pub static SET_ATTRS: &[(Qstr, Attr)] = &[
    (q::ADD, Attr::Fn(&SET_ADD)),
    (q::DISCARD, Attr::Fn(&SET_DISCARD)),
    (q::REMOVE, Attr::Fn(&SET_REMOVE)),
    (q::POP, Attr::Fn(&SET_POP)),
    (q::CLEAR, Attr::Fn(&SET_CLEAR)),
    (q::COPY, Attr::Fn(&SET_COPY)),
    (q::UPDATE, Attr::Fn(&SET_UPDATE)),
    (q::UNION, Attr::Fn(&SET_UNION)),
    (q::INTERSECTION, Attr::Fn(&SET_INTERSECTION)),
    (q::INTERSECTION_UPDATE, Attr::Fn(&SET_INTERSECTION_UPDATE)),
    (q::DIFFERENCE, Attr::Fn(&SET_DIFFERENCE)),
    (q::DIFFERENCE_UPDATE, Attr::Fn(&SET_DIFFERENCE_UPDATE)),
    (q::SYMMETRIC_DIFFERENCE, Attr::Fn(&SET_SYMMETRIC_DIFFERENCE)),
    (
        q::SYMMETRIC_DIFFERENCE_UPDATE,
        Attr::Fn(&SET_SYMMETRIC_DIFFERENCE_UPDATE),
    ),
    (q::ISSUBSET, Attr::Fn(&SET_ISSUBSET)),
    (q::ISSUPERSET, Attr::Fn(&SET_ISSUPERSET)),
    (q::ISDISJOINT, Attr::Fn(&SET_ISDISJOINT)),
    (q::__CONTAINS__, Attr::Fn(&SET_CONTAINS)),
];

/// Methods of `frozenset`.
pub static FROZENSET_ATTRS: &[(Qstr, Attr)] = &[
    (q::COPY, Attr::Fn(&SET_COPY)),
    (q::UNION, Attr::Fn(&SET_UNION)),
    (q::INTERSECTION, Attr::Fn(&SET_INTERSECTION)),
    (q::DIFFERENCE, Attr::Fn(&SET_DIFFERENCE)),
    (q::SYMMETRIC_DIFFERENCE, Attr::Fn(&SET_SYMMETRIC_DIFFERENCE)),
    (q::ISSUBSET, Attr::Fn(&SET_ISSUBSET)),
    (q::ISSUPERSET, Attr::Fn(&SET_ISSUPERSET)),
    (q::ISDISJOINT, Attr::Fn(&SET_ISDISJOINT)),
    (q::__CONTAINS__, Attr::Fn(&SET_CONTAINS)),
];

fn this(vm: &mut Vm, v: Value) -> PyResult<Value> {
    args::expect(vm, v, "set", |o| {
        matches!(o, Obj::Set(_) | Obj::FrozenSet(_))
    })
}

fn this_mut(vm: &mut Vm, v: Value) -> PyResult<Value> {
    args::expect(vm, v, "set", |o| matches!(o, Obj::Set(_)))
}

fn is_frozen(vm: &Vm, s: Value) -> bool {
    matches!(vm.heap.get(s), Some(Obj::FrozenSet(_)))
}

/// A new set (or frozenset) holding a copy of set object `s`'s items.
fn copy_of(vm: &mut Vm, s: Value, frozen: bool) -> PyResult<Value> {
    let d = match vm.dict_ref(s) {
        Some(d) => d.clone(),
        None => Dict::new(),
    };
    vm.reserve(d.bytes())?;
    vm.alloc(if frozen {
        Obj::FrozenSet(Box::new(d))
    } else {
        Obj::Set(Box::new(d))
    })
}

/// `other` as a set object (itself when it already is one); the caller roots the result.
fn as_set(vm: &mut Vm, other: Value) -> PyResult<Value> {
    let b = args::base(vm, other);
    if matches!(vm.heap.get(b), Some(Obj::Set(_)) | Some(Obj::FrozenSet(_))) {
        return Ok(b);
    }
    let items = vm.collect_iterable(other)?;
    let base = vm.roots.len();
    vm.roots.extend_from_slice(&items);
    let r = vm.new_set(&items, false);
    vm.roots.truncate(base);
    r
}

/// Replace the contents of set `dst` with those of set `src`.
fn assign(vm: &mut Vm, dst: Value, src: Value) {
    let d = match vm.dict_ref(src) {
        Some(d) => d.clone(),
        None => return,
    };
    if let Some(Obj::Set(x)) = vm.heap.get_mut(dst) {
        **x = d;
    }
}

/// Add every item of iterable `other` to set `s`.
fn add_all(vm: &mut Vm, s: Value, other: Value) -> PyResult<()> {
    let items = vm.collect_iterable(other)?;
    let base = vm.roots.len();
    vm.roots.extend_from_slice(&items);
    let mut r = Ok(());
    for x in items {
        r = vm.dict_set(s, x, Value::NONE);
        if r.is_err() {
            break;
        }
    }
    vm.roots.truncate(base);
    r
}

/// Run `f` with `vals` kept alive on the root stack.
fn rooted<T>(vm: &mut Vm, vals: &[Value], f: impl FnOnce(&mut Vm) -> PyResult<T>) -> PyResult<T> {
    let vals = &crate::statics::Args(vals);
    let base = vm.roots.len();
    vm.roots.extend_from_slice(vals);
    let r = f(vm);
    vm.roots.truncate(base);
    r
}

/// Apply binary set operation `o` (`&`, `-`, `^`) of `s` with each of `others` into a new
/// set of `s`'s kind (or in place when `inplace`).
fn fold(vm: &mut Vm, a: &[Value], o: u8, inplace: bool) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let s = if inplace {
        this_mut(vm, a[0])?
    } else {
        this(vm, a[0])?
    };
    let frozen = is_frozen(vm, s) && !inplace;
    let mut acc = copy_of(vm, s, false)?;
    rooted(vm, &[acc], |vm| {
        for &other in &a[1..] {
            let os = as_set(vm, other)?;
            acc = rooted(vm, &[os, acc], |vm| {
                Ok(set_binary_op(vm, o, acc, os)?.unwrap_or(acc))
            })?;
            vm.roots.push(acc);
        }
        if inplace {
            assign(vm, s, acc);
            return Ok(Value::NONE);
        }
        if frozen {
            return copy_of(vm, acc, true);
        }
        Ok(acc)
    })
}

native_fn!(SET_CONTAINS, "__contains__", 2, 2, |vm, a, _| {
    let s = this(vm, a[0])?;
    let h = vm.hash(a[1])?;
    Ok(Value::bool(vm.dict_find(s, a[1], h)?.is_some()))
});
native_fn!(SET_ADD, "add", 2, 2, |vm, a, _| {
    let s = this_mut(vm, a[0])?;
    vm.dict_set(s, a[1], Value::NONE)?;
    Ok(Value::NONE)
});
native_fn!(SET_DISCARD, "discard", 2, 2, |vm, a, _| {
    let s = this_mut(vm, a[0])?;
    dict_remove(vm, s, a[1])?;
    Ok(Value::NONE)
});
native_fn!(SET_REMOVE, "remove", 2, 2, |vm, a, _| {
    let s = this_mut(vm, a[0])?;
    match dict_remove(vm, s, a[1])? {
        Some(_) => Ok(Value::NONE),
        None => Err(vm.key_error(a[1])),
    }
});
native_fn!(SET_POP, "pop", 1, 1, |vm, a, _| {
    let s = this_mut(vm, a[0])?;
    let e = match vm.heap.get_mut(s) {
        Some(Obj::Set(d)) => match d.next_from(0) {
            Some((p, _)) => d.remove_at(p),
            None => None,
        },
        _ => None,
    };
    match e {
        Some(e) => Ok(e.key),
        None => {
            let msg = vm.new_str("pop from an empty set")?;
            Err(vm.new_exception_args(&ex::KEY_ERROR, &[msg]))
        }
    }
});
native_fn!(SET_CLEAR, "clear", 1, 1, |vm, a, _| {
    let s = this_mut(vm, a[0])?;
    if let Some(Obj::Set(d)) = vm.heap.get_mut(s) {
        d.clear();
    }
    Ok(Value::NONE)
});
native_fn!(SET_COPY, "copy", 1, 1, |vm, a, _| {
    let s = this(vm, a[0])?;
    let frozen = is_frozen(vm, s);
    if frozen && s == a[0] {
        return Ok(s);
    }
    copy_of(vm, s, frozen)
});
native_fn!(SET_UPDATE, "update", 1, VAR_ARGS, |vm, a, _| {
    let s = this_mut(vm, a[0])?;
    for &o in &a[1..] {
        add_all(vm, s, o)?;
    }
    Ok(Value::NONE)
});
native_fn!(SET_UNION, "union", 1, VAR_ARGS, |vm, a, _| {
    let s = this(vm, a[0])?;
    let frozen = is_frozen(vm, s);
    let r = copy_of(vm, s, false)?;
    rooted(vm, &[r], |vm| {
        for &o in &a[1..] {
            add_all(vm, r, o)?;
        }
        if frozen {
            copy_of(vm, r, true)
        } else {
            Ok(r)
        }
    })
});
native_fn!(SET_INTERSECTION, "intersection", 1, VAR_ARGS, |vm, a, _| {
    fold(vm, a, op::BINARY_AND, false)
});
native_fn!(
    SET_INTERSECTION_UPDATE,
    "intersection_update",
    1,
    VAR_ARGS,
    |vm, a, _| fold(vm, a, op::BINARY_AND, true)
);
native_fn!(SET_DIFFERENCE, "difference", 1, VAR_ARGS, |vm, a, _| fold(
    vm,
    a,
    op::BINARY_SUBTRACT,
    false
));
native_fn!(
    SET_DIFFERENCE_UPDATE,
    "difference_update",
    1,
    VAR_ARGS,
    |vm, a, _| fold(vm, a, op::BINARY_SUBTRACT, true)
);
native_fn!(
    SET_SYMMETRIC_DIFFERENCE,
    "symmetric_difference",
    2,
    2,
    |vm, a, _| fold(vm, a, op::BINARY_XOR, false)
);
native_fn!(
    SET_SYMMETRIC_DIFFERENCE_UPDATE,
    "symmetric_difference_update",
    2,
    2,
    |vm, a, _| fold(vm, a, op::BINARY_XOR, true)
);
native_fn!(SET_ISSUBSET, "issubset", 2, 2, |vm, a, _| relation(
    vm,
    a,
    op::BINARY_LESS_EQUAL
));
native_fn!(SET_ISSUPERSET, "issuperset", 2, 2, |vm, a, _| relation(
    vm,
    a,
    op::BINARY_MORE_EQUAL
));
native_fn!(SET_ISDISJOINT, "isdisjoint", 2, 2, |vm, a, _| {
    let s = this(vm, a[0])?;
    let o = as_set(vm, a[1])?;
    rooted(vm, &[o], |vm| {
        let r = set_binary_op(vm, op::BINARY_AND, s, o)?;
        let empty = match r {
            Some(x) => vm.len(x)? == 0,
            None => true,
        };
        Ok(Value::bool(empty))
    })
});

fn relation(vm: &mut Vm, a: &[Value], o: u8) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let s = this(vm, a[0])?;
    let other = as_set(vm, a[1])?;
    rooted(vm, &[other], |vm| set_compare(vm, o, s, other))
}

/// `set()`, `set(iterable)`, `frozenset()`, `frozenset(iterable)` (args[0] is the type).
pub fn set_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if !kw.is_empty() {
        return Err(vm.type_error("function doesn't take keyword arguments"));
    }
    let frozen = a.first() == Some(&Value::from_static(&FROZENSET));
    match a.len() {
        0 | 1 => vm.new_set(&[], frozen),
        2 => {
            if frozen && matches!(vm.heap.get(a[1]), Some(Obj::FrozenSet(_))) {
                return Ok(a[1]);
            }
            let items = vm.collect_iterable(a[1])?;
            rooted(vm, &items, |vm| vm.new_set(&items, frozen))
        }
        n => Err(vm.type_error(&alloc::format!(
            "function expected at most 1 arguments, got {}",
            n - 1
        ))),
    }
}
