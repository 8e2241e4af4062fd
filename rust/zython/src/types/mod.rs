//! Builtin types: one file per type family, each defining its `static` [`StaticObj::Type`]
//! with its method table. This module maps any value to its type.

pub mod args;
pub mod bigint;
pub mod bytes;
pub mod code;
pub mod codec;
pub mod dict;
pub mod dict_view;
pub mod exceptions;
pub mod float;
pub mod float_fmt;
pub mod float_parse;
pub mod format;
pub mod function;
pub mod int;
pub mod list;
pub mod memoryview;
pub mod misc;
pub mod object;
pub mod percent;
pub mod set;
pub mod sort;
pub mod str;
pub mod strops;
pub mod textargs;
pub mod tuple;

pub use crate::builtins;

use crate::obj::{Iter, Obj};
use crate::statics::StaticObj;
use crate::value::Value;
use crate::vm::Vm;

/// Declare a builtin type with no constructor and no methods (internal object kinds).
#[macro_export]
macro_rules! simple_type {
    ($name:ident, $text:expr) => {
        #[doc = concat!("The builtin type `", $text, "`.")]
        pub static $name: $crate::statics::StaticObj =
            $crate::statics::StaticObj::Type(&$crate::statics::TypeDef {
                name: $text,
                base: Some(&$crate::types::object::OBJECT),
                attrs: &[],
                make_new: None,
                attr_hook: None,
                subclassable: false,
            });
    };
}

/// The type of `v`: a static type or a user class value.
pub fn type_of(vm: &Vm, v: Value) -> Value {
    match vm.heap.get(v) {
        Some(Obj::Instance(i)) => return i.class,
        Some(Obj::Exception(e)) => return e.class,
        Some(Obj::Class(c)) => return c.meta,
        _ => {}
    }
    Value::from_static(static_type_of(vm, v).unwrap_or(&object::OBJECT))
}

/// The builtin type of `v` (for instances of user classes: their native base layout).
pub fn static_type_of(vm: &Vm, v: Value) -> Option<&'static StaticObj> {
    if v.is_small_int() {
        return Some(&int::INT);
    }
    if v.is_qstr() {
        return Some(&str::STR);
    }
    if let Some(s) = v.as_static() {
        return Some(match s {
            StaticObj::Fn(_) => &function::BUILTIN_FUNCTION,
            StaticObj::Type(_) => &object::TYPE,
            StaticObj::Module(_) => &misc::MODULE,
        });
    }
    if v == Value::NONE {
        return Some(&misc::NONE_TYPE);
    }
    if v.is_bool() {
        return Some(&int::BOOL);
    }
    if v == Value::ELLIPSIS {
        return Some(&misc::ELLIPSIS_TYPE);
    }
    if v == Value::NOT_IMPLEMENTED {
        return Some(&misc::NOT_IMPLEMENTED_TYPE);
    }
    Some(match vm.heap.get(v)? {
        Obj::Free(_) => return None,
        Obj::Str(_) => &str::STR,
        Obj::Bytes(_) => &bytes::BYTES,
        Obj::ByteArray(_) => &bytes::BYTEARRAY,
        Obj::BigInt(_) => &int::INT,
        Obj::Float(_) => &float::FLOAT,
        Obj::Complex(..) => &float::COMPLEX,
        Obj::Tuple(_) => &tuple::TUPLE,
        Obj::List(_) => &list::LIST,
        Obj::Dict(_) => &dict::DICT,
        Obj::Set(_) => &dict::SET,
        Obj::FrozenSet(_) => &dict::FROZENSET,
        Obj::Range(..) => &misc::RANGE,
        Obj::Slice(..) => &misc::SLICE,
        Obj::Function(f) => {
            if f.code.is_generator() {
                &function::GENERATOR_FUNCTION
            } else {
                &function::FUNCTION
            }
        }
        Obj::Cell(_) => &function::CELL,
        Obj::BoundMethod(..) => &function::BOUND_METHOD,
        Obj::Generator(_) => &function::GENERATOR,
        Obj::Class(_) => &object::TYPE,
        Obj::Instance(_) => &object::OBJECT,
        Obj::Module(..) => &misc::MODULE,
        Obj::Exception(_) => &exceptions::EXCEPTION,
        Obj::Iter(it) => match &**it {
            Iter::Enumerate { .. } => &misc::ENUMERATE,
            Iter::Zip { .. } => &misc::ZIP,
            Iter::Map { .. } => &misc::MAP,
            Iter::Filter { .. } => &misc::FILTER,
            Iter::Reversed { .. } => &misc::REVERSED,
            _ => &misc::ITERATOR,
        },
        Obj::Property(..) => &function::PROPERTY,
        Obj::ClassMethod(_) => &function::CLASSMETHOD,
        Obj::StaticMethod(_) => &function::STATICMETHOD,
        Obj::Super(..) => &object::SUPER,
        Obj::Context(_) => &misc::ITERATOR,
        Obj::Native(n) => n.type_obj(),
    })
}

/// Is static type `t` the same as or derived from static type `base`?
pub fn static_is_sub(t: &'static StaticObj, base: &'static StaticObj) -> bool {
    let mut cur = Some(t);
    let mut n = 0;
    while let Some(c) = cur {
        if core::ptr::eq(c, base) {
            return true;
        }
        n += 1;
        if n > 64 {
            return false;
        }
        cur = c.as_type().and_then(|td| td.base);
    }
    false
}

/// The `__name__` of a type value (static or class).
pub fn type_name(vm: &Vm, t: Value) -> &str {
    if let Some(StaticObj::Type(td)) = t.as_static() {
        return td.name;
    }
    match vm.heap.get(t) {
        Some(Obj::Class(c)) => vm.qstrs.str(c.name),
        _ => "?",
    }
}
