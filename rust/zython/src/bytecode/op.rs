//! MicroPython v6 bytecode opcodes (the facts of MicroPython's py/bc0.h and py/runtime0.h).
//!
//! An opcode is one byte; its operand format follows from its high nibble (see [`format`]).
#![allow(missing_docs)]

/// Operand formats.
pub const FORMAT_BYTE: u8 = 0;
pub const FORMAT_QSTR: u8 = 1;
pub const FORMAT_VAR_UINT: u8 = 2;
pub const FORMAT_OFFSET: u8 = 3;

/// The operand format of opcode `op`.
#[inline]
pub const fn format(op: u8) -> u8 {
    ((0x0000_03a4u32 >> (2 * (op >> 4) as u32)) & 3) as u8
}

/// True when the opcode is followed by one extra byte after its operand.
#[inline]
pub const fn has_extra_byte(op: u8) -> bool {
    op & 0x9e == 0 && op >= 0x20
}

pub const LOAD_CONST_SMALL_INT_MULTI: u8 = 0x70;
pub const LOAD_CONST_SMALL_INT_MULTI_NUM: u8 = 64;
pub const LOAD_CONST_SMALL_INT_MULTI_EXCESS: i32 = 16;
pub const LOAD_FAST_MULTI: u8 = 0xb0;
pub const STORE_FAST_MULTI: u8 = 0xc0;
pub const FAST_MULTI_NUM: u8 = 16;
pub const UNARY_OP_MULTI: u8 = 0xd0;
pub const UNARY_OP_MULTI_NUM: u8 = 4;
pub const BINARY_OP_MULTI: u8 = 0xd7;
pub const BINARY_OP_MULTI_NUM: u8 = 35;

pub const LOAD_CONST_FALSE: u8 = 0x50;
pub const LOAD_CONST_NONE: u8 = 0x51;
pub const LOAD_CONST_TRUE: u8 = 0x52;
pub const LOAD_CONST_SMALL_INT: u8 = 0x22;
pub const LOAD_CONST_STRING: u8 = 0x10;
pub const LOAD_CONST_OBJ: u8 = 0x23;
pub const LOAD_NULL: u8 = 0x53;

pub const LOAD_FAST_N: u8 = 0x24;
pub const LOAD_DEREF: u8 = 0x25;
pub const LOAD_NAME: u8 = 0x11;
pub const LOAD_GLOBAL: u8 = 0x12;
pub const LOAD_ATTR: u8 = 0x13;
pub const LOAD_METHOD: u8 = 0x14;
pub const LOAD_SUPER_METHOD: u8 = 0x15;
pub const LOAD_BUILD_CLASS: u8 = 0x54;
pub const LOAD_SUBSCR: u8 = 0x55;

pub const STORE_FAST_N: u8 = 0x26;
pub const STORE_DEREF: u8 = 0x27;
pub const STORE_NAME: u8 = 0x16;
pub const STORE_GLOBAL: u8 = 0x17;
pub const STORE_ATTR: u8 = 0x18;
pub const STORE_SUBSCR: u8 = 0x56;

pub const DELETE_FAST: u8 = 0x28;
pub const DELETE_DEREF: u8 = 0x29;
pub const DELETE_NAME: u8 = 0x19;
pub const DELETE_GLOBAL: u8 = 0x1a;

pub const DUP_TOP: u8 = 0x57;
pub const DUP_TOP_TWO: u8 = 0x58;
pub const POP_TOP: u8 = 0x59;
pub const ROT_TWO: u8 = 0x5a;
pub const ROT_THREE: u8 = 0x5b;

pub const UNWIND_JUMP: u8 = 0x40;
pub const JUMP: u8 = 0x42;
pub const POP_JUMP_IF_TRUE: u8 = 0x43;
pub const POP_JUMP_IF_FALSE: u8 = 0x44;
pub const JUMP_IF_TRUE_OR_POP: u8 = 0x45;
pub const JUMP_IF_FALSE_OR_POP: u8 = 0x46;
pub const SETUP_WITH: u8 = 0x47;
pub const SETUP_EXCEPT: u8 = 0x48;
pub const SETUP_FINALLY: u8 = 0x49;
pub const POP_EXCEPT_JUMP: u8 = 0x4a;
pub const FOR_ITER: u8 = 0x4b;
pub const WITH_CLEANUP: u8 = 0x5c;
pub const END_FINALLY: u8 = 0x5d;
pub const GET_ITER: u8 = 0x5e;
pub const GET_ITER_STACK: u8 = 0x5f;

pub const BUILD_TUPLE: u8 = 0x2a;
pub const BUILD_LIST: u8 = 0x2b;
pub const BUILD_MAP: u8 = 0x2c;
pub const STORE_MAP: u8 = 0x62;
pub const BUILD_SET: u8 = 0x2d;
pub const BUILD_SLICE: u8 = 0x2e;
pub const STORE_COMP: u8 = 0x2f;
pub const UNPACK_SEQUENCE: u8 = 0x30;
pub const UNPACK_EX: u8 = 0x31;

