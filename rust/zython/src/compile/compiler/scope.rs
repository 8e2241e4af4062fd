//! Scopes and symbol analysis: which names are fast locals, cells, free variables or globals.
//!
//! Follows MicroPython's rules: parameters are numbered first, then other locals in order of
//! first appearance, then cells; free variables come before everything (they are passed in
//! like extra positional arguments); `*args` is moved after the other parameters; in class
//! and module scopes names are looked up by name.

use alloc::string::String;
use alloc::vec::Vec;

use crate::bytecode::op;
use crate::compile::ast;

/// Parameter flag: the id is a parameter.
pub const FLAG_PARAM: u8 = 1;
/// Parameter flag: the id is the `*args` parameter.
pub const FLAG_STAR_PARAM: u8 = 2;
/// Parameter flag: the id is the `**kwargs` parameter.
pub const FLAG_DBL_STAR_PARAM: u8 = 4;

/// What kind of code block a scope is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// The module body (or eval/REPL input).
    Module,
    /// A class body.
    Class,
    /// A `def`.
    Function,
    /// A lambda.
    Lambda,
    /// `[... for ...]`.
    ListComp,
    /// `{k: v for ...}`.
    DictComp,
    /// `{... for ...}`.
    SetComp,
    /// `(... for ...)`.
    GenExpr,
}

impl ScopeKind {
    /// Functions, lambdas and comprehensions use fast locals.
    pub fn is_func_like(self) -> bool {
        !matches!(self, ScopeKind::Module | ScopeKind::Class)
    }

    /// Comprehensions and generator expressions.
    pub fn is_comp_like(self) -> bool {
        matches!(
            self,
            ScopeKind::ListComp | ScopeKind::DictComp | ScopeKind::SetComp | ScopeKind::GenExpr
        )
    }
}

/// How a name is accessed in a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// Declared but not yet decided (global/nonlocal processing).
    Undecided,
    /// Only read here: a global (LOAD_NAME at module/class level, LOAD_GLOBAL in functions).
    GlobalImplicit,
    /// Assigned in a module or class scope (by name); never closed over.
    GlobalImplicitAssigned,
    /// Declared `global`.
    GlobalExplicit,
    /// A fast local.
    Local,
    /// A local captured by an inner scope.
    Cell,
    /// A variable of an enclosing scope.
    Free,
}

/// One name used in a scope.
#[derive(Debug, Clone)]
pub struct IdInfo {
    /// How it is accessed.
    pub kind: IdKind,
    /// FLAG_* bits.
    pub flags: u8,
    /// Slot number for locals, cells and free variables.
    pub local_num: u16,
    /// The name.
    pub name: String,
}

/// The syntax a scope was made from.
#[derive(Debug, Clone, Copy)]
pub enum ScopeNode<'a> {
    /// Module body.
    Module(&'a [ast::Stmt]),
    /// A function definition.
    Function(&'a ast::FunctionDef),
    /// A lambda: parameters and body.
    Lambda(&'a ast::Arguments, &'a ast::Expr),
    /// A class definition.
    Class(&'a ast::ClassDef),
    /// A comprehension: element (and value for dicts) and the generators.
    Comp(
        &'a ast::Expr,
        Option<&'a ast::Expr>,
        &'a [ast::Comprehension],
    ),
}

/// One scope and everything the compiler learns about it.
#[derive(Debug)]
pub struct Scope<'a> {
    /// Kind of block.
    pub kind: ScopeKind,
    /// Its syntax.
    pub node: ScopeNode<'a>,
    /// The 1-based line where it starts.
    pub line: u32,
    /// Enclosing scope index (None for the module).
    pub parent: Option<usize>,
    /// The simple name written in the prelude.
    pub simple_name: String,
    /// Names in order of first appearance (parameters first).
    pub ids: Vec<IdInfo>,
    /// MicroPython scope flags.
    pub flags: u8,
    /// Positional parameters (plus free variables after analysis).
    pub num_pos_args: usize,
    /// Keyword-only parameters.
    pub num_kwonly_args: usize,
    /// Positional parameters with a default.
    pub num_def_pos_args: usize,
    /// Total locals including cells and free variables.
    pub num_locals: usize,
    /// Maximum stack depth.
    pub stack_size: usize,
    /// Maximum exception-handler nesting.
    pub exc_stack_size: usize,
    /// Child scopes in the order the scope pass met them.
    pub nested: Vec<usize>,
    /// Final code (prelude + bytecode).
    pub code: Vec<u8>,
    /// Children in MAKE_FUNCTION operand order.
    pub children: Vec<usize>,
}

impl<'a> Scope<'a> {
    /// A new empty scope.
    pub fn new(
        kind: ScopeKind,
        node: ScopeNode<'a>,
        parent: Option<usize>,
        name: String,
        line: u32,
    ) -> Self {
        Scope {
            kind,
            node,
            line,
            parent,
            simple_name: name,
            ids: Vec::new(),
            flags: 0,
            num_pos_args: 0,
            num_kwonly_args: 0,
            num_def_pos_args: 0,
            num_locals: 0,
            stack_size: 0,
            exc_stack_size: 0,
            nested: Vec::new(),
            code: Vec::new(),
            children: Vec::new(),
        }
    }

    /// Index of `name` in `ids`.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.ids.iter().position(|id| id.name == name)
    }

    /// Index of `name`, adding it with `kind` if absent.
    pub fn find_or_add(&mut self, name: &str, kind: IdKind) -> usize {
        if let Some(i) = self.find(name) {
            return i;
        }
        self.ids.push(IdInfo {
            kind,
            flags: 0,
            local_num: 0,
            name: String::from(name),
        });
        self.ids.len() - 1
    }

    /// Register a read of `name` (scope pass).
    pub fn id_for_load(&mut self, name: &str) {
        self.find_or_add(name, IdKind::GlobalImplicit);
    }

    /// Register a write or delete of `name` (scope pass).
    pub fn id_for_modification(&mut self, name: &str) -> usize {
        let i = self.find_or_add(name, IdKind::GlobalImplicit);
        if self.ids[i].kind == IdKind::GlobalImplicit {
            self.ids[i].kind = if self.kind.is_func_like() {
                IdKind::Local
            } else {
                IdKind::GlobalImplicitAssigned
            };
        }
        i
    }
}

