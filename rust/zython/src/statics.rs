//! Objects that live in flash: builtin functions, builtin types and builtin modules.
//!
//! They are `static` items described by tables, like MicroPython's ROM objects, and are
//! referenced by a [`Value`](crate::value::Value) carrying their address. They hold no
//! heap references, so the collector never looks at them.

use crate::qstr::Qstr;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The signature of every native function: positional args, then keyword (name, value) pairs.
pub type NativeFn = fn(&mut Vm, &[Value], &[(Value, Value)]) -> PyResult<Value>;

/// A builtin object in flash.
#[repr(align(8))]
pub enum StaticObj {
    /// A builtin function or method.
    Fn(BuiltinFn),
    /// A builtin type (int, list, ValueError...); by reference so every static object is
    /// as small as a function's (16 bytes on 32-bit targets).
    Type(&'static TypeDef),
    /// A builtin module (sys, gc...), by reference for the same reason.
    Module(&'static ModuleDef),
}

/// Marker for "any number of arguments" in [`BuiltinFn::max`].
pub const VAR_ARGS: u8 = 255;

/// A native function with its arity (checked before the call, with MicroPython's messages).
pub struct BuiltinFn {
    /// The name shown in reprs and errors.
    pub name: &'static str,
    /// Fewest positional arguments (including `self` for methods).
    pub min: u8,
    /// Most positional arguments, or [`VAR_ARGS`].
    pub max: u8,
    /// Whether keyword arguments are accepted (else passing one is a TypeError).
    pub kw: bool,
    /// Binds `self` even when stored in a class namespace (methods of classes the interpreter
    /// makes at run time, like namedtuples); other builtins there act as staticmethods.
    pub method: bool,
    /// The code.
    pub f: NativeFn,
}

/// What a name in a type's or module's table stands for.
#[derive(Clone, Copy)]
pub enum Attr {
    /// A function; on a type, looked up from an instance it binds like a method.
    Fn(&'static StaticObj),
    /// A classmethod of a builtin type (e.g. `dict.fromkeys`).
    ClassMethod(&'static StaticObj),
    /// A staticmethod of a builtin type (e.g. `str.maketrans`).
    StaticMethod(&'static StaticObj),
    /// Another static object (a type or module) as a plain attribute.
    Obj(&'static StaticObj),
    /// An integer constant (machine-word sized, to keep attribute tables small in flash).
    Int(isize),
    /// A float constant (by reference, to keep attribute tables small in flash).
    Float(&'static f64),
    /// A string constant (through a thin reference: table entries stay at 12 bytes).
    Str(&'static &'static str),
    /// None.
    None,
}

/// Extra attribute hook for a builtin type (e.g. `complex.real`, `exc.args`): `Ok(None)` = not found.
pub type AttrHook = fn(&mut Vm, Value, Qstr) -> PyResult<Option<Value>>;

/// A builtin type.
pub struct TypeDef {
    /// `__name__`.
    pub name: &'static str,
    /// The base type (None only for `object`).
    pub base: Option<&'static StaticObj>,
    /// Methods and class attributes, looked up by name.
    pub attrs: &'static [(Qstr, Attr)],
    /// Called as `type(*args, **kw)`: the constructor. Receives the type itself as `args[0]`.
    pub make_new: Option<NativeFn>,
    /// Instance attributes computed on access.
    pub attr_hook: Option<AttrHook>,
    /// May Python classes derive from it?
    pub subclassable: bool,
}

/// A builtin module.
pub struct ModuleDef {
    /// The import name.
    pub name: &'static str,
    /// Constant attributes.
    pub attrs: &'static [(Qstr, Attr)],
    /// Fills in run-time attributes (lists, files...) into the new module's globals dict.
    pub init: Option<fn(&mut Vm, Value) -> PyResult<()>>,
}

impl core::fmt::Debug for StaticObj {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            StaticObj::Fn(x) => write!(f, "<fn {}>", x.name),
            StaticObj::Type(x) => write!(f, "<type {}>", x.name),
            StaticObj::Module(x) => write!(f, "<module {}>", x.name),
        }
    }
}

impl StaticObj {
    /// The type definition, if this is a type.
    pub fn as_type(&self) -> Option<&TypeDef> {
        match self {
            StaticObj::Type(t) => Some(t),
            _ => None,
        }
    }

    /// The function, if this is one.
    pub fn as_fn(&self) -> Option<&BuiltinFn> {
        match self {
            StaticObj::Fn(f) => Some(f),
            _ => None,
        }
    }
}

/// Look `name` up in a static attribute table.
#[inline]
pub fn find_attr(table: &'static [(Qstr, Attr)], name: Qstr) -> Option<Attr> {
    table.iter().find(|(q, _)| *q == name).map(|(_, a)| *a)
}

/// Same object? (Compare static objects by address.)
#[inline]
pub fn same(a: &'static StaticObj, b: &'static StaticObj) -> bool {
    core::ptr::eq(a, b)
}

/// A builtin's positional arguments. The caller has checked the count against `min`/`max`,
/// so `a[i]` below `min` is in range; an out-of-range index goes to one shared cold failure
/// instead of a panic location and bounds-check call at every site.
#[derive(Clone, Copy)]
pub struct Args<'a>(pub &'a [Value]);

impl core::ops::Deref for Args<'_> {
    type Target = [Value];
    #[inline(always)]
    fn deref(&self) -> &[Value] {
        self.0
    }
}

impl core::ops::Index<usize> for Args<'_> {
    type Output = Value;
    #[inline(always)]
    fn index(&self, i: usize) -> &Value {
        match self.0.get(i) {
            Some(v) => v,
            None => args_fault(),
        }
    }
}

impl<'a> IntoIterator for &Args<'a> {
    type Item = &'a Value;
    type IntoIter = core::slice::Iter<'a, Value>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

macro_rules! args_range_index {
    ($($r:ty),*) => {$(
        impl core::ops::Index<$r> for Args<'_> {
            type Output = [Value];
            #[inline(always)]
            fn index(&self, r: $r) -> &[Value] {
                match self.0.get(r) {
                    Some(v) => v,
                    None => args_fault(),
                }
            }
        }
    )*};
}
args_range_index!(
    core::ops::RangeFrom<usize>,
    core::ops::Range<usize>,
    core::ops::RangeTo<usize>
);

#[cold]
#[inline(never)]
fn args_fault() -> ! {
    panic!("zython: builtin argument index out of range")
}

/// Define a builtin function: `native_fn!(NAME, "name", min, max, func)` (positional only)
/// or `native_fn!(NAME, "name", min, max, func, kw)` (also takes keyword arguments). A last
/// `method` marks a method of a class made at run time (see [`BuiltinFn::method`]).
#[macro_export]
macro_rules! native_fn {
    // A closure body sees its positional arguments as `&Args`: indexing them does not
    // leave a panic location per site (see `Args`).
    ($id:ident, $name:expr, $min:expr, $max:expr, |$vm:pat_param, $a:ident, $kw:pat_param| $body:expr) => {
        $crate::native_fn!(
            $id,
            $name,
            $min,
            $max,
            |$vm, args: &[$crate::value::Value], $kw| {
                let $a = &$crate::statics::Args(args);
                $body
            }
        );
    };
    ($id:ident, $name:expr, $min:expr, $max:expr, |$vm:pat_param, $a:ident, $kw:pat_param| $body:expr, kw) => {
        $crate::native_fn!(
            $id,
            $name,
            $min,
            $max,
            |$vm, args: &[$crate::value::Value], $kw| {
                let $a = &$crate::statics::Args(args);
                $body
            },
            kw
        );
    };
    ($id:ident, $name:expr, $min:expr, $max:expr, $f:expr) => {
        $crate::native_fn!(@ $id, $name, $min, $max, $f, false, false);
    };
    ($id:ident, $name:expr, $min:expr, $max:expr, $f:expr, kw) => {
        $crate::native_fn!(@ $id, $name, $min, $max, $f, true, false);
    };
    ($id:ident, $name:expr, $min:expr, $max:expr, $f:expr, method) => {
        $crate::native_fn!(@ $id, $name, $min, $max, $f, false, true);
    };
    ($id:ident, $name:expr, $min:expr, $max:expr, $f:expr, kw, method) => {
        $crate::native_fn!(@ $id, $name, $min, $max, $f, true, true);
    };
    (@ $id:ident, $name:expr, $min:expr, $max:expr, $f:expr, $kw:expr, $method:expr) => {
        #[doc = concat!("Builtin `", $name, "`.")]
        pub static $id: $crate::statics::StaticObj =
            $crate::statics::StaticObj::Fn($crate::statics::BuiltinFn {
                name: $name,
                min: $min,
                max: $max,
                kw: $kw,
                method: $method,
                f: $f,
            });
    };
}
