//! `str`: the type, its constructor, `encode`, `format`, and the `chr`/`ord` builtins.
//! Methods shared with bytes live in [`crate::types::strops`].

use crate::native_fn;
use crate::qstr::q;
use crate::statics::{Attr, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::types::strops as so;
use crate::types::textargs::unwrap_self;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::string::String;

/// The builtin type `str`.
pub static STR: StaticObj = StaticObj::Type(&TypeDef {
    name: "str",
    base: Some(&OBJECT),
    attrs: STR_ATTRS,
    make_new: Some(str_make_new),
    attr_hook: None,
    subclassable: true,
});

static STR_ATTRS: &[(crate::qstr::Qstr, Attr)] = &[
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
    (q::ENCODE, Attr::Fn(&ENCODE)),
    (q::FORMAT, Attr::Fn(&crate::types::format::STR_FORMAT)),
    (q::__MOD__, Attr::Fn(&STR_MOD)),
];

native_fn!(ENCODE, "encode", 1, 3, |vm, a, _| {
    let s = unwrap_self(vm, a[0]);
    let t = match vm.str_data(s) {
        Some(t) => String::from(t),
        None => return Err(vm.type_error("expected str")),
    };
    let b = crate::types::codec::encode_bytes(vm, &t, a.get(1).copied(), a.get(2).copied())?;
    vm.new_bytes(&b)
});
native_fn!(STR_MOD, "__mod__", 2, 2, |vm, a, _| {
    let s = unwrap_self(vm, a[0]);
    percent_format(vm, s, a[1])
});

/// `str(obj='')`, `str(bytes, encoding[, errors])`.
fn str_make_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let args = &crate::statics::Args(args);
    crate::types::textargs::check_kw(vm, kw, &["object", "encoding", "errors"])?;
    if args.len() > 4 {
        return Err(vm.type_error("function expected at most 3 arguments"));
    }
    let x = match crate::types::textargs::arg_or_kw(vm, args, 1, kw, "object") {
        Some(x) => x,
        None => return Ok(Value::qstr(q::EMPTY)),
    };
    let enc = crate::types::textargs::arg_or_kw(vm, args, 2, kw, "encoding");
    if enc.is_some() {
        let data = match crate::types::bytes::buffer_data(vm, x) {
            Some(d) => d,
            None => return Err(vm.type_error("decoding str is not supported")),
        };
        let errors = crate::types::textargs::arg_or_kw(vm, args, 3, kw, "errors");
        return crate::types::codec::decode_value(vm, &data, enc, errors);
    }
    if vm.is_str(x) && unwrap_self(vm, x) == x {
        return Ok(x);
    }
    let mut s = String::new();
    vm.str_into(x, &mut s)?;
    vm.new_string(s)
}

/// `fmt % args` for str.
pub fn percent_format(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    let f = match vm.str_data(fmt) {
        Some(s) => alloc::vec::Vec::from(s.as_bytes()),
        None => return Err(vm.type_error("expected str")),
    };
    let out = crate::types::percent::format(vm, &f, args, false)?;
    so::make(vm, so::Kind::Str, out)
}

native_fn!(CHR, "chr", 1, 1, |vm, a, _| {
    let i = vm.to_i64(a[0])?;
    let c = u32::try_from(i).ok().and_then(char::from_u32);
    match c {
        Some(c) => {
            let mut buf = [0u8; 4];
            let s: &str = c.encode_utf8(&mut buf);
            vm.new_str(s)
        }
        None => Err(vm.value_error("chr() arg not in range(0x110000)")),
    }
});
native_fn!(ORD, "ord", 1, 1, |vm, a, _| {
    let v = unwrap_self(vm, a[0]);
    if let Some(s) = vm.str_data(v) {
        let mut it = s.chars();
        return match (it.next(), it.next()) {
            (Some(c), None) => Ok(Value::small_int(c as isize)),
            _ => {
                let n = s.chars().count();
                let msg = alloc::format!(
                    "ord() expected a character, but string of length {} found",
                    n
                );
                Err(vm.type_error(&msg))
            }
        };
    }
    if let Some(b) = vm.bytes_data(v) {
        if b.len() == 1 {
            return Ok(Value::small_int(b[0] as isize));
        }
        let msg = alloc::format!(
            "ord() expected a character, but string of length {} found",
            b.len()
        );
        return Err(vm.type_error(&msg));
    }
    Err(vm.type_error_for("ord() expected a string of length 1, but ", a[0], " found"))
});
