//! The `io` module and the builtin `open`: in-memory streams (`StringIO`, `BytesIO`) and
//! files on the port's filesystem.
//!
//! All four kinds are one native object, [`Stream`]: a byte buffer with a position. A file
//! opened for reading is read whole through `Port::read_file`; a file opened for writing is
//! created (or truncated) at open, and every `write` appends through `Port::write_file`, so
//! nothing is lost when a file is never closed.

use crate::modules::native;
use crate::native_fn;
use crate::obj::{NativeObject, Obj};
use crate::qstr::{q, Qstr};
use crate::statics::{Attr, ModuleDef, StaticObj, TypeDef, VAR_ARGS};
use crate::types::object::OBJECT;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;

/// What a stream is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `io.StringIO`.
    StringIO,
    /// `io.BytesIO`.
    BytesIO,
    /// A file opened in text mode.
    TextFile,
    /// A file opened in binary mode.
    BinFile,
}

/// An in-memory stream or an open file.
#[derive(Debug)]
pub struct Stream {
    /// The kind (decides the type and str/bytes results).
    pub kind: Kind,
    /// The contents (for files opened to read: the whole file).
    pub data: Vec<u8>,
    /// Read/write position.
    pub pos: usize,
    /// `close()` was called.
    pub closed: bool,
    /// For files opened to write: where writes go.
    pub path: Option<String>,
    /// May it be read?
    pub readable: bool,
    /// May it be written?
    pub writable: bool,
    /// `+` modes: `data` mirrors the whole file, and each write stores it back.
    pub mirror: bool,
    /// A `BytesIO(b)` reads the bytes object `b` itself (NULL otherwise) until its first
    /// write copies it into `data`, as MicroPython's BytesIO does.
    pub shared: Value,
}

/// What stream `s` holds: `data`, or the bytes object it shares.
fn contents<'a>(vm: &'a Vm, s: &'a Stream) -> &'a [u8] {
    match vm.heap.get(s.shared) {
        Some(Obj::Bytes(b)) if !s.shared.is_null() => b,
        _ => &s.data,
    }
}

impl Stream {
    fn text(&self) -> bool {
        matches!(self.kind, Kind::StringIO | Kind::TextFile)
    }
}

