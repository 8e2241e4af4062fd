//! Conversions to text (`str`, `repr`) and to Rust numbers.

use super::{PyResult, Vm};
use crate::obj::Obj;
use crate::qstr::q;
use crate::statics::StaticObj;
use crate::types;
use crate::types::bigint::ToPrimitive;
use crate::value::Value;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

/// Deepest container nesting `repr` will follow before raising RuntimeError.
const MAX_REPR_DEPTH: u32 = 100;

/// Write a float the way Python's `repr` does (shortest round-trip digits).
pub fn format_float(f: f64, out: &mut String) {
    if f.is_nan() {
        out.push_str("nan");
        return;
    }
    if f.is_infinite() {
        out.push_str(if f < 0.0 { "-inf" } else { "inf" });
        return;
    }
    // Shortest round-trip digits in scientific form, e.g. "1.2345e-7".
    let sci = types::float_fmt::shortest_sci(f);
    let (mant, exp) = match sci.split_once('e') {
        Some(x) => x,
        None => {
            out.push_str(&sci);
            return;
        }
    };
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let e = exp as usize;
            if digits.len() <= e + 1 {
                out.push_str(&digits);
                for _ in digits.len()..e + 1 {
                    out.push('0');
                }
                out.push_str(".0");
            } else {
                out.push_str(digits.get(..e + 1).unwrap_or_default());
                out.push('.');
                out.push_str(digits.get(e + 1..).unwrap_or_default());
            }
        } else {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        }
    } else {
        out.push_str(digits.get(..1).unwrap_or_default());
        if digits.len() > 1 {
            out.push('.');
            out.push_str(digits.get(1..).unwrap_or_default());
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
}

/// Write `s` as a Python string literal (quotes chosen like CPython).
pub fn repr_str(s: &str, out: &mut String) {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(q);
}

/// Write `b` as a Python bytes literal.
pub fn repr_bytes(b: &[u8], out: &mut String) {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    out.push('b');
    out.push(q);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == q => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{:02x}", c);
            }
        }
    }
    out.push(q);
}

impl Vm {
    /// `repr(v)` as a str value.
    pub fn repr(&mut self, v: Value) -> PyResult<Value> {
        let mut s = String::new();
        self.repr_into(v, &mut s)?;
        self.new_string(s)
    }

    /// `str(v)` as a str value.
    pub fn to_str(&mut self, v: Value) -> PyResult<Value> {
        if self.is_str(v) {
            return Ok(v);
        }
        let mut s = String::new();
        self.str_into(v, &mut s)?;
        self.new_string(s)
    }

    /// Append `str(v)` to `out`.
    pub fn str_into(&mut self, v: Value, out: &mut String) -> PyResult<()> {
        if let Some(s) = self.str_data(v) {
            out.push_str(s);
            return Ok(());
        }
        match self.heap.get(v) {
            Some(Obj::Exception(_)) => {
                let args = match self.heap.get(v) {
                    Some(Obj::Exception(e)) => e.args,
                    _ => Value::NULL,
                };
                let items: Vec<Value> = match self.heap.get(args) {
                    Some(Obj::Tuple(t)) => t.to_vec(),
                    _ => Vec::new(),
                };
                if self.has_user_method(v, q::__STR__) {
                    return self.user_text(v, q::__STR__, out);
                }
                // OSError(errno[, msg]) with a known errno reads "[Errno 5] EIO[: msg]".
                if items.len() <= 2 && self.exc_is(v, &types::exceptions::OS_ERROR) {
                    let name = items
                        .first()
                        .and_then(|e| e.as_small_int())
                        .and_then(|n| crate::modules::errno::name_of(n as i64).map(|s| (n, s)));
                    if let Some((n, name)) = name {
                        let _ = write!(out, "[Errno {n}] {name}");
                        if let Some(&msg) = items.get(1) {
                            out.push_str(": ");
                            self.str_into(msg, out)?;
                        }
                        return Ok(());
                    }
                }
                match items.len() {
                    0 => Ok(()),
                    1 => self.str_into(items[0], out),
                    _ => self.repr_into(args, out),
                }
            }
            Some(Obj::Instance(_)) => {
                if self.has_user_method(v, q::__STR__) {
                    self.user_text(v, q::__STR__, out)
                } else {
                    self.repr_into(v, out)
                }
            }
            _ => self.repr_into(v, out),
        }
    }

