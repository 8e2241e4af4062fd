//! Frozen modules (bytecode compiled into the firmware) and .mpy loading.
//!
//! A port hands the VM a table of [`FrozenModule`]s (`Config::frozen`), normally generated at
//! build time by the `zython-frozen` crate. As in MicroPython, they are found through the
//! virtual `sys.path` entry [`FROZEN_PATH`] (`".frozen"`): `import foo` tries
//! `.frozen/foo.py`, a package `pkg` is the folder `.frozen/pkg` with `pkg/__init__.py`.
//! Their bytecode runs from the table's static bytes: loading builds only names, constants and
//! the small per-function records ([`crate::bytecode::mpy::load_static`]).

use crate::bytecode::{mpy, CompiledModule};
use crate::types::exceptions as ex;
use crate::value::SMALL_INT_BITS;
use crate::vm::{PyResult, Vm};

/// One frozen module: where it sits in the frozen tree and its compiled code in flash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrozenModule {
    /// Path inside the frozen tree, as MicroPython names frozen files: `foo.py`,
    /// `pkg/__init__.py`, `pkg/sub.py`.
    pub name: &'static str,
    /// The module as a bytecode .mpy (v6) image.
    pub mpy: &'static [u8],
}

/// The `sys.path` entry (and path prefix) that stands for the frozen modules.
pub const FROZEN_PATH: &str = ".frozen";

/// What `path` (relative to the frozen tree, no `.frozen/`) is in `table`: 1 a module file,
/// 2 a folder (some module's path starts with `path/`), 0 nothing (as `Port::stat_kind`).
pub fn stat(table: &[FrozenModule], path: &str) -> u8 {
    let mut kind = 0;
    for m in table {
        if m.name == path {
            return 1;
        }
        if m.name.len() > path.len()
            && m.name.starts_with(path)
            && m.name.as_bytes()[path.len()] == b'/'
        {
            kind = 2;
        }
    }
    kind
}

