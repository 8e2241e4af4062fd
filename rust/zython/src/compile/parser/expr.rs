//! Expressions: operators by precedence, atoms, displays, comprehensions, calls, lambdas.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::height::{height, keywords_height, max_all};
use super::Parser;
use crate::compile::ast::{
    Arg, Arguments, BinOp, BoolOp, CmpOp, Comprehension, Constant, Expr, ExprKind, FStringPart,
    Keyword, UnaryOp,
};
use crate::compile::error::{CompileError, TryPush};
use crate::compile::token::{Kw, Tok};

/// Precedence of `or`.
const PREC_OR: u8 = 1;
/// Precedence of `not` (a prefix operator between `and` and comparisons).
const PREC_NOT: u8 = 3;
/// Precedence of comparisons.
const PREC_CMP: u8 = 4;
/// Precedence of `|`: the level of `expr` in the grammar (star targets, `for` targets).
const PREC_BITOR: u8 = 5;

/// An infix operator class.
#[derive(Clone, Copy)]
enum Infix {
    Bool(BoolOp),
    Cmp,
    Bin(BinOp),
}

/// Appends literal text to f-string parts, merging with a preceding literal.
pub(super) fn push_literal(
    parts: &mut Vec<FStringPart>,
    text: &str,
    line: u32,
) -> Result<(), CompileError> {
    if text.is_empty() {
        return Ok(());
    }
    if let Some(FStringPart::Literal(s)) = parts.last_mut() {
        s.try_push(text, line)
    } else {
        let s = crate::compile::error::try_string(text, line)?;
        parts.try_push(FStringPart::Literal(s), line)
    }
}

