//! Compiler tests on hand-built syntax trees; expected bytes come from MicroPython's mpy-cross.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::{compile, compile_source};
use crate::bytecode::dis::disassemble;
use crate::bytecode::{Const, RawCode};
use crate::compile::ast::*;
use crate::compile::{ErrorKind, Mode};

mod mpy_cross;

fn preorder(rc: &RawCode, out: &mut Vec<String>) {
    out.push(rc.code.iter().map(|b| alloc::format!("{b:02x}")).collect());
    for c in &rc.children {
        preorder(c, out);
    }
}

/// Hex text to bytes.
fn h(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap_or(0))
        .collect()
}

/// Compile `src` and compare with what mpy-cross produced for it.
fn check_against(
    src: &str,
    filename: &str,
    opt_level: u8,
    qstrs: &[&str],
    consts: &[Const],
    codes: &[&str],
) {
    let m = compile_source(src, filename, Mode::File, opt_level).unwrap();
    let mut got = Vec::new();
    preorder(&m.root, &mut got);
    let same = m.qstrs == qstrs && m.consts == consts && got == codes;
    assert!(
        same,
        "{filename}: output differs from mpy-cross\nqstrs {:?}\nwant  {:?}\nconsts {:?}\nwant   {:?}\ncodes {:?}\nwant  {:?}\n{}",
        m.qstrs,
        qstrs,
        m.consts,
        consts,
        got,
        codes,
        disassemble(&m)
    );
}

fn ex(line: u32, kind: ExprKind) -> Expr {
    Expr { line, kind }
}
fn st(line: u32, kind: StmtKind) -> Stmt {
    Stmt { line, kind }
}
fn name(line: u32, n: &str) -> Expr {
    ex(line, ExprKind::Name(n.into()))
}
fn int(line: u32, v: i64) -> Expr {
    ex(line, ExprKind::Constant(Constant::Int(v)))
}
fn call(line: u32, f: Expr, args: Vec<Expr>) -> Expr {
    ex(
        line,
        ExprKind::Call {
            func: Box::new(f),
            args,
            keywords: vec![],
        },
    )
}
fn binop(line: u32, l: Expr, op: BinOp, r: Expr) -> Expr {
    ex(
        line,
        ExprKind::BinOp {
            left: Box::new(l),
            op,
            right: Box::new(r),
        },
    )
}
fn assign(line: u32, t: Expr, v: Expr) -> Stmt {
    st(
        line,
        StmtKind::Assign {
            targets: vec![t],
            value: v,
        },
    )
}
fn expr_stmt(line: u32, e: Expr) -> Stmt {
    st(line, StmtKind::Expr(e))
}
fn module(body: Vec<Stmt>) -> Module {
    Module { body }
}
fn func(line: u32, n: &str, params: &[&str], body: Vec<Stmt>) -> Stmt {
    st(
        line,
        StmtKind::FunctionDef(Box::new(FunctionDef {
            name: n.into(),
            args: Arguments {
                args: params
                    .iter()
                    .map(|p| Arg {
                        name: String::from(*p),
                        annotation: None,
                    })
                    .collect(),
                ..Default::default()
            },
            body,
            decorators: vec![],
            returns: None,
            is_async: false,
        })),
    )
}

#[test]
fn assignment_and_call_match_mpy_cross() {
    // x = 1
    // print(x + 2)
    let m = module(vec![
        assign(1, name(1, "x"), int(1, 1)),
        expr_stmt(
            2,
            call(
                2,
                name(2, "print"),
                vec![binop(2, name(2, "x"), BinOp::Add, int(2, 2))],
            ),
        ),
    ]);
    let c = compile(&m, "t1.py", Mode::File, 0).unwrap();
    assert_eq!(c.qstrs, ["t1.py", "<module>", "x", "print"]);
    assert!(c.consts.is_empty());
    assert_eq!(
        *c.root.code,
        [
            0x10, 0x04, 0x01, 0x23, 0x81, 0x16, 0x02, 0x11, 0x03, 0x11, 0x02, 0x82, 0xf2, 0x34,
            0x01, 0x59, 0x51, 0x63
        ]
    );
}

