//! The compiler: syntax tree to MicroPython v6.3 bytecode raw codes.
//!
//! It is organised like MicroPython's own compiler so that its output matches `mpy-cross`
//! byte for byte: a scope pass over every scope (in creation order) finds names and nested
//! scopes, then each scope is compiled again for its stack size, its code size and finally
//! its code. Constant folding happens first, on the tree itself (see `fold`).
//!
//! Entry points: [`compile_source`] (parse + compile), [`compile_owned`] (a tree the caller
//! gives up), [`compile`] (a borrowed tree, copied first), and the `_with_limits` variants
//! that bound native recursion for small thread stacks. Known differences from `mpy-cross`
//! (the tree cannot tell them apart): `(a, b) = (c, d)` gets the two-value swap code that
//! MicroPython keeps for unparenthesised tuples; `(1 + 2) + x` is not partly folded; an
//! `elif` preceded by blank or comment lines is compiled as `else: if` (one jump fewer).

mod emit;
mod expr;
mod fold;
mod guard;
mod intern;
mod lines;
mod scope;
mod stmt;
#[cfg(test)]
mod tests;

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use crate::bytecode::{CompiledModule, RawCode};
use crate::compile::ast;
use crate::compile::parser::Limits;
use crate::compile::{CompileError, Mode};

use emit::{Emitter, Pass, PreludeInfo, Tables};
use scope::{IdKind, Scope, ScopeKind, ScopeNode};

/// Compile a syntax tree into a module of raw codes.
///
/// `opt_level` is MicroPython's optimisation level: 1 and above drop `assert` and make
/// `__debug__` False; 3 drops line numbers. Constant folding works on a copy of the tree;
/// [`compile_owned`] avoids the copy.
pub fn compile(
    module: &ast::Module,
    filename: &str,
    mode: Mode,
    opt_level: u8,
) -> Result<CompiledModule, CompileError> {
    compile_owned(module.clone(), filename, mode, opt_level)
}

/// [`compile`] for a tree the caller no longer needs (folded in place, no copy).
pub fn compile_owned(
    module: ast::Module,
    filename: &str,
    mode: Mode,
    opt_level: u8,
) -> Result<CompiledModule, CompileError> {
    compile_owned_with_limits(module, filename, mode, opt_level, default_limits())
}

/// [`compile_owned`] with bounds on native recursion (see [`Limits`]); ports with small
/// thread stacks set `native_stack`.
pub fn compile_owned_with_limits(
    mut module: ast::Module,
    filename: &str,
    mode: Mode,
    opt_level: u8,
    limits: Limits,
) -> Result<CompiledModule, CompileError> {
    let guard = guard::Guard::new(limits);
    let const_objs = fold::fold_module(&mut module, opt_level, guard)?;
    let long_qstrs = intern::scan(&module, filename, &is_static_qstr, guard);
    let mut c = Compiler::new(filename, mode, opt_level, long_qstrs, guard);
    c.const_objs = const_objs;
    c.run(&module)
}

/// Parse `source` and compile it.
pub fn compile_source(
    source: &str,
    filename: &str,
    mode: Mode,
    opt_level: u8,
) -> Result<CompiledModule, CompileError> {
    compile_source_with_limits(source, filename, mode, opt_level, default_limits())
}

/// [`compile_source`] with bounds on the parser's and compiler's native recursion.
pub fn compile_source_with_limits(
    source: &str,
    filename: &str,
    mode: Mode,
    opt_level: u8,
    limits: Limits,
) -> Result<CompiledModule, CompileError> {
    let module = crate::compile::parser::parse_with_limits(source, mode, limits)?;
    compile_owned_with_limits(module, filename, mode, opt_level, limits)
}

/// The default recursion bounds: the parser's depth limit, no stack budget.
fn default_limits() -> Limits {
    Limits {
        max_depth: MAX_NESTING / 2,
        native_stack: 0,
    }
}

/// Result of one compile step.
type R = Result<(), CompileError>;

/// How an identifier is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdOp {
    Load,
    Store,
    Delete,
}

pub use guard::MAX_NESTING;

/// Largest label number (bit 15 marks a break out of a `for` loop).
const MAX_LABELS: u32 = emit::BREAK_FROM_FOR;

