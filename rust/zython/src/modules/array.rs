//! The `array` module: `array(typecode[, init])`, typed arrays of numbers stored packed, plus
//! the element codec (`item_size`, `load`, `store`) that `struct` shares.
//!
//! Sizes are those of MicroPython's 32-bit ports on every target: b/B 1, h/H 2, i/I/l/L 4,
//! q/Q 8, f 4, d 8; elements are stored in the machine's byte order.

use crate::modules::native;
use crate::native_fn;
use crate::obj::{NativeObject, Obj};
use crate::qstr::q;
use crate::statics::{Attr, ModuleDef, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::value::Value;
use crate::vm::{ops, PyResult, Vm};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;

/// Bytes per element for a typecode, or None when the code is unknown.
pub fn item_size(code: u8) -> Option<usize> {
    Some(match code {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'i' | b'I' | b'l' | b'L' | b'f' => 4,
        b'q' | b'Q' | b'd' => 8,
        _ => return None,
    })
}

/// Read one element of type `code` from `b` (exactly `item_size(code)` bytes).
pub fn load(vm: &mut Vm, code: u8, b: &[u8], little: bool) -> PyResult<Value> {
    let n = b.len().min(8);
    let mut raw: u64 = 0;
    for i in 0..n {
        let byte = if little { b[n - 1 - i] } else { b[i] };
        raw = (raw << 8) | byte as u64;
    }
    let bits = (n * 8) as u32;
    let signed = |raw: u64| -> i64 {
        if bits == 0 || bits >= 64 {
            raw as i64
        } else {
            let shift = 64 - bits;
            ((raw << shift) as i64) >> shift
        }
    };
    match code {
        b'b' | b'h' | b'i' | b'l' | b'q' => vm.new_int(signed(raw)),
        b'B' | b'H' | b'I' | b'L' => vm.new_int(raw as i64),
        b'Q' => vm.new_bigint(crate::types::bigint::BigInt::from(raw)),
        b'f' => vm.new_float(f32::from_bits(raw as u32) as f64),
        b'd' => vm.new_float(f64::from_bits(raw)),
        _ => Err(vm.value_error("bad typecode")),
    }
}

/// The low 64 bits of an int value (two's complement), as MicroPython truncates on store.
pub fn int_bits(vm: &mut Vm, v: Value) -> PyResult<u64> {
    if let Some(i) = v.as_small_int() {
        return Ok(i as u64);
    }
    if v.is_bool() {
        return Ok((v == Value::TRUE) as u64);
    }
    match ops::as_bigint(vm, v) {
        Some(b) => {
            let (sign, digits) = b.to_u64_digits();
            let low = digits.first().copied().unwrap_or(0);
            Ok(if sign == crate::types::bigint::Sign::Minus {
                low.wrapping_neg()
            } else {
                low
            })
        }
        None => Err(vm.type_error_for("can't convert ", v, " to int")),
    }
}

/// Write one element of type `code` into `out` (exactly `item_size(code)` bytes).
pub fn store(vm: &mut Vm, code: u8, v: Value, out: &mut [u8], little: bool) -> PyResult<()> {
    let raw: u64 = match code {
        b'f' => (vm.to_f64(v)? as f32).to_bits() as u64,
        b'd' => vm.to_f64(v)?.to_bits(),
        _ => int_bits(vm, v)?,
    };
    let n = out.len().min(8);
    for i in 0..n {
        let byte = (raw >> (8 * i)) as u8;
        if little {
            out[i] = byte;
        } else {
            out[n - 1 - i] = byte;
        }
    }
    Ok(())
}

/// An `array.array`: packed elements of one typecode.
#[derive(Debug)]
pub struct Array {
    /// The typecode (b B h H i I l L q Q f d).
    pub code: u8,
    /// The packed elements, machine byte order.
    pub data: Vec<u8>,
}

impl Array {
    fn size(&self) -> usize {
        item_size(self.code).unwrap_or(1)
    }
    /// Number of elements.
    pub fn len(&self) -> usize {
        self.data.len() / self.size()
    }
    /// Is it empty?
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}

const LITTLE: bool = cfg!(target_endian = "little");

native_fn!(APPEND, "append", 2, 2, |vm, a, _| {
    append_value(vm, a[0], a[1])?;
    Ok(Value::NONE)
});
native_fn!(EXTEND, "extend", 2, 2, |vm, a, _| {
    extend(vm, a[0], a[1])?;
    Ok(Value::NONE)
});
native_fn!(LEN, "__len__", 1, 1, |vm, a, _| {
    let n = this(vm, a[0])?.len();
    Ok(Value::small_int(n as isize))
});
native_fn!(GETITEM, "__getitem__", 2, 2, getitem);
native_fn!(SETITEM, "__setitem__", 3, 3, setitem);
native_fn!(REPR, "__repr__", 1, 1, repr);
native_fn!(ADD, "__add__", 2, 2, |vm, a, _| {
    let (code, mut data) = {
        let x = this(vm, a[0])?;
        (x.code, x.data.clone())
    };
    let other = match native::get::<Array>(vm, a[1]) {
        Some(o) if o.code == code => o.data.clone(),
        _ => match native::buffer(vm, a[1]) {
            Some(b) if code == b'b' || code == b'B' => b,
            _ => return Err(vm.type_error("can't add arrays of different types")),
        },
    };
    vm.reserve(other.len())?;
    data.extend_from_slice(&other);
    vm.alloc(Obj::Native(Box::new(Array { code, data })))
});
native_fn!(IADD, "__iadd__", 2, 2, |vm, a, _| {
    extend(vm, a[0], a[1])?;
    Ok(a[0])
});
native_fn!(EQ, "__eq__", 2, 2, |vm, a, _| {
    let x = this(vm, a[0])?;
    let (code, data) = (x.code, x.data.clone());
    Ok(match native::get::<Array>(vm, a[1]) {
        Some(o) if o.code == code => Value::bool(o.data == data),
        Some(_) => {
            let l = vm.collect_iterable(a[0])?;
            let base = vm.roots.len();
            let lv = vm.new_list(l)?;
            vm.roots.push(lv);
            let r = vm
                .collect_iterable(a[1])
                .and_then(|r| vm.new_list(r))
                .and_then(|rv| vm.eq(lv, rv));
            vm.roots.truncate(base);
            Value::bool(r?)
        }
        // An array never equals bytes (CPython's rule, which MicroPython follows now).
        None => Value::NOT_IMPLEMENTED,
    })
});
/// `<`, `<=`, `>`, `>=` between arrays: element by element, like lists.
fn order(vm: &mut Vm, a: &[Value], opcode: u8) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if native::get::<Array>(vm, a[1]).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let base = vm.roots.len();
    let l = vm.collect_iterable(a[0])?;
    let r = (|| {
        let lv = vm.new_list(l)?;
        vm.roots.push(lv);
        let r = vm.collect_iterable(a[1])?;
        let rv = vm.new_list(r)?;
        vm.roots.push(rv);
        vm.binary_op(opcode, lv, rv)
    })();
    vm.roots.truncate(base);
    r
}
native_fn!(LT, "__lt__", 2, 2, |vm, a, _| order(
    vm,
    a,
    crate::bytecode::op::BINARY_LESS
));
native_fn!(LE, "__le__", 2, 2, |vm, a, _| order(
    vm,
    a,
    crate::bytecode::op::BINARY_LESS_EQUAL
));
native_fn!(GT, "__gt__", 2, 2, |vm, a, _| order(
    vm,
    a,
    crate::bytecode::op::BINARY_MORE
));
native_fn!(GE, "__ge__", 2, 2, |vm, a, _| order(
    vm,
    a,
    crate::bytecode::op::BINARY_MORE_EQUAL
));
native_fn!(DECODE, "decode", 1, 2, |vm, a, _| {
    let data = this(vm, a[0])?.data.clone();
    match core::str::from_utf8(&data) {
        Ok(s) => vm.new_str(s),
        Err(_) => Err(vm.new_exception(&crate::types::exceptions::UNICODE_ERROR, "")),
    }
});

