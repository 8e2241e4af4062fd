//! The REPL, shared by every port: the friendly REPL (banner, `>>> `/`... ` prompts, line
//! editing, history, auto-indent, tab completion, Ctrl-E paste mode) and the raw REPL with
//! raw-paste mode, byte for byte as MicroPython's tools (pyboard.py, mpremote) expect.
//!
//! The REPL talks to the world only through the VM's [`Port`](crate::port::Port).

pub mod continuation;
pub mod readline;

use crate::port::Port;
use crate::value::Value;
use crate::vm::Vm;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use readline::{Edit, Editor, Term};

/// Raw-paste flow-control window (MicroPython uses half of its 256-byte buffer).
pub const RAW_PASTE_WINDOW: u16 = 128;

/// How the REPL is set up by the port.
#[derive(Debug, Clone)]
pub struct ReplConfig {
    /// The machine description in the banner (after "Zython vX.Y.Z; ").
    pub machine: String,
    /// Start in the raw REPL (after a soft reset that happened in raw mode).
    pub start_raw: bool,
}

/// Why the REPL returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplExit {
    /// Ctrl-D on an empty line, or end of input: soft reset (boards) or exit (host).
    /// `raw` tells whether the REPL was in raw mode, which survives a soft reset.
    SoftReset {
        /// The raw REPL was active.
        raw: bool,
    },
    /// `sys.exit(code)` ran at the prompt.
    Exit(i32),
    /// The input ended.
    Eof,
}

/// What running one entry produced.
enum Outcome {
    Done,
    Exit(i32),
}

/// A port stand-in while the real one is lent to the line editor (zero-sized: no allocation).
struct NoPort;

impl Port for NoPort {
    fn write(&mut self, _: &[u8]) {}
    fn read_byte(&mut self) -> Option<u8> {
        None
    }
    fn ticks_ms(&mut self) -> u64 {
        0
    }
    fn ticks_us(&mut self) -> u64 {
        0
    }
    fn sleep_ms(&mut self, _: u32) {}
}

struct PortTerm<'a>(&'a mut dyn Port);

impl Term for PortTerm<'_> {
    fn read(&mut self) -> Option<u8> {
        self.0.read_byte()
    }
    fn write(&mut self, b: &[u8]) {
        self.0.write(b)
    }
}

/// The banner line.
pub fn banner(cfg: &ReplConfig) -> String {
    alloc::format!(
        "Zython v{}; {}\r\nType \"help()\" for more information.\r\n",
        env!("CARGO_PKG_VERSION"),
        cfg.machine
    )
}

/// Run the REPL until soft reset, exit or end of input.
pub fn run(vm: &mut Vm, cfg: &ReplConfig) -> ReplExit {
    let mut editor = Editor::new();
    // The console is raw while the REPL owns it; `execute` hands it back while code runs.
    vm.port.set_raw_mode(true);
    let exit = repl_loop(vm, cfg, &mut editor);
    vm.port.set_raw_mode(false);
    exit
}

fn repl_loop(vm: &mut Vm, cfg: &ReplConfig, editor: &mut Editor) -> ReplExit {
    let mut raw = cfg.start_raw;
    if !raw {
        let b = banner(cfg);
        vm.port.write(b.as_bytes());
    }
    loop {
        let next = if raw {
            raw_repl(vm)
        } else {
            friendly_repl(vm, cfg, editor)
        };
        match next {
            Next::Raw => raw = true,
            Next::Friendly => {
                raw = false;
                let b = banner(cfg);
                vm.port.write(b.as_bytes());
            }
            Next::Exit(e) => return e,
        }
    }
}

enum Next {
    Raw,
    Friendly,
    Exit(ReplExit),
}

/// Read one line with the editor, lending it the port and a completer backed by the VM.
fn read_line(vm: &mut Vm, editor: &mut Editor, prompt: &str, initial: &str) -> Edit {
    let mut port: Box<dyn Port> = core::mem::replace(&mut vm.port, Box::new(NoPort));
    let r = {
        let mut term = PortTerm(&mut *port);
        let mut complete = |word: &str| complete(vm, word);
        editor.read_line(&mut term, prompt, initial, &mut complete)
    };
    vm.port = port;
    r
}