/// Compiler state across all scopes of one module.
struct Compiler<'a> {
    scopes: Vec<Scope<'a>>,
    cur: usize,
    pass: Pass,
    e: Emitter,
    t: Tables,
    next_label: u32,
    break_label: Option<u32>,
    continue_label: Option<u32>,
    cur_except_level: u32,
    break_continue_except_level: u32,
    /// In a `@micropython.viper` function with a `bool`, `int` or `uint` return
    /// annotation: that type (returned values are converted to it).
    viper_ret: Option<&'static str>,
    /// In a `@micropython.viper` function: the locals of type `uint` (parameters annotated
    /// so, names assigned a uint expression), whose arithmetic wraps at the machine word.
    viper_uints: Vec<&'a str>,
    nested_cursor: usize,
    mode: Mode,
    opt_level: u8,
    long_qstrs: intern::LongQstrs,
    depth: u32,
    guard: guard::Guard,
    const_objs: fold::ConstObjs,
}

/// True for the strings in MicroPython's static qstr table.
fn is_static_qstr(s: &str) -> bool {
    crate::bytecode::static_qstr::static_qstr_index(s).is_some()
}

impl<'a> Compiler<'a> {
    fn new(
        filename: &str,
        mode: Mode,
        opt_level: u8,
        long_qstrs: intern::LongQstrs,
        guard: guard::Guard,
    ) -> Self {
        Compiler {
            long_qstrs,
            depth: 0,
            guard,
            const_objs: fold::ConstObjs::default(),
            scopes: Vec::new(),
            cur: 0,
            pass: Pass::Scope,
            e: Emitter::new(opt_level < 3),
            t: Tables::new(filename),
            next_label: 0,
            break_label: None,
            continue_label: None,
            cur_except_level: 0,
            break_continue_except_level: 0,
            viper_ret: None,
            viper_uints: Vec::new(),
            nested_cursor: 0,
            mode,
            opt_level,
        }
    }

    fn run(&mut self, module: &'a ast::Module) -> Result<CompiledModule, CompileError> {
        self.scopes.push(Scope::new(
            ScopeKind::Module,
            ScopeNode::Module(&module.body),
            None,
            String::from("<module>"),
            module.body.first().map(|s| s.line).unwrap_or(1),
        ));
        // Scope pass over every scope; scopes found on the way are appended and visited too.
        let mut si = 0;
        while si < self.scopes.len() {
            self.compile_scope(si, Pass::Scope)?;
            for i in 0..self.scopes[si].ids.len() {
                if self.scopes[si].ids[i].kind == IdKind::GlobalImplicit {
                    scope::check_to_close_over(&mut self.scopes, si, i);
                }
            }
            si += 1;
        }
        for si in 0..self.scopes.len() {
            scope::compute_things(&mut self.scopes, si);
        }
        for si in 0..self.scopes.len() {
            self.e.reset_for_scope();
            self.compile_scope(si, Pass::StackSize)?;
            self.compile_scope(si, Pass::CodeSize)?;
            let mut rounds = 0;
            while !self.compile_scope(si, Pass::Emit)? {
                rounds += 1;
                if rounds > 64 {
                    return Err(CompileError::syntax("bytecode did not converge", 0));
                }
            }
            if self.e.overflowed() {
                return Err(CompileError::runtime(
                    "bytecode overflow",
                    self.scopes[si].line,
                ));
            }
            if self.e.no_memory || self.t.no_memory {
                return Err(CompileError::no_memory(self.scopes[si].line));
            }
            self.scopes[si].code = self
                .e
                .take_code()
                .ok_or_else(|| CompileError::no_memory(self.scopes[si].line))?;
            self.scopes[si].children = core::mem::take(&mut self.e.children);
        }
        // Assemble the raw-code tree; children always come after their parent.
        let n = self.scopes.len();
        let mut done: Vec<Option<RawCode>> = (0..n).map(|_| None).collect();
        for si in (0..n).rev() {
            let mut children = Vec::with_capacity(self.scopes[si].children.len());
            for &ci in &self.scopes[si].children {
                let child = match done.get(ci).cloned().flatten() {
                    Some(c) => c,
                    None => return Err(CompileError::syntax("internal: bad child scope", 0)),
                };
                children.push(child);
            }
            done[si] = Some(RawCode {
                code: core::mem::take(&mut self.scopes[si].code).into(),
                children,
            });
        }
        let root = done
            .into_iter()
            .next()
            .flatten()
            .ok_or_else(|| CompileError::syntax("internal: no module code", 0))?;
        Ok(CompiledModule {
            qstrs: core::mem::take(&mut self.t.qstrs),
            consts: core::mem::take(&mut self.t.consts),
            root,
        })
    }

