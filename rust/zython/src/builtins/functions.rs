//! Builtin functions (`len`, `isinstance`, `next`...).

use crate::native_fn;
use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::statics::{StaticObj, VAR_ARGS};
use crate::types::{self, exceptions as ex};
use crate::value::Value;
use crate::vm::call::GenResult;
use crate::vm::{PyErr, PyResult, Vm};

native_fn!(LEN, "len", 1, 1, |vm, a, _| {
    let n = vm.len(a[0])?;
    vm.new_int(n as i64)
});
native_fn!(REPR, "repr", 1, 1, |vm, a, _| vm.repr(a[0]));
native_fn!(ID, "id", 1, 1, |vm, a, _| vm
    .new_int((a[0].bits() >> 1) as i64));
native_fn!(HASH, "hash", 1, 1, |vm, a, _| {
    // As in MicroPython (and CPython), an int, bool or integral float hashes to its value.
    if let Some(i) = a[0].as_small_int() {
        return Ok(Value::small_int(i));
    }
    if a[0].is_bool() {
        return Ok(Value::small_int((a[0] == Value::TRUE) as isize));
    }
    let real = match vm.heap.get(a[0]) {
        Some(Obj::Float(f)) => Some(*f),
        Some(Obj::Complex(c)) if c.1 == 0.0 => Some(c.0),
        _ => None,
    };
    if let Some(f) = real {
        if f == libm::trunc(f) && f.abs() < (1u64 << 52) as f64 {
            return Ok(Value::small_int(f as isize));
        }
    }
    let h = vm.hash(a[0])?;
    // The table hash is 32 bits; shown as a signed machine int like MicroPython's.
    Ok(Value::small_int(h as i32 as isize))
});
native_fn!(CALLABLE, "callable", 1, 1, |vm, a, _| Ok(Value::bool(
    is_callable(vm, a[0])
)));
native_fn!(ISINSTANCE, "isinstance", 2, 2, |vm, a, _| {
    let r = check_types(vm, a[1], &mut |vm, t| vm.isinstance(a[0], t))?;
    Ok(Value::bool(r))
});
native_fn!(ISSUBCLASS, "issubclass", 2, 2, |vm, a, _| {
    if !vm.is_class_like(a[0]) {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    let r = check_types(vm, a[1], &mut |vm, t| vm.is_subclass(a[0], t))?;
    Ok(Value::bool(r))
});
native_fn!(ITER, "iter", 1, 2, |vm, a, _| {
    if a.len() == 2 {
        return vm.alloc(Obj::Iter(alloc::boxed::Box::new(crate::obj::Iter::Call {
            f: a[0],
            sentinel: a[1],
        })));
    }
    vm.get_iter(a[0])
});
native_fn!(NEXT, "next", 1, 2, next);
native_fn!(GETATTR, "getattr", 2, 3, |vm, a, _| {
    let name = attr_name(vm, a[1])?;
    match vm.getattr(a[0], name) {
        Ok(v) => Ok(v),
        Err(e) if a.len() == 3 && vm.exc_is(e.0, &ex::ATTRIBUTE_ERROR) => Ok(a[2]),
        Err(e) => Err(e),
    }
});
native_fn!(SETATTR, "setattr", 3, 3, |vm, a, _| {
    let name = attr_name(vm, a[1])?;
    vm.setattr(a[0], name, a[2])?;
    Ok(Value::NONE)
});
native_fn!(DELATTR, "delattr", 2, 2, |vm, a, _| {
    let name = attr_name(vm, a[1])?;
    vm.delattr(a[0], name)?;
    Ok(Value::NONE)
});
native_fn!(HASATTR, "hasattr", 2, 2, |vm, a, _| {
    let name = attr_name(vm, a[1])?;
    match vm.getattr(a[0], name) {
        Ok(_) => Ok(Value::TRUE),
        Err(e) if vm.exc_is(e.0, &ex::ATTRIBUTE_ERROR) => Ok(Value::FALSE),
        Err(e) => Err(e),
    }
});
native_fn!(GLOBALS, "globals", 0, 0, |vm, _, _| Ok(vm
    .frames
    .last()
    .map(|f| f.globals)
    .unwrap_or(vm.main_globals)));
native_fn!(LOCALS, "locals", 0, 0, |vm, _, _| Ok(vm
    .frames
    .last()
    .map(|f| f.locals)
    .unwrap_or(vm.main_globals)));
native_fn!(ABS, "abs", 1, 1, |vm, a, _| vm
    .unary_op(crate::bytecode::op::UNARY_ABS, a[0]));

fn attr_name(vm: &mut Vm, v: Value) -> PyResult<Qstr> {
    if !vm.is_str(v) {
        return Err(vm.type_error("attribute name must be string"));
    }
    vm.to_qstr(v)
}

fn check_types(vm: &mut Vm, t: Value, f: &mut dyn FnMut(&mut Vm, Value) -> bool) -> PyResult<bool> {
    if let Some(Obj::Tuple(items)) = vm.heap.get(t) {
        let items = items.to_vec();
        for x in items {
            if check_types(vm, x, f)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if !vm.is_class_like(t) {
        return Err(vm.type_error("isinstance() arg 2 must be a class or a tuple of classes"));
    }
    Ok(f(vm, t))
}

/// Can `v` be called?
pub fn is_callable(vm: &mut Vm, v: Value) -> bool {
    if let Some(s) = v.as_static() {
        return matches!(s, StaticObj::Fn(_) | StaticObj::Type(_));
    }
    match vm.heap.get(v) {
        Some(Obj::Function(_)) | Some(Obj::BoundMethod(..)) | Some(Obj::Class(_)) => true,
        Some(Obj::Instance(_)) | Some(Obj::Native(_)) => {
            let t = types::type_of(vm, v);
            vm.lookup_class_attr(t, q::__CALL__).is_some()
        }
        _ => false,
    }
}

/// `next(it[, default])`.
fn next(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let it = a[0];
    let r = match vm.heap.get(it) {
        Some(Obj::Generator(_)) => match vm.gen_resume(it, Value::NONE, Value::NULL)? {
            GenResult::Yield(v) => return Ok(v),
            GenResult::Return(v) => {
                if a.len() == 2 {
                    return Ok(a[1]);
                }
                return Err(if v == Value::NONE {
                    vm.new_exception(&ex::STOP_ITERATION, "")
                } else {
                    vm.new_exception_args(&ex::STOP_ITERATION, &[v])
                });
            }
        },
        Some(Obj::Iter(_)) => {
            vm.last_stop = Value::NULL;
            vm.iter_next(it)
        }
        Some(Obj::Instance(_)) | Some(Obj::Native(_)) => match vm.call_method(it, q::__NEXT__, &[])
        {
            Ok(v) => Ok(Some(v)),
            Err(e) if a.len() == 2 && vm.exc_is(e.0, &ex::STOP_ITERATION) => return Ok(a[1]),
            Err(e) => Err(e),
        },
        _ => return Err(vm.type_error_for("", it, " object isn't an iterator")),
    }?;
    let stop = core::mem::replace(&mut vm.last_stop, Value::NULL);
    match r {
        Some(v) => Ok(v),
        None if a.len() == 2 => Ok(a[1]),
        // The inner iterator's own StopIteration, with its value.
        None if !stop.is_null() => Err(crate::vm::PyErr(stop)),
        None => Err(stop_iteration(vm)),
    }
}

/// A fresh StopIteration.
pub fn stop_iteration(vm: &mut Vm) -> PyErr {
    vm.new_exception(&ex::STOP_ITERATION, "")
}

// ----- containers and iteration: min max sum sorted any all dir input __import__ help -----

native_fn!(
    MIN,
    "min",
    1,
    VAR_ARGS,
    |vm, a, kw| min_max(vm, a, kw, false),
    kw
);
native_fn!(
    MAX,
    "max",
    1,
    VAR_ARGS,
    |vm, a, kw| min_max(vm, a, kw, true),
    kw
);
native_fn!(SUM, "sum", 1, 2, sum);
native_fn!(SORTED, "sorted", 1, 1, sorted, kw);
native_fn!(ANY, "any", 1, 1, |vm, a, _| any_all(vm, a[0], true));
native_fn!(ALL, "all", 1, 1, |vm, a, _| any_all(vm, a[0], false));
native_fn!(DIR, "dir", 0, 1, dir);
native_fn!(INPUT, "input", 0, 1, input);
native_fn!(IMPORT, "__import__", 1, 5, import);
#[cfg(feature = "modules-basic")]
native_fn!(HELP, "help", 0, 1, help);

/// Run `f` over each item of iterable `v` (kept rooted); `f` returns false to stop early.
fn for_each(
    vm: &mut Vm,
    v: Value,
    f: &mut dyn FnMut(&mut Vm, Value) -> PyResult<bool>,
) -> PyResult<()> {
    // Builtin containers are walked in place: no heap iterator (as MicroPython's iter_buf).
    let in_place = vm.in_place_start(v);
    let it = match in_place {
        Some(_) => v,
        None => vm.get_iter(v)?,
    };
    let mut pos = in_place.unwrap_or(0);
    let base = vm.roots.len();
    vm.roots.push(it);
    let r = loop {
        let next = match in_place {
            Some(_) => vm.in_place_next(it, pos).map(|n| {
                n.map(|(x, p)| {
                    pos = p;
                    x
                })
            }),
            None => vm.iter_next(it),
        };
        match next {
            Ok(Some(x)) => {
                vm.roots.push(x);
                let go = f(vm, x);
                vm.roots.pop();
                match go {
                    Ok(true) => {}
                    Ok(false) => break Ok(()),
                    Err(e) => break Err(e),
                }
            }
            Ok(None) => break Ok(()),
            Err(e) => break Err(e),
        }
    };
    vm.roots.truncate(base);
    r
}

/// The root-stack slot `i` (NULL if native code dropped it).
fn root_at(vm: &Vm, i: usize) -> Value {
    vm.roots.get(i).copied().unwrap_or(Value::NULL)
}

/// Overwrite root-stack slot `i` (if still there).
fn set_root(vm: &mut Vm, i: usize, v: Value) {
    if let Some(slot) = vm.roots.get_mut(i) {
        *slot = v;
    }
}

/// `min`/`max`: one iterable or several arguments; `key=`, `default=`.
fn min_max(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)], want_max: bool) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    types::args::check_kw(vm, kw, &[q::KEY, q::DEFAULT])?;
    let key = types::args::kwarg(vm, kw, q::KEY).unwrap_or(Value::NONE);
    let default = types::args::kwarg(vm, kw, q::DEFAULT);
    let base = vm.roots.len();
    // (best item, its key), rooted at roots[base], roots[base + 1].
    vm.roots.push(Value::NULL);
    vm.roots.push(Value::NULL);
    let mut consider = |vm: &mut Vm, x: Value| -> PyResult<bool> {
        let k = if key == Value::NONE {
            x
        } else {
            vm.call(key, &[x], &[])?
        };
        let best_k = root_at(vm, base + 1);
        let better = if best_k.is_null() {
            true
        } else if want_max {
            types::sort::less(vm, best_k, k)?
        } else {
            types::sort::less(vm, k, best_k)?
        };
        if better {
            set_root(vm, base, x);
            set_root(vm, base + 1, k);
        }
        Ok(true)
    };
    let r = if a.len() == 1 {
        for_each(vm, a[0], &mut consider)
    } else {
        if default.is_some() {
            vm.roots.truncate(base);
            return Err(vm.type_error("default only allowed for single iterable"));
        }
        let mut r = Ok(true);
        for &x in a {
            r = consider(vm, x);
            if r.is_err() {
                break;
            }
        }
        r.map(|_| ())
    };
    let best = root_at(vm, base);
    vm.roots.truncate(base);
    r?;
    if !best.is_null() {
        return Ok(best);
    }
    match default {
        Some(d) => Ok(d),
        None => Err(vm.value_error("arg is an empty sequence")),
    }
}

