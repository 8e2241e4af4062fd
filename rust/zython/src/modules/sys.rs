//! The `sys` module: argv, path, modules, the console streams, exit, implementation facts.
//!
//! `sys.implementation.name` is `'micropython'`: MicroPython's own tests branch on that name
//! to pick MicroPython semantics (tests/basics/sys1.py requires it to be 'cpython' or
//! 'micropython'; async_await2.py, async_for2.py, re_sub.py select MicroPython behaviour with
//! it), and Zython implements those semantics. The interpreter is told apart by `_build`
//! (`'zython'`) and by `sys.version`.

use crate::modules::native;
use crate::native_fn;
use crate::obj::{NativeObject, Obj};
use crate::qstr::{q, Qstr};
use crate::statics::{Attr, ModuleDef, StaticObj, TypeDef, VAR_ARGS};
use crate::types::exceptions as ex;
use crate::types::object::OBJECT;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;

/// `.mpy` version 6, sub-version 3, arch 0 (bytecode only): version | sub << 8 | arch << 10.
pub const MPY_VERSION: i64 = 6 | (3 << 8);

/// The console as a stream object (`sys.stdout`, `sys.stderr`, `sys.stdin`).
#[derive(Debug)]
pub struct ConsoleStream {
    /// 0 = stdin, 1 = stdout, 2 = stderr.
    pub fd: u8,
}

/// The binary side of a console stream (`sys.stdout.buffer`).
#[derive(Debug)]
pub struct ConsoleBuffer {
    /// 0 = stdin, 1 = stdout, 2 = stderr.
    pub fd: u8,
}

native_fn!(STREAM_WRITE, "write", 2, 2, stream_write);
native_fn!(STREAM_READ, "read", 1, 2, stream_read);
native_fn!(STREAM_READLINE, "readline", 1, 2, stream_readline);
native_fn!(STREAM_FLUSH, "flush", 1, 1, |_, _, _| Ok(Value::NONE));
native_fn!(STREAM_FILENO, "fileno", 1, 1, |vm, a, _| {
    let fd = stream_fd(vm, a[0]).map(|(fd, _)| fd).unwrap_or(0);
    Ok(Value::small_int(fd as isize))
});

static STREAM_ATTRS: &[(Qstr, Attr)] = &[
    (q::WRITE, Attr::Fn(&STREAM_WRITE)),
    (q::READ, Attr::Fn(&STREAM_READ)),
    (q::READLINE, Attr::Fn(&STREAM_READLINE)),
    (q::FLUSH, Attr::Fn(&STREAM_FLUSH)),
    (q::FILENO, Attr::Fn(&STREAM_FILENO)),
];

/// The type of console streams (named as MicroPython's: `<io.TextIOWrapper>`).
pub static CONSOLE_STREAM: StaticObj = StaticObj::Type(&TypeDef {
    name: "TextIOWrapper",
    base: Some(&OBJECT),
    attrs: STREAM_ATTRS,
    make_new: None,
    attr_hook: Some(stream_attr),
    subclassable: false,
});

/// The type of the binary console streams.
pub static CONSOLE_BUFFER: StaticObj = StaticObj::Type(&TypeDef {
    name: "FileIO",
    base: Some(&OBJECT),
    attrs: STREAM_ATTRS,
    make_new: None,
    attr_hook: None,
    subclassable: false,
});

impl NativeObject for ConsoleStream {
    fn type_obj(&self) -> &'static StaticObj {
        &CONSOLE_STREAM
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

impl NativeObject for ConsoleBuffer {
    fn type_obj(&self) -> &'static StaticObj {
        &CONSOLE_BUFFER
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// (fd, binary?) of a console stream value.
fn stream_fd(vm: &Vm, v: Value) -> Option<(u8, bool)> {
    if let Some(s) = native::get::<ConsoleStream>(vm, v) {
        return Some((s.fd, false));
    }
    native::get::<ConsoleBuffer>(vm, v).map(|s| (s.fd, true))
}

fn stream_attr(vm: &mut Vm, obj: Value, name: Qstr) -> PyResult<Option<Value>> {
    if name != q::BUFFER {
        return Ok(None);
    }
    match native::get::<ConsoleStream>(vm, obj) {
        Some(s) => {
            let fd = s.fd;
            vm.alloc(Obj::Native(Box::new(ConsoleBuffer { fd })))
                .map(Some)
        }
        None => Ok(None),
    }
}

fn stream_write(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let (fd, binary) = match stream_fd(vm, a[0]) {
        Some(x) => x,
        None => return Err(vm.type_error("expected a stream")),
    };
    if fd == 0 {
        return Err(vm.os_error(9));
    }
    let (n, data): (usize, Vec<u8>) = if let Some(s) = vm.str_data(a[1]) {
        if binary {
            return Err(vm.type_error("object with buffer protocol required"));
        }
        (s.chars().count(), s.as_bytes().to_vec())
    } else if let Some(b) = native::buffer(vm, a[1]) {
        (b.len(), b)
    } else {
        return Err(vm.type_error("object with buffer protocol required"));
    };
    if fd == 2 {
        vm.port.write_err(&data);
    } else {
        vm.port.write(&data);
    }
    vm.new_int(n as i64)
}

/// Read console bytes until `stop` says so or input ends.
fn read_console(vm: &mut Vm, max: Option<usize>, line: bool) -> PyResult<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        if max.is_some_and(|m| out.len() >= m) {
            break;
        }
        match vm.port.read_byte() {
            Some(b) => {
                vm.reserve(1)?;
                if out.try_reserve(1).is_err() {
                    return Err(vm.no_memory());
                }
                out.push(b);
                if line && b == b'\n' {
                    break;
                }
            }
            None => break,
        }
    }
    vm.check_interrupt()?;
    Ok(out)
}

