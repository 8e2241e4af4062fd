//! The value word: every Python value is one machine word.
//!
//! Low bits tag what the word holds, so the common values need no heap object:
//!
//! | low bits | meaning                                   | payload (word >> n)           |
//! |----------|-------------------------------------------|-------------------------------|
//! | `...1`   | small int                                 | signed, `>> 1`                |
//! | `.010`   | interned string (qstr)                    | qstr index, `>> 3`            |
//! | `.110`   | immediate constant (None, True...)        | constant number, `>> 5`       |
//! | `.100`   | static object in flash (builtin fn/type)  | the address itself            |
//! | `.000`   | heap object handle (0 = NULL, no value)   | object-table index, `>> 3`    |
//!
//! Heap handles are indices into the GC's object table, never raw pointers, so a stale
//! handle can at worst name the wrong object, never corrupt memory. Static objects
//! (`StaticObj`: builtin functions, types, modules) are addressed directly: a `Value` with
//! the static tag is only ever made from a `&'static StaticObj`.

use crate::qstr::Qstr;
use crate::statics::StaticObj;

/// One Python value (or the NULL marker used internally for "no value").
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(transparent)]
pub struct Value(usize);

const TAG_QSTR: usize = 0b010;
const TAG_IMM: usize = 0b110;
const TAG_STATIC: usize = 0b100;
const IMM_CONST: usize = 0;

/// Immediate constants.
const C_NONE: usize = 0;
const C_FALSE: usize = 1;
const C_TRUE: usize = 2;
const C_ELLIPSIS: usize = 3;
const C_NOT_IMPLEMENTED: usize = 4;

/// Bits available to a small int on this target.
pub const SMALL_INT_BITS: u32 = usize::BITS - 1;
/// Largest small int.
pub const SMALL_INT_MAX: isize = isize::MAX >> 1;
/// Smallest small int.
pub const SMALL_INT_MIN: isize = isize::MIN >> 1;

impl Value {
    /// The NULL marker: "no value" (unbound local, empty slot, end of iteration).
    pub const NULL: Value = Value(0);
    /// `None`.
    pub const NONE: Value = Value::imm(IMM_CONST, C_NONE);
    /// `False`.
    pub const FALSE: Value = Value::imm(IMM_CONST, C_FALSE);
    /// `True`.
    pub const TRUE: Value = Value::imm(IMM_CONST, C_TRUE);
    /// `...`.
    pub const ELLIPSIS: Value = Value::imm(IMM_CONST, C_ELLIPSIS);
    /// `NotImplemented`.
    pub const NOT_IMPLEMENTED: Value = Value::imm(IMM_CONST, C_NOT_IMPLEMENTED);

    const fn imm(sub: usize, idx: usize) -> Value {
        Value((idx << 5) | (sub << 3) | TAG_IMM)
    }

    /// The raw word (for hashing identity and debugging).
    #[inline]
    pub const fn bits(self) -> usize {
        self.0
    }

    /// A small int; the caller guarantees `SMALL_INT_MIN <= i <= SMALL_INT_MAX`.
    #[inline]
    pub const fn small_int(i: isize) -> Value {
        Value(((i << 1) | 1) as usize)
    }

    /// A small int if `i` fits, else None.
    #[inline]
    pub fn try_small_int(i: i64) -> Option<Value> {
        if i >= SMALL_INT_MIN as i64 && i <= SMALL_INT_MAX as i64 {
            Some(Value::small_int(i as isize))
        } else {
            None
        }
    }

    /// Is this a small int?
    #[inline]
    pub const fn is_small_int(self) -> bool {
        self.0 & 1 == 1
    }

    /// The small int's value (meaningful only when `is_small_int`).
    #[inline]
    pub const fn small_int_value(self) -> isize {
        (self.0 as isize) >> 1
    }

    /// The small int's value, if it is one.
    #[inline]
    pub fn as_small_int(self) -> Option<isize> {
        if self.is_small_int() {
            Some(self.small_int_value())
        } else {
            None
        }
    }

