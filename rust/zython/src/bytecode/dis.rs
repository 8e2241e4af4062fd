//! A disassembler for compiled modules: prelude fields, line table and one opcode per line.
//!
//! Never panics: truncated or malformed code is shown as far as it decodes.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use super::op;
use super::prelude::{decode as decode_prelude, Prelude};
use super::{CompiledModule, Const, RawCode};

/// (bytecode offset, line) pairs where the line changes, from a prelude's line table.
fn line_table(code: &[u8], p: &Prelude) -> Vec<(usize, usize)> {
    let table = p.line_info(code);
    let mut out = Vec::new();
    let (mut bc, mut line, mut i) = (0usize, 1usize, 0usize);
    while let Some(&c) = table.get(i) {
        let (b, l) = if c & 0x80 == 0 {
            i += 1;
            ((c & 0x1f) as usize, (c >> 5) as usize)
        } else {
            let Some(&c2) = table.get(i + 1) else {
                break;
            };
            i += 2;
            (
                (c & 0xf) as usize,
                (((c as usize) << 4) & 0x700) | c2 as usize,
            )
        };
        bc += b;
        line += l;
        out.push((bc, line));
    }
    out
}

fn read_uint(code: &[u8], pos: &mut usize) -> Option<usize> {
    super::prelude::read_vuint(code, pos).ok()
}

/// Deepest raw-code nesting shown.
const MAX_DEPTH: usize = 64;

fn qstr_name(m: &CompiledModule, i: usize) -> String {
    match m.qstrs.get(i) {
        Some(s) => s.clone(),
        None => format!("<qstr {i}>"),
    }
}

fn const_repr(c: &Const) -> String {
    match c {
        Const::Str(s) => format!("{s:?}"),
        Const::Bytes(b) => format!("b{b:?}"),
        Const::BigInt(s) => s.clone(),
        Const::Float(f) => format!("{f:?}"),
        Const::Complex(r, i) => format!("({r:?}+{i:?}j)"),
        Const::Tuple(t) => {
            let items: Vec<String> = t.iter().map(const_repr).collect();
            if items.len() == 1 {
                format!("({},)", items[0])
            } else {
                format!("({})", items.join(", "))
            }
        }
        Const::Ellipsis => String::from("Ellipsis"),
        Const::None => String::from("None"),
        Const::False => String::from("False"),
        Const::True => String::from("True"),
    }
}