fn read_arg(vm: &mut Vm, a: &[Value]) -> PyResult<Option<usize>> {
    let a = &crate::statics::Args(a);
    match a.get(1) {
        Some(&v) if v != Value::NONE => {
            let n = vm.to_index(v)?;
            Ok(if n < 0 { None } else { Some(n as usize) })
        }
        _ => Ok(None),
    }
}

fn stream_read(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let (_, binary) = stream_fd(vm, a[0]).unwrap_or((0, false));
    let n = read_arg(vm, a)?;
    let data = read_console(vm, n, false)?;
    console_result(vm, &data, binary)
}

fn stream_readline(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let (_, binary) = stream_fd(vm, a[0]).unwrap_or((0, false));
    let n = read_arg(vm, a)?;
    let data = read_console(vm, n, true)?;
    console_result(vm, &data, binary)
}

fn console_result(vm: &mut Vm, data: &[u8], binary: bool) -> PyResult<Value> {
    if binary {
        vm.new_bytes(data)
    } else {
        let s = String::from_utf8_lossy(data);
        vm.new_str(&s)
    }
}

/// A tuple whose items also have names (`sys.implementation`), like MicroPython's attrtuple.
#[derive(Debug)]
pub struct AttrTuple {
    /// Field names.
    pub names: &'static [Qstr],
    /// Field values (a tuple object).
    pub items: Value,
}

native_fn!(ATTRTUPLE_REPR, "__repr__", 1, 1, attrtuple_repr);
native_fn!(ATTRTUPLE_LEN, "__len__", 1, 1, |vm, a, _| {
    let items = native::get::<AttrTuple>(vm, a[0]).map(|t| t.items);
    match items {
        Some(t) => {
            let n = vm.len(t)?;
            vm.new_int(n as i64)
        }
        None => Err(vm.type_error("expected attrtuple")),
    }
});
native_fn!(ATTRTUPLE_GETITEM, "__getitem__", 2, 2, |vm, a, _| {
    match native::get::<AttrTuple>(vm, a[0]).map(|t| t.items) {
        Some(t) => vm.getitem(t, a[1]),
        None => Err(vm.type_error("expected attrtuple")),
    }
});
native_fn!(ATTRTUPLE_ITER, "__iter__", 1, 1, |vm, a, _| {
    match native::get::<AttrTuple>(vm, a[0]).map(|t| t.items) {
        Some(t) => vm.get_iter(t),
        None => Err(vm.type_error("expected attrtuple")),
    }
});

/// The type of attrtuples (prints like a tuple with names).
pub static ATTRTUPLE: StaticObj = StaticObj::Type(&TypeDef {
    name: "tuple",
    base: Some(&OBJECT),
    attrs: &[
        (q::__REPR__, Attr::Fn(&ATTRTUPLE_REPR)),
        (q::__LEN__, Attr::Fn(&ATTRTUPLE_LEN)),
        (q::__GETITEM__, Attr::Fn(&ATTRTUPLE_GETITEM)),
        (q::__ITER__, Attr::Fn(&ATTRTUPLE_ITER)),
    ],
    make_new: None,
    attr_hook: Some(attrtuple_attr),
    subclassable: false,
});

