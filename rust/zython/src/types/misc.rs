//! Small builtin types: NoneType, ellipsis, range, slice, module and the iterator kinds
//! (`enumerate`, `zip`, `map`, `filter`, `reversed`), with their constructors.

use crate::native_fn;
use crate::obj::{Iter, Obj};
use crate::qstr::{q, Qstr};
use crate::simple_type;
use crate::statics::{Attr, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::types::{args, list};
use crate::value::Value;
use crate::vm::ops::range_len;
use crate::vm::{PyResult, Vm};
use alloc::boxed::Box;
use alloc::vec::Vec;

simple_type!(NONE_TYPE, "NoneType");
simple_type!(ELLIPSIS_TYPE, "ellipsis");
simple_type!(NOT_IMPLEMENTED_TYPE, "NotImplementedType");
simple_type!(MODULE, "module");

/// Iterators are iterable: `iter(it) is it`.
static ITER_ATTRS: &[(Qstr, Attr)] = &[
    (q::__ITER__, Attr::Fn(&ITER_SELF)),
    (q::__NEXT__, Attr::Fn(&ITER_NEXT)),
];

macro_rules! iter_type {
    ($id:ident, $name:expr, $mk:expr) => {
        #[doc = concat!("The builtin type `", $name, "`.")]
        pub static $id: StaticObj = StaticObj::Type(&TypeDef {
            name: $name,
            base: Some(&OBJECT),
            attrs: ITER_ATTRS,
            make_new: $mk,
            attr_hook: None,
            subclassable: true,
        });
    };
}

iter_type!(ITERATOR, "iterator", None);
iter_type!(ENUMERATE, "enumerate", Some(enumerate_make_new));
iter_type!(ZIP, "zip", Some(zip_make_new));
iter_type!(MAP, "map", Some(map_make_new));
iter_type!(FILTER, "filter", Some(filter_make_new));
iter_type!(REVERSED, "reversed", Some(reversed_make_new));

native_fn!(ITER_SELF, "__iter__", 1, 1, |_vm, a, _| Ok(a[0]));
native_fn!(ITER_NEXT, "__next__", 1, 1, |vm, a, _| {
    let it = args::base(vm, a[0]);
    if !matches!(vm.heap.get(it), Some(Obj::Iter(_))) {
        return Err(vm.type_error("expected an iterator"));
    }
    match vm.iter_next(it)? {
        Some(v) => Ok(v),
        None => Err(crate::builtins::functions::stop_iteration(vm)),
    }
});

/// The builtin type `range`.
pub static RANGE: StaticObj = StaticObj::Type(&TypeDef {
    name: "range",
    base: Some(&OBJECT),
    attrs: &[
        (q::INDEX, Attr::Fn(&RANGE_INDEX)),
        (q::COUNT, Attr::Fn(&RANGE_COUNT)),
    ],
    make_new: Some(range_make_new),
    attr_hook: Some(range_attr),
    subclassable: false,
});

/// The builtin type `slice`.
pub static SLICE: StaticObj = StaticObj::Type(&TypeDef {
    name: "slice",
    base: Some(&OBJECT),
    attrs: &[(q::INDICES, Attr::Fn(&SLICE_INDICES))],
    make_new: Some(slice_make_new),
    attr_hook: Some(slice_attr),
    subclassable: false,
});

fn arity(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)], min: usize, max: usize) -> PyResult<()> {
    let a = &crate::statics::Args(a);
    if !kw.is_empty() {
        return Err(vm.type_error("function doesn't take keyword arguments"));
    }
    let n = a.len().saturating_sub(1);
    if n < min {
        return Err(vm.type_error(&alloc::format!(
            "function missing {} required positional arguments",
            min - n
        )));
    }
    if n > max {
        return Err(vm.type_error(&alloc::format!(
            "function expected at most {} arguments, got {}",
            max,
            n
        )));
    }
    Ok(())
}

fn range_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    arity(vm, a, kw, 1, 3)?;
    let mut start = 0;
    let mut step = 1;
    let stop;
    if a.len() == 2 {
        stop = vm.to_index(a[1])?;
    } else {
        start = vm.to_index(a[1])?;
        stop = vm.to_index(a[2])?;
        if a.len() == 4 {
            step = vm.to_index(a[3])?;
            if step == 0 {
                return Err(vm.value_error("zero step"));
            }
        }
    }
    vm.alloc(Obj::Range(start, stop, step))
}

fn range_parts(vm: &mut Vm, v: Value) -> PyResult<(isize, isize, isize)> {
    match vm.heap.get(v) {
        Some(Obj::Range(a, b, c)) => Ok((*a, *b, *c)),
        _ => Err(vm.type_error("expected a range")),
    }
}

fn range_attr(vm: &mut Vm, obj: Value, name: Qstr) -> PyResult<Option<Value>> {
    let (a, b, c) = match vm.heap.get(obj) {
        Some(Obj::Range(a, b, c)) => (*a, *b, *c),
        _ => return Ok(None),
    };
    let v = if name == q::START {
        a
    } else if name == q::STOP {
        b
    } else if name == q::STEP {
        c
    } else {
        return Ok(None);
    };
    vm.new_int(v as i64).map(Some)
}

/// Position of int `x` in range (start, stop, step), if it is there.
fn range_pos(vm: &mut Vm, r: (isize, isize, isize), x: Value) -> PyResult<Option<usize>> {
    if !vm.is_int(x) {
        return Ok(None);
    }
    let i = match vm.to_index(x) {
        Ok(i) => i,
        Err(_) => return Ok(None),
    };
    let (a, _, c) = r;
    let n = range_len(r.0, r.1, r.2);
    let off = i.wrapping_sub(a);
    if c == 0 || off % c != 0 {
        return Ok(None);
    }
    let k = off / c;
    Ok(if k >= 0 && (k as usize) < n {
        Some(k as usize)
    } else {
        None
    })
}

