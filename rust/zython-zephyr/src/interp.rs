//! The interpreter behind the console REPL, the `py -c` shell command and `zython_exec_str`.

use alloc::boxed::Box;

use crate::ffi;
use zython::port::Port;
use zython::vm::{Config, Vm};

/// Result of [`exec_bytes`]: the code ran to the end.
pub const EXEC_OK: i32 = 0;
/// Result of [`exec_bytes`]: an uncaught exception (it was printed).
pub const EXEC_EXCEPTION: i32 = -1;
/// Result of [`exec_bytes`]: the firmware has no compiler (`CONFIG_ZYTHON_COMPILER=n`).
pub const EXEC_NO_COMPILER: i32 = -134; // -ENOTSUP

/// The port's builtin modules (`zephyr`, and `zephyr_test` in test builds).
static PORT_MODULES: &[&zython::statics::StaticObj] = &[
    #[cfg(feature = "zephyr-module")]
    &crate::zmod::ZEPHYR_MODULE,
    #[cfg(feature = "test-helpers")]
    &crate::ztest::ZEPHYR_TEST_MODULE,
];

/// A fresh VM on `port` with the Kconfig heap size and a native stack limit for this thread.
pub fn new_vm(port: Box<dyn Port>) -> Vm {
    let config = Config {
        heap_size: ffi::gc_heap_size(),
        platform: "zephyr",
        // Leave a quarter of the thread's stack to code the limit does not watch (ISRs on
        // architectures without a separate interrupt stack, formatting, the shim).
        native_stack: ffi::thread_stack_size() / 4 * 3,
        frozen: zython_frozen::MODULES,
        arena_free: Some(ffi::arena_free),
        port_modules: PORT_MODULES,
        ..Config::default()
    };
    let mut vm = Vm::new(port, config);
    vm.set_stack_top();
    vm
}

/// Run the frozen `boot.py` and `main.py` (if built in), then the core's REPL (friendly, paste,
/// raw and raw-paste modes) on `port` until its input ends; Ctrl-D and SystemExit soft-reset
/// in place.
pub fn repl(port: Box<dyn Port>) {
    use zython::repl::Engine;
    let mut vm = new_vm(port);
    let cfg = zython::repl::ReplConfig::board(ffi::board_name());
    if vm.run_frozen_startup(true).is_some() {
        // SystemExit at start-up: a soft reset, as on MicroPython boards.
        vm.port.write(b"MPY: soft reboot\r\n");
        vm.soft_reset();
    }
    #[cfg(feature = "fs")]
    crate::fs::repl(&mut vm, &cfg);
    #[cfg(not(feature = "fs"))]
    let _ = zython::repl::run(&mut vm, &cfg);
}

/// Run `source` in `__main__` as a file (expression values are not printed).
fn run(vm: &mut Vm, source: &str) -> i32 {
    #[cfg(feature = "compiler")]
    {
        use zython::compile::Mode;
        let g = vm.main_globals;
        match vm.exec_source(source, "<stdin>", Mode::File, g) {
            Ok(_) => EXEC_OK,
            Err(e) => {
                if let Some(code) = vm.system_exit_code(e.0) {
                    return code;
                }
                vm.print_exception(e.0);
                EXEC_EXCEPTION
            }
        }
    }
    #[cfg(not(feature = "compiler"))]
    {
        let _ = source;
        vm.port
            .write_err(b"no Python compiler in this firmware (CONFIG_ZYTHON_COMPILER=n)\n");
        EXEC_NO_COMPILER
    }
}

/// Run Python source on a fresh VM whose output goes to `port` (`py -c`, `zython_exec_str`).
pub fn exec_bytes(port: Box<dyn Port>, code: &[u8]) -> i32 {
    let mut vm = new_vm(port);
    match core::str::from_utf8(code) {
        Ok(src) => run(&mut vm, src),
        Err(_) => {
            vm.port.write_err(b"SyntaxError: source is not UTF-8\n");
            EXEC_EXCEPTION
        }
    }
}
