//! The VM as the REPL's [`Engine`]: runs entries in `__main__`, completes names, soft-resets.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use super::{Engine, ExecMode, ExecOutcome};
use crate::port::Port;
#[cfg(feature = "compiler")]
use crate::value::Value;
#[cfg(feature = "compiler")]
use crate::vm::PyErr;
use crate::vm::Vm;

/// A console that drops everything; stands in for the VM's port while it is being rebuilt.
struct NullPort;

impl Port for NullPort {
    fn write(&mut self, _bytes: &[u8]) {}
    fn read_byte(&mut self) -> Option<u8> {
        None
    }
    fn ticks_ms(&mut self) -> u64 {
        0
    }
    fn ticks_us(&mut self) -> u64 {
        0
    }
    fn sleep_ms(&mut self, _ms: u32) {}
}

/// True for a plain Python identifier (ASCII), the only names worth offering.
#[cfg(feature = "compiler")]
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

impl Vm {
    /// The REPL outcome for an uncaught exception.
    #[cfg(feature = "compiler")]
    fn repl_outcome(&mut self, e: PyErr) -> ExecOutcome {
        match self.system_exit_code(e.0) {
            Some(code) => ExecOutcome::SystemExit(code),
            None => ExecOutcome::Exception(self.format_exception(e.0)),
        }
    }

    /// The object a dotted chain (`sys.implementation`) names, from `__main__` or builtins.
    #[cfg(feature = "compiler")]
    fn resolve_chain(&mut self, chain: &[&str]) -> Option<Value> {
        let (first, rest) = chain.split_first()?;
        let q = self.qstrs.lookup(first)?;
        let mut obj = match self.dict_get_qstr(self.main_globals, q) {
            Some(v) => v,
            None => self.dict_get_qstr(self.builtins, q)?,
        };
        for name in rest {
            let q = self.qstrs.lookup(name)?;
            obj = self.getattr_opt(obj, q).ok()??;
        }
        Some(obj)
    }
}

impl Engine for Vm {
    fn console(&mut self) -> &mut dyn Port {
        &mut *self.port
    }

    /// Runs in `__main__` as `<stdin>`.
    fn exec(&mut self, source: &str, mode: ExecMode) -> ExecOutcome {
        #[cfg(feature = "compiler")]
        {
            use crate::compile::{ErrorKind, Mode};
            let kind = if mode == ExecMode::File {
                Mode::File
            } else {
                Mode::Single
            };
            let compiled = match self.compile_bounded(source, "<stdin>", kind) {
                Ok(c) => c,
                Err(ce) if ce.kind == ErrorKind::Incomplete && mode == ExecMode::Single => {
                    return ExecOutcome::Incomplete;
                }
                Err(ce) if ce.kind == ErrorKind::NoMemory && mode == ExecMode::File => {
                    // Too big to compile at once (`mpremote run` of a long script on a
                    // board): a batch of statements at a time.
                    let globals = self.main_globals;
                    return match self.exec_source_fallback(ce, source, "<stdin>", kind, globals) {
                        Ok(_) => ExecOutcome::Done,
                        Err(e) => self.repl_outcome(e),
                    };
                }
                Err(ce) => {
                    let e = self.compile_error(&ce, "<stdin>");
                    return self.repl_outcome(e);
                }
            };
            let globals = self.main_globals;
            match self.exec_compiled(compiled, globals) {
                Ok(_) => ExecOutcome::Done,
                Err(e) => self.repl_outcome(e),
            }
        }
        #[cfg(not(feature = "compiler"))]
        {
            let _ = (source, mode);
            ExecOutcome::Exception(String::from(
                "RuntimeError: script compilation not supported\n",
            ))
        }
    }

    /// Globals and builtins for a plain name; the attributes of the object a dotted chain
    /// names otherwise (only plain identifiers are offered). Only with the compiler: without it
    /// no typed line runs, and the flash goes to what does.
    #[cfg(feature = "compiler")]
    fn complete(&mut self, prefix: &str) -> Vec<String> {
        let parts: Vec<&str> = prefix.split('.').collect();
        let Some((_, chain)) = parts.split_last() else {
            return Vec::new();
        };
        let mut names = if chain.is_empty() {
            let mut keys: Vec<Value> = Vec::new();
            for d in [self.main_globals, self.builtins] {
                if let Some(dict) = self.dict_ref(d) {
                    keys.extend(dict.iter().map(|e| e.key));
                }
            }
            keys.iter()
                .filter_map(|&k| self.str_data(k).map(String::from))
                .collect()
        } else {
            match self.resolve_chain(chain) {
                Some(obj) => {
                    let base = self.roots.len();
                    self.roots.push(obj);
                    let names = self.dir_names(obj);
                    self.roots.truncate(base);
                    names
                }
                None => Vec::new(),
            }
        };
        names.retain(|n| is_identifier(n));
        names
    }

