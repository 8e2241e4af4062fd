//! The `re` module: MicroPython's regular-expression subset.
//!
//! Syntax: literals, `.`, `[...]`/`[^...]` (ranges, escapes, `\d \w \s` and their negations),
//! `* + ?` and their lazy forms, `|`, `(...)`, `(?:...)`, `^`, `$`, and the escapes `\d \D \w
//! \W \s \S` (ASCII classes) and `\n \t \r \f \v`; any other escaped character stands for
//! itself. A pattern compiles to a small program, run by a backtracking matcher whose stack
//! is a bounded `Vec`: a pathological pattern raises RuntimeError, never overflows the native
//! stack. Jump distances and group counts have MicroPython's limits (so the same patterns are
//! "too complex"). A str subject is matched by code point over its UTF-8 bytes; positions
//! given and reported are code-point indices, as in CPython.

use crate::modules::native;
use crate::native_fn;
use crate::obj::{NativeObject, Obj};
use crate::qstr::q;
use crate::statics::{Attr, ModuleDef, StaticObj, TypeDef};
use crate::types::exceptions as ex;
use crate::types::object::OBJECT;
use crate::value::Value;
use crate::vm::{PyErr, PyResult, Vm};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::any::Any;

/// Nesting of parentheses allowed (MicroPython allows 63 groups).
const MAX_DEPTH: usize = 64;
const MAX_GROUPS: usize = 63;
/// Ranges in one `[...]` set.
const MAX_SET: usize = 127;
/// Backtracking entries before a match gives up with RuntimeError.
const MAX_STACK: usize = 100_000;

/// One instruction of a compiled pattern.
#[derive(Debug, Clone, Copy)]
enum Inst {
    Char(u32),
    Any,
    /// `ranges[start..start + len]`, negated or not.
    Set(u32, u16, bool),
    /// `\d \D \w \W \s \S` by letter.
    Named(u8),
    Bol,
    Eol,
    Save(u16),
    /// Try the first target, then the second on backtracking.
    Split(u32, u32),
    Jmp(u32),
    Match,
}

impl Inst {
    /// Size in MicroPython's encoding, which bounds jump distances.
    fn units(self) -> i64 {
        match self {
            Inst::Any | Inst::Bol | Inst::Eol | Inst::Match => 1,
            Inst::Set(_, n, _) => 2 + 2 * n as i64,
            _ => 2,
        }
    }
}

/// The syntax tree of a pattern (nesting bounded by `MAX_DEPTH`).
enum Node {
    Inst(Inst),
    Group(Option<u16>, Box<Node>),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    /// (body, kind `* + ?`, greedy).
    Repeat(Box<Node>, u8, bool),
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Regex {
    prog: Vec<Inst>,
    ranges: Vec<(u32, u32)>,
    groups: usize,
}

impl NativeObject for Regex {
    fn type_obj(&self) -> &'static StaticObj {
        &REGEX_TYPE
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// A successful match: the subject and the byte offsets of each group (`usize::MAX`: unset).
#[derive(Debug)]
pub struct Match {
    subject: Value,
    caps: Vec<usize>,
}

impl NativeObject for Match {
    fn type_obj(&self) -> &'static StaticObj {
        &MATCH_TYPE
    }
    fn trace(&self, out: &mut dyn FnMut(Value)) {
        out(self.subject);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

// ---------------------------------------------------------------------------------------
// Compiler

struct Parser<'a> {
    p: &'a [u32],
    i: usize,
    groups: usize,
    ranges: Vec<(u32, u32)>,
}

type Res<T> = Result<T, &'static str>;

const DIGITS: &[(u32, u32)] = &[(0x30, 0x39)];
const WORD: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5a), (0x5f, 0x5f), (0x61, 0x7a)];
const SPACE: &[(u32, u32)] = &[(0x09, 0x0d), (0x20, 0x20)];

/// The ranges of `\d`, `\w` or `\s` (by lower-case letter).
fn named_ranges(k: u8) -> &'static [(u32, u32)] {
    match k {
        b'd' => DIGITS,
        b'w' => WORD,
        _ => SPACE,
    }
}

/// Does `c` belong to named class `k` (`d D w W s S`)?
fn named(k: u8, c: u32) -> bool {
    let lower = k | 0x20;
    let r = named_ranges(lower).iter().any(|&(a, b)| a <= c && c <= b);
    r == (k == lower)
}

