//! The format-spec mini-language (`format()`, `str.format`, f-strings, `__format__`):
//! `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.

use crate::native_fn;
use crate::obj::Obj;
use crate::qstr::q;
use crate::statics::VAR_ARGS;
use crate::types::bigint::BigInt;
use crate::types::bigint::{Signed, ToPrimitive};
use crate::types::textargs::unwrap_self;
use crate::value::Value;
use crate::vm::ops::as_bigint;
use crate::vm::{PyResult, Vm};
use alloc::string::String;
use alloc::vec::Vec;

/// A parsed format spec.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Spec {
    /// Padding character.
    pub fill: Option<char>,
    /// `<`, `>`, `^` or `=`.
    pub align: Option<char>,
    /// `+`, `-` or ` `.
    pub sign: Option<char>,
    /// `#`: alternate form.
    pub alt: bool,
    /// `0`: zero padding.
    pub zero: bool,
    /// Minimum width.
    pub width: usize,
    /// `,` or `_`.
    pub grouping: Option<char>,
    /// Precision.
    pub precision: Option<usize>,
    /// Presentation type.
    pub ty: Option<char>,
}

/// Largest width or precision accepted (bounds memory use by a format string).
const MAX_WIDTH: usize = 1 << 24;

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '^' | '=')
}

/// Parse a format spec; Err(message) for a malformed one.
pub fn parse_spec(s: &str) -> Result<Spec, &'static str> {
    let cs: Vec<char> = s.chars().collect();
    let mut sp = Spec::default();
    let mut i = 0;
    if cs.len() >= 2 && is_align(cs[1]) {
        sp.fill = Some(cs[0]);
        sp.align = Some(cs[1]);
        i = 2;
    } else if !cs.is_empty() && is_align(cs[0]) {
        sp.align = Some(cs[0]);
        i = 1;
    }
    if let Some(&c) = cs.get(i) {
        if matches!(c, '+' | '-' | ' ') {
            sp.sign = Some(c);
            i += 1;
        }
    }
    if cs.get(i) == Some(&'#') {
        sp.alt = true;
        i += 1;
    }
    if cs.get(i) == Some(&'0') {
        sp.zero = true;
        i += 1;
    }
    let num = |i: &mut usize| -> Result<Option<usize>, &'static str> {
        let st = *i;
        let mut n: usize = 0;
        while let Some(d) = cs.get(*i).and_then(|c| c.to_digit(10)) {
            n = n.saturating_mul(10).saturating_add(d as usize);
            *i += 1;
        }
        if n > MAX_WIDTH {
            return Err("width too big");
        }
        Ok(if *i > st { Some(n) } else { None })
    };
    if let Some(w) = num(&mut i)? {
        sp.width = w;
    }
    if let Some(&c) = cs.get(i) {
        if c == ',' || c == '_' {
            sp.grouping = Some(c);
            i += 1;
        }
    }
    if cs.get(i) == Some(&'.') {
        i += 1;
        match num(&mut i)? {
            Some(p) => sp.precision = Some(p),
            None => return Err("Format specifier missing precision"),
        }
    }
    if let Some(&c) = cs.get(i) {
        sp.ty = Some(c);
        i += 1;
    }
    if i != cs.len() {
        return Err("Invalid format specifier");
    }
    Ok(sp)
}

/// Pad `body` (whose sign/prefix part is `head`) to the spec's width.
pub fn pad(sp: &Spec, head: &str, body: &str, default_align: char, out: &mut String) {
    let len = head.chars().count() + body.chars().count();
    let (fill, align) = if sp.zero && sp.fill.is_none() {
        let numeric = default_align == '>';
        (
            '0',
            sp.align
                .unwrap_or(if numeric { '=' } else { default_align }),
        )
    } else {
        (sp.fill.unwrap_or(' '), sp.align.unwrap_or(default_align))
    };
    let extra = sp.width.saturating_sub(len);
    let push = |out: &mut String, n: usize| {
        for _ in 0..n {
            out.push(fill);
        }
    };
    match align {
        '<' => {
            out.push_str(head);
            out.push_str(body);
            push(out, extra);
        }
        '^' => {
            push(out, extra / 2);
            out.push_str(head);
            out.push_str(body);
            push(out, extra - extra / 2);
        }
        '=' => {
            out.push_str(head);
            push(out, extra);
            out.push_str(body);
        }
        _ => {
            push(out, extra);
            out.push_str(head);
            out.push_str(body);
        }
    }
}

