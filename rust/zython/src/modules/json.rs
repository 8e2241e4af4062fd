//! The `json` module: dumps/dump (MicroPython's output: `", "` and `": "` separators unless
//! given, non-ASCII text written as is) and loads/load (ValueError "syntax error in JSON").
//!
//! Both directions recurse over nesting and stop at [`MAX_DEPTH`] levels.

use crate::modules::native;
use crate::native_fn;
use crate::obj::Obj;
use crate::qstr::q;
use crate::statics::{ModuleDef, StaticObj};
use crate::value::Value;
use crate::vm::{PyErr, PyResult, Vm};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

/// Deepest nesting handled in either direction.
pub const MAX_DEPTH: usize = 200;

/// Append `s` as a JSON string literal.
pub fn quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Dumper<'a> {
    item_sep: &'a str,
    key_sep: &'a str,
}

impl Dumper<'_> {
    fn dump(&self, vm: &mut Vm, v: Value, out: &mut String, depth: usize) -> PyResult<()> {
        if depth > MAX_DEPTH {
            return Err(vm.runtime_error("maximum recursion depth exceeded"));
        }
        if v == Value::NONE {
            out.push_str("null");
            return Ok(());
        }
        if v.is_bool() {
            out.push_str(if v == Value::TRUE { "true" } else { "false" });
            return Ok(());
        }
        if let Some(s) = vm.str_data(v) {
            quote(s, out);
            return Ok(());
        }
        enum K {
            Seq(Vec<Value>),
            Map(Vec<(Value, Value)>),
            Other,
        }
        let k = match vm.heap.get(v) {
            Some(Obj::List(l)) => K::Seq(l.clone()),
            Some(Obj::Tuple(t)) => K::Seq(t.to_vec()),
            Some(Obj::Dict(d)) => K::Map(d.iter().map(|e| (e.key, e.value)).collect()),
            _ => K::Other,
        };
        match k {
            K::Seq(items) => {
                out.push('[');
                for (i, x) in items.into_iter().enumerate() {
                    if i > 0 {
                        out.push_str(self.item_sep);
                    }
                    self.dump(vm, x, out, depth + 1)?;
                }
                out.push(']');
            }
            K::Map(items) => {
                out.push('{');
                for (i, (key, x)) in items.into_iter().enumerate() {
                    if i > 0 {
                        out.push_str(self.item_sep);
                    }
                    if let Some(ks) = vm.str_data(key) {
                        quote(ks, out);
                    } else {
                        // Non-str keys are written as their JSON text, quoted.
                        let mut ks = String::new();
                        self.dump(vm, key, &mut ks, depth + 1)?;
                        quote(&ks, out);
                    }
                    out.push_str(self.key_sep);
                    self.dump(vm, x, out, depth + 1)?;
                }
                out.push('}');
            }
            K::Other => {
                if vm.is_int(v) || matches!(vm.heap.get(v), Some(Obj::Float(_))) {
                    vm.repr_into(v, out)?;
                } else if let Some(Obj::Bytes(b)) = vm.heap.get(v) {
                    // MicroPython writes bytes as a string of their text.
                    quote(&String::from_utf8_lossy(b), out);
                } else if let Some(b) = vm.native_base_value(v) {
                    self.dump(vm, b, out, depth + 1)?;
                } else {
                    return Err(vm.type_error_for("", v, " is not JSON serializable"));
                }
            }
        }
        Ok(())
    }
}

