//! Methods shared by `str`, `bytes` and `bytearray` (as MicroPython shares them): searching,
//! splitting, stripping, replacing, padding, case changes and character classes.
//!
//! Each method copies its subject's data out of the heap, works on bytes, and builds the
//! result with the subject's own type. For `str`, positions given to and returned by Python
//! are counted in characters; ASCII text (the common case) maps them one to one.

use crate::native_fn;
use crate::obj::Obj;
use crate::types::textargs::{arg_or_kw, unwrap_self};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::string::String;
use alloc::vec::Vec;

/// Which type a text value is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// `str` (UTF-8).
    Str,
    /// `bytes`.
    Bytes,
    /// `bytearray`.
    ByteArray,
}

/// A copied-out text subject.
pub struct Text {
    /// Its type.
    pub kind: Kind,
    /// Its data (UTF-8 for str).
    pub data: Vec<u8>,
}

impl Text {
    fn is_str(&self) -> bool {
        self.kind == Kind::Str
    }

    fn ascii(&self) -> bool {
        !self.is_str() || self.data.is_ascii()
    }

    /// Length in the units Python indexes by.
    fn len_units(&self) -> usize {
        if self.ascii() {
            self.data.len()
        } else {
            self.as_str().chars().count()
        }
    }

    fn as_str(&self) -> &str {
        core::str::from_utf8(&self.data).unwrap_or("")
    }

    /// Byte offset of unit index `i` (i <= len_units).
    fn byte_at(&self, i: usize) -> usize {
        if self.ascii() {
            i.min(self.data.len())
        } else {
            self.as_str()
                .char_indices()
                .nth(i)
                .map_or(self.data.len(), |(b, _)| b)
        }
    }

    /// Unit index of byte offset `b`.
    fn unit_at(&self, b: usize) -> usize {
        if self.ascii() {
            b
        } else {
            self.as_str().get(..b).map_or(0, |s| s.chars().count())
        }
    }
}

/// Copy the text out of `v` (str, bytes, bytearray, or a user subclass of them).
pub fn get_text(vm: &Vm, v: Value) -> Option<Text> {
    let v = unwrap_self(vm, v);
    if let Some(s) = vm.str_data(v) {
        return Some(Text {
            kind: Kind::Str,
            data: s.as_bytes().to_vec(),
        });
    }
    match vm.heap.get(v)? {
        Obj::Bytes(b) => Some(Text {
            kind: Kind::Bytes,
            data: b.to_vec(),
        }),
        Obj::ByteArray(b) => Some(Text {
            kind: Kind::ByteArray,
            data: b.clone(),
        }),
        _ => None,
    }
}

fn subject(vm: &mut Vm, v: Value) -> PyResult<Text> {
    match get_text(vm, v) {
        Some(t) => Ok(t),
        None => Err(vm.type_error("expected str or bytes")),
    }
}

/// An argument of the same family as the subject: str for str, any buffer for bytes.
pub fn same_kind_arg(vm: &mut Vm, kind: Kind, v: Value) -> PyResult<Vec<u8>> {
    let v = unwrap_self(vm, v);
    if kind == Kind::Str {
        if let Some(s) = vm.str_data(v) {
            return Ok(s.as_bytes().to_vec());
        }
        return Err(vm.type_error_for("can't convert '", v, "' object to str implicitly"));
    }
    match crate::types::bytes::buffer_data(vm, v) {
        Some(b) => Ok(b),
        None => Err(vm.type_error("a bytes-like object is required")),
    }
}

/// Build a value of `kind` from data.
pub fn make(vm: &mut Vm, kind: Kind, data: Vec<u8>) -> PyResult<Value> {
    match kind {
        Kind::Str => {
            let s = match String::from_utf8(data) {
                Ok(s) => s,
                Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
            };
            vm.new_string(s)
        }
        Kind::Bytes => vm.new_bytes(&data),
        Kind::ByteArray => vm.alloc(Obj::ByteArray(data)),
    }
}

fn make_slice(vm: &mut Vm, kind: Kind, data: &[u8]) -> PyResult<Value> {
    make(vm, kind, data.to_vec())
}

