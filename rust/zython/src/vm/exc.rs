//! Exceptions: making them, matching them, and printing tracebacks.

use super::{PyErr, PyResult, Vm};
use crate::obj::{Exception, Obj, TbEntry};
use crate::qstr::{q, Qstr};
use crate::statics::StaticObj;
use crate::types::{self, exceptions as ex};
use crate::value::Value;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

/// Make the MemoryError instance used when the heap is full (allocated at start-up).
pub fn prealloc_memory_error(vm: &mut Vm) -> Value {
    let args = vm
        .heap
        .alloc(Obj::Tuple(Box::new([])))
        .unwrap_or(Value::NULL);
    vm.heap
        .alloc(Obj::Exception(Exception::new(
            Value::from_static(&ex::MEMORY_ERROR),
            args,
        )))
        .unwrap_or(Value::NULL)
}

/// Make the emergency exception, its args tuple and its message string (at start-up).
pub fn prealloc_emergency(vm: &mut Vm) -> [Value; 3] {
    let mut made = [Value::NULL; 3];
    let objs = [
        Obj::Str(crate::obj::Str {
            s: "".into(),
            hash: 0,
        }),
        Obj::Tuple(Box::new([])),
        Obj::Exception(Exception::new(
            Value::from_static(&ex::EXCEPTION),
            Value::NULL,
        )),
    ];
    for (slot, o) in made.iter_mut().rev().zip(objs) {
        *slot = vm.heap.alloc(o).unwrap_or(Value::NULL);
    }
    made
}

/// Words of the emergency buffer MicroPython keeps for traceback entries and a tuple header.
const EMG_HEADER_WORDS: usize = 8;
/// Words before an emergency message's text (header, one-item tuple, str object).
const EMG_STR_WORDS: usize = 13;

/// `ExceptionType(*args)`: the constructor of every exception type (args[0] is the type).
pub fn exception_make_new(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let args = &crate::statics::Args(args);
    let class = args
        .first()
        .copied()
        .unwrap_or(Value::from_static(&ex::EXCEPTION));
    let items = args.get(1..).unwrap_or(&[]);
    let made = vm
        .new_tuple(items)
        .and_then(|t| vm.alloc(Obj::Exception(Exception::new(class, t))));
    match made {
        Err(e) => vm.emergency_exception(class, items, None).ok_or(e),
        ok => ok,
    }
}

/// `BaseException.__init__(self, *args)`: sets `args` and completes an instance whose
/// subclass `__init__` is running.
pub fn exception_init(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let tuple = vm.new_tuple(args.get(1..).unwrap_or(&[]))?;
    match args.first().and_then(|&e| vm.heap.get_mut(e)) {
        Some(Obj::Exception(e)) => {
            e.args = tuple;
            e.incomplete = false;
            Ok(Value::NONE)
        }
        _ => Err(vm.type_error("need an exception instance")),
    }
}

/// Attributes of exception instances: `args`, `value` (StopIteration), `errno`, `code`.
pub fn exception_attr(vm: &mut Vm, obj: Value, name: Qstr) -> PyResult<Option<Value>> {
    let (args, cause, context) = match vm.heap.get(obj) {
        Some(Obj::Exception(e)) => (e.args, e.cause, e.context),
        _ => return Ok(None),
    };
    if name == q::ARGS {
        return Ok(Some(args));
    }
    if name == q::__CAUSE__ {
        return Ok(Some(if cause.is_null() { Value::NONE } else { cause }));
    }
    if name == q::__CONTEXT__ {
        return Ok(Some(if context.is_null() {
            Value::NONE
        } else {
            context
        }));
    }
    let n = vm.qstrs.str(name);
    if name == q::VALUE || name == q::ERRNO || n == "code" {
        let first = match vm.heap.get(args) {
            Some(Obj::Tuple(t)) => t.first().copied(),
            _ => None,
        };
        return Ok(Some(first.unwrap_or(Value::NONE)));
    }
    if n == "strerror" || n == "filename" {
        let v = match vm.heap.get(args) {
            Some(Obj::Tuple(t)) => t.get(if n == "strerror" { 1 } else { 2 }).copied(),
            _ => None,
        };
        return Ok(Some(v.unwrap_or(Value::NONE)));
    }
    Ok(None)
}