impl NativeObject for AttrTuple {
    fn type_obj(&self) -> &'static StaticObj {
        &ATTRTUPLE
    }
    fn trace(&self, out: &mut dyn FnMut(Value)) {
        out(self.items)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

fn attrtuple_items(vm: &Vm, v: Value) -> Option<(&'static [Qstr], Vec<Value>)> {
    let t = native::get::<AttrTuple>(vm, v)?;
    match vm.heap.get(t.items)? {
        Obj::Tuple(items) => Some((t.names, items.to_vec())),
        _ => None,
    }
}

fn attrtuple_attr(vm: &mut Vm, obj: Value, name: Qstr) -> PyResult<Option<Value>> {
    let Some((names, items)) = attrtuple_items(vm, obj) else {
        return Ok(None);
    };
    Ok(names
        .iter()
        .position(|&n| n == name)
        .and_then(|i| items.get(i).copied()))
}

fn attrtuple_repr(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let Some((names, items)) = attrtuple_items(vm, a[0]) else {
        return Err(vm.type_error("expected attrtuple"));
    };
    let mut s = String::from("(");
    for (i, (&n, &v)) in names.iter().zip(items.iter()).enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(vm.qstrs.str(n));
        s.push('=');
        vm.repr_into(v, &mut s)?;
    }
    s.push(')');
    vm.new_string(s)
}

native_fn!(EXIT, "exit", 0, 1, |vm, a, _| {
    Err(match a.first() {
        Some(&code) => vm.new_exception_args(&ex::SYSTEM_EXIT, &[code]),
        None => vm.new_exception(&ex::SYSTEM_EXIT, ""),
    })
});

// `sys.atexit(func)`: the one function to call when the program ends (None clears it);
// returns the previous one, as MicroPython does.
native_fn!(ATEXIT, "atexit", 1, 1, |vm, a, _| {
    let (key, h) = (Value::qstr(q::ATEXIT), vm.qstrs.hash(q::ATEXIT));
    let prev = match vm.extra_roots.find_identical(h, key) {
        Some(p) => {
            let old = vm.extra_roots.entry(p).map_or(Value::NONE, |e| e.value);
            vm.extra_roots.set_value_at(p, a[0]);
            old
        }
        None => {
            let r = vm.extra_roots.push_new(h, key, a[0]);
            vm.mem(r)?;
            Value::NONE
        }
    };
    Ok(prev)
});

/// Call the function registered with `sys.atexit` (once); ports call this when the main
/// program and the REPL are done. An exception it raises is printed.
pub fn run_atexit(vm: &mut Vm) {
    let (key, h) = (Value::qstr(q::ATEXIT), vm.qstrs.hash(q::ATEXIT));
    let Some(p) = vm.extra_roots.find_identical(h, key) else {
        return;
    };
    let f = vm.extra_roots.entry(p).map_or(Value::NONE, |e| e.value);
    vm.extra_roots.set_value_at(p, Value::NONE);
    if f != Value::NONE {
        vm.roots.push(f);
        if let Err(e) = vm.call(f, &[], &[]) {
            if vm.system_exit_code(e.0).is_none() {
                vm.print_exception(e.0);
            }
        }
        vm.roots.pop();
    }
}

native_fn!(PRINT_EXCEPTION, "print_exception", 1, 2, |vm, a, _| {
    let text = vm.format_exception(a[0]);
    let file = a.get(1).copied().unwrap_or(Value::NONE);
    write_to(vm, file, &text)?;
    Ok(Value::NONE)
});

native_fn!(EXC_INFO, "exc_info", 0, 0, |vm, _, _| {
    let e = vm.cur_exc;
    if e.is_null() || e == Value::NONE {
        return vm.new_tuple(&[Value::NONE, Value::NONE, Value::NONE]);
    }
    let t = crate::types::type_of(vm, e);
    vm.new_tuple(&[t, e, Value::NONE])
});

native_fn!(INTERN, "intern", 1, 1, |vm, a, _| {
    if !vm.is_str(a[0]) {
        return Err(vm.type_error("expected str"));
    }
    let qs = vm.to_qstr(a[0])?;
    Ok(Value::qstr(qs))
});

/// Write `text` to stream `file` (None or a console stream: straight to the console).
pub fn write_to(vm: &mut Vm, file: Value, text: &str) -> PyResult<()> {
    if file == Value::NONE {
        return vm.write_stdout(text);
    }
    match stream_fd(vm, file) {
        Some((2, _)) => {
            vm.port.write_err(text.as_bytes());
            Ok(())
        }
        Some(_) => {
            vm.port.write(text.as_bytes());
            Ok(())
        }
        None => {
            // Not a stream: OSError, as MicroPython's stream protocol check gives.
            if vm.getattr_opt(file, q::WRITE)?.is_none() {
                return Err(vm.os_error(22));
            }
            let s = vm.new_str(text)?;
            vm.call_method(file, q::WRITE, &[s])?;
            Ok(())
        }
    }
}

static IMPL_NAMES: &[Qstr] = &[q::NAME, q::VERSION, q::U_MACHINE, q::U_MPY, q::U_BUILD];

