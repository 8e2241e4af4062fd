//! The `errno` module: the POSIX error numbers MicroPython names, and `errorcode`.

use crate::obj::Obj;
use crate::qstr::q;
use crate::statics::{ModuleDef, StaticObj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// (name, number) for every constant, as on Linux.
pub static CODES: &[(&str, i64)] = &[
    ("EPERM", 1),
    ("ENOENT", 2),
    ("EIO", 5),
    ("EBADF", 9),
    ("EAGAIN", 11),
    ("ENOMEM", 12),
    ("EACCES", 13),
    ("EEXIST", 17),
    ("ENODEV", 19),
    ("EISDIR", 21),
    ("EINVAL", 22),
    ("EOPNOTSUPP", 95),
    ("EADDRINUSE", 98),
    ("ECONNABORTED", 103),
    ("ECONNRESET", 104),
    ("ENOBUFS", 105),
    ("ENOTCONN", 107),
    ("ETIMEDOUT", 110),
    ("ECONNREFUSED", 111),
    ("EHOSTUNREACH", 113),
    ("EALREADY", 114),
    ("EINPROGRESS", 115),
];

/// The symbolic name of error number `n`, if it is one of ours.
pub fn name_of(n: i64) -> Option<&'static str> {
    CODES.iter().find(|(_, c)| *c == n).map(|(s, _)| *s)
}

fn errno_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    let codes = vm.new_dict()?;
    vm.dict_set_str(g, q::ERRORCODE, codes)?;
    for &(name, n) in CODES {
        let k = vm.qstrs.intern_static(name);
        let v = Value::small_int(n as isize);
        vm.dict_set_str(g, k, v)?;
        vm.dict_set(codes, v, Value::qstr(k))?;
    }
    if let Some(Obj::Dict(d)) = vm.heap.get_mut(codes) {
        d.fixed = true;
    }
    Ok(())
}

/// The `errno` module.
pub static ERRNO_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "errno",
    attrs: &[],
    init: Some(errno_init),
});

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_unique_and_found() {
        assert_eq!(super::name_of(2), Some("ENOENT"));
        assert_eq!(super::name_of(4242), None);
        for (i, a) in super::CODES.iter().enumerate() {
            for b in &super::CODES[i + 1..] {
                assert!(a.0 != b.0 && a.1 != b.1);
            }
        }
    }
}