fn op_name(b: u8) -> &'static str {
    match b {
        op::LOAD_CONST_FALSE => "LOAD_CONST_FALSE",
        op::LOAD_CONST_NONE => "LOAD_CONST_NONE",
        op::LOAD_CONST_TRUE => "LOAD_CONST_TRUE",
        op::LOAD_CONST_SMALL_INT => "LOAD_CONST_SMALL_INT",
        op::LOAD_CONST_STRING => "LOAD_CONST_STRING",
        op::LOAD_CONST_OBJ => "LOAD_CONST_OBJ",
        op::LOAD_NULL => "LOAD_NULL",
        op::LOAD_FAST_N => "LOAD_FAST_N",
        op::LOAD_DEREF => "LOAD_DEREF",
        op::LOAD_NAME => "LOAD_NAME",
        op::LOAD_GLOBAL => "LOAD_GLOBAL",
        op::LOAD_ATTR => "LOAD_ATTR",
        op::LOAD_METHOD => "LOAD_METHOD",
        op::LOAD_SUPER_METHOD => "LOAD_SUPER_METHOD",
        op::LOAD_BUILD_CLASS => "LOAD_BUILD_CLASS",
        op::LOAD_SUBSCR => "LOAD_SUBSCR",
        op::STORE_FAST_N => "STORE_FAST_N",
        op::STORE_DEREF => "STORE_DEREF",
        op::STORE_NAME => "STORE_NAME",
        op::STORE_GLOBAL => "STORE_GLOBAL",
        op::STORE_ATTR => "STORE_ATTR",
        op::STORE_SUBSCR => "STORE_SUBSCR",
        op::DELETE_FAST => "DELETE_FAST",
        op::DELETE_DEREF => "DELETE_DEREF",
        op::DELETE_NAME => "DELETE_NAME",
        op::DELETE_GLOBAL => "DELETE_GLOBAL",
        op::DUP_TOP => "DUP_TOP",
        op::DUP_TOP_TWO => "DUP_TOP_TWO",
        op::POP_TOP => "POP_TOP",
        op::ROT_TWO => "ROT_TWO",
        op::ROT_THREE => "ROT_THREE",
        op::UNWIND_JUMP => "UNWIND_JUMP",
        op::JUMP => "JUMP",
        op::POP_JUMP_IF_TRUE => "POP_JUMP_IF_TRUE",
        op::POP_JUMP_IF_FALSE => "POP_JUMP_IF_FALSE",
        op::JUMP_IF_TRUE_OR_POP => "JUMP_IF_TRUE_OR_POP",
        op::JUMP_IF_FALSE_OR_POP => "JUMP_IF_FALSE_OR_POP",
        op::SETUP_WITH => "SETUP_WITH",
        op::SETUP_EXCEPT => "SETUP_EXCEPT",
        op::SETUP_FINALLY => "SETUP_FINALLY",
        op::POP_EXCEPT_JUMP => "POP_EXCEPT_JUMP",
        op::FOR_ITER => "FOR_ITER",
        op::WITH_CLEANUP => "WITH_CLEANUP",
        op::END_FINALLY => "END_FINALLY",
        op::GET_ITER => "GET_ITER",
        op::GET_ITER_STACK => "GET_ITER_STACK",
        op::BUILD_TUPLE => "BUILD_TUPLE",
        op::BUILD_LIST => "BUILD_LIST",
        op::BUILD_MAP => "BUILD_MAP",
        op::STORE_MAP => "STORE_MAP",
        op::BUILD_SET => "BUILD_SET",
        op::BUILD_SLICE => "BUILD_SLICE",
        op::STORE_COMP => "STORE_COMP",
        op::UNPACK_SEQUENCE => "UNPACK_SEQUENCE",
        op::UNPACK_EX => "UNPACK_EX",
        op::RETURN_VALUE => "RETURN_VALUE",
        op::RAISE_LAST => "RAISE_LAST",
        op::RAISE_OBJ => "RAISE_OBJ",
        op::RAISE_FROM => "RAISE_FROM",
        op::YIELD_VALUE => "YIELD_VALUE",
        op::YIELD_FROM => "YIELD_FROM",
        op::MAKE_FUNCTION => "MAKE_FUNCTION",
        op::MAKE_FUNCTION_DEFARGS => "MAKE_FUNCTION_DEFARGS",
        op::MAKE_CLOSURE => "MAKE_CLOSURE",
        op::MAKE_CLOSURE_DEFARGS => "MAKE_CLOSURE_DEFARGS",
        op::CALL_FUNCTION => "CALL_FUNCTION",
        op::CALL_FUNCTION_VAR_KW => "CALL_FUNCTION_VAR_KW",
        op::CALL_METHOD => "CALL_METHOD",
        op::CALL_METHOD_VAR_KW => "CALL_METHOD_VAR_KW",
        op::IMPORT_NAME => "IMPORT_NAME",
        op::IMPORT_FROM => "IMPORT_FROM",
        op::IMPORT_STAR => "IMPORT_STAR",
        _ => "?",
    }
}

const BINARY_NAMES: [&str; 35] = [
    "<",
    ">",
    "==",
    "<=",
    ">=",
    "!=",
    "in",
    "is",
    "exception_match",
    "|=",
    "^=",
    "&=",
    "<<=",
    ">>=",
    "+=",
    "-=",
    "*=",
    "@=",
    "//=",
    "/=",
    "%=",
    "**=",
    "|",
    "^",
    "&",
    "<<",
    ">>",
    "+",
    "-",
    "*",
    "@",
    "//",
    "/",
    "%",
    "**",
];
const UNARY_NAMES: [&str; 4] = ["+", "-", "~", "not"];

