//! Parser unit tests: trees as S-expressions, errors with lines, Incomplete input, robustness.

mod dump;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::parse;
use crate::compile::ast::{Expr, ExprKind, Stmt, StmtKind};
use crate::compile::error::{CompileError, ErrorKind, Mode};

/// Parses a file and renders each statement, one per line.
fn file(src: &str) -> String {
    match parse(src, Mode::File) {
        Ok(m) => m.body.iter().map(dump::stmt).collect::<Vec<_>>().join("\n"),
        Err(e) => panic!("parse failed for {:?}: {:?}", src, e),
    }
}

/// Parses an eval expression and renders it.
fn ev(src: &str) -> String {
    match parse(src, Mode::Eval) {
        Ok(m) => {
            assert_eq!(m.body.len(), 1);
            match &m.body[0].kind {
                StmtKind::Expr(e) => dump::expr(e),
                other => panic!("not an expression: {:?}", other),
            }
        }
        Err(e) => panic!("parse failed for {:?}: {:?}", src, e),
    }
}

/// The error for a source that must fail.
fn err(src: &str) -> CompileError {
    match parse(src, Mode::File) {
        Ok(m) => panic!("expected an error for {:?}, got {:?}", src, m),
        Err(e) => e,
    }
}

fn syntax_err(src: &str, line: u32) {
    let e = err(src);
    assert_eq!(e.kind, ErrorKind::Syntax, "{:?}: {:?}", src, e);
    assert_eq!(e.line, line, "{:?}: {:?}", src, e);
}

fn incomplete(src: &str) {
    let e = err(src);
    assert_eq!(e.kind, ErrorKind::Incomplete, "{:?}: {:?}", src, e);
}

#[test]
fn precedence() {
    assert_eq!(ev("1 + 2 * 3"), "(+ 1 (* 2 3))");
    assert_eq!(ev("1 - 2 - 3"), "(- (- 1 2) 3)");
    assert_eq!(ev("2 ** 3 ** 4"), "(** 2 (** 3 4))");
    assert_eq!(ev("-2 ** 2"), "(neg (** 2 2))");
    assert_eq!(ev("2 ** -1"), "(** 2 (neg 1))");
    assert_eq!(
        ev("a | b ^ c & d << e + f * g"),
        "(| a (^ b (& c (<< d (+ e (* f g))))))"
    );
    assert_eq!(ev("a @ b // c % d / e"), "(/ (% (// (@ a b) c) d) e)");
    assert_eq!(ev("~a + +b - -c"), "(- (+ (~ a) (pos b)) (neg c))");
    assert_eq!(ev("not a == b"), "(not (cmp a == b))");
    assert_eq!(ev("a or b and not c"), "(or a (and b (not c)))");
    assert_eq!(ev("a or b or c and d and e"), "(or a b (and c d e))");
    assert_eq!(ev("not not a"), "(not (not a))");
    assert_eq!(ev("a < b <= c != d"), "(cmp a < b <= c != d)");
    assert_eq!(
        ev("a not in b is not c in d is e"),
        "(cmp a not-in b is-not c in d is e)"
    );
    assert_eq!(ev("a | b < c & d"), "(cmp (| a b) < (& c d))");
    assert_eq!(ev("a if b else c if d else e"), "(if b a (if d c e))");
    assert_eq!(ev("a or b if c or d else e"), "(if (or c d) (or a b) e)");
    assert_eq!(ev("lambda: a if b else c"), "(lambda () (if b a c))");
    assert_eq!(ev("await x ** 2"), "(** (await x) 2)");
    assert_eq!(ev("(a + b) * c"), "(* (+ a b) c)");
    assert_eq!(ev("a.b.c(d)[e]"), "(sub (call (. (. a b) c) d) e)");
    assert_eq!(ev("-x.y"), "(neg (. x y))");
}

#[test]
fn errors_in_expressions() {
    for src in [
        "a == not b",
        "a + not b",
        "1 +",
        "(1, 2",
        "a if b",
        "x = (1 2)",
    ] {
        let e = err(src);
        assert!(
            matches!(e.kind, ErrorKind::Syntax | ErrorKind::Incomplete),
            "{}: {:?}",
            src,
            e
        );
    }
    syntax_err("a == not b\n", 1);
    syntax_err("x = 1\ny = 2 +\n", 2);
    syntax_err("await await x\n", 1);
    syntax_err("f(a=1, b)\n", 1);
    syntax_err("f(**a, *b)\n", 1);
    syntax_err("f(x for x in y, 1)\n", 1);
    syntax_err("f(1 = 2)\n", 1);
    syntax_err("(*a)\n", 1);
    syntax_err("*a\n", 1);
    syntax_err("a $ b\n", 1);
    syntax_err("a ? b\n", 1);
    syntax_err("a ! b\n", 1);
    syntax_err("x = [1, 2)\n", 1);
    syntax_err("x = )\n", 1);
    syntax_err("[*a for a in b]\n", 1);
    syntax_err("{**a for a in b}\n", 1);
}

