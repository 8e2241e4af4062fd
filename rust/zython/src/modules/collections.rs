//! The `collections` module: `namedtuple` (a class factory), `OrderedDict` (a dict subclass:
//! our dicts keep insertion order already) and `deque` (fixed maximum length, as in
//! MicroPython: `deque(iterable, maxlen[, flags])`).
//!
//! A namedtuple class is a user class deriving from `tuple`: its instances hold the values
//! in a real tuple (the builtin base), and each field is a read-only property whose getter
//! is a bound native function carrying the field's index.

use crate::modules::native;
use crate::native_fn;
use crate::obj::{Instance, NativeObject, Obj};
use crate::qstr::{q, Qstr};
use crate::statics::{Attr, ModuleDef, StaticObj, TypeDef, VAR_ARGS};
use crate::types::object::{OBJECT, TYPE};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::boxed::Box;
use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;

// ----- namedtuple -----

native_fn!(NAMEDTUPLE, "namedtuple", 2, 2, namedtuple);
native_fn!(NT_NEW, "__new__", 1, VAR_ARGS, nt_new, kw);
native_fn!(NT_FIELD, "field", 2, 2, |vm, a, _| {
    let base = vm.native_base_value(a[1]).unwrap_or(a[1]);
    vm.getitem(base, a[0])
});
native_fn!(NT_REPR, "__repr__", 1, 1, nt_repr, method);
native_fn!(
    NT_ASDICT,
    "_asdict",
    1,
    1,
    |vm, a, _| {
        let (fields, items) = nt_parts(vm, a[0])?;
        let d = vm.new_dict()?;
        for (k, v) in fields.into_iter().zip(items) {
            vm.dict_set(d, k, v)?;
        }
        Ok(d)
    },
    method
);
native_fn!(
    NT_REPLACE,
    "_replace",
    1,
    1,
    |vm, a, kw| {
        let (fields, mut items) = nt_parts(vm, a[0])?;
        for &(k, v) in kw {
            match fields.iter().position(|&f| vm.eq(f, k).unwrap_or(false)) {
                Some(i) => items[i] = v,
                None => return Err(vm.type_error("unexpected keyword argument")),
            }
        }
        let cls = crate::types::type_of(vm, a[0]);
        let mut args = Vec::with_capacity(items.len() + 1);
        args.push(cls);
        args.extend(items);
        nt_new(vm, &args, &[])
    },
    kw,
    method
);

/// Field names of a namedtuple class (its `_fields` tuple), as Values.
fn fields_of(vm: &mut Vm, cls: Value) -> PyResult<Vec<Value>> {
    let f = vm.lookup_class_attr(cls, q::U_FIELDS);
    match f.and_then(|f| vm.heap.get(f)) {
        Some(Obj::Tuple(t)) => Ok(t.to_vec()),
        _ => Err(vm.type_error("not a namedtuple class")),
    }
}

/// (field names, values) of a namedtuple instance.
fn nt_parts(vm: &mut Vm, obj: Value) -> PyResult<(Vec<Value>, Vec<Value>)> {
    let cls = crate::types::type_of(vm, obj);
    let fields = fields_of(vm, cls)?;
    let base = vm.native_base_value(obj).unwrap_or(obj);
    let items = match vm.heap.get(base) {
        Some(Obj::Tuple(t)) => t.to_vec(),
        _ => return Err(vm.type_error("not a namedtuple")),
    };
    Ok((fields, items))
}

fn namedtuple(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let name = vm.to_qstr(a[0])?;
    // Field names: a str separated by spaces and/or commas, or an iterable of str.
    let mut names: Vec<Qstr> = Vec::new();
    if let Some(s) = vm.str_data(a[1]) {
        let parts: Vec<String> = s
            .split([' ', ','])
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect();
        for p in parts {
            names.push(vm.intern(&p));
        }
    } else {
        for v in vm.collect_iterable(a[1])? {
            if !vm.is_str(v) {
                return Err(vm.type_error("expected str"));
            }
            names.push(vm.to_qstr(v)?);
        }
    }
    let ns = vm.new_dict()?;
    let base = vm.roots.len();
    vm.roots.push(ns);
    let r = (|| {
        let fv: Vec<Value> = names.iter().map(|&n| Value::qstr(n)).collect();
        let ft = vm.new_tuple(&fv)?;
        vm.dict_set_str(ns, q::U_FIELDS, ft)?;
        let newf = vm.alloc(Obj::StaticMethod(Value::from_static(&NT_NEW)))?;
        vm.dict_set_str(ns, q::__NEW__, newf)?;
        vm.dict_set_str(ns, q::__REPR__, Value::from_static(&NT_REPR))?;
        vm.dict_set_str(ns, q::U_ASDICT, Value::from_static(&NT_ASDICT))?;
        vm.dict_set_str(ns, q::U_REPLACE, Value::from_static(&NT_REPLACE))?;
        for (i, &n) in names.iter().enumerate() {
            let getter = vm.alloc(Obj::BoundMethod(
                Value::from_static(&NT_FIELD),
                Value::small_int(i as isize),
            ))?;
            vm.roots.push(getter);
            let prop = vm.alloc(Obj::Property(getter, Value::NONE, Value::NONE))?;
            vm.dict_set_str(ns, n, prop)?;
        }
        let tuple_t = Value::from_static(&crate::types::tuple::TUPLE);
        vm.make_class(name, &[tuple_t], ns, Value::from_static(&TYPE))
    })();
    vm.roots.truncate(base);
    r
}

