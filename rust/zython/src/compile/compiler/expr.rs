//! Compiling expressions, conditions, calls and comprehensions.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::emit::CompKind;
use super::scope::{IdKind, ScopeKind, ScopeNode};
use super::{Compiler, R};
use crate::bytecode::op;
use crate::bytecode::Const;
use crate::compile::ast::{
    self, BinOp, BoolOp, CmpOp, Comprehension, Constant, Expr, ExprKind, FStringPart, Keyword,
    UnaryOp,
};
use crate::compile::CompileError;

use super::intern::INTERN_STRING_LEN;

/// Small ints as `mpy-cross` sees them (31-bit).
pub(super) fn fits_small_int(v: i64) -> bool {
    (-(1i64 << 30)..(1i64 << 30)).contains(&v)
}

/// The binary-op number of `op`.
pub(super) fn binary_op(o: BinOp) -> u8 {
    match o {
        BinOp::BitOr => op::BINARY_OR,
        BinOp::BitXor => op::BINARY_XOR,
        BinOp::BitAnd => op::BINARY_AND,
        BinOp::LShift => op::BINARY_LSHIFT,
        BinOp::RShift => op::BINARY_RSHIFT,
        BinOp::Add => op::BINARY_ADD,
        BinOp::Sub => op::BINARY_SUBTRACT,
        BinOp::Mult => op::BINARY_MULTIPLY,
        BinOp::MatMult => op::BINARY_MAT_MULTIPLY,
        BinOp::FloorDiv => op::BINARY_FLOOR_DIVIDE,
        BinOp::Div => op::BINARY_TRUE_DIVIDE,
        BinOp::Mod => op::BINARY_MODULO,
        BinOp::Pow => op::BINARY_POWER,
    }
}

/// The in-place binary-op number of `op` (augmented assignment).
pub(super) fn inplace_op(o: BinOp) -> u8 {
    binary_op(o) - (op::BINARY_OR - op::BINARY_INPLACE_OR)
}

fn compare_op(o: CmpOp) -> u8 {
    match o {
        CmpOp::Lt => op::BINARY_LESS,
        CmpOp::Gt => op::BINARY_MORE,
        CmpOp::Eq => op::BINARY_EQUAL,
        CmpOp::LtE => op::BINARY_LESS_EQUAL,
        CmpOp::GtE => op::BINARY_MORE_EQUAL,
        CmpOp::NotEq => op::BINARY_NOT_EQUAL,
        CmpOp::In => op::BINARY_IN,
        CmpOp::NotIn => op::BINARY_NOT_IN,
        CmpOp::Is => op::BINARY_IS,
        CmpOp::IsNot => op::BINARY_IS_NOT,
    }
}

/// The constant object an expression denotes, if it is one (literals and tuples of them).
/// The empty tuple counts as constant here but is built with `BUILD_TUPLE 0`.
pub(super) fn const_value(e: &Expr) -> Option<Const> {
    match &e.kind {
        ExprKind::Constant(c) => Some(match c {
            Constant::None => Const::None,
            Constant::Bool(true) => Const::True,
            Constant::Bool(false) => Const::False,
            Constant::Ellipsis => Const::Ellipsis,
            Constant::Int(v) => Const::BigInt(v.to_string()),
            Constant::BigInt(s) => Const::BigInt(s.clone()),
            Constant::Float(f) => Const::Float(*f),
            Constant::Imag(f) => Const::Complex(0.0, *f),
            // Fallible copies: without memory the tuple is built at run time instead.
            Constant::Str(s) => Const::Str(crate::compile::error::try_string(s, e.line).ok()?),
            Constant::Bytes(b) => {
                let mut v = crate::compile::error::try_vec(b.len(), e.line).ok()?;
                v.extend_from_slice(b);
                Const::Bytes(v)
            }
        }),
        ExprKind::Tuple(elts) => {
            let mut items = Vec::with_capacity(elts.len());
            for x in elts {
                items.push(const_value(x)?);
            }
            Some(Const::Tuple(items))
        }
        _ => None,
    }
}

fn const_truth(c: &Const) -> bool {
    match c {
        Const::None | Const::False => false,
        Const::True | Const::Ellipsis => true,
        Const::BigInt(s) => s.trim_start_matches('-').bytes().any(|b| b != b'0'),
        Const::Float(f) => *f != 0.0,
        Const::Complex(a, b) => *a != 0.0 || *b != 0.0,
        Const::Str(s) => !s.is_empty(),
        Const::Bytes(b) => !b.is_empty(),
        Const::Tuple(t) => !t.is_empty(),
    }
}

