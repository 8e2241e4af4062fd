//! `tuple`.

use crate::statics::{StaticObj, TypeDef};
use crate::types::object::OBJECT;

/// The builtin type `tuple`.
pub static TUPLE: StaticObj = StaticObj::Type(TypeDef {
    name: "tuple",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: true,
});