fn nt_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let cls = a[0];
    let fields = fields_of(vm, cls)?;
    let args = &a[1..];
    if args.len() > fields.len() {
        return Err(vm.type_error("function takes too many positional arguments"));
    }
    let mut vals: Vec<Value> = alloc::vec![Value::NULL; fields.len()];
    vals[..args.len()].copy_from_slice(args);
    for &(k, v) in kw {
        let mut found = false;
        for (i, &f) in fields.iter().enumerate() {
            if vm.eq(f, k)? {
                if !vals[i].is_null() {
                    return Err(vm.type_error("function got multiple values for argument"));
                }
                vals[i] = v;
                found = true;
            }
        }
        if !found {
            return Err(vm.type_error("unexpected keyword argument"));
        }
    }
    if vals.iter().any(|v| v.is_null()) {
        return Err(vm.type_error("function missing required positional arguments"));
    }
    let t = vm.new_tuple(&vals)?;
    vm.roots.push(t);
    let r = vm.alloc(Obj::Instance(Box::new(Instance {
        class: cls,
        dict: Default::default(),
        base: t,
    })));
    vm.roots.pop();
    r
}

fn nt_repr(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let (fields, items) = nt_parts(vm, a[0])?;
    let cls = crate::types::type_of(vm, a[0]);
    let mut s = String::from(crate::types::type_name(vm, cls));
    s.push('(');
    for (i, (k, v)) in fields.into_iter().zip(items).enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        vm.str_into(k, &mut s)?;
        s.push('=');
        vm.repr_into(v, &mut s)?;
    }
    s.push(')');
    vm.new_string(s)
}

// ----- deque -----

/// A `collections.deque` with a maximum length.
#[derive(Debug)]
pub struct Deque {
    /// The items, left to right.
    pub items: VecDeque<Value>,
    /// Most items held; appending to a full deque drops from the other end.
    pub maxlen: usize,
    /// Raise IndexError on overflow instead of dropping (MicroPython's `flags` argument).
    pub strict: bool,
}

impl NativeObject for Deque {
    fn type_obj(&self) -> &'static StaticObj {
        &DEQUE_TYPE
    }
    fn trace(&self, out: &mut dyn FnMut(Value)) {
        self.items.iter().for_each(|&v| out(v))
    }
    fn bytes(&self) -> usize {
        self.items.capacity() * core::mem::size_of::<Value>()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

fn deque_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    native::check_kw(vm, kw, &[q::MAXLEN])?;
    let maxlen = match a.get(2).copied().or(native::kwarg(kw, q::MAXLEN)) {
        Some(v) => vm.to_index(v)?,
        None => return Err(vm.type_error("function missing 1 required positional arguments")),
    };
    if maxlen < 0 {
        return Err(vm.value_error("maxlen must be >= 0"));
    }
    let strict = match a.get(3) {
        Some(&f) => vm.truthy(f)?,
        None => false,
    };
    let d = vm.alloc(Obj::Native(Box::new(Deque {
        items: VecDeque::new(),
        maxlen: maxlen as usize,
        strict,
    })))?;
    if let Some(&init) = a.get(1) {
        vm.roots.push(d);
        let r = deque_extend(vm, d, init, false);
        vm.roots.pop();
        r?;
    }
    Ok(d)
}