    /// An interned string.
    #[inline]
    pub const fn qstr(q: Qstr) -> Value {
        Value(((q.0 as usize) << 3) | TAG_QSTR)
    }

    /// Is this an interned string?
    #[inline]
    pub const fn is_qstr(self) -> bool {
        self.0 & 7 == TAG_QSTR
    }

    /// The qstr, if this is one.
    #[inline]
    pub fn as_qstr(self) -> Option<Qstr> {
        if self.is_qstr() {
            Some(Qstr((self.0 >> 3) as u32))
        } else {
            None
        }
    }

    /// A static object (builtin function, type or module).
    #[inline]
    pub fn from_static(obj: &'static StaticObj) -> Value {
        Value(obj as *const StaticObj as usize | TAG_STATIC)
    }

    /// The static object, if this is one.
    #[inline]
    pub fn as_static(self) -> Option<&'static StaticObj> {
        if self.0 & 7 == TAG_STATIC {
            // SAFETY: a Value with TAG_STATIC is only built by `from_static` from a
            // `&'static StaticObj` (StaticObj is 8-aligned, so the tag bits were zero); the
            // word is private to this module, so the address is that of a live static.
            Some(unsafe { &*((self.0 & !7) as *const StaticObj) })
        } else {
            None
        }
    }

    /// A heap handle from an object-table index (index 0 is reserved for NULL).
    #[inline]
    pub const fn from_handle(index: u32) -> Value {
        Value((index as usize) << 3)
    }

    /// Is this a heap object (not NULL)?
    #[inline]
    pub const fn is_obj(self) -> bool {
        self.0 & 7 == 0 && self.0 != 0
    }

    /// The object-table index, if this is a heap object.
    #[inline]
    pub fn as_handle(self) -> Option<u32> {
        if self.is_obj() {
            Some((self.0 >> 3) as u32)
        } else {
            None
        }
    }

    /// Is this the NULL marker?
    #[inline]
    pub const fn is_null(self) -> bool {
        self.0 == 0
    }

    /// Is this `None`?
    #[inline]
    pub const fn is_none(self) -> bool {
        self.0 == Value::NONE.0
    }

    /// `True` or `False`.
    #[inline]
    pub const fn bool(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }

    /// Is this `True` or `False`?
    #[inline]
    pub const fn is_bool(self) -> bool {
        self.0 == Value::TRUE.0 || self.0 == Value::FALSE.0
    }
}

impl core::fmt::Debug for Value {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.is_small_int() {
            write!(f, "Int({})", self.small_int_value())
        } else if let Some(q) = self.as_qstr() {
            write!(f, "Qstr({})", q.0)
        } else if self.0 & 7 == TAG_STATIC {
            write!(f, "Static({:#x})", self.0)
        } else if let Some(h) = self.as_handle() {
            write!(f, "Obj({})", h)
        } else if self.is_null() {
            write!(f, "NULL")
        } else {
            write!(f, "Const({:#x})", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_do_not_overlap() {
        let vals = [
            Value::NULL,
            Value::NONE,
            Value::TRUE,
            Value::FALSE,
            Value::small_int(0),
            Value::small_int(-1),
            Value::qstr(Qstr(3)),
            Value::from_handle(3),
        ];
        for (i, a) in vals.iter().enumerate() {
            for (j, b) in vals.iter().enumerate() {
                assert_eq!(i == j, a == b, "{:?} {:?}", a, b);
            }
        }
        assert_eq!(
            Value::small_int(SMALL_INT_MIN).small_int_value(),
            SMALL_INT_MIN
        );
        assert_eq!(
            Value::small_int(SMALL_INT_MAX).small_int_value(),
            SMALL_INT_MAX
        );
        assert_eq!(Value::from_handle(9).as_handle(), Some(9));
        assert!(!Value::NULL.is_obj());
        assert!(Value::try_small_int(i64::MAX).is_none() || SMALL_INT_BITS >= 64);
    }
}