native_fn!(READ, "read", 1, 2, |vm, a, _| {
    let n = size_arg(vm, a.get(1))?;
    let text = stream(vm, a[0])?.text();
    let data = take(vm, a[0], |d, pos| match n {
        None => d.len(),
        // Text streams count characters: step over UTF-8 continuation bytes.
        Some(n) if text => {
            let mut end = pos;
            for _ in 0..n {
                if end >= d.len() {
                    break;
                }
                end += 1;
                while d.get(end).is_some_and(|b| b & 0xC0 == 0x80) {
                    end += 1;
                }
            }
            end
        }
        Some(n) => pos.saturating_add(n).min(d.len()),
    })?;
    result(vm, a[0], data)
});
native_fn!(READLINE, "readline", 1, 2, |vm, a, _| {
    let n = size_arg(vm, a.get(1))?;
    let data = take(vm, a[0], |d, pos| line_end(d, pos, n))?;
    result(vm, a[0], data)
});
native_fn!(READLINES, "readlines", 1, 2, |vm, a, _| {
    let list = vm.new_list(Vec::new())?;
    let base = vm.roots.len();
    vm.roots.push(list);
    let r = (|| loop {
        let data = take(vm, a[0], |d, pos| line_end(d, pos, None))?;
        if data.is_empty() {
            return Ok(list);
        }
        let v = result(vm, a[0], data)?;
        if let Some(Obj::List(l)) = vm.heap.get_mut(list) {
            if l.try_reserve(1).is_err() {
                return Err(vm.no_memory());
            }
            l.push(v);
        }
    })();
    vm.roots.truncate(base);
    r
});
native_fn!(NEXT, "__next__", 1, 1, |vm, a, _| {
    let data = take(vm, a[0], |d, pos| line_end(d, pos, None))?;
    if data.is_empty() {
        return Err(vm.new_exception(&crate::types::exceptions::STOP_ITERATION, ""));
    }
    result(vm, a[0], data)
});
native_fn!(WRITE, "write", 2, 4, write);
native_fn!(READINTO, "readinto", 2, 3, |vm, a, _| {
    let cap = match crate::types::memoryview::writable_data(vm, a[1]) {
        Some(b) => b.len(),
        None => return Err(vm.type_error("object with buffer protocol required")),
    };
    let want = match size_arg(vm, a.get(2))? {
        Some(n) => n.min(cap),
        None => cap,
    };
    let data = take(vm, a[0], |d, pos| pos.saturating_add(want).min(d.len()))?;
    let n = data.len();
    if let Some(dst) =
        crate::types::memoryview::writable_data(vm, a[1]).and_then(|b| b.get_mut(..n))
    {
        dst.copy_from_slice(&data);
    }
    vm.new_int(n as i64)
});
native_fn!(GETVALUE, "getvalue", 1, 1, |vm, a, _| {
    stream(vm, a[0])?;
    let data = native::get::<Stream>(vm, a[0]).map_or(Vec::new(), |s| contents(vm, s).to_vec());
    result(vm, a[0], data)
});
native_fn!(SEEK, "seek", 2, 3, |vm, a, _| {
    let off = vm.to_i64(a[1])?;
    let whence = match a.get(2) {
        Some(&w) => vm.to_i64(w)?,
        None => 0,
    };
    stream(vm, a[0])?;
    let (pos, len) = native::get::<Stream>(vm, a[0])
        .map_or((0, 0), |s| (s.pos as i64, contents(vm, s).len() as i64));
    let new = match whence {
        0 => off,
        1 => pos.saturating_add(off),
        2 => len.saturating_add(off),
        _ => return Err(vm.os_error(22)),
    };
    if new < 0 {
        return Err(vm.os_error(22));
    }
    let new = new as usize;
    if let Some(s) = native::get_mut::<Stream>(vm, a[0]) {
        s.pos = new;
    }
    vm.new_int(new as i64)
});
native_fn!(TELL, "tell", 1, 1, |vm, a, _| {
    let pos = stream(vm, a[0])?.pos;
    vm.new_int(pos as i64)
});
native_fn!(FLUSH, "flush", 1, 1, |vm, a, _| {
    stream(vm, a[0])?;
    Ok(Value::NONE)
});
native_fn!(CLOSE, "close", 1, 1, |vm, a, _| {
    if let Some(s) = native::get_mut::<Stream>(vm, a[0]) {
        s.closed = true;
        if s.path.is_some() {
            s.data = Vec::new();
        }
    }
    Ok(Value::NONE)
});
native_fn!(ENTER, "__enter__", 1, 1, |_, a, _| Ok(a[0]));
native_fn!(EXIT, "__exit__", 1, VAR_ARGS, |vm, a, _| {
    if let Some(s) = native::get_mut::<Stream>(vm, a[0]) {
        s.closed = true;
    }
    Ok(Value::NONE)
});
native_fn!(ITER, "__iter__", 1, 1, |_, a, _| Ok(a[0]));
native_fn!(REPR, "__repr__", 1, 1, |vm, a, _| {
    let name = match native::get::<Stream>(vm, a[0]) {
        Some(s) => match s.type_obj() {
            StaticObj::Type(t) => t.name,
            _ => "stream",
        },
        None => "stream",
    };
    let s = alloc::format!("<io.{} object at {:x}>", name, a[0].bits());
    vm.new_string(s)
});

static STREAM_ATTRS: &[(Qstr, Attr)] = &[
    (q::READ, Attr::Fn(&READ)),
    (q::READLINE, Attr::Fn(&READLINE)),
    (q::READLINES, Attr::Fn(&READLINES)),
    (q::WRITE, Attr::Fn(&WRITE)),
    (q::READINTO, Attr::Fn(&READINTO)),
    (q::GETVALUE, Attr::Fn(&GETVALUE)),
    (q::SEEK, Attr::Fn(&SEEK)),
    (q::TELL, Attr::Fn(&TELL)),
    (q::FLUSH, Attr::Fn(&FLUSH)),
    (q::CLOSE, Attr::Fn(&CLOSE)),
    (q::__ENTER__, Attr::Fn(&ENTER)),
    (q::__EXIT__, Attr::Fn(&EXIT)),
    (q::__ITER__, Attr::Fn(&ITER)),
    (q::__NEXT__, Attr::Fn(&NEXT)),
    (q::__REPR__, Attr::Fn(&REPR)),
];

