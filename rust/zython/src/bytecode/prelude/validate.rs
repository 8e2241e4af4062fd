//! The bytecode validator: proves that a raw code can be decoded and run without reading
//! past its end or indexing outside the module's tables.

use super::{decode, read_vuint, Prelude};
use crate::bytecode::op;
use alloc::vec::Vec;

/// Checks one raw code's prelude and bytecode against its module's table sizes.
///
/// After `Ok(())` the VM may rely on: the prelude decodes (see [`decode`]); the simple name,
/// argument names and every qstr operand index `< n_qstrs`; `LOAD_CONST_OBJ` operands
/// `< n_consts`; `MAKE_FUNCTION`/`MAKE_CLOSURE` operands `< n_children`; every opcode is a
/// defined one and its operand and extra byte lie inside `code`; every jump, handler and
/// `FOR_ITER` target is the start of an instruction; the last instruction does not fall
/// through past the end; local and cell numbers (`*_FAST*`, `*_DEREF`, the cell list)
/// are `< n_state`; argument slots fit in n_state; `LOAD_CONST_SMALL_INT` fits an `i64`;
/// counts taken from the stack (build, unpack, call) are at most n_state; `UNWIND_JUMP`
/// unwinds at most n_exc_stack handlers.
///
/// It does NOT prove the value-stack or exception-stack depth of every path: the VM must
/// still bounds-check its stack pointer against n_state (and its handler stack) to stay
/// panic-free on hostile input.
pub fn validate(
    code: &[u8],
    n_qstrs: usize,
    n_consts: usize,
    n_children: usize,
) -> Result<(), &'static str> {
    let p = decode(code)?;
    check_prelude(code, &p, n_qstrs)?;
    let t = Tables {
        n_qstrs,
        n_consts,
        n_children,
        n_state: p.n_state,
        n_exc_stack: p.n_exc_stack,
    };
    walk(code, p.bytecode_start, &t)
}

/// The error for a code too big for the memory there is (MemoryError, not a bad file).
pub const NO_MEMORY: &str = "memory allocation failed";

/// The limits operands are checked against.
struct Tables {
    n_qstrs: usize,
    n_consts: usize,
    n_children: usize,
    n_state: usize,
    n_exc_stack: usize,
}

/// Checks the prelude's qstr indices, argument slots and cell list.
fn check_prelude(code: &[u8], p: &Prelude, n_qstrs: usize) -> Result<(), &'static str> {
    if p.simple_name >= n_qstrs || p.arg_names.iter().any(|&q| q >= n_qstrs) {
        return Err("prelude qstr index out of range");
    }
    if p.n_arg_slots() > p.n_state {
        return Err("prelude n_state smaller than its arguments");
    }
    if p.cells(code).iter().any(|&c| usize::from(c) >= p.n_state) {
        return Err("prelude cell number out of range");
    }
    if p.bytecode_start >= code.len() {
        return Err("raw code has no bytecode");
    }
    Ok(())
}

/// Walks every instruction from `start` to the end of `code`.
fn walk(code: &[u8], start: usize, t: &Tables) -> Result<(), &'static str> {
    // starts[i] is true when an instruction begins at code offset i. A file decides these
    // sizes: allocated fallibly.
    let mut starts = Vec::new();
    starts
        .try_reserve_exact(code.len())
        .map_err(|_| NO_MEMORY)?;
    starts.resize(code.len(), false);
    let mut targets: Vec<usize> = Vec::new();
    let mut ip = start;
    let mut last_op = 0u8;
    while ip < code.len() {
        starts[ip] = true;
        let opcode = code[ip];
        last_op = opcode;
        let mut pos = ip + 1;
        match op::format(opcode) {
            op::FORMAT_QSTR => {
                if opcode > op::IMPORT_FROM {
                    return Err("invalid opcode");
                }
                let q = operand(code, &mut pos)?;
                if q >= t.n_qstrs {
                    return Err("qstr operand out of range");
                }
            }
            op::FORMAT_VAR_UINT => var_uint_op(code, opcode, &mut pos, t)?,
            op::FORMAT_OFFSET => {
                let target = offset_op(code, opcode, &mut pos)?;
                targets.try_reserve(1).map_err(|_| NO_MEMORY)?;
                targets.push(target);
                if opcode == op::UNWIND_JUMP {
                    let n = *code.get(pos).ok_or("truncated bytecode")?;
                    pos += 1;
                    if usize::from(n & 0x7f) > t.n_exc_stack {
                        return Err("UNWIND_JUMP unwinds too many handlers");
                    }
                }
            }
            _ => byte_op(opcode, t)?,
        }
        ip = pos;
    }
    if ip != code.len() {
        return Err("truncated bytecode");
    }
    if !matches!(
        last_op,
        op::RETURN_VALUE | op::RAISE_LAST | op::RAISE_OBJ | op::RAISE_FROM | op::JUMP
    ) {
        return Err("bytecode runs past its end");
    }
    for target in targets {
        if target < start || !starts.get(target).copied().unwrap_or(false) {
            return Err("jump target outside the bytecode");
        }
    }
    Ok(())
}