fn dumps_text(vm: &mut Vm, v: Value, kw: &[(Value, Value)]) -> PyResult<String> {
    native::check_kw(vm, kw, &[q::SEPARATORS])?;
    let (mut item, mut key) = (String::from(", "), String::from(": "));
    if let Some(seps) = native::kwarg(kw, q::SEPARATORS) {
        if seps != Value::NONE {
            let parts = vm.collect_iterable(seps)?;
            match (
                parts.first().and_then(|&p| vm.str_data(p)),
                parts.get(1).and_then(|&p| vm.str_data(p)),
            ) {
                (Some(a), Some(b)) if parts.len() == 2 => {
                    item = String::from(a);
                    key = String::from(b);
                }
                _ if parts.len() != 2 => {
                    return Err(vm.value_error("separators must be a pair of str"))
                }
                _ => return Err(vm.type_error("separators must be a pair of str")),
            }
        }
    }
    let d = Dumper {
        item_sep: &item,
        key_sep: &key,
    };
    let mut out = String::new();
    d.dump(vm, v, &mut out, 0)?;
    Ok(out)
}

native_fn!(
    DUMPS,
    "dumps",
    1,
    1,
    |vm, a, kw| {
        let s = dumps_text(vm, a[0], kw)?;
        vm.new_string(s)
    },
    kw
);
native_fn!(
    DUMP,
    "dump",
    2,
    2,
    |vm, a, kw| {
        let s = dumps_text(vm, a[0], kw)?;
        let v = vm.new_string(s)?;
        vm.call_method(a[1], q::WRITE, &[v])?;
        Ok(Value::NONE)
    },
    kw
);

/// A JSON parser over bytes that builds Python values.
struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while matches!(self.s.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &[u8]) -> bool {
        if self.s.get(self.i..self.i + lit.len()) == Some(lit) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, vm: &mut Vm, depth: usize) -> PyResult<Value> {
        if depth > MAX_DEPTH {
            return Err(syntax(vm));
        }
        self.ws();
        match self.s.get(self.i) {
            Some(b'n') if self.eat(b"null") => Ok(Value::NONE),
            Some(b't') if self.eat(b"true") => Ok(Value::TRUE),
            Some(b'f') if self.eat(b"false") => Ok(Value::FALSE),
            Some(b'"') => {
                let s = self.string(vm)?;
                vm.new_string(s)
            }
            Some(b'[') => {
                self.i += 1;
                let list = vm.new_list(Vec::new())?;
                vm.roots.push(list);
                self.ws();
                if self.eat(b"]") {
                    vm.roots.pop();
                    return Ok(list);
                }
                loop {
                    let x = self.value(vm, depth + 1)?;
                    if let Some(Obj::List(l)) = vm.heap.get_mut(list) {
                        if l.try_reserve(1).is_err() {
                            return Err(vm.no_memory());
                        }
                        l.push(x);
                    }
                    self.ws();
                    if self.eat(b",") {
                        continue;
                    }
                    if self.eat(b"]") {
                        break;
                    }
                    return Err(syntax(vm));
                }
                vm.roots.pop();
                Ok(list)
            }
            Some(b'{') => {
                self.i += 1;
                let d = vm.new_dict()?;
                vm.roots.push(d);
                self.ws();
                if self.eat(b"}") {
                    vm.roots.pop();
                    return Ok(d);
                }
                loop {
                    self.ws();
                    if self.s.get(self.i) != Some(&b'"') {
                        return Err(syntax(vm));
                    }
                    let k = self.string(vm)?;
                    let k = vm.new_string(k)?;
                    vm.roots.push(k);
                    self.ws();
                    if !self.eat(b":") {
                        return Err(syntax(vm));
                    }
                    let x = self.value(vm, depth + 1)?;
                    vm.dict_set(d, k, x)?;
                    vm.roots.pop();
                    self.ws();
                    if self.eat(b",") {
                        continue;
                    }
                    if self.eat(b"}") {
                        break;
                    }
                    return Err(syntax(vm));
                }
                vm.roots.pop();
                Ok(d)
            }
            Some(b'-' | b'0'..=b'9') => self.number(vm),
            _ => Err(syntax(vm)),
        }
    }

    fn string(&mut self, vm: &mut Vm) -> PyResult<String> {
        self.i += 1;
        let mut buf: Vec<u8> = Vec::new();
        loop {
            let Some(&c) = self.s.get(self.i) else {
                return Err(syntax(vm));
            };
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let Some(&e) = self.s.get(self.i) else {
                        return Err(syntax(vm));
                    };
                    self.i += 1;
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hex = self.s.get(self.i..self.i + 4).unwrap_or(&[]);
                            let code = core::str::from_utf8(hex)
                                .ok()
                                .filter(|h| h.len() == 4)
                                .and_then(|h| u32::from_str_radix(h, 16).ok());
                            let Some(code) = code else {
                                return Err(syntax(vm));
                            };
                            self.i += 4;
                            char::from_u32(code).unwrap_or('\u{fffd}')
                        }
                        _ => return Err(syntax(vm)),
                    };
                    let mut tmp = [0u8; 4];
                    buf.extend_from_slice(ch.encode_utf8(&mut tmp).as_bytes());
                }
                c => buf.push(c),
            }
        }
        vm.reserve(buf.len())?;
        Ok(String::from_utf8_lossy(&buf).into_owned())
    }

    fn number(&mut self, vm: &mut Vm) -> PyResult<Value> {
        let start = self.i;
        let mut float = false;
        while let Some(&c) = self.s.get(self.i) {
            match c {
                b'0'..=b'9' | b'-' | b'+' => {}
                b'.' | b'e' | b'E' => float = true,
                _ => break,
            }
            self.i += 1;
        }
        let text = core::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
        if float {
            match crate::types::float_parse::parse_f64(text) {
                Some(f) => vm.new_float(f),
                None => Err(syntax(vm)),
            }
        } else if let Ok(i) = text.parse::<i64>() {
            vm.new_int(i)
        } else {
            match text.parse::<crate::types::bigint::BigInt>() {
                Ok(b) => vm.new_bigint(b),
                Err(_) => Err(syntax(vm)),
            }
        }
    }
}

