//! The `platform` module (MicroPython's): `platform()`, `python_compiler()`, `libc_ver()`.

use crate::modules::native;
use crate::native_fn;
use crate::statics::{ModuleDef, StaticObj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

native_fn!(PLATFORM, "platform", 0, 2, |vm, _, _| {
    let s = alloc::format!(
        "Zython-{}-{}",
        env!("CARGO_PKG_VERSION"),
        vm.config.platform
    );
    vm.new_str(&s)
});
native_fn!(PYTHON_COMPILER, "python_compiler", 0, 0, |vm, _, _| {
    vm.new_str("rustc")
});
native_fn!(LIBC_VER, "libc_ver", 0, 4, |vm, _, _| {
    let e = Value::qstr(crate::qstr::q::EMPTY);
    vm.new_tuple(&[e, e])
});

fn platform_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    native::fill(vm, g, &[&PLATFORM, &PYTHON_COMPILER, &LIBC_VER])
}

/// The `platform` module.
pub static PLATFORM_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "platform",
    attrs: &[],
    init: Some(platform_init),
});
