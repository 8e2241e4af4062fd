//! `memoryview` over bytes and bytearray: length, indexing, contiguous slicing (a slice is
//! another view of the same object), writes through to a bytearray, `tobytes`, `tolist`.

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

/// A view of `len` bytes from `start` of the buffer of `obj`.
#[derive(Debug, Clone, Copy)]
pub struct MemoryView {
    /// The bytes or bytearray viewed.
    pub obj: Value,
    /// First byte of the view.
    pub start: usize,
    /// Bytes in the view.
    pub len: usize,
    /// Writes are refused (the object is immutable).
    pub readonly: bool,
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
pub static MEMORYVIEW: StaticObj = StaticObj::Type(TypeDef {
    name: "memoryview",
    base: Some(&OBJECT),
    attrs: &[
        (q::__LEN__, Attr::Fn(&MV_LEN)),
        (q::__GETITEM__, Attr::Fn(&MV_GETITEM)),
        (q::__SETITEM__, Attr::Fn(&MV_SETITEM)),
        (q::TOBYTES, Attr::Fn(&MV_TOBYTES)),
        (q::TOLIST, Attr::Fn(&MV_TOLIST)),
    ],
    make_new: Some(mv_make_new),
    attr_hook: None,
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
    let data = vm.bytes_data(mv.obj)?;
    let end = mv.start.saturating_add(mv.len).min(data.len());
    Some(data.get(mv.start.min(end)..end).unwrap_or(&[]).to_vec())
}

fn this(vm: &mut Vm, v: Value) -> PyResult<MemoryView> {
    match view(vm, v) {
        Some(m) => Ok(m),
        None => Err(vm.type_error("expected memoryview")),
    }
}

/// The view's length, clipped to the buffer (a bytearray may have shrunk).
fn cur_len(vm: &Vm, mv: &MemoryView) -> usize {
    let n = vm.bytes_data(mv.obj).map_or(0, |d| d.len());
    mv.len.min(n.saturating_sub(mv.start))
}

fn mv_make_new(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let x = match args.get(1) {
        Some(&x) => crate::types::textargs::unwrap_self(vm, x),
        None => return Err(vm.type_error("memoryview() missing required argument")),
    };
    if let Some(mv) = view(vm, x) {
        return vm.alloc(Obj::Native(Box::new(mv)));
    }
    let (len, readonly) = match vm.heap.get(x) {
        Some(Obj::Bytes(b)) => (b.len(), true),
        Some(Obj::ByteArray(b)) => (b.len(), false),
        _ => return Err(vm.type_error("object with buffer protocol required")),
    };
    vm.alloc(Obj::Native(Box::new(MemoryView {
        obj: x,
        start: 0,
        len,
        readonly,
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
        })));
    }
    let i = vm.seq_index(a[1], n, "memoryview")?;
    let b = vm
        .bytes_data(mv.obj)
        .and_then(|d| d.get(mv.start + i).copied())
        .unwrap_or(0);
    Ok(Value::small_int(b as isize))
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
        if src.len() != e - s {
            return Err(vm.value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        if let Some(Obj::ByteArray(b)) = vm.heap.get_mut(mv.obj) {
            if let Some(dst) = b.get_mut(mv.start + s..mv.start + e) {
                dst.copy_from_slice(&src);
            }
        }
        return Ok(Value::NONE);
    }
    let i = vm.seq_index(a[1], n, "memoryview")?;
    let x = vm.to_i64(a[2])?;
    if !(0..256).contains(&x) {
        return Err(vm.value_error("byte must be in range(0, 256)"));
    }
    if let Some(Obj::ByteArray(b)) = vm.heap.get_mut(mv.obj) {
        if let Some(d) = b.get_mut(mv.start + i) {
            *d = x as u8;
        }
    }
    Ok(Value::NONE)
});

native_fn!(MV_TOBYTES, "tobytes", 1, 1, |vm, a, _| {
    let d = view_data(vm, a[0]).unwrap_or_default();
    vm.new_bytes(&d)
});

native_fn!(MV_TOLIST, "tolist", 1, 1, |vm, a, _| {
    let d = view_data(vm, a[0]).unwrap_or_default();
    let items: Vec<Value> = d.iter().map(|&b| Value::small_int(b as isize)).collect();
    vm.new_list(items)
});
