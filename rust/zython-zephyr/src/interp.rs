//! The interpreter behind the console REPL and the `py -c` shell command.

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt::Write;

use crate::ffi;
use crate::line_repl::Engine;
use zython::port::Port;
use zython::vm::{Config, Vm};

/// Result of [`exec_bytes`]: the code ran to the end.
pub const EXEC_OK: i32 = 0;
/// Result of [`exec_bytes`]: an uncaught exception (it was printed).
pub const EXEC_EXCEPTION: i32 = -1;
/// Result of [`exec_bytes`]: the firmware has no compiler (`CONFIG_ZYTHON_COMPILER=n`).
pub const EXEC_NO_COMPILER: i32 = -134; // -ENOTSUP

/// A fresh VM on `port` with the Kconfig heap size and a native stack limit for this thread.
pub fn new_vm(port: Box<dyn Port>) -> Vm {
    let config = Config {
        heap_size: ffi::gc_heap_size(),
        platform: "zephyr",
        // Leave a quarter of the thread's stack to code the limit does not watch (ISRs on
        // architectures without a separate interrupt stack, formatting, the shim).
        native_stack: ffi::thread_stack_size() / 4 * 3,
        ..Config::default()
    };
    let mut vm = Vm::new(port, config);
    vm.set_stack_top();
    vm
}

/// The REPL banner.
pub fn banner() -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "Zython {} on {}; Zephyr with Rust (line REPL, temporary)",
        crate::VERSION,
        ffi::board_name()
    );
    s
}

/// The VM as the line REPL's engine.
pub struct VmEngine {
    vm: Vm,
}

impl VmEngine {
    /// A fresh interpreter on `port`.
    pub fn new(port: Box<dyn Port>) -> VmEngine {
        VmEngine { vm: new_vm(port) }
    }
}

impl Engine for VmEngine {
    fn port(&mut self) -> &mut dyn Port {
        &mut *self.vm.port
    }

    fn exec(&mut self, source: &str) {
        let _ = run(&mut self.vm, source, true);
    }
}

/// Run `source` in `__main__` (REPL entries print expression values when `single`).
fn run(vm: &mut Vm, source: &str, single: bool) -> i32 {
    #[cfg(feature = "compiler")]
    {
        use zython::compile::Mode;
        let g = vm.main_globals;
        let mode = if single { Mode::Single } else { Mode::File };
        match vm.exec_source(source, "<stdin>", mode, g) {
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
        let _ = (source, single);
        vm.port
            .write_err(b"no Python compiler in this firmware (CONFIG_ZYTHON_COMPILER=n)\n");
        EXEC_NO_COMPILER
    }
}

/// Run Python source on a fresh VM whose output goes to `port` (`py -c`, `zython_exec_str`).
pub fn exec_bytes(port: Box<dyn Port>, code: &[u8]) -> i32 {
    let mut vm = new_vm(port);
    match core::str::from_utf8(code) {
        Ok(src) => run(&mut vm, src, false),
        Err(_) => {
            vm.port.write_err(b"SyntaxError: source is not UTF-8\n");
            EXEC_EXCEPTION
        }
    }
}
