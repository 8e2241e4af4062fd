//! `zython-cross`: compiles a .py file to a .mpy (v6.3 bytecode) file, with mpy-cross's
//! command-line interface.

use std::io::{Read, Write};
use std::process::ExitCode;

use zython::bytecode::mpy::{self, DEFAULT_SMALL_INT_BITS};
use zython::compile::{compile_source, CompileError, ErrorKind, Mode};

/// Architectures mpy-cross knows. They only matter to native emitters, which Zython lacks:
/// with bytecode (the only emitter) mpy-cross writes the same arch-less file whatever
/// `-march` says, and MicroPython's test harness passes `-march` with `emit=bytecode`, so
/// they are accepted; asking for native code (`-X emit=native|viper`) is refused.
const NATIVE_ARCHS: [&str; 14] = [
    "x86",
    "x64",
    "armv6",
    "armv6m",
    "armv7m",
    "armv7em",
    "armv7emsp",
    "armv7emdp",
    "xtensa",
    "xtensawin",
    "rv32imc",
    "rv64imc",
    "host",
    "debug",
];

/// Smallest small-int width the compiler supports (it folds constants for 31-bit ints).
const MIN_SMALL_INT_BITS: u8 = 31;

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Action {
    /// Print the version line.
    Version,
    /// Print usage and fail.
    Usage,
    /// Print a message to stderr and fail.
    Fail(String),
    /// Compile.
    Compile(Options),
}

/// Options of a compile run.
#[derive(Debug, PartialEq)]
struct Options {
    input: String,
    output: Option<String>,
    source_name: Option<String>,
    opt_level: u8,
    small_int_bits: u8,
}

/// Parses the arguments (without the program name) the way mpy-cross does.
fn parse_args(args: &[String]) -> Action {
    let mut input: Option<String> = None;
    let mut output = None;
    let mut source_name = None;
    let mut opt_level = 0u8;
    let mut small_int_bits = DEFAULT_SMALL_INT_BITS;
    let mut options_active = true;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        i += 1;
        if options_active && a.starts_with('-') && a.len() > 1 {
            match a {
                "--version" => return Action::Version,
                "-h" | "--help" => return Action::Usage,
                "-v" => {}
                "--" => options_active = false,
                "-o" | "-s" | "-X" => {
                    let Some(value) = args.get(i) else {
                        return Action::Usage;
                    };
                    i += 1;
                    match a {
                        "-o" => output = Some(value.clone()),
                        "-s" => source_name = Some(value.replace('\\', "/")),
                        _ => {
                            if let Some(msg) = impl_option(value) {
                                return msg;
                            }
                        }
                    }
                }
                _ if a.starts_with("-O") => {
                    let rest = &a[2..];
                    opt_level = match rest.bytes().next() {
                        Some(d) if d.is_ascii_digit() => d & 0xf,
                        _ => 1 + rest.bytes().take_while(|&b| b == b'O').count() as u8,
                    };
                }
                _ if a.starts_with("-msmall-int-bits=") => {
                    match a["-msmall-int-bits=".len()..].parse::<u8>() {
                        Ok(n) if n > 63 => return Action::Usage,
                        Ok(n) if n < MIN_SMALL_INT_BITS => {
                            return Action::Fail(format!(
                            "small ints narrower than {MIN_SMALL_INT_BITS} bits are not supported"
                        ))
                        }
                        Ok(n) => small_int_bits = n,
                        Err(_) => return Action::Usage,
                    }
                }
                _ if a.starts_with("-march-flags=") => {
                    return Action::Fail(String::from("unrecognised arch flags"))
                }
                _ if a.starts_with("-march=") => {
                    let arch = &a["-march=".len()..];
                    if !NATIVE_ARCHS.contains(&arch) {
                        return Action::Usage;
                    }
                }
                _ => return Action::Usage,
            }
        } else {
            if input.is_some() {
                return Action::Fail(String::from("multiple input files"));
            }
            input = Some(a.replace('\\', "/"));
        }
    }
    match input {
        None => Action::Fail(String::from("no input file")),
        Some(input) => Action::Compile(Options {
            input,
            output,
            source_name,
            opt_level,
            small_int_bits,
        }),
    }
}

