//! Programs compiled by MicroPython's mpy-cross (v1.29-preview, .mpy 6.3) and the bytes it produced;
//! the compiler must produce the same qstr table, constants and raw codes.

use alloc::vec;
use alloc::vec::Vec;

use super::{check_against, h};
use crate::bytecode::Const as C;

#[test]
fn p01_basic() {
    let src = "x = 1\nprint(x + 2)\ny = x * 3 - 4 / 2\nz = [1, 2, x]\nd = {'a': 1, 'b': y}\ns = {1, 2}\nt = (x, y)\nu = (1, 2, 3)\nprint(z[0], d['a'], t[1:2], u[::2])\n";
    let qstrs = [
        "p01_basic.py",
        "<module>",
        "a",
        "b",
        "x",
        "print",
        "y",
        "z",
        "d",
        "s",
        "t",
        "u",
    ];
    let consts: Vec<C> = vec![
        C::Float(2.0),
        C::Tuple(vec![
            C::BigInt("1".into()),
            C::BigInt("2".into()),
            C::BigInt("3".into()),
        ]),
    ];
    let codes = ["381201232929282d2628248116041105110482f2340159110483f42300f31606818211042b0316072c02811002621106100362160881822d021609110411062a02160a2301160b1105110780551108100255110a81822e0255110b5151822e03553404595163"];
    check_against(src, "p01_basic.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p02_func() {
    let src = "def f(a, b=2, *args, c, d=4, **kw):\n    e = a + b\n    return e, args, kw\n\ndef g(x):\n    return x if x else -x\n\nprint(f(1, c=3))\n";
    let qstrs = [
        "p02_func.py",
        "<module>",
        "d",
        "c",
        "f",
        "g",
        "print",
        "a",
        "b",
        "x",
    ];
    let consts: Vec<C> = vec![];
    let codes = [
        "2008016d2064822a012c0084100262330016043201160511061104811003833482013401595163",
        "ca81c8c0400e04070802032024b0b1f2c6b6b4b52a0363",
        "090805096040b04442b063b0d163",
    ];
    check_against(src, "p02_func.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p03_closure() {
    let src = "def outer(n):\n    count = 0\n    def inc(k=1):\n        nonlocal count\n        count += k\n        return count + n\n    return inc\n\nf = outer(10)\nprint(f(), f(5))\n";
    let qstrs = [
        "p03_closure.py",
        "<module>",
        "outer",
        "inc",
        "f",
        "print",
        "n",
        "*",
        "k",
    ];
    let consts: Vec<C> = vec![];
    let codes = [
        "1808018408273200160211028a3401160411051104340011048534013402595163",
        "318c01020620236a200002802702812a0153b0b2210002c1b163",
        "a3010e030707086020262501b2e5270125012500f263",
    ];
    check_against(src, "p03_closure.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p04_loops() {
    let src = "total = 0\nfor i in range(10):\n    if i % 2:\n        continue\n    total += i\nelse:\n    print('done')\nfor i in range(1, n, 2):\n    pass\nfor j in range(10, 0, -1):\n    print(j)\nfor k, v in items():\n    if k:\n        break\nwhile total > 0:\n    total -= 3\n    if total == 5:\n        break\nelse:\n    total = 0\nprint(total)\n";
    let qstrs = [
        "p04_loops.py",
        "<module>",
        "done",
        "total",
        "i",
        "print",
        "n",
        "j",
        "items",
        "k",
        "v",
    ];
    let consts: Vec<C> = vec![];
    let codes = ["282601232626224f2a2829262f2d24282226264823801603804254571604110482f84442424711031104e5160381e5578ad743275911051002340159424159110681424557160482e5585ad7433659598a424c571607110511073401597fe55780d8432f59110834005f4b1230021609160a11094446595959594242422c424e110383e61603110385d944424249110380d8432c801603110511033401595163"];
    check_against(src, "p04_loops.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p05_try() {
    let src = "def f(x):\n    try:\n        y = 1 / x\n    except ZeroDivisionError as e:\n        print('zero', e)\n        y = 0\n    except (TypeError, ValueError):\n        y = -1\n    else:\n        y += 1\n    finally:\n        print('finally')\n    return y\n\ntry:\n    f(0)\nexcept:\n    raise\nfor i in range(3):\n    try:\n        if i:\n            break\n    finally:\n        print(i)\n";
    let qstrs = [
        "p05_try.py",
        "<module>",
        "f",
        "zero",
        "finally",
        "i",
        "print",
        "x",
        "ZeroDivisionError",
        "TypeError",
        "ValueError",
    ];
    let consts: Vec<C> = vec![];
    let codes = ["241401840e224922262224443200160248081102803401594a0359645d80425757160549081105444340510151110611053401595d81e55783d74324595163", "cd0216020720244f282b2a4545284938480681b0f7c14a2b571208df4455c2490b12061003b234025980c15151c228025d4a14571209120a2a02df4445597fc14a055db181e5c151120610043401595db163"];
    check_against(src, "p05_try.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p06_class() {
    let src = "class A:\n    x = 1\n    def __init__(self, v):\n        self.v = v\n    def get(self):\n        return self.v\n\nclass B(A):\n    def __init__(self, v):\n        super().__init__(v)\n        self.w = super().get()\n    @staticmethod\n    def s():\n        return 5\n\nb = B(3)\nprint(b.get(), b.w, B.s())\n";
    let qstrs = [
        "p06_class.py",
        "<module>",
        "A",
        "B",
        "get",
        "w",
        "s",
        "__init__",
        "v",
        "b",
        "print",
        "__name__",
        "__module__",
        "__qualname__",
        "x",
        "staticmethod",
        "self",
        "*",
        "super",
    ];
    let consts: Vec<C> = vec![];
    let codes = ["200c0189078b0827543200100234021602543201100311023403160311038334011609110a110914043600110913051103140636003403595163", "000802282344110b160c1002160d81160e32001607320116045163", "1a0807100860b1b018085163", "090804106040b0130863", "10090388086600110b160c1003160db02000011607110f320134011606b063", "2b0e0711100880092b12122500b11507b236015912122500b115043600b118055163", "000606800d8563"];
    check_against(src, "p06_class.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p07_comp() {
    let src = "a = [x * 2 for x in range(10) if x % 3]\nb = {x: x + 1 for x in a}\nc = {x for x in a}\nd = list(x for x in a)\ne = [(x, y) for x in a for y in b if x < y]\ndef f(n):\n    return [i + n for i in range(n)]\nprint(a, b, c, d, e, f(3))\n";
    let qstrs = [
        "p07_comp.py",
        "<module>",
        "<listcomp>",
        "<dictcomp>",
        "<setcomp>",
        "<genexpr>",
        "f",
        "range",
        "a",
        "b",
        "c",
        "list",
        "d",
        "e",
        "print",
        "*",
        "n",
    ];
    let consts: Vec<C> = vec![];
    let codes = ["380e012b28282d2844320011078a3401340116083201110834011609320211083401160a110b320311085e34013401160c320411083401160d32051606110e11081109110a110c110d11068334013406595163", "4104020f2b00b05f4b0dc1b183f84438b182f42f14423163", "4106030f202c00b05f4b09c1b181f2b12f19423563", "3906040f402d00b05f4b06c1b12f16423863", "b14006050f6053b053534b06c1b1675942385163", "6908020f60202b00b05f4b16c112095f4b0ec2b1b2d74438b1b22a022f244230422863", "19090610606000b0200001120725003401340163", "4a0a020f0f60602b00b15f4b09c2b22500f22f14423563"];
    check_against(src, "p07_comp.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p08_with() {
    let src = "with open('f') as fh, lock:\n    data = fh.read()\ndef g():\n    with ctx() as (a, b):\n        return a\n";
    let qstrs = [
        "p08_with.py",
        "<module>",
        "f",
        "read",
        "g",
        "open",
        "fh",
        "lock",
        "data",
        "ctx",
    ];
    let consts: Vec<C> = vec![];
    let codes = [
        "b00206012f2e110510023401471316061107470a591106140336001608515c5d515c5d320016045163",
        "340604602a1209340047063002c0c1b0635c5d5163",
    ];
    check_against(src, "p08_with.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p09_import() {
    let src = "import os\nimport os.path\nimport a.b.c as d\nfrom sys import argv, path as p\nfrom . import sibling\nfrom ..pkg import thing\nfrom mod import *\n";
    let qstrs = [
        "p09_import.py",
        "<module>",
        "os",
        "os.path",
        "a.b.c",
        "b",
        "c",
        "argv",
        "path",
        "sys",
        "sibling",
        "",
        "thing",
        "pkg",
        "*",
        "mod",
        "d",
        "p",
    ];
    let consts: Vec<C> = vec![];
    let codes = ["100e0126262a322c2c80511b02160280511b03160280511b0413051306161080100710082a021b091c0716071c0816115981100a2a011b0b1c0a160a5982100c2a011b0d1c0c160c5980100e2a011b0f695163"];
    check_against(src, "p09_import.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p10_misc() {
    let src = "a, b = b, a\na, b, c = c, b, a\nx = y = 0\nx += 1\no.attr += 2\nl[0] *= 3\ndel x, o.attr, l[0]\nassert x, 'msg'\nf(*args, **kw)\nf(1, *a, k=2)\no.m(1, 2, k=3)\nfirst, *rest = range(5)\nprint(f\"x={x} y={y!r:>5}\")\nq = lambda v, w=1: v + w\nr = 1 if a and b or c else 2\ns = not a\nt = 1 < a <= 3\nu = a is not None\nw = a not in b\ng = -2 ** 2\nh = ~5\nk = 0x7fffffff\nm = 1.5e3\nn = 'a long string that will not be interned'\np = b'bytes'\n";
    let qstrs = [
        "p10_misc.py",
        "<module>",
        "attr",
        "AssertionError",
        "msg",
        "k",
        "m",
        "format",
        "<lambda>",
        "b",
        "a",
        "c",
        "x",
        "y",
        "o",
        "l",
        "f",
        "args",
        "kw",
        "range",
        "first",
        "rest",
        "print",
        "q",
        "r",
        "s",
        "t",
        "u",
        "w",
        "g",
        "h",
        "n",
        "p",
        "v",
    ];
    let consts: Vec<C> = vec![
        C::Str("x={} y={!r:>5}".into()),
        C::BigInt("2147483647".into()),
        C::Float(1500.0),
        C::Str("a long string that will not be interned".into()),
        C::Bytes(h("6279746573")),
    ];
    let codes = ["283201292e26262a292e2b2c2d2d2b2f28322530272823232424241109110a5a160a1609110b1109110a5b5a160a1609160b8057160c160d110c81e5160c110e57130282e55a1802110f80585583e75b56190c110e535a1802110f80535b56110c434712031004340165111011115311128135820159111081110a1005828235820259110e14068182100583368202591113853401310116141615111623001407110c110d3602340159812a015333001617110a444411094344110b4443814241821618110ad3161981110a575bd7460483da42425a59161a110a51ded3161b110a1109ddd3161c7c161d7a161e23011605230216062303161f230416205163", "9a010a08211c800db0b1f263"];
    check_against(src, "p10_misc.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p11_gen() {
    let src = "def gen(n):\n    for i in range(n):\n        yield i\n    yield from range(3)\n    x = yield\n    return x\n\nasync def coro(a):\n    await a\n    async with a as b:\n        pass\n    async for i in b:\n        print(i)\n    return 1\n";
    let qstrs = [
        "p11_gen.py",
        "<module>",
        "gen",
        "coro",
        "__aenter__",
        "BaseException",
        "__aexit__",
        "__class__",
        "__aiter__",
        "__anext__",
        "StopAsyncIteration",
        "n",
        "range",
        "a",
        "print",
    ];
    let consts: Vec<C> = vec![];
    let codes = ["000601840732001602320116035163", "b1400e020b20262c2923b080424757c1b1675981e5585ad743345959120c8334015e5168595167c2b263", "cd4014030d8008252c1f303c29b05e516859b057140436005e5168c14904515a425f571205df4457575b5a14065b5b5713075a5136035e516844515951424d5b5b140651575736035e5168595db114083600480b57140936005e5168c24a0a57120adf4443594a095d120eb23401594221598163"];
    check_against(src, "p11_gen.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p12_global() {
    let src = "G = 1\ndef f():\n    global G\n    G = 2\n    del G\ndef g():\n    x = 1\n    def h():\n        return x + G\n    return h\nclass C:\n    y = G\n    def m(self):\n        return y\n";
    let qstrs = [
        "p12_global.py",
        "<module>",
        "C",
        "f",
        "g",
        "h",
        "m",
        "G",
        "__name__",
        "__module__",
        "__qualname__",
        "y",
        "*",
        "self",
    ];
    let consts: Vec<C> = vec![];
    let codes = [
        "100c01236420644081170732001603320116045432021002340216025163",
        "0008034020238217071a075163",
        "100b046060234501812701b1200001c0b063",
        "1108050c800825001207f263",
        "000802880b24110816091002160a1107160b320016065163",
        "0908060d800d120b63",
    ];
    check_against(src, "p12_global.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p13_if() {
    let src = "if a:\n    x = 1\nelif b:\n    x = 2\nelif c and d or not e:\n    x = 3\nelse:\n    x = 4\nif True:\n    y = 1\nelse:\n    y = 2\nif False:\n    z = 1\nif not a:\n    pass\nwhile True:\n    if x: break\nwhile 1:\n    x -= 1\n    if not x or y and z:\n        continue\ndef f(v):\n    return v if v > 0 else -v\ndef g(*, k=1, m):\n    return k\ndef h(a, b=1, *, c=2):\n    pass\n";
    let qstrs = [
        "p13_if.py",
        "<module>",
        "k",
        "c",
        "f",
        "g",
        "h",
        "a",
        "x",
        "b",
        "d",
        "e",
        "y",
        "z",
        "v",
        "m",
    ];
    let consts: Vec<C> = vec![];
    let codes = ["18260124495145232063402420202820262c24444b11074445811608425d11094445821608425411034444110a4344110b4345831608424384160881160c110743401108444242424238110881e6160811084448110c4446110d44424240422a32001604532c008110026233011605812a012c0082100362330216065163", "1108040e8017b080d84442b063b0d163", "90808880400a05020f8019b063", "9a898080400c06070903801b5163"];
    check_against(src, "p13_if.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p14_consts() {
    let src = "from micropython import const\nX = const(5)\n_Y = const(6)\nprint(X + _Y, __debug__)\na = 1,\nb = ()\nc = ((1, 2), 'abc', None, True, 1.5)\nd = 'exactly10c'\ne = 'elevenchars'\nf = -1.5\ng = 1j\nh = 1 + 2j\ni = 2 ** 100\nj = 1 << 30\nk = 1 << 29\nm = -(1 << 30)\nn = 10 // 3, 10 % -3, -7 // 2\no = 1.0 / 4\np = math.pi\nq = 7 / 2\nr = 0 or x\ns = x and True and y\n\"\"\"docstring\"\"\"\n123\n(1, 2)\n";
    let qstrs = [
        "p14_consts.py",
        "<module>",
        "const",
        "micropython",
        "exactly10c",
        "X",
        "print",
        "a",
        "b",
        "c",
        "d",
        "e",
        "f",
        "g",
        "h",
        "i",
        "j",
        "k",
        "m",
        "n",
        "o",
        "p",
        "q",
        "x",
        "r",
        "y",
        "s",
    ];
    let consts: Vec<C> = vec![
        C::Tuple(vec![C::BigInt("1".into())]),
        C::Tuple(vec![
            C::Tuple(vec![C::BigInt("1".into()), C::BigInt("2".into())]),
            C::Str("abc".into()),
            C::None,
            C::True,
            C::Float(1.5),
        ]),
        C::Str("elevenchars".into()),
        C::Float(-1.5),
        C::Complex(0.0, 1.0),
        C::Complex(0.0, 2.0),
        C::BigInt("1267650600228229401496703205376".into()),
        C::BigInt("1073741824".into()),
        C::Tuple(vec![
            C::BigInt("3".into()),
            C::BigInt("-2".into()),
            C::BigInt("-4".into()),
        ]),
        C::Float(0.25),
        C::Float(core::f64::consts::PI),
        C::Float(3.5),
    ];
    let codes = ["1030012c432724242424242424262424282824242424242820208010022a011b031c0216025985160511068b52340259230016072a001608230116091004160a2302160b2303160c2304160d812305f2160e2306160f23071610228280808000161122fc8080800016122308161323091614230a1615230b161611171618111746021119161a5163"];
    check_against(src, "p14_consts.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p15_tryflow() {
    let src = "def f(x):\n    for i in x:\n        try:\n            if i == 1:\n                continue\n            if i == 2:\n                break\n            return i\n        finally:\n            print('f')\n    while x:\n        with x as y:\n            if y:\n                break\n            continue\n    try:\n        pass\n    except Exception as e:\n        raise ValueError('bad') from e\n    except:\n        pass\n    try:\n        return 1\n    finally:\n        return 2\n";
    let qstrs = [
        "p15_tryflow.py",
        "<module>",
        "f",
        "bad",
        "x",
        "print",
        "Exception",
        "ValueError",
    ];
    let consts: Vec<C> = vec![];
    let codes = ["000201320016025163", "e1022c020420252225232523422a2224232328224b50232242b05f4b1fc14912b181d94443403401b182d94443404d81b163120510023401595d421f424fb0470ac2b244434049014043015c5db0432e48024a1c571206df4452c34908120710033401b36651c328035d4a04594a015d490281638263"];
    check_against(src, "p15_tryflow.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p17_bigfunc() {
    let src = "def big(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17):\n    b0 = a0 + a17\n    b1 = a16\n    a17 = a15\n    if b0:\n        print(1); print(2); print(3); print(4); print(5); print(6); print(7); print(8)\n        print(1); print(2); print(3); print(4); print(5); print(6); print(7); print(8)\n        print(1); print(2); print(3); print(4); print(5); print(6); print(7); print(8)\n        print(1); print(2); print(3); print(4); print(5); print(6); print(7); print(8)\n    else:\n        b1 = 2\n    while b1:\n        print(1); print(2); print(3); print(4); print(5); print(6); print(7); print(8)\n        print(1); print(2); print(3); print(4); print(5); print(6); print(7); print(8)\n        print(1); print(2); print(3); print(4); print(5); print(6); print(7); print(8)\n        print(1); print(2); print(3); print(4); print(5); print(6); print(7); print(8)\n        b1 -= 1\n\n\n\n    return b0, b1\n";
    let qstrs = [
        "p17_bigfunc.py",
        "<module>",
        "big",
        "a0",
        "a1",
        "a2",
        "a3",
        "a4",
        "a5",
        "a6",
        "a7",
        "a8",
        "a9",
        "a10",
        "a11",
        "a12",
        "a13",
        "a14",
        "a15",
        "a16",
        "a17",
        "print",
    ];
    let consts: Vec<C> = vec![];
    let codes = ["000201320016025163", "aa9080045802030405060708090a0b0c0d0e0f101112131420262423251f311f311f311f5323231f311f311f311f316b20b02411f2261224102613bf2611241244c281121581340159121582340159121583340159121584340159121585340159121586340159121587340159121588340159121581340159121582340159121583340159121584340159121585340159121586340159121587340159121588340159121581340159121582340159121583340159121584340159121585340159121586340159121587340159121588340159121581340159121582340159121583340159121584340159121585340159121586340159121587340159121588340159424382261342c681121581340159121582340159121583340159121584340159121585340159121586340159121587340159121588340159121581340159121582340159121583340159121584340159121585340159121586340159121587340159121588340159121581340159121582340159121583340159121584340159121585340159121586340159121587340159121588340159121581340159121582340159121583340159121584340159121585340159121586340159121587340159121588340159241381e62613241343b57e241224132a0263"];
    check_against(src, "p17_bigfunc.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p19_scopes() {
    let src = "def f():\n    x = 1\n    def g():\n        def h():\n            nonlocal x\n            x = 2\n            return x\n        return h\n    del x\n    return g\ndef k(a):\n    b = [a + i for i in range(3)]\n    c = (a * j for j in b)\n    return lambda: a + len(b)\ndef w(n):\n    if (m := n + 1) > 2:\n        return m\n    return [y := v for v in range(n)], y\nclass K:\n    a = 1\n    b = [a for _ in range(2)]\n    def m(self):\n        return a\n";
    let qstrs = [
        "p19_scopes.py",
        "<module>",
        "K",
        "f",
        "k",
        "w",
        "g",
        "<listcomp>",
        "<genexpr>",
        "<lambda>",
        "m",
        "h",
        "a",
        "range",
        "n",
        "__name__",
        "__module__",
        "__qualname__",
        "b",
        "*",
        "len",
        "self",
    ];
    let consts: Vec<C> = vec![];
    let codes = [
        "100e01840a642064203200160332011604320216055432031002340216025163",
        "100d03202365602201812701b1200001c02901b063",
        "110a0613606520b0200001c1b163",
        "090c0b1360202023822700250063",
        "298c01040c800b2d2a0002b0200001120d83340134012702b020010125025e3401c1b0b220020263",
        "4a0a071313800b2b00b15f4b09c22500b2f22f14423563",
        "c2400a081313800c53b153534b09c22500b2f4675942355163",
        "220a091313800d2500121425013401f263",
        "290d050e800f292202b081f257c182d84442b163b2200001120db03401340125022a0263",
        "4a0a07131380112b00b15f4b09c2b25727002f14423563",
        "100a028813232b110f16101002161181160c3200110d823401340116123201160a5163",
        "3908071380142b00b05f4b07c1120c2f14423763",
        "09080a158016120c63",
    ];
    check_against(src, "p19_scopes.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p20_lines() {
    let src = "x = foo(1,\n        2,\n        bar(3))\ny = [\n    1,\n    a + b,\n    c,\n]\nz = {\n    'k': v,\n    'j': w * 2,\n}\nif (a and\n        b):\n    pass\ns = (\"abc\"\n     \"def\")\nt = o.m(\n    x\n).n(\n    y)\n\n\nw = 1\n\n\n\n\n\n\n\n\n\nv = 2\ndef f(a,\n      b=c + 1):\n    return (a +\n            b)\n";
    let qstrs = [
        "p20_lines.py",
        "<module>",
        "k",
        "j",
        "abcdef",
        "m",
        "n",
        "f",
        "foo",
        "bar",
        "x",
        "a",
        "b",
        "c",
        "y",
        "v",
        "w",
        "z",
        "s",
        "o",
        "t",
    ];
    let consts: Vec<C> = vec![];
    let codes = ["2022014429416b2225494820447060830a23201108818211098334013403160a81110b110cf2110d2b03160e2c02110f100262111082f41003621611110b4444110c44401004161211131405110a36011406110e3601161481161082160f110d81f22a0153330016075163", "9a010a070b0c8024b0b1f263"];
    check_against(src, "p20_lines.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p21_misc2() {
    let src = "print('__getitem__', 'staticmethod', '__qualname__', 'some_long_name', 'abcdefghijk')\nsome_long_name = 1\nprint('some_long_name')\nx = None\nx = ...\nx = a[...]\nx = a[1, 2]\nx = a[1:2, ::3]\ndel (a, b)\nglobal q\nq = 1\ntry:\n    pass\nexcept E:\n    pass\nwith a:\n    pass\nassert a\nraise\nraise E\n";
    let qstrs = [
        "p21_misc2.py",
        "<module>",
        "__getitem__",
        "staticmethod",
        "__qualname__",
        "some_long_name",
        "AssertionError",
        "print",
        "x",
        "a",
        "b",
        "q",
        "E",
    ];
    let consts: Vec<C> = vec![
        C::Str("some_long_name".into()),
        C::Str("abcdefghijk".into()),
        C::Ellipsis,
        C::Tuple(vec![C::BigInt("1".into()), C::BigInt("2".into())]),
    ];
    let codes = ["2c26012f232723242727302420232249232523272111071002100310042300230134055981160511071005340159511608230216081109230255160811092303551608110981822e025151832e032a025516081909190a81170b48024a0a57110cdf4443594a015d1109470259515c5d1109434312066564"];
    check_against(src, "p21_misc2.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p22_gens() {
    let src = "def f():\n    return (x for x in range(3) if x for y in x)\ng = lambda: (yield)\ndef k(a):\n    for i in a:\n        yield i\n    else:\n        return 5\n";
    let qstrs = [
        "p22_gens.py",
        "<module>",
        "f",
        "<lambda>",
        "k",
        "<genexpr>",
        "g",
        "range",
        "a",
        "*",
    ];
    let consts: Vec<C> = vec![];
    let codes = [
        "00060144243200160232011606320216045163",
        "10040220320012078334015e340163",
        "d9400605092053b053534b10c1b1443ab15f4b06c2b167594238422e5163",
        "80400403405167595163",
        "b1400c040860202545b05f4b06c1b16759423885635163",
    ];
    check_against(src, "p22_gens.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p23_scopes2() {
    let src = "def mk(base):\n    k = 2\n    class C(base):\n        x = k\n        def m(self):\n            return k + super().m()\n        def n(self, *a, **kw):\n            def inner():\n                return __class__, self\n            return inner\n    return C\ndef comp(a):\n    return [[a + i + j for j in range(i)] for i in range(3)]\ndef gen():\n    total = 0\n    data = [1, 2]\n    r = [total := total + x for x in data]\n    return total, r\ndef defaults(a=lambda: 1, *, b=[x for x in y]):\n    return a, b\ndef dl():\n    x = 1\n    def g():\n        nonlocal x\n        del x\n    return g\nclass Outer:\n    class Inner:\n        v = 1\n    w = [Inner for _ in range(1)]\nasync def agen():\n    yield 1\n    await x\n";
    let qstrs = [
        "p23_scopes2.py",
        "<module>",
        "b",
        "Outer",
        "mk",
        "C",
        "comp",
        "gen",
        "defaults",
        "<lambda>",
        "<listcomp>",
        "dl",
        "Inner",
        "agen",
        "g",
        "m",
        "n",
        "inner",
        "y",
        "base",
        "a",
        "range",
        "*",
        "__name__",
        "__module__",
        "__qualname__",
        "w",
        "x",
        "v",
        "self",
        "super",
    ];
    let consts: Vec<C> = vec![];
    let codes = ["181601840b446440536460692032001604320116063202160732032a012c00320411123401100262330516083206160b5432071003340216033208160d5163", "310d041320238b080282270254b22000011005b03403c1b163", "190b05166824470111171618100516192500161bb1b0200002160fb12001011610b163", "330c0f16161d60402501121e2500b2150f3600f263", "b280c0400d10161d80074601b1b0200002c4b463", "1a0a1116168008250125002a0263", "19090614800c00b02000011215833401340163", "520b0a1616800c022b00b15f4b132702b2b020000212152502340134012f14422b63", "530c0a161616800c2b00b25f4b0cc325012500f2b3f22f14423263", "200d07800e2325280280270281822b02c0b2200001b03401c12502b12a0263", "4a0a0a161680102b00b15f4b0cc22500b2f25727002f14423263", "00060980128163", "39080a1680122b00b05f4b06c1b12f14423863", "99898080400a0814028013b0b12a0263", "100b0b8015236501812701b1200001c0b063", "090a0e1680172029005163", "100803881b491117161810031619543200100c3402160c320111158134013401161a5163", "00060c881c11171618100c161981161c5163", "39080a16801d2b00b05f4b07c1120c2f14423763", "8840080d801f23816759121b5e5168595163"];
    check_against(src, "p23_scopes2.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p24_exprs() {
    let src = "a = b.c.d.e\nf = g()()()\nh = i[1][2][j:k]\nl = (m, n,)\nq = 1 if x else 2 if y else 3\nr = x < y < z < w\ns = not (a and b)\nt = (a or b) and c\nv = -x ** -y\nw = x @ y\nx @= y\nx //= 2\nx **= 2\nx >>= 1\nx <<= 1\nx %= 3\nx ^= 1\nx |= 1\nx &= 1\nx /= 2\nz = a if not b else c\nwhile not a:\n    pass\nwhile a and b:\n    pass\nwhile a or b:\n    pass\nif not (a or b):\n    pass\nif a or not b and c:\n    pass\nassert not a\n";
    let qstrs = [
        "p24_exprs.py",
        "<module>",
        "c",
        "d",
        "e",
        "AssertionError",
        "b",
        "a",
        "g",
        "f",
        "i",
        "j",
        "k",
        "h",
        "m",
        "n",
        "l",
        "x",
        "y",
        "q",
        "z",
        "w",
        "r",
        "s",
        "t",
        "v",
    ];
    let consts: Vec<C> = vec![];
    let codes = ["1040012a2a2f283139292c2927272626262626262626262c22242228222828202c201106130213031304160711083400340034001609110a81558255110b110c2e0255160d110e110f2a021610111144438142481112444382424183161311111112575bd7460c1114575bd746051115d742425a591616110746021106d3161711074502110646021102161811111112d1f9d1161911111112f5161511111112e81611111182e91611111182ec1611111181e41611111181e31611111183eb1611111181e11611111181e01611111181e21611111182ea161111064344110742421102161442401107443c4240110744441106433842401107433c110643381107434411064340110743481106434411024440110744431205655163"];
    check_against(src, "p24_exprs.py", 0, &qstrs, &consts, &codes);
}

#[test]
fn p10_misc_opt1() {
    let src = "a, b = b, a\na, b, c = c, b, a\nx = y = 0\nx += 1\no.attr += 2\nl[0] *= 3\ndel x, o.attr, l[0]\nassert x, 'msg'\nf(*args, **kw)\nf(1, *a, k=2)\no.m(1, 2, k=3)\nfirst, *rest = range(5)\nprint(f\"x={x} y={y!r:>5}\")\nq = lambda v, w=1: v + w\nr = 1 if a and b or c else 2\ns = not a\nt = 1 < a <= 3\nu = a is not None\nw = a not in b\ng = -2 ** 2\nh = ~5\nk = 0x7fffffff\nm = 1.5e3\nn = 'a long string that will not be interned'\np = b'bytes'\n";
    let qstrs = [
        "p10_misc.py",
        "<module>",
        "attr",
        "k",
        "m",
        "format",
        "<lambda>",
        "b",
        "a",
        "c",
        "x",
        "y",
        "o",
        "l",
        "f",
        "args",
        "kw",
        "range",
        "first",
        "rest",
        "print",
        "q",
        "r",
        "s",
        "t",
        "u",
        "w",
        "g",
        "h",
        "n",
        "p",
        "v",
    ];
    let consts: Vec<C> = vec![
        C::Str("x={} y={!r:>5}".into()),
        C::BigInt("2147483647".into()),
        C::Float(1500.0),
        C::Str("a long string that will not be interned".into()),
        C::Bytes(h("6279746573")),
    ];
    let codes = ["283201292e26262a292e202c2d2d2b2f2832253027282323242424110711085a160816071109110711085b5a1608160716098057160a160b110a81e5160a110c57130282e55a1802110d80585583e75b56190a110c535a1802110d80535b56110e110f5311108135820159110e8111081003828235820259110c14048182100383368202591111853401310116121613111423001405110a110b3602340159812a0153330016151108444411074344110944438142418216161108d31617811108575bd7460483da42425a591618110851ded3161911081107ddd3161a7c161b7a161c23011603230216042303161d2304161e5163", "9a010a061f1a800db0b1f263"];
    check_against(src, "p10_misc.py", 1, &qstrs, &consts, &codes);
}

#[test]
fn p20_lines_opt3() {
    let src = "x = foo(1,\n        2,\n        bar(3))\ny = [\n    1,\n    a + b,\n    c,\n]\nz = {\n    'k': v,\n    'j': w * 2,\n}\nif (a and\n        b):\n    pass\ns = (\"abc\"\n     \"def\")\nt = o.m(\n    x\n).n(\n    y)\n\n\nw = 1\n\n\n\n\n\n\n\n\n\nv = 2\ndef f(a,\n      b=c + 1):\n    return (a +\n            b)\n";
    let qstrs = [
        "p20_lines.py",
        "<module>",
        "k",
        "j",
        "abcdef",
        "m",
        "n",
        "f",
        "foo",
        "bar",
        "x",
        "a",
        "b",
        "c",
        "y",
        "v",
        "w",
        "z",
        "s",
        "o",
        "t",
    ];
    let consts: Vec<C> = vec![];
    let codes = ["2002011108818211098334013403160a81110b110cf2110d2b03160e2c02110f100262111082f41003621611110b4444110c44401004161211131405110a36011406110e3601161481161082160f110d81f22a0153330016075163", "9a0106070b0cb0b1f263"];
    check_against(src, "p20_lines.py", 3, &qstrs, &consts, &codes);
}

#[test]
fn p05_try_opt2() {
    let src = "def f(x):\n    try:\n        y = 1 / x\n    except ZeroDivisionError as e:\n        print('zero', e)\n        y = 0\n    except (TypeError, ValueError):\n        y = -1\n    else:\n        y += 1\n    finally:\n        print('finally')\n    return y\n\ntry:\n    f(0)\nexcept:\n    raise\nfor i in range(3):\n    try:\n        if i:\n            break\n    finally:\n        print(i)\n";
    let qstrs = [
        "p05_try.py",
        "<module>",
        "f",
        "zero",
        "finally",
        "i",
        "print",
        "x",
        "ZeroDivisionError",
        "TypeError",
        "ValueError",
    ];
    let consts: Vec<C> = vec![];
    let codes = ["241401840e224922262224443200160248081102803401594a0359645d80425757160549081105444340510151110611053401595d81e55783d74324595163", "cd0216020720244f282b2a4545284938480681b0f7c14a2b571208df4455c2490b12061003b234025980c15151c228025d4a14571209120a2a02df4445597fc14a055db181e5c151120610043401595db163"];
    check_against(src, "p05_try.py", 2, &qstrs, &consts, &codes);
}