/// Insert `sep` every `every` digits from the right of `digits`.
fn group(digits: &str, sep: char, every: usize) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / every);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Group an integer digit string, zero-padding it first when the spec asks for `0` fill.
fn group_padded(sp: &Spec, digits: &str, every: usize, room: usize) -> String {
    let sep = match sp.grouping {
        Some(s) => s,
        None => return String::from(digits),
    };
    let mut d = String::from(digits);
    let mut g = group(&d, sep, every);
    if sp.zero && sp.align.is_none() {
        while g.chars().count() < room {
            d.insert(0, '0');
            g = group(&d, sep, every);
        }
    }
    g
}

fn sign_str(sp: &Spec, neg: bool) -> &'static str {
    if neg {
        "-"
    } else {
        match sp.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

/// Format an int with a spec (types b c d o x X n and none; float types convert).
pub fn format_int(n: &BigInt, sp: &Spec, out: &mut String) -> Result<(), &'static str> {
    let ty = sp.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        return format_float(n.to_f64().unwrap_or(f64::INFINITY), sp, out);
    }
    if ty == 'c' {
        if sp.sign.is_some() {
            return Err("Sign not allowed with integer format specifier 'c'");
        }
        let c = n
            .to_u32()
            .and_then(char::from_u32)
            .ok_or("%c arg not in range(0x110000)")?;
        let mut b = [0u8; 4];
        pad(sp, "", c.encode_utf8(&mut b), '>', out);
        return Ok(());
    }
    let (radix, prefix) = match ty {
        'd' | 'n' => (10, ""),
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => return Err("unknown format code for object of type 'int'"),
    };
    if sp.precision.is_some() {
        return Err("Precision not allowed in integer format specifier");
    }
    let mut digits = n.magnitude().to_str_radix(radix);
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let mut head = String::from(sign_str(sp, n.is_negative()));
    if sp.alt {
        head.push_str(prefix);
    }
    let every = if radix == 10 { 3 } else { 4 };
    let room = sp.width.saturating_sub(head.len());
    let body = group_padded(sp, &digits, every, room);
    pad(sp, &head, &body, '>', out);
    Ok(())
}

/// Rust's `{:e}` exponent ("e5", "e-7") in Python's form ("e+05", "e-07").
fn fix_exp(s: &str, upper: bool) -> String {
    let (m, e) = match s.split_once('e') {
        Some(x) => x,
        None => return String::from(s),
    };
    let (sign, digits) = match e.strip_prefix('-') {
        Some(d) => ('-', d),
        None => ('+', e),
    };
    let mut out = String::from(m);
    out.push(if upper { 'E' } else { 'e' });
    out.push(sign);
    if digits.len() < 2 {
        out.push('0');
    }
    out.push_str(digits);
    out
}

/// Exponent of `x` once rounded to `p` significant digits.
fn exp10_after_round(x: f64, p: usize) -> i32 {
    let s = super::float_fmt::sci(x, p.saturating_sub(1));
    s.split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0)
}

/// The digits of a finite non-negative float for one presentation type.
fn float_body(x: f64, ty: char, prec: Option<usize>, alt: bool) -> String {
    match ty {
        'f' | 'F' | '%' => {
            let p = prec.unwrap_or(6);
            let mut s = super::float_fmt::fixed(x, p);
            if alt && p == 0 {
                s.push('.');
            }
            s
        }
        'e' | 'E' => {
            let p = prec.unwrap_or(6);
            let mut s = fix_exp(&super::float_fmt::sci(x, p), ty == 'E');
            if alt && p == 0 {
                if let Some(i) = s.find(['e', 'E']) {
                    s.insert(i, '.');
                }
            }
            s
        }
        _ => {
            // 'g', 'G', 'n' and the no-type form with a precision.
            let none = ty == 'r';
            let p = match prec {
                Some(0) => 1,
                Some(p) => p,
                None => 6,
            };
            let upper = ty == 'G';
            if x == 0.0 {
                let mut s = String::from("0");
                if alt {
                    s.push('.');
                    for _ in 1..p {
                        s.push('0');
                    }
                } else if none {
                    s.push_str(".0");
                }
                return s;
            }
            let e = exp10_after_round(x, p);
            let limit = if none { p as i64 - 1 } else { p as i64 };
            let mut s = if e >= -4 && (e as i64) < limit {
                super::float_fmt::fixed(x, (p as i64 - 1 - e as i64).max(0) as usize)
            } else {
                fix_exp(&super::float_fmt::sci(x, p - 1), upper)
            };
            if !alt {
                // Drop trailing zeros of the fraction.
                let (mant, exp) = match s.find(['e', 'E']) {
                    Some(i) => (
                        String::from(s.get(..i).unwrap_or_default()),
                        String::from(s.get(i..).unwrap_or_default()),
                    ),
                    None => (s.clone(), String::new()),
                };
                let mut m = mant;
                if m.contains('.') {
                    while m.ends_with('0') {
                        m.pop();
                    }
                    if m.ends_with('.') {
                        m.pop();
                    }
                }
                if none && exp.is_empty() && !m.contains('.') {
                    m.push_str(".0");
                }
                s = m + &exp;
            } else if !s.contains('.') {
                match s.find(['e', 'E']) {
                    Some(i) => s.insert(i, '.'),
                    None => s.push('.'),
                }
            }
            s
        }
    }
}