impl Vm {
    /// A new exception of builtin type `ty` with a message (no message when `msg` is empty).
    pub fn new_exception(&mut self, ty: &'static StaticObj, msg: &str) -> PyErr {
        if msg.is_empty() {
            return self.new_exception_args(ty, &[]);
        }
        match self.new_str(msg) {
            Ok(s) => {
                self.roots.push(s);
                let e = self.new_exception_args(ty, &[s]);
                self.roots.pop();
                e
            }
            Err(e) => match self.emergency_exception(Value::from_static(ty), &[], Some(msg)) {
                Some(v) => PyErr(v),
                None => e,
            },
        }
    }

    /// The emergency exception, made `class(*args)` or `class(msg)`, for when the heap is
    /// locked or full. Its args and message are kept as far as the emergency buffer
    /// (`alloc_emergency_exception_buf`) holds them, as in MicroPython: the args are
    /// dropped and the message shortened otherwise. None without emergency objects.
    pub fn emergency_exception(
        &mut self,
        class: Value,
        args: &[Value],
        msg: Option<&str>,
    ) -> Option<Value> {
        let [exc, tuple, text] = self.emergency;
        if exc.is_null() || class == Value::from_static(&ex::MEMORY_ERROR) {
            return None;
        }
        let word = core::mem::size_of::<usize>();
        let room = self.emergency_buf / word;
        let mut items: Vec<Value> = Vec::new();
        if let Some(m) = msg {
            if room >= EMG_STR_WORDS + 2 {
                let mut n = (self.emergency_buf - EMG_STR_WORDS * word).min(m.len());
                while !m.is_char_boundary(n) {
                    n -= 1;
                }
                let mut st = String::new();
                if st.try_reserve_exact(n).is_ok() {
                    st.push_str(m.get(..n).unwrap_or(""));
                    if let Some(Obj::Str(s)) = self.heap.get_mut(text) {
                        s.s = st.into_boxed_str();
                        s.hash = crate::qstr::hash_bytes(s.s.as_bytes());
                    }
                    items.push(text);
                }
            }
        } else if EMG_HEADER_WORDS + args.len() <= room
            && items.try_reserve_exact(args.len()).is_ok()
        {
            items.extend_from_slice(args);
        }
        let items = items.into_boxed_slice();
        if let Some(Obj::Tuple(t)) = self.heap.get_mut(tuple) {
            *t = items;
        }
        if let Some(Obj::Exception(e)) = self.heap.get_mut(exc) {
            e.class = class;
            e.args = tuple;
            e.traceback.clear();
            e.dict = crate::obj::Dict::new();
            e.cause = Value::NULL;
            e.context = Value::NULL;
            e.incomplete = false;
        }
        Some(exc)
    }

    /// A new exception of builtin type `ty` whose args are `args`.
    pub fn new_exception_args(&mut self, ty: &'static StaticObj, args: &[Value]) -> PyErr {
        let made = self
            .new_tuple(args)
            .and_then(|t| self.alloc(Obj::Exception(Exception::new(Value::from_static(ty), t))));
        match made {
            Ok(v) => PyErr(v),
            Err(e) => match self.emergency_exception(Value::from_static(ty), args, None) {
                Some(v) => PyErr(v),
                None => e,
            },
        }
    }

    /// TypeError(msg).
    pub fn type_error(&mut self, msg: &str) -> PyErr {
        self.new_exception(&ex::TYPE_ERROR, msg)
    }

    /// ValueError(msg).
    pub fn value_error(&mut self, msg: &str) -> PyErr {
        self.new_exception(&ex::VALUE_ERROR, msg)
    }

    /// IndexError(msg).
    pub fn index_error(&mut self, msg: &str) -> PyErr {
        self.new_exception(&ex::INDEX_ERROR, msg)
    }

    /// KeyError(key).
    pub fn key_error(&mut self, key: Value) -> PyErr {
        self.new_exception_args(&ex::KEY_ERROR, &[key])
    }

    /// AttributeError(msg).
    pub fn attribute_error(&mut self, msg: &str) -> PyErr {
        self.new_exception(&ex::ATTRIBUTE_ERROR, msg)
    }

    /// ZeroDivisionError(msg).
    pub fn zero_division(&mut self, msg: &str) -> PyErr {
        self.new_exception(&ex::ZERO_DIVISION_ERROR, msg)
    }

    /// OverflowError(msg).
    pub fn overflow_error(&mut self, msg: &str) -> PyErr {
        self.new_exception(&ex::OVERFLOW_ERROR, msg)
    }

    /// RuntimeError(msg).
    pub fn runtime_error(&mut self, msg: &str) -> PyErr {
        self.new_exception(&ex::RUNTIME_ERROR, msg)
    }