/// Python's `[start:end]` clamping for optional start/end arguments, in units; returns
/// (start, end, start_was_past_end).
fn clamp_range(
    vm: &mut Vm,
    start: Option<Value>,
    end: Option<Value>,
    len: usize,
) -> PyResult<(usize, usize, bool)> {
    let n = len as isize;
    let norm = |vm: &mut Vm, v: Option<Value>, d: isize| -> PyResult<isize> {
        match v {
            Some(v) if v != Value::NONE => {
                let i = vm.to_index(v)?;
                Ok(if i < 0 { (i + n).max(0) } else { i })
            }
            _ => Ok(d),
        }
    };
    let s = norm(vm, start, 0)?;
    let e = norm(vm, end, n)?.min(n);
    let past = s > n;
    let s = s.min(n);
    Ok((s as usize, (e.max(s)) as usize, past))
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    if needle.len() > hay.len() {
        return None;
    }
    if needle.len() == 1 {
        return hay.iter().position(|&c| c == needle[0]);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    if needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// find/rfind/index/rindex core: Some(unit index) or None.
fn search(vm: &mut Vm, a: &[Value], rev: bool) -> PyResult<Option<usize>> {
    let a = &crate::statics::Args(a);
    let t = subject(vm, a[0])?;
    let needle = match crate::types::bytes::int_as_byte(vm, t.kind, a[1])? {
        Some(b) => alloc::vec![b],
        None => same_kind_arg(vm, t.kind, a[1])?,
    };
    let len = t.len_units();
    let (s, e, past) = clamp_range(vm, a.get(2).copied(), a.get(3).copied(), len)?;
    if past {
        return Ok(None);
    }
    let (bs, be) = (t.byte_at(s), t.byte_at(e));
    let hay = t.data.get(bs..be).unwrap_or(&[]);
    let r = if rev {
        rfind_bytes(hay, &needle)
    } else {
        find_bytes(hay, &needle)
    };
    Ok(r.map(|p| t.unit_at(bs + p)))
}

native_fn!(FIND, "find", 2, 4, |vm, a, _| {
    let r = search(vm, a, false)?;
    Ok(Value::small_int(r.map_or(-1, |x| x as isize)))
});
native_fn!(RFIND, "rfind", 2, 4, |vm, a, _| {
    let r = search(vm, a, true)?;
    Ok(Value::small_int(r.map_or(-1, |x| x as isize)))
});
native_fn!(
    INDEX,
    "index",
    2,
    4,
    |vm, a, _| match search(vm, a, false)? {
        Some(x) => vm.new_int(x as i64),
        None => Err(vm.value_error("substring not found")),
    }
);
native_fn!(
    RINDEX,
    "rindex",
    2,
    4,
    |vm, a, _| match search(vm, a, true)? {
        Some(x) => vm.new_int(x as i64),
        None => Err(vm.value_error("substring not found")),
    }
);

native_fn!(COUNT, "count", 2, 4, |vm, a, _| {
    let t = subject(vm, a[0])?;
    let needle = match crate::types::bytes::int_as_byte(vm, t.kind, a[1])? {
        Some(b) => alloc::vec![b],
        None => same_kind_arg(vm, t.kind, a[1])?,
    };
    let len = t.len_units();
    let (s, e, past) = clamp_range(vm, a.get(2).copied(), a.get(3).copied(), len)?;
    if past {
        return Ok(Value::small_int(0));
    }
    if needle.is_empty() {
        return vm.new_int((e - s + 1) as i64);
    }
    let hay = t.data.get(t.byte_at(s)..t.byte_at(e)).unwrap_or(&[]);
    let mut n = 0i64;
    let mut i = 0;
    while let Some(p) = hay.get(i..).and_then(|h| find_bytes(h, &needle)) {
        n += 1;
        i += p + needle.len();
    }
    vm.new_int(n)
});

fn starts_ends(vm: &mut Vm, a: &[Value], ends: bool) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let t = subject(vm, a[0])?;
    let len = t.len_units();
    let (s, e, past) = clamp_range(vm, a.get(2).copied(), a.get(3).copied(), len)?;
    let hay = t.data.get(t.byte_at(s)..t.byte_at(e)).unwrap_or(&[]);
    let cands: Vec<Value> = match vm.heap.get(a[1]) {
        Some(Obj::Tuple(items)) => items.to_vec(),
        _ => alloc::vec![a[1]],
    };
    for c in cands {
        let p = same_kind_arg(vm, t.kind, c)?;
        if past {
            continue;
        }
        let hit = if ends {
            hay.ends_with(&p)
        } else {
            hay.starts_with(&p)
        };
        if hit {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

native_fn!(STARTSWITH, "startswith", 2, 4, |vm, a, _| starts_ends(
    vm, a, false
));
native_fn!(ENDSWITH, "endswith", 2, 4, |vm, a, _| starts_ends(
    vm, a, true
));

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Split `data` on runs of whitespace, at most `max` times (negative: no limit).
fn split_ws(data: &[u8], max: isize) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = data.len();
    loop {
        while i < n && is_ws(data[i]) {
            i += 1;
        }
        if i >= n {
            break;
        }
        if max >= 0 && out.len() as isize >= max {
            out.push(&data[i..]);
            break;
        }
        let st = i;
        while i < n && !is_ws(data[i]) {
            i += 1;
        }
        out.push(&data[st..i]);
    }
    out
}

fn rsplit_ws(data: &[u8], max: isize) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = data.len();
    loop {
        while i > 0 && is_ws(data[i - 1]) {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        if max >= 0 && out.len() as isize >= max {
            out.push(&data[..i]);
            break;
        }
        let en = i;
        while i > 0 && !is_ws(data[i - 1]) {
            i -= 1;
        }
        out.push(&data[i..en]);
    }
    out.reverse();
    out
}

fn split_common(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)], rev: bool) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    crate::types::textargs::check_kw(vm, kw, &["sep", "maxsplit"])?;
    let t = subject(vm, a[0])?;
    let sep = arg_or_kw(vm, a, 1, kw, "sep").filter(|v| *v != Value::NONE);
    let max = match arg_or_kw(vm, a, 2, kw, "maxsplit") {
        Some(v) => vm.to_index(v)?,
        None => -1,
    };
    let parts: Vec<&[u8]>;
    let sepb;
    match sep {
        None => {
            parts = if rev {
                rsplit_ws(&t.data, max)
            } else {
                split_ws(&t.data, max)
            };
        }
        Some(s) => {
            sepb = same_kind_arg(vm, t.kind, s)?;
            if sepb.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            parts = split_on(&t.data, &sepb, max, rev);
        }
    }
    let mut vals = Vec::with_capacity(parts.len());
    for p in parts {
        vals.push(make_slice(vm, t.kind, p)?);
    }
    vm.new_list(vals)
}

