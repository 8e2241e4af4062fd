//! Height of expression trees, measured with a cut-off.
//!
//! Loops in the parser (left-associative operator chains, trailers such as `a.b(c)[d]`) can
//! build trees far deeper than the parser's own recursion. Dropping or compiling such a tree
//! recurses once per level, so the parser measures what those loops build and refuses trees
//! taller than [`MAX_HEIGHT`].

use crate::compile::ast::{Arguments, Comprehension, Expr, ExprKind, FStringPart, Keyword};

/// Tallest expression tree (and deepest statement nesting) the parser builds.
pub const MAX_HEIGHT: u32 = 1000;

/// Height of `e` (a leaf is 1), or any value above `limit` once it is known to exceed it.
pub(super) fn height(e: &Expr, limit: u32) -> u32 {
    if limit == 0 {
        return 1;
    }
    let below = limit - 1;
    let kids = match &e.kind {
        ExprKind::Name(_) | ExprKind::Constant(_) => 0,
        ExprKind::BoolOp { values, .. } => max_all(values, below),
        ExprKind::NamedExpr { value, .. } => height(value, below),
        ExprKind::BinOp { left, right, .. } => height(left, below).max(height(right, below)),
        ExprKind::UnaryOp { operand, .. } => height(operand, below),
        ExprKind::Lambda { args, body } => height(body, below).max(args_height(args, below)),
        ExprKind::IfExp { test, body, orelse } => height(test, below)
            .max(height(body, below))
            .max(height(orelse, below)),
        ExprKind::Dict { keys, values } => keys
            .iter()
            .flatten()
            .map(|k| height(k, below))
            .max()
            .unwrap_or(0)
            .max(max_all(values, below)),
        ExprKind::Set(items) | ExprKind::List(items) | ExprKind::Tuple(items) => {
            max_all(items, below)
        }
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            height(elt, below).max(comps_height(generators, below))
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => height(key, below)
            .max(height(value, below))
            .max(comps_height(generators, below)),
        ExprKind::Await(v) | ExprKind::YieldFrom(v) | ExprKind::Starred(v) => height(v, below),
        ExprKind::Yield(v) => v.as_ref().map(|v| height(v, below)).unwrap_or(0),
        ExprKind::Compare {
            left, comparators, ..
        } => height(left, below).max(max_all(comparators, below)),
        ExprKind::Call {
            func,
            args,
            keywords,
        } => height(func, below)
            .max(max_all(args, below))
            .max(keywords_height(keywords, below)),
        ExprKind::JoinedStr(parts) => parts_height(parts, below),
        ExprKind::Attribute { value, .. } => height(value, below),
        ExprKind::Subscript { value, index } => height(value, below).max(height(index, below)),
        ExprKind::Slice { lower, upper, step } => [lower, upper, step]
            .iter()
            .filter_map(|x| x.as_ref())
            .map(|x| height(x, below))
            .max()
            .unwrap_or(0),
    };
    kids.saturating_add(1)
}

/// Height of a call's keyword arguments.
pub(super) fn keywords_height(keywords: &[Keyword], limit: u32) -> u32 {
    keywords
        .iter()
        .map(|k| height(&k.value, limit))
        .max()
        .unwrap_or(0)
}

/// Tallest of `items`.
pub(super) fn max_all(items: &[Expr], limit: u32) -> u32 {
    items.iter().map(|e| height(e, limit)).max().unwrap_or(0)
}

fn args_height(a: &Arguments, limit: u32) -> u32 {
    let defaults = max_all(&a.defaults, limit);
    let kw = a
        .kw_defaults
        .iter()
        .flatten()
        .map(|d| height(d, limit))
        .max()
        .unwrap_or(0);
    defaults.max(kw)
}

fn comps_height(gens: &[Comprehension], limit: u32) -> u32 {
    gens.iter()
        .map(|g| {
            height(&g.target, limit)
                .max(height(&g.iter, limit))
                .max(max_all(&g.ifs, limit))
        })
        .max()
        .unwrap_or(0)
}

fn parts_height(parts: &[FStringPart], limit: u32) -> u32 {
    if limit == 0 {
        return 1;
    }
    parts
        .iter()
        .map(|p| match p {
            FStringPart::Literal(_) => 0,
            FStringPart::Field {
                value, format_spec, ..
            } => height(value, limit).max(parts_height(format_spec, limit - 1) + 1),
        })
        .max()
        .unwrap_or(0)
}
