//! The builtin exception hierarchy (MicroPython's set).
//!
//! Exception instances are `Obj::Exception`; user classes may derive from any of these.

use crate::statics::{Attr, StaticObj, TypeDef};
use crate::types::object::OBJECT;

macro_rules! exc_type {
    ($name:ident, $text:expr, $base:expr) => {
        #[doc = concat!("The builtin exception `", $text, "`.")]
        pub static $name: StaticObj = StaticObj::Type(&TypeDef {
            name: $text,
            base: Some($base),
            attrs: EXC_ATTRS,
            make_new: Some(crate::vm::exc::exception_make_new),
            attr_hook: Some(crate::vm::exc::exception_attr),
            subclassable: true,
        });
    };
}

crate::native_fn!(
    EXC_INIT,
    "__init__",
    1,
    crate::statics::VAR_ARGS,
    crate::vm::exc::exception_init
);
static EXC_ATTRS: &[(crate::qstr::Qstr, Attr)] = &[(crate::qstr::q::__INIT__, Attr::Fn(&EXC_INIT))];

exc_type!(BASE_EXCEPTION, "BaseException", &OBJECT);
exc_type!(SYSTEM_EXIT, "SystemExit", &BASE_EXCEPTION);
exc_type!(KEYBOARD_INTERRUPT, "KeyboardInterrupt", &BASE_EXCEPTION);
exc_type!(GENERATOR_EXIT, "GeneratorExit", &BASE_EXCEPTION);
exc_type!(EXCEPTION, "Exception", &BASE_EXCEPTION);
exc_type!(STOP_ITERATION, "StopIteration", &EXCEPTION);
exc_type!(STOP_ASYNC_ITERATION, "StopAsyncIteration", &EXCEPTION);
exc_type!(ARITHMETIC_ERROR, "ArithmeticError", &EXCEPTION);
exc_type!(OVERFLOW_ERROR, "OverflowError", &ARITHMETIC_ERROR);
exc_type!(ZERO_DIVISION_ERROR, "ZeroDivisionError", &ARITHMETIC_ERROR);
exc_type!(ASSERTION_ERROR, "AssertionError", &EXCEPTION);
exc_type!(ATTRIBUTE_ERROR, "AttributeError", &EXCEPTION);
exc_type!(EOF_ERROR, "EOFError", &EXCEPTION);
exc_type!(IMPORT_ERROR, "ImportError", &EXCEPTION);
exc_type!(LOOKUP_ERROR, "LookupError", &EXCEPTION);
exc_type!(INDEX_ERROR, "IndexError", &LOOKUP_ERROR);
exc_type!(KEY_ERROR, "KeyError", &LOOKUP_ERROR);
exc_type!(MEMORY_ERROR, "MemoryError", &EXCEPTION);
exc_type!(NAME_ERROR, "NameError", &EXCEPTION);
exc_type!(OS_ERROR, "OSError", &EXCEPTION);
exc_type!(RUNTIME_ERROR, "RuntimeError", &EXCEPTION);
exc_type!(NOT_IMPLEMENTED_ERROR, "NotImplementedError", &RUNTIME_ERROR);
exc_type!(SYNTAX_ERROR, "SyntaxError", &EXCEPTION);
exc_type!(INDENTATION_ERROR, "IndentationError", &SYNTAX_ERROR);
exc_type!(TYPE_ERROR, "TypeError", &EXCEPTION);
exc_type!(VALUE_ERROR, "ValueError", &EXCEPTION);
exc_type!(UNICODE_ERROR, "UnicodeError", &VALUE_ERROR);
exc_type!(ASYNCIO_CANCELLED_ERROR, "CancelledError", &BASE_EXCEPTION);

/// Every builtin exception type, for the builtins module.
pub static ALL: &[&StaticObj] = &[
    &BASE_EXCEPTION,
    &SYSTEM_EXIT,
    &KEYBOARD_INTERRUPT,
    &GENERATOR_EXIT,
    &EXCEPTION,
    &STOP_ITERATION,
    &STOP_ASYNC_ITERATION,
    &ARITHMETIC_ERROR,
    &OVERFLOW_ERROR,
    &ZERO_DIVISION_ERROR,
    &ASSERTION_ERROR,
    &ATTRIBUTE_ERROR,
    &EOF_ERROR,
    &IMPORT_ERROR,
    &LOOKUP_ERROR,
    &INDEX_ERROR,
    &KEY_ERROR,
    &MEMORY_ERROR,
    &NAME_ERROR,
    &OS_ERROR,
    &RUNTIME_ERROR,
    &NOT_IMPLEMENTED_ERROR,
    &SYNTAX_ERROR,
    &INDENTATION_ERROR,
    &TYPE_ERROR,
    &VALUE_ERROR,
    &UNICODE_ERROR,
];
