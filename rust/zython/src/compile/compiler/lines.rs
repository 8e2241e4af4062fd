//! The last source line a statement reaches, used to tell `elif` from `else: if`.
//!
//! The syntax tree has no column or end-line information. MicroPython emits a jump at the end
//! of every `elif` arm but none at the end of an `if` nested in an `else`, so the compiler
//! needs to know which one it sees: an `if` that starts right after the previous arm's last
//! line can only be an `elif` (an `else:` line would sit in between).

use alloc::vec::Vec;

use crate::compile::ast::{Expr, ExprKind, FStringPart, Stmt, StmtKind};

/// The largest line number found in `body` (0 for an empty body).
pub fn last_line(body: &[Stmt]) -> u32 {
    let Some(last) = body.last() else {
        return 0;
    };
    let mut max = last.line;
    let mut stmts: Vec<&Stmt> = Vec::from([last]);
    let mut exprs: Vec<&Expr> = Vec::new();
    while let Some(s) = stmts.pop() {
        max = max.max(s.line);
        match &s.kind {
            StmtKind::FunctionDef(f) => stmts.extend(f.body.last()),
            StmtKind::ClassDef(c) => stmts.extend(c.body.last()),
            StmtKind::Return(v) => exprs.extend(v.as_ref()),
            StmtKind::Delete(ts) => exprs.extend(ts.iter()),
            StmtKind::Assign { value, .. } => exprs.push(value),
            StmtKind::AugAssign { value, .. } => exprs.push(value),
            StmtKind::AnnAssign { target, value, .. } => {
                exprs.push(target);
                exprs.extend(value.as_deref());
            }
            StmtKind::For { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::If { body, orelse, .. } => {
                stmts.extend(orelse.last().or(body.last()));
            }
            StmtKind::With { body, .. } => stmts.extend(body.last()),
            StmtKind::Raise { exc, cause } => {
                exprs.extend(exc.as_deref());
                exprs.extend(cause.as_deref());
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                let last = finalbody
                    .last()
                    .or(orelse.last())
                    .or(handlers.last().and_then(|h| h.body.last()))
                    .or(body.last());
                stmts.extend(last);
            }
            StmtKind::Assert { test, msg } => {
                exprs.push(test);
                exprs.extend(msg.as_deref());
            }
            StmtKind::Expr(e) => exprs.push(e),
            _ => {}
        }
    }
    let mut guard = 0usize;
    while let Some(e) = exprs.pop() {
        guard += 1;
        if guard > 100_000 {
            break;
        }
        max = max.max(e.line);
        match &e.kind {
            ExprKind::BoolOp { values, .. } => exprs.extend(values.iter()),
            ExprKind::NamedExpr { value, .. } => exprs.push(value),
            ExprKind::BinOp { left, right, .. } => {
                exprs.push(left);
                exprs.push(right);
            }
            ExprKind::UnaryOp { operand, .. } => exprs.push(operand),
            ExprKind::Lambda { body, .. } => exprs.push(body),
            ExprKind::IfExp { body, test, orelse } => {
                exprs.push(body);
                exprs.push(test);
                exprs.push(orelse);
            }
            ExprKind::Dict { keys, values } => {
                exprs.extend(keys.iter().flatten());
                exprs.extend(values.iter());
            }
            ExprKind::Set(v) | ExprKind::List(v) | ExprKind::Tuple(v) => exprs.extend(v.iter()),
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                exprs.push(elt);
                for g in generators {
                    exprs.push(&g.iter);
                    exprs.extend(g.ifs.iter());
                }
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                exprs.push(key);
                exprs.push(value);
                for g in generators {
                    exprs.push(&g.iter);
                    exprs.extend(g.ifs.iter());
                }
            }
            ExprKind::Await(v) | ExprKind::YieldFrom(v) | ExprKind::Starred(v) => exprs.push(v),
            ExprKind::Yield(v) => exprs.extend(v.as_deref()),
            ExprKind::Compare {
                left, comparators, ..
            } => {
                exprs.push(left);
                exprs.extend(comparators.iter());
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                exprs.push(func);
                exprs.extend(args.iter());
                exprs.extend(keywords.iter().map(|k| &k.value));
            }
            ExprKind::JoinedStr(parts) => {
                for p in parts {
                    if let FStringPart::Field { value, .. } = p {
                        exprs.push(value);
                    }
                }
            }
            ExprKind::Attribute { value, .. } => exprs.push(value),
            ExprKind::Subscript { value, index } => {
                exprs.push(value);
                exprs.push(index);
            }
            ExprKind::Slice { lower, upper, step } => {
                exprs.extend([lower, upper, step].into_iter().flatten().map(|b| &**b));
            }
            ExprKind::Name(_) | ExprKind::Constant(_) => {}
        }
    }
    max
}