fn friendly_repl(vm: &mut Vm, cfg: &ReplConfig, editor: &mut Editor) -> Next {
    loop {
        crate::interrupt::clear();
        let mut entry = match read_line(vm, editor, ">>> ", "") {
            Edit::Line(l) => l,
            Edit::Control(0x01) => {
                vm.port.write(b"\r\n");
                return Next::Raw;
            }
            Edit::Control(0x02) => {
                vm.port.write(b"\r\n");
                let b = banner(cfg);
                vm.port.write(b.as_bytes());
                continue;
            }
            Edit::Control(0x03) => {
                vm.port.write(b"\r\n");
                continue;
            }
            Edit::Control(0x05) => {
                match paste_mode(vm) {
                    Some(src) => {
                        if let Outcome::Exit(c) = execute(vm, &src, false) {
                            return Next::Exit(ReplExit::Exit(c));
                        }
                    }
                    None => continue,
                }
                continue;
            }
            Edit::Control(_) => {
                vm.port.write(b"\r\n");
                return Next::Exit(ReplExit::SoftReset { raw: false });
            }
        };
        if entry.trim().is_empty() {
            continue;
        }
        let mut cancelled = false;
        while continuation::continue_with_input(&entry) {
            let indent = next_indent(&entry);
            entry.push('\n');
            match read_line(vm, editor, "... ", &indent) {
                Edit::Line(l) => entry.push_str(&l),
                Edit::Control(0x03) => {
                    vm.port.write(b"\r\n");
                    cancelled = true;
                    break;
                }
                Edit::Control(0x04) => break,
                Edit::Control(_) => {}
            }
        }
        if cancelled {
            continue;
        }
        if let Outcome::Exit(c) = execute(vm, &entry, true) {
            return Next::Exit(ReplExit::Exit(c));
        }
    }
}

/// Auto-indent for the next continuation line: the last line's indent, plus 4 after a `:`.
fn next_indent(entry: &str) -> String {
    let last = entry.rsplit('\n').next().unwrap_or("");
    let mut n = last.len() - last.trim_start_matches(' ').len();
    if last.trim_end().ends_with(':') {
        n += 4;
    }
    if last.trim().is_empty() {
        n = 0;
    }
    " ".repeat(n)
}

