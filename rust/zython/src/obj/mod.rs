//! Heap object layouts. Every Python object that is not an immediate is one [`Obj`] in the
//! collector's object table (see [`crate::gc`]).
//!
//! Objects refer to each other only through [`Value`]s, and every variant says in
//! [`Obj::trace`] which Values it holds, so the collector is precise.

pub mod dict;

use crate::qstr::Qstr;
use crate::statics::StaticObj;
use crate::types::bigint::BigInt;
use crate::value::Value;
use crate::vm::code::Code;
use crate::vm::frame::Frame;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::any::Any;
pub use dict::Dict;

/// A str object (text not interned). `hash` is computed when the string is made.
#[derive(Debug)]
pub struct Str {
    /// The UTF-8 text.
    pub s: Box<str>,
    /// The content hash (same as the qstr hash of equal text).
    pub hash: u32,
}

/// A Python function made by MAKE_FUNCTION/MAKE_CLOSURE.
#[derive(Debug)]
pub struct Function {
    /// Decoded code (immutable, shared by every function made from it).
    pub code: Rc<Code>,
    /// The module context: globals, qstr and constant tables.
    pub ctx: Value,
    /// Default positional values (a tuple) or NULL.
    pub defaults: Value,
    /// Keyword-only defaults (a dict) or NULL.
    pub kw_defaults: Value,
    /// Cells captured from enclosing scopes.
    pub closure: Box<[Value]>,
}

/// A module's run-time tables, shared by all its functions.
#[derive(Debug)]
pub struct Context {
    /// The module's globals (a dict object).
    pub globals: Value,
    /// Bytecode qstr operand -> interned name.
    pub qstrs: Rc<[Qstr]>,
    /// Bytecode constant operand -> object.
    pub consts: Box<[Value]>,
}

/// A user-defined class.
#[derive(Debug)]
pub struct Class {
    /// `__name__`.
    pub name: Qstr,
    /// Direct bases (classes or builtin types).
    pub bases: Box<[Value]>,
    /// Method resolution order, starting with the class itself.
    pub mro: Box<[Value]>,
    /// The class namespace.
    pub dict: Dict,
    /// The builtin type whose layout instances use (object, list, dict, an exception...).
    pub native_base: &'static StaticObj,
    /// The metaclass (a class or the `type` builtin).
    pub meta: Value,
}

/// An instance of a user-defined class.
#[derive(Debug)]
pub struct Instance {
    /// Its class.
    pub class: Value,
    /// Its attributes.
    pub dict: Dict,
    /// For subclasses of builtins (list, dict...): the builtin object holding the data; else NULL.
    pub base: Value,
}

/// One traceback line: file, line, function.
#[derive(Debug, Clone, Copy)]
pub struct TbEntry {
    /// Source file name.
    pub file: Qstr,
    /// 1-based line.
    pub line: u32,
    /// Function name.
    pub func: Qstr,
}

/// An exception instance (of a builtin exception type or a class derived from one).
#[derive(Debug)]
pub struct Exception {
    /// Its type: a builtin exception type or a user class.
    pub class: Value,
    /// `args` (a tuple).
    pub args: Value,
    /// Where it travelled, innermost last.
    pub traceback: Vec<TbEntry>,
    /// Extra attributes set by Python code (`e.x = 1`, subclass `__init__`).
    pub dict: Dict,
    /// `__cause__` (from `raise ... from ...`) or NULL.
    pub cause: Value,
    /// `__context__` or NULL.
    pub context: Value,
    /// A user subclass's `__init__` is still running and has not called the base
    /// `__init__`: raising it is a TypeError, as in MicroPython.
    pub incomplete: bool,
}

impl Exception {
    /// A fresh exception of `class` with `args` (a tuple), no traceback or attributes.
    pub fn new(class: Value, args: Value) -> Box<Exception> {
        Box::new(Exception {
            class,
            args,
            traceback: Vec::new(),
            dict: Dict::new(),
            cause: Value::NULL,
            context: Value::NULL,
            incomplete: false,
        })
    }
}

/// Run state of a generator or coroutine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenState {
    /// Made, not yet started.
    Created,
    /// Currently executing (re-entry is a ValueError).
    Running,
    /// Stopped at a yield.
    Suspended,
    /// Returned or raised.
    Finished,
}