/// Decode one opcode at `pos` of `bc`; returns its text and length (None when truncated).
fn decode_op(m: &CompiledModule, bc: &[u8], pos: usize) -> Option<(String, usize)> {
    let b = *bc.get(pos)?;
    let mut p = pos + 1;
    let text = match b {
        0x70..=0xaf => format!(
            "LOAD_CONST_SMALL_INT {}",
            b as i32
                - op::LOAD_CONST_SMALL_INT_MULTI as i32
                - op::LOAD_CONST_SMALL_INT_MULTI_EXCESS
        ),
        0xb0..=0xbf => format!("LOAD_FAST {}", b - op::LOAD_FAST_MULTI),
        0xc0..=0xcf => format!("STORE_FAST {}", b - op::STORE_FAST_MULTI),
        0xd0..=0xd6 => format!(
            "UNARY_OP {}",
            UNARY_NAMES
                .get((b - op::UNARY_OP_MULTI) as usize)
                .unwrap_or(&"?")
        ),
        0xd7..=0xff => format!(
            "BINARY_OP {}",
            BINARY_NAMES
                .get((b - op::BINARY_OP_MULTI) as usize)
                .unwrap_or(&"?")
        ),
        op::LOAD_CONST_SMALL_INT => {
            let first = *bc.get(p)?;
            let mut v: i64 = if first & 0x40 != 0 { -1 } else { 0 };
            for _ in 0..10 {
                let c = *bc.get(p)?;
                p += 1;
                v = (v << 7) | (c & 0x7f) as i64;
                if c & 0x80 == 0 {
                    break;
                }
            }
            format!("LOAD_CONST_SMALL_INT {v}")
        }
        _ => match op::format(b) {
            op::FORMAT_QSTR => {
                let q = read_uint(bc, &mut p)?;
                format!("{} {}", op_name(b), qstr_name(m, q))
            }
            op::FORMAT_VAR_UINT => {
                let v = read_uint(bc, &mut p)?;
                match b {
                    op::LOAD_CONST_OBJ => match m.consts.get(v) {
                        Some(c) => format!("LOAD_CONST_OBJ {}", const_repr(c)),
                        None => format!("LOAD_CONST_OBJ <const {v}>"),
                    },
                    op::CALL_FUNCTION
                    | op::CALL_FUNCTION_VAR_KW
                    | op::CALL_METHOD
                    | op::CALL_METHOD_VAR_KW => {
                        format!("{} n={} nkw={}", op_name(b), v & 0xff, v >> 8)
                    }
                    op::UNPACK_EX => format!("UNPACK_EX {} {}", v & 0xff, v >> 8),
                    op::MAKE_CLOSURE | op::MAKE_CLOSURE_DEFARGS => {
                        let n = *bc.get(p)?;
                        p += 1;
                        format!("{} child {} ncells={}", op_name(b), v, n)
                    }
                    op::MAKE_FUNCTION | op::MAKE_FUNCTION_DEFARGS => {
                        format!("{} child {}", op_name(b), v)
                    }
                    _ => format!("{} {}", op_name(b), v),
                }
            }
            op::FORMAT_OFFSET => {
                let c0 = *bc.get(p)? as usize;
                p += 1;
                let mut off = c0 & 0x7f;
                let big = c0 & 0x80 != 0;
                if big {
                    off |= (*bc.get(p)? as usize) << 7;
                    p += 1;
                }
                let signed = b <= op::POP_JUMP_IF_FALSE;
                let rel: i64 = if signed {
                    off as i64 - if big { 0x4000 } else { 0x40 }
                } else {
                    off as i64
                };
                let target = p as i64 + rel;
                if b == op::UNWIND_JUMP {
                    let depth = *bc.get(p)?;
                    p += 1;
                    format!("UNWIND_JUMP {:04} depth={:#x}", target, depth)
                } else {
                    format!("{} {:04}", op_name(b), target)
                }
            }
            _ => String::from(op_name(b)),
        },
    };
    Some((text, p - pos))
}

