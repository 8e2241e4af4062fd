//! `str`.

use crate::statics::{StaticObj, TypeDef};
use crate::types::object::OBJECT;

/// The builtin type `str`.
pub static STR: StaticObj = StaticObj::Type(TypeDef {
    name: "str",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: true,
});

use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// `fmt % args` for str.
pub fn percent_format(vm: &mut Vm, _fmt: Value, _args: Value) -> PyResult<Value> {
    Err(vm.new_exception(
        &crate::types::exceptions::NOT_IMPLEMENTED_ERROR,
        "str % formatting",
    ))
}