#[test]
fn function_locals_and_globals() {
    // def f(a, b):
    //     c = a + b
    //     return g(c)
    let m = module(vec![func(
        1,
        "f",
        &["a", "b"],
        vec![
            assign(
                2,
                name(2, "c"),
                binop(2, name(2, "a"), BinOp::Add, name(2, "b")),
            ),
            st(
                3,
                StmtKind::Return(Some(call(3, name(3, "g"), vec![name(3, "c")]))),
            ),
        ],
    )]);
    let c = compile(&m, "f.py", Mode::File, 0).unwrap();
    let text = disassemble(&c);
    assert_eq!(c.root.children.len(), 1);
    assert!(text.contains("MAKE_FUNCTION child 0"), "{text}");
    assert!(text.contains("STORE_NAME f"), "{text}");
    assert!(text.contains("args: a b"), "{text}");
    assert!(text.contains("LOAD_FAST 0\n"), "{text}");
    assert!(text.contains("STORE_FAST 2"), "{text}");
    assert!(text.contains("LOAD_GLOBAL g"), "{text}");
    assert!(text.contains("pos=2"), "{text}");
}

#[test]
fn closure_captures_cell() {
    // def outer():
    //     x = 1
    //     def inner():
    //         return x
    //     return inner
    let inner = func(
        3,
        "inner",
        &[],
        vec![st(4, StmtKind::Return(Some(name(4, "x"))))],
    );
    let outer = func(
        1,
        "outer",
        &[],
        vec![
            assign(2, name(2, "x"), int(2, 1)),
            inner,
            st(5, StmtKind::Return(Some(name(5, "inner")))),
        ],
    );
    let c = compile(&module(vec![outer]), "c.py", Mode::File, 0).unwrap();
    let text = disassemble(&c);
    assert!(text.contains("cells: [1]"), "{text}");
    assert!(text.contains("MAKE_CLOSURE child 0 ncells=1"), "{text}");
    assert!(text.contains("LOAD_DEREF 0"), "{text}");
    assert!(text.contains("STORE_DEREF 1"), "{text}");
}

#[test]
fn while_loop_and_break() {
    // while x:
    //     break
    let m = module(vec![st(
        1,
        StmtKind::While {
            test: Box::new(name(1, "x")),
            body: vec![st(2, StmtKind::Break)],
            orelse: vec![],
        },
    )]);
    let c = compile(&m, "w.py", Mode::File, 0).unwrap();
    let text = disassemble(&c);
    assert!(text.contains("0000 JUMP 0004"), "{text}");
    assert!(text.contains("0002 JUMP 0008"), "{text}");
    assert!(text.contains("POP_JUMP_IF_TRUE 0002"), "{text}");
}

#[test]
fn errors_carry_lines() {
    let m = module(vec![st(7, StmtKind::Break)]);
    let e = compile(&m, "e.py", Mode::File, 0).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Syntax);
    assert_eq!(e.line, 7);
    let m = module(vec![st(3, StmtKind::Return(None))]);
    assert_eq!(compile(&m, "e.py", Mode::File, 0).unwrap_err().line, 3);
    let m = module(vec![assign(4, int(4, 1), int(4, 2))]);
    assert_eq!(compile(&m, "e.py", Mode::File, 0).unwrap_err().line, 4);
}

#[test]
fn folding_and_big_constants() {
    // x = 2 * 3 + 1 ; y = 1 << 40 ; z = 1.5
    let m = module(vec![
        assign(
            1,
            name(1, "x"),
            binop(
                1,
                binop(1, int(1, 2), BinOp::Mult, int(1, 3)),
                BinOp::Add,
                int(1, 1),
            ),
        ),
        assign(
            2,
            name(2, "y"),
            binop(2, int(2, 1), BinOp::LShift, int(2, 40)),
        ),
        assign(
            3,
            name(3, "z"),
            ex(3, ExprKind::Constant(Constant::Float(1.5))),
        ),
    ]);
    let c = compile(&m, "k.py", Mode::File, 0).unwrap();
    let text = disassemble(&c);
    assert!(text.contains("LOAD_CONST_SMALL_INT 7"), "{text}");
    assert_eq!(
        c.consts,
        [Const::BigInt("1099511627776".into()), Const::Float(1.5)]
    );
}