fn syntax(vm: &mut Vm) -> PyErr {
    vm.value_error("syntax error in JSON")
}

fn loads_bytes(vm: &mut Vm, data: &[u8]) -> PyResult<Value> {
    let mut p = Parser { s: data, i: 0 };
    let base = vm.roots.len();
    let r = p.value(vm, 0);
    vm.roots.truncate(base);
    let v = r?;
    p.ws();
    if p.i != data.len() {
        return Err(syntax(vm));
    }
    Ok(v)
}

fn text_of(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(s) = vm.str_data(v) {
        return Ok(s.as_bytes().to_vec());
    }
    match native::buffer(vm, v) {
        Some(b) => Ok(b),
        None => Err(vm.type_error("expected str")),
    }
}

native_fn!(LOADS, "loads", 1, 1, |vm, a, _| {
    let data = text_of(vm, a[0])?;
    loads_bytes(vm, &data)
});
native_fn!(LOAD, "load", 1, 1, |vm, a, _| {
    if crate::modules::io::is_iobase(vm, a[0]) {
        let data = crate::modules::io::iobase_read_all(vm, a[0], 1)?;
        return loads_bytes(vm, &data);
    }
    let s = vm.call_method(a[0], q::READ, &[])?;
    let data = text_of(vm, s)?;
    loads_bytes(vm, &data)
});

static FUNCTIONS: &[&StaticObj] = &[&DUMPS, &DUMP, &LOADS, &LOAD];

fn json_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    native::fill(vm, g, FUNCTIONS)
}

/// The `json` module.
pub static JSON_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "json",
    attrs: &[],
    init: Some(json_init),
});

#[cfg(test)]
mod tests {
    use super::quote;
    use alloc::string::String;

    #[test]
    fn quoting() {
        let mut s = String::new();
        quote("a\"b\\c\nd\u{1}é", &mut s);
        assert_eq!(s, "\"a\\\"b\\\\c\\nd\\u0001é\"");
    }
}