#[test]
fn atoms_and_displays() {
    assert_eq!(ev("()"), "(tuple )");
    assert_eq!(ev("(1,)"), "(tuple 1)");
    assert_eq!(ev("(1)"), "1");
    assert_eq!(ev("1, 2,"), "(tuple 1 2)");
    assert_eq!(ev("[]"), "(list )");
    assert_eq!(ev("[1, *a, 2,]"), "(list 1 *a 2)");
    assert_eq!(ev("{}"), "(dict )");
    assert_eq!(ev("{1: 2, **m, 3: 4,}"), "(dict 1:2 **m 3:4)");
    assert_eq!(ev("{**m}"), "(dict **m)");
    assert_eq!(ev("{1, *s}"), "(set 1 *s)");
    assert_eq!(ev("{1}"), "(set 1)");
    assert_eq!(ev("None, True, False, ..."), "(tuple None True False ...)");
    assert_eq!(ev("x[...]"), "(sub x ...)");
    assert_eq!(ev("(yield)"), "(yield _)");
    assert_eq!(ev("(yield a, b)"), "(yield (tuple a b))");
    assert_eq!(ev("(yield from g)"), "(yieldfrom g)");
    assert_eq!(ev("*a, b"), "(tuple *a b)");
}

#[test]
fn comprehensions() {
    assert_eq!(ev("[x for x in y]"), "(listcomp x (for x y))");
    assert_eq!(
        ev("[x * y for x in a if x if x > 1 for y in b]"),
        "(listcomp (* x y) (for x a (if x) (if (cmp x > 1))) (for y b))"
    );
    assert_eq!(ev("{x for x, in y}"), "(setcomp x (for (tuple x) y))");
    assert_eq!(
        ev("{k: v for k, v in d}"),
        "(dictcomp k:v (for (tuple k v) d))"
    );
    assert_eq!(ev("(x for x in y)"), "(genexp x (for x y))");
    assert_eq!(ev("f(x for x in y)"), "(call f (genexp x (for x y)))");
    assert_eq!(ev("[x async for x in y]"), "(listcomp x (async for x y))");
    assert_eq!(
        ev("[[a for a in b] for b in c]"),
        "(listcomp (listcomp a (for a b)) (for b c))"
    );
    assert_eq!(
        ev("[x for x in y if lambda: z]"),
        "(listcomp x (for x y (if (lambda () z))))"
    );
    assert_eq!(
        ev("[x if c else d for x in y]"),
        "(listcomp (if c x d) (for x y))"
    );
    syntax_err("[x for 1 in y]\n", 1);
}

#[test]
fn calls_and_subscripts() {
    assert_eq!(ev("f()"), "(call f)");
    assert_eq!(ev("f(a, *b, *d, c=1, **e)"), "(call f a *b *d c=1 **e)");
    // A `*` argument after a keyword one is CPython-only (MicroPython: "* arg after kwarg").
    syntax_err("f(a, *b, c=1, *d)\n", 1);
    assert_eq!(ev("f(a,)"), "(call f a)");
    assert_eq!(ev("f(x := 1)"), "(call f (:= x 1))");
    assert_eq!(
        ev("a[1:2, ::3]"),
        "(sub a (tuple (slice 1 2 _) (slice _ _ 3)))"
    );
    assert_eq!(ev("a[:]"), "(sub a (slice _ _ _))");
    assert_eq!(ev("a[::]"), "(sub a (slice _ _ _))");
    assert_eq!(ev("a[1:]"), "(sub a (slice 1 _ _))");
    assert_eq!(ev("a[:-1]"), "(sub a (slice _ (neg 1) _))");
    assert_eq!(ev("a[1,]"), "(sub a (tuple 1))");
    assert_eq!(ev("a[b, c]"), "(sub a (tuple b c))");
    assert_eq!(ev("a[b][c]"), "(sub (sub a b) c)");
    assert_eq!(ev("f(a)(b)"), "(call (call f a) b)");
}

#[test]
fn walrus() {
    assert_eq!(ev("(y := f(x))"), "(:= y (call f x))");
    assert_eq!(
        file("if (n := len(a)) > 10: pass\n"),
        "(if (cmp (:= n (call len a)) > 10) (pass) ())"
    );
    assert_eq!(
        file("while x := f(): pass\n"),
        "(while (:= x (call f)) (pass) ())"
    );
    assert_eq!(ev("[y := 1, y]"), "(list (:= y 1) y)");
    syntax_err("(a.b := 1)\n", 1);
    syntax_err("x := 1\n", 1);
}

#[test]
fn lambdas_and_parameters() {
    assert_eq!(ev("lambda: 0"), "(lambda () 0)");
    assert_eq!(ev("lambda x, y=1: x"), "(lambda (x y=1) x)");
    assert_eq!(ev("lambda *a, **k: a"), "(lambda (*a **k) a)");
    assert_eq!(ev("lambda *, k: k"), "(lambda (* k) k)");
    assert_eq!(ev("lambda a, /, b: a"), "(lambda (a b) a)");
    assert_eq!(
        file("def f(a, b: int = 1, /, c=2, *args: str, d, e=3, **kw: dict) -> None: pass\n"),
        "(def f (a b:int=1 c=2 *args:str d e=3 **kw:dict) -> None (pass))"
    );
    assert_eq!(file("def f(*, a): pass\n"), "(def f (* a) (pass))");
    assert_eq!(file("def f(a,): pass\n"), "(def f (a) (pass))");
    assert_eq!(
        file("async def f(): await x\n"),
        "(async def f () ((await x)))"
    );
    syntax_err("def f(a=1, b): pass\n", 1);
    // MicroPython accepts a bare `*` with no keyword-only parameter after it.
    assert_eq!(file("def f(*): pass\n"), "(def f () (pass))");
    assert_eq!(file("def f(*, **k): pass\n"), "(def f (**k) (pass))");
    syntax_err("def f(a, a): pass\n", 1);
    syntax_err("def f(**k, a): pass\n", 1);
    syntax_err("def f(/, a): pass\n", 1);
    syntax_err("def f(*a, *b): pass\n", 1);
    syntax_err("lambda x: (yield)\nlambda (x): x\n", 2);
}