/// The frozen module at `path` (relative to the frozen tree), if there is one.
pub fn find(table: &'static [FrozenModule], path: &str) -> Option<&'static FrozenModule> {
    table.iter().find(|m| m.name == path)
}

/// `path` inside the frozen tree when it names one (`.frozen/x.py` -> `x.py`).
pub fn strip_prefix(path: &str) -> Option<&str> {
    path.strip_prefix(FROZEN_PATH)?.strip_prefix('/')
}

/// Parse a .mpy image into compiled code (ValueError when it is not a valid .mpy v6 file).
pub fn load_mpy(vm: &mut Vm, data: &[u8]) -> PyResult<CompiledModule> {
    mpy_result(vm, mpy::load(data, SMALL_INT_BITS as u8))
}

/// Parse a frozen module's image, its raw codes borrowing the static bytes (ValueError when
/// the image is not a valid .mpy v6 file: a broken build must not crash the firmware).
pub fn load_frozen(vm: &mut Vm, m: &'static FrozenModule) -> PyResult<CompiledModule> {
    mpy_result(vm, mpy::load_static(m.mpy, SMALL_INT_BITS as u8))
}

/// A loader's result, its error as a ValueError.
fn mpy_result(vm: &mut Vm, r: Result<CompiledModule, mpy::MpyError>) -> PyResult<CompiledModule> {
    r.map_err(|e| match e {
        mpy::MpyError::NoMemory => vm.no_memory(),
        e => vm.new_exception(&ex::VALUE_ERROR, e.message()),
    })
}

impl Vm {
    /// Like [`Vm::fs_stat_kind`], with paths under `.frozen/` looked up in the frozen table.
    pub fn stat_import_path(&mut self, path: &str) -> u8 {
        match strip_prefix(path) {
            Some(p) => stat(self.config.frozen, p),
            None => self.fs_stat_kind(path),
        }
    }

    /// Run the frozen module at `path` (e.g. `"main.py"`) in `__main__`'s globals, as
    /// MicroPython's `pyexec_frozen_module` does; None when there is no such module.
    pub fn run_frozen(&mut self, path: &str) -> Option<PyResult<()>> {
        let m = find(self.config.frozen, path)?;
        let g = self.main_globals;
        Some(
            load_frozen(self, m)
                .and_then(|cm| self.exec_compiled(cm, g))
                .map(|_| ()),
        )
    }

    /// Start-up as on a MicroPython board: the frozen `boot.py`, then (with `main`) the frozen
    /// `main.py` if `boot.py` raised nothing. Uncaught exceptions are printed. Returns the exit
    /// code when either raised SystemExit (the caller stops or soft-resets), else None.
    pub fn run_frozen_startup(&mut self, main: bool) -> Option<i32> {
        let files: &[&str] = if main {
            &["boot.py", "main.py"]
        } else {
            &["boot.py"]
        };
        for &file in files {
            match self.run_frozen(file) {
                None | Some(Ok(())) => {}
                Some(Err(e)) => {
                    if let Some(code) = self.system_exit_code(e.0) {
                        return Some(code);
                    }
                    self.print_exception(e.0);
                    return None;
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static TABLE: &[FrozenModule] = &[
        FrozenModule {
            name: "foo.py",
            mpy: b"",
        },
        FrozenModule {
            name: "pkg/__init__.py",
            mpy: b"",
        },
        FrozenModule {
            name: "pkg/sub/deep.py",
            mpy: b"",
        },
    ];

    #[test]
    fn stat_finds_files_and_folders() {
        assert_eq!(stat(TABLE, "foo.py"), 1);
        assert_eq!(stat(TABLE, "foo"), 0);
        assert_eq!(stat(TABLE, "pkg"), 2);
        assert_eq!(stat(TABLE, "pkg/sub"), 2);
        assert_eq!(stat(TABLE, "pkg/__init__.py"), 1);
        assert_eq!(stat(TABLE, "pk"), 0);
        assert_eq!(stat(TABLE, "pkg/sub/deep"), 0);
        assert_eq!(stat(&[], "foo.py"), 0);
        assert_eq!(
            find(TABLE, "pkg/sub/deep.py").map(|m| m.name),
            Some("pkg/sub/deep.py")
        );
        assert!(find(TABLE, "pkg").is_none());
    }

    #[test]
    fn frozen_prefix() {
        assert_eq!(strip_prefix(".frozen/foo.py"), Some("foo.py"));
        assert_eq!(strip_prefix(".frozen"), None);
        assert_eq!(strip_prefix(".frozenx/foo.py"), None);
        assert_eq!(strip_prefix("lib/foo.py"), None);
    }
}

#[cfg(all(test, feature = "compiler"))]
mod vm_tests {
    use super::*;
    use crate::bytecode::{mpy, CodeBytes};
    use crate::compile::{compile_source, Mode};
    use crate::obj::Obj;
    use crate::port::CapturePort as Out;
    use crate::vm::Config;
    use alloc::boxed::Box;
    use alloc::rc::Rc;
    use alloc::string::String;
    use alloc::vec::Vec;
    use core::cell::RefCell;

    /// A frozen module compiled from `src`, its image leaked to be `'static` like flash.
    fn frozen(name: &'static str, src: &str) -> FrozenModule {
        let m = compile_source(src, name, Mode::File, 0).unwrap();
        FrozenModule {
            name,
            mpy: Box::leak(mpy::save(&m, 31).into_boxed_slice()),
        }
    }

    fn vm_with(table: Vec<FrozenModule>) -> (Vm, Rc<RefCell<Vec<u8>>>) {
        let out = Rc::new(RefCell::new(Vec::new()));
        let config = Config {
            frozen: Box::leak(table.into_boxed_slice()),
            ..Config::default()
        };
        (Vm::new(Box::new(Out(out.clone())), config), out)
    }

    /// Run `src` in `__main__` and return everything printed since the last call.
    fn run(vm: &mut Vm, out: &Rc<RefCell<Vec<u8>>>, src: &str) -> String {
        let g = vm.main_globals;
        if let Err(e) = vm.exec_source(src, "<test>", Mode::File, g) {
            vm.print_exception(e.0);
        }
        let text = String::from_utf8_lossy(&out.borrow()).into_owned();
        out.borrow_mut().clear();
        text
    }

    fn sample() -> Vec<FrozenModule> {
        alloc::vec![
            frozen("boot.py", "print('boot', __name__)\nbooted = 1\n"),
            frozen(
                "main.py",
                "import helper\nprint('main', booted, helper.f(2))\n"
            ),
            frozen("helper.py", "def f(x):\n    return x * 21\n"),
            frozen("pkg/__init__.py", "from .sub import v\n"),
            frozen("pkg/sub.py", "v = 'sub'\n"),
        ]
    }

    #[test]
    fn boot_then_main_then_imports() {
        let (mut vm, out) = vm_with(sample());
        assert_eq!(vm.run_frozen_startup(true), None);
        assert_eq!(
            String::from_utf8_lossy(&out.borrow()),
            "boot __main__\nmain 1 42\n"
        );
        out.borrow_mut().clear();
        let text = run(
            &mut vm,
            &out,
            "import sys, helper, pkg\nprint(sys.path)\nprint(helper, helper.__file__)\n\
             print(pkg, pkg.__path__, pkg.v, pkg.sub)\n",
        );
        assert_eq!(
            text,
            "['', '.frozen']\n<module 'helper' from 'helper.py'> helper.py\n\
             <module 'pkg' from 'pkg/__init__.py'> .frozen/pkg sub \
             <module 'pkg.sub' from 'pkg/sub.py'>\n"
        );
        // Without the `.frozen` entry nothing frozen is found, as in MicroPython.
        let text = run(
            &mut vm,
            &out,
            "sys.path.remove('.frozen')\ntry:\n    import pkg.other\nexcept ImportError as e:\n    print('ImportError')\n",
        );
        assert_eq!(text, "ImportError\n");
        // The REPL completes frozen module and package names after `import `.
        use crate::repl::Engine;
        let names = vm.complete_module("");
        assert!(names.iter().any(|n| n == "helper") && names.iter().any(|n| n == "pkg"));
        // After a soft reset (which keeps sys.path) boot.py runs again, and main.py too unless
        // in the raw REPL.
        run(&mut vm, &out, "sys.path.append('.frozen')\n");
        for (raw, expect) in [
            (false, "boot __main__\nmain 1 42\n"),
            (true, "boot __main__\n"),
        ] {
            vm.soft_reset();
            vm.after_soft_reset(raw);
            assert_eq!(run(&mut vm, &out, ""), expect);
        }
    }

    #[test]
    fn frozen_bytecode_is_borrowed_from_the_image() {
        let table = sample();
        let image = table[2].mpy;
        let (mut vm, out) = vm_with(table);
        assert_eq!(run(&mut vm, &out, "import helper\n"), "");
        let helper = vm.intern("helper");
        let f = vm.intern("f");
        let m = vm.dict_get_qstr(vm.modules, helper).unwrap();
        let Some(&Obj::Module(_, g)) = vm.heap.get(m) else {
            panic!("not a module")
        };
        let func = vm.dict_get_qstr(g, f).unwrap();
        let Some(Obj::Function(func)) = vm.heap.get(func) else {
            panic!("not a function")
        };
        let CodeBytes::Static(bytes) = func.code.bytes else {
            panic!("frozen code was copied")
        };
        let range = image.as_ptr_range();
        assert!(range.contains(&bytes.as_ptr()) && bytes.len() < image.len());
        // Code compiled at run time owns its bytes.
        run(&mut vm, &out, "def g():\n    pass\n");
        let gq = vm.intern("g");
        let gf = vm.dict_get_qstr(vm.main_globals, gq).unwrap();
        let Some(Obj::Function(gf)) = vm.heap.get(gf) else {
            panic!("not a function")
        };
        assert!(matches!(gf.code.bytes, CodeBytes::Owned(_)));
    }

    #[test]
    fn bad_images_raise_and_system_exit_stops_start_up() {
        let good = frozen("x.py", "x = 1\n");
        let cut: &'static [u8] = &good.mpy[..good.mpy.len() - 2];
        let (mut vm, out) = vm_with(alloc::vec![
            FrozenModule {
                name: "bad.py",
                mpy: cut,
            },
            FrozenModule {
                name: "junk.py",
                mpy: b"M\x06\x00\x1f\x05\xff",
            },
            frozen("boot.py", "import sys\nsys.exit(3)\n"),
            frozen("main.py", "print('main must not run')\n"),
        ]);
        assert_eq!(vm.run_frozen_startup(true), Some(3));
        assert_eq!(
            run(
                &mut vm,
                &out,
                "for m in ('bad', 'junk'):\n    try:\n        __import__(m)\n    except ValueError as e:\n        print(e)\n"
            ),
            "invalid .mpy file: truncated\ninvalid .mpy file: truncated\n"
        );
    }
}
