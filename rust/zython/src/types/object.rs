//! `object`, `type` and `super`: constructors and the few methods of `object` that Python
//! code reaches explicitly (`object.__new__(cls)`, `object.__setattr__(o, name, v)`...).

use crate::builtins::OBJECT_INIT;
use crate::native_fn;
use crate::obj::{Dict, Instance, Obj};
use crate::qstr::q;
use crate::statics::{Attr, StaticObj, TypeDef, VAR_ARGS};
use crate::types;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::boxed::Box;
use alloc::vec::Vec;

/// The builtin type `object`.
pub static OBJECT: StaticObj = StaticObj::Type(&TypeDef {
    name: "object",
    base: None,
    attrs: &[
        (q::__INIT__, Attr::Fn(&OBJECT_INIT)),
        (q::__NEW__, Attr::Fn(&OBJECT_NEW)),
        (q::__SETATTR__, Attr::Fn(&OBJECT_SETATTR)),
        (q::__DELATTR__, Attr::Fn(&OBJECT_DELATTR)),
        (q::__EQ__, Attr::Fn(&OBJECT_EQ)),
        (q::__NE__, Attr::Fn(&OBJECT_NE)),
        (q::__HASH__, Attr::Fn(&OBJECT_HASH)),
        (q::__REPR__, Attr::Fn(&OBJECT_REPR)),
        (q::__STR__, Attr::Fn(&OBJECT_STR)),
    ],
    make_new: Some(object_make_new),
    attr_hook: None,
    subclassable: true,
});

/// The builtin type `type`.
pub static TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "type",
    base: Some(&OBJECT),
    attrs: &[
        (q::__NEW__, Attr::StaticMethod(&TYPE_NEW)),
        (q::__CALL__, Attr::Fn(&TYPE_CALL)),
    ],
    make_new: Some(type_make_new),
    attr_hook: None,
    subclassable: true,
});

/// The builtin type `super`.
pub static SUPER: StaticObj = StaticObj::Type(&TypeDef {
    name: "super",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: Some(super_make_new),
    attr_hook: None,
    subclassable: false,
});

/// `object()`: a featureless instance.
fn object_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if a.len() > 1 || !kw.is_empty() {
        return Err(vm.type_error("function takes 0 positional arguments but 1 were given"));
    }
    vm.alloc(Obj::Instance(Box::new(Instance {
        class: Value::from_static(&OBJECT),
        dict: Dict::new(),
        base: Value::NULL,
    })))
}

native_fn!(OBJECT_NEW, "__new__", 1, VAR_ARGS, |vm, a, _| {
    let cls = a[0];
    if !matches!(vm.heap.get(cls), Some(Obj::Class(_))) {
        return Err(vm.type_error("arg must be user-type"));
    }
    vm.new_instance(cls, &[], &[], true)
});

fn user_instance_attr(vm: &mut Vm, obj: Value, name: Value) -> PyResult<crate::qstr::Qstr> {
    if !matches!(vm.heap.get(obj), Some(Obj::Instance(_))) {
        return Err(vm.type_error("arg must be user-type"));
    }
    if !vm.is_str(name) {
        return Err(vm.type_error("attribute name must be string"));
    }
    vm.to_qstr(name)
}

native_fn!(OBJECT_SETATTR, "__setattr__", 3, 3, |vm, a, _| {
    let name = user_instance_attr(vm, a[0], a[1])?;
    let h = vm.qstrs.hash(name);
    let key = Value::qstr(name);
    let r = match vm.heap.get_mut(a[0]) {
        Some(Obj::Instance(i)) => match i.dict.find_identical(h, key) {
            Some(p) => {
                i.dict.set_value_at(p, a[2]);
                Ok(())
            }
            None => i.dict.push_new(h, key, a[2]),
        },
        _ => Ok(()),
    };
    vm.mem(r)?;
    Ok(Value::NONE)
});
native_fn!(OBJECT_DELATTR, "__delattr__", 2, 2, |vm, a, _| {
    let name = user_instance_attr(vm, a[0], a[1])?;
    let h = vm.qstrs.hash(name);
    let key = Value::qstr(name);
    let removed = match vm.heap.get_mut(a[0]) {
        Some(Obj::Instance(i)) => match i.dict.find_identical(h, key) {
            Some(p) => i.dict.remove_at(p).is_some(),
            None => false,
        },
        _ => false,
    };
    if removed {
        Ok(Value::NONE)
    } else {
        Err(vm.attribute_error("no such attribute"))
    }
});