macro_rules! stream_type {
    ($id:ident, $name:expr, $new:expr) => {
        #[doc = concat!("The `", $name, "` type.")]
        pub static $id: StaticObj = StaticObj::Type(&TypeDef {
            name: $name,
            base: Some(&OBJECT),
            attrs: STREAM_ATTRS,
            make_new: $new,
            attr_hook: None,
            subclassable: true,
        });
    };
}

/// `io.IOBase`: a base for Python classes that implement the stream methods themselves.
pub static IOBASE_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "IOBase",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: true,
});

/// Is `v` an instance of a Python subclass of `io.IOBase` (a stream whose `readinto`,
/// `write` and `ioctl` are Python methods, driven as MicroPython's stream protocol)?
pub fn is_iobase(vm: &Vm, v: Value) -> bool {
    vm.isinstance(v, Value::from_static(&IOBASE_TYPE))
}

/// Call `method` of IOBase instance `obj` with a bytearray of `data` and check its answer
/// as MicroPython does: None means "would block" (`Ok(None)`), a count above the buffer's
/// size is OSError(EIO), a negative count is OSError(-count).
fn iobase_call(
    vm: &mut Vm,
    obj: Value,
    method: Qstr,
    data: Vec<u8>,
) -> PyResult<(Value, Option<usize>)> {
    let size = data.len();
    vm.reserve(size)?;
    let buf = vm.alloc(Obj::ByteArray(data))?;
    let base = vm.roots.len();
    vm.roots.push(buf);
    let r = vm.call_method(obj, method, &[buf]);
    vm.roots.truncate(base);
    let r = r?;
    if r == Value::NONE {
        return Ok((buf, None));
    }
    let n = vm.to_i64(r)?;
    if n < 0 {
        return Err(vm.os_error(n.saturating_neg().min(i32::MAX as i64) as i32));
    }
    if n as u64 > size as u64 {
        return Err(vm.os_error(5));
    }
    Ok((buf, Some(n as usize)))
}

/// Write all of `data` to IOBase instance `obj` through its `write` method (stopping early
/// when it writes nothing or would block).
pub fn iobase_write(vm: &mut Vm, obj: Value, mut data: &[u8]) -> PyResult<()> {
    while !data.is_empty() {
        match iobase_call(vm, obj, q::WRITE, data.to_vec())?.1 {
            Some(n) if n > 0 => data = &data[n..],
            _ => break,
        }
    }
    Ok(())
}

/// Read IOBase instance `obj` to its end through `readinto`, `chunk` bytes at a time (one
/// as MicroPython's json.load reads a stream).
pub fn iobase_read_all(vm: &mut Vm, obj: Value, chunk: usize) -> PyResult<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let (buf, n) = iobase_call(vm, obj, q::READINTO, alloc::vec![0; chunk])?;
        let n = match n {
            Some(n) if n > 0 => n,
            _ => return Ok(out),
        };
        vm.reserve(n)?;
        if out.try_reserve(n).is_err() {
            return Err(vm.no_memory());
        }
        if let Some(Obj::ByteArray(b)) = vm.heap.get(buf) {
            out.extend_from_slice(&b[..n.min(b.len())]);
        }
    }
}

stream_type!(STRINGIO_TYPE, "StringIO", Some(stringio_new));
stream_type!(BYTESIO_TYPE, "BytesIO", Some(bytesio_new));
stream_type!(TEXTIO_TYPE, "TextIOWrapper", None);
stream_type!(FILEIO_TYPE, "FileIO", None);

impl NativeObject for Stream {
    fn type_obj(&self) -> &'static StaticObj {
        match self.kind {
            Kind::StringIO => &STRINGIO_TYPE,
            Kind::BytesIO => &BYTESIO_TYPE,
            Kind::TextFile => &TEXTIO_TYPE,
            Kind::BinFile => &FILEIO_TYPE,
        }
    }
    fn trace(&self, out: &mut dyn FnMut(Value)) {
        if !self.shared.is_null() {
            out(self.shared);
        }
    }
    fn bytes(&self) -> usize {
        self.data.capacity()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// The open stream behind `v` (ValueError when closed).
fn stream(vm: &mut Vm, v: Value) -> PyResult<&Stream> {
    let closed = match native::get::<Stream>(vm, v) {
        Some(s) => s.closed,
        None => return Err(vm.type_error("expected a stream")),
    };
    if closed {
        return Err(vm.value_error("I/O operation on closed file"));
    }
    native::get::<Stream>(vm, v).ok_or(crate::vm::PyErr(Value::NONE))
}

fn size_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        Some(&v) if v != Value::NONE => {
            let n = vm.to_index(v)?;
            Ok(if n < 0 { None } else { Some(n as usize) })
        }
        _ => Ok(None),
    }
}