    /// Run one pass over scope `si`; false means the emitter wants another emit pass.
    fn compile_scope(&mut self, si: usize, pass: Pass) -> Result<bool, CompileError> {
        self.pass = pass;
        self.cur = si;
        self.next_label = 0;
        self.nested_cursor = 0;
        self.cur_except_level = 0;
        self.break_label = None;
        self.continue_label = None;
        self.break_continue_except_level = 0;
        self.viper_ret = None;
        self.viper_uints.clear();
        if pass == Pass::Scope {
            self.scopes[si].stack_size = 0;
            self.scopes[si].exc_stack_size = 0;
        }
        let prelude = self.prelude_info(si);
        self.e.start_pass(pass, &prelude);
        let node = self.scopes[si].node;
        let kind = self.scopes[si].kind;
        match node {
            ScopeNode::Module(body) => {
                if self.mode == Mode::Eval {
                    let expr = match body {
                        [ast::Stmt {
                            kind: ast::StmtKind::Expr(e),
                            ..
                        }] => e,
                        _ => {
                            return Err(CompileError::syntax(
                                "eval input must be one expression",
                                body.first().map(|s| s.line).unwrap_or(1),
                            ))
                        }
                    };
                    self.compile_expr(expr)?;
                    self.e.return_value();
                } else {
                    self.compile_block(body)?;
                    self.e.load_const_none();
                    self.e.return_value();
                }
            }
            ScopeNode::Function(f) => {
                if pass == Pass::Scope {
                    self.scope_params(&f.args, f.body.first().map(|s| s.line).unwrap_or(0))?;
                }
                self.viper_prologue(f)?;
                self.compile_block(&f.body)?;
                self.viper_return(None)?;
            }
            ScopeNode::Lambda(args, body) => {
                self.e.set_source_line(self.scopes[si].line);
                if pass == Pass::Scope {
                    self.scope_params(args, body.line)?;
                }
                self.compile_expr(body)?;
                if self.scopes[si].flags & crate::bytecode::op::SCOPE_GENERATOR != 0 {
                    self.e.pop_top();
                    self.e.load_const_none();
                }
                self.e.return_value();
            }
            ScopeNode::Comp(elt, value, generators) => {
                if pass == Pass::Scope {
                    self.scopes[si].find_or_add("", IdKind::Local);
                    self.scopes[si].num_pos_args = 1;
                }
                self.e.set_source_line(self.scopes[si].line);
                match kind {
                    ScopeKind::ListComp => self.e.build_list(0),
                    ScopeKind::DictComp => self.e.build_map(0),
                    ScopeKind::SetComp => self.e.build_set(0),
                    _ => {}
                }
                if kind == ScopeKind::GenExpr {
                    self.e.load_null();
                    self.load_id("")?;
                    self.e.load_null();
                    self.e.load_null();
                } else {
                    self.load_id("")?;
                    self.e.get_iter(true);
                }
                self.comp_iter(generators, 0, elt, value, 0)?;
                if kind == ScopeKind::GenExpr {
                    self.e.load_const_none();
                }
                self.e.return_value();
            }
            ScopeNode::Class(c) => {
                if pass == Pass::Scope {
                    self.scopes[si].find_or_add("__class__", IdKind::Local);
                }
                self.load_id("__name__")?;
                self.store_id("__module__")?;
                let q = self.t.qstr(&c.name);
                self.e.load_const_str(q);
                self.store_id("__qualname__")?;
                self.compile_block(&c.body)?;
                let id = self.scopes[si].find("__class__").map(|i| {
                    (
                        self.scopes[si].ids[i].kind,
                        self.scopes[si].ids[i].local_num,
                    )
                });
                match id {
                    Some((IdKind::Local, _)) | None => self.e.load_const_none(),
                    Some((_, n)) => self.e.load_local(n as usize, false),
                }
                self.e.return_value();
            }
        }
        let mut cells: Vec<u8> = Vec::new();
        for id in self.scopes[si]
            .ids
            .iter()
            .filter(|id| id.kind == IdKind::Cell)
        {
            match u8::try_from(id.local_num) {
                Ok(n) => cells.push(n),
                Err(_) => {
                    return Err(CompileError::syntax(
                        "too many local variables",
                        self.scopes[si].line,
                    ))
                }
            }
        }
        let done = self.e.end_pass(&cells);
        if self.e.no_memory || self.t.no_memory {
            return Err(CompileError::no_memory(self.scopes[si].line));
        }
        let max = self.e.max_stack.max(0) as usize;
        if max > self.scopes[si].stack_size {
            self.scopes[si].stack_size = max;
        }
        Ok(done)
    }