/// Format a float with a spec (types e E f F g G n % and none).
pub fn format_float(f: f64, sp: &Spec, out: &mut String) -> Result<(), &'static str> {
    let ty = sp.ty.unwrap_or('r');
    if !matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' | 'r') {
        return Err("unknown format code for object of type 'float'");
    }
    let neg = f.is_sign_negative() && !f.is_nan();
    let x = f.abs();
    let upper = matches!(ty, 'E' | 'F' | 'G');
    let head = sign_str(sp, neg);
    // As in MicroPython, fixed notation is used only while it fits a 33-byte buffer (32 with
    // a sign): larger numbers switch to 'g' with one more significant digit.
    let scaled = if ty == '%' { x * 100.0 } else { x };
    let mut prec = sp.precision;
    let ty = match ty {
        'f' | 'F' | '%' if scaled.is_finite() && scaled >= 1.0 => {
            let p = prec.unwrap_or(6);
            let room = if head.is_empty() { 33 } else { 32 };
            // MicroPython's exponent: 10^e <= x < 10^(e+1), powers taken as nearest doubles.
            let mut e = exp10_after_round(scaled, 21);
            let next = super::float_parse::parse_f64(&alloc::format!("1e{}", e + 1));
            if next.is_some_and(|n| scaled >= n) {
                e += 1;
            }
            if e as usize + p + 2 > room {
                prec = Some(p + 1);
                match ty {
                    'f' => 'g',
                    'F' => 'G',
                    _ => 'p',
                }
            } else {
                ty
            }
        }
        _ => ty,
    };
    let mut body = if !x.is_finite() {
        let t = if x.is_nan() { "nan" } else { "inf" };
        let mut s = String::from(t);
        if upper {
            s.make_ascii_uppercase();
        }
        if ty == '%' {
            s.push('%');
        }
        s
    } else if ty == 'r' && sp.precision.is_none() {
        let mut s = String::new();
        crate::vm::convert::format_float(x, &mut s);
        s
    } else if ty == '%' || ty == 'p' {
        let mut s = float_body(scaled, if ty == 'p' { 'g' } else { '%' }, prec, sp.alt);
        s.push('%');
        s
    } else {
        float_body(x, ty, prec, sp.alt)
    };
    if sp.grouping.is_some() && x.is_finite() {
        let int_end = body
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(body.len());
        let rest = String::from(body.get(int_end..).unwrap_or_default());
        let room = sp.width.saturating_sub(head.len() + rest.chars().count());
        let g = group_padded(sp, body.get(..int_end).unwrap_or_default(), 3, room);
        body = g + &rest;
    }
    pad(sp, head, &body, '>', out);
    Ok(())
}

/// Format text with a spec (type `s` or none; precision truncates).
pub fn format_text(s: &str, sp: &Spec, out: &mut String) -> Result<(), &'static str> {
    if !matches!(sp.ty, None | Some('s')) {
        return Err("unknown format code for object of type 'str'");
    }
    if sp.sign.is_some() {
        return Err("Sign not allowed in string format specifier");
    }
    if sp.align == Some('=') {
        return Err("'=' alignment not allowed in string format specifier");
    }
    let body: String = match sp.precision {
        Some(p) => s.chars().take(p).collect(),
        None => String::from(s),
    };
    pad(sp, "", &body, '<', out);
    Ok(())
}

