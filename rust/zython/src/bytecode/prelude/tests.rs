//! Tests of prelude decoding, line lookup and the validator.

use super::*;
use crate::bytecode::op;

/// Builds prelude + bytecode from parts.
fn build(
    sig: &Signature,
    name: usize,
    args: &[usize],
    lines: &[u8],
    cells: &[u8],
    bc: &[u8],
) -> Vec<u8> {
    let mut info = Vec::new();
    write_vuint(&mut info, name);
    for &a in args {
        write_vuint(&mut info, a);
    }
    info.extend_from_slice(lines);
    let mut out = Vec::new();
    encode_signature(&mut out, sig);
    encode_size(&mut out, info.len(), cells.len());
    out.extend_from_slice(&info);
    out.extend_from_slice(cells);
    out.extend_from_slice(bc);
    out
}

fn sig(n_state: usize) -> Signature {
    Signature {
        n_state,
        ..Signature::default()
    }
}

const RET_NONE: [u8; 2] = [op::LOAD_CONST_NONE, op::RETURN_VALUE];

#[test]
fn vuint_round_trip_and_msb_first() {
    let mut out = Vec::new();
    write_vuint(&mut out, 300);
    assert_eq!(out, [0x82, 0x2c]);
    for v in [0usize, 1, 127, 128, 16383, 16384, 0xffff_ffff] {
        let mut out = Vec::new();
        write_vuint(&mut out, v);
        let mut pos = 0;
        assert_eq!(read_vuint(&out, &mut pos), Ok(v));
        assert_eq!(pos, out.len());
    }
    let mut pos = 0;
    assert!(read_vuint(&[0x80], &mut pos).is_err());
    let mut pos = 0;
    assert!(read_vuint(&[0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], &mut pos).is_err());
}

#[test]
fn signature_round_trips() {
    for n_state in [1usize, 2, 16, 17, 100, 1000, 0xffff] {
        for flags in 0..16u8 {
            for (a, k, d, e) in [(0, 0, 0, 0), (3, 0, 1, 1), (5, 2, 5, 3), (200, 17, 9, 12)] {
                let s = Signature {
                    n_state,
                    n_exc_stack: e,
                    scope_flags: flags,
                    n_pos_args: a,
                    n_kwonly_args: k,
                    n_def_pos_args: d,
                };
                let mut out = Vec::new();
                encode_signature(&mut out, &s);
                let mut pos = 0;
                assert_eq!(decode_signature(&out, &mut pos), Ok(s));
                assert_eq!(pos, out.len());
            }
        }
    }
    // Known byte: n_state 3, no args: (3-1) << 3.
    let mut out = Vec::new();
    encode_signature(&mut out, &sig(3));
    assert_eq!(out, [0x10]);
}

#[test]
fn size_round_trips() {
    for n_info in [0usize, 1, 63, 64, 1000, 100_000] {
        for n_cell in [0usize, 1, 2, 3, 7] {
            let mut out = Vec::new();
            encode_size(&mut out, n_info, n_cell);
            let mut pos = 0;
            assert_eq!(decode_size(&out, &mut pos), Ok((n_info, n_cell)));
            assert_eq!(pos, out.len());
        }
    }
}

#[test]
fn decode_fields() {
    let s = Signature {
        n_state: 6,
        n_exc_stack: 1,
        scope_flags: op::SCOPE_VARARGS,
        n_pos_args: 2,
        n_kwonly_args: 1,
        n_def_pos_args: 1,
    };
    let code = build(&s, 4, &[5, 6, 7], &[0x41], &[1], &RET_NONE);
    let p = decode(&code).unwrap();
    assert_eq!(p.n_state, 6);
    assert_eq!(p.n_exc_stack, 1);
    assert_eq!(p.scope_flags, op::SCOPE_VARARGS);
    assert_eq!((p.n_pos_args, p.n_kwonly_args, p.n_def_pos_args), (2, 1, 1));
    assert_eq!(p.simple_name, 4);
    assert_eq!(p.arg_names, [5, 6, 7]);
    assert_eq!(p.n_info, 5);
    assert_eq!(p.n_cell, 1);
    assert_eq!(p.line_info(&code), [0x41]);
    assert_eq!(p.cells(&code), [1]);
    assert_eq!(&code[p.bytecode_start..], RET_NONE);
    assert_eq!(p.n_arg_slots(), 4);
    assert!(!p.is_generator());
    assert_eq!(validate(&code, 8, 0, 0), Ok(()));
    // Qstr 7 needs a table of 8.
    assert!(validate(&code, 7, 0, 0).is_err());
}

#[test]
fn decode_rejects_truncation_everywhere() {
    let code = build(&sig(4), 1, &[], &[0x41, 0x82, 0x05], &[0], &RET_NONE);
    assert!(decode(&code).is_ok());
    // Cutting into the prelude must fail; cutting only bytecode leaves a valid prelude.
    let p = decode(&code).unwrap();
    for len in 0..p.bytecode_start {
        assert!(decode(&code[..len]).is_err(), "len {len}");
    }
    for len in 0..code.len() {
        assert!(validate(&code[..len], 4, 0, 0).is_err(), "len {len}");
    }
}

