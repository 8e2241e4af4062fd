//! Builtin modules (sys, gc, micropython...) and frozen modules. One file per module;
//! `native` holds helpers they share.

pub mod array;
pub mod binascii;
pub mod cmath;
pub mod collections;
pub mod errno;
pub mod frozen;
pub mod gc;
pub mod hashlib;
pub mod heapq;
pub mod io;
pub mod json;
pub mod math;
pub mod micropython;
pub mod native;
pub mod os;
pub mod random;
pub mod r#struct;
pub mod sys;
pub mod time;

use crate::statics::StaticObj;

/// Every builtin module, found by import name.
pub static BUILTIN_MODULES: &[&StaticObj] = &[
    &sys::SYS_MODULE,
    &crate::builtins::BUILTINS_MODULE,
    &gc::GC_MODULE,
    &micropython::MICROPYTHON_MODULE,
    &math::MATH_MODULE,
    &cmath::CMATH_MODULE,
    &time::TIME_MODULE,
    &errno::ERRNO_MODULE,
    &array::ARRAY_MODULE,
    &r#struct::STRUCT_MODULE,
    &collections::COLLECTIONS_MODULE,
    &io::IO_MODULE,
    &os::OS_MODULE,
    &json::JSON_MODULE,
    &random::RANDOM_MODULE,
    &hashlib::HASHLIB_MODULE,
    &binascii::BINASCII_MODULE,
    &heapq::HEAPQ_MODULE,
];

/// The builtin module called `name`, if any (`u`-prefixed aliases like `utime` map to `time`).
pub fn find(name: &str) -> Option<&'static StaticObj> {
    let lookup = |n: &str| {
        BUILTIN_MODULES
            .iter()
            .copied()
            .find(|m| matches!(m, StaticObj::Module(d) if d.name == n))
    };
    lookup(name).or_else(|| name.strip_prefix('u').and_then(lookup))
}