/// The `array.array` type.
pub static ARRAY_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "array",
    base: Some(&OBJECT),
    attrs: &[
        (q::APPEND, Attr::Fn(&APPEND)),
        (q::EXTEND, Attr::Fn(&EXTEND)),
        (q::DECODE, Attr::Fn(&DECODE)),
        (q::__LEN__, Attr::Fn(&LEN)),
        (q::__GETITEM__, Attr::Fn(&GETITEM)),
        (q::__SETITEM__, Attr::Fn(&SETITEM)),
        (q::__REPR__, Attr::Fn(&REPR)),
        (q::__ADD__, Attr::Fn(&ADD)),
        (q::__IADD__, Attr::Fn(&IADD)),
        (q::__EQ__, Attr::Fn(&EQ)),
        (q::__LT__, Attr::Fn(&LT)),
        (q::__LE__, Attr::Fn(&LE)),
        (q::__GT__, Attr::Fn(&GT)),
        (q::__GE__, Attr::Fn(&GE)),
    ],
    make_new: Some(make_new),
    attr_hook: None,
    subclassable: true,
});

impl NativeObject for Array {
    fn type_obj(&self) -> &'static StaticObj {
        &ARRAY_TYPE
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

fn this(vm: &mut Vm, v: Value) -> PyResult<&Array> {
    if native::get::<Array>(vm, v).is_none() {
        return Err(vm.type_error("expected array"));
    }
    native::get::<Array>(vm, v).ok_or(crate::vm::PyErr(Value::NONE))
}

fn code_of(vm: &mut Vm, v: Value) -> PyResult<u8> {
    let c = match vm.str_data(v) {
        Some(s) if s.len() == 1 => s.as_bytes()[0],
        _ => return Err(vm.type_error("array typecode must be a 1-char str")),
    };
    if item_size(c).is_none() {
        return Err(vm.value_error("bad typecode"));
    }
    Ok(c)
}

fn make_new(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if a.len() < 2 || a.len() > 3 {
        return Err(vm.type_error("function takes 1 or 2 positional arguments"));
    }
    let code = code_of(vm, a[1])?;
    let arr = vm.alloc(Obj::Native(Box::new(Array {
        code,
        data: Vec::new(),
    })))?;
    if let Some(&init) = a.get(2) {
        vm.roots.push(arr);
        let r = extend(vm, arr, init);
        vm.roots.pop();
        r?;
    }
    Ok(arr)
}

/// Append one Python value.
fn append_value(vm: &mut Vm, arr: Value, v: Value) -> PyResult<()> {
    let code = this(vm, arr)?.code;
    let size = item_size(code).unwrap_or(1);
    let mut buf = [0u8; 8];
    store(vm, code, v, &mut buf[..size], LITTLE)?;
    vm.reserve(size)?;
    if let Some(x) = native::get_mut::<Array>(vm, arr) {
        if x.data.try_reserve(size).is_err() {
            return Err(vm.no_memory());
        }
        x.data.extend_from_slice(&buf[..size]);
    }
    Ok(())
}

/// Append every element of `src` (an array of the same typecode, bytes and bytearray are
/// copied as raw memory; anything else is iterated).
fn extend(vm: &mut Vm, arr: Value, src: Value) -> PyResult<()> {
    let code = this(vm, arr)?.code;
    let raw = match native::get::<Array>(vm, src) {
        Some(o) if o.code == code => Some(o.data.clone()),
        _ => None,
    };
    if let Some(raw) = raw {
        vm.reserve(raw.len())?;
        if let Some(x) = native::get_mut::<Array>(vm, arr) {
            if x.data.try_reserve(raw.len()).is_err() {
                return Err(vm.no_memory());
            }
            x.data.extend_from_slice(&raw);
        }
        return Ok(());
    }
    if !vm.is_str(src) {
        if let Some(b) = vm.bytes_data(src) {
            // A buffer gives raw memory: whole elements in machine order, as MicroPython.
            let size = item_size(code).unwrap_or(1);
            let b = b[..b.len() / size * size].to_vec();
            vm.reserve(b.len())?;
            if let Some(x) = native::get_mut::<Array>(vm, arr) {
                if x.data.try_reserve(b.len()).is_err() {
                    return Err(vm.no_memory());
                }
                x.data.extend_from_slice(&b);
            }
            return Ok(());
        }
    }
    if let Some(n) = src.as_small_int() {
        // array('i', 3) is not allowed, but bytearray-like zero fill is MicroPython's for ints.
        let size = item_size(code).unwrap_or(1);
        let total = (n.max(0) as usize).saturating_mul(size);
        vm.reserve(total)?;
        if let Some(x) = native::get_mut::<Array>(vm, arr) {
            if x.data.try_reserve(total).is_err() {
                return Err(vm.no_memory());
            }
            x.data.resize(x.data.len() + total, 0);
        }
        return Ok(());
    }
    let it = vm.get_iter(src)?;
    let base = vm.roots.len();
    vm.roots.push(it);
    let r = (|| {
        while let Some(v) = vm.iter_next(it)? {
            append_value(vm, arr, v)?;
        }
        Ok(())
    })();
    vm.roots.truncate(base);
    r
}

/// Element `i` of array `arr`, or None past its end (or when `arr` is no array).
pub fn item(vm: &mut Vm, arr: Value, i: usize) -> PyResult<Option<Value>> {
    let mut buf = [0u8; 8];
    let (code, size) = match native::get::<Array>(vm, arr) {
        Some(x) => {
            let size = x.size();
            match x.data.get(i * size..i * size + size) {
                Some(chunk) => buf[..size].copy_from_slice(chunk),
                None => return Ok(None),
            }
            (x.code, size)
        }
        None => return Ok(None),
    };
    load(vm, code, &buf[..size], LITTLE).map(Some)
}

fn getitem(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let (code, len) = {
        let x = this(vm, a[0])?;
        (x.code, x.len())
    };
    let size = item_size(code).unwrap_or(1);
    if matches!(vm.heap.get(a[1]), Some(Obj::Slice(..))) {
        let (start, stop, step) = crate::types::list::slice_indices(vm, a[1], len)?;
        let data = this(vm, a[0])?.data.clone();
        let mut out = Vec::new();
        let mut i = start;
        while (step > 0 && i < stop) || (step < 0 && i > stop) {
            let p = i as usize * size;
            if let Some(chunk) = data.get(p..p + size) {
                vm.reserve(size)?;
                out.extend_from_slice(chunk);
            }
            i += step;
        }
        return vm.alloc(Obj::Native(Box::new(Array { code, data: out })));
    }
    let i = vm.seq_index(a[1], len, "array")?;
    let mut buf = [0u8; 8];
    {
        let x = this(vm, a[0])?;
        if let Some(chunk) = x.data.get(i * size..i * size + size) {
            buf[..size].copy_from_slice(chunk);
        }
    }
    load(vm, code, &buf[..size], LITTLE)
}

fn setitem(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let (code, len) = {
        let x = this(vm, a[0])?;
        (x.code, x.len())
    };
    let size = item_size(code).unwrap_or(1);
    if matches!(vm.heap.get(a[1]), Some(Obj::Slice(..))) {
        let (start, stop, step) = crate::types::list::slice_indices(vm, a[1], len)?;
        let src = match native::get::<Array>(vm, a[2]) {
            Some(o) if o.code == code => o.data.clone(),
            _ => match native::buffer(vm, a[2]) {
                Some(b) if size == 1 => b,
                _ => return Err(vm.type_error("array/bytes required on right side")),
            },
        };
        if step != 1 {
            return Err(vm.new_exception(
                &crate::types::exceptions::NOT_IMPLEMENTED_ERROR,
                "only slices with step=1 (aka None) are supported",
            ));
        }
        let (s, e) = (start.max(0) as usize, stop.max(start).max(0) as usize);
        vm.reserve(src.len())?;
        if let Some(x) = native::get_mut::<Array>(vm, a[0]) {
            let (ps, pe) = ((s * size).min(x.data.len()), (e * size).min(x.data.len()));
            x.data.splice(ps..pe, src);
        }
        return Ok(Value::NONE);
    }
    if a[2].is_null() {
        return Err(vm.type_error("'array' object doesn't support item deletion"));
    }
    let i = vm.seq_index(a[1], len, "array")?;
    let mut buf = [0u8; 8];
    store(vm, code, a[2], &mut buf[..size], LITTLE)?;
    if let Some(x) = native::get_mut::<Array>(vm, a[0]) {
        if let Some(chunk) = x.data.get_mut(i * size..i * size + size) {
            chunk.copy_from_slice(&buf[..size]);
        }
    }
    Ok(Value::NONE)
}

fn repr(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let (code, data) = {
        let x = this(vm, a[0])?;
        (x.code, x.data.clone())
    };
    let size = item_size(code).unwrap_or(1);
    let mut s = String::from("array('");
    s.push(code as char);
    s.push('\'');
    if !data.is_empty() {
        s.push_str(", [");
        for (i, chunk) in data.chunks_exact(size).enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            let v = load(vm, code, chunk, LITTLE)?;
            vm.repr_into(v, &mut s)?;
        }
        s.push(']');
    }
    s.push(')');
    vm.new_string(s)
}

fn array_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    vm.dict_set_str(g, q::ARRAY, Value::from_static(&ARRAY_TYPE))
}

/// The `array` module.
pub static ARRAY_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "array",
    attrs: &[],
    init: Some(array_init),
});

#[cfg(test)]
mod tests {
    #[test]
    fn sizes() {
        assert_eq!(super::item_size(b'q'), Some(8));
        assert_eq!(super::item_size(b'h'), Some(2));
        assert_eq!(super::item_size(b'z'), None);
    }
}