#[test]
fn line_numbers() {
    // Lines: offset 0-1 line 1, 2-4 line 3 (via a 2-byte entry), 5.. line 303.
    let mut lines = Vec::new();
    encode_line_info(&mut lines, 2, 2);
    encode_line_info(&mut lines, 3, 300);
    let bc = [op::LOAD_CONST_NONE; 8];
    let mut code = build(&sig(2), 1, &[], &lines, &[], &bc);
    code.push(op::RETURN_VALUE);
    let p = decode(&code).unwrap();
    assert_eq!(line_for_offset(&code, &p, 0), 1);
    assert_eq!(line_for_offset(&code, &p, 1), 1);
    assert_eq!(line_for_offset(&code, &p, 2), 3);
    assert_eq!(line_for_offset(&code, &p, 4), 3);
    assert_eq!(line_for_offset(&code, &p, 5), 303);
    assert_eq!(line_for_offset(&code, &p, 1_000_000), 303);
    // A big line jump needs several entries and still adds up.
    let mut lines = Vec::new();
    encode_line_info(&mut lines, 40, 5000);
    let code = build(&sig(2), 1, &[], &lines, &[], &RET_NONE);
    let p = decode(&code).unwrap();
    assert_eq!(line_for_offset(&code, &p, 40), 5001);
    assert_eq!(line_for_offset(&code, &p, 39), 1);
}

#[test]
fn truncated_line_table_is_rejected() {
    let code = build(&sig(2), 1, &[], &[0x80], &[], &RET_NONE);
    assert_eq!(decode(&code), Err("truncated line-number table"));
}

#[test]
fn validator_checks_operands() {
    let ok = |bc: &[u8]| validate(&build(&sig(4), 0, &[], &[], &[], bc), 3, 2, 1);
    assert_eq!(ok(&RET_NONE), Ok(()));
    assert_eq!(ok(&[op::LOAD_NAME, 2, op::RETURN_VALUE]), Ok(()));
    assert!(ok(&[op::LOAD_NAME, 3, op::RETURN_VALUE]).is_err());
    assert_eq!(ok(&[op::LOAD_CONST_OBJ, 1, op::RETURN_VALUE]), Ok(()));
    assert!(ok(&[op::LOAD_CONST_OBJ, 2, op::RETURN_VALUE]).is_err());
    assert_eq!(ok(&[op::MAKE_FUNCTION, 0, op::RETURN_VALUE]), Ok(()));
    assert!(ok(&[op::MAKE_FUNCTION, 1, op::RETURN_VALUE]).is_err());
    assert_eq!(
        ok(&[op::LOAD_NULL, op::MAKE_CLOSURE, 0, 1, op::RETURN_VALUE]),
        Ok(())
    );
    assert!(ok(&[op::MAKE_CLOSURE, 0]).is_err());
    assert_eq!(ok(&[op::LOAD_FAST_N, 3, op::RETURN_VALUE]), Ok(()));
    assert!(ok(&[op::LOAD_FAST_N, 4, op::RETURN_VALUE]).is_err());
    assert!(ok(&[op::LOAD_FAST_MULTI + 4, op::RETURN_VALUE]).is_err());
    assert!(ok(&[op::STORE_FAST_MULTI + 4, op::RETURN_VALUE]).is_err());
    assert_eq!(ok(&[op::LOAD_FAST_MULTI + 3, op::RETURN_VALUE]), Ok(()));
    assert!(ok(&[op::BUILD_TUPLE, 5, op::RETURN_VALUE]).is_err());
    assert!(ok(&[op::BUILD_SLICE, 4, op::RETURN_VALUE]).is_err());
    // Undefined opcodes.
    for bad in [
        0x00u8, 0x0f, 0x1d, 0x38, 0x41, 0x4c, 0x60, 0x61, 0x6a, 0xfa, 0xff,
    ] {
        assert!(
            ok(&[bad, op::LOAD_CONST_NONE, op::RETURN_VALUE]).is_err(),
            "{bad:#x}"
        );
    }
    // Must not fall off the end.
    assert!(ok(&[op::LOAD_CONST_NONE]).is_err());
    assert!(ok(&[op::LOAD_CONST_SMALL_INT]).is_err());
    assert!(ok(&[op::LOAD_CONST_SMALL_INT, 0x80]).is_err());
}

#[test]
fn small_int_operands() {
    let val = |bytes: &[u8]| {
        let mut pos = 0;
        validate::signed_operand(bytes, &mut pos)
    };
    assert_eq!(val(&[0x00]), Ok(0));
    assert_eq!(val(&[0x3f]), Ok(63));
    assert_eq!(val(&[0x40]), Ok(-64));
    assert_eq!(val(&[0x7f]), Ok(-1));
    assert_eq!(val(&[0x80, 0x40]), Ok(64));
    assert_eq!(val(&[0xff, 0x00]), Ok(-128));
    assert!(val(&[0x81; 12]).is_err());
}