/// `sum(iterable, start=0)`.
fn sum(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let base = vm.roots.len();
    vm.roots
        .push(a.get(1).copied().unwrap_or(Value::small_int(0)));
    let r = for_each(vm, a[0], &mut |vm, x| {
        let acc = root_at(vm, base);
        let n = vm.binary_op(crate::bytecode::op::BINARY_ADD, acc, x)?;
        set_root(vm, base, n);
        Ok(true)
    });
    let acc = root_at(vm, base);
    vm.roots.truncate(base);
    r.map(|_| acc)
}

/// `sorted(iterable, key=None, reverse=False)`.
fn sorted(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let (key, reverse) = types::sort::sort_kwargs(vm, kw)?;
    let mut items = vm.collect_iterable(a[0])?;
    types::sort::sort_values(vm, &mut items, key, reverse)?;
    vm.new_list(items)
}

/// `any(it)` (`want` true) / `all(it)` (`want` false).
fn any_all(vm: &mut Vm, v: Value, want: bool) -> PyResult<Value> {
    let mut found = false;
    for_each(vm, v, &mut |vm, x| {
        if vm.truthy(x)? == want {
            found = true;
            return Ok(false);
        }
        Ok(true)
    })?;
    Ok(Value::bool(if want { found } else { !found }))
}