/// End of the line starting at `pos` (after its newline), at most `max` bytes.
fn line_end(d: &[u8], pos: usize, max: Option<usize>) -> usize {
    let limit = max.map_or(d.len(), |m| pos.saturating_add(m).min(d.len()));
    let start = pos.min(limit);
    match d[start..limit].iter().position(|&b| b == b'\n') {
        Some(i) => start + i + 1,
        None => limit,
    }
}

/// Take bytes from the position to `end(data, pos)` and advance.
fn take(vm: &mut Vm, v: Value, end: impl Fn(&[u8], usize) -> usize) -> PyResult<Vec<u8>> {
    if !stream(vm, v)?.readable {
        return Err(vm.os_error(9));
    }
    let Some(s) = native::get::<Stream>(vm, v) else {
        return Ok(Vec::new());
    };
    let d = contents(vm, s);
    let pos = s.pos.min(d.len());
    let e = end(d, pos).clamp(pos, d.len());
    // Room for this copy (the caller makes it the result object), collecting the garbage of
    // earlier reads first if need be: on a board a plain copy could exhaust the allocator arena.
    vm.reserve_collecting(e - pos, &[v])?;
    let mut out = Vec::new();
    if out.try_reserve_exact(e - pos).is_err() {
        return Err(vm.no_memory());
    }
    if let Some(s) = native::get::<Stream>(vm, v) {
        out.extend_from_slice(contents(vm, s).get(pos..e).unwrap_or_default());
    }
    if let Some(s) = native::get_mut::<Stream>(vm, v) {
        s.pos = e;
    }
    Ok(out)
}

/// Bytes as the stream's result type (str for text streams: UnicodeError if not UTF-8).
/// `data` (from [`take`], which made room for it) becomes the object itself, without a copy.
fn result(vm: &mut Vm, v: Value, data: Vec<u8>) -> PyResult<Value> {
    let text = native::get::<Stream>(vm, v).is_some_and(|s| s.text());
    if text {
        match String::from_utf8(data) {
            Ok(s) => vm.new_string(s),
            Err(_) => Err(vm.new_exception(&crate::types::exceptions::UNICODE_ERROR, "")),
        }
    } else {
        vm.alloc(Obj::Bytes(data.into_boxed_slice()))
    }
}

