//! Viper's pointer types and `uint`, for `@micropython.viper` functions run as bytecode.
//!
//! Zython has no native emitter: viper functions are compiled to bytecode, and a parameter
//! annotated `ptr8`/`ptr16`/`ptr32` is wrapped in one of these objects on entry. A pointer reads
//! and writes little-endian unsigned elements of its buffer (bytearray, bytes, array.array);
//! stores keep the low bits, as the machine store does. Unlike MicroPython's raw pointers, an
//! index outside the buffer raises IndexError instead of touching other memory, and a pointer
//! to an integer address is refused.

use crate::modules::array::Array;
use crate::modules::native;
use crate::native_fn;
use crate::obj::{NativeObject, Obj};
use crate::qstr::q;
use crate::statics::{Attr, StaticObj, TypeDef};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use core::any::Any;

/// A typed view of a buffer's elements.
#[derive(Debug)]
pub struct Ptr {
    /// The buffer object.
    buf: Value,
    /// Element size in bytes: 1, 2 or 4.
    size: u8,
}

impl NativeObject for Ptr {
    fn type_obj(&self) -> &'static StaticObj {
        match self.size {
            1 => &PTR8,
            2 => &PTR16,
            _ => &PTR32,
        }
    }
    fn trace(&self, out: &mut dyn FnMut(Value)) {
        out(self.buf);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// `ptrN(obj)`: a pointer to the elements of a buffer (or the same buffer as another pointer).
fn make(vm: &mut Vm, a: &[Value], size: u8) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let mut buf = a[1];
    if let Some(p) = native::get::<Ptr>(vm, buf) {
        buf = p.buf;
    }
    let ok = matches!(vm.heap.get(buf), Some(Obj::ByteArray(_) | Obj::Bytes(_)))
        || native::get::<Array>(vm, buf).is_some();
    if !ok {
        return Err(vm.type_error("viper pointers need a buffer (no raw addresses here)"));
    }
    vm.alloc(Obj::Native(alloc::boxed::Box::new(Ptr { buf, size })))
}

fn this(vm: &mut Vm, v: Value) -> PyResult<(Value, usize)> {
    match native::get::<Ptr>(vm, v) {
        Some(p) => Ok((p.buf, p.size as usize)),
        None => Err(vm.type_error("expected a viper pointer")),
    }
}

/// Byte range of element `i`, checked against the buffer length `len`.
fn span(vm: &mut Vm, i: Value, size: usize, len: usize) -> PyResult<core::ops::Range<usize>> {
    let i = vm.to_i64(i)?;
    let start = usize::try_from(i).ok().and_then(|i| i.checked_mul(size));
    match start {
        Some(s) if s + size <= len => Ok(s..s + size),
        _ => Err(vm.index_error("viper pointer index out of range")),
    }
}

native_fn!(GETITEM, "__getitem__", 2, 2, |vm, a, _| {
    let (buf, size) = this(vm, a[0])?;
    let data: &[u8] = match vm.heap.get(buf) {
        Some(Obj::ByteArray(b)) => b,
        Some(Obj::Bytes(b)) => b,
        _ => match native::get::<Array>(vm, buf) {
            Some(arr) => &arr.data,
            None => &[],
        },
    };
    let len = data.len();
    let r = span(vm, a[1], size, len)?;
    let data: &[u8] = match vm.heap.get(buf) {
        Some(Obj::ByteArray(b)) => b,
        Some(Obj::Bytes(b)) => b,
        _ => native::get::<Array>(vm, buf).map_or(&[], |arr| &arr.data),
    };
    let v = data
        .get(r)
        .unwrap_or(&[])
        .iter()
        .rev()
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
    vm.new_int(i64::from(v))
});

native_fn!(SETITEM, "__setitem__", 3, 3, |vm, a, _| {
    let (buf, size) = this(vm, a[0])?;
    let v = low_bits(vm, a[2])?;
    let len = match vm.heap.get(buf) {
        Some(Obj::ByteArray(b)) => b.len(),
        Some(Obj::Bytes(_)) => return Err(vm.type_error("can't store through a pointer to bytes")),
        _ => native::get::<Array>(vm, buf).map_or(0, |arr| arr.data.len()),
    };
    let r = span(vm, a[1], size, len)?;
    let bytes = v.to_le_bytes();
    let src = bytes.get(..size).unwrap_or(&[]);
    let dst: Option<&mut [u8]> = match vm.heap.get_mut(buf) {
        Some(Obj::ByteArray(b)) => b.get_mut(r.clone()),
        _ => None,
    };
    match dst {
        Some(d) => d.copy_from_slice(src),
        None => {
            if let Some(arr) = native::get_mut::<Array>(vm, buf) {
                if let Some(d) = arr.data.get_mut(r) {
                    d.copy_from_slice(src);
                }
            }
        }
    }
    Ok(Value::NONE)
});

/// The value as a machine word (viper integers are unsigned words of the pointer width;
/// bigger ints keep their low bits).
fn low_bits(vm: &mut Vm, v: Value) -> PyResult<usize> {
    if let Some(i) = v.as_small_int() {
        return Ok(i as usize);
    }
    match vm.heap.get(v) {
        Some(Obj::BigInt(b)) => {
            let (_, digits) = b.to_u64_digits();
            let low = digits.first().copied().unwrap_or(0) as usize;
            Ok(if b.sign() == crate::types::bigint::Sign::Minus {
                low.wrapping_neg()
            } else {
                low
            })
        }
        _ => Ok(vm.to_i64(v)? as usize),
    }
}

native_fn!(INT_FN, "__int__", 1, 1, |vm, a, _| {
    // Stands in for the address: equal for pointers to the same buffer.
    let (buf, _) = this(vm, a[0])?;
    vm.new_int(buf.bits() as i64 & 0x7fff_ffff)
});

native_fn!(UINT, "uint", 1, 1, |vm, a, _| {
    let v = low_bits(vm, a[0])?;
    vm.new_bigint(crate::types::bigint::BigInt::from(v as u64))
});

macro_rules! ptr_type {
    ($name:ident, $py:literal, $size:literal) => {
        #[doc = concat!("`", $py, "`: viper pointer to ", stringify!($size), "-byte elements.")]
        pub static $name: StaticObj = StaticObj::Type(&TypeDef {
            name: $py,
            base: Some(&crate::types::object::OBJECT),
            attrs: &[
                (q::__GETITEM__, Attr::Fn(&GETITEM)),
                (q::__SETITEM__, Attr::Fn(&SETITEM)),
                (q::__INT__, Attr::Fn(&INT_FN)),
            ],
            make_new: Some(|vm, a, _| {
                if a.len() != 2 {
                    return Err(vm.type_error("pointer cast takes one argument"));
                }
                make(vm, a, $size)
            }),
            attr_hook: None,
            subclassable: false,
        });
    };
}

ptr_type!(PTR8, "ptr8", 1);
ptr_type!(PTR16, "ptr16", 2);
ptr_type!(PTR32, "ptr32", 4);