    /// Signature, name and argument names for the prelude; registers the qstrs in order.
    fn prelude_info(&mut self, si: usize) -> PreludeInfo {
        let name = self.t.qstr(&self.scopes[si].simple_name);
        let s = &self.scopes[si];
        let n_args = s.num_pos_args + s.num_kwonly_args;
        let mut names: Vec<String> = Vec::with_capacity(n_args);
        for i in 0..n_args {
            let n = s
                .ids
                .iter()
                .find(|id| id.flags & scope::FLAG_PARAM != 0 && id.local_num as usize == i)
                .map(|id| id.name.clone())
                .unwrap_or_else(|| String::from("*"));
            names.push(n);
        }
        let mut p = PreludeInfo {
            n_state: s.num_locals + s.stack_size,
            n_exc_stack: s.exc_stack_size,
            scope_flags: s.flags,
            n_pos_args: s.num_pos_args,
            n_kwonly_args: s.num_kwonly_args,
            n_def_pos_args: s.num_def_pos_args,
            name,
            arg_names: vec![],
        };
        for n in names {
            p.arg_names.push(self.t.qstr(&n));
        }
        p
    }

    /// Register the parameters of a function or lambda scope (scope pass).
    fn scope_params(&mut self, args: &ast::Arguments, line: u32) -> R {
        let si = self.cur;
        let add = |c: &mut Self, name: &str, flags: u8| -> R {
            let s = &mut c.scopes[si];
            let i = s.find_or_add(name, IdKind::Undecided);
            if s.ids[i].kind != IdKind::Undecided {
                return Err(CompileError::syntax("argument name reused", line));
            }
            s.ids[i].kind = IdKind::Local;
            s.ids[i].flags = flags;
            Ok(())
        };
        for a in &args.args {
            self.scopes[si].num_pos_args += 1;
            add(self, &a.name, scope::FLAG_PARAM)?;
        }
        if let Some(v) = &args.vararg {
            self.scopes[si].flags |= crate::bytecode::op::SCOPE_VARARGS;
            add(self, &v.name, scope::FLAG_PARAM | scope::FLAG_STAR_PARAM)?;
        }
        for a in &args.kwonlyargs {
            self.scopes[si].num_kwonly_args += 1;
            add(self, &a.name, scope::FLAG_PARAM)?;
        }
        if let Some(k) = &args.kwarg {
            self.scopes[si].flags |= crate::bytecode::op::SCOPE_VARKEYWORDS;
            add(
                self,
                &k.name,
                scope::FLAG_PARAM | scope::FLAG_DBL_STAR_PARAM,
            )?;
        }
        Ok(())
    }

    fn new_label(&mut self, line: u32) -> Result<u32, CompileError> {
        let l = self.next_label;
        if l >= MAX_LABELS {
            return Err(CompileError::syntax("code too complex", line));
        }
        self.next_label += 1;
        Ok(l)
    }

    /// Create (scope pass) or look up (later passes) the next nested scope of the current one.
    fn nested_scope(
        &mut self,
        kind: ScopeKind,
        node: ScopeNode<'a>,
        name: &str,
        line: u32,
    ) -> Result<usize, CompileError> {
        if self.pass == Pass::Scope {
            let idx = self.scopes.len();
            self.scopes.push(Scope::new(
                kind,
                node,
                Some(self.cur),
                String::from(name),
                line,
            ));
            self.scopes[self.cur].nested.push(idx);
            self.nested_cursor += 1;
            Ok(idx)
        } else {
            let idx = self.scopes[self.cur]
                .nested
                .get(self.nested_cursor)
                .copied()
                .ok_or_else(|| CompileError::syntax("internal: scope mismatch", line))?;
            self.nested_cursor += 1;
            Ok(idx)
        }
    }