fn write(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let (text, writable, path) = {
        let s = stream(vm, a[0])?;
        (s.text(), s.writable, s.path.clone())
    };
    if !writable {
        return Err(vm.os_error(9));
    }
    let data: Vec<u8> = if text {
        match vm.str_data(a[1]) {
            Some(s) => s.as_bytes().to_vec(),
            None => return Err(vm.type_error("object with buffer protocol required")),
        }
    } else {
        match native::buffer(vm, a[1]) {
            Some(b) if !vm.is_str(a[1]) => b,
            _ => return Err(vm.type_error("object with buffer protocol required")),
        }
    };
    // MicroPython's extension: write(buf, len) and write(buf, offset, len) write a clipped slice.
    let data = match a.len() {
        3 | 4 => {
            let off = if a.len() == 4 {
                vm.to_index(a[2])? as usize
            } else {
                0
            };
            let len = vm.to_index(a[a.len() - 1])? as usize;
            let off = off.min(data.len());
            data[off..off + len.min(data.len() - off)].to_vec()
        }
        _ => data,
    };
    let n = data.len();
    let mirror = native::get::<Stream>(vm, a[0]).is_some_and(|s| s.mirror);
    if let (Some(p), false) = (&path, mirror) {
        if !vm.port.write_file(p, &data, true) {
            return Err(vm.os_error(5));
        }
        return vm.new_int(n as i64);
    }
    // The first write to a BytesIO sharing a bytes object copies it.
    let shared = native::get::<Stream>(vm, a[0]).map_or(Value::NULL, |s| s.shared);
    if let Some(Obj::Bytes(b)) = vm.heap.get(shared).filter(|_| !shared.is_null()) {
        let copy = b.to_vec();
        vm.reserve(copy.len())?;
        if let Some(s) = native::get_mut::<Stream>(vm, a[0]) {
            s.data = copy;
            s.shared = Value::NULL;
        }
    }
    // Only growth past the buffer's room counts (a preallocated BytesIO(n) takes writes
    // while the heap is locked).
    let grow = native::get::<Stream>(vm, a[0]).map_or(0, |s| {
        s.pos.saturating_add(n).saturating_sub(s.data.capacity())
    });
    if grow > 0 {
        vm.reserve(grow)?;
    }
    let ok = match native::get_mut::<Stream>(vm, a[0]) {
        Some(s) => {
            let pos = s.pos;
            let end = pos.saturating_add(n);
            if end > s.data.len() {
                if s.data.try_reserve(end - s.data.len()).is_err() {
                    false
                } else {
                    s.data.resize(end, 0);
                    true
                }
            } else {
                true
            }
            .then(|| {
                s.data[pos..end].copy_from_slice(&data);
                s.pos = end;
            })
            .is_some()
        }
        None => true,
    };
    if !ok {
        return Err(vm.no_memory());
    }
    if let Some(p) = path {
        let stored = match native::get::<Stream>(vm, a[0]) {
            Some(s) => {
                let d = s.data.clone();
                vm.port.write_file(&p, &d, false)
            }
            None => true,
        };
        if !stored {
            return Err(vm.os_error(5));
        }
    }
    vm.new_int(n as i64)
}

fn new_stream(vm: &mut Vm, kind: Kind, data: Vec<u8>, path: Option<String>) -> PyResult<Value> {
    let writable = path.is_some() || matches!(kind, Kind::StringIO | Kind::BytesIO);
    let readable = path.is_none();
    vm.alloc(Obj::Native(Box::new(Stream {
        kind,
        data,
        pos: 0,
        closed: false,
        path,
        readable,
        writable,
        mirror: false,
        shared: Value::NULL,
    })))
}

/// A file opened with `+`: readable and writable, contents mirrored in memory.
fn new_mirror(vm: &mut Vm, kind: Kind, data: Vec<u8>, path: String, pos: usize) -> PyResult<Value> {
    vm.reserve(data.len())?;
    vm.alloc(Obj::Native(Box::new(Stream {
        kind,
        data,
        pos,
        closed: false,
        path: Some(path),
        readable: true,
        writable: true,
        mirror: true,
        shared: Value::NULL,
    })))
}

/// `StringIO(n)`/`BytesIO(n)`: an empty buffer with room for `n` bytes (MicroPython).
fn initial_capacity(vm: &mut Vm, v: Option<&Value>) -> PyResult<Vec<u8>> {
    let n = match v.and_then(|v| v.as_small_int()) {
        Some(n) if n > 0 => n as usize,
        _ => return Ok(Vec::new()),
    };
    vm.reserve(n)?;
    let mut d = Vec::new();
    d.try_reserve_exact(n).map_err(|_| vm.no_memory())?;
    Ok(d)
}

fn stringio_new(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let data = match a.get(1) {
        Some(&v) if v != Value::NONE && !v.is_small_int() => match vm.str_data(v) {
            Some(s) => s.as_bytes().to_vec(),
            None => return Err(vm.type_error("expected str")),
        },
        v => initial_capacity(vm, v)?,
    };
    new_stream(vm, Kind::StringIO, data, None)
}

fn bytesio_new(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if let Some(&b) = a
        .get(1)
        .filter(|&&b| matches!(vm.heap.get(b), Some(Obj::Bytes(_))))
    {
        let st = new_stream(vm, Kind::BytesIO, Vec::new(), None)?;
        if let Some(s) = native::get_mut::<Stream>(vm, st) {
            s.shared = b;
        }
        return Ok(st);
    }
    let data = match a.get(1) {
        Some(&v) if v != Value::NONE && !v.is_small_int() => match native::buffer(vm, v) {
            Some(b) if !vm.is_str(v) => b,
            _ => return Err(vm.type_error("object with buffer protocol required")),
        },
        v => initial_capacity(vm, v)?,
    };
    new_stream(vm, Kind::BytesIO, data, None)
}

