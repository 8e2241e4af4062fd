//! Files for `open()`, `os` and imports over Zephyr's fs API (CONFIG_ZYTHON_FS), and boot.py /
//! main.py at start-up and after each soft reset.
//!
//! Zephyr's fs API has no current directory, so [`Fs`] keeps one (the mount point at start) and
//! resolves every path against it ([`crate::path::resolve`]). Files are read whole and written
//! whole or appended to (each `write()` of a file opened for writing appends), as the core's
//! [`Port`] asks; a file must fit in memory to be read.

use alloc::ffi::CString;
use alloc::string::String;
use alloc::vec::Vec;

use crate::ffi;
use crate::path::resolve;
use zython::port::Port;
use zython::repl::{Engine, ExecMode, ExecOutcome, ReplConfig};
use zython::vm::Vm;

/// `zy_fs_op` operations (ZY_FS_* in the shim header).
const OP_REMOVE: i32 = 0;
const OP_MKDIR: i32 = 1;
const OP_RENAME: i32 = 2;

/// The mounted volume and the current directory.
#[derive(Debug)]
pub struct Fs {
    cwd: String,
}

impl Default for Fs {
    fn default() -> Self {
        Fs {
            cwd: String::from(ffi::fs_mount().0),
        }
    }
}

impl Fs {
    /// `path` resolved against the current directory, NUL-terminated for C; `None` when it holds
    /// a NUL byte (no such file).
    fn c_path(&self, path: &str) -> Option<CString> {
        CString::new(resolve(&self.cwd, path)).ok()
    }

    /// Kind (0 nothing, 1 file, 2 directory) and size of what is at `path`.
    pub fn stat(&self, path: &str) -> (u8, u64) {
        self.c_path(path).map_or((0, 0), |p| ffi::fs_stat(&p))
    }

    /// The whole file; `None` when it is missing, a directory, unreadable or too big for memory.
    pub fn read_file(&self, path: &str) -> Option<Vec<u8>> {
        let p = self.c_path(path)?;
        let (kind, size) = ffi::fs_stat(&p);
        if kind != 1 {
            return None;
        }
        let size = usize::try_from(size).ok()?;
        let mut buf = Vec::new();
        buf.try_reserve_exact(size).ok()?;
        buf.resize(size, 0);
        let n = usize::try_from(ffi::fs_read(&p, &mut buf)).ok()?;
        buf.truncate(n);
        Some(buf)
    }

    /// Create or truncate (`append`: extend) the file with `data`.
    pub fn write_file(&self, path: &str, data: &[u8], append: bool) -> bool {
        self.c_path(path)
            .is_some_and(|p| ffi::fs_write(&p, data, append) >= 0)
    }

    /// The names in a directory.
    pub fn list_dir(&self, path: &str) -> Option<Vec<String>> {
        let p = self.c_path(path)?;
        let mut buf: Vec<u8> = Vec::new();
        // The shim says how many bytes all names need; try again (the directory may grow).
        for _ in 0..4 {
            let need = usize::try_from(ffi::fs_list(&p, &mut buf)).ok()?;
            if need <= buf.len() {
                buf.truncate(need);
                let names = buf
                    .split(|&b| b == 0)
                    .filter(|n| !n.is_empty())
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .collect();
                return Some(names);
            }
            buf.try_reserve_exact(need - buf.len()).ok()?;
            buf.resize(need, 0);
        }
        None
    }

    fn op(&self, op: i32, path: &str, to: &str) -> bool {
        match (self.c_path(path), self.c_path(to)) {
            (Some(p), Some(t)) => ffi::fs_op(op, &p, &t) == 0,
            _ => false,
        }
    }

    /// Remove a file (`dir` false) or an empty directory (`dir` true).
    pub fn remove(&self, path: &str, dir: bool) -> bool {
        let kind = self.stat(path).0;
        kind == if dir { 2 } else { 1 } && self.op(OP_REMOVE, path, "")
    }

    /// Make a directory.
    pub fn mkdir(&self, path: &str) -> bool {
        self.op(OP_MKDIR, path, "")
    }

    /// Rename a file or directory.
    pub fn rename(&self, from: &str, to: &str) -> bool {
        self.op(OP_RENAME, from, to)
    }

    /// The current directory.
    pub fn getcwd(&self) -> String {
        self.cwd.clone()
    }

    /// Change the current directory (only to an existing directory).
    pub fn chdir(&mut self, path: &str) -> bool {
        let full = resolve(&self.cwd, path);
        if self.stat(&full).0 != 2 {
            return false;
        }
        self.cwd = full;
        true
    }
}

/// Run boot.py, then (with `main`) main.py, from the mount point if they are there. Their
/// exceptions are printed; SystemExit just ends the file.
fn run_boot_files(vm: &mut Vm, main: bool) {
    let (mount, run) = ffi::fs_mount();
    vm.port.chdir(mount);
    if !run {
        return;
    }
    let files: &[&str] = if main {
        &["boot.py", "main.py"]
    } else {
        &["boot.py"]
    };
    for &file in files {
        if vm.port.stat_kind(file) != 1 {
            continue;
        }
        zython::interrupt::clear();
        if let Err(e) = vm.run_main_file(file) {
            if vm.system_exit_code(e.0).is_none() {
                vm.print_exception(e.0);
            }
        }
    }
}

/// The VM as the REPL's engine, running boot.py/main.py after each soft reset.
struct BootEngine<'a>(&'a mut Vm);

impl Engine for BootEngine<'_> {
    fn console(&mut self) -> &mut dyn Port {
        Engine::console(self.0)
    }

    fn exec(&mut self, source: &str, mode: ExecMode) -> ExecOutcome {
        Engine::exec(self.0, source, mode)
    }

    fn complete(&mut self, prefix: &str) -> Vec<String> {
        Engine::complete(self.0, prefix)
    }

    fn complete_module(&mut self, prefix: &str) -> Vec<String> {
        Engine::complete_module(self.0, prefix)
    }

    fn soft_reset(&mut self) {
        Engine::soft_reset(self.0)
    }

    fn after_soft_reset(&mut self, raw: bool) {
        // Code runs with the console out of raw mode, so Ctrl-C interrupts it.
        self.0.port.set_raw_mode(false);
        // Frozen boot.py/main.py first (the VM's own hook), then the filesystem's.
        zython::repl::Engine::after_soft_reset(self.0, raw);
        run_boot_files(self.0, !raw);
        self.0.port.set_raw_mode(true);
    }
}

/// The REPL with a filesystem: `sys.path` is `['', '<mount>/lib']`, boot.py and main.py run
/// first and again after each soft reset (only boot.py when the reset came from the raw REPL, as
/// in MicroPython, so mpremote is not held up by main.py).
pub fn repl(vm: &mut Vm, cfg: &ReplConfig) {
    let lib = resolve(ffi::fs_mount().0, "lib");
    let _ = vm.set_path(&["", &lib]);
    run_boot_files(vm, true);
    let _ = zython::repl::run(&mut BootEngine(vm), cfg);
}