fn dis_raw(m: &CompiledModule, rc: &RawCode, path: &str, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        let _ = writeln!(out, "raw code {path}: nested too deep");
        return;
    }
    let p = match decode_prelude(&rc.code) {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(out, "raw code {path}: bad prelude ({e})");
            return;
        }
    };
    let _ = writeln!(
        out,
        "raw code {path} {}: n_state={} n_exc_stack={} flags={:#x} pos={} kwonly={} defpos={}",
        qstr_name(m, p.simple_name),
        p.n_state,
        p.n_exc_stack,
        p.scope_flags,
        p.n_pos_args,
        p.n_kwonly_args,
        p.n_def_pos_args
    );
    if !p.arg_names.is_empty() {
        let names: Vec<String> = p.arg_names.iter().map(|&q| qstr_name(m, q)).collect();
        let _ = writeln!(out, "  args: {}", names.join(" "));
    }
    let cells = p.cells(&rc.code);
    if !cells.is_empty() {
        let _ = writeln!(out, "  cells: {cells:?}");
    }
    let lines = line_table(&rc.code, &p);
    if !lines.is_empty() {
        let l: Vec<String> = lines.iter().map(|(b, l)| format!("{b}:{l}")).collect();
        let _ = writeln!(out, "  lines: {}", l.join(" "));
    }
    let bc = rc.code.get(p.bytecode_start..).unwrap_or(&[]);
    let mut pos = 0;
    while pos < bc.len() {
        match decode_op(m, bc, pos) {
            Some((text, len)) => {
                let _ = writeln!(out, "  {pos:04} {text}");
                pos += len;
            }
            None => {
                let _ = writeln!(out, "  {pos:04} <truncated>");
                break;
            }
        }
    }
    for (i, c) in rc.children.iter().enumerate() {
        dis_raw(m, c, &format!("{path}.{i}"), out, depth + 1);
    }
}

/// Disassemble every raw code of `m` (children after their parent).
pub fn disassemble(m: &CompiledModule) -> String {
    let mut out = String::new();
    dis_raw(m, &m.root, "0", &mut out, 0);
    out
}

/// The special-method names MicroPython's `-v -v` dump shows after a binary op's number (empty
/// where it has none).
const BINARY_METHODS: [&str; 35] = [
    "__lt__",
    "__gt__",
    "__eq__",
    "__le__",
    "__ge__",
    "__ne__",
    "",
    "",
    "",
    "__ior__",
    "__ixor__",
    "__iand__",
    "__ilshift__",
    "__irshift__",
    "__iadd__",
    "__isub__",
    "__imul__",
    "__imatmul__",
    "__ifloordiv__",
    "__itruediv__",
    "__imod__",
    "__ipow__",
    "__or__",
    "__xor__",
    "__and__",
    "__lshift__",
    "__rshift__",
    "__add__",
    "__sub__",
    "__mul__",
    "__matmul__",
    "__floordiv__",
    "__truediv__",
    "__mod__",
    "__pow__",
];
const UNARY_METHODS: [&str; 4] = ["__pos__", "__neg__", "__invert__", ""];

/// A Python repr of a str (single quotes unless the text has one and no double quote).
fn py_str_repr(s: &str, out: &mut String) {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(q);
}

/// A constant as Python's repr shows it.
fn py_const_repr(c: &Const, out: &mut String) {
    match c {
        Const::Str(s) => py_str_repr(s, out),
        Const::Bytes(b) => {
            let q = if b.contains(&b'\'') && !b.contains(&b'"') {
                b'"'
            } else {
                b'\''
            };
            out.push('b');
            out.push(q as char);
            for &x in b.iter() {
                match x {
                    b'\\' => out.push_str("\\\\"),
                    b'\n' => out.push_str("\\n"),
                    b'\r' => out.push_str("\\r"),
                    b'\t' => out.push_str("\\t"),
                    x if x == q => {
                        out.push('\\');
                        out.push(x as char);
                    }
                    0x20..=0x7e => out.push(x as char),
                    x => {
                        let _ = write!(out, "\\x{x:02x}");
                    }
                }
            }
            out.push(q as char);
        }
        Const::Tuple(t) => {
            out.push('(');
            for (i, x) in t.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                py_const_repr(x, out);
            }
            if t.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        c => out.push_str(&const_repr(c)),
    }
}

