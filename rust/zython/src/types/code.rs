//! Code objects made by `compile()`, and the `eval`/`exec` builtins that run source text or
//! code objects in given (or the caller's) globals and locals.

use crate::native_fn;
use crate::obj::{NativeObject, Obj};
use crate::simple_type;
use crate::statics::StaticObj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use core::any::Any;

simple_type!(CODE, "code");

/// A compiled module held by a code object (it refers to no heap values).
#[derive(Debug)]
pub struct CodeObject {
    /// The compiled code.
    pub module: crate::bytecode::CompiledModule,
    /// Compiled in `eval` mode (running it returns the expression's value)?
    pub is_eval: bool,
}

impl NativeObject for CodeObject {
    fn type_obj(&self) -> &'static StaticObj {
        &CODE
    }
    fn bytes(&self) -> usize {
        core::mem::size_of::<CodeObject>()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

native_fn!(EVAL, "eval", 1, 3, |vm, a, _| run(vm, a, true));
native_fn!(EXEC, "exec", 1, 3, |vm, a, _| run(vm, a, false));
native_fn!(COMPILE, "compile", 3, 6, compile);
native_fn!(EXECFILE, "execfile", 1, 3, |vm, a, _| {
    // `execfile(path, globals=None, locals=None)`: run a source file (MicroPython's unix
    // port), read through any `vfs` mount.
    let Some(path) = vm.str_data(a[0]).map(alloc::string::String::from) else {
        return Err(vm.type_error("expected str"));
    };
    let (g, l) = namespaces(vm, a)?;
    let Some(data) = vm.fs_read(&path)? else {
        return Err(vm.os_error(2));
    };
    let func = compile_file(vm, data, &path, g)?;
    vm.roots.push(func);
    let r = vm.call_function(func, &[], &[], if l == g { Value::NULL } else { l });
    vm.roots.pop();
    r.map(|_| Value::NONE)
});

#[cfg(feature = "compiler")]
fn compile_file(vm: &mut Vm, data: alloc::vec::Vec<u8>, path: &str, g: Value) -> PyResult<Value> {
    let Ok(text) = core::str::from_utf8(&data) else {
        return Err(vm.value_error("source is not valid UTF-8"));
    };
    let m = vm.compile(text, path, crate::compile::Mode::File)?;
    vm.load_compiled(&m, g)
}

#[cfg(not(feature = "compiler"))]
fn compile_file(vm: &mut Vm, _: alloc::vec::Vec<u8>, _: &str, _: Value) -> PyResult<Value> {
    Err(vm.new_exception(
        &crate::types::exceptions::NOT_IMPLEMENTED_ERROR,
        "compiler disabled",
    ))
}

/// Source text of a str/bytes argument.
fn source_text(vm: &mut Vm, v: Value) -> PyResult<alloc::string::String> {
    if let Some(s) = vm.str_data(v) {
        // A copy (the compiler must not borrow the heap), made fallibly: sources can be big.
        let mut text = alloc::string::String::new();
        if text.try_reserve_exact(s.len()).is_err() {
            return Err(vm.no_memory());
        }
        text.push_str(s);
        return Ok(text);
    }
    if let Some(b) = crate::types::bytes::buffer_data(vm, v) {
        return match alloc::string::String::from_utf8(b) {
            Ok(s) => Ok(s),
            Err(_) => Err(vm.value_error("source is not valid UTF-8")),
        };
    }
    Err(vm.type_error("expected str, bytes or code object"))
}

/// Globals and locals for eval/exec: explicit dicts, else the caller's.
fn namespaces(vm: &mut Vm, a: &[Value]) -> PyResult<(Value, Value)> {
    let a = &crate::statics::Args(a);
    let (cur_g, cur_l) = vm
        .frames
        .last()
        .map(|f| (f.globals, f.locals))
        .unwrap_or((vm.main_globals, vm.main_globals));
    let is_dict = |vm: &Vm, v: Value| {
        matches!(
            vm.heap.get(crate::types::args::base(vm, v)),
            Some(Obj::Dict(_))
        )
    };
    let given = |i: usize| a.get(i).copied().filter(|&v| v != Value::NONE);
    let g = match given(1) {
        Some(g) if is_dict(vm, g) => g,
        Some(_) => return Err(vm.type_error("globals must be a dict")),
        None => cur_g,
    };
    let l = match given(2) {
        Some(l) if is_dict(vm, l) => l,
        Some(_) => return Err(vm.type_error("locals must be a dict")),
        None if given(1).is_some() => g,
        None => cur_l,
    };
    Ok((g, l))
}

/// `eval(src_or_code, globals=None, locals=None)` / `exec(...)`.
fn run(vm: &mut Vm, a: &[Value], eval: bool) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let (g, l) = namespaces(vm, a)?;
    let func = match vm.heap.get(a[0]) {
        Some(Obj::Native(n)) if n.as_any().is::<CodeObject>() => {
            let m = match n.as_any().downcast_ref::<CodeObject>() {
                Some(c) => c.module.clone(),
                None => return Err(vm.type_error("expected a code object")),
            };
            vm.load_compiled(&m, g)?
        }
        #[cfg(feature = "compiler")]
        _ if !eval && l == g => {
            // exec of source in one namespace: as a file, so a source too big to compile at
            // once still runs, a batch of statements at a time (`Vm::exec_source`).
            let text = source_text(vm, a[0])?;
            vm.exec_source(&text, "<string>", crate::compile::Mode::File, g)?;
            return Ok(Value::NONE);
        }
        _ => compile_text(vm, a[0], eval, g)?,
    };
    vm.roots.push(func);
    let r = vm.call_function(func, &[], &[], if l == g { Value::NULL } else { l });
    vm.roots.pop();
    let v = r?;
    Ok(if eval { v } else { Value::NONE })
}