/// Mark `name` free in every scope between `scope` (exclusive) and the one that defines it.
fn close_over_in_parents(scopes: &mut [Scope], scope: usize, name: &str) {
    let mut s = scopes[scope].parent;
    while let Some(si) = s {
        if scopes[si].parent.is_none() {
            // Reached the module: nothing to close over.
            return;
        }
        let i = scopes[si].find_or_add(name, IdKind::Undecided);
        let id = &mut scopes[si].ids[i];
        match id.kind {
            IdKind::Undecided => {
                id.kind = IdKind::Free;
            }
            IdKind::Local => {
                id.kind = IdKind::Cell;
                return;
            }
            _ => return,
        }
        s = scopes[si].parent;
    }
}

/// If id `idx` of `scope` names a variable of an enclosing function, make it free (and the
/// defining one a cell).
pub fn check_to_close_over(scopes: &mut [Scope], scope: usize, idx: usize) {
    let name = scopes[scope].ids[idx].name.clone();
    let mut s = scopes[scope].parent;
    while let Some(si) = s {
        if scopes[si].parent.is_none() {
            break;
        }
        if let Some(j) = scopes[si].find(&name) {
            let k = scopes[si].ids[j].kind;
            if matches!(k, IdKind::Local | IdKind::Cell | IdKind::Free) {
                scopes[scope].ids[idx].kind = IdKind::Free;
                close_over_in_parents(scopes, scope, &name);
            }
            break;
        }
        s = scopes[si].parent;
    }
}

/// Number the locals, cells and free variables of scope `si` (after all scope passes).
pub fn compute_things(scopes: &mut [Scope], si: usize) {
    let parent = scopes[si].parent;
    let parent_ids: Vec<(String, IdKind)> = match parent {
        Some(p) => scopes[p]
            .ids
            .iter()
            .map(|id| (id.name.clone(), id.kind))
            .collect(),
        None => Vec::new(),
    };
    let scope = &mut scopes[si];

    // Move *args after the other parameters (but before **kwargs).
    if scope.flags & op::SCOPE_VARARGS != 0 {
        let mut id_param: Option<usize> = None;
        for i in (0..scope.ids.len()).rev() {
            let flags = scope.ids[i].flags;
            if flags & FLAG_STAR_PARAM != 0 {
                if let Some(p) = id_param {
                    scope.ids.swap(p, i);
                }
                break;
            } else if id_param.is_none() && flags == FLAG_PARAM {
                id_param = Some(i);
            }
        }
    }

    scope.num_locals = 0;
    for i in 0..scope.ids.len() {
        let is_class = scope.kind == ScopeKind::Class;
        let id = &mut scope.ids[i];
        if is_class && id.name == "__class__" {
            continue;
        }
        if scope.kind.is_func_like() && id.kind == IdKind::GlobalImplicit {
            id.kind = IdKind::GlobalExplicit;
        }
        if id.kind == IdKind::Local || id.flags & FLAG_PARAM != 0 {
            id.local_num = scope.num_locals as u16;
            scope.num_locals += 1;
        }
    }
    for i in 0..scope.ids.len() {
        let id = &mut scope.ids[i];
        if id.kind == IdKind::Cell && id.flags & FLAG_PARAM == 0 {
            id.local_num = scope.num_locals as u16;
            scope.num_locals += 1;
        }
    }
    if parent.is_some() {
        let mut num_free = 0usize;
        for (pname, pkind) in &parent_ids {
            if matches!(pkind, IdKind::Cell | IdKind::Free) {
                for id in scope.ids.iter_mut() {
                    if id.kind == IdKind::Free && &id.name == pname {
                        id.local_num = num_free as u16;
                        num_free += 1;
                    }
                }
            }
        }
        if num_free > 0 {
            for id in scope.ids.iter_mut() {
                if id.kind != IdKind::Free || id.flags & FLAG_PARAM != 0 {
                    id.local_num += num_free as u16;
                }
            }
            scope.num_pos_args += num_free;
            scope.num_locals += num_free;
        }
    }
}