#[test]
fn repl_prints_and_eval_returns() {
    let m = module(vec![expr_stmt(1, name(1, "x"))]);
    let c = compile(&m, "<stdin>", Mode::Single, 0).unwrap();
    let text = disassemble(&c);
    assert!(text.contains("LOAD_NAME __repl_print__"), "{text}");
    let c = compile(&m, "<string>", Mode::Eval, 0).unwrap();
    let text = disassemble(&c);
    assert!(
        text.contains("0000 LOAD_NAME x\n  0002 RETURN_VALUE"),
        "{text}"
    );
}

#[test]
fn long_operator_chains_do_not_recurse() {
    // Longer than the parser accepts; the compiler itself must not recurse on the chain.
    let mut e = name(1, "a");
    for _ in 0..3000 {
        e = binop(1, e, BinOp::Add, name(1, "a"));
    }
    let m = compile(
        &module(vec![assign(1, name(1, "x"), e)]),
        "c.py",
        Mode::File,
        0,
    )
    .unwrap();
    assert!(m.root.code.len() > 6000);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let mut e = name(1, "a");
    for _ in 0..1000 {
        e = ex(1, ExprKind::List(vec![e]));
    }
    let err = compile(&module(vec![expr_stmt(1, e)]), "d.py", Mode::File, 0).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Recursion);
    let mut s = st(1, StmtKind::Pass);
    for _ in 0..1000 {
        s = st(
            1,
            StmtKind::While {
                test: Box::new(name(1, "x")),
                body: vec![s],
                orelse: vec![],
            },
        );
    }
    let err = compile(&module(vec![s]), "d.py", Mode::File, 0).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Recursion);
}

#[test]
fn repl_prints_every_module_level_expression() {
    // for i in range(2): i  -> each value printed; inside a def nothing is printed.
    let src = "x = 1\nx\nfor i in range(2): i\ndef f():\n    x\n";
    let m = compile_source(src, "<stdin>", Mode::Single, 0).unwrap();
    let text = disassemble(&m);
    assert_eq!(
        text.matches("LOAD_NAME __repl_print__").count(),
        2,
        "{text}"
    );
    assert!(!text.contains("LOAD_GLOBAL __repl_print__"), "{text}");
    // A lonely constant is printed at the REPL but dropped in a file.
    let m = compile_source("1\n", "<stdin>", Mode::Single, 0).unwrap();
    assert!(disassemble(&m).contains("__repl_print__"));
    let m = compile_source("1\n", "f.py", Mode::File, 0).unwrap();
    assert!(!disassemble(&m).contains("LOAD_CONST_SMALL_INT 1"));
}

#[test]
fn eval_mode_returns_the_value() {
    let m = compile_source("a + 1", "<string>", Mode::Eval, 0).unwrap();
    let text = disassemble(&m);
    assert!(
        text.ends_with("BINARY_OP +\n  0004 RETURN_VALUE\n"),
        "{text}"
    );
}

#[test]
fn opt_levels_drop_asserts_debug_and_lines() {
    let src = "assert x\nif __debug__:\n    y = 1\nz = 2\n";
    let m0 = disassemble(&compile_source(src, "o.py", Mode::File, 0).unwrap());
    assert!(m0.contains("LOAD_GLOBAL AssertionError"), "{m0}");
    assert!(m0.contains("STORE_NAME y"), "{m0}");
    let m1 = disassemble(&compile_source(src, "o.py", Mode::File, 1).unwrap());
    assert!(!m1.contains("AssertionError"), "{m1}");
    assert!(!m1.contains("STORE_NAME y"), "{m1}");
    assert!(m1.contains("lines:"), "{m1}");
    let m3 = disassemble(&compile_source(src, "o.py", Mode::File, 3).unwrap());
    assert!(!m3.contains("lines:"), "{m3}");
}

