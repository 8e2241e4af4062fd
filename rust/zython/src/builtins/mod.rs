//! The `builtins` module: builtin functions and the names of the builtin types.
//!
//! Functions that need the VM's internals (`__build_class__`, `super`, `print`) live here;
//! type constructors live with their types under `types/`.

pub mod functions;
#[cfg(feature = "modules-full")]
pub mod viper;

use crate::native_fn;
use crate::obj::{GenState, Obj};
use crate::qstr::q;
use crate::statics::{Attr, ModuleDef, StaticObj, VAR_ARGS};
use crate::types::{self, exceptions as ex, object};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::string::String;
use alloc::vec::Vec;

native_fn!(BUILD_CLASS, "__build_class__", 2, VAR_ARGS, build_class, kw);
native_fn!(REPL_PRINT, "__repl_print__", 1, 1, repl_print);
native_fn!(PRINT, "print", 0, VAR_ARGS, print, kw);
native_fn!(OBJECT_INIT, "__init__", 0, VAR_ARGS, object_init, kw);
native_fn!(OBJECT_NEW, "__new__", 1, VAR_ARGS, object_new, kw);

/// `__build_class__(body, name, *bases, metaclass=type)`.
fn build_class(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let args = &crate::statics::Args(args);
    let body = args[0];
    let name = vm.to_qstr(args[1])?;
    let bases: Vec<Value> = args[2..].to_vec();
    let mut meta = Value::NULL;
    for &(k, v) in kw {
        if k.as_qstr() == Some(q::METACLASS) {
            meta = v;
        }
    }
    if meta.is_null() {
        meta = Value::from_static(&object::TYPE);
        for &b in &bases {
            if let Some(Obj::Class(c)) = vm.heap.get(b) {
                if c.meta != meta {
                    meta = c.meta;
                }
            }
        }
    }
    let ns = vm.new_dict()?;
    let base = vm.roots.len();
    vm.roots.push(ns);
    let r = (|| {
        let cell = vm.call_function(body, &[], &[], ns)?;
        vm.roots.push(cell);
        let bases_t = vm.new_tuple(&bases)?;
        vm.roots.push(bases_t);
        let cls = if meta == Value::from_static(&object::TYPE) {
            vm.make_class(name, &bases, ns, meta)?
        } else {
            // A metaclass: call it like type(name, bases, ns).
            vm.call(meta, &[Value::qstr(name), bases_t, ns], &[])?
        };
        if let Some(Obj::Cell(c)) = vm.heap.get_mut(cell) {
            *c = cls;
        }
        Ok(cls)
    })();
    vm.roots.truncate(base);
    r
}

/// The REPL's expression printer: prints `repr(v)` unless v is None, and sets `_`.
fn repl_print(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let args = &crate::statics::Args(args);
    let v = args[0];
    if v != Value::NONE {
        let mut s = String::new();
        vm.repr_into(v, &mut s)?;
        s.push('\n');
        vm.write_stdout(&s)?;
        let b = vm.builtins;
        let underscore = vm.intern("_");
        vm.dict_set_str(b, underscore, v)?;
    }
    Ok(Value::NONE)
}

/// `print(*args, sep=' ', end='\n', file=sys.stdout)`.
fn print(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let args = &crate::statics::Args(args);
    let mut sep = Value::NONE;
    let mut end = Value::NONE;
    let mut file = Value::NONE;
    for &(k, v) in kw {
        match k.as_qstr() {
            Some(x) if x == q::SEP => sep = v,
            Some(x) if x == q::END => end = v,
            Some(x) if x == q::FILE => file = v,
            Some(x) if vm.qstrs.str(x) == "flush" => {}
            _ => return Err(vm.type_error("unexpected keyword argument")),
        }
    }
    let mut out = String::new();
    // A stream object gets each item, separator and end in its own write() call, as in
    // CPython and MicroPython; the console gets the whole line at once.
    let to_file = file != Value::NONE;
    let iobase = to_file && crate::modules::io::is_iobase(vm, file);
    let flush = |vm: &mut Vm, out: &mut String| -> PyResult<()> {
        if iobase {
            let s = core::mem::take(out);
            crate::modules::io::iobase_write(vm, file, s.as_bytes())?;
        } else if to_file && !out.is_empty() {
            let s = vm.new_string(core::mem::take(out))?;
            vm.call_method(file, q::WRITE, &[s])?;
        }
        Ok(())
    };
    for (i, &a) in args.iter().enumerate() {
        if i > 0 {
            match vm.str_data(sep) {
                Some(s) => out.push_str(s),
                None => out.push(' '),
            }
            flush(vm, &mut out)?;
        }
        vm.str_into(a, &mut out)?;
        flush(vm, &mut out)?;
    }
    match vm.str_data(end) {
        Some(s) => out.push_str(s),
        None => out.push('\n'),
    }
    if to_file {
        flush(vm, &mut out)?;
    } else {
        vm.write_stdout(&out)?;
    }
    Ok(Value::NONE)
}