/// Add the keys of a dict/namespace to `out`.
fn push_names(vm: &Vm, d: &crate::obj::Dict, out: &mut alloc::vec::Vec<Value>) {
    for e in d.iter() {
        if vm.is_str(e.key) && !out.contains(&e.key) {
            out.push(e.key);
        }
    }
}

/// Names of the attributes of a type value along its MRO.
fn type_names(vm: &mut Vm, t: Value, out: &mut alloc::vec::Vec<Value>) {
    for k in vm.mro(t) {
        if let Some(Obj::Class(c)) = vm.heap.get(k) {
            push_names(vm, &c.dict, out);
        } else if let Some(StaticObj::Type(td)) = k.as_static() {
            for &(name, _) in td.attrs {
                let v = Value::qstr(name);
                if !out.contains(&v) {
                    out.push(v);
                }
            }
        }
    }
}

/// `dir()` (names in the current scope) or `dir(obj)`, sorted.
fn dir(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let mut names = alloc::vec::Vec::new();
    match a.first() {
        None => {
            let l = vm
                .frames
                .last()
                .map(|f| f.locals)
                .unwrap_or(vm.main_globals);
            if let Some(d) = vm.dict_ref(l) {
                push_names(vm, d, &mut names);
            }
        }
        Some(&o) => {
            // A builtin namespace with run-time attributes (`machine.Pin.board`): its module.
            let o = match o.as_static() {
                Some(s @ StaticObj::Module(m)) if m.init.is_some() => {
                    vm.import_builtin_module(s)?
                }
                _ => o,
            };
            if matches!(vm.heap.get(o), Some(Obj::Instance(_))) {
                let dunder_dir = vm.intern("__dir__");
                if let Some(r) = vm.call_method_opt(o, dunder_dir, &[])? {
                    vm.roots.push(r);
                    let items = vm.collect_iterable(r);
                    vm.roots.pop();
                    let mut items = items?;
                    types::sort::sort_values(vm, &mut items, Value::NONE, false)?;
                    return vm.new_list(items);
                }
            }
            match vm.heap.get(o) {
                Some(Obj::Module(_, g)) => {
                    if let Some(d) = vm.dict_ref(*g) {
                        push_names(vm, d, &mut names);
                    }
                }
                Some(Obj::Instance(i)) => push_names(vm, &i.dict, &mut names),
                Some(Obj::Exception(e)) => push_names(vm, &e.dict, &mut names),
                _ => {}
            }
            if let Some(StaticObj::Module(m)) = o.as_static() {
                for &(name, _) in m.attrs {
                    names.push(Value::qstr(name));
                }
            } else if vm.is_class_like(o) {
                type_names(vm, o, &mut names);
            } else if !matches!(vm.heap.get(o), Some(Obj::Module(..))) {
                let t = types::type_of(vm, o);
                type_names(vm, t, &mut names);
                let c = Value::qstr(q::__CLASS__);
                if !names.contains(&c) {
                    names.push(c);
                }
            }
        }
    }
    let mut keyed: alloc::vec::Vec<(alloc::string::String, Value)> = names
        .into_iter()
        .map(|v| (alloc::string::String::from(vm.str_data(v).unwrap_or("")), v))
        .collect();
    crate::types::sort::insertion_sort_by(&mut keyed, |x, y| x.0 < y.0);
    vm.new_list(keyed.into_iter().map(|(_, v)| v).collect())
}