/// One instruction as MicroPython's `-v -v` dump prints it (`showbc`).
fn showbc_op(m: &CompiledModule, rc: &RawCode, bc: &[u8], pos: usize) -> Option<(String, usize)> {
    let b = *bc.get(pos)?;
    let mut p = pos + 1;
    let child = |i: usize| -> *const RawCode {
        rc.children
            .get(i)
            .map_or(core::ptr::null(), |c| c as *const RawCode)
    };
    let text = match b {
        0x70..=0xaf => format!("LOAD_CONST_SMALL_INT {}", b as i32 - 0x70 - 16),
        0xd0..=0xd6 => {
            let n = (b - op::UNARY_OP_MULTI) as usize;
            format!("UNARY_OP {n} {}", UNARY_METHODS.get(n).unwrap_or(&""))
        }
        0xd7..=0xff => {
            let n = (b - op::BINARY_OP_MULTI) as usize;
            format!("BINARY_OP {n} {}", BINARY_METHODS.get(n).unwrap_or(&""))
        }
        op::LOAD_CONST_STRING | op::IMPORT_NAME | op::IMPORT_FROM => {
            let q = read_uint(bc, &mut p)?;
            format!("{} '{}'", op_name(b), qstr_name(m, q))
        }
        op::LOAD_CONST_OBJ => {
            let v = read_uint(bc, &mut p)?;
            let mut t = String::from("LOAD_CONST_OBJ ");
            match m.consts.get(v) {
                Some(c) => {
                    let _ = write!(t, "{:p}=", c as *const Const);
                    py_const_repr(c, &mut t);
                }
                None => {
                    let _ = write!(t, "<const {v}>");
                }
            }
            t
        }
        op::MAKE_FUNCTION | op::MAKE_FUNCTION_DEFARGS => {
            let v = read_uint(bc, &mut p)?;
            format!("{} {:p}", op_name(b), child(v))
        }
        op::MAKE_CLOSURE | op::MAKE_CLOSURE_DEFARGS => {
            let v = read_uint(bc, &mut p)?;
            let n = *bc.get(p)?;
            p += 1;
            format!("{} {:p} {}", op_name(b), child(v), n)
        }
        op::UNPACK_EX => {
            let v = read_uint(bc, &mut p)?;
            format!("UNPACK_EX {v}")
        }
        op::UNWIND_JUMP => {
            let (text, len) = decode_op(m, bc, pos)?;
            // "UNWIND_JUMP 0325 depth=0x1" -> "UNWIND_JUMP 325 1"
            let mut it = text.split_whitespace().skip(1);
            let target: usize = it.next()?.parse().ok()?;
            let depth = *bc.get(pos + len - 1)?;
            return Some((format!("UNWIND_JUMP {target} {depth}"), len));
        }
        _ => {
            let (text, len) = decode_op(m, bc, pos)?;
            // Jump targets: no zero padding.
            let text = match op::format(b) {
                op::FORMAT_OFFSET => {
                    let (name, target) = text.split_once(' ')?;
                    format!("{name} {}", target.parse::<usize>().ok()?)
                }
                _ => text,
            };
            return Some((text, len));
        }
    };
    Some((text, p - pos))
}

/// One raw code as MicroPython's `-v -v` prints it: header, raw bytes, prelude, line table and
/// instructions.
fn showbc_raw(m: &CompiledModule, rc: &RawCode, out: &mut String) {
    let code: &[u8] = &rc.code;
    let Ok(p) = decode_prelude(code) else {
        let _ = writeln!(out, "bad prelude");
        return;
    };
    let _ = writeln!(
        out,
        "File {}, code block '{}' (descriptor: {:p}, bytecode @{:p} {} bytes)",
        qstr_name(m, 0),
        qstr_name(m, p.simple_name),
        rc as *const RawCode,
        code.as_ptr(),
        code.len()
    );
    let start = p.bytecode_start.min(code.len());
    let _ = writeln!(
        out,
        "Raw bytecode (code_info_size={}, bytecode_size={}):",
        start,
        code.len() - start
    );
    for (i, b) in code.iter().enumerate() {
        if i > 0 && i % 16 == 0 {
            out.push('\n');
        }
        let _ = write!(out, " {b:02x}");
    }
    out.push('\n');
    out.push_str("arg names:");
    for &q in &p.arg_names {
        let _ = write!(out, " {}", qstr_name(m, q));
    }
    out.push('\n');
    let _ = writeln!(out, "(N_STATE {})", p.n_state);
    let _ = writeln!(out, "(N_EXC_STACK {})", p.n_exc_stack);
    for c in p.cells(code) {
        let _ = writeln!(out, "(INIT_CELL {c})");
    }
    out.push_str("  bc=0 line=1\n");
    for (b, l) in line_table(code, &p) {
        let _ = writeln!(out, "  bc={b} line={l}");
    }
    let bc = &code[start..];
    let mut pos = 0;
    while pos < bc.len() {
        match showbc_op(m, rc, bc, pos) {
            Some((text, len)) => {
                let _ = writeln!(out, "{pos:02} {text}");
                pos += len;
            }
            None => break,
        }
    }
}