fn deque_push(vm: &mut Vm, d: Value, v: Value, left: bool) -> PyResult<()> {
    vm.reserve(core::mem::size_of::<Value>())?;
    let full = match native::get::<Deque>(vm, d) {
        Some(x) => x.items.len() >= x.maxlen && x.strict,
        None => return Err(vm.type_error("expected deque")),
    };
    if full {
        return Err(vm.index_error("full"));
    }
    let ok = match native::get_mut::<Deque>(vm, d) {
        Some(x) => {
            if x.maxlen == 0 {
                true
            } else {
                if x.items.len() >= x.maxlen {
                    if left {
                        x.items.pop_back();
                    } else {
                        x.items.pop_front();
                    }
                }
                if x.items.try_reserve(1).is_err() {
                    false
                } else {
                    if left {
                        x.items.push_front(v);
                    } else {
                        x.items.push_back(v);
                    }
                    true
                }
            }
        }
        None => true,
    };
    if !ok {
        return Err(vm.no_memory());
    }
    Ok(())
}

fn deque_extend(vm: &mut Vm, d: Value, src: Value, left: bool) -> PyResult<()> {
    let it = vm.get_iter(src)?;
    let base = vm.roots.len();
    vm.roots.push(it);
    let r = (|| {
        while let Some(v) = vm.iter_next(it)? {
            deque_push(vm, d, v, left)?;
        }
        Ok(())
    })();
    vm.roots.truncate(base);
    r
}

fn deque_pop(vm: &mut Vm, d: Value, left: bool) -> PyResult<Value> {
    let r = native::get_mut::<Deque>(vm, d).map(|x| {
        if left {
            x.items.pop_front()
        } else {
            x.items.pop_back()
        }
    });
    match r {
        Some(Some(v)) => Ok(v),
        Some(None) => Err(vm.index_error("empty")),
        None => Err(vm.type_error("expected deque")),
    }
}

fn deque_items(vm: &mut Vm, d: Value) -> PyResult<Vec<Value>> {
    match native::get::<Deque>(vm, d) {
        Some(x) => Ok(x.items.iter().copied().collect()),
        None => Err(vm.type_error("expected deque")),
    }
}

native_fn!(DQ_APPEND, "append", 2, 2, |vm, a, _| {
    deque_push(vm, a[0], a[1], false)?;
    Ok(Value::NONE)
});
native_fn!(DQ_APPENDLEFT, "appendleft", 2, 2, |vm, a, _| {
    deque_push(vm, a[0], a[1], true)?;
    Ok(Value::NONE)
});
native_fn!(DQ_EXTEND, "extend", 2, 2, |vm, a, _| {
    deque_extend(vm, a[0], a[1], false)?;
    Ok(Value::NONE)
});
native_fn!(DQ_EXTENDLEFT, "extendleft", 2, 2, |vm, a, _| {
    deque_extend(vm, a[0], a[1], true)?;
    Ok(Value::NONE)
});
native_fn!(DQ_POP, "pop", 1, 1, |vm, a, _| deque_pop(vm, a[0], false));
native_fn!(DQ_POPLEFT, "popleft", 1, 1, |vm, a, _| deque_pop(
    vm, a[0], true
));
native_fn!(DQ_CLEAR, "clear", 1, 1, |vm, a, _| {
    if let Some(x) = native::get_mut::<Deque>(vm, a[0]) {
        x.items.clear();
    }
    Ok(Value::NONE)
});
native_fn!(DQ_LEN, "__len__", 1, 1, |vm, a, _| {
    let n = deque_items(vm, a[0])?.len();
    Ok(Value::small_int(n as isize))
});
native_fn!(DQ_BOOL, "__bool__", 1, 1, |vm, a, _| {
    let n = deque_items(vm, a[0])?.len();
    Ok(Value::bool(n > 0))
});
native_fn!(DQ_GETITEM, "__getitem__", 2, 2, |vm, a, _| {
    let items = deque_items(vm, a[0])?;
    let i = vm.seq_index(a[1], items.len(), "deque")?;
    items
        .get(i)
        .copied()
        .ok_or_else(|| vm.index_error("deque index out of range"))
});
native_fn!(DQ_SETITEM, "__setitem__", 3, 3, |vm, a, _| {
    if a[2].is_null() {
        return Err(vm.type_error("'deque' object doesn't support item deletion"));
    }
    let n = deque_items(vm, a[0])?.len();
    let i = vm.seq_index(a[1], n, "deque")?;
    if let Some(x) = native::get_mut::<Deque>(vm, a[0]) {
        if let Some(slot) = x.items.get_mut(i) {
            *slot = a[2];
        }
    }
    Ok(Value::NONE)
});
native_fn!(DQ_ITER, "__iter__", 1, 1, |vm, a, _| {
    let items = deque_items(vm, a[0])?;
    let l = vm.new_list(items)?;
    vm.get_iter(l)
});
native_fn!(DQ_REPR, "__repr__", 1, 1, |vm, a, _| {
    let items = deque_items(vm, a[0])?;
    let maxlen = native::get::<Deque>(vm, a[0])
        .map(|x| x.maxlen)
        .unwrap_or(0);
    let l = vm.new_list(items)?;
    let mut s = String::from("deque(");
    vm.repr_into(l, &mut s)?;
    s.push_str(&alloc::format!(", maxlen={})", maxlen));
    vm.new_string(s)
});