/// `input([prompt])`: one line from the console, without its newline.
fn input(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if let Some(&p) = a.first() {
        let mut s = alloc::string::String::new();
        vm.str_into(p, &mut s)?;
        vm.write_stdout(&s)?;
    }
    let mut line = alloc::vec::Vec::new();
    let mut got_any = false;
    while let Some(b) = vm.port.read_byte() {
        got_any = true;
        if b == b'\n' {
            break;
        }
        if b != b'\r' {
            if line.try_reserve(1).is_err() {
                return Err(vm.no_memory());
            }
            line.push(b);
        }
    }
    vm.check_interrupt()?;
    if !got_any {
        return Err(vm.new_exception(&ex::EOF_ERROR, ""));
    }
    let s = alloc::string::String::from_utf8_lossy(&line).into_owned();
    vm.new_string(s)
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
fn import(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if !vm.is_str(a[0]) {
        return Err(vm.type_error("__import__() argument 1 must be str"));
    }
    let name = vm.to_qstr(a[0])?;
    let fromlist = a.get(3).copied().unwrap_or(Value::NONE);
    let level = a.get(4).copied().unwrap_or(Value::small_int(0));
    if vm.qstrs.str(name).is_empty() && level == Value::small_int(0) {
        return Err(vm.value_error("empty module name"));
    }
    if level.as_small_int().is_some_and(|l| l < 0) {
        return Err(vm.value_error("level must be >= 0"));
    }
    let is_dict = |vm: &Vm, g: Value| matches!(vm.heap.get(g), Some(Obj::Dict(_)));
    if level.as_small_int().is_some_and(|l| l > 0) {
        if let Some(&g) = a.get(1) {
            if g != Value::NONE && !is_dict(vm, g) {
                return Err(vm.type_error("globals must be a dict"));
            }
        }
    }
    match a.get(1) {
        Some(&g) if is_dict(vm, g) => vm.import_name_in(name, fromlist, level, g),
        _ => vm.import_name(name, fromlist, level),
    }
}

/// `help('modules')`: every builtin and frozen module, sorted, in MicroPython's four columns
/// of 18 characters filled column first (frozen files keep their path without `.py`).
#[cfg(feature = "modules-basic")]
fn help_modules(vm: &Vm, out: &mut alloc::string::String) {
    let mut names: alloc::vec::Vec<&str> = alloc::vec!["__main__"];
    for m in crate::modules::BUILTIN_MODULES {
        if let StaticObj::Module(d) = m {
            names.push(d.name);
        }
    }
    for f in vm.config.frozen {
        let n = f.name.strip_suffix(".py").unwrap_or(f.name);
        names.push(n.strip_suffix(".mpy").unwrap_or(n));
    }
    crate::types::sort::insertion_sort_by(&mut names, |a, b| a < b);
    names.dedup();
    const COLUMNS: usize = 4;
    const WIDTH: usize = 18;
    let rows = names.len().div_ceil(COLUMNS);
    for i in 0..rows {
        let mut j = i;
        loop {
            out.push_str(names[j]);
            j += rows;
            if j >= names.len() {
                break;
            }
            let len = names[j - rows].chars().count();
            let mut gap = WIDTH as isize - len as isize;
            while gap < 1 {
                gap += WIDTH as isize;
            }
            out.extend(core::iter::repeat_n(' ', gap as usize));
        }
        out.push('\n');
    }
    out.push_str("Plus any modules on the filesystem\n");
}

/// `help()` or `help(obj)`: a short text, like MicroPython's.
#[cfg(feature = "modules-basic")]
fn help(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    use core::fmt::Write;
    let mut out = alloc::string::String::new();
    match a.first() {
        None => out.push_str(
            "Welcome to Zython, a MicroPython-compatible Python written in Rust.\n\n\
             Control commands:\n  CTRL-A -- on a blank line, enter raw REPL mode\n  \
             CTRL-B -- on a blank line, enter normal REPL mode\n  \
             CTRL-C -- interrupt a running program\n  \
             CTRL-D -- on a blank line, exit or do a soft reset\n  \
             CTRL-E -- on a blank line, enter paste mode\n\n\
             For further help on a specific object, type help(obj)\n\
             For a list of available modules, type help('modules')\n",
        ),
        Some(&o) if vm.str_data(o) == Some("modules") => help_modules(vm, &mut out),
        Some(&o) => {
            out.push_str("object ");
            vm.repr_into(o, &mut out)?;
            let t = types::type_of(vm, o);
            let _ = writeln!(out, " is of type {}", types::type_name(vm, t));
            let mut entries: alloc::vec::Vec<(Value, Value)> = alloc::vec::Vec::new();
            if let Some(Obj::Module(_, g)) = vm.heap.get(o) {
                if let Some(d) = vm.dict_ref(*g) {
                    entries.extend(d.iter().map(|e| (e.key, e.value)));
                }
            } else if let Some(StaticObj::Module(d)) = o.as_static() {
                // A builtin module: its name, then its table in flash.
                entries.push((Value::qstr(q::__NAME__), vm.new_str(d.name)?));
                for &(name, attr) in d.attrs {
                    let v = vm.attr_value(attr)?;
                    entries.push((Value::qstr(name), v));
                }
            } else {
                let ty = if vm.is_class_like(o) { o } else { t };
                match (vm.heap.get(ty), ty.as_static()) {
                    (Some(Obj::Class(c)), _) => {
                        entries.extend(c.dict.iter().map(|e| (e.key, e.value)))
                    }
                    (_, Some(StaticObj::Type(td))) => {
                        for &(name, attr) in td.attrs {
                            let v = vm.attr_value(attr)?;
                            entries.push((Value::qstr(name), v));
                        }
                    }
                    _ => {}
                }
            }
            let base = vm.roots.len();
            for &(k, v) in &entries {
                vm.roots.push(k);
                vm.roots.push(v);
            }
            let r = (|| {
                for (k, v) in entries {
                    out.push_str("  ");
                    vm.str_into(k, &mut out)?;
                    out.push_str(" -- ");
                    vm.str_into(v, &mut out)?;
                    out.push('\n');
                }
                Ok(())
            })();
            vm.roots.truncate(base);
            r?;
        }
    }
    vm.write_stdout(&out)?;
    Ok(Value::NONE)
}

/// Builtin functions put into the builtins module at start-up (name, function).
pub static FUNCTIONS: &[(Qstr, &StaticObj)] = &[
    (q::LEN, &LEN),
    (q::REPR, &REPR),
    (q::ID, &ID),
    (q::HASH, &HASH),
    (q::CALLABLE, &CALLABLE),
    (q::ISINSTANCE, &ISINSTANCE),
    (q::ISSUBCLASS, &ISSUBCLASS),
    (q::ITER, &ITER),
    (q::NEXT, &NEXT),
    (q::GETATTR, &GETATTR),
    (q::SETATTR, &SETATTR),
    (q::DELATTR, &DELATTR),
    (q::HASATTR, &HASATTR),
    (q::GLOBALS, &GLOBALS),
    (q::LOCALS, &LOCALS),
    (q::ABS, &ABS),
    (q::OPEN, &crate::modules::io::OPEN),
    // containers, iteration, introspection, eval (worktree `containers`)
    (q::MIN, &MIN),
    (q::MAX, &MAX),
    (q::SUM, &SUM),
    (q::SORTED, &SORTED),
    (q::ANY, &ANY),
    (q::ALL, &ALL),
    (q::DIR, &DIR),
    (q::INPUT, &INPUT),
    (q::__IMPORT__, &IMPORT),
    #[cfg(feature = "modules-basic")]
    (q::HELP, &HELP),
    (q::EVAL, &types::code::EVAL),
    (q::EXEC, &types::code::EXEC),
    (q::EXECFILE, &types::code::EXECFILE),
    (q::COMPILE, &types::code::COMPILE),
    // Numbers and text (types/int.rs, float.rs, str.rs, format.rs).
    (q::CHR, &types::str::CHR),
    (q::ORD, &types::str::ORD),
    (q::HEX, &types::int::HEX),
    (q::OCT, &types::int::OCT),
    (q::BIN, &types::int::BIN),
    (q::DIVMOD, &types::int::DIVMOD),
    (q::POW, &types::int::POW),
    (q::ROUND, &types::float::ROUND),
    (q::FORMAT, &types::format::FORMAT),
];