#[test]
fn error_messages_and_lines() {
    let cases: &[(&str, &str, u32)] = &[
        ("x = 1\nbreak\n", "'break'/'continue' outside loop", 2),
        ("class A:\n    return 1\n", "'return' outside function", 2),
        ("yield 1\n", "'yield' outside function", 1),
        ("x = [(yield) for i in y]\n", "'yield' outside function", 1),
        (
            "def f():\n    nonlocal x\n",
            "no binding for nonlocal found",
            2,
        ),
        (
            "def f():\n    x = 1\n    global x\n",
            "identifier redefined as global",
            3,
        ),
        (
            "def f():\n    from m import *\n",
            "import * not at module level",
            2,
        ),
        ("await x\n", "'await' outside function", 1),
        (
            "def f():\n    async with a:\n        pass\n",
            "async for/with outside async function",
            2,
        ),
        ("X = const(f())\n", "not a constant", 1),
        ("x = *a\n", "*x must be assignment target", 1),
    ];
    for (src, msg, line) in cases {
        let e = compile_source(src, "e.py", Mode::File, 0).unwrap_err();
        assert_eq!((e.msg.as_str(), e.line), (*msg, *line), "{src:?}");
    }
}

#[test]
fn mutated_sources_never_panic() {
    let seeds = [
        "def f(a, b=1, *c, d, **e):\n    global g\n    for i in range(a):\n        try:\n            yield i\n        except E as x:\n            break\n    return [j for j in c if j]\n",
        "class C(B):\n    def m(self):\n        x = 1\n        def n():\n            nonlocal x\n            x += super().m()\n        with a as (b, c), d:\n            del b[1:2], c.d\n        return lambda q=x: q\n",
        "async def h():\n    async for i in a:\n        await i\n    async with b:\n        pass\nX = const(1 << 40)\nprint(f'{X!r:>{w}}', *a, **k)\n",
        "while a < b <= c:\n    if not a or b and c:\n        continue\n    elif d:\n        a, *b = c\nelse:\n    assert a, 'm'\nfrom . import x as y\nimport a.b.c as d\n",
    ];
    let mut state: u32 = 12345;
    let mut rnd = |n: usize| {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
        ((state >> 8) as usize) % n.max(1)
    };
    let alphabet = b"()[]{}:,.=+-*/%<>!@ \n\tabcxyz019'\"\\#";
    for seed in seeds {
        for _ in 0..400 {
            let mut s: Vec<u8> = seed.as_bytes().to_vec();
            for _ in 0..1 + rnd(4) {
                let pos = rnd(s.len());
                match rnd(3) {
                    0 => {
                        s.remove(pos);
                    }
                    1 => s.insert(pos, alphabet[rnd(alphabet.len())]),
                    _ => s[pos] = alphabet[rnd(alphabet.len())],
                }
            }
            let src = String::from_utf8_lossy(&s);
            for mode in [Mode::File, Mode::Single] {
                let _ = compile_source(&src, "m.py", mode, 0);
            }
        }
    }
}