native_fn!(OBJECT_EQ, "__eq__", 2, 2, |_vm, a, _| Ok(if a[0] == a[1] {
    Value::TRUE
} else {
    Value::NOT_IMPLEMENTED
}));
native_fn!(OBJECT_NE, "__ne__", 2, 2, |vm, a, _| {
    // The inverse of the object's own __eq__, unless that is not implemented.
    let r = match vm.call_method_opt(a[0], q::__EQ__, &[a[1]])? {
        Some(r) => r,
        None => Value::bool(a[0] == a[1]),
    };
    if r == Value::NOT_IMPLEMENTED {
        return Ok(r);
    }
    Ok(Value::bool(!vm.truthy(r)?))
});
native_fn!(OBJECT_HASH, "__hash__", 1, 1, |_vm, a, _| Ok(
    Value::small_int((a[0].bits() >> 3) as isize & 0x3fff_ffff)
));
native_fn!(OBJECT_REPR, "__repr__", 1, 1, |vm, a, _| {
    let t = types::type_of(vm, a[0]);
    let s = alloc::format!("<{} object at {:x}>", types::type_name(vm, t), a[0].bits());
    vm.new_string(s)
});
native_fn!(OBJECT_STR, "__str__", 1, 1, |vm, a, _| vm.repr(a[0]));

/// `type(x)` or `type(name, bases, dict)`.
fn type_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    match a.len() {
        2 if kw.is_empty() => Ok(types::type_of(vm, a[1])),
        4 => new_class(vm, Value::from_static(&TYPE), a[1], a[2], a[3]),
        _ => Err(vm.type_error("type takes 1 or 3 arguments")),
    }
}

native_fn!(TYPE_NEW, "__new__", 4, 4, |vm, a, _| new_class(
    vm, a[0], a[1], a[2], a[3]
));

native_fn!(
    TYPE_CALL,
    "__call__",
    1,
    VAR_ARGS,
    |vm, a, kw| {
        if matches!(vm.heap.get(a[0]), Some(Obj::Class(_))) {
            vm.instantiate(a[0], &a[1..], kw)
        } else {
            vm.call(a[0], &a[1..], kw)
        }
    },
    kw
);

/// Make a class named `name` with `bases` (a tuple) and namespace `ns` (a dict).
fn new_class(vm: &mut Vm, meta: Value, name: Value, bases: Value, ns: Value) -> PyResult<Value> {
    if !vm.is_str(name) {
        return Err(vm.type_error("type() argument 1 must be str"));
    }
    let bases: Vec<Value> = match vm.heap.get(bases) {
        Some(Obj::Tuple(t)) => t.to_vec(),
        _ => return Err(vm.type_error("type() argument 2 must be tuple")),
    };
    // A dict subclass (e.g. OrderedDict) gives its dict.
    let ns = vm.native_base_value(ns).unwrap_or(ns);
    if !matches!(vm.heap.get(ns), Some(Obj::Dict(_))) {
        return Err(vm.type_error("type() argument 3 must be dict"));
    }
    let name = vm.to_qstr(name)?;
    vm.make_class(name, &bases, ns, meta)
}

/// `super(cls, obj)` (the compiler supplies both inside methods).
fn super_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if !kw.is_empty() {
        return Err(vm.type_error("function doesn't take keyword arguments"));
    }
    match a.len() {
        3 => {
            if !vm.is_class_like(a[1]) {
                return Err(vm.type_error("super() argument 1 must be type"));
            }
            let ok = if vm.is_class_like(a[2]) {
                vm.is_subclass(a[2], a[1])
            } else {
                vm.isinstance(a[2], a[1])
            };
            if !ok {
                return Err(
                    vm.type_error("super(type, obj): obj must be an instance or subtype of type")
                );
            }
            vm.alloc(Obj::Super(a[1], a[2]))
        }
        1 => Err(vm.runtime_error("super() can't find self")),
        _ => Err(vm.type_error("super() takes 2 arguments")),
    }
}
