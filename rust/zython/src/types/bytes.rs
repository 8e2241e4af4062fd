//! `bytes` and `bytearray`: constructors, `decode`, `hex`/`fromhex`, bytearray mutation and
//! `%` formatting. Methods shared with str live in [`crate::types::strops`].

use crate::native_fn;
use crate::obj::Obj;
use crate::qstr::q;
use crate::statics::{Attr, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::types::strops::{self as so, Kind};
use crate::types::textargs::unwrap_self;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::vec::Vec;

macro_rules! shared_attrs {
    ($($extra:expr),* $(,)?) => {
        &[
            (q::FIND, Attr::Fn(&so::FIND)),
            (q::RFIND, Attr::Fn(&so::RFIND)),
            (q::INDEX, Attr::Fn(&so::INDEX)),
            (q::RINDEX, Attr::Fn(&so::RINDEX)),
            (q::COUNT, Attr::Fn(&so::COUNT)),
            (q::STARTSWITH, Attr::Fn(&so::STARTSWITH)),
            (q::ENDSWITH, Attr::Fn(&so::ENDSWITH)),
            (q::SPLIT, Attr::Fn(&so::SPLIT)),
            (q::RSPLIT, Attr::Fn(&so::RSPLIT)),
            (q::SPLITLINES, Attr::Fn(&so::SPLITLINES)),
            (q::JOIN, Attr::Fn(&so::JOIN)),
            (q::STRIP, Attr::Fn(&so::STRIP)),
            (q::LSTRIP, Attr::Fn(&so::LSTRIP)),
            (q::RSTRIP, Attr::Fn(&so::RSTRIP)),
            (q::REPLACE, Attr::Fn(&so::REPLACE)),
            (q::PARTITION, Attr::Fn(&so::PARTITION)),
            (q::RPARTITION, Attr::Fn(&so::RPARTITION)),
            (q::CENTER, Attr::Fn(&so::CENTER)),
            (q::LJUST, Attr::Fn(&so::LJUST)),
            (q::RJUST, Attr::Fn(&so::RJUST)),
            (q::ZFILL, Attr::Fn(&so::ZFILL)),
            (q::UPPER, Attr::Fn(&so::UPPER)),
            (q::LOWER, Attr::Fn(&so::LOWER)),
            (q::SWAPCASE, Attr::Fn(&so::SWAPCASE)),
            (q::CAPITALIZE, Attr::Fn(&so::CAPITALIZE)),
            (q::TITLE, Attr::Fn(&so::TITLE)),
            (q::ISDIGIT, Attr::Fn(&so::ISDIGIT)),
            (q::ISALPHA, Attr::Fn(&so::ISALPHA)),
            (q::ISSPACE, Attr::Fn(&so::ISSPACE)),
            (q::ISUPPER, Attr::Fn(&so::ISUPPER)),
            (q::ISLOWER, Attr::Fn(&so::ISLOWER)),
            (q::ISALNUM, Attr::Fn(&so::ISALNUM)),
            (q::REMOVEPREFIX, Attr::Fn(&so::REMOVEPREFIX)),
            (q::REMOVESUFFIX, Attr::Fn(&so::REMOVESUFFIX)),
            (q::DECODE, Attr::Fn(&DECODE)),
            (q::HEX, Attr::Fn(&HEX_FN)),
            (q::FROMHEX, Attr::ClassMethod(&FROMHEX)),
            $($extra),*
        ]
    };
}

/// The builtin type `bytes`.
pub static BYTES: StaticObj = StaticObj::Type(&TypeDef {
    name: "bytes",
    base: Some(&OBJECT),
    attrs: shared_attrs!((q::__MOD__, Attr::Fn(&BYTES_MOD))),
    make_new: Some(bytes_make_new),
    attr_hook: None,
    subclassable: true,
});

/// The builtin type `bytearray`.
pub static BYTEARRAY: StaticObj = StaticObj::Type(&TypeDef {
    name: "bytearray",
    base: Some(&OBJECT),
    attrs: shared_attrs!(
        (q::APPEND, Attr::Fn(&BA_APPEND)),
        (q::EXTEND, Attr::Fn(&BA_EXTEND)),
        (q::POP, Attr::Fn(&BA_POP)),
        (q::INSERT, Attr::Fn(&BA_INSERT)),
        (q::REMOVE, Attr::Fn(&BA_REMOVE)),
        (q::CLEAR, Attr::Fn(&BA_CLEAR)),
        (q::COPY, Attr::Fn(&BA_COPY)),
        (q::REVERSE, Attr::Fn(&BA_REVERSE)),
    ),
    make_new: Some(bytearray_make_new),
    attr_hook: None,
    subclassable: true,
});

/// The data of any object exposing a byte buffer (bytes, bytearray, memoryview), copied.
pub fn buffer_data(vm: &Vm, v: Value) -> Option<Vec<u8>> {
    let v = unwrap_self(vm, v);
    if let Some(b) = vm.bytes_data(v) {
        return Some(b.to_vec());
    }
    if let Some(b) = crate::types::memoryview::view_data(vm, v) {
        return Some(b);
    }
    crate::modules::native::buffer(vm, v)
}

/// For bytes subjects, an int needle (`b.find(65)`) as a byte; None for other needles.
pub fn int_as_byte(vm: &mut Vm, kind: Kind, v: Value) -> PyResult<Option<u8>> {
    if kind == Kind::Str || !vm.is_int(v) {
        return Ok(None);
    }
    let i = vm.to_i64(v)?;
    if !(0..256).contains(&i) {
        return Err(vm.value_error("byte must be in range(0, 256)"));
    }
    Ok(Some(i as u8))
}

/// A byte value from an int argument (ValueError outside 0..256).
fn byte_arg(vm: &mut Vm, v: Value) -> PyResult<u8> {
    let i = vm.to_i64(v)?;
    if !(0..256).contains(&i) {
        return Err(vm.value_error("byte must be in range(0, 256)"));
    }
    Ok(i as u8)
}

/// The bytes for a constructor argument: int size, str + encoding, buffer, or iterable of ints.
fn ctor_data(vm: &mut Vm, args: &[Value]) -> PyResult<Vec<u8>> {
    let args = &crate::statics::Args(args);
    if args.len() > 4 {
        return Err(vm.type_error("function expected at most 3 arguments"));
    }
    let x = match args.get(1) {
        Some(&x) => x,
        None => return Ok(Vec::new()),
    };
    if let Some(s) = vm.str_data(x) {
        if args.len() < 3 {
            return Err(vm.type_error("string argument without an encoding"));
        }
        let s = alloc::string::String::from(s);
        let (enc, err) = (args.get(2).copied(), args.get(3).copied());
        return crate::types::codec::encode_bytes(vm, &s, enc, err);
    }
    if args.len() > 2 {
        return Err(vm.type_error("encoding without a string argument"));
    }
    if vm.is_int(x) {
        let n = vm.to_i64(x)?;
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        vm.reserve(n as usize)?;
        let mut v = Vec::new();
        if v.try_reserve_exact(n as usize).is_err() {
            return Err(vm.no_memory());
        }
        v.resize(n as usize, 0);
        return Ok(v);
    }
    if let Some(b) = buffer_data(vm, x) {
        return Ok(b);
    }
    let items = vm.collect_iterable(x)?;
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        out.push(byte_arg(vm, it)?);
    }
    Ok(out)
}