/// Handles a `-X` implementation option; `Some` when it ends the run.
fn impl_option(value: &str) -> Option<Action> {
    match value {
        "emit=bytecode" | "source-lines" => None,
        "emit=native" | "emit=viper" => Some(Action::Fail(format!(
            "-X {value}: native code is not supported; zython-cross emits bytecode only"
        ))),
        "no-source-lines" => Some(Action::Fail(String::from(
            "-X no-source-lines is not supported (use -O3 to drop line numbers)",
        ))),
        _ if value.starts_with("heapsize=") => None,
        _ => Some(Action::Usage),
    }
}

/// The usage text (mpy-cross prints it to stdout and exits 1).
fn usage(prog: &str) -> String {
    format!(
        "usage: {prog} [<opts>] [-X <implopt>] [--] <input filename>
Options:
--version : show version information
-o : output file for compiled bytecode (defaults to input filename with .mpy extension, or stdout if input is stdin)
-s : source filename to embed in the compiled bytecode (defaults to input file)
-v : verbose (accepted, does nothing)
-O[N] : apply bytecode optimizations of level N

Target specific options:
-msmall-int-bits=number : set the maximum bits used to encode a small-int (31 to 63)
-march=<arch> : accepted ({}); only matters to native code, which is not supported:
                zython-cross emits bytecode only

Implementation specific options:
  emit=bytecode -- the only code emitter
  heapsize=<n> -- accepted for compatibility, ignored
  source-lines -- include source line numbers (default)
",
        NATIVE_ARCHS.join(", ")
    )
}

/// The version line, in mpy-cross's shape.
fn version_line() -> String {
    format!(
        "Zython v{}; zython-cross emitting mpy v{}.{}",
        env!("CARGO_PKG_VERSION"),
        mpy::MPY_VERSION,
        mpy::MPY_SUB_VERSION
    )
}

/// The default output path: the input with `.py` replaced by `.mpy`.
fn default_output(input: &str) -> String {
    match input.strip_suffix(".py") {
        Some(stem) => format!("{stem}.mpy"),
        None => format!("{input}.mpy"),
    }
}

/// A compile error as MicroPython prints an uncaught one.
fn format_compile_error(file: &str, e: &CompileError) -> String {
    let (name, msg) = match e.kind {
        ErrorKind::Syntax | ErrorKind::Incomplete => ("SyntaxError", e.msg.as_str()),
        ErrorKind::Indentation => ("IndentationError", e.msg.as_str()),
        ErrorKind::Recursion => ("RuntimeError", "maximum recursion depth exceeded"),
        ErrorKind::NotImplemented => ("NotImplementedError", e.msg.as_str()),
        ErrorKind::NoMemory => ("MemoryError", ""),
        ErrorKind::Runtime => ("RuntimeError", e.msg.as_str()),
    };
    format!(
        "Traceback (most recent call last):\n  File \"{file}\", line {}\n{name}: {msg}\n",
        e.line
    )
}

/// An OSError line as mpy-cross prints it.
fn os_error(e: &std::io::Error, what: &str) -> String {
    format!("OSError: ({}, \"{what}\")\n", e.raw_os_error().unwrap_or(5))
}

