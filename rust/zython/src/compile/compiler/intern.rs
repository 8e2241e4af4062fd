//! Which long string literals MicroPython would load as qstrs.
//!
//! MicroPython's lexer interns every identifier and every string literal of at most 10 bytes
//! as it reads the source; a longer literal becomes a qstr (`LOAD_CONST_STRING`) only if the
//! same text was already interned by then (the file name, an earlier identifier or short
//! string, or a static qstr), and a constant object (`LOAD_CONST_OBJ`) otherwise. This pass
//! replays that in source order and records the string expressions that end up as qstrs.

use alloc::collections::BTreeSet;
use alloc::string::String;

use crate::compile::ast::{
    Arguments, Comprehension, Constant, Expr, ExprKind, FStringPart, Keyword, Module, Stmt,
    StmtKind,
};

/// Strings of at most this many bytes are always interned.
pub const INTERN_STRING_LEN: usize = 10;

/// Addresses of the string expressions (constants and f-strings) to load as qstrs.
#[derive(Debug, Default)]
pub struct LongQstrs {
    marks: BTreeSet<usize>,
}

impl LongQstrs {
    /// True if the long string expression `e` is to be a qstr.
    pub fn contains(&self, e: &Expr) -> bool {
        self.marks.contains(&(e as *const Expr as usize))
    }
}

struct Scan<'f> {
    guard: super::guard::Guard,
    depth: u32,
    interned: BTreeSet<String>,
    is_static: &'f dyn Fn(&str) -> bool,
    marks: BTreeSet<usize>,
}

/// Replay MicroPython's interning over `m` (which must not move while the result is used).
pub fn scan(
    m: &Module,
    filename: &str,
    is_static: &dyn Fn(&str) -> bool,
    guard: super::guard::Guard,
) -> LongQstrs {
    let mut s = Scan {
        guard,
        depth: 0,
        interned: BTreeSet::new(),
        is_static,
        marks: BTreeSet::new(),
    };
    // The source file name is interned before the source is read.
    s.name(filename);
    s.block(&m.body);
    LongQstrs { marks: s.marks }
}