    /// NameError for an unbound name.
    pub fn name_error(&mut self, name: Qstr) -> PyErr {
        let msg = format!("name '{}' isn't defined", self.qstrs.str(name));
        self.new_exception(&ex::NAME_ERROR, &msg)
    }

    /// OSError(errno).
    pub fn os_error(&mut self, errno: i32) -> PyErr {
        let v = Value::small_int(errno as isize);
        self.new_exception_args(&ex::OS_ERROR, &[v])
    }

    /// "unsupported types for X: 'a', 'b'"
    pub fn unsupported_binop(&mut self, op: &str, a: Value, b: Value) -> PyErr {
        let ta = types::type_of(self, a);
        let tb = types::type_of(self, b);
        let msg = format!(
            "unsupported types for {}: '{}', '{}'",
            op,
            types::type_name(self, ta),
            types::type_name(self, tb)
        );
        self.type_error(&msg)
    }

    /// "can't convert X to Y" style message naming the type of `v`.
    pub fn type_error_for(&mut self, fmt_before: &str, v: Value, fmt_after: &str) -> PyErr {
        let t = types::type_of(self, v);
        let msg = format!("{}'{}'{}", fmt_before, types::type_name(self, t), fmt_after);
        self.type_error(&msg)
    }

    /// Is exception instance/type `exc` an instance of exception type (or tuple of types) `ty`?
    pub fn exception_matches(&mut self, exc: Value, ty: Value) -> PyResult<bool> {
        if let Some(Obj::Tuple(items)) = self.heap.get(ty) {
            let items: Vec<Value> = items.to_vec();
            for t in items {
                if self.exception_matches(exc, t)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if !self.is_exception_type(ty) {
            return Err(self.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
        let et = if self.is_exception_type(exc) {
            exc
        } else {
            types::type_of(self, exc)
        };
        Ok(self.is_subclass(et, ty))
    }

    /// Is `t` an exception type (builtin or user class derived from BaseException)?
    pub fn is_exception_type(&self, t: Value) -> bool {
        if let Some(s) = t.as_static() {
            return s.as_type().is_some() && types::static_is_sub(s, &ex::BASE_EXCEPTION);
        }
        match self.heap.get(t) {
            Some(Obj::Class(c)) => types::static_is_sub(c.native_base, &ex::BASE_EXCEPTION),
            _ => false,
        }
    }

    /// Is exception value `e` an instance of builtin exception type `ty`?
    pub fn exc_is(&self, e: Value, ty: &'static StaticObj) -> bool {
        let t = types::type_of(self, e);
        self.is_subclass(t, Value::from_static(ty))
    }

    /// Turn the operand of `raise X` into an exception instance.
    pub fn make_raise_obj(&mut self, v: Value) -> PyResult<Value> {
        if matches!(self.heap.get(v), Some(Obj::Exception(e)) if !e.incomplete) {
            return Ok(v);
        }
        if self.is_exception_type(v) {
            let r = self.call(v, &[], &[])?;
            if matches!(self.heap.get(r), Some(Obj::Exception(_))) {
                return Ok(r);
            }
        }
        Err(self.type_error("exceptions must derive from BaseException"))
    }

    /// The MemoryError to raise in place of the pre-made one once the request that failed is
    /// gone: MicroPython's "memory allocation failed, allocating N bytes" (or "heap is
    /// locked"); the pre-made one, without message, when the size is unknown or even this
    /// small exception does not fit.
    pub fn sized_memory_error(&mut self) -> Value {
        let msg = match core::mem::take(&mut self.heap.last_refused) {
            0 => return self.memory_error,
            usize::MAX => String::from("memory allocation failed, heap is locked"),
            n => format!("memory allocation failed, allocating {} bytes", n),
        };
        // Under heap_lock MicroPython has a static buffer for this; here the lock is lifted for
        // the three small objects of this one exception.
        let locked = core::mem::replace(&mut self.heap.lock_depth, 0);
        let e = self.new_exception(&ex::MEMORY_ERROR, &msg).0;
        self.heap.lock_depth = locked;
        self.heap.last_refused = 0;
        e
    }

    /// Append a traceback line to exception `e`.
    pub fn add_traceback(&mut self, e: Value, file: Qstr, line: u32, func: Qstr) {
        if e == self.memory_error {
            return;
        }
        if let Some(Obj::Exception(x)) = self.heap.get_mut(e) {
            if x.traceback.len() < 64 && x.traceback.try_reserve(1).is_ok() {
                x.traceback.push(TbEntry { file, line, func });
            }
        }
    }

    /// Format an exception as MicroPython prints it: traceback then `Type: message`.
    pub fn format_exception(&mut self, e: Value) -> String {
        let mut out = String::new();
        let tb: Vec<TbEntry> = match self.heap.get(e) {
            Some(Obj::Exception(x)) => x.traceback.clone(),
            _ => Vec::new(),
        };
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            for t in tb.iter().rev() {
                let _ = write!(
                    out,
                    "  File \"{}\", line {}",
                    self.qstrs.str(t.file),
                    t.line
                );
                if t.func == q::EMPTY {
                    out.push('\n');
                } else {
                    let _ = writeln!(out, ", in {}", self.qstrs.str(t.func));
                }
            }
        }
        self.format_exception_only(e, &mut out);
        out.push('\n');
        out
    }

    /// `Type: message` for exception `e`, as MicroPython prints it under a traceback
    /// (the colon is always there; OSError with an errno number names the errno).
    pub fn format_exception_only(&mut self, e: Value, out: &mut String) {
        let t = types::type_of(self, e);
        out.push_str(types::type_name(self, t));
        out.push_str(": ");
        let args = match self.heap.get(e) {
            Some(Obj::Exception(x)) => x.args,
            _ => Value::NULL,
        };
        let items: Vec<Value> = match self.heap.get(args) {
            Some(Obj::Tuple(t)) => t.to_vec(),
            _ => Vec::new(),
        };
        if self.exc_is(e, &ex::OS_ERROR) && (1..3).contains(&items.len()) {
            if let Some(n) = items[0].as_small_int() {
                if let Some(name) = crate::vm::exc::errno_name(n) {
                    let _ = write!(out, "[Errno {}] {}", n, name);
                    if items.len() == 2 {
                        out.push_str(": ");
                        let _ = self.str_into(items[1], out);
                    }
                    return;
                }
            }
        }
        let _ = self.str_into(e, out);
    }

    /// Print an uncaught exception to the error stream.
    pub fn print_exception(&mut self, e: Value) {
        let s = self.format_exception(e);
        if self.errors_to_stdout {
            self.write_console(&s);
        } else if self.crlf {
            let s = s.replace('\n', "\r\n");
            self.port.write_err(s.as_bytes());
        } else {
            self.port.write_err(s.as_bytes());
        }
    }

    /// Print `Warning: msg` where errors go (MicroPython's mp_warning).
    pub fn warning(&mut self, msg: &str) {
        let s = alloc::format!("Warning: {msg}\n");
        if self.errors_to_stdout {
            self.write_console(&s);
        } else if self.crlf {
            self.port.write_err(s.replace('\n', "\r\n").as_bytes());
        } else {
            self.port.write_err(s.as_bytes());
        }
    }

    /// Write text to the console, turning "\n" into "\r\n" on serial consoles.
    pub fn write_console(&mut self, s: &str) {
        if self.crlf && s.contains('\n') {
            let mut lines = s.split('\n');
            if let Some(first) = lines.next() {
                self.port.write(first.as_bytes());
            }
            for line in lines {
                self.port.write(b"\r\n");
                self.port.write(line.as_bytes());
            }
        } else {
            self.port.write(s.as_bytes());
        }
    }
}

/// The symbolic name of an errno value (MicroPython prints OSError(2) as "[Errno 2] ENOENT").
pub fn errno_name(n: isize) -> Option<&'static str> {
    Some(match n {
        1 => "EPERM",
        2 => "ENOENT",
        3 => "ESRCH",
        4 => "EINTR",
        5 => "EIO",
        6 => "ENXIO",
        7 => "E2BIG",
        9 => "EBADF",
        11 => "EAGAIN",
        12 => "ENOMEM",
        13 => "EACCES",
        17 => "EEXIST",
        19 => "ENODEV",
        20 => "ENOTDIR",
        21 => "EISDIR",
        22 => "EINVAL",
        28 => "ENOSPC",
        30 => "EROFS",
        95 => "EOPNOTSUPP",
        98 => "EADDRINUSE",
        103 => "ECONNABORTED",
        104 => "ECONNRESET",
        105 => "ENOBUFS",
        107 => "ENOTCONN",
        110 => "ETIMEDOUT",
        111 => "ECONNREFUSED",
        113 => "EHOSTUNREACH",
        114 => "EALREADY",
        115 => "EINPROGRESS",
        _ => return None,
    })
}