impl Parser<'_> {
    /// The infix operator at the cursor and its precedence.
    fn infix(&self) -> Option<(Infix, u8)> {
        Some(match self.peek() {
            Tok::Kw(Kw::Or) => (Infix::Bool(BoolOp::Or), PREC_OR),
            Tok::Kw(Kw::And) => (Infix::Bool(BoolOp::And), 2),
            Tok::Less
            | Tok::Greater
            | Tok::EqEqual
            | Tok::NotEqual
            | Tok::LessEqual
            | Tok::GreaterEqual
            | Tok::Kw(Kw::In)
            | Tok::Kw(Kw::Is) => (Infix::Cmp, PREC_CMP),
            Tok::Kw(Kw::Not) if self.peek_at(1) == &Tok::Kw(Kw::In) => (Infix::Cmp, PREC_CMP),
            Tok::VBar => (Infix::Bin(BinOp::BitOr), PREC_BITOR),
            Tok::Caret => (Infix::Bin(BinOp::BitXor), 6),
            Tok::Amper => (Infix::Bin(BinOp::BitAnd), 7),
            Tok::LShift => (Infix::Bin(BinOp::LShift), 8),
            Tok::RShift => (Infix::Bin(BinOp::RShift), 8),
            Tok::Plus => (Infix::Bin(BinOp::Add), 9),
            Tok::Minus => (Infix::Bin(BinOp::Sub), 9),
            Tok::Star => (Infix::Bin(BinOp::Mult), 10),
            Tok::Slash => (Infix::Bin(BinOp::Div), 10),
            Tok::DoubleSlash => (Infix::Bin(BinOp::FloorDiv), 10),
            Tok::Percent => (Infix::Bin(BinOp::Mod), 10),
            Tok::At => (Infix::Bin(BinOp::MatMult), 10),
            _ => return None,
        })
    }

    /// Consumes a comparison operator if one is at the cursor.
    fn cmp_op(&mut self) -> Option<CmpOp> {
        let op = match self.peek() {
            Tok::Less => CmpOp::Lt,
            Tok::Greater => CmpOp::Gt,
            Tok::EqEqual => CmpOp::Eq,
            Tok::NotEqual => CmpOp::NotEq,
            Tok::LessEqual => CmpOp::LtE,
            Tok::GreaterEqual => CmpOp::GtE,
            Tok::Kw(Kw::In) => CmpOp::In,
            Tok::Kw(Kw::Is) => {
                self.bump();
                return Some(if self.eat(&Tok::Kw(Kw::Not)) {
                    CmpOp::IsNot
                } else {
                    CmpOp::Is
                });
            }
            Tok::Kw(Kw::Not) if self.peek_at(1) == &Tok::Kw(Kw::In) => {
                self.bump();
                self.bump();
                return Some(CmpOp::NotIn);
            }
            _ => return None,
        };
        self.bump();
        Some(op)
    }

    /// True if the current token can begin an expression.
    pub(super) fn can_start_expr(&self) -> bool {
        matches!(
            self.peek(),
            Tok::Name(_)
                | Tok::Kw(Kw::None | Kw::True | Kw::False | Kw::Not | Kw::Lambda | Kw::Await)
                | Tok::Int(_)
                | Tok::BigInt(_)
                | Tok::Float(_)
                | Tok::Imag(_)
                | Tok::Str(_)
                | Tok::Bytes(_)
                | Tok::FStr { .. }
                | Tok::LPar
                | Tok::LSqb
                | Tok::LBrace
                | Tok::Minus
                | Tok::Plus
                | Tok::Tilde
                | Tok::Star
                | Tok::Ellipsis
        )
    }

    /// `test`: a full expression including `x if c else y` and `lambda`.
    pub(super) fn test(&mut self) -> Result<Expr, CompileError> {
        if self.peek() == &Tok::Kw(Kw::Lambda) {
            return self.lambda(false);
        }
        let line = self.line();
        let body = self.binary(PREC_OR)?;
        if self.peek() != &Tok::Kw(Kw::If) {
            return Ok(body);
        }
        self.ternary(body, line)
    }

    /// `body if test else orelse`, at the `if` (kept out of [`Self::test`] so that the
    /// frame on every nesting level stays small).
    #[inline(never)]
    fn ternary(&mut self, body: Expr, line: u32) -> Result<Expr, CompileError> {
        self.bump();
        let test = self.binary(PREC_OR)?;
        self.expect(&Tok::Kw(Kw::Else))?;
        self.enter()?;
        let orelse = self.test();
        self.leave();
        Ok(Self::mk(
            line,
            ExprKind::IfExp {
                test: Box::new(test),
                body: Box::new(body),
                orelse: Box::new(orelse?),
            },
        ))
    }

    /// `test_nocond`: no conditional expression (comprehension `if` clauses).
    fn test_nocond(&mut self) -> Result<Expr, CompileError> {
        if self.peek() == &Tok::Kw(Kw::Lambda) {
            return self.lambda(true);
        }
        self.binary(PREC_OR)
    }

    /// `namedexpr_test`: `test [':=' test]`.
    pub(super) fn namedexpr(&mut self) -> Result<Expr, CompileError> {
        let e = self.test()?;
        if self.peek() != &Tok::ColonEqual {
            return Ok(e);
        }
        self.walrus(e)
    }

    /// `name := value`, at the `:=`.
    #[inline(never)]
    fn walrus(&mut self, e: Expr) -> Result<Expr, CompileError> {
        let line = e.line;
        let ExprKind::Name(target) = e.kind else {
            return Err(self.error_at("can't assign to expression", line));
        };
        self.bump();
        let value = self.test()?;
        Ok(Self::mk(
            line,
            ExprKind::NamedExpr {
                target,
                value: Box::new(value),
            },
        ))
    }

    /// `'*' expr` at the cursor (the star not yet consumed).
    #[inline(never)]
    fn star_expr(&mut self) -> Result<Expr, CompileError> {
        let line = self.line();
        self.bump();
        let e = self.expr()?;
        Ok(Self::mk(line, ExprKind::Starred(Box::new(e))))
    }

    /// `test | star_expr`.
    pub(super) fn star_or_test(&mut self) -> Result<Expr, CompileError> {
        if self.peek() == &Tok::Star {
            self.star_expr()
        } else {
            self.test()
        }
    }

    /// `namedexpr_test | star_expr` (display and parenthesis elements).
    fn star_or_namedexpr(&mut self) -> Result<Expr, CompileError> {
        if self.peek() == &Tok::Star {
            self.star_expr()
        } else {
            self.namedexpr()
        }
    }

    /// `expr`: a bitwise-or level expression (no comparisons or boolean operators).
    pub(super) fn expr(&mut self) -> Result<Expr, CompileError> {
        self.binary(PREC_BITOR)
    }

    /// `testlist_star_expr`: one expression, or a tuple if a comma follows.
    pub(super) fn testlist_star_expr(&mut self) -> Result<Expr, CompileError> {
        let line = self.line();
        let first = self.star_or_test()?;
        if self.peek() != &Tok::Comma {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat(&Tok::Comma) {
            if !self.can_start_expr() {
                break;
            }
            items.try_push(self.star_or_test()?, self.line())?;
        }
        Ok(Self::mk(line, ExprKind::Tuple(items)))
    }

    /// `exprlist`: targets of `for` and comprehensions (a tuple if a comma follows).
    pub(super) fn exprlist(&mut self) -> Result<Expr, CompileError> {
        let line = self.line();
        let first = self.star_or_expr()?;
        if self.peek() != &Tok::Comma {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat(&Tok::Comma) {
            if !self.can_start_expr() {
                break;
            }
            items.try_push(self.star_or_expr()?, self.line())?;
        }
        Ok(Self::mk(line, ExprKind::Tuple(items)))
    }

    /// `expr | star_expr`.
    pub(super) fn star_or_expr(&mut self) -> Result<Expr, CompileError> {
        if self.peek() == &Tok::Star {
            self.star_expr()
        } else {
            self.expr()
        }
    }

    /// `yield [from test | testlist_star_expr]` (at the `yield` keyword).
    #[inline(never)]
    pub(super) fn yield_expr(&mut self) -> Result<Expr, CompileError> {
        let line = self.line();
        self.bump();
        if self.eat(&Tok::Kw(Kw::From)) {
            let e = self.test()?;
            return Ok(Self::mk(line, ExprKind::YieldFrom(Box::new(e))));
        }
        let value = if self.can_start_expr() {
            Some(Box::new(self.testlist_star_expr()?))
        } else {
            None
        };
        Ok(Self::mk(line, ExprKind::Yield(value)))
    }

    /// Operators from `or` down to `*`/`/` by precedence climbing; `min` is the lowest
    /// precedence accepted at this level.
    fn binary(&mut self, min: u8) -> Result<Expr, CompileError> {
        let line = self.line();
        let lhs = if self.peek() == &Tok::Kw(Kw::Not) {
            if min > PREC_NOT {
                return Err(self.error());
            }
            self.not_expr(line)?
        } else {
            self.factor()?
        };
        match self.infix() {
            Some((_, prec)) if prec >= min => self.binary_tail(lhs, min, line),
            _ => Ok(lhs),
        }
    }

    /// `not operand`, at the `not`.
    #[inline(never)]
    fn not_expr(&mut self, line: u32) -> Result<Expr, CompileError> {
        self.bump();
        self.enter()?;
        let operand = self.binary(PREC_NOT);
        self.leave();
        Ok(Self::mk(
            line,
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand: Box::new(operand?),
            },
        ))
    }

    /// The operators after a first operand `lhs` (at least one is at the cursor).
    #[inline(never)]
    fn binary_tail(&mut self, mut lhs: Expr, min: u8, line: u32) -> Result<Expr, CompileError> {
        // Height of `lhs`, measured lazily: only chains of binary operators grow it in a loop.
        let mut lhs_h: Option<u32> = None;
        while let Some((op, prec)) = self.infix() {
            if prec < min {
                break;
            }
            match op {
                Infix::Bool(bop) => {
                    lhs = self.bool_chain(lhs, bop, prec, line)?;
                    lhs_h = None;
                }
                Infix::Cmp => {
                    lhs = self.compare_chain(lhs, line)?;
                    lhs_h = None;
                }
                Infix::Bin(bop) => {
                    self.bump();
                    let rhs = self.binary(prec + 1)?;
                    let hl = lhs_h.unwrap_or_else(|| height(&lhs, self.guard.max_height));
                    lhs_h = Some(self.grow(hl.max(height(&rhs, self.guard.max_height)))?);
                    lhs = Self::mk(
                        line,
                        ExprKind::BinOp {
                            left: Box::new(lhs),
                            op: bop,
                            right: Box::new(rhs),
                        },
                    );
                }
            }
        }
        Ok(lhs)
    }

    /// `lhs and x and y...` (or `or`), at the first operator.
    #[inline(never)]
    fn bool_chain(
        &mut self,
        lhs: Expr,
        op: BoolOp,
        prec: u8,
        line: u32,
    ) -> Result<Expr, CompileError> {
        let tok = self.peek().clone();
        let mut values = vec![lhs];
        while self.eat(&tok) {
            values.try_push(self.binary(prec + 1)?, self.line())?;
        }
        Ok(Self::mk(line, ExprKind::BoolOp { op, values }))
    }

    /// `lhs < x <= y...`, at the first comparison operator.
    #[inline(never)]
    fn compare_chain(&mut self, lhs: Expr, line: u32) -> Result<Expr, CompileError> {
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        while let Some(cop) = self.cmp_op() {
            ops.push(cop);
            comparators.try_push(self.binary(PREC_CMP + 1)?, self.line())?;
        }
        Ok(Self::mk(
            line,
            ExprKind::Compare {
                left: Box::new(lhs),
                ops,
                comparators,
            },
        ))
    }

    /// `factor`: unary `+`, `-`, `~` applied to a power.
    fn factor(&mut self) -> Result<Expr, CompileError> {
        let op = match self.peek() {
            Tok::Minus => UnaryOp::USub,
            Tok::Plus => UnaryOp::UAdd,
            Tok::Tilde => UnaryOp::Invert,
            _ => return self.power(),
        };
        self.unary(op)
    }

    /// A unary operator applied to a factor, at the operator.
    #[inline(never)]
    fn unary(&mut self, op: UnaryOp) -> Result<Expr, CompileError> {
        let line = self.line();
        self.bump();
        self.enter()?;
        let operand = self.factor();
        self.leave();
        Ok(Self::mk(
            line,
            ExprKind::UnaryOp {
                op,
                operand: Box::new(operand?),
            },
        ))
    }

    /// `power`: `await_primary ['**' factor]`.
    #[inline(never)]
    fn power(&mut self) -> Result<Expr, CompileError> {
        let base = self.atom_expr()?;
        if self.peek() != &Tok::DoubleStar {
            return Ok(base);
        }
        self.pow_tail(base)
    }

    /// `base ** factor`, at the `**`.
    #[inline(never)]
    fn pow_tail(&mut self, base: Expr) -> Result<Expr, CompileError> {
        self.bump();
        self.enter()?;
        let exp = self.factor();
        self.leave();
        Ok(Self::mk(
            base.line,
            ExprKind::BinOp {
                left: Box::new(base),
                op: BinOp::Pow,
                right: Box::new(exp?),
            },
        ))
    }

    /// `atom_expr`: `[await] atom trailer*`.
    #[inline(never)]
    fn atom_expr(&mut self) -> Result<Expr, CompileError> {
        let line = self.line();
        let is_await = self.eat(&Tok::Kw(Kw::Await));
        let e = self.atom()?;
        let mut e = self.trailers(e)?;
        if is_await {
            e = Self::mk(line, ExprKind::Await(Box::new(e)));
        }
        Ok(e)
    }

    /// Calls, subscripts and attributes applied to `e`.
    fn trailers(&mut self, mut e: Expr) -> Result<Expr, CompileError> {
        // Height of `e`, measured lazily: trailers grow it in a loop.
        let mut h: Option<u32> = None;
        loop {
            match self.peek() {
                Tok::LPar => {
                    self.bump();
                    self.enter()?;
                    let call = self.call(e);
                    self.leave();
                    e = call?;
                    if let ExprKind::Call {
                        func,
                        args,
                        keywords,
                    } = &e.kind
                    {
                        let hf = h.unwrap_or_else(|| height(func, self.guard.max_height));
                        let ha = max_all(args, self.guard.max_height)
                            .max(keywords_height(keywords, self.guard.max_height));
                        h = Some(self.grow(hf.max(ha))?);
                    }
                }
                Tok::LSqb => {
                    self.bump();
                    self.enter()?;
                    let sub = self.subscript(e);
                    self.leave();
                    e = sub?;
                    if let ExprKind::Subscript { value, index } = &e.kind {
                        let hv = h.unwrap_or_else(|| height(value, self.guard.max_height));
                        h = Some(self.grow(hv.max(height(index, self.guard.max_height)))?);
                    }
                }
                Tok::Dot => {
                    self.bump();
                    let hv = h.unwrap_or_else(|| height(&e, self.guard.max_height));
                    h = Some(self.grow(hv)?);
                    let attr = self.name()?;
                    e = Self::mk(
                        e.line,
                        ExprKind::Attribute {
                            value: Box::new(e),
                            attr,
                        },
                    );
                }
                _ => break,
            }
        }
        Ok(e)
    }

    /// Continues an expression whose first atom `e` (a parenthesized one, starting on
    /// `line`) has already been parsed: trailers, `**`, binary operators, `if`-`else`.
    pub(super) fn continue_from_atom(&mut self, e: Expr, line: u32) -> Result<Expr, CompileError> {
        let mut e = self.trailers(e)?;
        if self.peek() == &Tok::DoubleStar {
            e = self.pow_tail(e)?;
        }
        if self.infix().is_some() {
            e = self.binary_tail(e, PREC_OR, line)?;
        }
        if self.peek() == &Tok::Kw(Kw::If) {
            e = self.ternary(e, line)?;
        }
        Ok(e)
    }

    /// The arguments of a call, after `(`; consumes the `)`.
    #[inline(never)]
    fn call(&mut self, func: Expr) -> Result<Expr, CompileError> {
        let (args, keywords) = self.arglist()?;
        Ok(Self::mk(
            func.line,
            ExprKind::Call {
                func: Box::new(func),
                args,
                keywords,
            },
        ))
    }

    /// `arglist ')'`: positional (with `*x`) and keyword (with `**m`) arguments.
    #[inline(never)]
    pub(super) fn arglist(&mut self) -> Result<(Vec<Expr>, Vec<Keyword>), CompileError> {
        let mut args: Vec<Expr> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut seen_dstar = false;
        loop {
            if self.eat(&Tok::RPar) {
                break;
            }
            let line = self.line();
            match self.peek() {
                Tok::Star => {
                    if seen_dstar {
                        return Err(self.error_at(
                            "iterable argument unpacking follows keyword argument unpacking",
                            line,
                        ));
                    }
                    // `f(y=1, *a)`: valid CPython, but MicroPython's calls cannot express it.
                    if keywords.iter().any(|k| k.name.is_some()) {
                        return Err(self.error_at("* arg after kwarg", line));
                    }
                    self.bump();
                    let v = self.test()?;
                    args.push(Self::mk(line, ExprKind::Starred(Box::new(v))));
                }
                Tok::DoubleStar => {
                    self.bump();
                    let value = self.test()?;
                    keywords.try_push(Keyword { name: None, value }, self.line())?;
                    seen_dstar = true;
                }
                _ => {
                    let e = self.test()?;
                    match self.peek() {
                        Tok::Equal => {
                            let ExprKind::Name(name) = e.kind else {
                                return Err(self.error_at("invalid syntax", line));
                            };
                            self.bump();
                            let value = self.test()?;
                            keywords.try_push(
                                Keyword {
                                    name: Some(name),
                                    value,
                                },
                                line,
                            )?;
                        }
                        Tok::Kw(Kw::For) | Tok::Kw(Kw::Async) => {
                            let generators = self.comp_for()?;
                            if !args.is_empty() || !keywords.is_empty() || self.peek() != &Tok::RPar
                            {
                                return Err(self
                                    .error_at("generator expression must be parenthesized", line));
                            }
                            args.push(Self::mk(
                                line,
                                ExprKind::GeneratorExp {
                                    elt: Box::new(e),
                                    generators,
                                },
                            ));
                        }
                        _ => {
                            let e = if self.peek() == &Tok::ColonEqual {
                                let ExprKind::Name(target) = e.kind else {
                                    return Err(self.error_at("can't assign to expression", line));
                                };
                                self.bump();
                                let value = self.test()?;
                                Self::mk(
                                    line,
                                    ExprKind::NamedExpr {
                                        target,
                                        value: Box::new(value),
                                    },
                                )
                            } else {
                                e
                            };
                            if !keywords.is_empty() {
                                return Err(self.error_at(
                                    "positional argument follows keyword argument",
                                    line,
                                ));
                            }
                            args.try_push(e, self.line())?;
                        }
                    }
                }
            }
            if !self.eat(&Tok::Comma) {
                self.expect(&Tok::RPar)?;
                break;
            }
        }
        Ok((args, keywords))
    }

    /// A subscript after `[`; consumes the `]`.
    #[inline(never)]
    fn subscript(&mut self, value: Expr) -> Result<Expr, CompileError> {
        let line = self.line();
        let first = self.subscript_item()?;
        let index = if self.peek() == &Tok::Comma {
            let mut items = vec![first];
            while self.eat(&Tok::Comma) {
                if self.peek() == &Tok::RSqb {
                    break;
                }
                items.try_push(self.subscript_item()?, self.line())?;
            }
            Self::mk(line, ExprKind::Tuple(items))
        } else {
            first
        };
        self.expect(&Tok::RSqb)?;
        Ok(Self::mk(
            value.line,
            ExprKind::Subscript {
                value: Box::new(value),
                index: Box::new(index),
            },
        ))
    }

    /// One subscript: an expression or a slice `[lower]:[upper][:[step]]`.
    #[inline(never)]
    fn subscript_item(&mut self) -> Result<Expr, CompileError> {
        let line = self.line();
        let lower = if self.peek() == &Tok::Colon {
            None
        } else {
            let e = self.namedexpr()?;
            if self.peek() != &Tok::Colon {
                return Ok(e);
            }
            Some(Box::new(e))
        };
        self.expect(&Tok::Colon)?;
        let upper = if self.can_start_expr() {
            Some(Box::new(self.test()?))
        } else {
            None
        };
        let step = if self.eat(&Tok::Colon) && self.can_start_expr() {
            Some(Box::new(self.test()?))
        } else {
            None
        };
        Ok(Self::mk(line, ExprKind::Slice { lower, upper, step }))
    }

    /// `lambda [params]: body` at the `lambda` keyword.
    #[inline(never)]
    fn lambda(&mut self, nocond: bool) -> Result<Expr, CompileError> {
        let line = self.line();
        self.bump();
        let args = self.parameters(&Tok::Colon, false)?;
        self.expect(&Tok::Colon)?;
        self.enter()?;
        let body = if nocond {
            self.test_nocond()
        } else {
            self.test()
        };
        self.leave();
        Ok(Self::mk(
            line,
            ExprKind::Lambda {
                args: Box::new(args),
                body: Box::new(body?),
            },
        ))
    }

    /// Parameters of a `def` (up to `)`, with annotations) or a lambda (up to `:`).
    #[inline(never)]
    pub(super) fn parameters(
        &mut self,
        end: &Tok,
        annotations: bool,
    ) -> Result<Arguments, CompileError> {
        let mut a = Arguments::default();
        let mut star = false;
        let mut slash = false;
        let start_line = self.line();
        loop {
            if self.peek() == end {
                break;
            }
            if a.kwarg.is_some() {
                return Err(self.error());
            }
            let line = self.line();
            match self.peek() {
                Tok::Star => {
                    if star {
                        return Err(self.error());
                    }
                    star = true;
                    self.bump();
                    if let Tok::Name(_) = self.peek() {
                        a.vararg = Some(self.param(annotations)?);
                    } else if !matches!(self.peek(), Tok::Comma | Tok::RPar | Tok::Colon) {
                        return Err(self.error_at("named arguments must follow bare *", line));
                    }
                }
                Tok::DoubleStar => {
                    self.bump();
                    a.kwarg = Some(self.param(annotations)?);
                }
                Tok::Slash => {
                    if slash || star || a.args.is_empty() {
                        return Err(self.error());
                    }
                    slash = true;
                    self.bump();
                }
                Tok::Name(_) => {
                    let p = self.param(annotations)?;
                    let default = if self.eat(&Tok::Equal) {
                        Some(self.test()?)
                    } else {
                        None
                    };
                    if star {
                        a.kwonlyargs.push(p);
                        a.kw_defaults.push(default);
                    } else {
                        a.args.push(p);
                        match default {
                            Some(d) => a.defaults.push(d),
                            None if !a.defaults.is_empty() => {
                                return Err(self.error_at(
                                    "non-default argument follows default argument",
                                    line,
                                ))
                            }
                            None => {}
                        }
                    }
                }
                _ => return Err(self.error()),
            }
            if !self.eat(&Tok::Comma) {
                break;
            }
        }
        // A bare `*` with nothing after it (`def f(*):`) is accepted, as MicroPython does.
        let _ = start_line;
        let names: Vec<&str> = a
            .args
            .iter()
            .chain(a.vararg.iter())
            .chain(a.kwonlyargs.iter())
            .chain(a.kwarg.iter())
            .map(|p| p.name.as_str())
            .collect();
        if (1..names.len()).any(|i| names[..i].contains(&names[i])) {
            return Err(self.error_at("duplicate argument in function definition", start_line));
        }
        Ok(a)
    }

    /// One parameter name with an optional `: annotation`.
    fn param(&mut self, annotations: bool) -> Result<Arg, CompileError> {
        let name = self.name()?;
        let annotation = if annotations && self.eat(&Tok::Colon) {
            Some(self.test()?)
        } else {
            None
        };
        Ok(Arg { name, annotation })
    }

    /// `comp_for`: one or more `[async] for targets in iter [if cond]*` clauses.
    #[inline(never)]
    fn comp_for(&mut self) -> Result<Vec<Comprehension>, CompileError> {
        let mut generators = Vec::new();
        loop {
            let is_async =
                if self.peek() == &Tok::Kw(Kw::Async) && self.peek_at(1) == &Tok::Kw(Kw::For) {
                    self.bump();
                    true
                } else {
                    false
                };
            if !self.eat(&Tok::Kw(Kw::For)) {
                if generators.is_empty() {
                    return Err(self.error());
                }
                break;
            }
            let target = self.exprlist()?;
            self.check_store(&target)?;
            self.expect(&Tok::Kw(Kw::In))?;
            let iter = self.binary(PREC_OR)?;
            let mut ifs = Vec::new();
            while self.eat(&Tok::Kw(Kw::If)) {
                ifs.push(self.test_nocond()?);
            }
            let c = Comprehension {
                target,
                iter,
                ifs,
                is_async,
            };
            generators.try_push(c, self.line())?;
        }
        Ok(generators)
    }

    /// True if a comprehension clause starts at the cursor.
    fn at_comp_for(&self) -> bool {
        match self.peek() {
            Tok::Kw(Kw::For) => true,
            Tok::Kw(Kw::Async) => self.peek_at(1) == &Tok::Kw(Kw::For),
            _ => false,
        }
    }

    /// An atom: name, literal, or bracketed form.
    #[inline(never)]
    fn atom(&mut self) -> Result<Expr, CompileError> {
        let line = self.line();
        let c = match self.peek() {
            Tok::Name(_) => match self.take() {
                Tok::Name(n) => return Ok(Self::mk(line, ExprKind::Name(n))),
                _ => return Err(self.error()),
            },
            Tok::Kw(Kw::None) => Constant::None,
            Tok::Kw(Kw::True) => Constant::Bool(true),
            Tok::Kw(Kw::False) => Constant::Bool(false),
            Tok::Ellipsis => Constant::Ellipsis,
            Tok::Int(v) => Constant::Int(*v),
            Tok::Float(v) => Constant::Float(*v),
            Tok::Imag(v) => Constant::Imag(*v),
            Tok::BigInt(_) => match self.take() {
                Tok::BigInt(s) => {
                    return Ok(Self::mk(line, ExprKind::Constant(Constant::BigInt(s))))
                }
                _ => return Err(self.error()),
            },
            Tok::Str(_) | Tok::Bytes(_) | Tok::FStr { .. } => return self.strings(),
            Tok::LPar | Tok::LSqb | Tok::LBrace => {
                let open = self.take();
                self.enter()?;
                let e = match open {
                    Tok::LPar => self.paren(line),
                    Tok::LSqb => self.list(line),
                    _ => self.brace(line),
                };
                self.leave();
                return e;
            }
            _ => return Err(self.error()),
        };
        self.bump();
        Ok(Self::mk(line, ExprKind::Constant(c)))
    }

    /// After `(`: unit, parenthesized expression, tuple, generator or yield.
    #[inline(never)]
    fn paren(&mut self, line: u32) -> Result<Expr, CompileError> {
        if self.eat(&Tok::RPar) {
            return Ok(Self::mk(line, ExprKind::Tuple(Vec::new())));
        }
        if self.peek() == &Tok::Kw(Kw::Yield) {
            let e = self.yield_expr()?;
            self.expect(&Tok::RPar)?;
            return Ok(e);
        }
        let first = self.star_or_namedexpr()?;
        if self.at_comp_for() {
            return self.comp_display(first, line, &Tok::RPar, |elt, generators| {
                ExprKind::GeneratorExp { elt, generators }
            });
        }
        if self.peek() != &Tok::Comma {
            self.expect(&Tok::RPar)?;
            if let ExprKind::Starred(_) = first.kind {
                return Err(self.error_at("can't use starred expression here", first.line));
            }
            return Ok(first);
        }
        let items = self.rest_of_items(first, &Tok::RPar)?;
        Ok(Self::mk(line, ExprKind::Tuple(items)))
    }

    /// Remaining `, item` elements of a display up to and including `close`.
    #[inline(never)]
    fn rest_of_items(&mut self, first: Expr, close: &Tok) -> Result<Vec<Expr>, CompileError> {
        let mut items = vec![first];
        while self.eat(&Tok::Comma) {
            if self.peek() == close {
                break;
            }
            items.try_push(self.star_or_namedexpr()?, self.line())?;
        }
        self.expect(close)?;
        Ok(items)
    }

    /// After `[`: list display or list comprehension.
    #[inline(never)]
    fn list(&mut self, line: u32) -> Result<Expr, CompileError> {
        if self.eat(&Tok::RSqb) {
            return Ok(Self::mk(line, ExprKind::List(Vec::new())));
        }
        let first = self.star_or_namedexpr()?;
        if self.at_comp_for() {
            return self.comp_display(first, line, &Tok::RSqb, |elt, generators| {
                ExprKind::ListComp { elt, generators }
            });
        }
        let items = self.rest_of_items(first, &Tok::RSqb)?;
        Ok(Self::mk(line, ExprKind::List(items)))
    }

    /// A list/set comprehension or generator expression after its element; consumes `close`.
    #[inline(never)]
    fn comp_display(
        &mut self,
        elt: Expr,
        line: u32,
        close: &Tok,
        make: fn(Box<Expr>, Vec<Comprehension>) -> ExprKind,
    ) -> Result<Expr, CompileError> {
        if let ExprKind::Starred(_) = elt.kind {
            return Err(self.error_at("iterable unpacking cannot be used in comprehension", line));
        }
        let generators = self.comp_for()?;
        self.expect(close)?;
        Ok(Self::mk(line, make(Box::new(elt), generators)))
    }

    /// After `{`: dict or set display or comprehension.
    #[inline(never)]
    fn brace(&mut self, line: u32) -> Result<Expr, CompileError> {
        if self.eat(&Tok::RBrace) {
            return Ok(Self::mk(
                line,
                ExprKind::Dict {
                    keys: Vec::new(),
                    values: Vec::new(),
                },
            ));
        }
        let (first_key, first_value) = if self.eat(&Tok::DoubleStar) {
            (None, self.expr()?)
        } else {
            let first = self.star_or_namedexpr()?;
            if !self.eat(&Tok::Colon) {
                // A set.
                if self.at_comp_for() {
                    if let ExprKind::Starred(_) = first.kind {
                        return Err(self
                            .error_at("iterable unpacking cannot be used in comprehension", line));
                    }
                    let generators = self.comp_for()?;
                    self.expect(&Tok::RBrace)?;
                    return Ok(Self::mk(
                        line,
                        ExprKind::SetComp {
                            elt: Box::new(first),
                            generators,
                        },
                    ));
                }
                let items = self.rest_of_items(first, &Tok::RBrace)?;
                return Ok(Self::mk(line, ExprKind::Set(items)));
            }
            if let ExprKind::Starred(_) = first.kind {
                return Err(self.error());
            }
            let value = self.test()?;
            (Some(first), value)
        };
        if self.at_comp_for() {
            let Some(key) = first_key else {
                return Err(
                    self.error_at("dict unpacking cannot be used in dict comprehension", line)
                );
            };
            let generators = self.comp_for()?;
            self.expect(&Tok::RBrace)?;
            return Ok(Self::mk(
                line,
                ExprKind::DictComp {
                    key: Box::new(key),
                    value: Box::new(first_value),
                    generators,
                },
            ));
        }
        let mut keys = vec![first_key];
        let mut values = vec![first_value];
        while self.eat(&Tok::Comma) {
            if self.peek() == &Tok::RBrace {
                break;
            }
            if self.eat(&Tok::DoubleStar) {
                keys.try_push(None, self.line())?;
                values.try_push(self.expr()?, self.line())?;
            } else {
                keys.try_push(Some(self.test()?), self.line())?;
                self.expect(&Tok::Colon)?;
                values.try_push(self.test()?, self.line())?;
            }
        }
        self.expect(&Tok::RBrace)?;
        Ok(Self::mk(line, ExprKind::Dict { keys, values }))
    }

    /// Adjacent string literals joined into one str, bytes or f-string.
    #[inline(never)]
    fn strings(&mut self) -> Result<Expr, CompileError> {
        let line = self.line();
        let mut is_bytes: Option<bool> = None;
        let mut bytes: Vec<u8> = Vec::new();
        let mut parts: Vec<FStringPart> = Vec::new();
        let mut has_field = false;
        loop {
            let tline = self.line();
            let this_bytes = match self.peek() {
                Tok::Bytes(_) => true,
                Tok::Str(_) | Tok::FStr { .. } => false,
                _ => break,
            };
            if *is_bytes.get_or_insert(this_bytes) != this_bytes {
                return Err(self.error_at("cannot mix bytes and nonbytes literals", tline));
            }
            match self.take() {
                Tok::Bytes(b) => {
                    bytes
                        .try_reserve(b.len())
                        .map_err(|_| CompileError::no_memory(line))?;
                    bytes.extend_from_slice(&b)
                }
                Tok::Str(s) => push_literal(&mut parts, &s, tline)?,
                Tok::FStr { body, raw } => {
                    for part in self.fstring(&body, raw, tline)? {
                        match part {
                            FStringPart::Literal(s) => push_literal(&mut parts, &s, tline)?,
                            field => {
                                has_field = true;
                                parts.try_push(field, tline)?;
                            }
                        }
                    }
                }
                _ => return Err(self.error()),
            }
        }
        let kind = if is_bytes == Some(true) {
            ExprKind::Constant(Constant::Bytes(bytes))
        } else if has_field {
            ExprKind::JoinedStr(parts)
        } else {
            let s = match parts.pop() {
                Some(FStringPart::Literal(s)) => s,
                _ => String::new(),
            };
            ExprKind::Constant(Constant::Str(s))
        };
        Ok(Self::mk(line, kind))
    }
}