/// Compiles and writes the file; on failure returns the text for stderr.
fn run(o: &Options) -> Result<(), String> {
    let from_stdin = o.input == "-";
    let mut data = Vec::new();
    let read = if from_stdin {
        std::io::stdin().read_to_end(&mut data).map(|_| ())
    } else {
        std::fs::File::open(&o.input).and_then(|mut f| f.read_to_end(&mut data).map(|_| ()))
    };
    read.map_err(|e| os_error(&e, &format!("can't open {}", o.input)))?;
    let source = String::from_utf8_lossy(&data);
    let lexer_name = if from_stdin {
        "<stdin>"
    } else {
        o.input.as_str()
    };
    let source_name = o.source_name.as_deref().unwrap_or(lexer_name);
    let module = compile_source(&source, source_name, Mode::File, o.opt_level)
        .map_err(|e| format_compile_error(lexer_name, &e))?;
    let bytes = mpy::save(&module, o.small_int_bits);
    let to_stdout = match &o.output {
        Some(out) => out == "-",
        None => from_stdin,
    };
    if to_stdout {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(&bytes)
            .and_then(|_| stdout.flush())
            .map_err(|e| os_error(&e, "can't write to stdout"));
    }
    let path = o.output.clone().unwrap_or_else(|| default_output(&o.input));
    std::fs::write(&path, &bytes).map_err(|e| os_error(&e, &path))
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let prog = argv.first().map(String::as_str).unwrap_or("zython-cross");
    match parse_args(argv.get(1..).unwrap_or(&[])) {
        Action::Version => {
            println!("{}", version_line());
            ExitCode::SUCCESS
        }
        Action::Usage => {
            print!("{}", usage(prog));
            ExitCode::FAILURE
        }
        Action::Fail(msg) => {
            eprintln!("{msg}");
            ExitCode::FAILURE
        }
        Action::Compile(o) => match run(&o) {
            Ok(()) => ExitCode::SUCCESS,
            Err(msg) => {
                eprint!("{msg}");
                ExitCode::FAILURE
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    fn opts(s: &str) -> Options {
        match parse_args(&args(s)) {
            Action::Compile(o) => o,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn parses_mpy_cross_options() {
        let o = opts("-o out.mpy -s lib/x.py -O2 -v -msmall-int-bits=63 -X emit=bytecode x.py");
        assert_eq!(o.input, "x.py");
        assert_eq!(o.output.as_deref(), Some("out.mpy"));
        assert_eq!(o.source_name.as_deref(), Some("lib/x.py"));
        assert_eq!(o.opt_level, 2);
        assert_eq!(o.small_int_bits, 63);
        let o = opts("-OOO x.py");
        assert_eq!((o.opt_level, o.small_int_bits, o.output), (3, 31, None));
        assert_eq!(opts("-- -x.py").input, "-x.py");
        assert_eq!(opts("-").input, "-");
    }

    #[test]
    fn refuses_what_it_cannot_do() {
        assert_eq!(parse_args(&args("--version")), Action::Version);
        assert_eq!(parse_args(&args("-h")), Action::Usage);
        assert_eq!(parse_args(&args("-q x.py")), Action::Usage);
        assert_eq!(parse_args(&args("-o")), Action::Usage);
        assert_eq!(parse_args(&args("-march=nope x.py")), Action::Usage);
        assert_eq!(
            parse_args(&args("")),
            Action::Fail(String::from("no input file"))
        );
        assert_eq!(
            parse_args(&args("a.py b.py")),
            Action::Fail(String::from("multiple input files"))
        );
        for arch in NATIVE_ARCHS {
            assert_eq!(
                opts(&format!("-march={arch} -X emit=bytecode x.py")).input,
                "x.py"
            );
        }
        for emit in ["native", "viper"] {
            match parse_args(&args(&format!("-march=x64 -X emit={emit} x.py"))) {
                Action::Fail(msg) => assert!(msg.contains("native code is not supported"), "{msg}"),
                other => panic!("{other:?}"),
            }
        }
        assert!(matches!(
            parse_args(&args("-msmall-int-bits=15 x.py")),
            Action::Fail(_)
        ));
        assert_eq!(parse_args(&args("-msmall-int-bits=x x.py")), Action::Usage);
    }

    #[test]
    fn output_names_and_messages() {
        assert_eq!(default_output("dir/x.py"), "dir/x.mpy");
        assert_eq!(default_output("x"), "x.mpy");
        assert!(version_line().ends_with("; zython-cross emitting mpy v6.3"));
        let e = CompileError::syntax("invalid syntax", 3);
        assert_eq!(
            format_compile_error("x.py", &e),
            "Traceback (most recent call last):\n  File \"x.py\", line 3\nSyntaxError: invalid syntax\n"
        );
    }
}