native_fn!(OPEN, "open", 1, 8, open, kw);

/// `open(path, mode='r')`: read modes load the file, write modes create or append to it.
fn open(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let path = match vm.str_data(a[0]) {
        Some(p) => String::from(p),
        None => return Err(vm.type_error("expected str")),
    };
    let mode_v = a.get(1).copied().or(native::kwarg(kw, q::MODE));
    let mode = match mode_v {
        Some(m) => match vm.str_data(m) {
            Some(s) => String::from(s),
            None => return Err(vm.type_error("expected str")),
        },
        None => String::from("r"),
    };
    // A path on a filesystem mounted with `vfs`: its open() makes the file object.
    #[cfg(feature = "modules-full")]
    match crate::modules::vfs::resolve(vm, &path) {
        crate::modules::vfs::Place::Native => {}
        crate::modules::vfs::Place::Missing => return Err(vm.os_error(2)),
        crate::modules::vfs::Place::User(fs, p) => {
            return crate::modules::vfs::open(vm, fs, &p, &mode)
        }
    }
    let binary = mode.contains('b');
    let kind = if binary {
        Kind::BinFile
    } else {
        Kind::TextFile
    };
    if mode.contains('+') {
        if vm.port.stat_kind(&path) == 2 {
            return Err(vm.os_error(21));
        }
        let existing = load(vm, &path)?;
        if mode.contains('r') {
            return match existing {
                Some(d) => new_mirror(vm, kind, d, path, 0),
                None => Err(vm.os_error(2)),
            };
        }
        if mode.contains('x') && existing.is_some() {
            return Err(vm.os_error(17));
        }
        let data = if mode.contains('a') {
            existing.unwrap_or_default()
        } else {
            Vec::new()
        };
        if !vm.port.write_file(&path, &data, false) {
            return Err(vm.os_error(2));
        }
        let end = data.len();
        return new_mirror(vm, kind, data, path, end);
    }
    if mode.contains('w') || mode.contains('a') || mode.contains('x') {
        let append = mode.contains('a');
        if mode.contains('x') && vm.port.stat_kind(&path) != 0 {
            return Err(vm.os_error(17));
        }
        if vm.port.stat_kind(&path) == 2 {
            return Err(vm.os_error(21));
        }
        if !vm.port.write_file(&path, &[], append) {
            return Err(vm.os_error(2));
        }
        return new_stream(vm, kind, Vec::new(), Some(path));
    }
    if vm.port.stat_kind(&path) == 2 {
        return Err(vm.os_error(21));
    }
    match load(vm, &path)? {
        Some(data) => new_stream(vm, kind, data, None),
        None => Err(vm.os_error(2)),
    }
}

/// The whole file at `path` (`None` when missing), with room made for it first: a collection
/// when the heap is short, MemoryError when it cannot fit (rather than "not found").
fn load(vm: &mut Vm, path: &str) -> PyResult<Option<Vec<u8>>> {
    if let Some(size) = vm.port.file_size(path) {
        vm.reserve_collecting(usize::try_from(size).unwrap_or(usize::MAX), &[])?;
    }
    Ok(vm.port.read_file(path))
}

fn io_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    vm.dict_set_str(g, q::T_STRING_I_O, Value::from_static(&STRINGIO_TYPE))?;
    vm.dict_set_str(g, q::T_BYTES_I_O, Value::from_static(&BYTESIO_TYPE))?;
    let k = vm.qstrs.intern_static("IOBase");
    vm.dict_set_str(g, k, Value::from_static(&IOBASE_TYPE))?;
    vm.dict_set_str(g, q::OPEN, Value::from_static(&OPEN))
}

/// The `io` module.
pub static IO_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "io",
    attrs: &[],
    init: Some(io_init),
});

#[cfg(test)]
mod tests {
    #[test]
    fn line_ends() {
        let d = b"ab\ncd";
        assert_eq!(super::line_end(d, 0, None), 3);
        assert_eq!(super::line_end(d, 3, None), 5);
        assert_eq!(super::line_end(d, 0, Some(1)), 1);
        assert_eq!(super::line_end(d, 9, None), 5);
    }
}