/// The character an escape letter stands for (`\n` is a newline, `\.` is `.`).
fn escaped(c: u32) -> u32 {
    match char::from_u32(c) {
        Some('n') => 10,
        Some('t') => 9,
        Some('r') => 13,
        Some('f') => 12,
        Some('v') => 11,
        _ => c,
    }
}

fn is_named(c: u32) -> bool {
    matches!(char::from_u32(c), Some('d' | 'D' | 'w' | 'W' | 's' | 'S'))
}

impl Parser<'_> {
    fn peek(&self) -> Option<u32> {
        self.p.get(self.i).copied()
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c as u32) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn alt(&mut self, depth: usize) -> Res<Node> {
        if depth > MAX_DEPTH {
            return Err("regex too deeply nested");
        }
        let mut alts = Vec::new();
        alts.push(self.concat(depth)?);
        while self.eat('|') {
            alts.push(self.concat(depth)?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap_or(Node::Concat(Vec::new()))
        } else {
            Node::Alt(alts)
        })
    }

    fn concat(&mut self, depth: usize) -> Res<Node> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' as u32 || c == ')' as u32 {
                break;
            }
            let mut atom = self.atom(depth)?;
            if let Some(k) = self.peek().filter(|&k| matches!(k, 0x2a | 0x2b | 0x3f)) {
                self.i += 1;
                let greedy = !self.eat('?');
                if matches!(self.peek(), Some(0x2a | 0x2b | 0x3f)) {
                    return Err("multiple repeat");
                }
                atom = Node::Repeat(Box::new(atom), k as u8, greedy);
            }
            items.push(atom);
        }
        Ok(Node::Concat(items))
    }

    fn atom(&mut self, depth: usize) -> Res<Node> {
        let c = self.peek().ok_or("unexpected end")?;
        self.i += 1;
        let inst = match char::from_u32(c) {
            Some('(') => {
                let cap = if self.eat('?') {
                    if !self.eat(':') {
                        return Err("unsupported group");
                    }
                    None
                } else {
                    self.groups += 1;
                    if self.groups > MAX_GROUPS {
                        return Err("too many groups");
                    }
                    Some(self.groups as u16)
                };
                let body = self.alt(depth + 1)?;
                if !self.eat(')') {
                    return Err("missing )");
                }
                return Ok(Node::Group(cap, Box::new(body)));
            }
            Some('*' | '+' | '?') => return Err("nothing to repeat"),
            Some('.') => Inst::Any,
            Some('^') => Inst::Bol,
            Some('$') => Inst::Eol,
            Some('[') => self.set()?,
            Some('\\') => {
                let e = self.peek().ok_or("bad escape")?;
                self.i += 1;
                if is_named(e) {
                    Inst::Named(e as u8)
                } else {
                    Inst::Char(escaped(e))
                }
            }
            _ => Inst::Char(c),
        };
        Ok(Node::Inst(inst))
    }

    /// One member of a set: a character, or a named class (as `Err(letter)`).
    fn set_item(&mut self) -> Res<Result<u32, u8>> {
        let c = self.peek().ok_or("missing ]")?;
        self.i += 1;
        if c != '\\' as u32 {
            return Ok(Ok(c));
        }
        let e = self.peek().ok_or("missing ]")?;
        self.i += 1;
        Ok(if is_named(e) {
            Err(e as u8)
        } else {
            Ok(escaped(e))
        })
    }

    fn set(&mut self) -> Res<Inst> {
        let neg = self.eat('^');
        let start = self.ranges.len();
        let mut first = true;
        loop {
            if !first && self.eat(']') {
                break;
            }
            first = false;
            match self.set_item()? {
                Err(k) => {
                    // A named class; its negation is the gaps between its ranges.
                    let rs = named_ranges(k | 0x20);
                    if k & 0x20 != 0 {
                        self.ranges.extend_from_slice(rs);
                    } else {
                        let mut lo = 0;
                        for &(a, b) in rs {
                            self.ranges.push((lo, a - 1));
                            lo = b + 1;
                        }
                        self.ranges.push((lo, 0x10ffff));
                    }
                }
                Ok(lo) => {
                    let mut hi = lo;
                    if self.peek() == Some('-' as u32)
                        && self.p.get(self.i + 1).is_some_and(|&n| n != ']' as u32)
                    {
                        self.i += 1;
                        hi = self.set_item()?.map_err(|_| "bad character range")?;
                        if hi < lo {
                            return Err("bad character range");
                        }
                    }
                    self.ranges.push((lo, hi));
                }
            }
            if self.ranges.len() - start > MAX_SET {
                return Err("regex too complex");
            }
        }
        Ok(Inst::Set(
            start as u32,
            (self.ranges.len() - start) as u16,
            neg,
        ))
    }
}

