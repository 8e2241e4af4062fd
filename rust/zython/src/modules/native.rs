//! Small helpers shared by the native modules: downcasting native objects, keyword lookup.

use crate::obj::Obj;
use crate::qstr::Qstr;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The native object of Rust type `T` behind `v` (or behind the builtin base of a user
/// subclass instance), if there is one.
pub fn get<T: 'static>(vm: &Vm, v: Value) -> Option<&T> {
    let v = target::<T>(vm, v)?;
    match vm.heap.get(v)? {
        Obj::Native(n) => n.as_any().downcast_ref::<T>(),
        _ => None,
    }
}

/// Mutable access to the native object of Rust type `T` behind `v`.
pub fn get_mut<T: 'static>(vm: &mut Vm, v: Value) -> Option<&mut T> {
    let v = target::<T>(vm, v)?;
    match vm.heap.get_mut(v)? {
        Obj::Native(n) => n.as_any_mut().downcast_mut::<T>(),
        _ => None,
    }
}

/// `v` itself when it holds a `T`, else the builtin object inside a user subclass instance.
fn target<T: 'static>(vm: &Vm, v: Value) -> Option<Value> {
    match vm.heap.get(v)? {
        Obj::Native(n) if n.as_any().is::<T>() => Some(v),
        Obj::Instance(_) => vm.native_base_value(v),
        _ => None,
    }
}

/// The value of keyword argument `name`, if given.
pub fn kwarg(kw: &[(Value, Value)], name: Qstr) -> Option<Value> {
    kw.iter()
        .find(|(k, _)| k.as_qstr() == Some(name))
        .map(|&(_, v)| v)
}

/// Raise TypeError("unexpected keyword argument") unless every keyword is in `allowed`.
pub fn check_kw(vm: &mut Vm, kw: &[(Value, Value)], allowed: &[Qstr]) -> PyResult<()> {
    for (k, _) in kw {
        match k.as_qstr() {
            Some(q) if allowed.contains(&q) => {}
            _ => return Err(vm.type_error("unexpected keyword argument")),
        }
    }
    Ok(())
}

/// Bytes of any buffer object: bytes, bytearray, str (its UTF-8) or a native buffer (array,
/// BytesIO contents are not buffers). Copied, so the caller may allocate afterwards.
pub fn buffer(vm: &Vm, v: Value) -> Option<alloc::vec::Vec<u8>> {
    if let Some(b) = vm.bytes_data(v) {
        return Some(b.to_vec());
    }
    if let Some(a) = get::<super::array::Array>(vm, v) {
        return Some(a.data.clone());
    }
    #[cfg(feature = "modules-full")]
    if get::<super::framebuf::FrameBuffer>(vm, v).is_some() {
        return super::framebuf::buffer(vm, v);
    }
    if let Some(m) = get::<crate::types::memoryview::MemoryView>(vm, v) {
        // A view of bytes, bytearray or an array (never of another view): its slice.
        let size = super::array::item_size(m.code).unwrap_or(1);
        let (obj, start, len) = (m.obj, m.start * size, m.len * size);
        if get::<crate::types::memoryview::MemoryView>(vm, obj).is_some() {
            return None;
        }
        let whole = buffer(vm, obj)?;
        return whole.get(start..start + len).map(<[u8]>::to_vec);
    }
    None
}

/// Put builtin functions into module dict `g` under their own names.
pub fn fill(vm: &mut Vm, g: Value, fns: &[&'static crate::statics::StaticObj]) -> PyResult<()> {
    for &f in fns {
        if let Some(bf) = f.as_fn() {
            let k = vm.qstrs.intern_static(bf.name);
            vm.dict_set_str(g, k, Value::from_static(f))?;
        }
    }
    Ok(())
}