#[test]
fn malformed_trees_do_not_panic() {
    let odd_exprs = vec![
        ex(
            1,
            ExprKind::BoolOp {
                op: BoolOp::Or,
                values: vec![],
            },
        ),
        ex(
            1,
            ExprKind::Compare {
                left: Box::new(name(1, "a")),
                ops: vec![CmpOp::Lt, CmpOp::Gt],
                comparators: vec![],
            },
        ),
        ex(
            1,
            ExprKind::Dict {
                keys: vec![None, Some(int(1, 1))],
                values: vec![int(1, 2)],
            },
        ),
        ex(
            1,
            ExprKind::Slice {
                lower: None,
                upper: None,
                step: None,
            },
        ),
        ex(1, ExprKind::Starred(Box::new(name(1, "a")))),
        ex(
            1,
            ExprKind::ListComp {
                elt: Box::new(name(1, "a")),
                generators: vec![],
            },
        ),
        ex(
            1,
            ExprKind::Lambda {
                args: Box::new(Arguments {
                    args: vec![],
                    defaults: vec![int(1, 1), int(1, 2)],
                    kw_defaults: vec![Some(int(1, 3))],
                    ..Default::default()
                }),
                body: Box::new(ex(1, ExprKind::Yield(None))),
            },
        ),
        ex(1, ExprKind::JoinedStr(vec![])),
        ex(1, ExprKind::Tuple(vec![])),
    ];
    for e in odd_exprs {
        for stmt in [
            expr_stmt(1, e.clone()),
            assign(1, e.clone(), int(1, 1)),
            st(1, StmtKind::Delete(vec![e.clone()])),
            st(
                1,
                StmtKind::AugAssign {
                    target: Box::new(e.clone()),
                    op: BinOp::Add,
                    value: Box::new(int(1, 1)),
                },
            ),
            st(
                1,
                StmtKind::For {
                    target: Box::new(e.clone()),
                    iter: Box::new(e.clone()),
                    body: vec![],
                    orelse: vec![],
                    is_async: true,
                },
            ),
        ] {
            for mode in [Mode::File, Mode::Eval, Mode::Single] {
                let _ = compile(&module(vec![stmt.clone()]), "m.py", mode, 0);
            }
        }
    }
    let odd_stmts = vec![
        st(
            1,
            StmtKind::With {
                items: vec![],
                body: vec![],
                is_async: true,
            },
        ),
        st(
            1,
            StmtKind::Try {
                body: vec![],
                handlers: vec![],
                orelse: vec![],
                finalbody: vec![],
            },
        ),
        st(
            1,
            StmtKind::ImportFrom {
                module: None,
                names: vec![],
                level: 9,
            },
        ),
        st(
            1,
            StmtKind::Import(vec![Alias {
                name: String::new(),
                asname: None,
            }]),
        ),
        st(1, StmtKind::Global(vec![String::new()])),
    ];
    for s in odd_stmts {
        let _ = compile(&module(vec![s]), "m.py", Mode::File, 0);
    }
    let _ = compile(&module(vec![]), "m.py", Mode::Eval, 0);
}

#[test]
fn stack_budget_stops_deep_compiles() {
    let mut e = name(1, "a");
    for _ in 0..150 {
        e = ex(1, ExprKind::List(vec![e]));
    }
    let m = module(vec![expr_stmt(1, e)]);
    // Within the depth limit and with no stack budget it compiles.
    assert!(compile(&m, "s.py", Mode::File, 0).is_ok());
    let limits = crate::compile::parser::Limits {
        max_depth: 200,
        native_stack: 4096,
    };
    let err = super::compile_owned_with_limits(m, "s.py", Mode::File, 0, limits).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Recursion);
    let src = "x = [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]\n";
    assert!(super::compile_source_with_limits(src, "s.py", Mode::File, 0, limits).is_err());
}

#[test]
fn const_values_folded_through_and_or_stay_constant_objects() {
    // As MicroPython: `E or X` folds to X and `E and X` to E, still loaded as objects.
    let src = "from micropython import const\n_X = const('hi')\n_E = const(())\na = _E or _X\nb = (_E and _X) == _X\n";
    let m = compile_source(src, "c.py", Mode::File, 0).unwrap();
    let text = disassemble(&m);
    assert_eq!(text.matches("LOAD_CONST_OBJ \"hi\"").count(), 2, "{text}");
    assert!(text.contains("LOAD_CONST_OBJ ()"), "{text}");
    assert!(!text.contains("BUILD_TUPLE 0"), "{text}");
}

#[test]
fn const_values_load_as_constant_objects() {
    let src =
        "X = const('hi')\nT = const(True)\nN = const(7)\nprint(X, T, N, math.nan, math.nan)\n";
    let m = compile_source(src, "c.py", Mode::File, 0).unwrap();
    let text = disassemble(&m);
    // The definitions store plain values; the uses load constant objects (small ints excepted).
    assert!(text.contains("LOAD_CONST_STRING hi"), "{text}");
    assert!(text.contains("LOAD_CONST_OBJ \"hi\""), "{text}");
    assert!(text.contains("LOAD_CONST_OBJ True"), "{text}");
    assert!(text.contains("LOAD_CONST_SMALL_INT 7\n  "), "{text}");
    // One shared NaN constant.
    let nans = m
        .consts
        .iter()
        .filter(|c| matches!(c, Const::Float(f) if f.is_nan()))
        .count();
    assert_eq!(nans, 1);
}