    fn id_op(&mut self, name: &str, op: IdOp) -> R {
        if self.pass == Pass::Scope {
            let s = &mut self.scopes[self.cur];
            // A module may name thousands of globals: the table grows fallibly.
            s.ids
                .try_reserve(1)
                .map_err(|_| CompileError::no_memory(s.line))?;
            match op {
                IdOp::Load => s.id_for_load(name),
                IdOp::Store | IdOp::Delete => {
                    s.id_for_modification(name);
                }
            }
            return Ok(());
        }
        let s = &self.scopes[self.cur];
        let (kind, num) = match s.find(name) {
            Some(i) => (s.ids[i].kind, s.ids[i].local_num as usize),
            None => (IdKind::GlobalImplicit, 0),
        };
        match kind {
            IdKind::Local | IdKind::Cell | IdKind::Free => {
                let deref = kind != IdKind::Local;
                match op {
                    IdOp::Load => self.e.load_local(num, deref),
                    IdOp::Store => self.e.store_local(num, deref),
                    IdOp::Delete => self.e.delete_local(num, deref),
                }
            }
            _ => {
                let global = kind == IdKind::GlobalExplicit;
                let q = self.t.qstr(name);
                match op {
                    IdOp::Load => self.e.load_global(q, global),
                    IdOp::Store => self.e.store_global(q, global),
                    IdOp::Delete => self.e.delete_global(q, global),
                }
            }
        }
        Ok(())
    }

    /// A `@micropython.viper` function runs as bytecode: its parameters annotated `ptr8`,
    /// `ptr16` or `ptr32` become pointer objects on entry (`p = ptr8(p)`), those annotated
    /// `bool` or `uint` are converted (`x = bool(x)`), as the native emitter would cast them;
    /// a `bool`, `int` or `uint` return annotation is noted for [`Self::viper_return`].
    fn viper_prologue(&mut self, f: &'a ast::FunctionDef) -> R {
        let viper = f.decorators.iter().any(|d| {
            matches!(&d.kind, ast::ExprKind::Attribute { value, attr }
                if attr == "viper" && matches!(&value.kind, ast::ExprKind::Name(m) if m == "micropython"))
        });
        if !viper {
            return Ok(());
        }
        if let Some(ast::ExprKind::Name(t)) = f.returns.as_ref().map(|e| &e.kind) {
            self.viper_ret = ["bool", "int", "uint"].into_iter().find(|n| n == t);
        }
        for a in &f.args.args {
            if let Some(ast::ExprKind::Name(t)) = a.annotation.as_ref().map(|e| &e.kind) {
                if t == "uint" {
                    self.viper_uints.push(&a.name);
                }
                if matches!(t.as_str(), "ptr8" | "ptr16" | "ptr32" | "bool" | "uint") {
                    self.load_id(t)?;
                    self.load_id(&a.name)?;
                    self.e.call_function(1, 0, false);
                    self.store_id(&a.name)?;
                }
            }
        }
        Ok(())
    }

    /// Return `v` (None when absent), converted to a viper function's native return type:
    /// None becomes 0 (False), other values go through `bool()` or `uint()`; an `int`
    /// result is returned as it is.
    pub(crate) fn viper_return(&mut self, v: Option<&'a ast::Expr>) -> R {
        let v = v.filter(|e| !matches!(e.kind, ast::ExprKind::Constant(ast::Constant::None)));
        match (self.viper_ret, v) {
            (None, None) => self.e.load_const_none(),
            (None, Some(e)) | (Some("int"), Some(e)) => self.compile_expr(e)?,
            (Some("bool"), None) => self.e.load_const_bool(false),
            (Some(_), None) => self.e.load_const_small_int(0),
            (Some(conv), Some(e)) => {
                self.load_id(conv)?;
                self.compile_expr(e)?;
                self.e.call_function(1, 0, false);
            }
        }
        self.e.return_value();
        Ok(())
    }

