//! The syntax tree that the parser builds and the compiler consumes.
//!
//! Shaped like CPython's `ast` module, trimmed to what MicroPython compiles. Every statement
//! and expression carries the 1-based source line it starts on.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

/// A whole module (file, `exec` input or REPL entry).
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// The statements in order.
    pub body: Vec<Stmt>,
}

/// A statement with its line.
#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    /// 1-based line where the statement starts.
    pub line: u32,
    /// What the statement is.
    pub kind: StmtKind,
}

/// An expression with its line.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// 1-based line where the expression starts.
    pub line: u32,
    /// What the expression is.
    pub kind: ExprKind,
}

/// Statement forms. Expressions in the larger forms are boxed, so that a statement (and
/// every slot of a block's vector of them) stays small: 104 bytes on 64-bit targets.
#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    /// `def` or `async def`.
    FunctionDef(Box<FunctionDef>),
    /// `class Name(bases, **kw): body`.
    ClassDef(Box<ClassDef>),
    /// `return [value]`.
    Return(Option<Expr>),
    /// `del a, b[0], c.d`.
    Delete(Vec<Expr>),
    /// `a = b = value` (targets left to right).
    Assign { targets: Vec<Expr>, value: Expr },
    /// `target op= value`.
    AugAssign {
        target: Box<Expr>,
        op: BinOp,
        value: Box<Expr>,
    },
    /// `target: annotation [= value]` (the annotation is parsed and ignored, as MicroPython does).
    AnnAssign {
        target: Box<Expr>,
        annotation: Box<Expr>,
        value: Option<Box<Expr>>,
    },
    /// `for target in iter: body else: orelse` (`is_async` for `async for`).
    For {
        target: Box<Expr>,
        iter: Box<Expr>,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
        is_async: bool,
    },
    /// `while test: body else: orelse`.
    While {
        test: Box<Expr>,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `if test: body [elif ...] else: orelse` (elif is a nested If in orelse).
    If {
        test: Box<Expr>,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `with a as b, c: body` (`is_async` for `async with`).
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
        is_async: bool,
    },
    /// `raise [exc [from cause]]`.
    Raise {
        exc: Option<Box<Expr>>,
        cause: Option<Box<Expr>>,
    },
    /// `try: body except...: handlers else: orelse finally: finalbody`.
    Try {
        body: Vec<Stmt>,
        handlers: Vec<ExceptHandler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    /// `assert test[, msg]`.
    Assert {
        test: Box<Expr>,
        msg: Option<Box<Expr>>,
    },
    /// `import a.b as c, d`.
    Import(Vec<Alias>),
    /// `from [.]*module import names` (`level` = number of leading dots; `names` empty = `*`).
    ImportFrom {
        module: Option<String>,
        names: Vec<Alias>,
        level: u32,
    },
    /// `global a, b`.
    Global(Vec<String>),
    /// `nonlocal a, b`.
    Nonlocal(Vec<String>),
    /// An expression evaluated for its effect (in the REPL its value is printed).
    Expr(Expr),
    /// `pass`.
    Pass,
    /// `break`.
    Break,
    /// `continue`.
    Continue,
}

/// A `def` (also used for `async def`).
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionDef {
    /// The function's name.
    pub name: String,
    /// Its parameters.
    pub args: Arguments,
    /// Its body.
    pub body: Vec<Stmt>,
    /// Decorators, outermost first (as written, top to bottom).
    pub decorators: Vec<Expr>,
    /// `-> annotation` (ignored by the compiler).
    pub returns: Option<Expr>,
    /// `async def`.
    pub is_async: bool,
}

/// A `class` statement.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassDef {
    /// The class name.
    pub name: String,
    /// Positional bases.
    pub bases: Vec<Expr>,
    /// Keyword arguments such as `metaclass=` (passed to `__build_class__`).
    pub keywords: Vec<Keyword>,
    /// The class body.
    pub body: Vec<Stmt>,
    /// Decorators, as written top to bottom.
    pub decorators: Vec<Expr>,
}

/// Function parameters: `def f(a, b=1, *args, c, d=2, **kw)`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Arguments {
    /// Positional parameters (positional-only ones, before `/`, are included here).
    pub args: Vec<Arg>,
    /// Defaults of the last `defaults.len()` positional parameters.
    pub defaults: Vec<Expr>,
    /// `*args` name (None also when a bare `*` is used).
    pub vararg: Option<Arg>,
    /// Keyword-only parameters.
    pub kwonlyargs: Vec<Arg>,
    /// Defaults for keyword-only parameters, one per kwonlyarg (None = required).
    pub kw_defaults: Vec<Option<Expr>>,
    /// `**kwargs` name.
    pub kwarg: Option<Arg>,
}

/// One parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    /// Parameter name.
    pub name: String,
    /// Annotation (ignored by the compiler).
    pub annotation: Option<Expr>,
}

/// `name = value` in a call or class statement; `name` None means `**value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    /// Keyword name, or None for `**mapping`.
    pub name: Option<String>,
    /// The value.
    pub value: Expr,
}

