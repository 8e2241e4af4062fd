//! Small helpers shared by native methods: keyword arguments and the builtin object behind
//! `self` for instances of user subclasses of builtin types.

use crate::obj::Obj;
use crate::qstr::Qstr;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::format;

/// Does keyword name `k` (a qstr or a str object) spell `name`?
pub fn kw_is(vm: &Vm, k: Value, name: Qstr) -> bool {
    match k.as_qstr() {
        Some(q) => q == name,
        None => vm.str_data(k) == Some(vm.qstrs.str(name)),
    }
}

/// The value passed for keyword `name`, if any.
pub fn kwarg(vm: &Vm, kw: &[(Value, Value)], name: Qstr) -> Option<Value> {
    kw.iter()
        .find(|(k, _)| kw_is(vm, *k, name))
        .map(|&(_, v)| v)
}

/// TypeError unless every keyword is one of `allowed`.
pub fn check_kw(vm: &mut Vm, kw: &[(Value, Value)], allowed: &[Qstr]) -> PyResult<()> {
    for &(k, _) in kw {
        if !allowed.iter().any(|&a| kw_is(vm, k, a)) {
            let n = alloc::string::String::from(vm.str_data(k).unwrap_or("?"));
            return Err(vm.type_error(&format!("unexpected keyword argument '{}'", n)));
        }
    }
    Ok(())
}

/// The builtin object a method works on: the native base of a subclass instance, else `v`.
#[inline]
pub fn base(vm: &Vm, v: Value) -> Value {
    vm.native_base_value(v).unwrap_or(v)
}

/// Is `v` (or its native base) a list?
pub fn is_list(vm: &Vm, v: Value) -> bool {
    matches!(vm.heap.get(v), Some(Obj::List(_)))
}

/// The builtin object behind `v` if it is of the layout `pred` accepts, else a TypeError
/// naming the expected type.
pub fn expect(vm: &mut Vm, v: Value, what: &str, pred: fn(&Obj) -> bool) -> PyResult<Value> {
    let b = base(vm, v);
    match vm.heap.get(b) {
        Some(o) if pred(o) => Ok(b),
        _ => {
            let msg = format!("descriptor requires a '{}' object", what);
            Err(vm.type_error(&msg))
        }
    }
}