/// Ctrl-E paste mode: collect text until Ctrl-D (run) or Ctrl-C (cancel).
fn paste_mode(vm: &mut Vm) -> Option<String> {
    vm.port
        .write(b"\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
    let mut buf = Vec::new();
    loop {
        match vm.port.read_byte() {
            None | Some(0x04) => {
                vm.port.write(b"\r\n");
                break;
            }
            Some(0x03) => {
                vm.port.write(b"\r\n");
                return None;
            }
            Some(b'\r') => {
                buf.push(b'\n');
                vm.port.write(b"\r\n=== ");
            }
            Some(b'\n') if buf.last() == Some(&b'\n') => {}
            Some(c) => {
                buf.push(c);
                vm.port.write(&[c]);
            }
        }
    }
    Some(String::from_utf8_lossy(&buf).into_owned())
}

/// Compile and run an entry in `__main__`, printing any uncaught exception.
fn execute(vm: &mut Vm, src: &str, single: bool) -> Outcome {
    vm.port.set_raw_mode(false);
    let r = execute_cooked(vm, src, single);
    vm.port.set_raw_mode(true);
    r
}

fn execute_cooked(vm: &mut Vm, src: &str, single: bool) -> Outcome {
    crate::interrupt::clear();
    let g = vm.main_globals;
    #[cfg(feature = "compiler")]
    let r = {
        let mode = if single {
            crate::compile::Mode::Single
        } else {
            crate::compile::Mode::File
        };
        vm.exec_source(src, "<stdin>", mode, g).map(|_| ())
    };
    #[cfg(not(feature = "compiler"))]
    let r: crate::vm::PyResult<()> = {
        let _ = (src, single, g);
        Err(vm.new_exception(
            &crate::types::exceptions::RUNTIME_ERROR,
            "this firmware has no compiler: the REPL can't compile; run .mpy or frozen modules",
        ))
    };
    vm.roots.clear();
    match r {
        Ok(()) => Outcome::Done,
        Err(e) => {
            if let Some(code) = vm.system_exit_code(e.0) {
                return Outcome::Exit(code);
            }
            vm.print_exception(e.0);
            Outcome::Done
        }
    }
}

/// The raw REPL: `raw REPL; CTRL-B to exit\r\n>`, code ends with Ctrl-D, answers
/// `OK` + output + `\x04` + error + `\x04` + `>`; raw-paste via `\x05A\x01`.
fn raw_repl(vm: &mut Vm) -> Next {
    vm.port.write(b"raw REPL; CTRL-B to exit\r\n");
    let mut line: Vec<u8> = Vec::new();
    vm.port.write(b">");
    loop {
        let c = match vm.port.read_byte() {
            Some(c) => c,
            None => return Next::Exit(ReplExit::Eof),
        };
        match c {
            0x01 => {
                if line.len() == 2 && line[0] == 0x05 {
                    let cmd = line[1];
                    line.clear();
                    if let Some(exit) = raw_paste(vm, cmd) {
                        return Next::Exit(exit);
                    }
                    vm.port.write(b">");
                } else {
                    line.clear();
                    vm.port.write(b"raw REPL; CTRL-B to exit\r\n>");
                }
            }
            0x02 => {
                vm.port.write(b"\r\n");
                return Next::Friendly;
            }
            0x03 => line.clear(),
            0x04 => {
                vm.port.write(b"OK");
                if line.is_empty() {
                    vm.port.write(b"\r\n");
                    return Next::Exit(ReplExit::SoftReset { raw: true });
                }
                let src = String::from_utf8_lossy(&line).into_owned();
                line.clear();
                if let Some(exit) = raw_execute(vm, &src) {
                    return Next::Exit(exit);
                }
                vm.port.write(b">");
            }
            c => line.push(c),
        }
    }
}

/// Run raw-REPL code: output, `\x04`, traceback, `\x04`. Some(exit) on sys.exit (soft reset).
fn raw_execute(vm: &mut Vm, src: &str) -> Option<ReplExit> {
    let saved = (vm.errors_to_stdout, vm.crlf);
    // The console stays raw here, so output newlines are sent as CR LF like on a board.
    vm.errors_to_stdout = true;
    vm.crlf = true;
    crate::interrupt::clear();
    let g = vm.main_globals;
    #[cfg(feature = "compiler")]
    let r = vm
        .exec_source(src, "<stdin>", crate::compile::Mode::File, g)
        .map(|_| ());
    #[cfg(not(feature = "compiler"))]
    let r: crate::vm::PyResult<()> = {
        let _ = (src, g);
        Err(vm.new_exception(
            &crate::types::exceptions::RUNTIME_ERROR,
            "this firmware has no compiler",
        ))
    };
    vm.roots.clear();
    vm.port.write(b"\x04");
    let mut exit = None;
    if let Err(e) = r {
        if vm.system_exit_code(e.0).is_some() {
            exit = Some(ReplExit::SoftReset { raw: true });
        } else {
            vm.print_exception(e.0);
        }
    }
    vm.port.write(b"\x04");
    (vm.errors_to_stdout, vm.crlf) = saved;
    exit
}

/// Raw-paste mode (`\x05A\x01` already received as `\x05` + `cmd` + `\x01`).
fn raw_paste(vm: &mut Vm, cmd: u8) -> Option<ReplExit> {
    if cmd != b'A' {
        vm.port.write(b"R\x00");
        return None;
    }
    vm.port.write(b"R\x01");
    let w = RAW_PASTE_WINDOW;
    vm.port.write(&[(w & 0xff) as u8, (w >> 8) as u8, 0x01]);
    let mut remain = w;
    let mut src = Vec::new();
    loop {
        match vm.port.read_byte() {
            None | Some(0x04) => {
                vm.port.write(b"\x04");
                break;
            }
            Some(0x03) => {
                vm.port.write(b"\x04");
                vm.port.write(b"\x04");
                let e = vm.new_exception(&crate::types::exceptions::KEYBOARD_INTERRUPT, "");
                let saved = vm.errors_to_stdout;
                vm.errors_to_stdout = true;
                vm.print_exception(e.0);
                vm.errors_to_stdout = saved;
                vm.port.write(b"\x04");
                return None;
            }
            Some(c) => {
                src.push(c);
                remain -= 1;
                if remain == 0 {
                    vm.port.write(b"\x01");
                    remain = w;
                }
            }
        }
    }
    let text = String::from_utf8_lossy(&src).into_owned();
    raw_execute(vm, &text)
}

/// Completions for `word` (a name or a dotted attribute path) in `__main__`.
pub fn complete(vm: &mut Vm, word: &str) -> Vec<String> {
    let (path, prefix) = match word.rfind('.') {
        Some(i) => (Some(&word[..i]), &word[i + 1..]),
        None => (None, word),
    };
    let mut names: Vec<String> = Vec::new();
    match path {
        None => {
            for d in [vm.main_globals, vm.builtins] {
                if let Some(dict) = vm.dict_ref(d) {
                    let keys: Vec<Value> = dict.iter().map(|e| e.key).collect();
                    for k in keys {
                        if let Some(s) = vm.str_data(k) {
                            names.push(String::from(s));
                        }
                    }
                }
            }
        }
        Some(p) => {
            let mut obj = Value::NULL;
            for (i, part) in p.split('.').enumerate() {
                let qn = match vm.qstrs.lookup(part) {
                    Some(x) => x,
                    None => return Vec::new(),
                };
                obj = if i == 0 {
                    match vm
                        .dict_get_qstr(vm.main_globals, qn)
                        .or_else(|| vm.dict_get_qstr(vm.builtins, qn))
                    {
                        Some(v) => v,
                        None => return Vec::new(),
                    }
                } else {
                    match vm.getattr_opt(obj, qn) {
                        Ok(Some(v)) => v,
                        _ => return Vec::new(),
                    }
                };
            }
            names = vm.dir_names(obj);
        }
    }
    let mut out: Vec<String> = names
        .into_iter()
        .filter(|n| n.starts_with(prefix) && (prefix.starts_with('_') || !n.starts_with('_')))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(all(test, feature = "compiler"))]
mod tests;
