//! Statements: simple statements, blocks and compound statements.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::Parser;
use crate::compile::ast::{
    Alias, BinOp, ClassDef, ExceptHandler, Expr, ExprKind, FunctionDef, Stmt, StmtKind, WithItem,
};
use crate::compile::error::{CompileError, ErrorKind, TryPush};
use crate::compile::token::{Kw, Tok};

/// The in-place operator of an augmented-assignment token.
fn aug_op(t: &Tok) -> Option<BinOp> {
    Some(match t {
        Tok::PlusEqual => BinOp::Add,
        Tok::MinusEqual => BinOp::Sub,
        Tok::StarEqual => BinOp::Mult,
        Tok::AtEqual => BinOp::MatMult,
        Tok::SlashEqual => BinOp::Div,
        Tok::PercentEqual => BinOp::Mod,
        Tok::DoubleStarEqual => BinOp::Pow,
        Tok::LShiftEqual => BinOp::LShift,
        Tok::RShiftEqual => BinOp::RShift,
        Tok::VBarEqual => BinOp::BitOr,
        Tok::CaretEqual => BinOp::BitXor,
        Tok::AmperEqual => BinOp::BitAnd,
        Tok::DoubleSlashEqual => BinOp::FloorDiv,
        _ => return None,
    })
}

/// What `with (` turned out to start.
enum ParenWith {
    /// `with (a as b, c):` items.
    Items(Vec<WithItem>),
    /// A parenthesized expression (and its line) that the first context expression starts with.
    Expr(Expr, u32),
}

fn stmt(line: u32, kind: StmtKind) -> Stmt {
    Stmt { line, kind }
}

