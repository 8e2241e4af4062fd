//! The `zython` command: MicroPython's unix-port interface on Zython.
//!
//! `zython [-c CMD | -m MOD | FILE | -] [args]` with `-X heapsize=N[kKmM]`, `-X emit=...`,
//! `-X arena=N[kKmM]` (emulate a board: the allocator has only N bytes for the heap and the
//! interpreter's buffers, and fails past them), `-i`, `-O`, `-v`; exit status 0, the `sys.exit`
//! code, or 1 after an uncaught exception.
//! Frozen modules built in (`ZYTHON_FROZEN_DIR` at build time) are importable through the
//! `.frozen` entry of `sys.path`; without a program argument their `boot.py` and `main.py` run
//! before the REPL (or the program read from stdin).

mod host;
mod tty;

use std::io::{IsTerminal, Read};
use zython::value::Value;
use zython::vm::{Config, Vm};

/// Every allocation is counted (gc.mem_alloc, the -X heapsize limit); mimalloc underneath is
/// much faster than glibc's malloc for the VM's many small objects.
#[global_allocator]
static ALLOC: zython::gc::CountingAlloc<mimalloc::MiMalloc> =
    zython::gc::CountingAlloc(mimalloc::MiMalloc);

/// What to run.
enum Target {
    Repl,
    Command(String),
    Module(String),
    File(String),
    Stdin,
}

fn parse_size(s: &str) -> Option<usize> {
    let (num, mul) = match s.chars().last()? {
        'k' | 'K' => (&s[..s.len() - 1], 1024),
        'm' | 'M' => (&s[..s.len() - 1], 1024 * 1024),
        _ => (s, 1),
    };
    num.parse::<usize>().ok().map(|n| n * mul)
}

fn usage() -> ! {
    eprintln!(
        "usage: zython [<opts>] [-X <implopt>] [-c <command> | -m <module> | <filename>] [args]"
    );
    std::process::exit(2);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut config = Config {
        platform: "linux",
        frozen: zython_frozen::MODULES,
        ..Config::default()
    };
    let mut inspect = false;
    let mut compile_only = false;
    let mut arena = None;
    let mut target = None;
    let mut i = 1;
    while i < args.len() && target.is_none() {
        let a = &args[i];
        match a.as_str() {
            "-c" => {
                i += 1;
                target = Some(Target::Command(
                    args.get(i).cloned().unwrap_or_else(|| usage()),
                ));
            }
            "-m" => {
                i += 1;
                target = Some(Target::Module(
                    args.get(i).cloned().unwrap_or_else(|| usage()),
                ));
            }
            "-X" => {
                i += 1;
                let opt = args.get(i).cloned().unwrap_or_else(|| usage());
                if let Some(v) = opt.strip_prefix("heapsize=") {
                    match parse_size(v) {
                        Some(n) => config.heap_size = n,
                        None => usage(),
                    }
                } else if let Some(v) = opt.strip_prefix("arena=") {
                    arena = Some(parse_size(v).unwrap_or_else(|| usage()));
                } else if opt == "compile-only" {
                    compile_only = true;
                }
            }
            "-i" => inspect = true,
            "-v" => config.verbose = config.verbose.saturating_add(1),
            "-O" | "-OO" | "-OOO" => config.opt_level = (a.len() - 1) as u8,
            "-" => target = Some(Target::Stdin),
            "-h" | "--help" => usage(),
            s if s.starts_with("-O") => config.opt_level = s[2..].parse().unwrap_or(1),
            s if s.starts_with("-X") => {
                if let Some(v) = s[2..].strip_prefix("heapsize=") {
                    config.heap_size = parse_size(v).unwrap_or_else(|| usage());
                } else if let Some(v) = s[2..].strip_prefix("arena=") {
                    arena = Some(parse_size(v).unwrap_or_else(|| usage()));
                } else if &s[2..] == "compile-only" {
                    compile_only = true;
                }
            }
            s if s.starts_with('-') && s.len() > 1 => usage(),
            _ => target = Some(Target::File(a.clone())),
        }
        i += 1;
    }
    let rest: Vec<&str> = args[i.min(args.len())..]
        .iter()
        .map(|s| s.as_str())
        .collect();
    let target = target.unwrap_or(if std::io::stdin().is_terminal() {
        Target::Repl
    } else {
        Target::Stdin
    });

    tty::install_sigint_handler();
    if let Some(n) = arena {
        // As on a board: one fixed arena for the Python heap and the interpreter's own
        // buffers; the VM fits its heap limit to it.
        zython::gc::set_arena(n);
        config.arena_free = Some(zython::gc::arena_free);
    }
    let mut vm = Vm::new(Box::new(host::HostPort::new()), config);
    // sys.path: the script's folder (or ""), then MICROPYPATH or the default library folders.
    let first = match &target {
        Target::File(f) => {
            let p = std::path::Path::new(f)
                .parent()
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default();
            p
        }
        _ => String::new(),
    };
    let extra = std::env::var("MICROPYPATH")
        .unwrap_or_else(|_| String::from(".frozen:~/.micropython/lib:/usr/lib/micropython"));
    let home = std::env::var("HOME").unwrap_or_default();
    let mut path: Vec<String> = vec![first];
    for p in extra.split(':') {
        path.push(p.replacen('~', &home, 1));
    }
    let path_refs: Vec<&str> = path.iter().map(|s| s.as_str()).collect();
    let _ = vm.set_path(&path_refs);
    let mut argv: Vec<&str> = Vec::new();
    match &target {
        Target::File(f) => argv.push(f.as_str()),
        Target::Module(m) => argv.push(m.as_str()),
        _ => argv.push(""),
    }
    argv.extend(rest.iter());
    let _ = vm.set_argv(&argv);

    #[cfg(not(feature = "compiler"))]
    if compile_only {
        eprintln!("zython: -X compile-only needs the compiler, which this build leaves out");
        std::process::exit(1);
    }
    #[cfg(feature = "compiler")]
    if compile_only {
        // `-X compile-only`: check that the program compiles, run nothing (MicroPython's option).
        let (src, file) = match &target {
            Target::Command(c) => (c.clone(), String::from("<stdin>")),
            Target::File(f) => match std::fs::read_to_string(f) {
                Ok(s) => (s, f.clone()),
                Err(e) => {
                    eprintln!("zython: can't open file '{f}': {e}");
                    std::process::exit(2);
                }
            },
            Target::Stdin => {
                let mut src = String::new();
                let _ = std::io::stdin().read_to_string(&mut src);
                (src, String::from("<stdin>"))
            }
            _ => std::process::exit(0),
        };
        let code = match vm.compile(&src, &file, zython::compile::Mode::File) {
            Ok(_) => 0,
            Err(e) => report(&mut vm, e.0),
        };
        std::process::exit(code);
    }

    // Without a program to run (REPL, or a program on stdin) the frozen boot.py and main.py
    // run first, as at a board's start-up.
    if matches!(target, Target::Repl | Target::Stdin) {
        if let Some(code) = vm.run_frozen_startup(true) {
            zython::modules::sys::run_atexit(&mut vm);
            std::process::exit(code);
        }
    }
    let result = match &target {
        Target::Command(c) => run_source(&mut vm, c, "<stdin>"),
        Target::File(f) => vm.run_main_file(f),
        Target::Module(m) => vm.run_main_module(m),
        Target::Stdin => {
            let mut src = String::new();
            let _ = std::io::stdin().read_to_string(&mut src);
            run_stdin(&mut vm, src)
        }
        Target::Repl => {
            inspect = true;
            Ok(())
        }
    };
    let mut code = 0;
    if let Err(e) = result {
        code = report(&mut vm, e.0);
        if code >= 0 && vm.system_exit_code(e.0).is_some() {
            zython::modules::sys::run_atexit(&mut vm);
            std::process::exit(code);
        }
    }
    // As MicroPython: a program that sets MICROPYINSPECT (os.putenv) ends in the REPL.
    if std::env::var("MICROPYINSPECT").is_ok_and(|v| !v.is_empty()) {
        inspect = true;
    }
    if inspect {
        code = repl(&mut vm);
    }
    // As MicroPython: -v ends with the memory summary.
    if vm.config.verbose > 0 {
        vm.config.verbose = 0;
        let _ = run_source(
            &mut vm,
            "import micropython\nmicropython.mem_info()",
            "<stdin>",
        );
    }
    zython::modules::sys::run_atexit(&mut vm);
    std::process::exit(code);
}

