//! Builtin functions (`len`, `isinstance`, `next`...).

use crate::native_fn;
use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::statics::{StaticObj, VAR_ARGS};
use crate::types::{self, exceptions as ex};
use crate::value::Value;
use crate::vm::call::GenResult;
use crate::vm::{PyErr, PyResult, Vm};

native_fn!(LEN, "len", 1, 1, |vm, a, _| {
    let n = vm.len(a[0])?;
    vm.new_int(n as i64)
});
native_fn!(REPR, "repr", 1, 1, |vm, a, _| vm.repr(a[0]));
native_fn!(ID, "id", 1, 1, |vm, a, _| vm
    .new_int((a[0].bits() >> 1) as i64));
native_fn!(HASH, "hash", 1, 1, |vm, a, _| {
    let h = vm.hash(a[0])?;
    Ok(Value::small_int(h as isize))
});
native_fn!(CALLABLE, "callable", 1, 1, |vm, a, _| Ok(Value::bool(
    is_callable(vm, a[0])
)));
native_fn!(ISINSTANCE, "isinstance", 2, 2, |vm, a, _| {
    let r = check_types(vm, a[1], &mut |vm, t| vm.isinstance(a[0], t))?;
    Ok(Value::bool(r))
});
native_fn!(ISSUBCLASS, "issubclass", 2, 2, |vm, a, _| {
    if !vm.is_class_like(a[0]) {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    let r = check_types(vm, a[1], &mut |vm, t| vm.is_subclass(a[0], t))?;
    Ok(Value::bool(r))
});
native_fn!(ITER, "iter", 1, 2, |vm, a, _| {
    if a.len() == 2 {
        return vm.alloc(Obj::Iter(alloc::boxed::Box::new(crate::obj::Iter::Call {
            f: a[0],
            sentinel: a[1],
        })));
    }
    vm.get_iter(a[0])
});
native_fn!(NEXT, "next", 1, 2, next);
native_fn!(GETATTR, "getattr", 2, 3, |vm, a, _| {
    let name = attr_name(vm, a[1])?;
    match vm.getattr(a[0], name) {
        Ok(v) => Ok(v),
        Err(e) if a.len() == 3 && vm.exc_is(e.0, &ex::ATTRIBUTE_ERROR) => Ok(a[2]),
        Err(e) => Err(e),
    }
});
native_fn!(SETATTR, "setattr", 3, 3, |vm, a, _| {
    let name = attr_name(vm, a[1])?;
    vm.setattr(a[0], name, a[2])?;
    Ok(Value::NONE)
});
native_fn!(DELATTR, "delattr", 2, 2, |vm, a, _| {
    let name = attr_name(vm, a[1])?;
    vm.delattr(a[0], name)?;
    Ok(Value::NONE)
});
native_fn!(HASATTR, "hasattr", 2, 2, |vm, a, _| {
    let name = attr_name(vm, a[1])?;
    match vm.getattr(a[0], name) {
        Ok(_) => Ok(Value::TRUE),
        Err(e) if vm.exc_is(e.0, &ex::ATTRIBUTE_ERROR) => Ok(Value::FALSE),
        Err(e) => Err(e),
    }
});
native_fn!(GLOBALS, "globals", 0, 0, |vm, _, _| Ok(vm
    .frames
    .last()
    .map(|f| f.globals)
    .unwrap_or(vm.main_globals)));
native_fn!(LOCALS, "locals", 0, 0, |vm, _, _| Ok(vm
    .frames
    .last()
    .map(|f| f.locals)
    .unwrap_or(vm.main_globals)));
native_fn!(ABS, "abs", 1, 1, |vm, a, _| vm
    .unary_op(crate::bytecode::op::UNARY_ABS, a[0]));

fn attr_name(vm: &mut Vm, v: Value) -> PyResult<Qstr> {
    if !vm.is_str(v) {
        return Err(vm.type_error("attribute name must be string"));
    }
    vm.to_qstr(v)
}

fn check_types(vm: &mut Vm, t: Value, f: &mut dyn FnMut(&mut Vm, Value) -> bool) -> PyResult<bool> {
    if let Some(Obj::Tuple(items)) = vm.heap.get(t) {
        let items = items.to_vec();
        for x in items {
            if check_types(vm, x, f)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if !vm.is_class_like(t) {
        return Err(vm.type_error("isinstance() arg 2 must be a class or a tuple of classes"));
    }
    Ok(f(vm, t))
}

/// Can `v` be called?
pub fn is_callable(vm: &mut Vm, v: Value) -> bool {
    if let Some(s) = v.as_static() {
        return matches!(s, StaticObj::Fn(_) | StaticObj::Type(_));
    }
    match vm.heap.get(v) {
        Some(Obj::Function(_)) | Some(Obj::BoundMethod(..)) | Some(Obj::Class(_)) => true,
        Some(Obj::Instance(_)) | Some(Obj::Native(_)) => {
            let t = types::type_of(vm, v);
            vm.lookup_class_attr(t, q::__CALL__).is_some()
        }
        _ => false,
    }
}

/// `next(it[, default])`.
fn next(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let it = a[0];
    let r = match vm.heap.get(it) {
        Some(Obj::Generator(_)) => match vm.gen_resume(it, Value::NONE, Value::NULL)? {
            GenResult::Yield(v) => return Ok(v),
            GenResult::Return(v) => {
                if a.len() == 2 {
                    return Ok(a[1]);
                }
                return Err(if v == Value::NONE {
                    vm.new_exception(&ex::STOP_ITERATION, "")
                } else {
                    vm.new_exception_args(&ex::STOP_ITERATION, &[v])
                });
            }
        },
        Some(Obj::Iter(_)) => vm.iter_next(it),
        Some(Obj::Instance(_)) | Some(Obj::Native(_)) => match vm.call_method(it, q::__NEXT__, &[])
        {
            Ok(v) => Ok(Some(v)),
            Err(e) if a.len() == 2 && vm.exc_is(e.0, &ex::STOP_ITERATION) => return Ok(a[1]),
            Err(e) => Err(e),
        },
        _ => return Err(vm.type_error_for("", it, " object isn't an iterator")),
    }?;
    match r {
        Some(v) => Ok(v),
        None if a.len() == 2 => Ok(a[1]),
        None => Err(stop_iteration(vm)),
    }
}

/// A fresh StopIteration.
pub fn stop_iteration(vm: &mut Vm) -> PyErr {
    vm.new_exception(&ex::STOP_ITERATION, "")
}

/// Builtin functions put into the builtins module at start-up (name, function).
pub static FUNCTIONS: &[(Qstr, &StaticObj)] = &[
    (q::LEN, &LEN),
    (q::REPR, &REPR),
    (q::ID, &ID),
    (q::HASH, &HASH),
    (q::CALLABLE, &CALLABLE),
    (q::ISINSTANCE, &ISINSTANCE),
    (q::ISSUBCLASS, &ISSUBCLASS),
    (q::ITER, &ITER),
    (q::NEXT, &NEXT),
    (q::GETATTR, &GETATTR),
    (q::SETATTR, &SETATTR),
    (q::DELATTR, &DELATTR),
    (q::HASATTR, &HASATTR),
    (q::GLOBALS, &GLOBALS),
    (q::LOCALS, &LOCALS),
    (q::ABS, &ABS),
    (q::OPEN, &crate::modules::io::OPEN),
];

#[allow(dead_code)]
const _: u8 = VAR_ARGS;