impl Scan<'_> {
    fn name(&mut self, n: &str) {
        if !self.interned.contains(n) {
            self.interned.insert(String::from(n));
        }
    }

    fn dotted(&mut self, n: &str) {
        for part in n.split('.') {
            if !part.is_empty() {
                self.name(part);
            }
        }
    }

    /// A string token: short ones are interned, long ones checked.
    fn string(&mut self, e: &Expr, s: &str) {
        if s.len() <= INTERN_STRING_LEN {
            self.name(s);
        } else if self.interned.contains(s) || (self.is_static)(s) {
            self.marks.insert(e as *const Expr as usize);
        }
    }

    fn block(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn args(&mut self, a: &Arguments) {
        let n_plain = a.args.len() - a.defaults.len().min(a.args.len());
        for (i, arg) in a.args.iter().enumerate() {
            self.name(&arg.name);
            if let Some(t) = &arg.annotation {
                self.expr(t);
            }
            if i >= n_plain {
                if let Some(d) = a.defaults.get(i - n_plain) {
                    self.expr(d);
                }
            }
        }
        if let Some(v) = &a.vararg {
            self.name(&v.name);
        }
        for (i, arg) in a.kwonlyargs.iter().enumerate() {
            self.name(&arg.name);
            if let Some(t) = &arg.annotation {
                self.expr(t);
            }
            if let Some(Some(d)) = a.kw_defaults.get(i) {
                self.expr(d);
            }
        }
        if let Some(k) = &a.kwarg {
            self.name(&k.name);
        }
    }

    fn keywords(&mut self, ks: &[Keyword]) {
        for k in ks {
            if let Some(n) = &k.name {
                self.name(n);
            }
            self.expr(&k.value);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        if self.guard.check(self.depth, 0).is_err() {
            return;
        }
        self.depth += 1;
        self.stmt_inner(s);
        self.depth -= 1;
    }

    fn stmt_inner(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d);
                }
                self.name(&f.name);
                self.args(&f.args);
                if let Some(r) = &f.returns {
                    self.expr(r);
                }
                self.block(&f.body);
            }
            StmtKind::ClassDef(c) => {
                for d in &c.decorators {
                    self.expr(d);
                }
                self.name(&c.name);
                for b in &c.bases {
                    self.expr(b);
                }
                self.keywords(&c.keywords);
                self.block(&c.body);
            }
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v);
                }
            }
            StmtKind::Delete(ts) => {
                for t in ts {
                    self.expr(t);
                }
            }
            StmtKind::Assign { targets, value } => {
                for t in targets {
                    self.expr(t);
                }
                self.expr(value);
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target);
                self.expr(value);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                self.expr(target);
                self.expr(annotation);
                if let Some(v) = value {
                    self.expr(v);
                }
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(target);
                self.expr(iter);
                self.block(body);
                self.block(orelse);
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test);
                self.block(body);
                self.block(orelse);
            }
            StmtKind::With { items, body, .. } => {
                for it in items {
                    self.expr(&it.context);
                    if let Some(t) = &it.target {
                        self.expr(t);
                    }
                }
                self.block(body);
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e);
                }
                if let Some(c) = cause {
                    self.expr(c);
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.block(body);
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t);
                    }
                    if let Some(n) = &h.name {
                        self.name(n);
                    }
                    self.block(&h.body);
                }
                self.block(orelse);
                self.block(finalbody);
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m);
                }
            }
            StmtKind::Import(names) => {
                for a in names {
                    self.dotted(&a.name);
                    if let Some(x) = &a.asname {
                        self.name(x);
                    }
                }
            }
            StmtKind::ImportFrom { module, names, .. } => {
                if let Some(m) = module {
                    self.dotted(m);
                }
                for a in names {
                    self.name(&a.name);
                    if let Some(x) = &a.asname {
                        self.name(x);
                    }
                }
            }
            StmtKind::Global(ns) | StmtKind::Nonlocal(ns) => {
                for n in ns {
                    self.name(n);
                }
            }
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
    }

    fn comps(&mut self, gens: &[Comprehension]) {
        for g in gens {
            self.expr(&g.target);
            self.expr(&g.iter);
            for c in &g.ifs {
                self.expr(c);
            }
        }
    }

    fn fstring_fields(&mut self, parts: &[FStringPart]) {
        for p in parts {
            if let FStringPart::Field {
                value, format_spec, ..
            } = p
            {
                self.expr(value);
                self.fstring_fields(format_spec);
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        if self.guard.check(self.depth, 0).is_err() {
            return;
        }
        self.depth += 1;
        self.expr_inner(e);
        self.depth -= 1;
    }

    fn expr_inner(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(n) => self.name(n),
            ExprKind::Constant(Constant::Str(s)) => self.string(e, s),
            ExprKind::Constant(_) => {}
            ExprKind::BoolOp { values, .. } => {
                for v in values {
                    self.expr(v);
                }
            }
            ExprKind::NamedExpr { target, value } => {
                self.name(target);
                self.expr(value);
            }
            ExprKind::BinOp { .. } => {
                // Iterate the left spine: operator chains can be long.
                let mut rights = alloc::vec::Vec::new();
                let mut cur = e;
                while let ExprKind::BinOp { left, right, .. } = &cur.kind {
                    rights.push(&**right);
                    cur = left;
                }
                self.expr(cur);
                for r in rights.iter().rev() {
                    self.expr(r);
                }
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda { args, body } => {
                self.args(args);
                self.expr(body);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(body);
                self.expr(test);
                self.expr(orelse);
            }
            ExprKind::Dict { keys, values } => {
                for (k, v) in keys.iter().zip(values.iter()) {
                    if let Some(k) = k {
                        self.expr(k);
                    }
                    self.expr(v);
                }
            }
            ExprKind::Set(elts) | ExprKind::List(elts) | ExprKind::Tuple(elts) => {
                for x in elts {
                    self.expr(x);
                }
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.expr(elt);
                self.comps(generators);
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.expr(key);
                self.expr(value);
                self.comps(generators);
            }
            ExprKind::Await(v) | ExprKind::YieldFrom(v) | ExprKind::Starred(v) => self.expr(v),
            ExprKind::Yield(v) => {
                if let Some(v) = v {
                    self.expr(v);
                }
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left);
                for c in comparators {
                    self.expr(c);
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func);
                for a in args {
                    self.expr(a);
                }
                self.keywords(keywords);
            }
            ExprKind::JoinedStr(parts) => {
                let mut fmt = String::new();
                let mut args = alloc::vec::Vec::new();
                super::expr::build_format(parts, &mut fmt, &mut args);
                self.string(e, &fmt);
                self.name("format");
                self.fstring_fields(parts);
            }
            ExprKind::Attribute { value, attr } => {
                self.expr(value);
                self.name(attr);
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value);
                self.expr(index);
            }
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x);
                }
            }
        }
    }
}