/// A generator: a frame that outlives its call.
#[derive(Debug)]
pub struct Generator {
    /// The suspended frame (its value stack is saved in `stack`); None while running or finished.
    pub frame: Option<Frame>,
    /// Saved locals and value stack.
    pub stack: Vec<Value>,
    /// Run state.
    pub state: GenState,
    /// Made by `async def` (a coroutine)?
    pub is_coroutine: bool,
    /// The exception `pend_throw` set, thrown in at the next resume (None: nothing pending).
    pub pending: Value,
}

/// Builtin iterator states.
#[derive(Debug, Clone)]
pub enum Iter {
    /// Over a list, tuple, str (by char), bytes or bytearray, by index.
    Seq { seq: Value, pos: usize },
    /// Over a range.
    Range {
        cur: isize,
        stop: isize,
        step: isize,
    },
    /// Over a dict's keys (0), values (1) or items (2), or a set, by slot position.
    Dict { dict: Value, pos: usize, kind: u8 },
    /// `enumerate`.
    Enumerate { it: Value, n: Value },
    /// `zip` (iterators in a tuple).
    Zip { its: Value },
    /// `map(f, *iterables)` (iterators in a tuple).
    Map { f: Value, its: Value },
    /// `filter(f, it)`.
    Filter { f: Value, it: Value },
    /// `reversed(seq)` by index, counting down.
    Reversed { seq: Value, pos: usize },
    /// `iter(callable, sentinel)`.
    Call { f: Value, sentinel: Value },
    /// An object with `__getitem__` but no `__iter__`.
    GetItem { obj: Value, pos: usize },
}

/// Objects implemented outside the core VM (array, deque, StringIO...).
pub trait NativeObject: Any {
    /// Its builtin type.
    fn type_obj(&self) -> &'static StaticObj;
    /// Report every Value it holds.
    fn trace(&self, _out: &mut dyn FnMut(Value)) {}
    /// Approximate heap bytes it owns (for gc.mem_alloc()).
    fn bytes(&self) -> usize {
        0
    }
    /// For downcasting.
    fn as_any(&self) -> &dyn Any;
    /// For downcasting.
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl core::fmt::Debug for dyn NativeObject {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("<native object>")
    }
}

/// A heap object.
#[derive(Debug)]
pub enum Obj {
    /// An unused slot; holds the next free slot index.
    Free(u32),
    /// str.
    Str(Str),
    /// bytes.
    Bytes(Box<[u8]>),
    /// bytearray.
    ByteArray(Vec<u8>),
    /// int too big for a small int.
    BigInt(Box<BigInt>),
    /// float.
    Float(f64),
    /// complex (boxed: two inline f64s would make every slot 24 bytes on 32-bit targets
    /// instead of 16).
    Complex(Box<(f64, f64)>),
    /// tuple.
    Tuple(Box<[Value]>),
    /// list.
    List(Vec<Value>),
    /// dict.
    Dict(Box<Dict>),
    /// set (values unused).
    Set(Box<Dict>),
    /// frozenset.
    FrozenSet(Box<Dict>),
    /// range(start, stop, step).
    Range(isize, isize, isize),
    /// slice(start, stop, step), each possibly None.
    Slice(Value, Value, Value),
    /// A Python function.
    Function(Box<Function>),
    /// A closure cell.
    Cell(Value),
    /// A bound method: (function, self).
    BoundMethod(Value, Value),
    /// A generator or coroutine.
    Generator(Box<Generator>),
    /// A user class.
    Class(Box<Class>),
    /// An instance of a user class.
    Instance(Box<Instance>),
    /// A module: (name, globals dict).
    Module(Qstr, Value),
    /// An exception.
    Exception(Box<Exception>),
    /// A builtin iterator.
    Iter(Box<Iter>),
    /// property(fget, fset, fdel).
    Property(Value, Value, Value),
    /// classmethod(f).
    ClassMethod(Value),
    /// staticmethod(f).
    StaticMethod(Value),
    /// super(type, obj).
    Super(Value, Value),
    /// A module's run-time tables.
    Context(Box<Context>),
    /// Any other native object.
    Native(Box<dyn NativeObject>),
}