#[test]
fn numbers() {
    assert_eq!(ev("0"), "0");
    assert_eq!(ev("1_000_000"), "1000000");
    assert_eq!(ev("0x_FF"), "255");
    assert_eq!(ev("0o17"), "15");
    assert_eq!(ev("0b1010_1010"), "170");
    assert_eq!(ev("9223372036854775807"), "9223372036854775807");
    assert_eq!(ev("9223372036854775808"), "big:9223372036854775808");
    assert_eq!(ev("000"), "0");
    assert_eq!(ev("0x10000000000000000"), "big:18446744073709551616");
    assert_eq!(
        ev("0xffffffffffffffffffffffffffffffff"),
        "big:340282366920938463463374607431768211455"
    );
    assert_eq!(
        ev("0o1000000000000000000000000"),
        "big:4722366482869645213696"
    );
    assert_eq!(
        ev(&format!("0b{}", "1".repeat(100))),
        "big:1267650600228229401496703205375"
    );
    assert_eq!(ev("1.5"), "1.5f");
    assert_eq!(ev("1."), "1.0f");
    assert_eq!(ev(".5"), "0.5f");
    assert_eq!(ev("1e3"), "1000.0f");
    assert_eq!(ev("1.e3"), "1000.0f");
    assert_eq!(ev("1_0.2_5e-1_0"), "1.025e-9f");
    assert_eq!(ev("1E+2"), "100.0f");
    assert_eq!(ev("2j"), "2.0j");
    assert_eq!(ev("1.5J"), "1.5j");
    assert_eq!(ev("1e2j"), "100.0j");
    assert_eq!(ev("01.5"), "1.5f");
    assert_eq!(ev("1 if 1 else 2"), "(if 1 1 2)");
    for bad in [
        "1_",
        "1__0",
        "0x",
        "0b2",
        "0o8",
        "012",
        "1e_5",
        "0x_",
        "1if 1else 2",
        "1and 2",
    ] {
        let e = parse(bad, Mode::Eval).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Syntax, "{}", bad);
    }
}