    /// Names of the built-in modules after `import `.
    #[cfg(feature = "compiler")]
    fn complete_module(&mut self, prefix: &str) -> Vec<String> {
        let mut names: Vec<String> = crate::modules::BUILTIN_MODULES
            .iter()
            .chain(self.config.port_modules.iter())
            .filter_map(|m| match m {
                crate::statics::StaticObj::Module(d) if d.name.starts_with(prefix) => {
                    Some(String::from(d.name))
                }
                _ => None,
            })
            .collect();
        // Top-level frozen modules and packages (`x.py`, `pkg/...`); the REPL filters by
        // prefix and drops duplicates.
        names.extend(self.config.frozen.iter().map(|m| {
            let top = m.name.split('/').next().unwrap_or("");
            // (strip_suffix, not trim_end_matches: that links core's substring searcher.)
            let top = top
                .strip_suffix(".py")
                .or_else(|| top.strip_suffix(".mpy"))
                .unwrap_or(top);
            String::from(top)
        }));
        names
    }

    /// A fresh interpreter with the same port, settings and `sys.path` (heap, modules and
    /// globals all new).
    fn soft_reset(&mut self) {
        // Timers and pin interrupts started from Python stop with the interpreter.
        #[cfg(feature = "machine")]
        crate::modules::machine::soft_reset(self);
        let port = core::mem::replace(&mut self.port, Box::new(NullPort));
        let config = self.config.clone();
        let (stack_top, crlf, errors_to_stdout) =
            (self.stack_top, self.crlf, self.errors_to_stdout);
        let path = self.sys_path();
        // Free the old objects first: on a board the new interpreter must fit in the same arena
        // (a full heap left no room for it: Ctrl-D then aborted with an allocation failure).
        // The same for everything else the old interpreter owns (qstrs, stacks, caches): on a
        // 64 KB board the two would not fit side by side.
        self.heap = crate::gc::Heap::new(0);
        self.qstrs = crate::qstr::QstrTable::empty();
        self.stack = Vec::new();
        self.frames = Vec::new();
        self.roots = Vec::new();
        self.extra_roots = Default::default();
        self.lookup_cache = Box::new([]);
        self.method_cache = Box::new([]);
        *self = Vm::new(port, config);
        (self.stack_top, self.crlf, self.errors_to_stdout) = (stack_top, crlf, errors_to_stdout);
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        let _ = self.set_path(&path);
    }

    fn after_soft_reset(&mut self, raw: bool) {
        // A SystemExit here just ends the script: the REPL carries on.
        let _ = self.run_frozen_startup(!raw);
    }
}

#[cfg(all(test, feature = "compiler"))]
mod tests {
    use super::*;
    use crate::vm::Config;
    use alloc::rc::Rc;
    use core::cell::RefCell;

    /// A port reading a script, its output landing in a shared buffer.
    struct Capture(Rc<RefCell<Vec<u8>>>, alloc::collections::VecDeque<u8>);

    impl Port for Capture {
        fn write(&mut self, bytes: &[u8]) {
            self.0.borrow_mut().extend_from_slice(bytes);
        }
        fn read_byte(&mut self) -> Option<u8> {
            self.1.pop_front()
        }
        fn ticks_ms(&mut self) -> u64 {
            0
        }
        fn ticks_us(&mut self) -> u64 {
            0
        }
        fn sleep_ms(&mut self, _ms: u32) {}
    }

    fn vm() -> (Vm, Rc<RefCell<Vec<u8>>>) {
        let out = Rc::new(RefCell::new(Vec::new()));
        let port = Capture(out.clone(), Default::default());
        let vm = Vm::new(Box::new(port), Config::default());
        (vm, out)
    }

    /// Run the board REPL on a fresh VM over `input`; the console output as text.
    fn session(input: &[u8]) -> (String, crate::repl::ReplExit) {
        let out = Rc::new(RefCell::new(Vec::new()));
        let port = Capture(out.clone(), input.iter().copied().collect());
        let mut vm = Vm::new(Box::new(port), Config::default());
        vm.crlf = true;
        let mut cfg = crate::repl::ReplConfig::board("test");
        cfg.banner = String::from("BANNER");
        let exit = crate::repl::run(&mut vm, &cfg);
        let text = String::from_utf8_lossy(&out.borrow()).into_owned();
        (text, exit)
    }

    #[test]
    fn friendly_session_end_to_end() {
        let (out, exit) = session(b"1+2\rdef f(x):\rreturn x*2\r\x08\rf(21)\r1/0\rsys\x03");
        assert!(out.contains(">>> 1+2\r\n3\r\n>>> "), "{out}");
        assert!(
            out.contains("...     return x*2\r\n...     \x08\x08\x08\x08\x1b[K\r\n>>> "),
            "{out}"
        );
        assert!(out.contains("f(21)\r\n42\r\n"), "{out}");
        assert!(out.contains("Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nZeroDivisionError: divide by zero\r\n>>> "), "{out}");
        assert_eq!(exit, crate::repl::ReplExit::Eof);
    }