fn emit(prog: &mut Vec<Inst>, n: &Node) {
    let here = |prog: &Vec<Inst>| prog.len() as u32;
    match n {
        Node::Inst(i) => prog.push(*i),
        Node::Group(cap, body) => {
            if let Some(g) = cap {
                prog.push(Inst::Save(2 * g));
            }
            emit(prog, body);
            if let Some(g) = cap {
                prog.push(Inst::Save(2 * g + 1));
            }
        }
        Node::Concat(v) => v.iter().for_each(|x| emit(prog, x)),
        Node::Alt(v) => {
            let mut jumps = Vec::new();
            for (k, x) in v.iter().enumerate() {
                if k + 1 == v.len() {
                    emit(prog, x);
                    break;
                }
                let s = prog.len();
                prog.push(Inst::Split(0, 0));
                emit(prog, x);
                jumps.push(prog.len());
                prog.push(Inst::Jmp(0));
                prog[s] = Inst::Split(s as u32 + 1, here(prog));
            }
            let end = here(prog);
            jumps.into_iter().for_each(|j| prog[j] = Inst::Jmp(end));
        }
        Node::Repeat(body, kind, greedy) => {
            let order = |a: u32, b: u32| {
                if *greedy {
                    Inst::Split(a, b)
                } else {
                    Inst::Split(b, a)
                }
            };
            let s = prog.len();
            if *kind == b'+' {
                emit(prog, body);
                let next = here(prog) + 1;
                prog.push(order(s as u32, next));
                return;
            }
            prog.push(Inst::Split(0, 0));
            emit(prog, body);
            if *kind == b'*' {
                prog.push(Inst::Jmp(s as u32));
            }
            prog[s] = order(s as u32 + 1, here(prog));
        }
    }
}

/// Compile pattern characters to a program.
fn compile(p: &[u32]) -> Res<Regex> {
    let mut ps = Parser {
        p,
        i: 0,
        groups: 0,
        ranges: Vec::new(),
    };
    let node = ps.alt(0)?;
    if ps.i < p.len() {
        return Err("unbalanced parenthesis");
    }
    let mut prog = alloc::vec![Inst::Save(0)];
    emit(&mut prog, &node);
    prog.push(Inst::Save(1));
    prog.push(Inst::Match);
    // MicroPython's encoding stores jumps in a signed byte.
    let mut at = Vec::with_capacity(prog.len() + 1);
    let mut u = 0;
    for i in &prog {
        at.push(u);
        u += i.units();
    }
    at.push(u);
    for (pc, i) in prog.iter().enumerate() {
        let targets = match *i {
            Inst::Split(a, b) => [a, b],
            Inst::Jmp(t) => [t, t],
            _ => continue,
        };
        for t in targets {
            let off = at[t as usize] - at[pc + 1];
            if !(-128..=127).contains(&off) {
                return Err("regex too complex");
            }
        }
    }
    Ok(Regex {
        prog,
        ranges: ps.ranges,
        groups: ps.groups,
    })
}

// ---------------------------------------------------------------------------------------
// Matcher

/// What went wrong while matching.
enum Fail {
    Deep,
    NoMemory,
}

#[derive(Clone, Copy)]
enum Back {
    Branch(u32, usize),
    Restore(u16, usize),
}

struct Subject<'a> {
    s: &'a [u8],
    /// Decode UTF-8 (a str subject) rather than one byte per character.
    text: bool,
    end: usize,
}

impl Subject<'_> {
    /// The character at byte `at` and its length, if before the end.
    fn next(&self, at: usize) -> Option<(u32, usize)> {
        if at >= self.end {
            return None;
        }
        let b = *self.s.get(at)?;
        if !self.text || b < 0x80 {
            return Some((b as u32, 1));
        }
        let n = if b >= 0xf0 {
            4
        } else if b >= 0xe0 {
            3
        } else {
            2
        };
        let mut c = (b as u32) & (0x7f >> n);
        for k in 1..n {
            c = (c << 6) | (*self.s.get(at + k)? as u32 & 0x3f);
        }
        Some((c, n))
    }
}