/// Every raw code of `m` in MicroPython's `-v -v` format (`mp_bytecode_print`), in the order
/// its compiler lists scopes: the module, then the functions breadth first.
pub fn showbc(m: &CompiledModule) -> String {
    let mut out = String::new();
    let mut queue: alloc::collections::VecDeque<(&RawCode, usize)> =
        alloc::collections::VecDeque::new();
    queue.push_back((&m.root, 0));
    while let Some((rc, depth)) = queue.pop_front() {
        showbc_raw(m, rc, &mut out);
        if depth < MAX_DEPTH {
            queue.extend(rc.children.iter().map(|c| (c, depth + 1)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn decodes_small_module() {
        // x = 1; print(x + 2), as mpy-cross compiles it.
        let code = vec![
            0x10, 0x04, 0x01, 0x23, 0x81, 0x16, 0x02, 0x11, 0x03, 0x11, 0x02, 0x82, 0xf2, 0x34,
            0x01, 0x59, 0x51, 0x63,
        ];
        let m = CompiledModule {
            qstrs: vec!["t.py".into(), "<module>".into(), "x".into(), "print".into()],
            consts: vec![],
            root: RawCode {
                code: code.into(),
                children: vec![],
            },
        };
        let text = disassemble(&m);
        assert!(text.contains("<module>: n_state=3"), "{text}");
        assert!(text.contains("lines: 3:2"), "{text}");
        assert!(text.contains("0000 LOAD_CONST_SMALL_INT 1"), "{text}");
        assert!(text.contains("0001 STORE_NAME x"), "{text}");
        assert!(text.contains("0008 BINARY_OP +"), "{text}");
        assert!(text.contains("0009 CALL_FUNCTION n=1 nkw=0"), "{text}");
        assert!(text.contains("0013 RETURN_VALUE"), "{text}");
    }

    #[test]
    fn showbc_prints_micropython_s_verbose_format() {
        let code = vec![
            0x10, 0x04, 0x01, 0x23, 0x81, 0x16, 0x02, 0x11, 0x03, 0x11, 0x02, 0x82, 0xf2, 0x34,
            0x01, 0x59, 0x51, 0x63,
        ];
        let m = CompiledModule {
            qstrs: vec!["t.py".into(), "<module>".into(), "x".into(), "print".into()],
            consts: vec![],
            root: RawCode {
                code: code.into(),
                children: vec![],
            },
        };
        let text = showbc(&m);
        assert!(
            text.starts_with("File t.py, code block '<module>' (descriptor: "),
            "{text}"
        );
        assert!(
            text.contains(
                " 18 bytes)\nRaw bytecode (code_info_size=4, bytecode_size=14):\n 10 04 01 23 81"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "arg names:\n(N_STATE 3)\n(N_EXC_STACK 0)\n  bc=0 line=1\n  bc=3 line=2\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("\n00 LOAD_CONST_SMALL_INT 1\n01 STORE_NAME x\n"),
            "{text}"
        );
        assert!(
            text.contains("\n08 BINARY_OP 27 __add__\n09 CALL_FUNCTION n=1 nkw=0\n"),
            "{text}"
        );
        assert!(text.ends_with("13 RETURN_VALUE\n"), "{text}");
    }

    #[test]
    fn truncated_code_does_not_panic() {
        let m = CompiledModule {
            qstrs: vec![],
            consts: vec![],
            root: RawCode {
                code: vec![0x80, 0x80].into(),
                children: vec![],
            },
        };
        assert!(disassemble(&m).contains("bad prelude"));
        let m2 = CompiledModule {
            qstrs: vec![],
            consts: vec![],
            root: RawCode {
                code: vec![0x00, 0x02, 0x00, 0x22, 0x80].into(),
                children: vec![],
            },
        };
        assert!(disassemble(&m2).contains("<truncated>"));
    }
}