fn bytes_make_new(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let args = &crate::statics::Args(args);
    if let Some(&x) = args.get(1) {
        if args.len() == 2 && matches!(vm.heap.get(x), Some(Obj::Bytes(_))) {
            return Ok(x);
        }
    }
    let d = ctor_data(vm, args)?;
    vm.new_bytes(&d)
}

fn bytearray_make_new(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let args = &crate::statics::Args(args);
    let d = ctor_data(vm, args)?;
    vm.alloc(Obj::ByteArray(d))
}

native_fn!(DECODE, "decode", 1, 3, |vm, a, _| {
    let d = buffer_data(vm, a[0]).unwrap_or_default();
    crate::types::codec::decode_value(vm, &d, a.get(1).copied(), a.get(2).copied())
});

native_fn!(HEX_FN, "hex", 1, 2, |vm, a, _| {
    let d = buffer_data(vm, a[0]).unwrap_or_default();
    let sep: Option<alloc::string::String> = match a.get(1) {
        Some(&s) => match vm.str_data(s) {
            Some(t) => Some(t.into()),
            None => match vm.bytes_data(s) {
                Some(b) => Some(alloc::string::String::from_utf8_lossy(b).into_owned()),
                None => return Err(vm.type_error("sep must be str or bytes")),
            },
        },
        None => None,
    };
    vm.reserve(d.len() * 3)?;
    let mut out = alloc::string::String::new();
    for (i, b) in d.iter().enumerate() {
        if i > 0 {
            if let Some(s) = &sep {
                out.push_str(s);
            }
        }
        let _ = core::fmt::Write::write_fmt(&mut out, format_args!("{:02x}", b));
    }
    vm.new_string(out)
});