#[test]
fn strings() {
    assert_eq!(ev(r#"'a' "b" '''c''' """d""""#), r#""abcd""#);
    assert_eq!(
        ev(r#"'\n\t\\\'\"\a\b\f\v\r'"#),
        r#""\n\t\\'\"\u{7}\u{8}\u{c}\u{b}\r""#
    );
    assert_eq!(ev(r"'\x41\101\0\u00e9\U0001F600'"), "\"AA\\0é😀\"");
    assert_eq!(ev(r"'\q'"), r#""\\q""#);
    assert_eq!(ev(r"r'\n\''"), r#""\\n\\'""#);
    assert_eq!(ev(r"R'\x'"), r#""\\x""#);
    assert_eq!(ev("'a\\\nb'"), r#""ab""#);
    assert_eq!(ev("'''a\nb'''"), r#""a\nb""#);
    assert_eq!(ev("u'x'"), r#""x""#);
    assert_eq!(ev(r"b'a\x00\xff\n'"), "b[97, 0, 255, 10]");
    assert_eq!(ev(r"rb'\n'"), "b[92, 110]");
    assert_eq!(ev(r"Br'\n' b'x'"), "b[92, 110, 120]");
    assert_eq!(ev(r"b'\u1234'"), "b[92, 117, 49, 50, 51, 52]");
    assert_eq!(ev("'é' 'ü'"), "\"éü\"");
    syntax_err("x = 'a' b'b'\n", 1);
    syntax_err("x = b'é'\n", 1);
    assert_eq!(err("x = '\\N{DASH}'\n").kind, ErrorKind::NotImplemented);
    syntax_err("x = '\\x4'\n", 1);
    syntax_err("x = '\\u12'\n", 1);
    syntax_err("x = '\\ud800'\n", 1);
    syntax_err("x = 1\n'abc\n", 2);
    syntax_err("x = 'abc", 1);
    syntax_err("x = ur'abc'\n", 1);
}

#[test]
fn fstrings() {
    assert_eq!(ev("f'abc'"), r#""abc""#);
    assert_eq!(ev("f'a{x}b'"), r#"(f "a" {x} "b")"#);
    assert_eq!(ev("f'{x!r}'"), "(f {x!r})");
    assert_eq!(ev("f'{x!s:>10}'"), r#"(f {x!s:">10"})"#);
    assert_eq!(ev("f'{x:{w}.{p}f}'"), r#"(f {x:{w} "." {p} "f"})"#);
    assert_eq!(ev("f'{x=}'"), r#"(f {x dbg="x="!r})"#);
    assert_eq!(ev("f'{x = }'"), r#"(f {x dbg="x = "!r})"#);
    assert_eq!(ev("f'{x=!s}'"), r#"(f {x dbg="x="!s})"#);
    assert_eq!(ev("f'{x=:5}'"), r#"(f {x dbg="x=":"5"})"#);
    assert_eq!(ev("f'{a == b}'"), "(f {(cmp a == b)})");
    assert_eq!(ev("f'{a != b}'"), "(f {(cmp a != b)})");
    assert_eq!(ev("f'{a <= b}'"), "(f {(cmp a <= b)})");
    assert_eq!(ev("f'{{}}{{x}}'"), r#""{}{x}""#);
    assert_eq!(ev("f'{d[\"k\"]}'"), r#"(f {(sub d "k")})"#);
    assert_eq!(ev("f'{ {1: 2}[1] }'"), "(f {(sub (dict 1:2) 1)})");
    assert_eq!(ev("f'{\"}\"}'"), r#"(f {"}"})"#);
    assert_eq!(ev("f'{a, b}'"), "(f {(tuple a b)})");
    assert_eq!(ev("f'{f\"{x}\"}'"), "(f {(f {x})})");
    assert_eq!(ev(r"f'\n{x}\t'"), r#"(f "\n" {x} "\t")"#);
    assert_eq!(ev(r"rf'\n{x}'"), r#"(f "\\n" {x})"#);
    assert_eq!(ev(r"Fr'\{x}'"), r#"(f "\\" {x})"#);
    assert_eq!(ev("'a' f'{x}' 'b'"), r#"(f "a" {x} "b")"#);
    assert_eq!(ev("f'{x}' f'{y}'"), "(f {x} {y})");
    assert_eq!(ev("f'{x:}'"), "(f {x})");
    assert_eq!(ev("f'{(lambda: 1)()}'"), "(f {(call (lambda () 1))})");
    // Python 3.12 rules: strings in fields may reuse the enclosing quote.
    assert_eq!(ev("f'{d['k']}'"), r#"(f {(sub d "k")})"#);
    assert_eq!(
        ev("f'a{f'b{f'c{x}'}'}'"),
        r#"(f "a" {(f "b" {(f "c" {x})})})"#
    );
    assert_eq!(ev("f\"{x:'>10}\""), r#"(f {x:"'>10"})"#);
    assert_eq!(ev("f'''{'''a'''}'''"), r#"(f {"a"})"#);
    assert_eq!(ev("f'{a if b else'c'}'"), r#"(f {(if b a "c")})"#);
    assert_eq!(ev("f'{rb'x'}'"), "(f {b[120]})");
    assert_eq!(
        ev("f\"a{f\"b{f\"c{f\"d{x}e\"}f\"}g\"}h\""),
        r#"(f "a" {(f "b" {(f "c" {(f "d" {x} "e")} "f")} "g")} "h")"#
    );
    for bad in [
        "f'{}'",
        "f'{ }'",
        "f'}'",
        "f'{x'",
        "f'{x!z}'",
        "f'{x!}'",
        "f'{x#}'",
        "f'{(x}'",
        "f'{x:{y}'",
        "f'{1 +}'",
        "f'{a b}'",
        "f'{'a}'",
        "f'{x:{'}'",
    ] {
        let e = parse(bad, Mode::Eval).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Syntax, "{}: {:?}", bad, e);
    }
    syntax_err("x = b'a' f'b'\n", 1);
    syntax_err("x = f'{\n}'\n", 1);
    incomplete("x = f'''{\n");
    let deep = format!("{}x{}", "f'{".repeat(300), "}'".repeat(300));
    assert!(parse(&deep, Mode::Eval).is_err());
}

#[test]
fn fstring_field_lines() {
    let m = parse("x = 1\ny = f'''a\n{\nq}'''\n", Mode::File).unwrap();
    let StmtKind::Assign { value, .. } = &m.body[1].kind else {
        panic!()
    };
    let ExprKind::JoinedStr(parts) = &value.kind else {
        panic!()
    };
    let crate::compile::ast::FStringPart::Field { value, .. } = &parts[1] else {
        panic!()
    };
    assert_eq!(value.line, 4);
}

#[test]
fn simple_statements() {
    assert_eq!(file("pass; break; continue;\n"), "pass\nbreak\ncontinue");
    assert_eq!(file("x = 1"), "(= x 1)");
    assert_eq!(file("a = b = c"), "(= a b c)");
    assert_eq!(file("a, *b = c"), "(= (tuple a *b) c)");
    assert_eq!(file("[a, (b, c)] = d"), "(= (list a (tuple b c)) d)");
    assert_eq!(
        file("a.b, c[d] = e, f"),
        "(= (tuple (. a b) (sub c d)) (tuple e f))"
    );
    assert_eq!(file("x = yield y"), "(= x (yield y))");
    assert_eq!(file("x = *a, *b"), "(= x (tuple *a *b))");
    assert_eq!(
        file("x += 1\ny //= 2\nz **= 3\nw @= 4"),
        "(+= x 1)\n(//= y 2)\n(**= z 3)\n(@= w 4)"
    );
    assert_eq!(file("a >>= 1; b <<= 2; c |= 3; d ^= 4; e &= 5; f %= 6; g -= 7; h *= 8; i /= 9"),
        "(>>= a 1)\n(<<= b 2)\n(|= c 3)\n(^= d 4)\n(&= e 5)\n(%= f 6)\n(-= g 7)\n(*= h 8)\n(/= i 9)");
    assert_eq!(file("x: int"), "(ann x int)");
    assert_eq!(file("x.y: int = 5"), "(ann (. x y) int 5)");
    assert_eq!(file("del a, b[0], c.d,"), "(del a (sub b 0) (. c d))");
    assert_eq!(file("del (a, [b])"), "(del (tuple a (list b)))");
    assert_eq!(file("return"), "(return)");
    assert_eq!(file("return 1, *a"), "(return (tuple 1 *a))");
    assert_eq!(file("raise"), "(raise)");
    assert_eq!(file("raise E from e"), "(raise E from e)");
    assert_eq!(file("assert x, 'm'"), r#"(assert x "m")"#);
    assert_eq!(file("global a, b"), "(global a b)");
    assert_eq!(
        file("def f():\n    nonlocal a"),
        "(def f () ((nonlocal a)))"
    );
    assert_eq!(file("import a.b.c as d, e"), "(import a.b.c as d, e)");
    assert_eq!(file("from . import x"), "(from 1 _ [x])");
    assert_eq!(
        file("from ...a.b import (x as y, z,)"),
        "(from 3 a.b [x as y, z])"
    );
    assert_eq!(file("from .... import *"), "(from 4 _ [*])");
    assert_eq!(file("from m import *"), "(from 0 m [*])");
    assert_eq!(file("yield"), "(yield _)");
    assert_eq!(file("f(x)"), "(call f x)");
}

#[test]
fn invalid_targets() {
    syntax_err("1 = x\n", 1);
    syntax_err("x = 1\nf() = 1\n", 2);
    syntax_err("del 1\n", 1);
    syntax_err("del f()\n", 1);
    syntax_err("del *a\n", 1);
    syntax_err("a + b = c\n", 1);
    syntax_err("(a, 1) = c\n", 1);
    syntax_err("a, *b, *c = d\n", 1);
    syntax_err("*a = b\n", 1);
    syntax_err("f() += 1\n", 1);
    syntax_err("a, b += 1\n", 1);
    syntax_err("a, b: int\n", 1);
    syntax_err("None = 1\n", 1);
    syntax_err("for 1 in x: pass\n", 1);
    syntax_err("for f() in x: pass\n", 1);
    syntax_err("with a as 1: pass\n", 1);
    syntax_err("x = y = 1 = z\n", 1);
    syntax_err("[x for f() in y]\n", 1);
    syntax_err("lambda: 1 = 2\n", 1);
    syntax_err("x if y else z = 1\n", 1);
    syntax_err("nonlocal x\n", 1);
    syntax_err("class A:\n    nonlocal x\n", 2);
    syntax_err("from . import (a, b\n)\nimport a.\n", 3);
    syntax_err("from import x\n", 1);
    syntax_err("from a import b,\n", 1);
}

#[test]
fn compound_statements() {
    assert_eq!(
        file("if a:\n    x\nelif b:\n    y\nelif c:\n    z\nelse:\n    w\n"),
        "(if a (x) ((if b (y) ((if c (z) (w))))))"
    );
    assert_eq!(file("while a: b\nelse: c"), "(while a (b) (c))");
    assert_eq!(
        file("for a, b in c, d:\n    pass\nelse:\n    pass"),
        "(for (tuple a b) (tuple c d) (pass) (pass))"
    );
    assert_eq!(file("for x, in y: pass"), "(for (tuple x) y (pass) ())");
    assert_eq!(
        file("try:\n a\nexcept E as e:\n b\nexcept (F, G):\n c\nexcept:\n d\nelse:\n e\nfinally:\n f\n"),
        "(try (a) [(except E as e (b)) (except (tuple F G) (c)) (except (d))] (e) (f))"
    );
    assert_eq!(file("try: a\nfinally: b"), "(try (a) [] () (b))");
    assert_eq!(
        file("with a as b, c, d as (e, f): pass"),
        "(with [a as b, c, d as (tuple e f)] (pass))"
    );
    assert_eq!(
        file(
            "async def f():\n    async with a as b:\n        async for x in y:\n            pass\n"
        ),
        "(async def f () ((async with [a as b] ((async for x y (pass) ())))))"
    );
    assert_eq!(
        file("@d1\n@d2.x(1)\ndef f(): pass\n"),
        "(def f () @d1 @(call (. d2 x) 1) (pass))"
    );
    assert_eq!(file("@d\nclass C: pass\n"), "(class C @d (pass))");
    assert_eq!(
        file("@d\nasync def f(): pass\n"),
        "(async def f () @d (pass))"
    );
    assert_eq!(
        file("class C(A, *B, metaclass=M, **kw):\n    x = 1\n    def m(self): return self\n"),
        "(class C [A *B] [metaclass=M **kw] ((= x 1) (def m (self) ((return self)))))"
    );
    assert_eq!(file("class C(): pass"), "(class C (pass))");
    // Parenthesized with items (Python 3.10), told apart from expressions starting with `(`.
    assert_eq!(
        file("with (\n    open(x) as f,\n    open(y) as g,\n):\n    pass\n"),
        "(with [(call open x) as f, (call open y) as g] (pass))"
    );
    assert_eq!(file("with (a, b): pass"), "(with [a, b] (pass))");
    assert_eq!(file("with (a): pass"), "(with [a] (pass))");
    assert_eq!(file("with (a) as b, c: pass"), "(with [a as b, c] (pass))");
    assert_eq!(
        file("with (a, b) as c: pass"),
        "(with [(tuple a b) as c] (pass))"
    );
    assert_eq!(
        file("with (f)(x) as g: pass"),
        "(with [(call f x) as g] (pass))"
    );
    assert_eq!(
        file("with (a) + b if c else d: pass"),
        "(with [(if c (+ a b) d)] (pass))"
    );
    assert_eq!(
        file("with (a).b.c(): pass"),
        "(with [(call (. (. a b) c))] (pass))"
    );
    assert_eq!(
        file("with (a) ** 2 * 3 < 4 or e: pass"),
        "(with [(or (cmp (* (** a 2) 3) < 4) e)] (pass))"
    );
    assert_eq!(file("with (): pass"), "(with [(tuple )] (pass))");
    syntax_err("with (a as b) + c: pass\n", 1);
    syntax_err("with (a as 1): pass\n", 1);
    incomplete("with (a as b,\n");
    assert_eq!(
        file("def f():\n    def g():\n        nonlocal x\n"),
        "(def f () ((def g () ((nonlocal x)))))"
    );
    syntax_err("try:\n    pass\nx = 1\n", 3);
    syntax_err("try:\n a\nexcept:\n b\nexcept E:\n c\n", 5);
    syntax_err("try:\n a\nelse:\n b\n", 3);
    syntax_err("if x: if y: pass\n", 1);
    syntax_err("async x = 1\n", 1);
    syntax_err("@d\nx = 1\n", 2);
    syntax_err("else: pass\n", 1);
}

#[test]
fn lines_and_layout() {
    let src = "# comment\n\nx = (1 +\n     2)\nif x:  # c\n\n    # only comment\n    y = [\n  3,\n]\n\n    z = 1\\\n  + 2\nw = '''a\nb''' ; v = 1\n";
    let m = parse(src, Mode::File).unwrap();
    let lines: Vec<u32> = m.body.iter().map(|s| s.line).collect();
    assert_eq!(lines, [3, 5, 14, 15]);
    let StmtKind::If { body, .. } = &m.body[1].kind else {
        panic!()
    };
    let lines: Vec<u32> = body.iter().map(|s| s.line).collect();
    assert_eq!(lines, [8, 12]);
    let StmtKind::Assign { value, .. } = &m.body[0].kind else {
        panic!()
    };
    let ExprKind::BinOp { right, .. } = &value.kind else {
        panic!()
    };
    assert_eq!(right.line, 4);
    // No trailing newline, CRLF, form feed.
    assert_eq!(file("if a:\r\n    b\r\nc"), "(if a (b) ())\nc");
    assert_eq!(file("\x0cx = 1\n"), "(= x 1)");
    assert_eq!(file(""), "");
    assert_eq!(file("\n\n  \n# x\n"), "");
    assert_eq!(file("  # indented comment\nx\n"), "x");
    assert_eq!(file("if a:\n\tb\n        c\n"), "(if a (b c) ())");
}

#[test]
fn indentation_errors() {
    let e = err("if x:\n        a\n    b\n");
    assert_eq!((e.kind, e.line), (ErrorKind::Indentation, 3));
    assert!(e.msg.contains("unindent"), "{}", e.msg);
    let e = err("x = 1\n    y = 2\n");
    assert_eq!((e.kind, e.line), (ErrorKind::Indentation, 2));
    assert_eq!(e.msg, "unexpected indent");
    let e = err(" x = 1\n");
    assert_eq!((e.kind, e.line), (ErrorKind::Indentation, 1));
    let e = err("if x:\ny = 2\n");
    assert_eq!((e.kind, e.line), (ErrorKind::Indentation, 2));
    let e = err("def f():\n    x\n  y\n");
    assert_eq!(e.kind, ErrorKind::Indentation);
}

#[test]
fn incomplete_input() {
    for src in [
        "if x:",
        "if x:\n",
        "if x:\n\n",
        "def f(",
        "def f():",
        "x = (1,\n",
        "x = [1, 2",
        "d = {",
        "\"\"\"abc",
        "'''abc\n\ndef",
        "x = \\",
        "x = \\\n",
        "for i in y:\n",
        "if x:\n    pass\nelse:\n",
        "class A:\n    def f(self):\n",
        "while True:\n    if x:\n",
        "@dec\n",
        "try:\n    pass\n",
        "f(x,\n  y",
        "x = f'''{x}",
        "s = 'abc\\",
        "s = 'abc\\\n",
        "s = \"\"\"abc\\\n",
    ] {
        incomplete(src);
    }
    for src in [
        "for i in y:\n    pass",
        "for i in y:\n    pass\n",
        "x = 1",
        "if x: pass",
        "def f(): return 1",
    ] {
        assert!(parse(src, Mode::Single).is_ok(), "{}", src);
    }
    // Unfinished but not continuable: syntax errors.
    syntax_err("x = 'abc\n", 1);
    syntax_err("x =\n", 1);
    syntax_err("x = )", 1);
    // The lexer runs on demand: an error before an unclosed bracket is reported as such.
    syntax_err("x = = (", 1);
    syntax_err("1 +* [", 1);
    // ...but a lexer error right behind a complete statement still wins.
    syntax_err("x = 1 $", 1);
    incomplete("x = 1; y = [");
}

#[test]
fn eval_mode() {
    assert_eq!(ev("  1 + 2\n\n"), "(+ 1 2)");
    assert_eq!(ev("a,b"), "(tuple a b)");
    assert!(parse("x = 1", Mode::Eval).is_err());
    assert!(parse("1\n2", Mode::Eval).is_err());
    assert!(parse("", Mode::Eval).is_err());
    let m = parse("\n\nx", Mode::Eval).unwrap();
    assert_eq!(m.body[0].line, 3);
}

#[test]
fn unicode_identifiers() {
    assert_eq!(file("größe = 1\nπ = größe"), "(= größe 1)\n(= π größe)");
    assert_eq!(ev("日本語"), "日本語");
    // Like MicroPython, any non-ASCII character is a letter (even U+00A0, a space elsewhere).
    assert_eq!(ev("€"), "€");
    assert_eq!(ev("x\u{e0100}"), "x\u{e0100}");
    assert_eq!(file("x = \u{a0}1\n"), "(= x \u{a0}1)");
    // A byte-order mark at the start is skipped.
    assert_eq!(file("\u{feff}x = 1\n"), "(= x 1)");
}

#[test]
fn deep_nesting_is_bounded() {
    let deep = "(".repeat(100_000);
    let e = err(&deep);
    assert!(
        matches!(e.kind, ErrorKind::Recursion | ErrorKind::Incomplete),
        "{:?}",
        e
    );
    let closed = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    assert_eq!(err(&closed).kind, ErrorKind::Recursion);
    let nots = format!("{}x", "not ".repeat(100_000));
    assert_eq!(err(&nots).kind, ErrorKind::Recursion);
    let negs = format!("{}x", "-".repeat(100_000));
    assert_eq!(err(&negs).kind, ErrorKind::Recursion);
    let pows = format!("{}2", "2**".repeat(100_000));
    assert_eq!(err(&pows).kind, ErrorKind::Recursion);
    let lambdas = format!("{}0", "lambda:".repeat(100_000));
    assert_eq!(err(&lambdas).kind, ErrorKind::Recursion);
    let conds = format!("{}0", "0 if 0 else ".repeat(100_000));
    assert_eq!(err(&conds).kind, ErrorKind::Recursion);
    let calls = format!("{}0{}", "f(".repeat(100_000), ")".repeat(100_000));
    assert_eq!(err(&calls).kind, ErrorKind::Recursion);
    let lists = format!("{}0{}", "[*".repeat(100_000), "]".repeat(100_000));
    assert_eq!(err(&lists).kind, ErrorKind::Recursion);
    let fstr = format!("{}{}", "f'{".repeat(50), "}'".repeat(50));
    assert!(parse(&fstr, Mode::Eval).is_err());
    let mut blocks = String::new();
    for i in 0..1000 {
        blocks += &" ".repeat(i);
        blocks += "if x:\n";
    }
    blocks += &" ".repeat(1000);
    blocks += "pass\n";
    assert_eq!(err(&blocks).kind, ErrorKind::Recursion);
    // Reasonable nesting still works.
    let ok = format!("{}1{}", "(".repeat(150), ")".repeat(150));
    assert_eq!(ev(&ok), "1");
    let ok = format!("{}1{}", "[".repeat(150), "]".repeat(150));
    assert!(parse(&ok, Mode::Eval).is_ok());
    // A lower limit for small stacks.
    let ten = format!("{}1{}", "(".repeat(10), ")".repeat(10));
    let limits = super::Limits {
        max_depth: 10,
        native_stack: 0,
    };
    assert!(super::parse_with_limits(&ten, Mode::Eval, limits).is_ok());
    let e = super::parse_with_limits(&format!("({})", ten), Mode::Eval, limits).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Recursion);
    // A native stack budget stops nesting well before the depth limit.
    let limits = super::Limits {
        max_depth: 100_000,
        native_stack: 64 * 1024,
    };
    let deep = format!("{}1{}", "(".repeat(5000), ")".repeat(5000));
    let e = super::parse_with_limits(&deep, Mode::Eval, limits).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Recursion);
    assert!(super::parse_with_limits("((((1))))", Mode::Eval, limits).is_ok());
}

#[test]
fn long_chains_are_bounded() {
    // Left-deep chains are built by loops; their height is still bounded.
    let sum = format!("x = 1{}", " + 1".repeat(100_000));
    assert_eq!(err(&sum).kind, ErrorKind::Recursion);
    let attrs = format!("x = a{}", ".b".repeat(100_000));
    assert_eq!(err(&attrs).kind, ErrorKind::Recursion);
    let calls = format!("x = f{}", "()".repeat(100_000));
    assert_eq!(err(&calls).kind, ErrorKind::Recursion);
    let nested = format!("x = {}1{}", "(1 + ".repeat(150), " + 1)".repeat(150));
    assert!(parse(&nested, Mode::File).is_ok());
    let mut elifs = String::from("if a: pass\n");
    for _ in 0..100_000 {
        elifs += "elif a: pass\n";
    }
    assert_eq!(err(&elifs).kind, ErrorKind::Recursion);
    // Flat sequences are fine at any length.
    let tuple = format!("x = ({})", "1, ".repeat(100_000));
    assert!(parse(&tuple, Mode::File).is_ok());
    let stmts = "x = 1\n".repeat(100_000);
    assert_eq!(parse(&stmts, Mode::File).unwrap().body.len(), 100_000);
    let ok = format!("x = 1{}", " + 1".repeat(500));
    assert!(parse(&ok, Mode::File).is_ok());
    // A native stack budget lowers the height limit too (here to 64).
    let limits = super::Limits {
        max_depth: super::MAX_DEPTH,
        native_stack: 16 * 1024,
    };
    let e = super::parse_with_limits(&ok, Mode::File, limits).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Recursion);
    let ok = format!("x = 1{}", " + 1".repeat(60));
    assert!(super::parse_with_limits(&ok, Mode::File, limits).is_ok());
}

/// A tiny deterministic pseudo-random generator for the mutation test.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const CORPUS: &str = r#"
import sys
from .m import (a as b, c)
@decorator(1, *a, k=2, **kw)
class C(Base, metaclass=M):
    """doc"""
    x: int = 0x_ff + 0o17 - 0b1 * 1_0.5e-3j
    async def m(self, a, /, b=1, *args, c, d=2, **kw) -> None:
        global g
        async with a as (b, c), d:
            async for i, *j in range(10):
                r = [x ** -2 for x in y if x if not x in z]
                s = {k: v for k, v in d.items()}
                t = {*a, *b}; u = (yield from g)
                await f(lambda q=1, *r, **s: q if r else s)
        try:
            del a[1:2, ::3], b.c
        except (E, F) as e:
            raise X from e
        else:
            pass
        finally:
            return f"{a!r:>{w}} {b=} {{x}}" 'a' "b", rb'\x00' b"\n"
    while (n := n - 1) >= 0 and n is not None or n != 3 < 4:
        x <<= 1; y @= z; w //= 2
        if a: break
        elif b: continue
        else: global q
def g(*, k): assert k, 'msg'
x = a[...] if b else c[1:] + '''tri
ple''' \
    + 2
"#;

#[test]
fn corpus_parses() {
    parse(CORPUS, Mode::File).unwrap();
}

#[test]
fn mutated_inputs_never_panic() {
    let base: Vec<char> = CORPUS.chars().collect();
    let alphabet: Vec<char> = "()[]{}:;,.=+-*/%<>!@#\\'\"\n\t fx0_é{}rb".chars().collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let mut s = base.clone();
        let edits = 1 + rng.below(6);
        for _ in 0..edits {
            let at = rng.below(s.len() + 1);
            match rng.below(4) {
                0 if at < s.len() => {
                    s.remove(at);
                }
                1 => s.insert(at, alphabet[rng.below(alphabet.len())]),
                2 if at < s.len() => s[at] = alphabet[rng.below(alphabet.len())],
                _ => {
                    let len = rng.below(20).min(s.len() - at.min(s.len()));
                    let end = at.min(s.len()) + len;
                    let piece: Vec<char> = s[at.min(s.len())..end].to_vec();
                    let to = rng.below(s.len() + 1);
                    for (k, c) in piece.into_iter().enumerate() {
                        s.insert(to + k, c);
                    }
                }
            }
        }
        let src: String = s.into_iter().collect();
        for mode in [Mode::File, Mode::Eval, Mode::Single] {
            let _ = parse(&src, mode);
        }
        // Every prefix of a few mutated programs, too (the REPL sees those).
        if rng.below(50) == 0 {
            for (i, _) in src.char_indices() {
                let _ = parse(&src[..i], Mode::Single);
            }
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(12345);
    for _ in 0..3000 {
        let len = rng.below(80);
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0x7f) as u8).collect();
        let src = String::from_utf8(bytes).unwrap();
        let _ = parse(&src, Mode::File);
        let _ = parse(&src, Mode::Eval);
    }
    for src in [
        "\\",
        "'",
        "\"\"\"",
        "f'{",
        "f'{x!",
        "f'{x:",
        "0x",
        "1e",
        "1.e",
        "@",
        "\t\t\n  x",
        "lambda",
        "def",
        "class",
        "(",
        ")",
        "]",
        "}",
        "if",
        "*",
        "**",
        ":=",
        "..",
        "async",
        "await",
        "from",
        "import",
        "f'{x:{'",
    ] {
        let _ = parse(src, Mode::File);
        let _ = parse(src, Mode::Eval);
    }
}

#[test]
fn prefixes_of_corpus_never_panic() {
    for (i, _) in CORPUS.char_indices() {
        let _ = parse(&CORPUS[..i], Mode::Single);
    }
}

#[test]
fn expression_lines() {
    let m = parse("x = [\n  a,\n  b +\n  c]\n", Mode::File).unwrap();
    let StmtKind::Assign { value, .. } = &m.body[0].kind else {
        panic!()
    };
    let ExprKind::List(items) = &value.kind else {
        panic!()
    };
    let lines: Vec<u32> = items.iter().map(|e: &Expr| e.line).collect();
    assert_eq!(value.line, 1);
    assert_eq!(lines, [2, 3]);
    let m = parse("@d\ndef f():\n  pass\n", Mode::File).unwrap();
    let s: &Stmt = &m.body[0];
    assert_eq!(s.line, 2);
    let StmtKind::FunctionDef(f) = &s.kind else {
        panic!()
    };
    assert_eq!(f.decorators[0].line, 1);
    assert_eq!(f.body[0].line, 3);
}
