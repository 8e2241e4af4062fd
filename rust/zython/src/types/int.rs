//! `int` and `bool`.

use crate::statics::{StaticObj, TypeDef};
use crate::types::object::OBJECT;

/// The builtin type `int`.
pub static INT: StaticObj = StaticObj::Type(TypeDef {
    name: "int",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: true,
});

/// The builtin type `bool`.
pub static BOOL: StaticObj = StaticObj::Type(TypeDef {
    name: "bool",
    base: Some(&INT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: false,
});