/// Split on a non-empty separator, at most `max` times, from the left or the right.
fn split_on<'a>(data: &'a [u8], sep: &[u8], max: isize, rev: bool) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    if !rev {
        let mut i = 0;
        loop {
            if max >= 0 && out.len() as isize >= max {
                break;
            }
            match data.get(i..).and_then(|h| find_bytes(h, sep)) {
                Some(p) => {
                    out.push(&data[i..i + p]);
                    i += p + sep.len();
                }
                None => break,
            }
        }
        out.push(data.get(i..).unwrap_or(&[]));
    } else {
        let mut e = data.len();
        loop {
            if max >= 0 && out.len() as isize >= max {
                break;
            }
            match data.get(..e).and_then(|h| rfind_bytes(h, sep)) {
                Some(p) => {
                    out.push(&data[p + sep.len()..e]);
                    e = p;
                }
                None => break,
            }
        }
        out.push(data.get(..e).unwrap_or(&[]));
        out.reverse();
    }
    out
}

native_fn!(
    SPLIT,
    "split",
    1,
    3,
    |vm, a, kw| split_common(vm, a, kw, false),
    kw
);
native_fn!(
    RSPLIT,
    "rsplit",
    1,
    3,
    |vm, a, kw| split_common(vm, a, kw, true),
    kw
);

native_fn!(
    SPLITLINES,
    "splitlines",
    1,
    2,
    |vm, a, kw| {
        let t = subject(vm, a[0])?;
        let keep = match arg_or_kw(vm, a, 1, kw, "keepends") {
            Some(v) => vm.truthy(v)?,
            None => false,
        };
        let d = &t.data;
        let mut parts: Vec<&[u8]> = Vec::new();
        let mut i = 0;
        let mut st = 0;
        while i < d.len() {
            let c = d[i];
            if c == b'\n' || c == b'\r' {
                let mut e = i + 1;
                if c == b'\r' && d.get(i + 1) == Some(&b'\n') {
                    e += 1;
                }
                parts.push(if keep { &d[st..e] } else { &d[st..i] });
                st = e;
                i = e;
            } else {
                i += 1;
            }
        }
        if st < d.len() {
            parts.push(&d[st..]);
        }
        let mut vals = Vec::with_capacity(parts.len());
        for p in parts {
            vals.push(make_slice(vm, t.kind, p)?);
        }
        vm.new_list(vals)
    },
    kw
);