native_fn!(RANGE_INDEX, "index", 2, 2, |vm, a, _| {
    let r = range_parts(vm, a[0])?;
    match range_pos(vm, r, a[1])? {
        Some(k) => vm.new_int(k as i64),
        None => Err(vm.value_error("object not in sequence")),
    }
});
native_fn!(RANGE_COUNT, "count", 2, 2, |vm, a, _| {
    let r = range_parts(vm, a[0])?;
    Ok(Value::small_int(range_pos(vm, r, a[1])?.is_some() as isize))
});

fn slice_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    arity(vm, a, kw, 1, 3)?;
    let (start, stop, step) = match a.len() {
        2 => (Value::NONE, a[1], Value::NONE),
        3 => (a[1], a[2], Value::NONE),
        _ => (a[1], a[2], a[3]),
    };
    vm.alloc(Obj::Slice(start, stop, step))
}

fn slice_attr(vm: &mut Vm, obj: Value, name: Qstr) -> PyResult<Option<Value>> {
    let (a, b, c) = match vm.heap.get(obj) {
        Some(Obj::Slice(a, b, c)) => (*a, *b, *c),
        _ => return Ok(None),
    };
    Ok(if name == q::START {
        Some(a)
    } else if name == q::STOP {
        Some(b)
    } else if name == q::STEP {
        Some(c)
    } else {
        None
    })
}

native_fn!(SLICE_INDICES, "indices", 2, 2, |vm, a, _| {
    let n = vm.to_index(a[1])?;
    if n < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let (s, e, st) = list::slice_indices(vm, a[0], n as usize)?;
    let t = [
        Value::small_int(s),
        Value::small_int(e),
        Value::small_int(st),
    ];
    vm.new_tuple(&t)
});

fn new_iter(vm: &mut Vm, it: Iter) -> PyResult<Value> {
    vm.alloc(Obj::Iter(Box::new(it)))
}

fn enumerate_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let iterable_q = vm.intern("iterable");
    args::check_kw(vm, kw, &[q::START, iterable_q])?;
    let iterable = match (a.get(1), args::kwarg(vm, kw, iterable_q)) {
        (Some(&v), _) | (None, Some(v)) => v,
        (None, None) => {
            return Err(vm.type_error("function missing 1 required positional arguments"))
        }
    };
    if a.len() > 3 {
        return Err(vm.type_error("function expected at most 2 arguments"));
    }
    let start = match (a.get(2), args::kwarg(vm, kw, q::START)) {
        (Some(&s), _) | (None, Some(s)) => s,
        (None, None) => Value::small_int(0),
    };
    if !vm.is_int(start) {
        return Err(vm.type_error("can't convert to int"));
    }
    let it = vm.get_iter(iterable)?;
    new_iter(vm, Iter::Enumerate { it, n: start })
}

/// Iterators over each of `vals` in a new tuple (rooted while they are made).
fn iters_tuple(vm: &mut Vm, vals: &[Value]) -> PyResult<Value> {
    let vals = &crate::statics::Args(vals);
    let base = vm.roots.len();
    let mut its = Vec::with_capacity(vals.len());
    let mut r = Ok(());
    for &v in vals {
        match vm.get_iter(v) {
            Ok(it) => {
                vm.roots.push(it);
                its.push(it);
            }
            Err(e) => {
                r = Err(e);
                break;
            }
        }
    }
    let t = r.and_then(|_| vm.new_tuple(&its));
    vm.roots.truncate(base);
    t
}

fn zip_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if !kw.is_empty() {
        return Err(vm.type_error("function doesn't take keyword arguments"));
    }
    let its = iters_tuple(vm, &a[1..])?;
    vm.roots.push(its);
    let r = new_iter(vm, Iter::Zip { its });
    vm.roots.pop();
    r
}

fn map_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if !kw.is_empty() {
        return Err(vm.type_error("function doesn't take keyword arguments"));
    }
    if a.len() < 3 {
        return Err(vm.type_error("function missing required positional arguments"));
    }
    let its = iters_tuple(vm, &a[2..])?;
    vm.roots.push(its);
    let r = new_iter(vm, Iter::Map { f: a[1], its });
    vm.roots.pop();
    r
}

fn filter_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    arity(vm, a, kw, 2, 2)?;
    let it = vm.get_iter(a[2])?;
    new_iter(vm, Iter::Filter { f: a[1], it })
}

fn reversed_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    arity(vm, a, kw, 1, 1)?;
    let seq = a[1];
    if let Some(Obj::Range(s, e, st)) = vm.heap.get(seq) {
        let (s, e, st) = (*s, *e, *st);
        let n = range_len(s, e, st) as isize;
        let last = s.wrapping_add((n - 1).wrapping_mul(st));
        let it = if n == 0 {
            Iter::Range {
                cur: 0,
                stop: 0,
                step: 1,
            }
        } else {
            Iter::Range {
                cur: last,
                stop: s.wrapping_sub(st),
                step: -st,
            }
        };
        return new_iter(vm, it);
    }
    if matches!(
        vm.heap.get(seq),
        Some(Obj::Instance(_)) | Some(Obj::Native(_))
    ) {
        if let Some(r) = vm.call_method_opt(seq, q::__REVERSED__, &[])? {
            return Ok(r);
        }
    }
    let n = vm.len(seq)?;
    new_iter(vm, Iter::Reversed { seq, pos: n })
}
