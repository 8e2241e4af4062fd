//! A compact S-expression rendering of syntax trees, so tests can compare trees as text.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::compile::ast::*;

fn bin(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mult => "*",
        BinOp::MatMult => "@",
        BinOp::Div => "/",
        BinOp::Mod => "%",
        BinOp::Pow => "**",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::BitAnd => "&",
        BinOp::FloorDiv => "//",
    }
}

fn cmp(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is-not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not-in",
    }
}

fn list(items: &[Expr]) -> String {
    items.iter().map(expr).collect::<Vec<_>>().join(" ")
}

fn opt(e: &Option<Box<Expr>>) -> String {
    match e {
        Some(e) => expr(e),
        None => "_".into(),
    }
}

fn comps(gens: &[Comprehension]) -> String {
    gens.iter()
        .map(|g| {
            let mut s = format!(
                "({}for {} {}",
                if g.is_async { "async " } else { "" },
                expr(&g.target),
                expr(&g.iter)
            );
            for c in &g.ifs {
                s += &format!(" (if {})", expr(c));
            }
            s + ")"
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn keywords(kws: &[Keyword]) -> String {
    kws.iter()
        .map(|k| match &k.name {
            Some(n) => format!("{}={}", n, expr(&k.value)),
            None => format!("**{}", expr(&k.value)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn arg(a: &Arg) -> String {
    match &a.annotation {
        Some(t) => format!("{}:{}", a.name, expr(t)),
        None => a.name.clone(),
    }
}

/// Renders parameters as `(a b=1 *args k=2 **kw)`.
pub fn args(a: &Arguments) -> String {
    let mut out = Vec::new();
    let first_default = a.args.len() - a.defaults.len();
    for (i, p) in a.args.iter().enumerate() {
        if i >= first_default {
            out.push(format!(
                "{}={}",
                arg(p),
                expr(&a.defaults[i - first_default])
            ));
        } else {
            out.push(arg(p));
        }
    }
    match &a.vararg {
        Some(v) => out.push(format!("*{}", arg(v))),
        None if !a.kwonlyargs.is_empty() => out.push("*".into()),
        None => {}
    }
    for (p, d) in a.kwonlyargs.iter().zip(&a.kw_defaults) {
        match d {
            Some(d) => out.push(format!("{}={}", arg(p), expr(d))),
            None => out.push(arg(p)),
        }
    }
    if let Some(k) = &a.kwarg {
        out.push(format!("**{}", arg(k)));
    }
    format!("({})", out.join(" "))
}

fn fparts(parts: &[FStringPart]) -> String {
    parts
        .iter()
        .map(|p| match p {
            FStringPart::Literal(s) => format!("{:?}", s),
            FStringPart::Field {
                value,
                conversion,
                format_spec,
                debug_text,
            } => {
                let mut s = format!("{{{}", expr(value));
                if let Some(d) = debug_text {
                    s += &format!(" dbg={:?}", d);
                }
                if *conversion != 0 {
                    s += &format!("!{}", *conversion as char);
                }
                if !format_spec.is_empty() {
                    s += &format!(":{}", fparts(format_spec));
                }
                s + "}"
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Renders an expression.
pub fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::BoolOp { op, values } => format!(
            "({} {})",
            if *op == BoolOp::And { "and" } else { "or" },
            list(values)
        ),
        ExprKind::NamedExpr { target, value } => format!("(:= {} {})", target, expr(value)),
        ExprKind::BinOp { left, op, right } => {
            format!("({} {} {})", bin(*op), expr(left), expr(right))
        }
        ExprKind::UnaryOp { op, operand } => {
            let o = match op {
                UnaryOp::Invert => "~",
                UnaryOp::Not => "not",
                UnaryOp::UAdd => "pos",
                UnaryOp::USub => "neg",
            };
            format!("({} {})", o, expr(operand))
        }
        ExprKind::Lambda { args: a, body } => format!("(lambda {} {})", args(a), expr(body)),
        ExprKind::IfExp { test, body, orelse } => {
            format!("(if {} {} {})", expr(test), expr(body), expr(orelse))
        }
        ExprKind::Dict { keys, values } => {
            let items: Vec<String> = keys
                .iter()
                .zip(values)
                .map(|(k, v)| match k {
                    Some(k) => format!("{}:{}", expr(k), expr(v)),
                    None => format!("**{}", expr(v)),
                })
                .collect();
            format!("(dict {})", items.join(" "))
        }
        ExprKind::Set(items) => format!("(set {})", list(items)),
        ExprKind::ListComp { elt, generators } => {
            format!("(listcomp {} {})", expr(elt), comps(generators))
        }
        ExprKind::SetComp { elt, generators } => {
            format!("(setcomp {} {})", expr(elt), comps(generators))
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => format!(
            "(dictcomp {}:{} {})",
            expr(key),
            expr(value),
            comps(generators)
        ),
        ExprKind::GeneratorExp { elt, generators } => {
            format!("(genexp {} {})", expr(elt), comps(generators))
        }
        ExprKind::Await(v) => format!("(await {})", expr(v)),
        ExprKind::Yield(v) => format!("(yield {})", opt(v)),
        ExprKind::YieldFrom(v) => format!("(yieldfrom {})", expr(v)),
        ExprKind::Compare {
            left,
            ops,
            comparators,
        } => {
            let mut s = format!("(cmp {}", expr(left));
            for (o, c) in ops.iter().zip(comparators) {
                s += &format!(" {} {}", cmp(*o), expr(c));
            }
            s + ")"
        }
        ExprKind::Call {
            func,
            args,
            keywords: kws,
        } => {
            let mut s = format!("(call {}", expr(func));
            if !args.is_empty() {
                s += " ";
                s += &list(args);
            }
            if !kws.is_empty() {
                s += " ";
                s += &keywords(kws);
            }
            s + ")"
        }
        ExprKind::JoinedStr(parts) => format!("(f {})", fparts(parts)),
        ExprKind::Constant(c) => match c {
            Constant::None => "None".into(),
            Constant::Bool(b) => String::from(if *b { "True" } else { "False" }),
            Constant::Ellipsis => "...".into(),
            Constant::Int(i) => format!("{}", i),
            Constant::BigInt(s) => format!("big:{}", s),
            Constant::Float(f) => format!("{:?}f", f),
            Constant::Imag(f) => format!("{:?}j", f),
            Constant::Str(s) => format!("{:?}", s),
            Constant::Bytes(b) => format!("b{:?}", b),
        },
        ExprKind::Attribute { value, attr } => format!("(. {} {})", expr(value), attr),
        ExprKind::Subscript { value, index } => format!("(sub {} {})", expr(value), expr(index)),
        ExprKind::Starred(v) => format!("*{}", expr(v)),
        ExprKind::Name(n) => n.clone(),
        ExprKind::List(items) => format!("(list {})", list(items)),
        ExprKind::Tuple(items) => format!("(tuple {})", list(items)),
        ExprKind::Slice { lower, upper, step } => {
            format!("(slice {} {} {})", opt(lower), opt(upper), opt(step))
        }
    }
}

fn block(stmts: &[Stmt]) -> String {
    format!("({})", stmts.iter().map(stmt).collect::<Vec<_>>().join(" "))
}

/// Renders a statement.
pub fn stmt(s: &Stmt) -> String {
    match &s.kind {
        StmtKind::FunctionDef(f) => {
            let mut out = format!(
                "({}def {} {}",
                if f.is_async { "async " } else { "" },
                f.name,
                args(&f.args)
            );
            if let Some(r) = &f.returns {
                out += &format!(" -> {}", expr(r));
            }
            for d in &f.decorators {
                out += &format!(" @{}", expr(d));
            }
            out + " " + &block(&f.body) + ")"
        }
        StmtKind::ClassDef(c) => {
            let mut out = format!("(class {}", c.name);
            if !c.bases.is_empty() {
                out += &format!(" [{}]", list(&c.bases));
            }
            if !c.keywords.is_empty() {
                out += &format!(" [{}]", keywords(&c.keywords));
            }
            for d in &c.decorators {
                out += &format!(" @{}", expr(d));
            }
            out + " " + &block(&c.body) + ")"
        }
        StmtKind::Return(v) => match v {
            Some(v) => format!("(return {})", expr(v)),
            None => "(return)".into(),
        },
        StmtKind::Delete(t) => format!("(del {})", list(t)),
        StmtKind::Assign { targets, value } => {
            format!("(= {} {})", list(targets), expr(value))
        }
        StmtKind::AugAssign { target, op, value } => {
            format!("({}= {} {})", bin(*op), expr(target), expr(value))
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
        } => match value {
            Some(v) => format!("(ann {} {} {})", expr(target), expr(annotation), expr(v)),
            None => format!("(ann {} {})", expr(target), expr(annotation)),
        },
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
            is_async,
        } => format!(
            "({}for {} {} {} {})",
            if *is_async { "async " } else { "" },
            expr(target),
            expr(iter),
            block(body),
            block(orelse)
        ),
        StmtKind::While { test, body, orelse } => {
            format!("(while {} {} {})", expr(test), block(body), block(orelse))
        }
        StmtKind::If { test, body, orelse } => {
            format!("(if {} {} {})", expr(test), block(body), block(orelse))
        }
        StmtKind::With {
            items,
            body,
            is_async,
        } => {
            let its: Vec<String> = items
                .iter()
                .map(|i| match &i.target {
                    Some(t) => format!("{} as {}", expr(&i.context), expr(t)),
                    None => expr(&i.context),
                })
                .collect();
            format!(
                "({}with [{}] {})",
                if *is_async { "async " } else { "" },
                its.join(", "),
                block(body)
            )
        }
        StmtKind::Raise { exc, cause } => {
            let mut s = String::from("(raise");
            if let Some(e) = exc {
                s += &format!(" {}", expr(e));
            }
            if let Some(c) = cause {
                s += &format!(" from {}", expr(c));
            }
            s + ")"
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            let hs: Vec<String> = handlers
                .iter()
                .map(|h| {
                    let mut s = String::from("(except");
                    if let Some(t) = &h.typ {
                        s += &format!(" {}", expr(t));
                    }
                    if let Some(n) = &h.name {
                        s += &format!(" as {}", n);
                    }
                    s + " " + &block(&h.body) + ")"
                })
                .collect();
            format!(
                "(try {} [{}] {} {})",
                block(body),
                hs.join(" "),
                block(orelse),
                block(finalbody)
            )
        }
        StmtKind::Assert { test, msg } => match msg {
            Some(m) => format!("(assert {} {})", expr(test), expr(m)),
            None => format!("(assert {})", expr(test)),
        },
        StmtKind::Import(names) => {
            let ns: Vec<String> = names
                .iter()
                .map(|a| match &a.asname {
                    Some(n) => format!("{} as {}", a.name, n),
                    None => a.name.clone(),
                })
                .collect();
            format!("(import {})", ns.join(", "))
        }
        StmtKind::ImportFrom {
            module,
            names,
            level,
        } => {
            let ns: Vec<String> = names
                .iter()
                .map(|a| match &a.asname {
                    Some(n) => format!("{} as {}", a.name, n),
                    None => a.name.clone(),
                })
                .collect();
            format!(
                "(from {} {} [{}])",
                level,
                module.as_deref().unwrap_or("_"),
                if ns.is_empty() {
                    "*".into()
                } else {
                    ns.join(", ")
                }
            )
        }
        StmtKind::Global(n) => format!("(global {})", n.join(" ")),
        StmtKind::Nonlocal(n) => format!("(nonlocal {})", n.join(" ")),
        StmtKind::Expr(e) => expr(e),
        StmtKind::Pass => "pass".into(),
        StmtKind::Break => "break".into(),
        StmtKind::Continue => "continue".into(),
    }
}