/// `format(v, spec)` appended to `out`: `__format__` of user classes, else the builtin rules.
pub fn format_value(vm: &mut Vm, v: Value, spec: &str, out: &mut String) -> PyResult<()> {
    if matches!(
        vm.heap.get(v),
        Some(Obj::Instance(_)) | Some(Obj::Native(_))
    ) {
        let t = crate::types::type_of(vm, v);
        if matches!(vm.heap.get(t), Some(Obj::Class(_)))
            && vm.lookup_class_attr(t, q::__FORMAT__).is_some()
        {
            let sv = vm.new_str(spec)?;
            let r = vm.call_method(v, q::__FORMAT__, &[sv])?;
            return match vm.str_data(r) {
                Some(s) => {
                    out.push_str(s);
                    Ok(())
                }
                None => Err(vm.type_error("__format__ must return a str")),
            };
        }
    }
    if spec.is_empty() {
        return vm.str_into(v, out);
    }
    let sp = match parse_spec(spec) {
        Ok(s) => s,
        Err(m) => return Err(vm.value_error(m)),
    };
    let inner = unwrap_self(vm, v);
    let r = if let Some(n) = as_bigint(vm, inner) {
        format_int(&n, &sp, out)
    } else if let Some(Obj::Float(f)) = vm.heap.get(inner) {
        let f = *f;
        format_float(f, &sp, out)
    } else {
        let mut s = String::new();
        vm.str_into(v, &mut s)?;
        if let Some(Obj::Complex(..)) = vm.heap.get(inner) {
            let mut sp2 = sp.clone();
            sp2.ty = None;
            sp2.precision = None;
            format_text(&s, &sp2, out)
        } else {
            format_text(&s, &sp, out)
        }
    };
    r.map_err(|m| {
        if m.starts_with("%c arg") {
            vm.overflow_error(m)
        } else {
            vm.value_error(m)
        }
    })
}

native_fn!(FORMAT, "format", 1, 2, |vm, a, _| {
    let spec = match a.get(1) {
        Some(&s) => match vm.str_data(s) {
            Some(t) => String::from(t),
            None => return Err(vm.type_error("format() argument 2 must be str")),
        },
        None => String::new(),
    };
    let mut out = String::new();
    format_value(vm, a[0], &spec, &mut out)?;
    vm.new_string(out)
});

native_fn!(STR_FORMAT, "format", 1, VAR_ARGS, str_format, kw);

/// `str.format(*args, **kwargs)`.
fn str_format(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let s = unwrap_self(vm, a[0]);
    let text = match vm.str_data(s) {
        Some(t) => String::from(t),
        None => return Err(vm.type_error("expected str")),
    };
    let mut st = FmtState {
        args: &a[1..],
        kw,
        auto: 0,
        mode: 0,
    };
    let mut out = String::new();
    render(vm, &text, &mut st, &mut out, 0)?;
    vm.new_string(out)
}

struct FmtState<'a> {
    args: &'a [Value],
    kw: &'a [(Value, Value)],
    auto: usize,
    /// 0 unknown, 1 automatic numbering, 2 manual.
    mode: u8,
}

