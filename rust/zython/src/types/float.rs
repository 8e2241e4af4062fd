//! `float` and `complex`.

use crate::statics::{StaticObj, TypeDef};
use crate::types::object::OBJECT;

/// The builtin type `float`.
pub static FLOAT: StaticObj = StaticObj::Type(TypeDef {
    name: "float",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: true,
});

/// The builtin type `complex`.
pub static COMPLEX: StaticObj = StaticObj::Type(TypeDef {
    name: "complex",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: false,
});