/// Print an uncaught exception; returns the exit status.
fn report(vm: &mut Vm, e: Value) -> i32 {
    if let Some(c) = vm.system_exit_code(e) {
        return c;
    }
    vm.print_exception(e);
    1
}

#[cfg(feature = "compiler")]
fn run_source(vm: &mut Vm, src: &str, file: &str) -> zython::vm::PyResult<()> {
    let g = vm.main_globals;
    vm.exec_source(src, file, zython::compile::Mode::File, g)
        .map(|_| ())
}

/// Run a program read from standard input; its text is dropped once compiled.
#[cfg(feature = "compiler")]
fn run_stdin(vm: &mut Vm, src: String) -> zython::vm::PyResult<()> {
    let g = vm.main_globals;
    vm.exec_file_source(src.into_bytes(), "<stdin>", g)
        .map(|_| ())
}

#[cfg(not(feature = "compiler"))]
fn run_stdin(vm: &mut Vm, src: String) -> zython::vm::PyResult<()> {
    run_source(vm, &src, "<stdin>")
}

/// A VM-only build runs .mpy files and frozen modules; source gets MicroPython's error.
#[cfg(not(feature = "compiler"))]
fn run_source(vm: &mut Vm, _src: &str, _file: &str) -> zython::vm::PyResult<()> {
    Err(vm.new_exception(
        &zython::types::exceptions::RUNTIME_ERROR,
        "script compilation not supported",
    ))
}

/// The interactive REPL on the terminal; returns the exit status.
fn repl(vm: &mut Vm) -> i32 {
    let machine = format!("{} {}", std::env::consts::OS, std::env::consts::ARCH);
    let cfg = zython::repl::ReplConfig::host(&machine);
    match tty::with_raw_mode(|| zython::repl::run(vm, &cfg)) {
        zython::repl::ReplExit::SystemExit(c) => c,
        _ => 0,
    }
}