    #[test]
    fn raw_session_end_to_end() {
        let mut input = b"\x01print('hi')\x04x\x04\x05A\x01".to_vec();
        let code = alloc::format!("s = '{}'\nprint(len(s))\n", "a".repeat(300));
        input.extend_from_slice(code.as_bytes());
        input.extend_from_slice(b"\x04y = 1\x04\x04y\x04\x02");
        let (out, _) = session(&input);
        assert!(
            out.contains("raw REPL; CTRL-B to exit\r\n>OKhi\r\n\x04\x04>"),
            "{out:?}"
        );
        assert!(out.contains(">OK\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nNameError: name 'x' isn't defined\r\n\x04>"), "{out:?}");
        assert!(
            out.contains(">R\x01\u{fffd}\x00\x01\x01\x01\x04300\r\n\x04\x04>"),
            "{out:?}"
        );
        // Ctrl-D on an empty buffer soft-resets: y is gone afterwards.
        assert!(
            out.contains(">OK\r\nMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>OK\x04Traceback"),
            "{out:?}"
        );
        // The help() hint only where help() exists (not at the minimal feature level).
        let hint = if cfg!(feature = "modules-basic") {
            "Type \"help()\" for more information.\r\n"
        } else {
            ""
        };
        let end =
            alloc::format!("NameError: name 'y' isn't defined\r\n\x04>\r\nBANNER\r\n{hint}>>> ");
        assert!(out.ends_with(&end), "{out:?}");
    }

    #[test]
    fn repl_compiles_within_the_native_stack_budget() {
        // A board thread's budget: nested calls that would need more stack than it allows
        // are a RuntimeError at the REPL, not a stack overflow.
        let out = Rc::new(RefCell::new(Vec::new()));
        let port = Capture(out.clone(), Default::default());
        let config = Config {
            native_stack: 48 * 1024,
            ..Config::default()
        };
        let mut vm = Vm::new(Box::new(port), config);
        vm.set_stack_top();
        let deep = alloc::format!("{}0{}", "abs(".repeat(40), ")".repeat(40));
        match vm.exec(&deep, ExecMode::Single) {
            ExecOutcome::Exception(t) => {
                assert!(
                    t.contains("RuntimeError: maximum recursion depth exceeded"),
                    "{t}"
                )
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(vm.exec("abs(abs(-3))", ExecMode::Single), ExecOutcome::Done);
        assert_eq!(&out.borrow()[..], b"3\n");
    }

    #[test]
    fn runs_entries_and_reports() {
        let (mut vm, out) = vm();
        assert_eq!(vm.exec("x = 20", ExecMode::Single), ExecOutcome::Done);
        assert_eq!(vm.exec("x + 1", ExecMode::Single), ExecOutcome::Done);
        assert_eq!(vm.exec("x + 2", ExecMode::File), ExecOutcome::Done);
        assert_eq!(&out.borrow()[..], b"21\n");
        match vm.exec("1/0", ExecMode::Single) {
            ExecOutcome::Exception(t) => {
                assert!(t.starts_with("Traceback (most recent call last):\n"), "{t}");
                assert!(t.contains("ZeroDivisionError"), "{t}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            vm.exec("raise SystemExit(7)", ExecMode::File),
            ExecOutcome::SystemExit(7)
        );
    }

    #[test]
    fn incomplete_only_in_single_mode() {
        let (mut vm, _) = vm();
        assert_eq!(vm.exec("if 1:", ExecMode::Single), ExecOutcome::Incomplete);
        assert!(matches!(
            vm.exec("if 1:", ExecMode::SingleFinal),
            ExecOutcome::Exception(_)
        ));
    }

    #[test]
    fn completes_globals_builtins_and_attributes() {
        let (mut vm, _) = vm();
        vm.exec("import sys\nprinter = 1", ExecMode::File);
        let names = vm.complete("prin");
        assert!(names.iter().any(|n| n == "print"), "{names:?}");
        assert!(names.iter().any(|n| n == "printer"), "{names:?}");
        let attrs = vm.complete("sys.pl");
        assert!(attrs.iter().any(|n| n == "platform"), "{attrs:?}");
        assert!(attrs.iter().all(|n| is_identifier(n)), "{attrs:?}");
        assert!(vm.complete("nosuch.x").is_empty());
        assert!(vm.complete_module("sy").iter().any(|n| n == "sys"));
    }

    #[test]
    fn soft_reset_forgets_globals() {
        let (mut vm, out) = vm();
        vm.exec("y = 5", ExecMode::Single);
        vm.soft_reset();
        assert!(matches!(
            vm.exec("y", ExecMode::Single),
            ExecOutcome::Exception(t) if t.contains("NameError")
        ));
        // The port, the console line ends and sys.path survive the reset.
        vm.crlf = true;
        let _ = vm.set_path(&["", "/lib"]);
        vm.soft_reset();
        assert!(vm.crlf);
        assert_eq!(vm.sys_path(), ["", "/lib"]);
        vm.exec("3", ExecMode::Single);
        assert!(out.borrow().ends_with(b"3\r\n"), "{:?}", out.borrow());
    }
}