#[test]
fn validator_checks_jumps() {
    let ok = |bc: &[u8]| validate(&build(&sig(4), 0, &[], &[], &[], bc), 1, 0, 0);
    // JUMP +0 (offset byte 0x40) lands on the next instruction.
    assert_eq!(
        ok(&[op::JUMP, 0x40, op::LOAD_CONST_NONE, op::RETURN_VALUE]),
        Ok(())
    );
    // Backward jump to itself: offset -2.
    assert_eq!(ok(&[op::JUMP, 0x3e]), Ok(()));
    // Into the middle of an instruction, before the code, past the end.
    assert!(ok(&[op::JUMP, 0x41, op::LOAD_NAME, 0, op::RETURN_VALUE]).is_err());
    assert!(ok(&[op::JUMP, 0x3d, op::RETURN_VALUE]).is_err());
    assert!(ok(&[op::JUMP, 0x7f, op::LOAD_CONST_NONE, op::RETURN_VALUE]).is_err());
    assert!(ok(&[
        op::POP_JUMP_IF_TRUE,
        0x00,
        op::LOAD_CONST_NONE,
        op::RETURN_VALUE
    ])
    .is_err());
    // Unsigned forward offsets and the two-byte form.
    assert_eq!(
        ok(&[op::FOR_ITER, 0x00, op::LOAD_CONST_NONE, op::RETURN_VALUE]),
        Ok(())
    );
    assert_eq!(
        ok(&[
            op::SETUP_EXCEPT,
            0x80,
            0x00,
            op::LOAD_CONST_NONE,
            op::RETURN_VALUE
        ]),
        Ok(())
    );
    assert!(ok(&[
        op::SETUP_EXCEPT,
        0x80,
        0x01,
        op::LOAD_CONST_NONE,
        op::RETURN_VALUE
    ])
    .is_err());
    assert!(ok(&[op::SETUP_EXCEPT, 0x80]).is_err());
    // UNWIND_JUMP: target taken before its extra byte; handler count bounded.
    let s = Signature {
        n_state: 4,
        n_exc_stack: 1,
        ..Signature::default()
    };
    let code = build(
        &s,
        0,
        &[],
        &[],
        &[],
        &[
            op::UNWIND_JUMP,
            0x41,
            0x01,
            op::LOAD_CONST_NONE,
            op::RETURN_VALUE,
        ],
    );
    assert_eq!(validate(&code, 1, 0, 0), Ok(()));
    let code = build(
        &s,
        0,
        &[],
        &[],
        &[],
        &[
            op::UNWIND_JUMP,
            0x41,
            0x02,
            op::LOAD_CONST_NONE,
            op::RETURN_VALUE,
        ],
    );
    assert!(validate(&code, 1, 0, 0).is_err());
}

#[test]
fn validator_checks_prelude_limits() {
    // Arguments need state slots.
    let s = Signature {
        n_state: 1,
        n_pos_args: 2,
        ..Signature::default()
    };
    assert!(validate(&build(&s, 0, &[0, 0], &[], &[], &RET_NONE), 1, 0, 0).is_err());
    // Cells must name a local.
    assert!(validate(&build(&sig(2), 0, &[], &[], &[2], &RET_NONE), 1, 0, 0).is_err());
    assert_eq!(
        validate(&build(&sig(2), 0, &[], &[], &[1], &RET_NONE), 1, 0, 0),
        Ok(())
    );
    // No bytecode at all.
    assert!(validate(&build(&sig(2), 0, &[], &[], &[], &[]), 1, 0, 0).is_err());
    // Defaults cannot outnumber positional arguments.
    let s = Signature {
        n_state: 4,
        n_pos_args: 1,
        n_def_pos_args: 2,
        ..Signature::default()
    };
    assert!(decode(&build(&s, 0, &[0], &[], &[], &RET_NONE)).is_err());
    // Endless signature.
    assert!(decode(&[0xff; 64]).is_err());
}

/// Line lookup on compiler output: each statement's store maps to its own source line.
#[cfg(feature = "compiler")]
#[test]
fn line_numbers_of_compiled_code() {
    use crate::compile::{compile_source, Mode};
    let m = compile_source("a = 1\nb = 2\n\n\nc = 3\n", "t.py", Mode::File, 0).unwrap();
    let code = &m.root.code;
    let p = decode(code).unwrap();
    assert_eq!(validate(code, m.qstrs.len(), m.consts.len(), 0), Ok(()));
    // Find the STORE_NAME instructions (opcode, qstr operand < 128) in order.
    let mut lines = Vec::new();
    let mut ip = p.bytecode_start;
    while ip < code.len() {
        let opcode = code[ip];
        if opcode == op::STORE_NAME {
            lines.push(line_for_offset(code, &p, ip - p.bytecode_start));
        }
        ip += match op::format(opcode) {
            op::FORMAT_BYTE => 1,
            _ => 2,
        };
    }
    assert_eq!(lines, [1, 2, 5]);
}
