//! Builtin modules (sys, gc, micropython...) and frozen modules. One file per module;
//! `native` holds helpers they share.
//!
//! Hooks for the rest of the core:
//! - `micropython::run_scheduled(vm)` runs `micropython.schedule` callbacks; the dispatch
//!   loop should call it at safe points when `micropython::pending()` is true (today only
//!   `time.sleep*` does).
//! - `native::buffer(vm, v)` copies the bytes of any buffer object (bytes, bytearray,
//!   `array.array`): what `bytes(x)`, `bytearray(x)` and `memoryview(x)` need.
//! - `micropython::kbd_intr()` is the Ctrl-C character the port should watch for.

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
