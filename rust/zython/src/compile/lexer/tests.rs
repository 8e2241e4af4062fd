//! Lexer unit tests: token streams, layout tokens and literal values.

use alloc::string::String;
use alloc::vec::Vec;

use super::tokenize;
use crate::compile::error::ErrorKind;
use crate::compile::token::{Kw, Tok};

fn toks(src: &str) -> Vec<Tok> {
    tokenize(src).unwrap().into_iter().map(|t| t.tok).collect()
}

fn name(s: &str) -> Tok {
    Tok::Name(s.into())
}

#[test]
fn layout_tokens() {
    use Tok::*;
    assert_eq!(
        toks("if x:\n    y\n\n  # c\nz"),
        [
            Kw(super::Kw::If),
            name("x"),
            Colon,
            Newline,
            Indent,
            name("y"),
            Newline,
            Dedent,
            name("z"),
            Newline,
            EndMarker
        ]
    );
    assert_eq!(
        toks("a:\n b:\n  c\n"),
        [
            name("a"),
            Colon,
            Newline,
            Indent,
            name("b"),
            Colon,
            Newline,
            Indent,
            name("c"),
            Newline,
            Dedent,
            Dedent,
            EndMarker
        ]
    );
    assert_eq!(toks(""), [EndMarker]);
    assert_eq!(toks("# only\n\n"), [EndMarker]);
    assert_eq!(
        toks("(a,\n b)"),
        [LPar, name("a"), Comma, name("b"), RPar, Newline, EndMarker]
    );
    assert_eq!(toks("a \\\n b"), [name("a"), name("b"), Newline, EndMarker]);
}

#[test]
fn operators() {
    use Tok::*;
    assert_eq!(
        toks("**= ** *= * //= // /= / <<= << <= < >>= >> >= > -> -= - += + %= % |= | &= & ^= ^ @= @ == = != := : , ; ... . ~"),
        [
            DoubleStarEqual, DoubleStar, StarEqual, Star, DoubleSlashEqual, DoubleSlash,
            SlashEqual, Slash, LShiftEqual, LShift, LessEqual, Less, RShiftEqual, RShift,
            GreaterEqual, Greater, Arrow, MinusEqual, Minus, PlusEqual, Plus, PercentEqual,
            Percent, VBarEqual, VBar, AmperEqual, Amper, CaretEqual, Caret, AtEqual, At,
            EqEqual, Equal, NotEqual, ColonEqual, Colon, Comma, Semi, Ellipsis, Dot, Tilde,
            Newline, EndMarker
        ]
    );
}

#[test]
fn keywords_and_names() {
    let t = toks("None True False and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match _x");
    let kws = t.iter().filter(|t| matches!(t, Tok::Kw(_))).count();
    assert_eq!(kws, 35);
    assert_eq!(t[0], Tok::Kw(Kw::None));
    assert_eq!(t[35], name("match"));
    assert_eq!(t[36], name("_x"));
}

#[test]
fn literals() {
    assert_eq!(toks("12")[0], Tok::Int(12));
    assert_eq!(
        toks("0xFFFF_FFFF_FFFF_FFFF")[0],
        Tok::BigInt("18446744073709551615".into())
    );
    assert_eq!(toks("1.5e3")[0], Tok::Float(1500.0));
    assert_eq!(toks("3j")[0], Tok::Imag(3.0));
    assert_eq!(toks("'a\\n'")[0], Tok::Str("a\n".into()));
    assert_eq!(toks("b'\\x01'")[0], Tok::Bytes([1].into()));
    assert_eq!(
        toks("rf'{x}\\n'")[0],
        Tok::FStr {
            body: "{x}\\n".into(),
            raw: true
        }
    );
    assert_eq!(toks("'''a'b''c'''")[0], Tok::Str("a'b''c".into()));
    assert_eq!(toks("'\\''")[0], Tok::Str("'".into()));
    assert_eq!(toks("r'\\''")[0], Tok::Str("\\'".into()));
    // A name that looks like a prefix but is not followed by a quote.
    assert_eq!(toks("rb + f")[0], name("rb"));
}

#[test]
fn lines() {
    let t = tokenize("a\n'''x\ny'''\nb\\\n+c\n(d\n,e)").unwrap();
    let lines: Vec<(String, u32)> = t
        .iter()
        .filter_map(|t| match &t.tok {
            Tok::Name(n) => Some((n.clone(), t.line)),
            Tok::Str(s) => Some((s.clone(), t.line)),
            _ => None,
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("a".into(), 1),
            ("x\ny".into(), 2),
            ("b".into(), 4),
            ("c".into(), 5),
            ("d".into(), 6),
            ("e".into(), 7)
        ]
    );
}

#[test]
fn errors() {
    let e = tokenize("x = 'abc").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Syntax);
    let e = tokenize("x = '''abc").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Incomplete);
    let e = tokenize("x = (1,").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Incomplete);
    let e = tokenize("x = \\ y").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Syntax);
    let e = tokenize("x\n  y\n z\n").unwrap_err();
    assert_eq!((e.kind, e.line), (ErrorKind::Indentation, 3));
    let e = tokenize("a\n(]").unwrap_err();
    assert_eq!((e.kind, e.line), (ErrorKind::Syntax, 2));
    let e = tokenize("a $").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Syntax);
}