    fn has_user_method(&mut self, v: Value, name: crate::qstr::Qstr) -> bool {
        let t = types::type_of(self, v);
        matches!(self.heap.get(t), Some(Obj::Class(_))) && self.lookup_class_attr(t, name).is_some()
    }

    fn user_text(&mut self, v: Value, name: crate::qstr::Qstr, out: &mut String) -> PyResult<()> {
        let r = self.call_method(v, name, &[])?;
        match self.str_data(r) {
            Some(s) => {
                out.push_str(s);
                Ok(())
            }
            None => Err(self.type_error(if name == q::__STR__ {
                "__str__ returned non-string"
            } else {
                "__repr__ returned non-string"
            })),
        }
    }

    /// Append `repr(v)` to `out`.
    pub fn repr_into(&mut self, v: Value, out: &mut String) -> PyResult<()> {
        if self.native_depth > MAX_REPR_DEPTH {
            return Err(self.runtime_error("maximum recursion depth exceeded"));
        }
        self.native_depth += 1;
        let r = self.repr_inner(v, out);
        self.native_depth -= 1;
        r
    }

    fn repr_inner(&mut self, v: Value, out: &mut String) -> PyResult<()> {
        if let Some(i) = v.as_small_int() {
            let _ = write!(out, "{}", i);
            return Ok(());
        }
        if let Some(qs) = v.as_qstr() {
            repr_str(self.qstrs.str(qs), out);
            return Ok(());
        }
        if v == Value::NONE {
            out.push_str("None");
            return Ok(());
        }
        if v == Value::TRUE {
            out.push_str("True");
            return Ok(());
        }
        if v == Value::FALSE {
            out.push_str("False");
            return Ok(());
        }
        if v == Value::ELLIPSIS {
            out.push_str("Ellipsis");
            return Ok(());
        }
        if v == Value::NOT_IMPLEMENTED {
            out.push_str("NotImplemented");
            return Ok(());
        }
        if let Some(s) = v.as_static() {
            match s {
                // MicroPython shows builtin functions without their name.
                StaticObj::Fn(_) => out.push_str("<function>"),
                StaticObj::Type(t) => {
                    let _ = write!(out, "<class '{}'>", t.name);
                }
                StaticObj::Module(m) => {
                    let _ = write!(out, "<module '{}'>", m.name);
                }
            }
            return Ok(());
        }
        let items: Vec<Value>;
        let (open, close) = match self.heap.get(v) {
            None => {
                out.push_str("<?>");
                return Ok(());
            }
            Some(Obj::Str(s)) => {
                repr_str(&s.s, out);
                return Ok(());
            }
            Some(Obj::Bytes(b)) => {
                repr_bytes(b, out);
                return Ok(());
            }
            Some(Obj::ByteArray(b)) => {
                out.push_str("bytearray(");
                repr_bytes(b, out);
                out.push(')');
                return Ok(());
            }
            Some(Obj::BigInt(b)) => {
                let _ = write!(out, "{}", b);
                return Ok(());
            }
            Some(Obj::Float(f)) => {
                format_float(*f, out);
                return Ok(());
            }
            #[cfg(feature = "complex")]
            Some(Obj::Complex(c)) => {
                let (re, im) = (c.0, c.1);
                if re == 0.0 && re.is_sign_positive() {
                    format_float_short(im, out);
                    out.push('j');
                } else {
                    out.push('(');
                    format_float_short(re, out);
                    if im >= 0.0 || im.is_nan() {
                        out.push('+');
                    }
                    format_float_short(im, out);
                    out.push_str("j)");
                }
                return Ok(());
            }
            Some(Obj::Tuple(t)) => {
                items = t.to_vec();
                if items.len() == 1 {
                    out.push('(');
                    self.repr_into(items[0], out)?;
                    out.push_str(",)");
                    return Ok(());
                }
                ("(", ")")
            }
            Some(Obj::List(l)) => {
                items = l.clone();
                ("[", "]")
            }
            Some(Obj::Dict(d)) => {
                let pairs: Vec<(Value, Value)> = d.iter().map(|e| (e.key, e.value)).collect();
                out.push('{');
                for (i, (k, val)) in pairs.into_iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.repr_into(k, out)?;
                    out.push_str(": ");
                    self.repr_into(val, out)?;
                }
                out.push('}');
                return Ok(());
            }
            Some(Obj::Set(d)) | Some(Obj::FrozenSet(d)) => {
                let frozen = matches!(self.heap.get(v), Some(Obj::FrozenSet(_)));
                items = d.iter().map(|e| e.key).collect();
                if items.is_empty() {
                    out.push_str(if frozen { "frozenset()" } else { "set()" });
                    return Ok(());
                }
                if frozen {
                    out.push_str("frozenset(");
                }
                out.push('{');
                for (i, x) in items.into_iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.repr_into(x, out)?;
                }
                out.push('}');
                if frozen {
                    out.push(')');
                }
                return Ok(());
            }
            Some(Obj::Range(a, b, c)) => {
                if *c == 1 {
                    let _ = write!(out, "range({}, {})", a, b);
                } else {
                    let _ = write!(out, "range({}, {}, {})", a, b, c);
                }
                return Ok(());
            }
            Some(Obj::Slice(a, b, c)) => {
                let (a, b, c) = (*a, *b, *c);
                out.push_str("slice(");
                self.repr_into(a, out)?;
                out.push_str(", ");
                self.repr_into(b, out)?;
                out.push_str(", ");
                self.repr_into(c, out)?;
                out.push(')');
                return Ok(());
            }
            Some(Obj::Function(f)) => {
                let name = self.code_name(f.ctx, f.code.name);
                let _ = write!(out, "<function {} at 0x{:x}>", name, v.bits());
                return Ok(());
            }
            Some(Obj::BoundMethod(f, s)) => {
                let (f, s) = (*f, *s);
                out.push_str("<bound_method>");
                let _ = (f, s);
                return Ok(());
            }
            Some(Obj::Super(cls, o)) => {
                let (cls, o) = (*cls, *o);
                out.push_str("<super: ");
                self.repr_into(cls, out)?;
                out.push_str(", ");
                self.repr_into(o, out)?;
                out.push('>');
                return Ok(());
            }
            Some(Obj::Generator(g)) => {
                match &g.frame {
                    Some(f) => {
                        let name = self.code_name(f.ctx, f.code.name);
                        let _ = write!(out, "<generator object '{}' at 0x{:x}>", name, v.bits());
                    }
                    None => {
                        let _ = write!(out, "<generator object at 0x{:x}>", v.bits());
                    }
                }
                return Ok(());
            }
            Some(Obj::Class(c)) => {
                let _ = write!(out, "<class '{}'>", self.qstrs.str(c.name));
                return Ok(());
            }
            Some(&Obj::Module(name, g)) => {
                // With `__file__` (modules imported from files or frozen), MicroPython adds
                // where the module came from.
                let file = self.dict_get_qstr(g, q::__FILE__);
                let _ = write!(out, "<module '{}'", self.qstrs.str(name));
                if let Some(f) = file.and_then(|f| self.str_data(f)) {
                    let _ = write!(out, " from '{}'", f);
                }
                out.push('>');
                return Ok(());
            }
            Some(Obj::Exception(_)) => {
                if self.has_user_method(v, q::__REPR__) {
                    return self.user_text(v, q::__REPR__, out);
                }
                // MicroPython: the type name followed by the args tuple, e.g. KeyError('x',).
                let t = types::type_of(self, v);
                let name = String::from(types::type_name(self, t));
                out.push_str(&name);
                let args = match self.heap.get(v) {
                    Some(Obj::Exception(e)) => e.args,
                    _ => Value::NULL,
                };
                if matches!(self.heap.get(args), Some(Obj::Tuple(_))) {
                    return self.repr_into(args, out);
                }
                out.push_str("()");
                return Ok(());
            }
            Some(Obj::Instance(_)) => {
                if self.has_user_method(v, q::__REPR__) {
                    return self.user_text(v, q::__REPR__, out);
                }
                if let Some(b) = self.native_base_value(v) {
                    return self.repr_inner(b, out);
                }
                let t = types::type_of(self, v);
                let _ = write!(
                    out,
                    "<{} object at {:x}>",
                    types::type_name(self, t),
                    v.bits()
                );
                return Ok(());
            }
            Some(Obj::Cell(_)) => {
                out.push_str("<cell>");
                return Ok(());
            }
            Some(Obj::Native(_)) => {
                if let Some(r) = self.call_method_opt(v, q::__REPR__, &[])? {
                    if let Some(s) = self.str_data(r) {
                        out.push_str(s);
                        return Ok(());
                    }
                }
                let t = types::type_of(self, v);
                let _ = write!(
                    out,
                    "<{} object at {:x}>",
                    types::type_name(self, t),
                    v.bits()
                );
                return Ok(());
            }
            Some(_) => {
                let t = types::type_of(self, v);
                let _ = write!(out, "<{}>", types::type_name(self, t));
                return Ok(());
            }
        };
        out.push_str(open);
        for (i, x) in items.into_iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.repr_into(x, out)?;
        }
        out.push_str(close);
        Ok(())
    }

    /// The name of a code object given its context and qstr-table index.
    pub fn code_name(&self, ctx: Value, idx: u32) -> &str {
        match self.heap.get(ctx) {
            Some(Obj::Context(c)) => c
                .qstrs
                .get(idx as usize)
                .map(|&q| self.qstrs.str(q))
                .unwrap_or("?"),
            _ => "?",
        }
    }

    /// An int value as i64 (bool counts as int); TypeError otherwise, OverflowError if too big.
    pub fn to_i64(&mut self, v: Value) -> PyResult<i64> {
        if let Some(i) = v.as_small_int() {
            return Ok(i as i64);
        }
        if v == Value::TRUE {
            return Ok(1);
        }
        if v == Value::FALSE {
            return Ok(0);
        }
        match self.heap.get(v) {
            Some(Obj::BigInt(b)) => match b.to_i64() {
                Some(i) => Ok(i),
                None => Err(self.overflow_error("overflow converting long int to machine word")),
            },
            _ => {
                if let Some(base) = self.native_base_value(v) {
                    return self.to_i64(base);
                }
                Err(self.type_error_for("can't convert ", v, " to int"))
            }
        }
    }

    /// An index value (int or bool) as isize.
    pub fn to_index(&mut self, v: Value) -> PyResult<isize> {
        if let Some(i) = v.as_small_int() {
            return Ok(i);
        }
        let i = self.to_i64(v)?;
        isize::try_from(i)
            .map_err(|_| self.overflow_error("overflow converting long int to machine word"))
    }

    /// A number as f64 (int, bool, float).
    pub fn to_f64(&mut self, v: Value) -> PyResult<f64> {
        if let Some(i) = v.as_small_int() {
            return Ok(i as f64);
        }
        match self.heap.get(v) {
            Some(Obj::Float(f)) => Ok(*f),
            Some(Obj::BigInt(b)) => Ok(b.to_f64().unwrap_or(f64::INFINITY)),
            _ if v.is_bool() => Ok(if v == Value::TRUE { 1.0 } else { 0.0 }),
            _ => {
                if let Some(r) = self.call_method_opt(v, q::__FLOAT__, &[])? {
                    if let Some(Obj::Float(f)) = self.heap.get(r) {
                        return Ok(*f);
                    }
                }
                Err(self.type_error_for("can't convert ", v, " to float"))
            }
        }
    }

    /// Is `v` an int (small, big or bool)?
    pub fn is_int(&self, v: Value) -> bool {
        v.is_small_int() || v.is_bool() || matches!(self.heap.get(v), Some(Obj::BigInt(_)))
    }

    /// For instances of user subclasses of builtins: the builtin value inside.
    pub fn native_base_value(&self, v: Value) -> Option<Value> {
        match self.heap.get(v) {
            Some(Obj::Instance(i)) if !i.base.is_null() => Some(i.base),
            _ => None,
        }
    }
}

#[cfg(feature = "complex")]
/// Float text inside complex reprs: integral values print without ".0" as CPython does.
fn format_float_short(f: f64, out: &mut String) {
    if f == 0.0 && f.is_sign_negative() {
        out.push_str("-0");
    } else if f.is_finite() && f == libm::trunc(f) && f.abs() < 1e16 {
        let _ = write!(out, "{}", f as i64);
    } else {
        format_float(f, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ff(f: f64) -> String {
        let mut s = String::new();
        format_float(f, &mut s);
        s
    }

    #[test]
    fn float_repr_matches_python() {
        assert_eq!(ff(1.0), "1.0");
        assert_eq!(ff(0.1), "0.1");
        assert_eq!(ff(-2.5), "-2.5");
        assert_eq!(ff(1e16), "1e+16");
        assert_eq!(ff(1.5e-5), "1.5e-05");
        assert_eq!(ff(123456789.0), "123456789.0");
        assert_eq!(ff(0.0001), "0.0001");
        assert_eq!(ff(1e100), "1e+100");
        assert_eq!(ff(f64::INFINITY), "inf");
        assert_eq!(ff(0.0), "0.0");
        assert_eq!(ff(-0.0), "-0.0");
    }
}
