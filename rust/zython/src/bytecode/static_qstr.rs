//! The fixed table of static qstrs that every .mpy file may refer to by number.
//!
//! A qstr in a .mpy file is either inline text or the number of one of these strings.
//! Numbers are 1-based: number 0 is MicroPython's "null qstr" and never appears in a file,
//! number 1 is `''`, 123 is `print` and 165 (the last) is `zip`. The list and its order are
//! facts of the .mpy 6 format and must never change.

/// The static qstrs in file order; `STATIC_QSTRS[n - 1]` is static qstr number `n`.
pub const STATIC_QSTRS: [&str; 165] = [
    "",
    "__dir__",
    "\n",
    " ",
    "*",
    "/",
    "<module>",
    "_",
    "__call__",
    "__class__",
    "__delitem__",
    "__enter__",
    "__exit__",
    "__getattr__",
    "__getitem__",
    "__hash__",
    "__init__",
    "__int__",
    "__iter__",
    "__len__",
    "__main__",
    "__module__",
    "__name__",
    "__new__",
    "__next__",
    "__qualname__",
    "__repr__",
    "__setitem__",
    "__str__",
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BaseException",
    "EOFError",
    "Ellipsis",
    "Exception",
    "GeneratorExit",
    "ImportError",
    "IndentationError",
    "IndexError",
    "KeyError",
    "KeyboardInterrupt",
    "LookupError",
    "MemoryError",
    "NameError",
    "NoneType",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "RuntimeError",
    "StopIteration",
    "SyntaxError",
    "SystemExit",
    "TypeError",
    "ValueError",
    "ZeroDivisionError",
    "abs",
    "all",
    "any",
    "append",
    "args",
    "bool",
    "builtins",
    "bytearray",
    "bytecode",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "clear",
    "close",
    "const",
    "copy",
    "count",
    "dict",
    "dir",
    "divmod",
    "end",
    "endswith",
    "eval",
    "exec",
    "extend",
    "find",
    "format",
    "from_bytes",
    "get",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "id",
    "index",
    "insert",
    "int",
    "isalpha",
    "isdigit",
    "isinstance",
    "islower",
    "isspace",
    "issubclass",
    "isupper",
    "items",
    "iter",
    "join",
    "key",
    "keys",
    "len",
    "list",
    "little",
    "locals",
    "lower",
    "lstrip",
    "main",
    "map",
    "micropython",
    "next",
    "object",
    "open",
    "ord",
    "pop",
    "popitem",
    "pow",
    "print",
    "range",
    "read",
    "readinto",
    "readline",
    "remove",
    "replace",
    "repr",
    "reverse",
    "rfind",
    "rindex",
    "round",
    "rsplit",
    "rstrip",
    "self",
    "send",
    "sep",
    "set",
    "setattr",
    "setdefault",
    "sort",
    "sorted",
    "split",
    "start",
    "startswith",
    "staticmethod",
    "step",
    "stop",
    "str",
    "strip",
    "sum",
    "super",
    "throw",
    "to_bytes",
    "tuple",
    "type",
    "update",
    "upper",
    "utf-8",
    "value",
    "values",
    "write",
    "zip",
];

/// Positions in [`STATIC_QSTRS`] sorted by the bytes of their strings (for binary search).
const SORTED: [u8; 165] = [
    0, 2, 3, 4, 5, 6, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
    48, 49, 50, 51, 52, 53, 54, 55, 7, 8, 9, 10, 1, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
    23, 24, 25, 26, 27, 28, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73,
    74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97,
    98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116,
    117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134, 135,
    136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154,
    155, 156, 157, 158, 159, 160, 161, 162, 163, 164,
];

/// The static qstr number (1..=165) of `s`, if `s` is in the static table.
pub fn static_qstr_index(s: &str) -> Option<u16> {
    let pos = SORTED
        .binary_search_by(|&i| STATIC_QSTRS[usize::from(i)].as_bytes().cmp(s.as_bytes()))
        .ok()?;
    // `pos` < 165 by construction of the search, so the addition cannot overflow.
    Some(u16::from(SORTED[pos]) + 1)
}

/// The string of static qstr number `n` (1..=165); `None` for 0 and numbers past the table.
pub fn static_qstr(n: usize) -> Option<&'static str> {
    STATIC_QSTRS.get(n.checked_sub(1)?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_shape() {
        assert_eq!(STATIC_QSTRS.len(), 165);
        assert_eq!(STATIC_QSTRS[0], "");
        assert_eq!(STATIC_QSTRS[164], "zip");
        assert_eq!(static_qstr_index("print"), Some(123));
        assert_eq!(static_qstr(123), Some("print"));
        assert_eq!(static_qstr_index(""), Some(1));
        assert_eq!(static_qstr_index("zip"), Some(165));
        assert_eq!(static_qstr_index("__dir__"), Some(2));
        assert_eq!(static_qstr_index("utf-8"), Some(161));
    }

    #[test]
    fn sorted_index_is_a_sorted_permutation() {
        let mut seen = [false; 165];
        for w in SORTED.windows(2) {
            assert!(
                STATIC_QSTRS[usize::from(w[0])].as_bytes()
                    < STATIC_QSTRS[usize::from(w[1])].as_bytes()
            );
        }
        for &i in SORTED.iter() {
            assert!(!seen[usize::from(i)]);
            seen[usize::from(i)] = true;
        }
    }

    #[test]
    fn every_entry_round_trips() {
        for (i, s) in STATIC_QSTRS.iter().enumerate() {
            assert_eq!(static_qstr_index(s), Some(i as u16 + 1), "{s:?}");
            assert_eq!(static_qstr(i + 1), Some(*s));
        }
        assert_eq!(static_qstr(0), None);
        assert_eq!(static_qstr(166), None);
        assert_eq!(static_qstr_index("printx"), None);
        assert_eq!(static_qstr_index("zzz"), None);
        assert_eq!(static_qstr_index("\0"), None);
    }
}