/// 0: both ends, 1: left, 2: right.
fn strip_common(vm: &mut Vm, a: &[Value], which: u8) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let t = subject(vm, a[0])?;
    let chars = match a.get(1) {
        Some(&v) if v != Value::NONE => Some(same_kind_arg(vm, t.kind, v)?),
        _ => None,
    };
    let out: Vec<u8> =
        if t.is_str() && !(t.data.is_ascii() && chars.as_ref().is_none_or(|c| c.is_ascii())) {
            let s = t.as_str();
            let set: Vec<char> = match &chars {
                Some(c) => core::str::from_utf8(c).unwrap_or("").chars().collect(),
                None => Vec::new(),
            };
            let m = |c: char| {
                if chars.is_some() {
                    set.contains(&c)
                } else {
                    c.is_ascii() && is_ws(c as u8)
                }
            };
            let r = match which {
                0 => s.trim_matches(m),
                1 => s.trim_start_matches(m),
                _ => s.trim_end_matches(m),
            };
            r.as_bytes().to_vec()
        } else {
            let m = |c: &u8| match &chars {
                Some(set) => set.contains(c),
                None => is_ws(*c),
            };
            let d = &t.data;
            let mut s = 0;
            let mut e = d.len();
            if which != 2 {
                while s < e && m(&d[s]) {
                    s += 1;
                }
            }
            if which != 1 {
                while e > s && m(&d[e - 1]) {
                    e -= 1;
                }
            }
            d[s..e].to_vec()
        };
    if out.len() == t.data.len() && t.kind != Kind::ByteArray {
        return Ok(unwrap_self(vm, a[0]));
    }
    make(vm, t.kind, out)
}

native_fn!(STRIP, "strip", 1, 2, |vm, a, _| strip_common(vm, a, 0));
native_fn!(LSTRIP, "lstrip", 1, 2, |vm, a, _| strip_common(vm, a, 1));
native_fn!(RSTRIP, "rstrip", 1, 2, |vm, a, _| strip_common(vm, a, 2));

native_fn!(REPLACE, "replace", 3, 4, |vm, a, _| {
    let t = subject(vm, a[0])?;
    let old = same_kind_arg(vm, t.kind, a[1])?;
    let new = same_kind_arg(vm, t.kind, a[2])?;
    let max = match a.get(3) {
        Some(&v) => vm.to_index(v)?,
        None => -1,
    };
    let d = &t.data;
    let mut out = Vec::new();
    let mut n: isize = 0;
    if old.is_empty() {
        // Insert `new` before every unit and at the end.
        let cuts: Vec<usize> = if t.ascii() {
            (0..=d.len()).collect()
        } else {
            let mut c: Vec<usize> = t.as_str().char_indices().map(|(i, _)| i).collect();
            c.push(d.len());
            c
        };
        let mut prev = 0;
        for &c in &cuts {
            out.extend_from_slice(&d[prev..c]);
            if max < 0 || n < max {
                out.extend_from_slice(&new);
                n += 1;
            }
            prev = c;
        }
    } else {
        let mut i = 0;
        while max < 0 || n < max {
            match d.get(i..).and_then(|h| find_bytes(h, &old)) {
                Some(p) => {
                    out.extend_from_slice(&d[i..i + p]);
                    out.extend_from_slice(&new);
                    i += p + old.len();
                    n += 1;
                }
                None => break,
            }
            if vm.reserve(out.len()).is_err() {
                return Err(vm.no_memory());
            }
        }
        out.extend_from_slice(d.get(i..).unwrap_or(&[]));
    }
    // Nothing replaced: an immutable subject is returned as it is (no allocation).
    let immutable =
        a[0].is_qstr() || matches!(vm.heap.get(a[0]), Some(Obj::Str(_) | Obj::Bytes(_)));
    if n == 0 && immutable {
        return Ok(a[0]);
    }
    make(vm, t.kind, out)
});

fn partition_common(vm: &mut Vm, a: &[Value], rev: bool) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let t = subject(vm, a[0])?;
    let sep = same_kind_arg(vm, t.kind, a[1])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let d = &t.data;
    let pos = if rev {
        rfind_bytes(d, &sep)
    } else {
        find_bytes(d, &sep)
    };
    let (x, y, z): (&[u8], &[u8], &[u8]) = match pos {
        Some(p) => (&d[..p], &sep, &d[p + sep.len()..]),
        None if rev => (&[], &[], d),
        None => (d, &[], &[]),
    };
    let a1 = make_slice(vm, t.kind, x)?;
    let a2 = make_slice(vm, t.kind, y)?;
    let a3 = make_slice(vm, t.kind, z)?;
    vm.new_tuple(&[a1, a2, a3])
}

