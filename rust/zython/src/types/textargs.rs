//! Argument helpers for the text and number builtins (keywords by text, positional-or-keyword).

use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Positional argument `i` if given, else keyword `name`, else None; TypeError for an
/// unknown keyword.
pub fn arg_or_kw(
    vm: &mut Vm,
    args: &[Value],
    i: usize,
    kw: &[(Value, Value)],
    name: &str,
) -> Option<Value> {
    let args = &crate::statics::Args(args);
    if let Some(&v) = args.get(i) {
        return Some(v);
    }
    kw_get(vm, kw, name)
}

/// The value of keyword argument `name`, if passed.
pub fn kw_get(vm: &Vm, kw: &[(Value, Value)], name: &str) -> Option<Value> {
    kw.iter()
        .find(|(k, _)| vm.str_data(*k) == Some(name))
        .map(|&(_, v)| v)
}

/// TypeError unless every keyword in `kw` is one of `allowed`.
pub fn check_kw(vm: &mut Vm, kw: &[(Value, Value)], allowed: &[&str]) -> PyResult<()> {
    for &(k, _) in kw {
        let ok = vm.str_data(k).is_some_and(|s| allowed.contains(&s));
        if !ok {
            return Err(vm.type_error("unexpected keyword argument"));
        }
    }
    Ok(())
}

/// The builtin value inside an instance of a user subclass (or the value itself).
#[inline]
pub fn unwrap_self(vm: &Vm, v: Value) -> Value {
    vm.native_base_value(v).unwrap_or(v)
}