impl Parser<'_> {
    /// `file_input`: statements up to the end of input.
    pub(super) fn file(&mut self) -> Result<Vec<Stmt>, CompileError> {
        let mut body = Vec::new();
        loop {
            match self.peek() {
                Tok::EndMarker => break,
                Tok::Newline => self.bump(),
                _ => self.statement(&mut body)?,
            }
        }
        Ok(body)
    }

    /// One statement line (several for `a; b`) or one compound statement, appended to `out`.
    pub(super) fn statement(&mut self, out: &mut Vec<Stmt>) -> Result<(), CompileError> {
        let line = self.line();
        let s = match self.peek() {
            Tok::Indent => {
                return Err(CompileError {
                    kind: ErrorKind::Indentation,
                    msg: "unexpected indent".into(),
                    line,
                })
            }
            Tok::Kw(Kw::If) => self.if_stmt()?,
            Tok::Kw(Kw::While) => self.while_stmt()?,
            Tok::Kw(Kw::For) => self.for_stmt(line, false)?,
            Tok::Kw(Kw::Try) => self.try_stmt()?,
            Tok::Kw(Kw::With) => self.with_stmt(line, false)?,
            Tok::Kw(Kw::Def) => self.funcdef(line, Vec::new(), false)?,
            Tok::Kw(Kw::Class) => self.classdef(line, Vec::new())?,
            Tok::At => self.decorated()?,
            Tok::Kw(Kw::Async) => {
                self.bump();
                match self.peek() {
                    Tok::Kw(Kw::Def) => self.funcdef(line, Vec::new(), true)?,
                    Tok::Kw(Kw::For) => self.for_stmt(line, true)?,
                    Tok::Kw(Kw::With) => self.with_stmt(line, true)?,
                    _ => return Err(self.error()),
                }
            }
            _ => return self.simple_stmts(out),
        };
        out.try_push(s, line)?;
        super::super::check_room(line)
    }

    /// `small_stmt (';' small_stmt)* [';'] NEWLINE`.
    #[inline(never)]
    fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> Result<(), CompileError> {
        loop {
            let line = self.line();
            let s = self.small_stmt()?;
            out.try_push(s, line)?;
            super::super::check_room(line)?;
            if !self.eat(&Tok::Semi) {
                break;
            }
            if matches!(self.peek(), Tok::Newline | Tok::EndMarker) {
                break;
            }
        }
        if !self.eat(&Tok::Newline) {
            self.expect(&Tok::EndMarker)?;
        }
        Ok(())
    }

    /// A block after `:`: an indented suite or simple statements on the same line.
    #[inline(never)]
    fn block(&mut self) -> Result<Vec<Stmt>, CompileError> {
        let mut body = Vec::new();
        if !self.eat(&Tok::Newline) {
            if matches!(self.peek(), Tok::EndMarker) {
                return Err(self.incomplete("expected an indented block"));
            }
            self.simple_stmts(&mut body)?;
            return Ok(body);
        }
        if self.peek() != &Tok::Indent {
            if self.at_eof() {
                return Err(self.incomplete("expected an indented block"));
            }
            return Err(CompileError {
                kind: ErrorKind::Indentation,
                msg: "expected an indented block".into(),
                line: self.line(),
            });
        }
        self.bump();
        self.enter()?;
        let saved = self.nesting;
        let r = self.nest().and_then(|_| self.block_body(&mut body));
        self.nesting = saved;
        self.leave();
        r?;
        Ok(body)
    }

    /// Statements of an indented block up to its DEDENT.
    fn block_body(&mut self, body: &mut Vec<Stmt>) -> Result<(), CompileError> {
        loop {
            match self.peek() {
                Tok::Dedent => {
                    self.bump();
                    return Ok(());
                }
                Tok::EndMarker => return Ok(()),
                _ => self.statement(body)?,
            }
        }
    }

    /// `':' block`.
    fn colon_block(&mut self) -> Result<Vec<Stmt>, CompileError> {
        self.expect(&Tok::Colon)?;
        self.block()
    }

    /// Optional `else: block`.
    fn else_block(&mut self) -> Result<Vec<Stmt>, CompileError> {
        if self.eat(&Tok::Kw(Kw::Else)) {
            self.colon_block()
        } else {
            Ok(Vec::new())
        }
    }

    /// A simple statement.
    #[inline(never)]
    fn small_stmt(&mut self) -> Result<Stmt, CompileError> {
        let line = self.line();
        let kind = match self.peek() {
            Tok::Kw(Kw::Pass) => {
                self.bump();
                StmtKind::Pass
            }
            Tok::Kw(Kw::Break) => {
                self.bump();
                StmtKind::Break
            }
            Tok::Kw(Kw::Continue) => {
                self.bump();
                StmtKind::Continue
            }
            Tok::Kw(Kw::Return) => {
                self.bump();
                let value = if self.can_start_expr() {
                    Some(self.testlist_star_expr()?)
                } else {
                    None
                };
                StmtKind::Return(value)
            }
            Tok::Kw(Kw::Raise) => {
                self.bump();
                let mut exc = None;
                let mut cause = None;
                if self.can_start_expr() {
                    exc = Some(Box::new(self.test()?));
                    if self.eat(&Tok::Kw(Kw::From)) {
                        cause = Some(Box::new(self.test()?));
                    }
                }
                StmtKind::Raise { exc, cause }
            }
            Tok::Kw(Kw::Global) => {
                self.bump();
                StmtKind::Global(self.name_list()?)
            }
            Tok::Kw(Kw::Nonlocal) => {
                self.bump();
                if self.func_depth == 0 {
                    return Err(self.error_at("can't declare nonlocal in outer code", line));
                }
                StmtKind::Nonlocal(self.name_list()?)
            }
            Tok::Kw(Kw::Del) => {
                self.bump();
                let mut targets = Vec::new();
                loop {
                    let t = self.star_or_expr()?;
                    self.check_del(&t)?;
                    targets.push(t);
                    if !self.eat(&Tok::Comma) || !self.can_start_expr() {
                        break;
                    }
                }
                StmtKind::Delete(targets)
            }
            Tok::Kw(Kw::Assert) => {
                self.bump();
                let test = Box::new(self.test()?);
                let msg = if self.eat(&Tok::Comma) {
                    Some(Box::new(self.test()?))
                } else {
                    None
                };
                StmtKind::Assert { test, msg }
            }
            Tok::Kw(Kw::Import) => {
                self.bump();
                let mut names = Vec::new();
                loop {
                    let name = self.dotted_name()?;
                    let asname = self.as_name()?;
                    names.push(Alias { name, asname });
                    if !self.eat(&Tok::Comma) {
                        break;
                    }
                }
                StmtKind::Import(names)
            }
            Tok::Kw(Kw::From) => self.import_from()?,
            _ => return self.expr_stmt(),
        };
        Ok(stmt(line, kind))
    }

    /// `name (',' name)*`.
    fn name_list(&mut self) -> Result<Vec<String>, CompileError> {
        let mut names = vec![self.name()?];
        while self.eat(&Tok::Comma) {
            names.push(self.name()?);
        }
        Ok(names)
    }

    /// `name ('.' name)*` as one string.
    fn dotted_name(&mut self) -> Result<String, CompileError> {
        let mut name = self.name()?;
        while self.eat(&Tok::Dot) {
            name.push('.');
            name.push_str(&self.name()?);
        }
        // The module's name is one name (a qstr in MicroPython), with a name's limit.
        if name.len() > crate::qstr::MAX_NAME_LEN {
            return Err(CompileError::runtime("name too long", self.line()));
        }
        Ok(name)
    }

    /// Optional `as name`.
    fn as_name(&mut self) -> Result<Option<String>, CompileError> {
        if self.eat(&Tok::Kw(Kw::As)) {
            Ok(Some(self.name()?))
        } else {
            Ok(None)
        }
    }

    /// `from [.]*module import (names | '(' names ')' | '*')`.
    #[inline(never)]
    fn import_from(&mut self) -> Result<StmtKind, CompileError> {
        self.bump();
        let mut level: u32 = 0;
        loop {
            match self.peek() {
                Tok::Dot => level = level.saturating_add(1),
                Tok::Ellipsis => level = level.saturating_add(3),
                _ => break,
            }
            self.bump();
        }
        let module = if let Tok::Name(_) = self.peek() {
            Some(self.dotted_name()?)
        } else {
            None
        };
        if module.is_none() && level == 0 {
            return Err(self.error());
        }
        self.expect(&Tok::Kw(Kw::Import))?;
        let mut names = Vec::new();
        if self.eat(&Tok::Star) {
            return Ok(StmtKind::ImportFrom {
                module,
                names,
                level,
            });
        }
        let paren = self.eat(&Tok::LPar);
        loop {
            let name = self.name()?;
            let asname = self.as_name()?;
            names.push(Alias { name, asname });
            if !self.eat(&Tok::Comma) {
                break;
            }
            if paren && self.peek() == &Tok::RPar {
                break;
            }
        }
        if paren {
            self.expect(&Tok::RPar)?;
        }
        Ok(StmtKind::ImportFrom {
            module,
            names,
            level,
        })
    }

    /// `yield_expr | testlist_star_expr` (right-hand sides).
    fn rhs(&mut self) -> Result<Expr, CompileError> {
        if self.peek() == &Tok::Kw(Kw::Yield) {
            self.yield_expr()
        } else {
            self.testlist_star_expr()
        }
    }

    /// Expression statement, assignment, augmented or annotated assignment.
    #[inline(never)]
    fn expr_stmt(&mut self) -> Result<Stmt, CompileError> {
        let line = self.line();
        let first = self.rhs()?;
        if let Some(op) = aug_op(self.peek()) {
            self.check_aug_store(&first)?;
            self.bump();
            let value = self.rhs()?;
            return Ok(stmt(
                line,
                StmtKind::AugAssign {
                    target: Box::new(first),
                    op,
                    value: Box::new(value),
                },
            ));
        }
        match self.peek() {
            Tok::Colon => {
                self.check_ann_store(&first)?;
                self.bump();
                let annotation = Box::new(self.test()?);
                let value = if self.eat(&Tok::Equal) {
                    Some(Box::new(self.rhs()?))
                } else {
                    None
                };
                Ok(stmt(
                    line,
                    StmtKind::AnnAssign {
                        target: Box::new(first),
                        annotation,
                        value,
                    },
                ))
            }
            Tok::Equal => {
                let mut targets = vec![first];
                let value = loop {
                    self.bump();
                    let v = self.rhs()?;
                    if self.peek() != &Tok::Equal {
                        break v;
                    }
                    targets.push(v);
                };
                for t in &targets {
                    self.check_store(t)?;
                }
                Ok(stmt(line, StmtKind::Assign { targets, value }))
            }
            _ => {
                if let ExprKind::Starred(_) = first.kind {
                    return Err(self.error_at("can't use starred expression here", line));
                }
                Ok(stmt(line, StmtKind::Expr(first)))
            }
        }
    }

    /// `if test: block (elif test: block)* [else: block]`, elif chains built without recursion.
    #[inline(never)]
    fn if_stmt(&mut self) -> Result<Stmt, CompileError> {
        let mut arms: Vec<(u32, Box<Expr>, Vec<Stmt>)> = Vec::new();
        let saved = self.nesting;
        let r = self.if_arms(&mut arms);
        self.nesting = saved;
        let mut orelse = r?;
        while let Some((line, test, body)) = arms.pop() {
            let s = stmt(line, StmtKind::If { test, body, orelse });
            if arms.is_empty() {
                return Ok(s);
            }
            orelse = vec![s];
        }
        Err(self.error())
    }

    /// The arms of an if statement into `arms`; returns the else block. Each `elif` nests
    /// one level deeper in the tree, which is counted in `nesting`.
    fn if_arms(
        &mut self,
        arms: &mut Vec<(u32, Box<Expr>, Vec<Stmt>)>,
    ) -> Result<Vec<Stmt>, CompileError> {
        loop {
            let line = self.line();
            self.bump(); // `if` or `elif`
            let test = Box::new(self.namedexpr()?);
            let body = self.colon_block()?;
            arms.push((line, test, body));
            if self.peek() != &Tok::Kw(Kw::Elif) {
                break;
            }
            self.nest()?;
        }
        self.else_block()
    }

    /// `while test: block [else: block]`.
    #[inline(never)]
    fn while_stmt(&mut self) -> Result<Stmt, CompileError> {
        let line = self.line();
        self.bump();
        let test = Box::new(self.namedexpr()?);
        let body = self.colon_block()?;
        let orelse = self.else_block()?;
        Ok(stmt(line, StmtKind::While { test, body, orelse }))
    }

    /// `[async] for targets in iter: block [else: block]` at the `for` keyword.
    #[inline(never)]
    fn for_stmt(&mut self, line: u32, is_async: bool) -> Result<Stmt, CompileError> {
        self.bump();
        let target = self.exprlist()?;
        self.check_store(&target)?;
        self.expect(&Tok::Kw(Kw::In))?;
        let iter = self.testlist_star_expr()?;
        let body = self.colon_block()?;
        let orelse = self.else_block()?;
        Ok(stmt(
            line,
            StmtKind::For {
                target: Box::new(target),
                iter: Box::new(iter),
                body,
                orelse,
                is_async,
            },
        ))
    }

    /// `try: block` with handlers, `else` and `finally`.
    #[inline(never)]
    fn try_stmt(&mut self) -> Result<Stmt, CompileError> {
        let line = self.line();
        self.bump();
        let body = self.colon_block()?;
        let mut handlers = Vec::new();
        while self.peek() == &Tok::Kw(Kw::Except) {
            let hline = self.line();
            if handlers
                .last()
                .is_some_and(|h: &ExceptHandler| h.typ.is_none())
            {
                return Err(self.error_at("default 'except' must be last", hline));
            }
            self.bump();
            let mut typ = None;
            let mut name = None;
            if self.peek() != &Tok::Colon {
                typ = Some(self.test()?);
                name = self.as_name()?;
            }
            let hbody = self.colon_block()?;
            handlers.push(ExceptHandler {
                line: hline,
                typ,
                name,
                body: hbody,
            });
        }
        let orelse = if !handlers.is_empty() {
            self.else_block()?
        } else {
            Vec::new()
        };
        let finalbody = if self.eat(&Tok::Kw(Kw::Finally)) {
            self.colon_block()?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            if self.at_eof() {
                return Err(self.incomplete("expected 'except' or 'finally' block"));
            }
            return Err(self.error());
        }
        Ok(stmt(
            line,
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            },
        ))
    }

    /// `[async] with item (',' item)*: block` at the `with` keyword.
    #[inline(never)]
    fn with_stmt(&mut self, line: u32, is_async: bool) -> Result<Stmt, CompileError> {
        self.bump();
        let mut items = Vec::new();
        let mut more = true;
        if self.peek() == &Tok::LPar {
            match self.with_paren()? {
                ParenWith::Items(its) => {
                    items = its;
                    more = false;
                }
                ParenWith::Expr(e, pline) => {
                    let context = self.continue_from_atom(e, pline)?;
                    let target = self.with_target()?;
                    items.push(WithItem { context, target });
                    more = self.eat(&Tok::Comma);
                }
            }
        }
        while more {
            let context = self.test()?;
            let target = self.with_target()?;
            items.push(WithItem { context, target });
            more = self.eat(&Tok::Comma);
        }
        let body = self.colon_block()?;
        Ok(stmt(
            line,
            StmtKind::With {
                items,
                body,
                is_async,
            },
        ))
    }

    /// Optional `as target` of a with item.
    fn with_target(&mut self) -> Result<Option<Expr>, CompileError> {
        if !self.eat(&Tok::Kw(Kw::As)) {
            return Ok(None);
        }
        let t = self.star_or_expr()?;
        self.check_store(&t)?;
        Ok(Some(t))
    }

    /// After `with`, at `(`: either parenthesized items `with (a as b, c):` (Python 3.10)
    /// or the start of an expression such as `with (a, b) + c:` or `with (f)() as g:`.
    #[inline(never)]
    fn with_paren(&mut self) -> Result<ParenWith, CompileError> {
        let pline = self.line();
        self.bump();
        self.enter()?;
        let r = self.with_paren_inner(pline);
        self.leave();
        r
    }

    fn with_paren_inner(&mut self, pline: u32) -> Result<ParenWith, CompileError> {
        let mut items: Vec<WithItem> = Vec::new();
        let mut trailing_comma = false;
        let mut any_as = false;
        while self.peek() != &Tok::RPar {
            let context = self.namedexpr()?;
            let target = self.with_target()?;
            any_as |= target.is_some();
            items.push(WithItem { context, target });
            trailing_comma = self.eat(&Tok::Comma);
            if !trailing_comma {
                break;
            }
        }
        self.expect(&Tok::RPar)?;
        if self.peek() == &Tok::Colon && !items.is_empty() {
            return Ok(ParenWith::Items(items));
        }
        if any_as {
            return Err(self.error());
        }
        let mut contexts: Vec<Expr> = items.into_iter().map(|i| i.context).collect();
        let e = match contexts.pop() {
            Some(only) if contexts.is_empty() && !trailing_comma => only,
            last => {
                contexts.extend(last);
                Expr {
                    line: pline,
                    kind: ExprKind::Tuple(contexts),
                }
            }
        };
        Ok(ParenWith::Expr(e, pline))
    }

    /// `@decorator NEWLINE`... followed by a def or class.
    #[inline(never)]
    fn decorated(&mut self) -> Result<Stmt, CompileError> {
        let mut decorators = Vec::new();
        while self.eat(&Tok::At) {
            decorators.push(self.namedexpr()?);
            self.expect(&Tok::Newline)?;
        }
        let line = self.line();
        match self.peek() {
            Tok::Kw(Kw::Def) => self.funcdef(line, decorators, false),
            Tok::Kw(Kw::Class) => self.classdef(line, decorators),
            Tok::Kw(Kw::Async) if self.peek_at(1) == &Tok::Kw(Kw::Def) => {
                self.bump();
                self.funcdef(line, decorators, true)
            }
            _ => {
                if self.at_eof() {
                    Err(self.incomplete("expected a function or class after decorator"))
                } else {
                    Err(self.error())
                }
            }
        }
    }

    /// `def name(params) [-> ann]: block` at the `def` keyword.
    #[inline(never)]
    fn funcdef(
        &mut self,
        line: u32,
        decorators: Vec<Expr>,
        is_async: bool,
    ) -> Result<Stmt, CompileError> {
        self.bump();
        let name = self.name()?;
        self.expect(&Tok::LPar)?;
        let args = self.parameters(&Tok::RPar, true)?;
        self.expect(&Tok::RPar)?;
        let returns = if self.eat(&Tok::Arrow) {
            Some(self.test()?)
        } else {
            None
        };
        self.func_depth += 1;
        let body = self.colon_block();
        self.func_depth -= 1;
        Ok(stmt(
            line,
            StmtKind::FunctionDef(Box::new(FunctionDef {
                name,
                args,
                body: body?,
                decorators,
                returns,
                is_async,
            })),
        ))
    }

    /// `class name[(bases, keywords)]: block` at the `class` keyword.
    #[inline(never)]
    fn classdef(&mut self, line: u32, decorators: Vec<Expr>) -> Result<Stmt, CompileError> {
        self.bump();
        let name = self.name()?;
        let (bases, keywords) = if self.eat(&Tok::LPar) {
            self.enter()?;
            let r = self.arglist();
            self.leave();
            r?
        } else {
            (Vec::new(), Vec::new())
        };
        let body = self.colon_block()?;
        Ok(stmt(
            line,
            StmtKind::ClassDef(Box::new(ClassDef {
                name,
                bases,
                keywords,
                body,
                decorators,
            })),
        ))
    }
}