    /// Is `e` of viper type `uint` (a uint local, a `uint()` cast, or arithmetic on one)?
    pub(crate) fn is_viper_uint(&self, e: &ast::Expr) -> bool {
        if self.viper_uints.is_empty() && self.viper_ret != Some("uint") {
            return false;
        }
        match &e.kind {
            ast::ExprKind::Name(n) => self.viper_uints.contains(&n.as_str()),
            ast::ExprKind::Call { func, .. } => {
                matches!(&func.kind, ast::ExprKind::Name(n) if n == "uint")
            }
            ast::ExprKind::BinOp { left, op, right } => {
                !matches!(op, ast::BinOp::Div | ast::BinOp::Pow | ast::BinOp::MatMult)
                    && (self.is_viper_uint(left) || self.is_viper_uint(right))
            }
            ast::ExprKind::UnaryOp { op, operand } => {
                op != &ast::UnaryOp::Not && self.is_viper_uint(operand)
            }
            _ => false,
        }
    }

    /// Wrap the value on top of the stack to a machine word: `uint(value)`.
    pub(crate) fn wrap_viper_uint(&mut self) -> R {
        self.load_id("uint")?;
        self.e.rot_two();
        self.e.call_function(1, 0, false);
        Ok(())
    }

    fn load_id(&mut self, name: &str) -> R {
        self.id_op(name, IdOp::Load)
    }

    fn store_id(&mut self, name: &str) -> R {
        self.id_op(name, IdOp::Store)
    }

    fn delete_id(&mut self, name: &str) -> R {
        self.id_op(name, IdOp::Delete)
    }

    /// `LOAD_FAST`-load the closed-over cells of `child` and make the function or closure.
    fn close_over_variables_etc(
        &mut self,
        child: usize,
        n_pos_defaults: usize,
        n_kw_defaults: usize,
    ) -> R {
        if n_kw_defaults > 0 {
            self.scopes[child].flags |= crate::bytecode::op::SCOPE_DEFKWARGS;
        }
        self.scopes[child].num_def_pos_args = n_pos_defaults;
        let mut nfree = 0;
        if self.scopes[self.cur].kind != ScopeKind::Module {
            let mut loads = Vec::new();
            for id in &self.scopes[self.cur].ids {
                if matches!(id.kind, IdKind::Cell | IdKind::Free) {
                    for id2 in &self.scopes[child].ids {
                        if id2.kind == IdKind::Free && id2.name == id.name {
                            loads.push(id.local_num as usize);
                        }
                    }
                }
            }
            for n in loads {
                self.e.load_local(n, false);
                nfree += 1;
            }
        }
        let defaults = n_pos_defaults > 0 || n_kw_defaults > 0;
        if nfree == 0 {
            self.e.make_function(child, defaults);
        } else if nfree > 255 {
            return Err(CompileError::syntax(
                "too many closed-over variables",
                self.scopes[child].line,
            ));
        } else {
            self.e.make_closure(child, nfree, defaults);
        }
        Ok(())
    }

    /// Enter a SETUP_WITH/EXCEPT/FINALLY block.
    fn increase_except_level(&mut self, label: u32, kind: u8) {
        match kind {
            crate::bytecode::op::SETUP_WITH => self.e.setup_with(label),
            crate::bytecode::op::SETUP_EXCEPT => self.e.setup_except(label),
            _ => self.e.setup_finally(label),
        }
        self.cur_except_level += 1;
        let lvl = self.cur_except_level as usize;
        if lvl > self.scopes[self.cur].exc_stack_size {
            self.scopes[self.cur].exc_stack_size = lvl;
        }
    }

    /// Leave a handler block with `END_FINALLY`.
    fn decrease_except_level(&mut self) {
        self.cur_except_level = self.cur_except_level.saturating_sub(1);
        self.e.end_finally();
    }

    /// Enter one level of nesting; fails past the recursion bounds.
    fn enter(&mut self, line: u32) -> R {
        self.guard.check(self.depth, line)?;
        self.depth += 1;
        Ok(())
    }

    /// Leave one level of nesting.
    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Intern `s`.
    fn qstr(&mut self, s: &str) -> u32 {
        self.t.qstr(s)
    }

    /// Emit a `YIELD_VALUE`/`YIELD_FROM` and mark the scope a generator.
    fn emit_yield(&mut self, from: bool) {
        self.e.yield_(from);
        self.scopes[self.cur].flags |= crate::bytecode::op::SCOPE_GENERATOR;
    }
}