/// True if `e` is a constant whose truth value is False.
pub(super) fn is_const_false(e: &Expr) -> bool {
    const_value(e).is_some_and(|c| !const_truth(&c))
}

/// True if `e` is a constant whose truth value is True.
pub(super) fn is_const_true(e: &Expr) -> bool {
    const_value(e).is_some_and(|c| const_truth(&c))
}

/// A constant expression statement that is dropped (docstrings, `1`, `None`, `(1, 2)`).
pub(super) fn is_lonely_const(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Constant(_) => true,
        ExprKind::Tuple(elts) => !elts.is_empty() && const_value(e).is_some(),
        _ => false,
    }
}

fn syntax(msg: &str, line: u32) -> CompileError {
    CompileError::syntax(msg, line)
}

impl<'a> Compiler<'a> {
    /// Compile `e`, leaving its value on the stack.
    pub(super) fn compile_expr(&mut self, e: &'a Expr) -> R {
        self.enter(e.line)?;
        let r = self.compile_expr_inner(e);
        self.leave();
        r
    }

    fn compile_expr_inner(&mut self, e: &'a Expr) -> R {
        let line = e.line;
        match &e.kind {
            ExprKind::Name(n) => return self.load_id(n),
            ExprKind::Constant(c) => return self.compile_constant(e, c, line),
            ExprKind::Tuple(_) => {}
            _ => self.e.set_source_line(line),
        }
        match &e.kind {
            ExprKind::Name(_) | ExprKind::Constant(_) => Ok(()),
            ExprKind::BoolOp { op: o, values } => {
                let cond = *o == BoolOp::Or;
                let l_end = self.new_label(line)?;
                let n = values.len();
                for (i, v) in values.iter().enumerate() {
                    self.compile_expr(v)?;
                    if i + 1 < n {
                        self.e.jump_if_or_pop(cond, l_end);
                    }
                }
                self.e.label_assign(l_end);
                Ok(())
            }
            ExprKind::NamedExpr { target, value } => self.compile_namedexpr(target, value, line),
            ExprKind::BinOp { .. } => {
                // Walk the left spine iteratively: `a + b + c + ...` can be very long.
                let mut spine: Vec<&'a Expr> = Vec::new();
                let mut cur = e;
                while let ExprKind::BinOp { left, .. } = &cur.kind {
                    self.e.set_source_line(cur.line);
                    spine.push(cur);
                    cur = left;
                }
                self.compile_expr(cur)?;
                for node in spine.iter().rev() {
                    if let ExprKind::BinOp { op: o, right, .. } = &node.kind {
                        self.compile_expr(right)?;
                        self.e.binary_op(binary_op(*o));
                        // Viper uint arithmetic wraps at the machine word.
                        if self.is_viper_uint(node) {
                            self.wrap_viper_uint()?;
                        }
                    }
                }
                Ok(())
            }
            ExprKind::UnaryOp { op: o, operand } => {
                self.compile_expr(operand)?;
                self.e.unary_op(match o {
                    UnaryOp::Not => op::UNARY_NOT,
                    UnaryOp::USub => op::UNARY_NEGATIVE,
                    UnaryOp::UAdd => op::UNARY_POSITIVE,
                    UnaryOp::Invert => op::UNARY_INVERT,
                });
                if self.is_viper_uint(e) {
                    self.wrap_viper_uint()?;
                }
                Ok(())
            }
            ExprKind::Lambda { args, body } => {
                let child = self.nested_scope(
                    ScopeKind::Lambda,
                    ScopeNode::Lambda(args, body),
                    "<lambda>",
                    line,
                )?;
                self.compile_funcdef_lambdef(child, args)
            }
            ExprKind::IfExp { test, body, orelse } => {
                let l_fail = self.new_label(line)?;
                let l_end = self.new_label(line)?;
                self.c_if_cond(test, false, l_fail)?;
                self.compile_expr(body)?;
                self.e.jump(l_end);
                self.e.label_assign(l_fail);
                self.e.adjust_stack(-1);
                self.compile_expr(orelse)?;
                self.e.label_assign(l_end);
                Ok(())
            }
            ExprKind::Dict { keys, values } => {
                self.e.build_map(keys.len());
                for (k, v) in keys.iter().zip(values.iter()) {
                    let k = k.as_ref().ok_or_else(|| syntax("invalid syntax", v.line))?;
                    self.e.set_source_line(k.line);
                    self.compile_expr(v)?;
                    self.compile_expr(k)?;
                    self.e.store_map();
                }
                Ok(())
            }
            ExprKind::Set(elts) => {
                self.compile_items(elts)?;
                self.e.build_set(elts.len());
                Ok(())
            }
            ExprKind::List(elts) => {
                self.compile_items(elts)?;
                self.e.build_list(elts.len());
                Ok(())
            }
            ExprKind::Tuple(elts) => {
                // `()` builds a tuple, but a const() value `()` loads as an object.
                if elts.is_empty() && !self.const_objs.contains(e) {
                    self.e.set_source_line(line);
                    self.e.build_tuple(0);
                } else if let Some(c) = const_value(e) {
                    // MicroPython gives a constant tuple of several items the line of its
                    // second item (where its parser rule started).
                    self.e.set_source_line(line);
                    let i = self.t.constant(c);
                    self.e.load_const_obj(i);
                } else {
                    self.e.set_source_line(line);
                    self.compile_items(elts)?;
                    self.e.build_tuple(elts.len());
                }
                Ok(())
            }
            ExprKind::ListComp { elt, generators } => {
                self.compile_comprehension(ScopeKind::ListComp, elt, None, generators, line)
            }
            ExprKind::SetComp { elt, generators } => {
                self.compile_comprehension(ScopeKind::SetComp, elt, None, generators, line)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.compile_comprehension(ScopeKind::DictComp, key, Some(value), generators, line)
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.compile_comprehension(ScopeKind::GenExpr, elt, None, generators, line)
            }
            ExprKind::Await(v) => {
                if !matches!(
                    self.scopes[self.cur].kind,
                    ScopeKind::Function | ScopeKind::Lambda
                ) {
                    return Err(syntax("'await' outside function", line));
                }
                self.compile_expr(v)?;
                self.compile_yield_from();
                Ok(())
            }
            ExprKind::Yield(v) => {
                self.check_yield(line)?;
                match v {
                    Some(v) => self.compile_expr(v)?,
                    None => self.e.load_const_none(),
                }
                self.emit_yield(false);
                Ok(())
            }
            ExprKind::YieldFrom(v) => {
                self.check_yield(line)?;
                self.compile_expr(v)?;
                self.compile_yield_from();
                Ok(())
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compile_compare(left, ops, comparators, line),
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.compile_call(func, args, keywords, line),
            ExprKind::JoinedStr(parts) => self.compile_fstring(e, parts, line),
            ExprKind::Attribute { value, attr } => {
                self.compile_expr(value)?;
                let q = self.qstr(attr);
                self.e.load_attr(q);
                Ok(())
            }
            ExprKind::Subscript { value, index } => {
                self.compile_expr(value)?;
                self.compile_subscript_index(index)?;
                self.e.load_subscr();
                Ok(())
            }
            ExprKind::Starred(_) => Err(syntax("*x must be assignment target", line)),
            ExprKind::Slice { .. } => self.compile_subscript_index(e),
        }
    }

    fn check_yield(&self, line: u32) -> R {
        if !matches!(
            self.scopes[self.cur].kind,
            ScopeKind::Function | ScopeKind::Lambda
        ) {
            return Err(syntax("'yield' outside function", line));
        }
        Ok(())
    }

    fn compile_items(&mut self, elts: &'a [Expr]) -> R {
        for x in elts {
            self.compile_expr(x)?;
        }
        Ok(())
    }

    fn compile_constant(&mut self, e: &'a Expr, c: &'a Constant, line: u32) -> R {
        if self.const_objs.contains(e) {
            if let Some(k) = const_value(e) {
                self.e.set_source_line(line);
                let i = self.t.constant(k);
                self.e.load_const_obj(i);
                return Ok(());
            }
        }
        match c {
            Constant::None => self.e.load_const_none(),
            Constant::Bool(b) => self.e.load_const_bool(*b),
            Constant::Ellipsis => {
                let i = self.t.constant(Const::Ellipsis);
                self.e.load_const_obj(i);
            }
            Constant::Int(v) if fits_small_int(*v) => self.e.load_const_small_int(*v),
            Constant::Str(s) if s.len() <= INTERN_STRING_LEN || self.long_qstrs.contains(e) => {
                let q = self.qstr(s);
                self.e.load_const_str(q);
            }
            _ => {
                self.e.set_source_line(line);
                let k = match c {
                    Constant::Int(v) => Const::BigInt(v.to_string()),
                    Constant::BigInt(s) => Const::BigInt(s.clone()),
                    Constant::Float(f) => Const::Float(*f),
                    Constant::Imag(f) => Const::Complex(0.0, *f),
                    // Literals can be long: copied fallibly.
                    Constant::Str(s) => Const::Str(crate::compile::error::try_string(s, line)?),
                    Constant::Bytes(b) => {
                        let mut v = crate::compile::error::try_vec(b.len(), line)?;
                        v.extend_from_slice(b);
                        Const::Bytes(v)
                    }
                    _ => Const::None,
                };
                let i = self.t.constant(k);
                self.e.load_const_obj(i);
            }
        }
        Ok(())
    }

    pub(super) fn compile_subscript_index(&mut self, index: &'a Expr) -> R {
        if let ExprKind::Slice { lower, upper, step } = &index.kind {
            self.e.set_source_line(index.line);
            match lower {
                Some(x) => self.compile_expr(x)?,
                None => self.e.load_const_none(),
            }
            match upper {
                Some(x) => self.compile_expr(x)?,
                None => self.e.load_const_none(),
            }
            match step {
                Some(x) => {
                    self.compile_expr(x)?;
                    self.e.build_slice(3);
                }
                None => self.e.build_slice(2),
            }
            return Ok(());
        }
        self.compile_expr(index)
    }

    /// Jump to `label` if the truth of `e` equals `jump_if`, with short-circuiting.
    pub(super) fn c_if_cond(&mut self, e: &'a Expr, jump_if: bool, label: u32) -> R {
        self.enter(e.line)?;
        let r = self.c_if_cond_inner(e, jump_if, label);
        self.leave();
        r
    }

    fn c_if_cond_inner(&mut self, e: &'a Expr, jump_if: bool, label: u32) -> R {
        if is_const_false(e) {
            if !jump_if {
                self.e.jump(label);
            }
            return Ok(());
        }
        if is_const_true(e) {
            if jump_if {
                self.e.jump(label);
            }
            return Ok(());
        }
        match &e.kind {
            ExprKind::BoolOp { op: o, values } if !values.is_empty() => {
                let is_or = *o == BoolOp::Or;
                if is_or != jump_if {
                    // All but the last must short-circuit past the test.
                    let label2 = self.new_label(e.line)?;
                    let n = values.len();
                    for v in &values[..n - 1] {
                        self.c_if_cond(v, !jump_if, label2)?;
                    }
                    self.c_if_cond(&values[n - 1], jump_if, label)?;
                    self.e.label_assign(label2);
                } else {
                    for v in values {
                        self.c_if_cond(v, jump_if, label)?;
                    }
                }
                Ok(())
            }
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => self.c_if_cond(operand, !jump_if, label),
            _ => {
                self.compile_expr(e)?;
                self.e.pop_jump_if(jump_if, label);
                Ok(())
            }
        }
    }

    fn compile_compare(
        &mut self,
        left: &'a Expr,
        ops: &[CmpOp],
        comparators: &'a [Expr],
        line: u32,
    ) -> R {
        self.compile_expr(left)?;
        let n = ops.len().min(comparators.len());
        let multi = n > 1;
        let l_fail = if multi { self.new_label(line)? } else { 0 };
        for i in 0..n {
            self.compile_expr(&comparators[i])?;
            if i + 1 < n {
                self.e.dup_top();
                self.e.rot_three();
            }
            self.e.binary_op(compare_op(ops[i]));
            if i + 1 < n {
                self.e.jump_if_or_pop(false, l_fail);
            }
        }
        if multi {
            let l_end = self.new_label(line)?;
            self.e.jump(l_end);
            self.e.label_assign(l_fail);
            self.e.adjust_stack(1);
            self.e.rot_two();
            self.e.pop_top();
            self.e.label_assign(l_end);
        }
        Ok(())
    }

    fn compile_namedexpr(&mut self, target: &'a str, value: &'a Expr, line: u32) -> R {
        self.compile_expr(value)?;
        self.e.dup_top();
        let cur = self.cur;
        if self.pass == super::emit::Pass::Scope && self.scopes[cur].kind.is_comp_like() {
            if let Some(parent) = self.scopes[cur].parent {
                let pi = self.scopes[parent].id_for_modification(target);
                if self.scopes[parent].ids[pi].kind == IdKind::GlobalExplicit {
                    self.scopes[cur].find_or_add(target, IdKind::GlobalExplicit);
                } else {
                    let i = self.scopes[cur].find_or_add(target, IdKind::Undecided);
                    let is_global = self.scopes[parent].parent.is_none();
                    if !is_global && self.scopes[cur].ids[i].kind == IdKind::GlobalImplicit {
                        self.scopes[cur].ids[i].kind = IdKind::Undecided;
                    }
                    self.declare_global_or_nonlocal(i, is_global, line)?;
                }
            }
        }
        self.store_id(target)
    }

    fn compile_call(
        &mut self,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
        line: u32,
    ) -> R {
        // `super().method(...)` and `super()` inside a function.
        if let ExprKind::Attribute { value, attr } = &func.kind {
            if self.is_bare_super(value) {
                self.e.set_source_line(value.line);
                self.load_id("super")?;
                self.load_super_args(value.line)?;
                let q = self.qstr(attr);
                self.e.load_method(q, true);
                return self.compile_call_args(args, keywords, true, 0);
            }
            self.compile_expr(value)?;
            let q = self.qstr(attr);
            self.e.load_method(q, false);
            return self.compile_call_args(args, keywords, true, 0);
        }
        if let ExprKind::Name(n) = &func.kind {
            if n == "super"
                && args.is_empty()
                && keywords.is_empty()
                && self.scopes[self.cur].kind == ScopeKind::Function
            {
                self.load_id("super")?;
                self.load_super_args(line)?;
                self.e.call_function(2, 0, false);
                return Ok(());
            }
        }
        self.compile_expr(func)?;
        self.compile_call_args(args, keywords, false, 0)
    }

    fn is_bare_super(&self, e: &Expr) -> bool {
        if self.scopes[self.cur].kind != ScopeKind::Function {
            return false;
        }
        matches!(&e.kind, ExprKind::Call { func, args, keywords }
            if args.is_empty() && keywords.is_empty()
                && matches!(&func.kind, ExprKind::Name(n) if n == "super"))
    }

    /// Push `__class__` and the first parameter for a zero-argument `super()`.
    fn load_super_args(&mut self, line: u32) -> R {
        self.load_id("__class__")?;
        let first = self.scopes[self.cur]
            .ids
            .iter()
            .find(|id| id.flags & super::scope::FLAG_PARAM != 0)
            .map(|id| id.name.clone());
        match first {
            Some(n) => self.load_id(&n),
            None => Err(syntax("super() can't find self", line)),
        }
    }

    /// Compile call arguments and the call itself; the callable (and self) are on the stack.
    pub(super) fn compile_call_args(
        &mut self,
        args: &'a [Expr],
        keywords: &'a [Keyword],
        is_method: bool,
        n_extra: usize,
    ) -> R {
        let mut n_pos = n_extra;
        let mut n_kw = 0;
        let mut star = false;
        let mut star_args: i64 = 0;
        for (i, a) in args.iter().enumerate() {
            if let (ExprKind::GeneratorExp { elt, generators }, 1) = (&a.kind, args.len()) {
                // A bare generator argument: MicroPython sets no line for it.
                self.compile_comprehension(ScopeKind::GenExpr, elt, None, generators, a.line)?;
                n_pos += 1;
                continue;
            }
            if let ExprKind::Starred(inner) = &a.kind {
                if i >= 30 {
                    return Err(syntax("too many args", a.line));
                }
                star = true;
                star_args |= 1 << i;
                self.compile_expr(inner)?;
            } else {
                self.compile_expr(a)?;
            }
            n_pos += 1;
        }
        for k in keywords {
            match &k.name {
                Some(n) => {
                    let q = self.qstr(n);
                    self.e.load_const_str(q);
                }
                None => {
                    star = true;
                    self.e.load_null();
                }
            }
            self.compile_expr(&k.value)?;
            n_kw += 1;
        }
        if n_pos > 255 || n_kw > 255 {
            return Err(syntax(
                "too many args",
                args.first().map(|a| a.line).unwrap_or(0),
            ));
        }
        if star {
            self.e.load_const_small_int(star_args);
        }
        if is_method {
            self.e.call_method(n_pos, n_kw, star);
        } else {
            self.e.call_function(n_pos, n_kw, star);
        }
        Ok(())
    }

    fn compile_comprehension(
        &mut self,
        kind: ScopeKind,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        generators: &'a [Comprehension],
        line: u32,
    ) -> R {
        let Some(first) = generators.first() else {
            return Err(syntax("invalid syntax", line));
        };
        if generators.iter().any(|g| g.is_async) {
            return Err(syntax("async comprehensions are not supported", line));
        }
        let name = match kind {
            ScopeKind::ListComp => "<listcomp>",
            ScopeKind::DictComp => "<dictcomp>",
            ScopeKind::SetComp => "<setcomp>",
            _ => "<genexpr>",
        };
        let child = self.nested_scope(
            kind,
            ScopeNode::Comp(elt, value, generators),
            name,
            elt.line,
        )?;
        self.close_over_variables_etc(child, 0, 0)?;
        self.compile_expr(&first.iter)?;
        if kind == ScopeKind::GenExpr {
            self.e.get_iter(false);
        }
        self.e.call_function(1, 0, false);
        Ok(())
    }

    /// The loops and conditions inside a comprehension scope.
    pub(super) fn comp_iter(
        &mut self,
        generators: &'a [Comprehension],
        idx: usize,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        depth: usize,
    ) -> R {
        let Some(g) = generators.get(idx) else {
            return Ok(());
        };
        let l_top = self.new_label(elt.line)?;
        let l_end = self.new_label(elt.line)?;
        self.e.label_assign(l_top);
        self.e.for_iter(l_end);
        self.c_assign(&g.target, super::stmt::AssignKind::Store)?;
        for cond in &g.ifs {
            self.c_if_cond(cond, false, l_top)?;
        }
        if let Some(next) = generators.get(idx + 1) {
            self.compile_expr(&next.iter)?;
            self.e.get_iter(true);
            self.enter(next.iter.line)?;
            let r = self.comp_iter(generators, idx + 1, elt, value, depth + 1);
            self.leave();
            r?;
        } else {
            let kind = self.scopes[self.cur].kind;
            match value {
                Some(v) => {
                    self.e.set_source_line(elt.line);
                    self.compile_expr(v)?;
                    self.compile_expr(elt)?;
                }
                None => self.compile_expr(elt)?,
            }
            match kind {
                ScopeKind::GenExpr => {
                    self.emit_yield(false);
                    self.e.pop_top();
                }
                ScopeKind::DictComp => self.e.store_comp(CompKind::Dict, 4 * depth + 5),
                ScopeKind::SetComp => self.e.store_comp(CompKind::Set, 4 * depth + 5),
                _ => self.e.store_comp(CompKind::List, 4 * depth + 5),
            }
        }
        self.e.jump(l_top);
        self.e.label_assign(l_end);
        self.e.for_iter_end();
        Ok(())
    }

    /// f-strings become `"...{}...".format(args)`, as MicroPython's lexer rewrites them.
    fn compile_fstring(&mut self, e: &'a Expr, parts: &'a [FStringPart], line: u32) -> R {
        let mut fmt = String::new();
        let mut args: Vec<&'a Expr> = Vec::new();
        build_format(parts, &mut fmt, &mut args);
        let lit = Constant::Str(fmt);
        // The format string is a literal in MicroPython's rewritten source.
        match &lit {
            Constant::Str(s) if s.len() <= INTERN_STRING_LEN || self.long_qstrs.contains(e) => {
                let q = self.qstr(s);
                self.e.load_const_str(q);
            }
            Constant::Str(s) => {
                self.e.set_source_line(line);
                let i = self.t.constant(Const::Str(s.clone()));
                self.e.load_const_obj(i);
            }
            _ => {}
        }
        let q = self.qstr("format");
        self.e.load_method(q, false);
        for a in &args {
            self.compile_expr(a)?;
        }
        self.e.call_method(args.len(), 0, false);
        Ok(())
    }
}

pub(super) fn build_format<'a>(
    parts: &'a [FStringPart],
    fmt: &mut String,
    args: &mut Vec<&'a Expr>,
) {
    for p in parts {
        match p {
            FStringPart::Literal(s) => {
                for ch in s.chars() {
                    match ch {
                        '{' => fmt.push_str("{{"),
                        '}' => fmt.push_str("}}"),
                        c => fmt.push(c),
                    }
                }
            }
            FStringPart::Field {
                value,
                conversion,
                format_spec,
                debug_text,
            } => {
                if let Some(t) = debug_text {
                    fmt.push_str(t);
                }
                fmt.push('{');
                args.push(value);
                if *conversion != 0 {
                    fmt.push('!');
                    fmt.push(*conversion as char);
                }
                if !format_spec.is_empty() {
                    fmt.push(':');
                    build_format(format_spec, fmt, args);
                }
                fmt.push('}');
            }
        }
    }
}

#[allow(dead_code)]
fn unused(_: &ast::Module) {}