/// Reads an unsigned operand.
fn operand(code: &[u8], pos: &mut usize) -> Result<usize, &'static str> {
    read_vuint(code, pos).map_err(|_| "bad bytecode operand")
}

/// Reads the signed operand of `LOAD_CONST_SMALL_INT`, which must fit an i64.
pub(crate) fn signed_operand(code: &[u8], pos: &mut usize) -> Result<i64, &'static str> {
    let mut b = *code.get(*pos).ok_or("truncated bytecode")?;
    *pos += 1;
    let mut v = i64::from(b & 0x7f);
    if b & 0x40 != 0 {
        v -= 0x80;
    }
    while b & 0x80 != 0 {
        b = *code.get(*pos).ok_or("truncated bytecode")?;
        *pos += 1;
        v = v.checked_mul(0x80).ok_or("small int operand too large")? | i64::from(b & 0x7f);
    }
    Ok(v)
}

/// Checks an opcode of the var-uint format and its operand (and extra byte).
fn var_uint_op(code: &[u8], opcode: u8, pos: &mut usize, t: &Tables) -> Result<(), &'static str> {
    if opcode == op::LOAD_CONST_SMALL_INT {
        signed_operand(code, pos)?;
        return Ok(());
    }
    if opcode > op::CALL_METHOD_VAR_KW {
        return Err("invalid opcode");
    }
    let arg = operand(code, pos)?;
    let ok = match opcode {
        op::MAKE_CLOSURE | op::MAKE_CLOSURE_DEFARGS => {
            let n_closed = *code.get(*pos).ok_or("truncated bytecode")?;
            *pos += 1;
            arg < t.n_children && usize::from(n_closed) <= t.n_state
        }
        op::MAKE_FUNCTION | op::MAKE_FUNCTION_DEFARGS => arg < t.n_children,
        op::LOAD_CONST_OBJ => arg < t.n_consts,
        op::LOAD_FAST_N
        | op::LOAD_DEREF
        | op::STORE_FAST_N
        | op::STORE_DEREF
        | op::DELETE_FAST
        | op::DELETE_DEREF => arg < t.n_state,
        op::BUILD_TUPLE | op::BUILD_LIST | op::BUILD_SET | op::UNPACK_SEQUENCE => arg <= t.n_state,
        op::BUILD_MAP => true,
        op::BUILD_SLICE => arg == 2 || arg == 3,
        op::STORE_COMP => (arg >> 2) <= t.n_state,
        op::UNPACK_EX => arg <= 0xffff && (arg & 0xff) + (arg >> 8) < t.n_state,
        // CALL_*: n_positional | n_keyword << 8.
        _ => arg <= 0xffff && (arg & 0xff) + 2 * (arg >> 8) <= t.n_state,
    };
    if ok {
        Ok(())
    } else {
        Err("bytecode operand out of range")
    }
}

/// Reads a jump offset and returns the absolute target.
fn offset_op(code: &[u8], opcode: u8, pos: &mut usize) -> Result<usize, &'static str> {
    if opcode == 0x41 || opcode > op::FOR_ITER {
        return Err("invalid opcode");
    }
    let b0 = *code.get(*pos).ok_or("truncated bytecode")?;
    *pos += 1;
    let (raw, bias) = if b0 & 0x80 == 0 {
        (usize::from(b0), 0x40)
    } else {
        let b1 = *code.get(*pos).ok_or("truncated bytecode")?;
        *pos += 1;
        (usize::from(b0 & 0x7f) | (usize::from(b1) << 7), 0x4000)
    };
    let signed = opcode <= op::POP_JUMP_IF_FALSE;
    let target = if signed {
        (*pos + raw).checked_sub(bias)
    } else {
        Some(*pos + raw)
    };
    target.ok_or("jump target outside the bytecode")
}

/// Checks an opcode without operand (byte format, or a multi opcode).
fn byte_op(opcode: u8, t: &Tables) -> Result<(), &'static str> {
    match opcode {
        0x50..=0x5f | 0x62..=0x69 => Ok(()),
        0x70..=0xaf => Ok(()),
        0xb0..=0xcf => {
            if usize::from(opcode & 0x0f) < t.n_state {
                Ok(())
            } else {
                Err("local number out of range")
            }
        }
        _ if (op::UNARY_OP_MULTI..op::UNARY_OP_MULTI + op::UNARY_OP_MULTI_NUM)
            .contains(&opcode) =>
        {
            Ok(())
        }
        _ if (op::BINARY_OP_MULTI..op::BINARY_OP_MULTI + op::BINARY_OP_MULTI_NUM)
            .contains(&opcode) =>
        {
            Ok(())
        }
        _ => Err("invalid opcode"),
    }
}