/// Run `re` at byte `start`; on success `caps` holds the group offsets.
fn run(
    vm: &mut Vm,
    re: &Regex,
    sub: &Subject,
    start: usize,
    caps: &mut [usize],
    stack: &mut Vec<Back>,
) -> Result<bool, Fail> {
    caps.iter_mut().for_each(|c| *c = usize::MAX);
    stack.clear();
    let (mut pc, mut sp) = (0usize, start);
    let mut steps: u32 = 0;
    loop {
        steps = steps.wrapping_add(1);
        if steps & 0xffff == 0 && crate::interrupt::pending() {
            return Ok(false);
        }
        let Some(&inst) = re.prog.get(pc) else {
            return Ok(false);
        };
        let mut push = None;
        let ok = match inst {
            Inst::Char(c) => match sub.next(sp) {
                Some((ch, n)) if ch == c => {
                    sp += n;
                    true
                }
                _ => false,
            },
            Inst::Any | Inst::Set(..) | Inst::Named(_) => match sub.next(sp) {
                Some((ch, n)) => {
                    let hit = match inst {
                        Inst::Set(a, len, neg) => {
                            let rs = re.ranges.get(a as usize..a as usize + len as usize);
                            rs.unwrap_or(&[])
                                .iter()
                                .any(|&(lo, hi)| lo <= ch && ch <= hi)
                                != neg
                        }
                        Inst::Named(k) => named(k, ch),
                        _ => ch != 10,
                    };
                    sp += n;
                    hit
                }
                None => false,
            },
            Inst::Bol => sp == 0,
            Inst::Eol => sp == sub.end,
            Inst::Save(n) => {
                if let Some(c) = caps.get_mut(n as usize) {
                    push = Some(Back::Restore(n, *c));
                    *c = sp;
                }
                true
            }
            Inst::Split(a, b) => {
                push = Some(Back::Branch(b, sp));
                pc = a as usize;
                true
            }
            Inst::Jmp(t) => {
                pc = t as usize;
                true
            }
            Inst::Match => return Ok(true),
        };
        if !matches!(inst, Inst::Split(..) | Inst::Jmp(_)) {
            pc += 1;
        }
        if let Some(b) = push {
            if stack.len() >= MAX_STACK {
                return Err(Fail::Deep);
            }
            if stack.len() == stack.capacity() {
                let more = stack.len().max(16);
                if vm.reserve(more * core::mem::size_of::<Back>()).is_err()
                    || stack.try_reserve(more).is_err()
                {
                    return Err(Fail::NoMemory);
                }
            }
            stack.push(b);
        }
        if !ok {
            loop {
                match stack.pop() {
                    None => return Ok(false),
                    Some(Back::Restore(n, v)) => {
                        if let Some(c) = caps.get_mut(n as usize) {
                            *c = v;
                        }
                    }
                    Some(Back::Branch(t, s)) => {
                        pc = t as usize;
                        sp = s;
                        break;
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Python interface

fn raise_fail(vm: &mut Vm, f: Fail) -> PyErr {
    match f {
        Fail::Deep => vm.new_exception(&ex::RUNTIME_ERROR, "maximum recursion depth exceeded"),
        Fail::NoMemory => vm.no_memory(),
    }
}

/// A copy of a str or bytes subject, and whether it is text.
fn subject_data(vm: &mut Vm, v: Value) -> PyResult<(Vec<u8>, bool)> {
    let (d, text) = match vm.str_data(v) {
        Some(s) => (s.as_bytes(), true),
        None => match vm.heap.get(v) {
            Some(Obj::Bytes(b)) => (&b[..], false),
            _ => return Err(vm.type_error("expected str or bytes")),
        },
    };
    let mut out = Vec::new();
    if out.try_reserve_exact(d.len()).is_err() {
        return Err(vm.no_memory());
    }
    out.extend_from_slice(d);
    vm.reserve(out.len())?;
    Ok((out, text))
}

/// The compiled pattern behind `v`: `v` itself, or `v` compiled when a str or bytes.
fn regex_of(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if native::get::<Regex>(vm, v).is_some() {
        return Ok(v);
    }
    let chars: Vec<u32> = match vm.str_data(v) {
        Some(s) => s.chars().map(|c| c as u32).collect(),
        None => match vm.heap.get(v) {
            Some(Obj::Bytes(b)) => b.iter().map(|&c| c as u32).collect(),
            _ => return Err(vm.type_error("expected str, bytes or a compiled regex")),
        },
    };
    // The syntax tree and program take a few dozen bytes per pattern character.
    vm.reserve(chars.len() * 48)?;
    let re = match compile(&chars) {
        Ok(r) => r,
        Err(msg) => return Err(vm.value_error(msg)),
    };
    vm.reserve(re.prog.len() * core::mem::size_of::<Inst>() + re.ranges.len() * 8)?;
    vm.alloc(Obj::Native(Box::new(re)))
}

fn regex(vm: &Vm, v: Value) -> Option<&Regex> {
    native::get::<Regex>(vm, v)
}

/// Byte offset of code point `n` of a text subject (clamped to its length).
fn byte_at(d: &[u8], text: bool, n: usize) -> usize {
    if !text {
        return n.min(d.len());
    }
    let mut k = 0;
    for (i, &b) in d.iter().enumerate() {
        if b & 0xc0 != 0x80 {
            if k == n {
                return i;
            }
            k += 1;
        }
    }
    d.len()
}

/// Search (or match at `pos` only, when `anchored`) `re` in `d[..end]` from byte `pos`.
fn find(
    vm: &mut Vm,
    re: Value,
    d: &[u8],
    text: bool,
    (pos, end): (usize, usize),
    anchored: bool,
) -> PyResult<Option<Vec<usize>>> {
    // The program is taken out of the object while it runs (no Python code runs meanwhile),
    // so the matcher may account its memory on the VM.
    let Some(r) = native::get_mut::<Regex>(vm, re) else {
        return Err(vm.type_error("expected a regex"));
    };
    let prog = Regex {
        prog: core::mem::take(&mut r.prog),
        ranges: core::mem::take(&mut r.ranges),
        groups: r.groups,
    };
    let sub = Subject { s: d, text, end };
    let mut caps = Vec::new();
    let mut stack = Vec::new();
    let r = if caps.try_reserve_exact(2 * prog.groups + 2).is_err() {
        Err(Fail::NoMemory)
    } else {
        caps.resize(2 * prog.groups + 2, usize::MAX);
        let mut at = pos;
        loop {
            match run(vm, &prog, &sub, at, &mut caps, &mut stack) {
                Ok(false) if !anchored && !crate::interrupt::pending() => {}
                Ok(hit) => break Ok(hit),
                Err(f) => break Err(f),
            }
            match sub.next(at) {
                Some((_, k)) => at += k,
                None => break Ok(false),
            }
        }
    };
    if let Some(back) = native::get_mut::<Regex>(vm, re) {
        back.prog = prog.prog;
        back.ranges = prog.ranges;
    }
    match r {
        Ok(true) => Ok(Some(caps)),
        Ok(false) => Ok(None),
        Err(f) => Err(raise_fail(vm, f)),
    }
}

fn new_match(vm: &mut Vm, subject: Value, caps: Vec<usize>) -> PyResult<Value> {
    vm.reserve(caps.len() * core::mem::size_of::<usize>())?;
    vm.alloc(Obj::Native(Box::new(Match { subject, caps })))
}

/// `pos`/`endpos` arguments (code points) as byte offsets into `d`.
fn bounds(vm: &mut Vm, d: &[u8], text: bool, a: &[Value]) -> PyResult<(usize, usize)> {
    let mut idx = |k: usize, dflt: usize| -> PyResult<usize> {
        match a.get(k) {
            Some(&v) => Ok(vm.to_index(v)?.max(0) as usize),
            None => Ok(dflt),
        }
    };
    let pos = idx(0, 0)?;
    let end = idx(1, usize::MAX)?;
    Ok((byte_at(d, text, pos), byte_at(d, text, end)))
}

/// `re.match`/`re.search` on compiled `re` with (string, pos, endpos) in `a`.
fn match_or_search(vm: &mut Vm, re: Value, a: &[Value], anchored: bool) -> PyResult<Value> {
    let base = vm.roots.len();
    vm.roots.push(re);
    let r = (|| {
        let subject = a[0];
        let (d, text) = subject_data(vm, subject)?;
        let (pos, end) = bounds(vm, &d, text, &a[1..])?;
        if end < pos {
            return Ok(Value::NONE);
        }
        match find(vm, re, &d, text, (pos, end), anchored)? {
            Some(caps) => new_match(vm, subject, caps),
            None => Ok(Value::NONE),
        }
    })();
    vm.roots.truncate(base);
    r
}

native_fn!(COMPILE, "compile", 1, 2, |vm, a, _| regex_of(vm, a[0]));
native_fn!(MOD_MATCH, "match", 2, 3, |vm, a, _| {
    let re = regex_of(vm, a[0])?;
    match_or_search(vm, re, &a[1..2], true)
});
native_fn!(MOD_SEARCH, "search", 2, 3, |vm, a, _| {
    let re = regex_of(vm, a[0])?;
    match_or_search(vm, re, &a[1..2], false)
});
native_fn!(MOD_SUB, "sub", 3, 5, |vm, a, _| {
    let re = regex_of(vm, a[0])?;
    sub(vm, re, &a[1..a.len().min(4)])
});
native_fn!(MOD_SPLIT, "split", 2, 4, |vm, a, _| {
    let re = regex_of(vm, a[0])?;
    split(vm, re, &a[1..a.len().min(3)])
});
native_fn!(RE_MATCH, "match", 2, 4, |vm, a, _| {
    regex_of(vm, a[0])?;
    match_or_search(vm, a[0], &a[1..], true)
});
native_fn!(RE_SEARCH, "search", 2, 4, |vm, a, _| {
    regex_of(vm, a[0])?;
    match_or_search(vm, a[0], &a[1..], false)
});
native_fn!(RE_SUB, "sub", 3, 4, |vm, a, _| sub(vm, a[0], &a[1..]));
native_fn!(RE_SPLIT, "split", 2, 3, |vm, a, _| split(vm, a[0], &a[1..]));

/// A new str or bytes from `d[a..b]`.
fn piece(vm: &mut Vm, d: &[u8], text: bool, a: usize, b: usize) -> PyResult<Value> {
    let s = d.get(a..b).unwrap_or(&[]);
    if text {
        vm.new_str(core::str::from_utf8(s).unwrap_or(""))
    } else {
        vm.new_bytes(s)
    }
}

/// Append `v` to list `l` (memory checked).
fn list_push(vm: &mut Vm, l: Value, v: Value) -> PyResult<()> {
    vm.reserve(core::mem::size_of::<Value>())?;
    if let Some(Obj::List(items)) = vm.heap.get_mut(l) {
        if items.try_reserve(1).is_ok() {
            items.push(v);
            return Ok(());
        }
    }
    Err(vm.no_memory())
}

/// `split(string, maxsplit=0)`: stops at the first empty match, as MicroPython.
fn split(vm: &mut Vm, re: Value, a: &[Value]) -> PyResult<Value> {
    if regex(vm, re).is_some_and(|r| r.groups > 0) {
        return Err(vm.new_exception(&ex::NOT_IMPLEMENTED_ERROR, "splitting with sub-captures"));
    }
    let (d, text) = subject_data(vm, a[0])?;
    // maxsplit: 0 splits everywhere, a negative count nowhere (as CPython).
    let mut left = match a.get(1) {
        Some(&n) => vm.to_i64(n)?,
        None => 0,
    };
    if left == 0 {
        left = i64::MAX;
    }
    let out = vm.new_list(Vec::new())?;
    let base = vm.roots.len();
    vm.roots.push(out);
    vm.roots.push(re);
    let r = (|| {
        let mut pos = 0;
        while left > 0 {
            let Some(caps) = find(vm, re, &d, text, (pos, d.len()), false)? else {
                break;
            };
            if caps[0] == caps[1] {
                break;
            }
            let p = piece(vm, &d, text, pos, caps[0])?;
            list_push(vm, out, p)?;
            pos = caps[1];
            left -= 1;
        }
        let p = piece(vm, &d, text, pos, d.len())?;
        list_push(vm, out, p)?;
        Ok(out)
    })();
    vm.roots.truncate(base);
    r
}

/// Expand template `t` (`\1`, `\g<1>`, `\n`...) for one match into `out`.
fn expand(vm: &mut Vm, t: &[u8], d: &[u8], caps: &[usize], out: &mut Vec<u8>) -> PyResult<()> {
    let mut i = 0;
    while i < t.len() {
        let c = t[i];
        i += 1;
        if c != b'\\' || i == t.len() {
            out.push(c);
            continue;
        }
        let e = t[i];
        i += 1;
        let group = if e.is_ascii_digit() {
            let mut n = (e - b'0') as usize;
            while i < t.len() && t[i].is_ascii_digit() && n < 1000 {
                n = n * 10 + (t[i] - b'0') as usize;
                i += 1;
            }
            Some(n)
        } else if e == b'g' && t.get(i) == Some(&b'<') {
            let close = t[i..].iter().position(|&c| c == b'>');
            let num = close.and_then(|k| core::str::from_utf8(&t[i + 1..i + k]).ok());
            let Some(n) = num.and_then(|s| s.parse::<usize>().ok()) else {
                return Err(vm.value_error("bad group name"));
            };
            i += close.unwrap_or(0) + 1;
            Some(n)
        } else {
            None
        };
        match group {
            Some(n) => {
                if 2 * n + 1 >= caps.len() {
                    return Err(vm.value_error("invalid group reference"));
                }
                if let Some(s) = d.get(caps[2 * n]..caps[2 * n + 1]) {
                    out.extend_from_slice(s);
                }
            }
            None => match e {
                b'n' => out.push(b'\n'),
                b't' => out.push(b'\t'),
                b'r' => out.push(b'\r'),
                b'f' => out.push(0x0c),
                b'v' => out.push(0x0b),
                b'\\' => out.push(b'\\'),
                _ => out.extend_from_slice(&[b'\\', e]),
            },
        }
    }
    Ok(())
}

/// `sub(repl, string, count=0)`.
fn sub(vm: &mut Vm, re: Value, a: &[Value]) -> PyResult<Value> {
    let (repl, subject) = (a[0], a[1]);
    let (d, text) = subject_data(vm, subject)?;
    let count = match a.get(2) {
        Some(&n) => vm.to_i64(n)?,
        None => 0,
    };
    let template = if crate::builtins::functions::is_callable(vm, repl) {
        None
    } else {
        Some(subject_data(vm, repl)?.0)
    };
    let base = vm.roots.len();
    vm.roots.push(re);
    let r = (|| {
        let mut out: Vec<u8> = Vec::new();
        let mut pos = 0;
        let mut done = 0;
        while count <= 0 || done < count {
            let Some(caps) = find(vm, re, &d, text, (pos, d.len()), false)? else {
                break;
            };
            let (s, e) = (caps[0], caps[1]);
            let mut chunk = Vec::new();
            chunk.extend_from_slice(&d[pos..s]);
            match &template {
                Some(t) => expand(vm, t, &d, &caps, &mut chunk)?,
                None => {
                    let m = new_match(vm, subject, caps)?;
                    let r = vm.call(repl, &[m], &[])?;
                    match (vm.str_data(r), vm.heap.get(r)) {
                        (Some(s), _) if text => chunk.extend_from_slice(s.as_bytes()),
                        (_, Some(Obj::Bytes(b))) if !text => chunk.extend_from_slice(b),
                        _ => return Err(vm.type_error("can't convert to str implicitly")),
                    }
                }
            }
            pos = e;
            if s == e {
                // An empty match: keep the next character and look after it.
                let Some((_, k)) = (Subject {
                    s: &d,
                    text,
                    end: d.len(),
                })
                .next(e) else {
                    vm.reserve(chunk.len())?;
                    out.try_reserve(chunk.len()).map_err(|_| vm.no_memory())?;
                    out.extend_from_slice(&chunk);
                    pos = d.len() + 1;
                    break;
                };
                chunk.extend_from_slice(&d[e..e + k]);
                pos = e + k;
            }
            vm.reserve(chunk.len())?;
            out.try_reserve(chunk.len()).map_err(|_| vm.no_memory())?;
            out.extend_from_slice(&chunk);
            done += 1;
        }
        if pos <= d.len() {
            out.extend_from_slice(&d[pos..]);
        }
        if text {
            vm.new_str(core::str::from_utf8(&out).unwrap_or(""))
        } else {
            vm.new_bytes(&out)
        }
    })();
    vm.roots.truncate(base);
    r
}

fn this_match(vm: &mut Vm, v: Value) -> PyResult<&Match> {
    if native::get::<Match>(vm, v).is_none() {
        return Err(vm.type_error("expected a match"));
    }
    native::get::<Match>(vm, v).ok_or(PyErr(Value::NONE))
}

/// Group `a[1]` (default 0) of match `a[0]` as (subject, start, end) byte offsets.
fn group_span(vm: &mut Vm, a: &[Value]) -> PyResult<(Value, usize, usize)> {
    let n = match a.get(1) {
        Some(&n) => vm.to_i64(n)?,
        None => 0,
    };
    let m = this_match(vm, a[0])?;
    let k = usize::try_from(n)
        .ok()
        .filter(|&k| 2 * k + 1 < m.caps.len());
    match k {
        Some(k) => Ok((m.subject, m.caps[2 * k], m.caps[2 * k + 1])),
        None => Err(vm.index_error("no such group")),
    }
}

fn group_value(vm: &mut Vm, subject: Value, s: usize, e: usize) -> PyResult<Value> {
    if s == usize::MAX || e == usize::MAX {
        return Ok(Value::NONE);
    }
    let (part, text) = match vm.str_data(subject) {
        Some(t) => (t.as_bytes().get(s..e).map(<[u8]>::to_vec), true),
        None => (
            vm.bytes_data(subject)
                .and_then(|b| b.get(s..e))
                .map(<[u8]>::to_vec),
            false,
        ),
    };
    piece(vm, &part.unwrap_or_default(), text, 0, e - s)
}

/// Code-point index of byte offset `b` of the subject (-1 when unset).
fn char_index(vm: &mut Vm, subject: Value, b: usize) -> Value {
    if b == usize::MAX {
        return Value::small_int(-1);
    }
    let n = match vm.str_data(subject) {
        Some(s) => s.as_bytes()[..b.min(s.len())]
            .iter()
            .filter(|&&c| c & 0xc0 != 0x80)
            .count(),
        None => b,
    };
    Value::small_int(n as isize)
}

native_fn!(GROUP, "group", 1, 2, |vm, a, _| {
    let (subject, s, e) = group_span(vm, a)?;
    group_value(vm, subject, s, e)
});
native_fn!(GROUPS, "groups", 1, 2, |vm, a, _| {
    let m = this_match(vm, a[0])?;
    let (subject, caps) = (m.subject, m.caps.clone());
    let dflt = a.get(1).copied().unwrap_or(Value::NONE);
    let mut items = Vec::new();
    if items.try_reserve_exact(caps.len() / 2).is_err() {
        return Err(vm.no_memory());
    }
    let base = vm.roots.len();
    let r = (|| {
        for k in 1..caps.len() / 2 {
            let v = group_value(vm, subject, caps[2 * k], caps[2 * k + 1])?;
            let v = if v == Value::NONE { dflt } else { v };
            vm.roots.push(v);
            items.push(v);
        }
        vm.new_tuple(&items)
    })();
    vm.roots.truncate(base);
    r
});
native_fn!(SPAN, "span", 1, 2, |vm, a, _| {
    let (subject, s, e) = group_span(vm, a)?;
    let (s, e) = (char_index(vm, subject, s), char_index(vm, subject, e));
    vm.new_tuple(&[s, e])
});
native_fn!(START, "start", 1, 2, |vm, a, _| {
    let (subject, s, _) = group_span(vm, a)?;
    Ok(char_index(vm, subject, s))
});
native_fn!(END, "end", 1, 2, |vm, a, _| {
    let (subject, _, e) = group_span(vm, a)?;
    Ok(char_index(vm, subject, e))
});
native_fn!(MATCH_REPR, "__repr__", 1, 1, |vm, a, _| {
    let n = this_match(vm, a[0])?.caps.len() / 2;
    vm.new_str(&alloc::format!("<match num={}>", n))
});
native_fn!(RE_REPR, "__repr__", 1, 1, |vm, _, _| vm.new_str("<re>"));

/// The type of compiled patterns.
pub static REGEX_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "re",
    base: Some(&OBJECT),
    attrs: &[
        (q::MATCH, Attr::Fn(&RE_MATCH)),
        (q::SEARCH, Attr::Fn(&RE_SEARCH)),
        (q::SUB, Attr::Fn(&RE_SUB)),
        (q::SPLIT, Attr::Fn(&RE_SPLIT)),
        (q::__REPR__, Attr::Fn(&RE_REPR)),
    ],
    make_new: None,
    attr_hook: None,
    subclassable: false,
});

/// The type of match objects.
pub static MATCH_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "match",
    base: Some(&OBJECT),
    attrs: &[
        (q::GROUP, Attr::Fn(&GROUP)),
        (q::GROUPS, Attr::Fn(&GROUPS)),
        (q::SPAN, Attr::Fn(&SPAN)),
        (q::START, Attr::Fn(&START)),
        (q::END, Attr::Fn(&END)),
        (q::__REPR__, Attr::Fn(&MATCH_REPR)),
    ],
    make_new: None,
    attr_hook: None,
    subclassable: false,
});

fn re_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    native::fill(
        vm,
        g,
        &[&COMPILE, &MOD_MATCH, &MOD_SEARCH, &MOD_SUB, &MOD_SPLIT],
    )?;
    let k = vm.qstrs.intern_static("DEBUG");
    vm.dict_set_str(g, k, Value::small_int(4096))
}

/// The `re` module.
pub static RE_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "re",
    attrs: &[],
    init: Some(re_init),
});
