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

// Always present: what the core itself, the REPL and the buffer protocol need.
pub mod array;
pub mod errno;
pub mod frozen;
pub mod gc;
pub mod io;
pub mod micropython;
pub mod native;
pub mod os;
pub mod random;
pub mod sys;
pub mod time;

// Feature "machine": MicroPython's hardware API over the port's `hw::Hardware`.
#[cfg(feature = "machine")]
pub mod machine;

// Feature "modules-basic": what most MicroPython programs import.
#[cfg(feature = "modules-basic")]
pub mod collections;
#[cfg(feature = "modules-basic")]
pub mod math;
#[cfg(feature = "modules-basic")]
pub mod r#struct;

// Feature "modules-full": the rest of MicroPython's unix-port library.
#[cfg(feature = "modules-full")]
pub mod binascii;
#[cfg(feature = "modules-full")]
pub mod cmath;
#[cfg(feature = "modules-full")]
pub mod framebuf;
#[cfg(feature = "modules-full")]
pub mod hashlib;
#[cfg(feature = "modules-full")]
pub mod heapq;
#[cfg(feature = "modules-full")]
pub mod json;
#[cfg(feature = "modules-full")]
pub mod platform;
#[cfg(feature = "modules-full")]
pub mod re;
#[cfg(feature = "modules-full")]
pub mod ringio;
#[cfg(feature = "modules-full")]
pub mod select;
#[cfg(feature = "modules-full")]
pub mod vfs;

use crate::statics::StaticObj;

/// Every builtin module, found by import name.
pub static BUILTIN_MODULES: &[&StaticObj] = &[
    &sys::SYS_MODULE,
    &crate::builtins::BUILTINS_MODULE,
    &gc::GC_MODULE,
    &micropython::MICROPYTHON_MODULE,
    &time::TIME_MODULE,
    &errno::ERRNO_MODULE,
    #[cfg(feature = "modules-basic")]
    &array::ARRAY_MODULE,
    &io::IO_MODULE,
    &os::OS_MODULE,
    #[cfg(feature = "modules-basic")]
    &math::MATH_MODULE,
    #[cfg(feature = "modules-basic")]
    &r#struct::STRUCT_MODULE,
    #[cfg(feature = "modules-basic")]
    &collections::COLLECTIONS_MODULE,
    #[cfg(feature = "modules-full")]
    &random::RANDOM_MODULE,
    #[cfg(feature = "modules-full")]
    &cmath::CMATH_MODULE,
    #[cfg(feature = "modules-full")]
    &json::JSON_MODULE,
    #[cfg(feature = "modules-full")]
    &vfs::VFS_MODULE,
    #[cfg(feature = "modules-full")]
    &hashlib::HASHLIB_MODULE,
    #[cfg(feature = "modules-full")]
    &binascii::BINASCII_MODULE,
    #[cfg(feature = "modules-full")]
    &heapq::HEAPQ_MODULE,
    #[cfg(feature = "modules-full")]
    &select::SELECT_MODULE,
    #[cfg(feature = "modules-full")]
    &re::RE_MODULE,
    #[cfg(feature = "modules-full")]
    &framebuf::FRAMEBUF_MODULE,
    #[cfg(feature = "modules-full")]
    &platform::PLATFORM_MODULE,
    #[cfg(feature = "machine")]
    &machine::MACHINE_MODULE,
];

/// Builtin modules a file on `sys.path` may replace (MicroPython's extensible modules); the
/// others (sys, micropython, math...) are always the builtin. `u`-prefixed names force the builtin.
pub fn is_extensible(def: &StaticObj) -> bool {
    const NAMES: &[&str] = &[
        "array",
        "binascii",
        "collections",
        "errno",
        "hashlib",
        "heapq",
        "io",
        "json",
        "os",
        "platform",
        "random",
        "re",
        "select",
        "struct",
        "time",
    ];
    matches!(def, StaticObj::Module(d) if NAMES.contains(&d.name))
}

/// The builtin module called `name`, if any (`u`-prefixed aliases like `utime` map to `time`):
/// the core's, then the port's (`Config::port_modules`).
pub fn find(name: &str, port: &'static [&'static StaticObj]) -> Option<&'static StaticObj> {
    let lookup = |n: &str| {
        BUILTIN_MODULES
            .iter()
            .chain(port.iter())
            .copied()
            .find(|m| matches!(m, StaticObj::Module(d) if d.name == n))
    };
    lookup(name).or_else(|| name.strip_prefix('u').and_then(lookup))
}