pub const RETURN_VALUE: u8 = 0x63;
pub const RAISE_LAST: u8 = 0x64;
pub const RAISE_OBJ: u8 = 0x65;
pub const RAISE_FROM: u8 = 0x66;
pub const YIELD_VALUE: u8 = 0x67;
pub const YIELD_FROM: u8 = 0x68;

pub const MAKE_FUNCTION: u8 = 0x32;
pub const MAKE_FUNCTION_DEFARGS: u8 = 0x33;
pub const MAKE_CLOSURE: u8 = 0x20;
pub const MAKE_CLOSURE_DEFARGS: u8 = 0x21;
pub const CALL_FUNCTION: u8 = 0x34;
pub const CALL_FUNCTION_VAR_KW: u8 = 0x35;
pub const CALL_METHOD: u8 = 0x36;
pub const CALL_METHOD_VAR_KW: u8 = 0x37;

pub const IMPORT_NAME: u8 = 0x1b;
pub const IMPORT_FROM: u8 = 0x1c;
pub const IMPORT_STAR: u8 = 0x69;

// Unary operations (operand of UNARY_OP_MULTI and the VM's internal unary ops).
pub const UNARY_POSITIVE: u8 = 0;
pub const UNARY_NEGATIVE: u8 = 1;
pub const UNARY_INVERT: u8 = 2;
pub const UNARY_NOT: u8 = 3;
pub const UNARY_BOOL: u8 = 4;
pub const UNARY_LEN: u8 = 5;
pub const UNARY_HASH: u8 = 6;
pub const UNARY_ABS: u8 = 7;

// Binary operations (operand of BINARY_OP_MULTI for the first 35).
pub const BINARY_LESS: u8 = 0;
pub const BINARY_MORE: u8 = 1;
pub const BINARY_EQUAL: u8 = 2;
pub const BINARY_LESS_EQUAL: u8 = 3;
pub const BINARY_MORE_EQUAL: u8 = 4;
pub const BINARY_NOT_EQUAL: u8 = 5;
pub const BINARY_IN: u8 = 6;
pub const BINARY_IS: u8 = 7;
pub const BINARY_EXCEPTION_MATCH: u8 = 8;
pub const BINARY_INPLACE_OR: u8 = 9;
pub const BINARY_INPLACE_XOR: u8 = 10;
pub const BINARY_INPLACE_AND: u8 = 11;
pub const BINARY_INPLACE_LSHIFT: u8 = 12;
pub const BINARY_INPLACE_RSHIFT: u8 = 13;
pub const BINARY_INPLACE_ADD: u8 = 14;
pub const BINARY_INPLACE_SUBTRACT: u8 = 15;
pub const BINARY_INPLACE_MULTIPLY: u8 = 16;
pub const BINARY_INPLACE_MAT_MULTIPLY: u8 = 17;
pub const BINARY_INPLACE_FLOOR_DIVIDE: u8 = 18;
pub const BINARY_INPLACE_TRUE_DIVIDE: u8 = 19;
pub const BINARY_INPLACE_MODULO: u8 = 20;
pub const BINARY_INPLACE_POWER: u8 = 21;
pub const BINARY_OR: u8 = 22;
pub const BINARY_XOR: u8 = 23;
pub const BINARY_AND: u8 = 24;
pub const BINARY_LSHIFT: u8 = 25;
pub const BINARY_RSHIFT: u8 = 26;
pub const BINARY_ADD: u8 = 27;
pub const BINARY_SUBTRACT: u8 = 28;
pub const BINARY_MULTIPLY: u8 = 29;
pub const BINARY_MAT_MULTIPLY: u8 = 30;
pub const BINARY_FLOOR_DIVIDE: u8 = 31;
pub const BINARY_TRUE_DIVIDE: u8 = 32;
pub const BINARY_MODULO: u8 = 33;
pub const BINARY_POWER: u8 = 34;
pub const BINARY_DIVMOD: u8 = 35;
pub const BINARY_CONTAINS: u8 = 36;
pub const BINARY_REVERSE_OR: u8 = 37;
pub const BINARY_NOT_IN: u8 = 50;
pub const BINARY_IS_NOT: u8 = 51;

// Scope flags in the prelude signature.
pub const SCOPE_GENERATOR: u8 = 0x01;
pub const SCOPE_VARKEYWORDS: u8 = 0x02;
pub const SCOPE_VARARGS: u8 = 0x04;
pub const SCOPE_DEFKWARGS: u8 = 0x08;

/// Raw code kinds as stored in .mpy files.
pub const CODE_BYTECODE: u8 = 2;
