//! `object`, `type` and `super`.

use crate::statics::{StaticObj, TypeDef};

/// The builtin type `object`.
pub static OBJECT: StaticObj = StaticObj::Type(TypeDef {
    name: "object",
    base: None,
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: true,
});

/// The builtin type `type`.
pub static TYPE: StaticObj = StaticObj::Type(TypeDef {
    name: "type",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: true,
});

/// The builtin type `super`.
pub static SUPER: StaticObj = StaticObj::Type(TypeDef {
    name: "super",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: false,
});
