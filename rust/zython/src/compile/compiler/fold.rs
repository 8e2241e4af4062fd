//! Constant folding on the tree, as MicroPython's parser does it.
//!
//! Folds whole runs of numeric operators of one precedence level (`1 + 2 * 3`, but not the
//! `1 + 2` in `1 + 2 + x`), unary `+ - ~` on numbers, `not`/`and`/`or` on constants,
//! `__debug__`, `math.pi`-style module constants and `X = const(value)` definitions.
//! Folded nodes get line 0 so they do not move the line-number table.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};

use crate::types::bigint::BigInt;
use crate::types::bigint::Integer;
use crate::types::bigint::{Pow, ToPrimitive, Zero};
use crate::vm::ops::float_divmod;
use alloc::vec::Vec;

use super::expr::{const_value, is_const_false, is_const_true};
use crate::compile::ast::{
    self, BinOp, BoolOp, Constant, Expr, ExprKind, FStringPart, Stmt, StmtKind, UnaryOp,
};
use crate::compile::CompileError;

/// Fold the constants of `m` in place.
pub fn fold_module(
    m: &mut ast::Module,
    opt_level: u8,
    guard: super::guard::Guard,
) -> Result<ConstObjs, CompileError> {
    let mut f = Folder {
        consts: BTreeMap::new(),
        opt_level,
        depth: 0,
        guard,
        const_objs: Vec::new(),
    };
    f.block(&mut m.body)?;
    Ok(ConstObjs(f.const_objs))
}

struct Folder {
    consts: BTreeMap<String, Expr>,
    opt_level: u8,
    depth: u32,
    guard: super::guard::Guard,
    /// Addresses of substituted const() values (few: a short list is smaller code than a set).
    const_objs: Vec<usize>,
}

/// Addresses of the expressions that replaced a `const()` name and must load as constant
/// objects (the tree must not move while this is used).
#[derive(Debug, Default)]
pub struct ConstObjs(Vec<usize>);

impl ConstObjs {
    /// True if `e` is a substituted `const()` value.
    pub fn contains(&self, e: &Expr) -> bool {
        self.0.contains(&(e as *const Expr as usize))
    }
}

#[derive(Clone)]
enum Num {
    Int(BigInt),
    Float(f64),
}

/// Results bigger than this many bits are not folded (they would only waste memory).
const MAX_FOLD_BITS: u64 = 1 << 16;

fn num_of(e: &Expr) -> Option<Num> {
    match &e.kind {
        ExprKind::Constant(Constant::Int(v)) => Some(Num::Int(BigInt::from(*v))),
        ExprKind::Constant(Constant::BigInt(s)) => s.parse::<BigInt>().ok().map(Num::Int),
        ExprKind::Constant(Constant::Float(f)) => Some(Num::Float(*f)),
        _ => None,
    }
}

fn num_expr(n: Num) -> Expr {
    Expr {
        line: 0,
        kind: ExprKind::Constant(match n {
            Num::Int(v) => match v.to_i64() {
                Some(v) => Constant::Int(v),
                None => Constant::BigInt(v.to_string()),
            },
            Num::Float(f) => Constant::Float(f),
        }),
    }
}

fn to_float(v: &BigInt) -> f64 {
    v.to_f64().unwrap_or(f64::NAN)
}

fn int_op(op: BinOp, a: &BigInt, b: &BigInt) -> Option<Num> {
    let zero = BigInt::zero();
    Some(Num::Int(match op {
        BinOp::BitOr => a | b,
        BinOp::BitXor => a ^ b,
        BinOp::BitAnd => a & b,
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mult => {
            if a.bits() + b.bits() > MAX_FOLD_BITS {
                return None;
            }
            a * b
        }
        BinOp::FloorDiv => {
            if *b == zero {
                return None;
            }
            a.div_floor(b)
        }
        BinOp::Mod => {
            if *b == zero {
                return None;
            }
            a.mod_floor(b)
        }
        BinOp::LShift => {
            let n = b.to_u64()?;
            if a.bits() + n > MAX_FOLD_BITS {
                return None;
            }
            a << n
        }
        BinOp::RShift => {
            if *b < zero {
                return None;
            }
            match b.to_u64() {
                Some(n) => a >> n,
                None => {
                    if *a < zero {
                        BigInt::from(-1)
                    } else {
                        zero
                    }
                }
            }
        }
        BinOp::Pow => {
            if *b < zero {
                return float_op(BinOp::Pow, to_float(a), to_float(b));
            }
            let n = b.to_u32()?;
            if a.bits().saturating_mul(u64::from(n)) > MAX_FOLD_BITS {
                return None;
            }
            Pow::pow(a, n)
        }
        BinOp::Div => return float_op(BinOp::Div, to_float(a), to_float(b)),
        BinOp::MatMult => return None,
    }))
}