/// `import name as asname` / `from m import name as asname`.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    /// Dotted name as written.
    pub name: String,
    /// The `as` name.
    pub asname: Option<String>,
}

/// `expr as target` in a with statement.
#[derive(Debug, Clone, PartialEq)]
pub struct WithItem {
    /// The context manager expression.
    pub context: Expr,
    /// Optional target.
    pub target: Option<Expr>,
}

/// `except [type [as name]]: body`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptHandler {
    /// Line of the `except` keyword.
    pub line: u32,
    /// Exception type expression (None for a bare except).
    pub typ: Option<Expr>,
    /// `as` name.
    pub name: Option<String>,
    /// Handler body.
    pub body: Vec<Stmt>,
}

/// Expression forms.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `a and b and c` / `a or b`.
    BoolOp { op: BoolOp, values: Vec<Expr> },
    /// `target := value`.
    NamedExpr { target: String, value: Box<Expr> },
    /// `left op right`.
    BinOp {
        left: Box<Expr>,
        op: BinOp,
        right: Box<Expr>,
    },
    /// `op operand`.
    UnaryOp { op: UnaryOp, operand: Box<Expr> },
    /// `lambda args: body`.
    Lambda {
        args: Box<Arguments>,
        body: Box<Expr>,
    },
    /// `body if test else orelse`.
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    /// `{k: v, **m}`; a key of None means `**value`.
    Dict {
        keys: Vec<Option<Expr>>,
        values: Vec<Expr>,
    },
    /// `{a, b}`.
    Set(Vec<Expr>),
    /// `[elt for ...]`.
    ListComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `{elt for ...}`.
    SetComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `{key: value for ...}`.
    DictComp {
        key: Box<Expr>,
        value: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `(elt for ...)`.
    GeneratorExp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `await value`.
    Await(Box<Expr>),
    /// `yield [value]`.
    Yield(Option<Box<Expr>>),
    /// `yield from value`.
    YieldFrom(Box<Expr>),
    /// `a < b <= c`.
    Compare {
        left: Box<Expr>,
        ops: Vec<CmpOp>,
        comparators: Vec<Expr>,
    },
    /// `func(args, keywords)`; `*x` appears in args as Starred, `**m` as a keyword with no name.
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    /// f-string: the parts in order.
    JoinedStr(Vec<FStringPart>),
    /// A literal.
    Constant(Constant),
    /// `value.attr`.
    Attribute { value: Box<Expr>, attr: String },
    /// `value[index]` (a slice index is a Slice expression; `a[1, 2]` a Tuple).
    Subscript { value: Box<Expr>, index: Box<Expr> },
    /// `*value` (in calls, targets, displays).
    Starred(Box<Expr>),
    /// A name.
    Name(String),
    /// `[a, b]`.
    List(Vec<Expr>),
    /// `(a, b)` or `a, b`.
    Tuple(Vec<Expr>),
    /// `lower:upper:step` inside a subscript.
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
}

/// One piece of an f-string.
#[derive(Debug, Clone, PartialEq)]
pub enum FStringPart {
    /// Literal text (braces already unescaped).
    Literal(String),
    /// `{value!conversion:format_spec}`; `conversion` is b's', b'r', b'a' or 0; the spec may itself hold fields.
    Field {
        value: Box<Expr>,
        conversion: u8,
        format_spec: Vec<FStringPart>,
        debug_text: Option<String>,
    },
}

/// `for target in iter if cond...` in a comprehension.
#[derive(Debug, Clone, PartialEq)]
pub struct Comprehension {
    /// Loop target.
    pub target: Expr,
    /// Iterable.
    pub iter: Expr,
    /// `if` conditions.
    pub ifs: Vec<Expr>,
    /// `async for`.
    pub is_async: bool,
}

/// Literal values.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// `...`.
    Ellipsis,
    /// An integer literal that fits in i64.
    Int(i64),
    /// An integer literal too big for i64, as decimal digits (sign-free).
    BigInt(String),
    /// A float literal.
    Float(f64),
    /// An imaginary literal (`2j`): the imaginary part.
    Imag(f64),
    /// A str literal (adjacent literals already joined).
    Str(String),
    /// A bytes literal.
    Bytes(Vec<u8>),
}

/// `and` / `or`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoolOp {
    /// `and`.
    And,
    /// `or`.
    Or,
}

/// Binary operators (also the in-place forms of augmented assignment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mult,
    /// `@`
    MatMult,
    /// `/`
    Div,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `&`
    BitAnd,
    /// `//`
    FloorDiv,
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `~`
    Invert,
    /// `not`
    Not,
    /// `+`
    UAdd,
    /// `-`
    USub,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    NotEq,
    /// `<`
    Lt,
    /// `<=`
    LtE,
    /// `>`
    Gt,
    /// `>=`
    GtE,
    /// `is`
    Is,
    /// `is not`
    IsNot,
    /// `in`
    In,
    /// `not in`
    NotIn,
}