fn object_init(_vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::NONE)
}

/// `object.__new__(cls)`.
fn object_new(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let args = &crate::statics::Args(args);
    let cls = args[0];
    if matches!(vm.heap.get(cls), Some(Obj::Class(_))) {
        return vm.new_instance(cls, &[], &[], true);
    }
    vm.call(cls, &[], &[])
}

impl Vm {
    /// Write text to `sys.stdout` (the console unless redirected).
    pub fn write_stdout(&mut self, s: &str) -> PyResult<()> {
        let key = self.qstrs.lookup("stdout").unwrap_or(q::EMPTY);
        if let Some(out) = self.dict_get_qstr(self.sys_dict, key) {
            if !matches!(self.heap.get(out), Some(Obj::Native(n)) if n.as_any().is::<crate::modules::sys::ConsoleStream>())
            {
                let v = self.new_str(s)?;
                self.call_method(out, q::WRITE, &[v])?;
                return Ok(());
            }
        }
        self.write_console(s);
        Ok(())
    }

    /// Is generator `g` finished?
    pub fn gen_finished(&self, g: Value) -> bool {
        matches!(self.heap.get(g), Some(Obj::Generator(x)) if x.state == GenState::Finished)
    }
}

/// The names in the `builtins` module.
pub static BUILTINS_ATTRS: &[(crate::qstr::Qstr, Attr)] = &[
    (q::__BUILD_CLASS__, Attr::Fn(&BUILD_CLASS)),
    (q::__REPL_PRINT__, Attr::Fn(&REPL_PRINT)),
    (q::PRINT, Attr::Fn(&PRINT)),
    // Viper's types, usable in `@micropython.viper` functions (run as bytecode).
    // Only at the full level: a small board's minimal firmware has no use for them.
    #[cfg(feature = "modules-full")]
    (q::PTR8, Attr::Obj(&viper::PTR8)),
    #[cfg(feature = "modules-full")]
    (q::PTR16, Attr::Obj(&viper::PTR16)),
    #[cfg(feature = "modules-full")]
    (q::PTR32, Attr::Obj(&viper::PTR32)),
    #[cfg(feature = "modules-full")]
    (q::UINT, Attr::Fn(&viper::UINT)),
    (q::OBJECT, Attr::Obj(&object::OBJECT)),
    (q::TYPE, Attr::Obj(&object::TYPE)),
    (q::SUPER, Attr::Obj(&object::SUPER)),
    (q::INT, Attr::Obj(&types::int::INT)),
    (q::BOOL, Attr::Obj(&types::int::BOOL)),
    (q::FLOAT, Attr::Obj(&types::float::FLOAT)),
    #[cfg(feature = "complex")]
    (q::COMPLEX, Attr::Obj(&types::float::COMPLEX)),
    (q::STR, Attr::Obj(&types::str::STR)),
    (q::BYTES, Attr::Obj(&types::bytes::BYTES)),
    (q::BYTEARRAY, Attr::Obj(&types::bytes::BYTEARRAY)),
    (q::MEMORYVIEW, Attr::Obj(&types::memoryview::MEMORYVIEW)),
    (q::LIST, Attr::Obj(&types::list::LIST)),
    (q::TUPLE, Attr::Obj(&types::tuple::TUPLE)),
    (q::DICT, Attr::Obj(&types::dict::DICT)),
    (q::SET, Attr::Obj(&types::dict::SET)),
    (q::FROZENSET, Attr::Obj(&types::dict::FROZENSET)),
    (q::RANGE, Attr::Obj(&types::misc::RANGE)),
    (q::SLICE, Attr::Obj(&types::misc::SLICE)),
    (q::PROPERTY, Attr::Obj(&types::function::PROPERTY)),
    (q::CLASSMETHOD, Attr::Obj(&types::function::CLASSMETHOD)),
    (q::STATICMETHOD, Attr::Obj(&types::function::STATICMETHOD)),
    (q::ENUMERATE, Attr::Obj(&types::misc::ENUMERATE)),
    (q::ZIP, Attr::Obj(&types::misc::ZIP)),
    (q::MAP, Attr::Obj(&types::misc::MAP)),
    (q::FILTER, Attr::Obj(&types::misc::FILTER)),
    (q::REVERSED, Attr::Obj(&types::misc::REVERSED)),
    (q::T_BASE_EXCEPTION, Attr::Obj(&ex::BASE_EXCEPTION)),
    (q::T_SYSTEM_EXIT, Attr::Obj(&ex::SYSTEM_EXIT)),
    (q::T_KEYBOARD_INTERRUPT, Attr::Obj(&ex::KEYBOARD_INTERRUPT)),
    (q::T_GENERATOR_EXIT, Attr::Obj(&ex::GENERATOR_EXIT)),
    (q::T_EXCEPTION, Attr::Obj(&ex::EXCEPTION)),
    (q::T_STOP_ITERATION, Attr::Obj(&ex::STOP_ITERATION)),
    (
        q::T_STOP_ASYNC_ITERATION,
        Attr::Obj(&ex::STOP_ASYNC_ITERATION),
    ),
    (q::T_ARITHMETIC_ERROR, Attr::Obj(&ex::ARITHMETIC_ERROR)),
    (q::T_OVERFLOW_ERROR, Attr::Obj(&ex::OVERFLOW_ERROR)),
    (
        q::T_ZERO_DIVISION_ERROR,
        Attr::Obj(&ex::ZERO_DIVISION_ERROR),
    ),
    (q::T_ASSERTION_ERROR, Attr::Obj(&ex::ASSERTION_ERROR)),
    (q::T_ATTRIBUTE_ERROR, Attr::Obj(&ex::ATTRIBUTE_ERROR)),
    (q::T_E_O_F_ERROR, Attr::Obj(&ex::EOF_ERROR)),
    (q::T_IMPORT_ERROR, Attr::Obj(&ex::IMPORT_ERROR)),
    (q::T_LOOKUP_ERROR, Attr::Obj(&ex::LOOKUP_ERROR)),
    (q::T_INDEX_ERROR, Attr::Obj(&ex::INDEX_ERROR)),
    (q::T_KEY_ERROR, Attr::Obj(&ex::KEY_ERROR)),
    (q::T_MEMORY_ERROR, Attr::Obj(&ex::MEMORY_ERROR)),
    (q::T_NAME_ERROR, Attr::Obj(&ex::NAME_ERROR)),
    (q::T_O_S_ERROR, Attr::Obj(&ex::OS_ERROR)),
    (q::T_RUNTIME_ERROR, Attr::Obj(&ex::RUNTIME_ERROR)),
    (
        q::T_NOT_IMPLEMENTED_ERROR,
        Attr::Obj(&ex::NOT_IMPLEMENTED_ERROR),
    ),
    (q::T_SYNTAX_ERROR, Attr::Obj(&ex::SYNTAX_ERROR)),
    (q::T_INDENTATION_ERROR, Attr::Obj(&ex::INDENTATION_ERROR)),
    (q::T_TYPE_ERROR, Attr::Obj(&ex::TYPE_ERROR)),
    (q::T_VALUE_ERROR, Attr::Obj(&ex::VALUE_ERROR)),
    (q::T_UNICODE_ERROR, Attr::Obj(&ex::UNICODE_ERROR)),
];

fn builtins_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    vm.dict_set_str(g, q::T_NOT_IMPLEMENTED, Value::NOT_IMPLEMENTED)?;
    vm.dict_set_str(g, q::T_ELLIPSIS, Value::ELLIPSIS)?;
    for &(name, f) in functions::FUNCTIONS {
        vm.dict_set_str(g, name, Value::from_static(f))?;
    }
    Ok(())
}

/// The `builtins` module.
pub static BUILTINS_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "builtins",
    attrs: BUILTINS_ATTRS,
    init: Some(builtins_init),
});
