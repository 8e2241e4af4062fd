//! Function-like types: functions, bound methods, generators (and their methods), cells,
//! and the descriptors `property`, `classmethod`, `staticmethod`.

use crate::native_fn;
use crate::obj::{GenState, Obj};
use crate::qstr::{q, Qstr};
use crate::simple_type;
use crate::statics::{Attr, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::types::{args, exceptions as ex};
use crate::value::Value;
use crate::vm::call::GenResult;
use crate::vm::{PyErr, PyResult, Vm};

/// The builtin type `function` (Python functions).
pub static FUNCTION: StaticObj = StaticObj::Type(&TypeDef {
    name: "function",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: Some(function_attr),
    subclassable: false,
});

/// The type of generator functions (shown as `generator`, like MicroPython).
pub static GENERATOR_FUNCTION: StaticObj = StaticObj::Type(&TypeDef {
    name: "generator",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: Some(function_attr),
    subclassable: false,
});

/// `f.__globals__` of Python functions.
fn function_attr(vm: &mut Vm, obj: Value, name: Qstr) -> PyResult<Option<Value>> {
    if vm.qstrs.str(name) != "__globals__" {
        return Ok(None);
    }
    let ctx = match vm.heap.get(obj) {
        Some(Obj::Function(f)) => f.ctx,
        _ => return Ok(None),
    };
    Ok(match vm.heap.get(ctx) {
        Some(Obj::Context(c)) => Some(c.globals),
        _ => None,
    })
}
simple_type!(BUILTIN_FUNCTION, "function");
simple_type!(BOUND_METHOD, "bound_method");
simple_type!(CELL, "cell");

/// The builtin type `generator`.
pub static GENERATOR: StaticObj = StaticObj::Type(&TypeDef {
    name: "generator",
    base: Some(&OBJECT),
    attrs: &[
        (q::SEND, Attr::Fn(&GEN_SEND)),
        (q::THROW, Attr::Fn(&GEN_THROW)),
        (q::CLOSE, Attr::Fn(&GEN_CLOSE)),
        (q::PEND_THROW, Attr::Fn(&GEN_PEND_THROW)),
        (q::__NEXT__, Attr::Fn(&GEN_NEXT)),
        (q::__ITER__, Attr::Fn(&GEN_SELF)),
        (q::__AWAIT__, Attr::Fn(&GEN_SELF)),
    ],
    make_new: None,
    attr_hook: None,
    subclassable: false,
});

/// The builtin type `property`.
pub static PROPERTY: StaticObj = StaticObj::Type(&TypeDef {
    name: "property",
    base: Some(&OBJECT),
    attrs: &[
        (q::GETTER, Attr::Fn(&PROPERTY_GETTER)),
        (q::SETTER, Attr::Fn(&PROPERTY_SETTER)),
        (q::DELETER, Attr::Fn(&PROPERTY_DELETER)),
    ],
    make_new: Some(property_make_new),
    attr_hook: Some(property_attr),
    subclassable: false,
});

/// The builtin type `classmethod`.
pub static CLASSMETHOD: StaticObj = StaticObj::Type(&TypeDef {
    name: "classmethod",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: Some(classmethod_make_new),
    attr_hook: Some(wrapped_attr),
    subclassable: false,
});

/// The builtin type `staticmethod`.
pub static STATICMETHOD: StaticObj = StaticObj::Type(&TypeDef {
    name: "staticmethod",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: Some(staticmethod_make_new),
    attr_hook: Some(wrapped_attr),
    subclassable: false,
});

// ----- generators -----

fn gen_this(vm: &mut Vm, v: Value) -> PyResult<Value> {
    args::expect(vm, v, "generator", |o| matches!(o, Obj::Generator(_)))
}

/// What a generator produced, as a method result: the value, or StopIteration(value).
fn gen_outcome(vm: &mut Vm, r: GenResult) -> PyResult<Value> {
    match r {
        GenResult::Yield(v) => Ok(v),
        GenResult::Return(v) => Err(if v == Value::NONE {
            vm.new_exception(&ex::STOP_ITERATION, "")
        } else {
            vm.new_exception_args(&ex::STOP_ITERATION, &[v])
        }),
    }
}

native_fn!(GEN_SELF, "__iter__", 1, 1, |_vm, a, _| Ok(a[0]));
native_fn!(GEN_NEXT, "__next__", 1, 1, |vm, a, _| {
    let g = gen_this(vm, a[0])?;
    let r = vm.gen_resume(g, Value::NONE, Value::NULL)?;
    gen_outcome(vm, r)
});
native_fn!(GEN_SEND, "send", 2, 2, |vm, a, _| {
    let g = gen_this(vm, a[0])?;
    let r = vm.gen_resume(g, a[1], Value::NULL)?;
    gen_outcome(vm, r)
});
native_fn!(GEN_THROW, "throw", 2, 4, |vm, a, _| {
    let g = gen_this(vm, a[0])?;
    let exc = match a.get(2) {
        Some(&val) if val != Value::NONE => {
            if vm.is_class_like(a[1]) && !vm.isinstance(val, a[1]) {
                vm.call(a[1], &[val], &[])?
            } else {
                val
            }
        }
        _ => a[1],
    };
    vm.roots.push(exc);
    let r = vm.gen_resume(g, Value::NONE, exc);
    vm.roots.pop();
    gen_outcome(vm, r?)
});
// MicroPython's extension: set the exception thrown in at the next resume; returns the old one.
native_fn!(GEN_PEND_THROW, "pend_throw", 2, 2, |vm, a, _| {
    let g = gen_this(vm, a[0])?;
    match vm.heap.get_mut(g) {
        Some(Obj::Generator(x)) if x.state != crate::obj::GenState::Running => {
            Ok(core::mem::replace(&mut x.pending, a[1]))
        }
        _ => Err(vm.value_error("generator already executing")),
    }
});
native_fn!(GEN_CLOSE, "close", 1, 1, |vm, a, _| {
    let g = gen_this(vm, a[0])?;
    gen_close(vm, g).map(|_| Value::NONE)
});

/// `g.close()`: throw GeneratorExit in; returning or letting it (or StopIteration) out is fine.
pub fn gen_close(vm: &mut Vm, g: Value) -> PyResult<()> {
    let state = match vm.heap.get(g) {
        Some(Obj::Generator(x)) => x.state,
        _ => return Ok(()),
    };
    match state {
        GenState::Finished => return Ok(()),
        GenState::Created => {
            if let Some(Obj::Generator(x)) = vm.heap.get_mut(g) {
                x.frame = None;
                x.stack = alloc::vec::Vec::new();
                x.state = GenState::Finished;
            }
            return Ok(());
        }
        _ => {}
    }
    let exit = vm.new_exception(&ex::GENERATOR_EXIT, "").0;
    vm.roots.push(exit);
    let r = vm.gen_resume(g, Value::NONE, exit);
    vm.roots.pop();
    match r {
        Ok(GenResult::Yield(_)) => Err(vm.runtime_error("generator ignored GeneratorExit")),
        Ok(GenResult::Return(_)) => Ok(()),
        Err(PyErr(e)) if vm.exc_is(e, &ex::GENERATOR_EXIT) || vm.exc_is(e, &ex::STOP_ITERATION) => {
            Ok(())
        }
        Err(e) => Err(e),
    }
}

// ----- property, classmethod, staticmethod -----

fn property_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if a.len() > 5 {
        return Err(vm.type_error("function expected at most 4 arguments"));
    }
    let mut parts = [Value::NONE; 3];
    for (i, p) in parts.iter_mut().enumerate() {
        if let Some(&v) = a.get(i + 1) {
            *p = v;
        }
    }
    for &(k, v) in kw {
        if let Some(i) = [q::FGET, q::FSET, q::FDEL]
            .iter()
            .position(|&n| args::kw_is(vm, k, n))
        {
            parts[i] = v;
        } else if vm.str_data(k) != Some("doc") {
            return Err(vm.type_error("unexpected keyword argument"));
        }
    }
    vm.alloc(Obj::Property(parts[0], parts[1], parts[2]))
}