fn float_op(op: BinOp, a: f64, b: f64) -> Option<Num> {
    Some(Num::Float(match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mult => a * b,
        BinOp::Div => {
            if b == 0.0 {
                return None;
            }
            a / b
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                return None;
            }
            float_divmod(a, b).0
        }
        BinOp::Mod => {
            if b == 0.0 {
                return None;
            }
            float_divmod(a, b).1
        }
        BinOp::Pow => {
            if a == 0.0 && b < 0.0 && !b.is_infinite() {
                return None;
            }
            if a < 0.0 && b != libm::floor(b) && !b.is_nan() {
                // A complex result: not folded.
                return None;
            }
            if a == 1.0 || b == 0.0 {
                1.0
            } else if b.is_nan() {
                b
            } else {
                libm::pow(a, b)
            }
        }
        _ => return None,
    }))
}

fn fold_binary(op: BinOp, a: &Num, b: &Num) -> Option<Num> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => int_op(op, x, y),
        (Num::Int(x), Num::Float(y)) => float_op(op, to_float(x), *y),
        (Num::Float(x), Num::Int(y)) => float_op(op, *x, to_float(y)),
        (Num::Float(x), Num::Float(y)) => float_op(op, *x, *y),
    }
}

/// Operators that MicroPython's grammar groups into one rule (one fold unit).
fn level(op: BinOp) -> u8 {
    match op {
        BinOp::BitOr => 0,
        BinOp::BitXor => 1,
        BinOp::BitAnd => 2,
        BinOp::LShift | BinOp::RShift => 3,
        BinOp::Add | BinOp::Sub => 4,
        BinOp::Mult | BinOp::MatMult | BinOp::Div | BinOp::FloorDiv | BinOp::Mod => 5,
        BinOp::Pow => 6,
    }
}

impl Folder {
    fn block(&mut self, body: &mut [Stmt]) -> Result<(), CompileError> {
        for s in body.iter_mut() {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &mut Stmt) -> Result<(), CompileError> {
        self.guard.check(self.depth, s.line)?;
        self.depth += 1;
        let r = self.stmt_inner(s);
        self.depth -= 1;
        r
    }

    fn stmt_inner(&mut self, s: &mut Stmt) -> Result<(), CompileError> {
        match &mut s.kind {
            StmtKind::FunctionDef(f) => {
                for d in f.decorators.iter_mut() {
                    self.expr(d)?;
                }
                self.args(&mut f.args)?;
                self.block(&mut f.body)?;
            }
            StmtKind::ClassDef(c) => {
                for d in c.decorators.iter_mut() {
                    self.expr(d)?;
                }
                for b in c.bases.iter_mut() {
                    self.expr(b)?;
                }
                for k in c.keywords.iter_mut() {
                    self.expr(&mut k.value)?;
                }
                self.block(&mut c.body)?;
            }
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v)?;
                }
            }
            StmtKind::Delete(ts) => {
                for t in ts.iter_mut() {
                    self.target(t)?;
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                if targets.len() == 1 {
                    if let Some(pass) = self.const_def(&targets[0], value)? {
                        if pass {
                            *s = Stmt {
                                line: 0,
                                kind: StmtKind::Pass,
                            };
                        }
                        return Ok(());
                    }
                }
                for t in targets.iter_mut() {
                    self.target(t)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.target(target)?;
                self.expr(value)?;
            }
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    if let Some(pass) = self.const_def(target, v)? {
                        if pass {
                            *s = Stmt {
                                line: 0,
                                kind: StmtKind::Pass,
                            };
                        }
                        return Ok(());
                    }
                }
                self.target(target)?;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.target(target)?;
                self.expr(iter)?;
                self.block(body)?;
                self.block(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.block(body)?;
                self.block(orelse)?;
            }
            StmtKind::With { items, body, .. } => {
                for it in items.iter_mut() {
                    self.expr(&mut it.context)?;
                    if let Some(t) = &mut it.target {
                        self.target(t)?;
                    }
                }
                self.block(body)?;
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                }
                if let Some(c) = cause {
                    self.expr(c)?;
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.block(body)?;
                for h in handlers.iter_mut() {
                    if let Some(t) = &mut h.typ {
                        self.expr(t)?;
                    }
                    self.block(&mut h.body)?;
                }
                self.block(orelse)?;
                self.block(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                if let Some(m) = msg {
                    self.expr(m)?;
                }
            }
            StmtKind::Expr(e) => self.expr(e)?,
            StmtKind::Import(_)
            | StmtKind::ImportFrom { .. }
            | StmtKind::Global(_)
            | StmtKind::Nonlocal(_)
            | StmtKind::Pass
            | StmtKind::Break
            | StmtKind::Continue => {}
        }
        Ok(())
    }