fn render(
    vm: &mut Vm,
    text: &str,
    st: &mut FmtState,
    out: &mut String,
    depth: u32,
) -> PyResult<()> {
    if depth > 2 {
        return Err(vm.value_error("Max string recursion exceeded"));
    }
    let cs: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c == '}' {
            if cs.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.value_error("single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if cs.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        // Find the matching '}' (nested braces allowed in the spec).
        let mut j = i + 1;
        let mut level = 1;
        while j < cs.len() {
            match cs[j] {
                '{' => level += 1,
                '}' => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= cs.len() {
            return Err(vm.value_error("expected '}' before end of string"));
        }
        let field: String = cs[i + 1..j].iter().collect();
        i = j + 1;
        // Split field into name, conversion and spec.
        let (name_conv, spec) = match field.find(':') {
            Some(p) => {
                let b = field.find('[').unwrap_or(usize::MAX);
                if b < p {
                    // A ':' inside an index key: look after the closing bracket.
                    let close = field
                        .get(b..)
                        .unwrap_or_default()
                        .find(']')
                        .map_or(p, |c| b + c);
                    match field.get(close..).unwrap_or_default().find(':') {
                        Some(q) => (
                            field.get(..close + q).unwrap_or_default(),
                            field.get(close + q + 1..).unwrap_or_default(),
                        ),
                        None => (field.as_str(), ""),
                    }
                } else {
                    (
                        field.get(..p).unwrap_or_default(),
                        field.get(p + 1..).unwrap_or_default(),
                    )
                }
            }
            None => (field.as_str(), ""),
        };
        let (name, conv) = match name_conv.rfind('!') {
            Some(p) if !name_conv.get(p..).unwrap_or_default().contains(']') => (
                name_conv.get(..p).unwrap_or_default(),
                Some(name_conv.get(p + 1..).unwrap_or_default()),
            ),
            _ => (name_conv, None),
        };
        let v = field_value(vm, name, st)?;
        let base = vm.roots.len();
        vm.roots.push(v);
        let r = (|| {
            let v = match conv {
                None => v,
                Some("r") | Some("a") => vm.repr(v)?,
                Some("s") => vm.to_str(v)?,
                Some(_) => {
                    return Err(vm.value_error("unknown conversion specifier"));
                }
            };
            vm.roots.push(v);
            let mut spec_s = String::new();
            if spec.contains('{') {
                render(vm, spec, st, &mut spec_s, depth + 1)?;
            } else {
                spec_s.push_str(spec);
            }
            format_value(vm, v, &spec_s, out)
        })();
        vm.roots.truncate(base);
        r?;
        vm.reserve(out.len())?;
    }
    Ok(())
}

/// Resolve a replacement-field name: `0`, `name`, or empty, then `.attr` / `[key]` parts.
fn field_value(vm: &mut Vm, name: &str, st: &mut FmtState) -> PyResult<Value> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = name.get(..first_end).unwrap_or_default();
    let mut v = if first.is_empty() {
        if st.mode == 2 {
            return Err(vm.value_error(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        st.mode = 1;
        let i = st.auto;
        st.auto += 1;
        match st.args.get(i) {
            Some(&v) => v,
            None => return Err(vm.index_error("tuple index out of range")),
        }
    } else if let Ok(i) = first.parse::<usize>() {
        if st.mode == 1 {
            return Err(vm.value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        st.mode = 2;
        match st.args.get(i) {
            Some(&v) => v,
            None => return Err(vm.index_error("tuple index out of range")),
        }
    } else {
        let found = st
            .kw
            .iter()
            .find(|(k, _)| vm.str_data(*k) == Some(first))
            .map(|&(_, v)| v);
        match found {
            Some(v) => v,
            None => {
                let k = vm.new_str(first)?;
                return Err(vm.key_error(k));
            }
        }
    };
    let mut rest = name.get(first_end..).unwrap_or_default();
    let base = vm.roots.len();
    let r = (|| {
        while !rest.is_empty() {
            vm.roots.push(v);
            if let Some(r) = rest.strip_prefix('.') {
                let e = r.find(['.', '[']).unwrap_or(r.len());
                let attr = vm.intern(r.get(..e).unwrap_or_default());
                v = vm.getattr(v, attr)?;
                rest = r.get(e..).unwrap_or_default();
            } else if let Some(r) = rest.strip_prefix('[') {
                let e = match r.find(']') {
                    Some(e) => e,
                    None => return Err(vm.value_error("Missing ']' in format string")),
                };
                let key = r.get(..e).unwrap_or_default();
                let kv = match key.parse::<i64>() {
                    Ok(n) => vm.new_int(n)?,
                    Err(_) => vm.new_str(key)?,
                };
                v = vm.getitem(v, kv)?;
                rest = r.get(e + 1..).unwrap_or_default();
            } else {
                return Err(
                    vm.value_error("Only '.' or '[' may follow ']' in format field specifier")
                );
            }
        }
        Ok(v)
    })();
    vm.roots.truncate(base);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fi(n: i64, s: &str) -> String {
        let mut out = String::new();
        format_int(&BigInt::from(n), &parse_spec(s).unwrap(), &mut out).unwrap();
        out
    }

    fn ff(x: f64, s: &str) -> String {
        let mut out = String::new();
        format_float(x, &parse_spec(s).unwrap(), &mut out).unwrap();
        out
    }

    #[test]
    fn ints() {
        assert_eq!(fi(255, "#x"), "0xff");
        assert_eq!(fi(-5, "05"), "-0005");
        assert_eq!(fi(1234, "010,"), "00,001,234");
        assert_eq!(fi(1234567, ","), "1,234,567");
        assert_eq!(fi(255, "_b"), "1111_1111");
        assert_eq!(fi(42, "*^8"), "***42***");
        assert_eq!(fi(7, "+"), "+7");
    }

    #[test]
    fn floats() {
        assert_eq!(ff(1.0, ".3"), "1.0");
        assert_eq!(ff(10.0, ".2"), "1e+01");
        assert_eq!(ff(12345.678, ",.2f"), "12,345.68");
        assert_eq!(ff(1.5, "%"), "150.000000%");
        assert_eq!(ff(0.0001, "g"), "0.0001");
        assert_eq!(ff(1e-5, "g"), "1e-05");
        assert_eq!(ff(2.5, "=+8.2f"), "+   2.50");
        assert_eq!(ff(1234.5, "e"), "1.234500e+03");
        assert_eq!(ff(f64::NAN, "08.2f"), "00000nan");
        assert_eq!(ff(100.0, "#g"), "100.000");
    }

    #[test]
    fn bad_specs() {
        assert!(parse_spec("10.").is_err());
        assert!(parse_spec("xx").is_err());
        assert_eq!(parse_spec("*<10").unwrap().fill, Some('*'));
    }
}