native_fn!(PARTITION, "partition", 2, 2, |vm, a, _| partition_common(
    vm, a, false
));
native_fn!(RPARTITION, "rpartition", 2, 2, |vm, a, _| partition_common(
    vm, a, true
));

native_fn!(JOIN, "join", 2, 2, |vm, a, _| {
    let kind = subject(vm, a[0])?.kind;
    let sep = subject(vm, a[0])?.data;
    let items = vm.collect_iterable(a[1])?;
    let mut out: Vec<u8> = Vec::new();
    for (i, &it) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        let inner = unwrap_self(vm, it);
        let ok = match kind {
            Kind::Str => match vm.str_data(inner) {
                Some(s) => {
                    out.extend_from_slice(s.as_bytes());
                    true
                }
                None => false,
            },
            _ => match crate::types::bytes::buffer_data(vm, inner) {
                Some(b) => {
                    out.extend_from_slice(&b);
                    true
                }
                None => false,
            },
        };
        if !ok {
            return Err(vm.type_error(
                "join expects a list of str/bytes objects consistent with self object",
            ));
        }
        vm.reserve(out.len())?;
    }
    make(vm, kind, out)
});

/// Padding for center/ljust/rjust: 0 center, 1 ljust, 2 rjust.
fn pad_common(vm: &mut Vm, a: &[Value], how: u8) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let t = subject(vm, a[0])?;
    let width = vm.to_index(a[1])?;
    let fill: Vec<u8> = match a.get(2) {
        Some(&f) => {
            let fb = same_kind_arg(vm, t.kind, f)?;
            let one = if t.is_str() {
                core::str::from_utf8(&fb).map_or(0, |s| s.chars().count()) == 1
            } else {
                fb.len() == 1
            };
            if !one {
                return Err(vm.type_error("The fill character must be exactly one character long"));
            }
            fb
        }
        None => alloc::vec![b' '],
    };
    let len = t.len_units();
    if width <= len as isize {
        if t.kind == Kind::ByteArray {
            return make(vm, t.kind, t.data);
        }
        return Ok(unwrap_self(vm, a[0]));
    }
    let total = width as usize - len;
    vm.reserve(total.saturating_mul(fill.len()))?;
    let (left, right) = match how {
        0 => {
            // CPython puts the extra space on the right unless the width and length are odd.
            let l = total / 2 + (total & width as usize & 1);
            (l, total - l)
        }
        1 => (0, total),
        _ => (total, 0),
    };
    let mut out = Vec::new();
    if out.try_reserve(t.data.len() + total * fill.len()).is_err() {
        return Err(vm.no_memory());
    }
    for _ in 0..left {
        out.extend_from_slice(&fill);
    }
    out.extend_from_slice(&t.data);
    for _ in 0..right {
        out.extend_from_slice(&fill);
    }
    make(vm, t.kind, out)
}

native_fn!(CENTER, "center", 2, 3, |vm, a, _| pad_common(vm, a, 0));
native_fn!(LJUST, "ljust", 2, 3, |vm, a, _| pad_common(vm, a, 1));
native_fn!(RJUST, "rjust", 2, 3, |vm, a, _| pad_common(vm, a, 2));

native_fn!(ZFILL, "zfill", 2, 2, |vm, a, _| {
    let t = subject(vm, a[0])?;
    let width = vm.to_index(a[1])?;
    let len = t.len_units();
    if width <= len as isize {
        return make(vm, t.kind, t.data);
    }
    let n = width as usize - len;
    vm.reserve(n)?;
    let mut out = Vec::with_capacity(t.data.len() + n);
    let rest = match t.data.first() {
        Some(&c) if c == b'+' || c == b'-' => {
            out.push(c);
            &t.data[1..]
        }
        _ => &t.data[..],
    };
    out.resize(out.len() + n, b'0');
    out.extend_from_slice(rest);
    make(vm, t.kind, out)
});