    /// Handle `NAME = const(value)`; Some(true) means drop the statement.
    fn const_def(&mut self, target: &Expr, value: &mut Expr) -> Result<Option<bool>, CompileError> {
        let ExprKind::Name(name) = &target.kind else {
            return Ok(None);
        };
        let ExprKind::Call {
            func,
            args,
            keywords,
        } = &value.kind
        else {
            return Ok(None);
        };
        if !matches!(&func.kind, ExprKind::Name(n) if n == "const") {
            return Ok(None);
        }
        if args.len() != 1 || !keywords.is_empty() || const_value(&args[0]).is_none() {
            return Err(CompileError::syntax("not a constant", value.line));
        }
        // MicroPython substitutes a known constant everywhere, so redefining one assigns to a
        // literal.
        if self.consts.contains_key(name.as_str()) {
            return Err(CompileError::syntax("can't assign to literal", target.line));
        }
        let v = args[0].clone();
        self.consts.insert(name.clone(), v.clone());
        if name.starts_with('_') {
            return Ok(Some(true));
        }
        *value = v;
        Ok(Some(false))
    }

    fn args(&mut self, a: &mut ast::Arguments) -> Result<(), CompileError> {
        for d in a.defaults.iter_mut() {
            self.expr(d)?;
        }
        for d in a.kw_defaults.iter_mut().flatten() {
            self.expr(d)?;
        }
        Ok(())
    }

    /// Fold inside an assignment target (but never replace the target itself).
    fn target(&mut self, t: &mut Expr) -> Result<(), CompileError> {
        self.guard.check(self.depth, t.line)?;
        self.depth += 1;
        let r = self.target_inner(t);
        self.depth -= 1;
        r
    }

    fn target_inner(&mut self, t: &mut Expr) -> Result<(), CompileError> {
        match &mut t.kind {
            ExprKind::Name(_) => Ok(()),
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                for e in elts.iter_mut() {
                    self.target(e)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) => self.target(inner),
            _ => self.expr(t),
        }
    }

    fn comps(&mut self, gens: &mut [ast::Comprehension]) -> Result<(), CompileError> {
        for g in gens.iter_mut() {
            self.target(&mut g.target)?;
            self.expr(&mut g.iter)?;
            for c in g.ifs.iter_mut() {
                self.expr(c)?;
            }
        }
        Ok(())
    }

    fn fstring(&mut self, parts: &mut [FStringPart]) -> Result<(), CompileError> {
        for p in parts.iter_mut() {
            if let FStringPart::Field {
                value, format_spec, ..
            } = p
            {
                self.expr(value)?;
                self.fstring(format_spec)?;
            }
        }
        Ok(())
    }