fn sys_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    // MicroPython's default: the current folder, then the frozen modules.
    let mut dirs = alloc::vec![Value::qstr(q::EMPTY)];
    if !vm.config.frozen.is_empty() {
        dirs.push(vm.new_str(crate::modules::frozen::FROZEN_PATH)?);
    }
    let path = vm.new_list(dirs)?;
    vm.dict_set_str(g, q::PATH, path)?;
    let argv = vm.new_list(Vec::new())?;
    vm.dict_set_str(g, q::ARGV, argv)?;
    vm.dict_set_str(g, q::MODULES, vm.modules)?;
    let plat = vm.new_str(vm.config.platform)?;
    vm.dict_set_str(g, q::PLATFORM, plat)?;
    for (name, fd) in [(q::STDIN_, 0u8), (q::STDOUT, 1), (q::STDERR, 2)] {
        let s = vm.alloc(Obj::Native(Box::new(ConsoleStream { fd })))?;
        vm.dict_set_str(g, name, s)?;
    }
    let vi = vm.new_tuple(&[
        Value::small_int(3),
        Value::small_int(4),
        Value::small_int(0),
    ])?;
    vm.dict_set_str(g, q::VERSION_INFO, vi)?;
    let empty = vm.new_str("")?;
    let iv = vm.new_tuple(&[
        Value::small_int(0),
        Value::small_int(1),
        Value::small_int(0),
        empty,
    ])?;
    let base = vm.roots.len();
    vm.roots.push(iv);
    let r = (|| {
        let name = vm.new_str("micropython")?;
        vm.roots.push(name);
        let machine = vm.new_str("Zython with Rust")?;
        vm.roots.push(machine);
        let build = vm.new_str("zython")?;
        vm.roots.push(build);
        let items = vm.new_tuple(&[
            name,
            iv,
            machine,
            Value::small_int(MPY_VERSION as isize),
            build,
        ])?;
        let imp = vm.alloc(Obj::Native(Box::new(AttrTuple {
            names: IMPL_NAMES,
            items,
        })))?;
        vm.dict_set_str(g, q::IMPLEMENTATION, imp)
    })();
    vm.roots.truncate(base);
    r
}

static SYS_ATTRS: &[(Qstr, Attr)] = &[
    (
        q::BYTEORDER,
        Attr::Str(if cfg!(target_endian = "little") {
            &"little"
        } else {
            &"big"
        }),
    ),
    (q::MAXSIZE, Attr::Int(isize::MAX)),
    (q::VERSION, Attr::Str(&"3.4.0; Zython 0.1.0")),
    (q::EXIT, Attr::Fn(&EXIT)),
    (q::ATEXIT, Attr::Fn(&ATEXIT)),
    (q::PRINT_EXCEPTION, Attr::Fn(&PRINT_EXCEPTION)),
    (q::EXC_INFO, Attr::Fn(&EXC_INFO)),
    (q::INTERN, Attr::Fn(&INTERN)),
];

#[allow(dead_code)]
const _: u8 = VAR_ARGS;

/// The `sys` module.
pub static SYS_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "sys",
    attrs: SYS_ATTRS,
    init: Some(sys_init),
});

impl Vm {
    /// Replace `sys.argv`.
    pub fn set_argv(&mut self, args: &[&str]) -> PyResult<()> {
        let mut items = Vec::with_capacity(args.len());
        for a in args {
            let v = self.new_str(a)?;
            self.roots.push(v);
            items.push(v);
        }
        self.roots.truncate(self.roots.len() - items.len());
        let l = self.new_list(items)?;
        let g = self.sys_dict;
        self.dict_set_str(g, q::ARGV, l)
    }

    /// Replace `sys.path`.
    pub fn set_path(&mut self, dirs: &[&str]) -> PyResult<()> {
        let mut items = Vec::with_capacity(dirs.len());
        for a in dirs {
            let v = self.new_str(a)?;
            self.roots.push(v);
            items.push(v);
        }
        self.roots.truncate(self.roots.len() - items.len());
        let l = self.new_list(items)?;
        let g = self.sys_dict;
        self.dict_set_str(g, q::PATH, l)
    }

    /// The exit status for an uncaught SystemExit (printing its message if not an int).
    pub fn system_exit_code(&mut self, e: Value) -> Option<i32> {
        if !self.exc_is(e, &crate::types::exceptions::SYSTEM_EXIT) {
            return None;
        }
        let code = self.stop_value(e);
        if code == Value::NONE {
            return Some(0);
        }
        if let Some(i) = code.as_small_int() {
            return Some(i as i32);
        }
        let mut s = String::new();
        let _ = self.str_into(code, &mut s);
        s.push('\n');
        self.port.write_err(s.as_bytes());
        Some(1)
    }
}