impl Obj {
    /// Report every Value this object holds (for the collector).
    pub fn trace(&self, out: &mut impl FnMut(Value)) {
        match self {
            Obj::Free(_)
            | Obj::Str(_)
            | Obj::Bytes(_)
            | Obj::ByteArray(_)
            | Obj::BigInt(_)
            | Obj::Float(_)
            | Obj::Complex(..)
            | Obj::Range(..) => {}
            Obj::Tuple(v) => v.iter().for_each(|&x| out(x)),
            Obj::List(v) => v.iter().for_each(|&x| out(x)),
            Obj::Dict(d) | Obj::Set(d) | Obj::FrozenSet(d) => d.trace(out),
            Obj::Slice(a, b, c) | Obj::Property(a, b, c) => {
                out(*a);
                out(*b);
                out(*c);
            }
            Obj::Function(f) => {
                out(f.ctx);
                out(f.defaults);
                out(f.kw_defaults);
                f.closure.iter().for_each(|&x| out(x));
            }
            Obj::Cell(v) | Obj::ClassMethod(v) | Obj::StaticMethod(v) => out(*v),
            Obj::BoundMethod(a, b) | Obj::Super(a, b) => {
                out(*a);
                out(*b);
            }
            Obj::Generator(g) => {
                if let Some(f) = &g.frame {
                    f.trace(out);
                }
                g.stack.iter().for_each(|&x| out(x));
                out(g.pending);
            }
            Obj::Class(c) => {
                c.bases.iter().for_each(|&x| out(x));
                c.mro.iter().for_each(|&x| out(x));
                c.dict.trace(out);
                out(c.meta);
            }
            Obj::Instance(i) => {
                out(i.class);
                i.dict.trace(out);
                out(i.base);
            }
            Obj::Module(_, g) => out(*g),
            Obj::Exception(e) => {
                out(e.class);
                out(e.args);
                e.dict.trace(out);
                out(e.cause);
                out(e.context);
            }
            Obj::Iter(it) => match &**it {
                Iter::Seq { seq, .. } | Iter::Reversed { seq, .. } => out(*seq),
                Iter::Range { .. } => {}
                Iter::Dict { dict, .. } => out(*dict),
                Iter::Enumerate { it, n } => {
                    out(*it);
                    out(*n);
                }
                Iter::Zip { its } => out(*its),
                Iter::Map { f, its } => {
                    out(*f);
                    out(*its);
                }
                Iter::Filter { f, it } => {
                    out(*f);
                    out(*it);
                }
                Iter::Call { f, sentinel } => {
                    out(*f);
                    out(*sentinel);
                }
                Iter::GetItem { obj, .. } => out(*obj),
            },
            Obj::Context(c) => {
                out(c.globals);
                c.consts.iter().for_each(|&x| out(x));
            }
            Obj::Native(n) => n.trace(out),
        }
    }

    /// Approximate heap bytes owned beyond the table slot (for gc.mem_alloc()).
    pub fn extra_bytes(&self) -> usize {
        use core::mem::size_of;
        match self {
            Obj::Str(s) => s.s.len(),
            Obj::Bytes(b) => b.len(),
            Obj::ByteArray(b) => b.capacity(),
            Obj::BigInt(b) => size_of::<BigInt>() + (b.bits() as usize).div_ceil(8),
            Obj::Tuple(v) => v.len() * size_of::<Value>(),
            Obj::List(v) => v.capacity() * size_of::<Value>(),
            Obj::Dict(d) | Obj::Set(d) | Obj::FrozenSet(d) => size_of::<Dict>() + d.bytes(),
            Obj::Function(f) => size_of::<Function>() + f.closure.len() * size_of::<Value>(),
            Obj::Generator(g) => size_of::<Generator>() + g.stack.capacity() * size_of::<Value>(),
            Obj::Class(c) => size_of::<Class>() + c.dict.bytes(),
            Obj::Instance(i) => size_of::<Instance>() + i.dict.bytes(),
            Obj::Exception(e) => {
                size_of::<Exception>() + e.traceback.capacity() * size_of::<TbEntry>()
            }
            Obj::Iter(_) => size_of::<Iter>(),
            Obj::Context(c) => size_of::<Context>() + c.consts.len() * size_of::<Value>(),
            Obj::Native(n) => n.bytes(),
            _ => 0,
        }
    }
}

#[cfg(test)]
mod size_tests {
    #[test]
    fn object_slot_stays_small() {
        // One table slot per object: keep it at four words (32 bytes on 64-bit hosts).
        assert!(core::mem::size_of::<super::Obj>() <= 4 * core::mem::size_of::<usize>());
    }
}

// Every heap object costs one slot of this size: keep it at four words on 32-bit targets
// (box large rare variants instead of growing it).
#[cfg(target_pointer_width = "32")]
const _: () = assert!(core::mem::size_of::<Obj>() == 16);