/// Case mappings: 0 upper, 1 lower, 2 swapcase, 3 capitalize, 4 title. Like MicroPython,
/// only ASCII letters have case: the bytes of other characters pass through unchanged.
fn case_common(vm: &mut Vm, a: &[Value], how: u8) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let t = subject(vm, a[0])?;
    let mut prev_cased = false;
    let out: Vec<u8> = t
        .data
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let up = match how {
                0 => true,
                1 => false,
                2 => c.is_ascii_lowercase(),
                3 => i == 0,
                _ => !prev_cased,
            };
            prev_cased = c.is_ascii_alphabetic();
            if up {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    make(vm, t.kind, out)
}

native_fn!(UPPER, "upper", 1, 1, |vm, a, _| case_common(vm, a, 0));
native_fn!(LOWER, "lower", 1, 1, |vm, a, _| case_common(vm, a, 1));
native_fn!(SWAPCASE, "swapcase", 1, 1, |vm, a, _| case_common(vm, a, 2));
native_fn!(CAPITALIZE, "capitalize", 1, 1, |vm, a, _| case_common(
    vm, a, 3
));
native_fn!(TITLE, "title", 1, 1, |vm, a, _| case_common(vm, a, 4));

/// Character classes: 0 digit, 1 alpha, 2 space, 3 upper, 4 lower, 5 alnum. Like MicroPython,
/// only ASCII characters belong to a class, so str and bytes share the byte-wise test.
fn class_common(vm: &mut Vm, a: &[Value], how: u8) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let t = subject(vm, a[0])?;
    let d = &t.data;
    if d.is_empty() {
        return Ok(Value::FALSE);
    }
    let r = match how {
        0 => d.iter().all(u8::is_ascii_digit),
        1 => d.iter().all(u8::is_ascii_alphabetic),
        2 => d.iter().all(|&c| is_ws(c)),
        3 => d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase),
        4 => d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase),
        _ => d.iter().all(u8::is_ascii_alphanumeric),
    };
    Ok(Value::bool(r))
}

native_fn!(ISDIGIT, "isdigit", 1, 1, |vm, a, _| class_common(vm, a, 0));
native_fn!(ISALPHA, "isalpha", 1, 1, |vm, a, _| class_common(vm, a, 1));
native_fn!(ISSPACE, "isspace", 1, 1, |vm, a, _| class_common(vm, a, 2));
native_fn!(ISUPPER, "isupper", 1, 1, |vm, a, _| class_common(vm, a, 3));
native_fn!(ISLOWER, "islower", 1, 1, |vm, a, _| class_common(vm, a, 4));
native_fn!(ISALNUM, "isalnum", 1, 1, |vm, a, _| class_common(vm, a, 5));

fn affix_common(vm: &mut Vm, a: &[Value], suffix: bool) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    let t = subject(vm, a[0])?;
    let p = same_kind_arg(vm, t.kind, a[1])?;
    let d = &t.data;
    let out = if !p.is_empty() && !suffix && d.starts_with(&p) {
        d[p.len()..].to_vec()
    } else if !p.is_empty() && suffix && d.ends_with(&p) {
        d[..d.len() - p.len()].to_vec()
    } else {
        return make(vm, t.kind, t.data);
    };
    make(vm, t.kind, out)
}

native_fn!(REMOVEPREFIX, "removeprefix", 2, 2, |vm, a, _| affix_common(
    vm, a, false
));
native_fn!(REMOVESUFFIX, "removesuffix", 2, 2, |vm, a, _| affix_common(
    vm, a, true
));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_split() {
        let p = split_ws(b"  a b  c ", -1);
        assert_eq!(p, [&b"a"[..], b"b", b"c"]);
        let p = split_ws(b"  a b  c ", 1);
        assert_eq!(p, [&b"a"[..], b"b  c "]);
        let p = rsplit_ws(b"  a b  c ", 1);
        assert_eq!(p, [&b"  a b"[..], b"c"]);
        assert!(split_ws(b"   ", -1).is_empty());
    }

    #[test]
    fn separator_split() {
        assert_eq!(
            split_on(b"a,b,,c", b",", -1, false),
            [&b"a"[..], b"b", b"", b"c"]
        );
        assert_eq!(split_on(b"a,b,c", b",", 1, true), [&b"a,b"[..], b"c"]);
        assert_eq!(split_on(b"", b",", -1, false), [&b""[..]]);
        assert_eq!(rfind_bytes(b"abcabc", b"bc"), Some(4));
        assert_eq!(find_bytes(b"abc", b""), Some(0));
        assert_eq!(rfind_bytes(b"abc", b""), Some(3));
    }
}
