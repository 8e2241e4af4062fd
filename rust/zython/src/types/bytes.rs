//! `bytes` and `bytearray`.

use crate::statics::{StaticObj, TypeDef};
use crate::types::object::OBJECT;

/// The builtin type `bytes`.
pub static BYTES: StaticObj = StaticObj::Type(TypeDef {
    name: "bytes",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: true,
});

/// The builtin type `bytearray`.
pub static BYTEARRAY: StaticObj = StaticObj::Type(TypeDef {
    name: "bytearray",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: true,
});

use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// `fmt % args` for bytes.
pub fn percent_format(vm: &mut Vm, _fmt: Value, _args: Value) -> PyResult<Value> {
    Err(vm.new_exception(
        &crate::types::exceptions::NOT_IMPLEMENTED_ERROR,
        "bytes % formatting",
    ))
}