fn property_parts(vm: &mut Vm, v: Value) -> PyResult<(Value, Value, Value)> {
    match vm.heap.get(v) {
        Some(Obj::Property(a, b, c)) => Ok((*a, *b, *c)),
        _ => Err(vm.type_error("expected a property")),
    }
}

native_fn!(PROPERTY_GETTER, "getter", 2, 2, |vm, a, _| {
    let (_, s, d) = property_parts(vm, a[0])?;
    vm.alloc(Obj::Property(a[1], s, d))
});
native_fn!(PROPERTY_SETTER, "setter", 2, 2, |vm, a, _| {
    let (g, _, d) = property_parts(vm, a[0])?;
    vm.alloc(Obj::Property(g, a[1], d))
});
native_fn!(PROPERTY_DELETER, "deleter", 2, 2, |vm, a, _| {
    let (g, s, _) = property_parts(vm, a[0])?;
    vm.alloc(Obj::Property(g, s, a[1]))
});

fn property_attr(vm: &mut Vm, obj: Value, name: Qstr) -> PyResult<Option<Value>> {
    let (g, s, d) = match vm.heap.get(obj) {
        Some(Obj::Property(g, s, d)) => (*g, *s, *d),
        _ => return Ok(None),
    };
    let none_if_null = |v: Value| if v.is_null() { Value::NONE } else { v };
    Ok(if name == q::FGET {
        Some(none_if_null(g))
    } else if name == q::FSET {
        Some(none_if_null(s))
    } else if name == q::FDEL {
        Some(none_if_null(d))
    } else {
        None
    })
}

fn one_arg(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if !kw.is_empty() {
        return Err(vm.type_error("function doesn't take keyword arguments"));
    }
    if a.len() != 2 {
        return Err(vm.type_error(&alloc::format!(
            "function takes 1 positional arguments but {} were given",
            a.len().saturating_sub(1)
        )));
    }
    Ok(a[1])
}

fn classmethod_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let f = one_arg(vm, a, kw)?;
    vm.alloc(Obj::ClassMethod(f))
}

fn staticmethod_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let f = one_arg(vm, a, kw)?;
    vm.alloc(Obj::StaticMethod(f))
}

/// `__func__` of classmethod/staticmethod objects.
fn wrapped_attr(vm: &mut Vm, obj: Value, name: Qstr) -> PyResult<Option<Value>> {
    if vm.qstrs.str(name) != "__func__" {
        return Ok(None);
    }
    Ok(match vm.heap.get(obj) {
        Some(Obj::ClassMethod(f)) | Some(Obj::StaticMethod(f)) => Some(*f),
        _ => None,
    })
}
