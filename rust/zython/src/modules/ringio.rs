//! `micropython.RingIO`: a byte ring buffer with the stream methods (MicroPython's).
//!
//! `RingIO(n)` holds up to `n` bytes in a bytearray of `n + 1` it makes itself; `RingIO(buf)`
//! uses the writable buffer `buf` in place (bytearray, array or memoryview of one), holding
//! `len(buf) - 1` bytes. Reads take what is there and writes store what fits: neither blocks.

use crate::modules::native;
use crate::native_fn;
use crate::obj::{NativeObject, Obj};
use crate::qstr::q;
use crate::statics::{Attr, StaticObj, TypeDef, VAR_ARGS};
use crate::types::object::OBJECT;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::any::Any;

/// A ring buffer over `len` bytes at `off` in the buffer of `obj`.
#[derive(Debug)]
pub struct RingIO {
    obj: Value,
    off: usize,
    len: usize,
    iget: usize,
    iput: usize,
}

impl RingIO {
    fn avail(&self) -> usize {
        (self.iput + self.len - self.iget) % self.len
    }
    fn free(&self) -> usize {
        self.len - 1 - self.avail()
    }
}

impl NativeObject for RingIO {
    fn type_obj(&self) -> &'static StaticObj {
        &RINGIO_TYPE
    }
    fn trace(&self, out: &mut dyn FnMut(Value)) {
        out(self.obj);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// Stream poll of RingIO `v` for `events` (POLLIN 1, POLLOUT 4); None when `v` is not one.
pub fn poll(vm: &Vm, v: Value, events: u16) -> Option<u16> {
    let r = native::get::<RingIO>(vm, v)?;
    let rd = if r.avail() > 0 { 1 } else { 0 };
    let wr = if r.free() > 0 { 4 } else { 0 };
    Some((rd | wr) & events)
}

fn make_new(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error("function takes 1 positional arguments"));
    }
    let (obj, off, len) = match crate::types::memoryview::writable_region(vm, a[1]) {
        Some(r) => r,
        None => {
            let n = vm.to_index(a[1])?;
            if !(1..u16::MAX as isize).contains(&n) {
                return Err(vm.new_exception(&crate::types::exceptions::VALUE_ERROR, ""));
            }
            let n = n as usize + 1;
            vm.reserve(n)?;
            let mut d = Vec::new();
            d.try_reserve_exact(n).map_err(|_| vm.no_memory())?;
            d.resize(n, 0);
            (vm.alloc(Obj::ByteArray(d))?, 0, n)
        }
    };
    if !(2..=u16::MAX as usize).contains(&len) {
        return Err(vm.new_exception(&crate::types::exceptions::VALUE_ERROR, ""));
    }
    let r = RingIO {
        obj,
        off,
        len,
        iget: 0,
        iput: 0,
    };
    vm.alloc(Obj::Native(Box::new(r)))
}

fn this(vm: &mut Vm, v: Value) -> PyResult<&mut RingIO> {
    if native::get::<RingIO>(vm, v).is_none() {
        return Err(vm.type_error("expected a RingIO"));
    }
    native::get_mut::<RingIO>(vm, v).ok_or(crate::vm::PyErr(Value::NONE))
}

/// Take up to `max` bytes (and only up to a newline when `line`).
fn get(vm: &mut Vm, v: Value, max: usize, line: bool) -> PyResult<Vec<u8>> {
    let r = this(vm, v)?;
    let (obj, off, len, mut iget, n) = (r.obj, r.off, r.len, r.iget, r.avail().min(max));
    let mut out = Vec::new();
    if let Some(buf) =
        crate::types::memoryview::raw_mut(vm, obj).and_then(|b| b.get(off..off + len))
    {
        while out.len() < n {
            let c = buf[iget];
            iget = (iget + 1) % len;
            out.push(c);
            if line && c == b'\n' {
                break;
            }
        }
    }
    this(vm, v)?.iget = iget;
    Ok(out)
}

fn size_arg(vm: &mut Vm, a: Option<&Value>) -> PyResult<usize> {
    match a {
        Some(&n) if n != Value::NONE => Ok(vm.to_index(n)?.max(0) as usize),
        _ => Ok(usize::MAX),
    }
}

native_fn!(ANY, "any", 1, 1, |vm, a, _| {
    let n = this(vm, a[0])?.avail();
    Ok(Value::small_int(n as isize))
});
native_fn!(READ, "read", 1, 2, |vm, a, _| {
    let n = size_arg(vm, a.get(1))?;
    let d = get(vm, a[0], n, false)?;
    vm.new_bytes(&d)
});
native_fn!(READLINE, "readline", 1, 2, |vm, a, _| {
    let n = size_arg(vm, a.get(1))?;
    let d = get(vm, a[0], n, true)?;
    vm.new_bytes(&d)
});
native_fn!(READINTO, "readinto", 2, 3, |vm, a, _| {
    let Some((obj, off, len)) = crate::types::memoryview::writable_region(vm, a[1]) else {
        return Err(vm.type_error("object with buffer protocol required"));
    };
    let n = size_arg(vm, a.get(2))?.min(len);
    let d = get(vm, a[0], n, false)?;
    if let Some(dst) =
        crate::types::memoryview::raw_mut(vm, obj).and_then(|b| b.get_mut(off..off + d.len()))
    {
        dst.copy_from_slice(&d);
    }
    Ok(Value::small_int(d.len() as isize))
});
native_fn!(WRITE, "write", 2, 2, |vm, a, _| {
    let Some(src) = crate::types::bytes::buffer_data(vm, a[1]) else {
        return Err(vm.type_error("object with buffer protocol required"));
    };
    let r = this(vm, a[0])?;
    let (obj, off, len, mut iput) = (r.obj, r.off, r.len, r.iput);
    let mut n = r.free().min(src.len());
    match crate::types::memoryview::raw_mut(vm, obj).and_then(|b| b.get_mut(off..off + len)) {
        Some(buf) => {
            for &c in &src[..n] {
                buf[iput] = c;
                iput = (iput + 1) % len;
            }
        }
        // The buffer shrank under us: nothing can be stored.
        None => n = 0,
    }
    this(vm, a[0])?.iput = iput;
    Ok(Value::small_int(n as isize))
});
native_fn!(CLOSE, "close", 1, VAR_ARGS, |_, _, _| Ok(Value::NONE));
native_fn!(REPR, "__repr__", 1, 1, |vm, _, _| vm.new_str("<RingIO>"));

/// The `micropython.RingIO` type.
pub static RINGIO_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "RingIO",
    base: Some(&OBJECT),
    attrs: &[
        (q::ANY, Attr::Fn(&ANY)),
        (q::READ, Attr::Fn(&READ)),
        (q::READLINE, Attr::Fn(&READLINE)),
        (q::READINTO, Attr::Fn(&READINTO)),
        (q::WRITE, Attr::Fn(&WRITE)),
        (q::CLOSE, Attr::Fn(&CLOSE)),
        (q::__REPR__, Attr::Fn(&REPR)),
    ],
    make_new: Some(make_new),
    attr_hook: None,
    subclassable: false,
});