    fn expr(&mut self, e: &mut Expr) -> Result<(), CompileError> {
        self.guard.check(self.depth, e.line)?;
        self.depth += 1;
        let r = self.expr_inner(e);
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self, e: &mut Expr) -> Result<(), CompileError> {
        if matches!(e.kind, ExprKind::BinOp { .. }) {
            if let Some(r) = self.binop(e)? {
                *e = r;
            }
            return Ok(());
        }
        // A constant tuple of several items takes the line of its second item (MicroPython's
        // parser rule for it starts there); remember it before folding moves it to line 0.
        let second_line = match &e.kind {
            ExprKind::Tuple(elts) => elts.get(1).map(|x| x.line),
            _ => None,
        };
        let mut substituted = false;
        let replacement: Option<Expr> = match &mut e.kind {
            ExprKind::Name(n) => {
                if n == "__debug__" {
                    Some(Expr {
                        line: e.line,
                        kind: ExprKind::Constant(Constant::Bool(self.opt_level == 0)),
                    })
                } else {
                    self.consts.get(n.as_str()).map(|v| {
                        let mut v = v.clone();
                        v.line = e.line;
                        // MicroPython loads every const() value but a small int as a
                        // constant object.
                        substituted = !matches!(
                            v.kind,
                            ExprKind::Constant(Constant::Int(i)) if super::expr::fits_small_int(i)
                        );
                        v
                    })
                }
            }
            ExprKind::Constant(_) => None,
            ExprKind::BoolOp { op, values } => {
                for v in values.iter_mut() {
                    self.expr(v)?;
                }
                let is_or = *op == BoolOp::Or;
                let n = values.len();
                let mut kept: Vec<Expr> = Vec::with_capacity(n);
                // Values move below: whether each is a substituted const() value goes with it.
                let objs: Vec<bool> = values
                    .iter()
                    .map(|v| {
                        let at = v as *const Expr as usize;
                        let i = self.const_objs.iter().position(|&a| a == at);
                        i.map(|i| self.const_objs.swap_remove(i)).is_some()
                    })
                    .collect();
                let mut kept_obj: Vec<bool> = Vec::with_capacity(n);
                for (i, v) in core::mem::take(values).into_iter().enumerate() {
                    let obj = objs.get(i).copied().unwrap_or(false);
                    if i + 1 == n {
                        kept.push(v);
                        kept_obj.push(obj);
                        break;
                    }
                    let (stop, drop) = if is_or {
                        (is_const_true(&v), is_const_false(&v))
                    } else {
                        (is_const_false(&v), is_const_true(&v))
                    };
                    if stop {
                        kept.push(v);
                        kept_obj.push(obj);
                        break;
                    }
                    if !drop {
                        kept.push(v);
                        kept_obj.push(obj);
                    }
                }
                if kept.len() == 1 {
                    substituted = kept_obj[0];
                    kept.pop()
                } else {
                    *values = kept;
                    for (v, &obj) in values.iter().zip(&kept_obj) {
                        if obj {
                            self.const_objs.push(v as *const Expr as usize);
                        }
                    }
                    None
                }
            }
            ExprKind::NamedExpr { value, .. } => {
                self.expr(value)?;
                None
            }
            ExprKind::BinOp { .. } => None,
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                match op {
                    UnaryOp::Not => {
                        if is_const_false(operand) {
                            Some(bool_expr(true))
                        } else if is_const_true(operand) {
                            Some(bool_expr(false))
                        } else {
                            None
                        }
                    }
                    UnaryOp::USub => match num_of(operand) {
                        Some(Num::Int(v)) => Some(num_expr(Num::Int(-v))),
                        Some(Num::Float(f)) => Some(num_expr(Num::Float(-f))),
                        None => None,
                    },
                    UnaryOp::UAdd => num_of(operand).map(num_expr),
                    UnaryOp::Invert => match num_of(operand) {
                        Some(Num::Int(v)) => Some(num_expr(Num::Int(!v))),
                        _ => None,
                    },
                }
            }
            ExprKind::Lambda { args, body } => {
                self.args(args)?;
                self.expr(body)?;
                None
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
                None
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter_mut().flatten() {
                    self.expr(k)?;
                }
                for v in values.iter_mut() {
                    self.expr(v)?;
                }
                None
            }
            ExprKind::Set(elts) | ExprKind::List(elts) | ExprKind::Tuple(elts) => {
                for x in elts.iter_mut() {
                    self.expr(x)?;
                }
                None
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.expr(elt)?;
                self.comps(generators)?;
                None
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.expr(key)?;
                self.expr(value)?;
                self.comps(generators)?;
                None
            }
            ExprKind::Await(v) | ExprKind::YieldFrom(v) | ExprKind::Starred(v) => {
                self.expr(v)?;
                None
            }
            ExprKind::Yield(v) => {
                if let Some(v) = v {
                    self.expr(v)?;
                }
                None
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                for c in comparators.iter_mut() {
                    self.expr(c)?;
                }
                None
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                for a in args.iter_mut() {
                    self.expr(a)?;
                }
                for k in keywords.iter_mut() {
                    self.expr(&mut k.value)?;
                }
                None
            }
            ExprKind::JoinedStr(parts) => {
                self.fstring(parts)?;
                None
            }
            ExprKind::Attribute { value, attr } => {
                let module_const = match &value.kind {
                    ExprKind::Name(m) if m == "math" => match attr.as_str() {
                        "pi" => Some(core::f64::consts::PI),
                        "e" => Some(core::f64::consts::E),
                        "tau" => Some(core::f64::consts::TAU),
                        "inf" => Some(f64::INFINITY),
                        "nan" => Some(f64::NAN),
                        _ => None,
                    },
                    _ => None,
                };
                match module_const {
                    Some(f) => Some(num_expr(Num::Float(f))),
                    None => {
                        self.expr(value)?;
                        None
                    }
                }
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                None
            }
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x)?;
                }
                None
            }
        };
        if let Some(r) = replacement {
            *e = r;
            if substituted {
                self.const_objs.push(e as *const Expr as usize);
            }
        } else if let Some(l) = second_line {
            if const_value(e).is_some() {
                e.line = l;
            }
        }
        Ok(())
    }

    /// Fold a run of same-level binary operators rooted at `e`.
    fn binop(&mut self, e: &mut Expr) -> Result<Option<Expr>, CompileError> {
        let ExprKind::BinOp { op, .. } = &e.kind else {
            return Ok(None);
        };
        let lvl = level(*op);
        // Collect the chain: leftmost operand, then the right operands.
        let mut chain: Vec<&mut Expr> = Vec::new();
        let mut ops: Vec<BinOp> = Vec::new();
        {
            let mut cur: &mut Expr = e;
            loop {
                let in_chain = matches!(&cur.kind, ExprKind::BinOp { op, .. } if level(*op) == lvl);
                if !in_chain {
                    chain.push(cur);
                    break;
                }
                let ExprKind::BinOp { left, op, right } = &mut cur.kind else {
                    break;
                };
                ops.push(*op);
                chain.push(&mut **right);
                if lvl == 6 {
                    chain.push(&mut **left);
                    break;
                }
                cur = &mut **left;
            }
        }
        // `chain` is right operands from the last to the first, then the leftmost operand.
        chain.reverse();
        ops.reverse();
        for x in chain.iter_mut() {
            self.expr(x)?;
        }
        let mut acc = match chain.first().and_then(|x| num_of(x)) {
            Some(n) => n,
            None => return Ok(None),
        };
        for (i, o) in ops.iter().enumerate() {
            let Some(b) = chain.get(i + 1).and_then(|x| num_of(x)) else {
                return Ok(None);
            };
            match fold_binary(*o, &acc, &b) {
                Some(r) => acc = r,
                None => return Ok(None),
            }
        }
        Ok(Some(num_expr(acc)))
    }
}

fn bool_expr(b: bool) -> Expr {
    Expr {
        line: 0,
        kind: ExprKind::Constant(Constant::Bool(b)),
    }
}