/// The `collections.deque` type.
pub static DEQUE_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "deque",
    base: Some(&OBJECT),
    attrs: &[
        (q::APPEND, Attr::Fn(&DQ_APPEND)),
        (q::APPENDLEFT, Attr::Fn(&DQ_APPENDLEFT)),
        (q::EXTEND, Attr::Fn(&DQ_EXTEND)),
        (q::EXTENDLEFT, Attr::Fn(&DQ_EXTENDLEFT)),
        (q::POP, Attr::Fn(&DQ_POP)),
        (q::POPLEFT, Attr::Fn(&DQ_POPLEFT)),
        (q::CLEAR, Attr::Fn(&DQ_CLEAR)),
        (q::__LEN__, Attr::Fn(&DQ_LEN)),
        (q::__BOOL__, Attr::Fn(&DQ_BOOL)),
        (q::__GETITEM__, Attr::Fn(&DQ_GETITEM)),
        (q::__SETITEM__, Attr::Fn(&DQ_SETITEM)),
        (q::__ITER__, Attr::Fn(&DQ_ITER)),
        (q::__REPR__, Attr::Fn(&DQ_REPR)),
    ],
    make_new: Some(deque_new),
    attr_hook: None,
    subclassable: false,
});

native_fn!(
    OD_REPR,
    "__repr__",
    1,
    1,
    |vm, a, _| {
        let base = vm.native_base_value(a[0]).unwrap_or(a[0]);
        let cls = crate::types::type_of(vm, a[0]);
        let mut s = String::from(crate::types::type_name(vm, cls));
        s.push('(');
        vm.repr_into(base, &mut s)?;
        s.push(')');
        vm.new_string(s)
    },
    method
);

/// (key, value) pairs of a dict object in order.
fn dict_items(vm: &Vm, d: Value) -> Option<Vec<Value>> {
    let dict = vm.dict_ref(d)?;
    Some(dict.iter().flat_map(|e| [e.key, e.value]).collect())
}

/// OrderedDict equality: order matters when both sides are OrderedDicts.
fn od_eq(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let x = vm.native_base_value(a[0]).unwrap_or(a[0]);
    let same_kind = matches!(vm.heap.get(a[1]), Some(Obj::Instance(_)))
        && crate::types::type_of(vm, a[1]) == crate::types::type_of(vm, a[0]);
    if !same_kind {
        return vm.eq(x, a[1]).map(Value::bool);
    }
    let y = vm.native_base_value(a[1]).unwrap_or(a[1]);
    let (Some(l), Some(r)) = (dict_items(vm, x), dict_items(vm, y)) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if l.len() != r.len() {
        return Ok(Value::FALSE);
    }
    let base = vm.roots.len();
    vm.roots.extend_from_slice(&l);
    vm.roots.extend_from_slice(&r);
    let mut res = Ok(Value::TRUE);
    for (p, q) in l.iter().zip(r.iter()) {
        match vm.eq(*p, *q) {
            Ok(true) => {}
            Ok(false) => {
                res = Ok(Value::FALSE);
                break;
            }
            Err(e) => {
                res = Err(e);
                break;
            }
        }
    }
    vm.roots.truncate(base);
    res
}

native_fn!(OD_EQ, "__eq__", 2, 2, od_eq, method);

fn collections_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    vm.dict_set_str(g, q::NAMEDTUPLE, Value::from_static(&NAMEDTUPLE))?;
    vm.dict_set_str(g, q::DEQUE, Value::from_static(&DEQUE_TYPE))?;
    let ns = vm.new_dict()?;
    vm.roots.push(ns);
    vm.dict_set_str(ns, q::__REPR__, Value::from_static(&OD_REPR))?;
    vm.dict_set_str(ns, q::__EQ__, Value::from_static(&OD_EQ))?;
    let dict_t = Value::from_static(&crate::types::dict::DICT);
    let r = vm.make_class(q::T_ORDERED_DICT, &[dict_t], ns, Value::from_static(&TYPE));
    vm.roots.pop();
    let od = r?;
    vm.dict_set_str(g, q::T_ORDERED_DICT, od)
}

/// The `collections` module.
pub static COLLECTIONS_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "collections",
    attrs: &[],
    init: Some(collections_init),
});