#[cfg(feature = "compiler")]
fn compile_text(vm: &mut Vm, src: Value, eval: bool, g: Value) -> PyResult<Value> {
    use crate::compile::Mode;
    let text = source_text(vm, src)?;
    let mode = if eval { Mode::Eval } else { Mode::File };
    let m = vm.compile(&text, "<string>", mode)?;
    vm.load_compiled(&m, g)
}

#[cfg(not(feature = "compiler"))]
fn compile_text(vm: &mut Vm, src: Value, _eval: bool, _g: Value) -> PyResult<Value> {
    let _ = source_text(vm, src)?;
    Err(vm.new_exception(
        &crate::types::exceptions::NOT_IMPLEMENTED_ERROR,
        "compiler disabled",
    ))
}

/// `compile(source, filename, mode)` with mode 'exec', 'eval' or 'single'.
fn compile(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let text = source_text(vm, a[0])?;
    let file = alloc::string::String::from(vm.str_data(a[1]).unwrap_or("<string>"));
    let mode = alloc::string::String::from(vm.str_data(a[2]).unwrap_or(""));
    compile_mode(vm, &text, &file, &mode)
}

#[cfg(feature = "compiler")]
fn compile_mode(vm: &mut Vm, text: &str, file: &str, mode: &str) -> PyResult<Value> {
    use crate::compile::Mode;
    let (m, is_eval) = match mode {
        "exec" => (Mode::File, false),
        "eval" => (Mode::Eval, true),
        "single" => (Mode::Single, false),
        _ => return Err(vm.value_error("bad compile mode")),
    };
    let module = vm.compile(text, file, m)?;
    vm.alloc(Obj::Native(alloc::boxed::Box::new(CodeObject {
        module,
        is_eval,
    })))
}

#[cfg(not(feature = "compiler"))]
fn compile_mode(vm: &mut Vm, _text: &str, _file: &str, _mode: &str) -> PyResult<Value> {
    Err(vm.new_exception(
        &crate::types::exceptions::NOT_IMPLEMENTED_ERROR,
        "compiler disabled",
    ))
}