native_fn!(FROMHEX, "fromhex", 2, 2, |vm, a, _| {
    let text: Vec<u8> = match vm.str_data(a[1]) {
        Some(s) => s.as_bytes().to_vec(),
        None => return Err(vm.type_error("fromhex() argument must be str")),
    };
    let mut out = Vec::new();
    let mut i = 0;
    let hexval = |c: u8| (c as char).to_digit(16);
    while i < text.len() {
        if text[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = hexval(text[i]);
        let lo = text.get(i + 1).and_then(|&c| hexval(c));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => return Err(vm.value_error("non-hexadecimal number found in fromhex() arg")),
        }
        i += 2;
    }
    let is_ba = a[0] == Value::from_static(&BYTEARRAY);
    if is_ba {
        vm.alloc(Obj::ByteArray(out))
    } else {
        vm.new_bytes(&out)
    }
});

native_fn!(BYTES_MOD, "__mod__", 2, 2, |vm, a, _| {
    let s = unwrap_self(vm, a[0]);
    percent_format(vm, s, a[1])
});

/// Run `f` on the bytearray inside `v` (or its user-subclass instance).
fn with_ba<R>(vm: &mut Vm, v: Value, f: impl FnOnce(&mut Vec<u8>) -> R) -> PyResult<R> {
    let v = unwrap_self(vm, v);
    match vm.heap.get_mut(v) {
        Some(Obj::ByteArray(b)) => Ok(f(b)),
        _ => Err(vm.type_error("expected bytearray")),
    }
}

native_fn!(BA_APPEND, "append", 2, 2, |vm, a, _| {
    let b = byte_arg(vm, a[1])?;
    vm.reserve(1)?;
    with_ba(vm, a[0], |v| v.push(b))?;
    Ok(Value::NONE)
});
native_fn!(BA_EXTEND, "extend", 2, 2, |vm, a, _| {
    let data = match buffer_data(vm, a[1]) {
        Some(d) => d,
        None => {
            let items = vm.collect_iterable(a[1])?;
            let mut out = Vec::with_capacity(items.len());
            for it in items {
                out.push(byte_arg(vm, it)?);
            }
            out
        }
    };
    vm.reserve(data.len())?;
    with_ba(vm, a[0], |v| v.extend_from_slice(&data))?;
    Ok(Value::NONE)
});
native_fn!(BA_POP, "pop", 1, 2, |vm, a, _| {
    let n = buffer_data(vm, a[0]).map_or(0, |d| d.len());
    if n == 0 {
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let idx = match a.get(1) {
        Some(&i) => vm.seq_index(i, n, "bytearray")?,
        None => n - 1,
    };
    let b = with_ba(vm, a[0], |v| if idx < v.len() { v.remove(idx) } else { 0 })?;
    Ok(Value::small_int(b as isize))
});
native_fn!(BA_INSERT, "insert", 3, 3, |vm, a, _| {
    let n = buffer_data(vm, a[0]).map_or(0, |d| d.len()) as isize;
    let mut i = vm.to_index(a[1])?;
    if i < 0 {
        i = (i + n).max(0);
    }
    let i = i.min(n) as usize;
    let b = byte_arg(vm, a[2])?;
    with_ba(vm, a[0], |v| v.insert(i.min(v.len()), b))?;
    Ok(Value::NONE)
});
native_fn!(BA_REMOVE, "remove", 2, 2, |vm, a, _| {
    let b = byte_arg(vm, a[1])?;
    let found = with_ba(vm, a[0], |v| match v.iter().position(|&x| x == b) {
        Some(p) => {
            v.remove(p);
            true
        }
        None => false,
    })?;
    if found {
        Ok(Value::NONE)
    } else {
        Err(vm.value_error("value not found"))
    }
});
native_fn!(BA_CLEAR, "clear", 1, 1, |vm, a, _| {
    with_ba(vm, a[0], |v| v.clear())?;
    Ok(Value::NONE)
});
native_fn!(BA_COPY, "copy", 1, 1, |vm, a, _| {
    let d = buffer_data(vm, a[0]).unwrap_or_default();
    vm.alloc(Obj::ByteArray(d))
});
native_fn!(BA_REVERSE, "reverse", 1, 1, |vm, a, _| {
    with_ba(vm, a[0], |v| v.reverse())?;
    Ok(Value::NONE)
});

/// `fmt % args` for bytes.
pub fn percent_format(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    let f = match vm.bytes_data(fmt) {
        Some(b) => b.to_vec(),
        None => return Err(vm.type_error("expected bytes")),
    };
    let out = crate::types::percent::format(vm, &f, args, true)?;
    vm.new_bytes(&out)
}
