//! `memoryview` over bytes, bytearray and `array.array`: length, indexing (typed items for
//! arrays), contiguous slicing (a slice is another view of the same object), writes through
//! to mutable objects, `tobytes`, `tolist`, `hex`, `itemsize`.

use crate::native_fn;
use crate::obj::{NativeObject, Obj};
use crate::qstr::q;
use crate::statics::{Attr, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::any::Any;

/// A view of `len` items from item `start` of the buffer of `obj`.
#[derive(Debug, Clone, Copy)]
pub struct MemoryView {
    /// The bytes, bytearray or array viewed.
    pub obj: Value,
    /// First item of the view.
    pub start: usize,
    /// Items in the view.
    pub len: usize,
    /// Writes are refused (the object is immutable).
    pub readonly: bool,
    /// Item typecode (`B` for bytes and bytearray).
    pub code: u8,
}

impl MemoryView {
    fn size(&self) -> usize {
        crate::modules::array::item_size(self.code).unwrap_or(1)
    }
}

/// The raw bytes of a viewable object.
fn raw(vm: &Vm, obj: Value) -> Option<&[u8]> {
    if let Some(b) = vm.bytes_data(obj) {
        return Some(b);
    }
    if let Some(s) = vm.str_data(obj) {
        return Some(s.as_bytes());
    }
    match vm.heap.get(obj)? {
        Obj::Native(n) => n
            .as_any()
            .downcast_ref::<crate::modules::array::Array>()
            .map(|a| &a.data[..]),
        _ => None,
    }
}

/// The raw bytes of a mutable viewable object.
pub fn raw_mut(vm: &mut Vm, obj: Value) -> Option<&mut [u8]> {
    match vm.heap.get_mut(obj)? {
        Obj::ByteArray(b) => Some(&mut b[..]),
        Obj::Native(n) => n
            .as_any_mut()
            .downcast_mut::<crate::modules::array::Array>()
            .map(|a| &mut a.data[..]),
        _ => None,
    }
}

/// The writable bytes behind `v` as (object, byte offset, byte length): a bytearray, an
/// array or a writable memoryview of one; None for anything else.
pub fn writable_region(vm: &Vm, v: Value) -> Option<(Value, usize, usize)> {
    match vm.heap.get(v)? {
        Obj::ByteArray(b) => Some((v, 0, b.len())),
        Obj::Native(n) => {
            let any = n.as_any();
            if let Some(a) = any.downcast_ref::<crate::modules::array::Array>() {
                return Some((v, 0, a.data.len()));
            }
            #[cfg(feature = "modules-full")]
            if let Some(f) = any.downcast_ref::<crate::modules::framebuf::FrameBuffer>() {
                return f.region();
            }
            let mv = any.downcast_ref::<MemoryView>().filter(|m| !m.readonly)?;
            let sz = mv.size();
            Some((mv.obj, mv.start * sz, mv.len * sz))
        }
        _ => None,
    }
}

impl NativeObject for MemoryView {
    fn type_obj(&self) -> &'static StaticObj {
        &MEMORYVIEW
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

/// The builtin type `memoryview`.
pub static MEMORYVIEW: StaticObj = StaticObj::Type(&TypeDef {
    name: "memoryview",
    base: Some(&OBJECT),
    attrs: &[
        (q::__LEN__, Attr::Fn(&MV_LEN)),
        (q::__GETITEM__, Attr::Fn(&MV_GETITEM)),
        (q::__SETITEM__, Attr::Fn(&MV_SETITEM)),
        (q::TOBYTES, Attr::Fn(&MV_TOBYTES)),
        (q::TOLIST, Attr::Fn(&MV_TOLIST)),
        (q::HEX, Attr::Fn(&crate::types::bytes::HEX_FN)),
        (q::__EQ__, Attr::Fn(&MV_EQ)),
        (q::__NE__, Attr::Fn(&MV_NE)),
    ],
    make_new: Some(mv_make_new),
    attr_hook: Some(mv_attr),
    subclassable: false,
});

fn view(vm: &Vm, v: Value) -> Option<MemoryView> {
    match vm.heap.get(v)? {
        Obj::Native(n) => n.as_any().downcast_ref::<MemoryView>().copied(),
        _ => None,
    }
}

/// The bytes a memoryview currently shows (None if `v` is not a memoryview).
pub fn view_data(vm: &Vm, v: Value) -> Option<Vec<u8>> {
    let mv = view(vm, v)?;
    let sz = mv.size();
    let data = raw(vm, mv.obj)?;
    let end = (mv.start.saturating_add(mv.len).saturating_mul(sz)).min(data.len());
    let st = mv.start.saturating_mul(sz).min(end);
    Some(data.get(st..end).unwrap_or(&[]).to_vec())
}

/// The bytes a writable memoryview shows, or of a bytearray or array (what `readinto` fills).
pub fn writable_data(vm: &mut Vm, v: Value) -> Option<&mut [u8]> {
    let (obj, range) = match view(vm, v) {
        Some(mv) if mv.readonly => return None,
        Some(mv) => {
            let sz = mv.size();
            let st = mv.start.saturating_mul(sz);
            (mv.obj, Some((st, mv.len.saturating_mul(sz))))
        }
        None => (v, None),
    };
    let data = raw_mut(vm, obj)?;
    match range {
        Some((st, n)) => {
            let st = st.min(data.len());
            let end = st.saturating_add(n).min(data.len());
            data.get_mut(st..end)
        }
        None => Some(data),
    }
}

fn mv_attr(vm: &mut Vm, v: Value, name: crate::qstr::Qstr) -> PyResult<Option<Value>> {
    match view(vm, v) {
        Some(mv) if name == q::ITEMSIZE => Ok(Some(Value::small_int(mv.size() as isize))),
        _ => Ok(None),
    }
}

fn this(vm: &mut Vm, v: Value) -> PyResult<MemoryView> {
    match view(vm, v) {
        Some(m) => Ok(m),
        None => Err(vm.type_error("expected memoryview")),
    }
}

/// The view's length in items, clipped to the buffer (a bytearray may have shrunk).
fn cur_len(vm: &Vm, mv: &MemoryView) -> usize {
    let n = raw(vm, mv.obj).map_or(0, |d| d.len()) / mv.size();
    mv.len.min(n.saturating_sub(mv.start))
}

fn mv_make_new(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let args = &crate::statics::Args(args);
    let x = match args.get(1) {
        Some(&x) => crate::types::textargs::unwrap_self(vm, x),
        None => return Err(vm.type_error("memoryview() missing required argument")),
    };
    if let Some(mv) = view(vm, x) {
        return vm.alloc(Obj::Native(Box::new(mv)));
    }
    // A FrameBuffer exposes the bytes it draws on (MicroPython's buffer protocol).
    #[cfg(feature = "modules-full")]
    if let Some((obj, start, len)) =
        crate::modules::native::get::<crate::modules::framebuf::FrameBuffer>(vm, x)
            .and_then(|f| f.region())
    {
        let readonly = match vm.heap.get(obj) {
            Some(Obj::Bytes(_)) => true,
            Some(Obj::ByteArray(_)) => false,
            _ => return Err(vm.type_error("object with buffer protocol required")),
        };
        return vm.alloc(Obj::Native(Box::new(MemoryView {
            obj,
            start,
            len,
            readonly,
            code: b'B',
        })));
    }
    let (len, readonly, code) = match vm.heap.get(x) {
        Some(Obj::Bytes(b)) => (b.len(), true, b'B'),
        Some(Obj::ByteArray(b)) => (b.len(), false, b'B'),
        Some(Obj::Native(n)) => match n.as_any().downcast_ref::<crate::modules::array::Array>() {
            Some(a) => (a.len(), false, a.code),
            None => return Err(vm.type_error("object with buffer protocol required")),
        },
        // A str is a read-only buffer of its UTF-8 bytes (MicroPython).
        _ => match vm.str_data(x) {
            Some(s) => (s.len(), true, b'B'),
            None => return Err(vm.type_error("object with buffer protocol required")),
        },
    };
    vm.alloc(Obj::Native(Box::new(MemoryView {
        obj: x,
        start: 0,
        len,
        readonly,
        code,
    })))
}

native_fn!(MV_LEN, "__len__", 1, 1, |vm, a, _| {
    let mv = this(vm, a[0])?;
    let n = cur_len(vm, &mv);
    vm.new_int(n as i64)
});

native_fn!(MV_GETITEM, "__getitem__", 2, 2, |vm, a, _| {
    let mv = this(vm, a[0])?;
    let n = cur_len(vm, &mv);
    if matches!(vm.heap.get(a[1]), Some(Obj::Slice(..))) {
        let (s, e, step) = crate::types::list::slice_indices(vm, a[1], n)?;
        if step != 1 {
            return Err(vm.new_exception(
                &crate::types::exceptions::NOT_IMPLEMENTED_ERROR,
                "only slices with step=1 (aka None) are supported",
            ));
        }
        let s = s.max(0) as usize;
        let e = (e.max(s as isize)) as usize;
        return vm.alloc(Obj::Native(Box::new(MemoryView {
            obj: mv.obj,
            start: mv.start + s,
            len: e - s,
            readonly: mv.readonly,
            code: mv.code,
        })));
    }
    let i = vm.seq_index(a[1], n, "memoryview")?;
    item(vm, &mv, i)
});

native_fn!(MV_SETITEM, "__setitem__", 3, 3, |vm, a, _| {
    let mv = this(vm, a[0])?;
    if mv.readonly {
        return Err(vm.type_error("'memoryview' object doesn't support item assignment"));
    }
    let n = cur_len(vm, &mv);
    if matches!(vm.heap.get(a[1]), Some(Obj::Slice(..))) {
        let (s, e, step) = crate::types::list::slice_indices(vm, a[1], n)?;
        if step != 1 {
            return Err(vm.new_exception(
                &crate::types::exceptions::NOT_IMPLEMENTED_ERROR,
                "only slices with step=1 (aka None) are supported",
            ));
        }
        let s = s.max(0) as usize;
        let e = (e.max(s as isize)) as usize;
        let src = match crate::types::bytes::buffer_data(vm, a[2]) {
            Some(d) => d,
            None => return Err(vm.type_error("a bytes-like object is required")),
        };
        let sz = mv.size();
        if src.len() != (e - s) * sz {
            return Err(vm.value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        if let Some(b) = raw_mut(vm, mv.obj) {
            if let Some(dst) = b.get_mut((mv.start + s) * sz..(mv.start + e) * sz) {
                dst.copy_from_slice(&src);
            }
        }
        return Ok(Value::NONE);
    }
    let i = vm.seq_index(a[1], n, "memoryview")?;
    let sz = mv.size();
    let mut buf = [0u8; 8];
    if mv.code == b'B' {
        let x = vm.to_i64(a[2])?;
        if !(0..256).contains(&x) {
            return Err(vm.value_error("byte must be in range(0, 256)"));
        }
        buf[0] = x as u8;
    } else {
        crate::modules::array::store(vm, mv.code, a[2], &mut buf[..sz], true)?;
    }
    if let Some(b) = raw_mut(vm, mv.obj) {
        if let Some(d) = b.get_mut((mv.start + i) * sz..(mv.start + i + 1) * sz) {
            d.copy_from_slice(&buf[..sz]);
        }
    }
    Ok(Value::NONE)
});

native_fn!(MV_TOBYTES, "tobytes", 1, 1, |vm, a, _| {
    let d = view_data(vm, a[0]).unwrap_or_default();
    vm.new_bytes(&d)
});

/// `self == other` against any buffer; NotImplemented for other objects.
fn mv_compare(vm: &mut Vm, a: &[Value], eq: bool) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let mine = view_data(vm, a[0]).unwrap_or_default();
    match crate::types::bytes::buffer_data(vm, a[1]) {
        Some(other) => Ok(Value::bool((mine == other) == eq)),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

native_fn!(MV_EQ, "__eq__", 2, 2, |vm, a, _| mv_compare(vm, a, true));
native_fn!(MV_NE, "__ne__", 2, 2, |vm, a, _| mv_compare(vm, a, false));

/// Item `i` of the view (already bounds-checked against `cur_len`).
fn item(vm: &mut Vm, mv: &MemoryView, i: usize) -> PyResult<Value> {
    let sz = mv.size();
    let mut buf = [0u8; 8];
    if let Some(d) =
        raw(vm, mv.obj).and_then(|d| d.get((mv.start + i) * sz..(mv.start + i + 1) * sz))
    {
        buf[..sz].copy_from_slice(d);
    }
    if mv.code == b'B' {
        return Ok(Value::small_int(buf[0] as isize));
    }
    crate::modules::array::load(vm, mv.code, &buf[..sz], true)
}

native_fn!(MV_TOLIST, "tolist", 1, 1, |vm, a, _| {
    let mv = this(vm, a[0])?;
    let n = cur_len(vm, &mv);
    let mut items = Vec::with_capacity(n);
    for i in 0..n {
        items.push(item(vm, &mv, i)?);
    }
    vm.new_list(items)
});
