//! The interactive prompt: friendly REPL (line editing, history, auto-indent, completion),
//! paste mode, raw REPL and raw-paste, speaking MicroPython's protocol over a [`Port`].
//!
//! The REPL does not know the VM: it drives an [`Engine`], which the VM implements. Ports call
//! [`run`]; the host CLI when stdin is a terminal, the Zephyr port on the console UART.
//!
//! Keys at the friendly prompt (empty line): Ctrl-A raw REPL, Ctrl-B banner, Ctrl-C new line,
//! Ctrl-D exit (host) or soft reset (boards), Ctrl-E paste mode. Line endings written by the REPL
//! itself (prompts, echo, banners, tracebacks) are `\r\n` when [`ReplConfig::crlf`] is set, `\n`
//! otherwise; program output is the engine's business (the VM's `crlf` flag on boards).
//!
//! The console is put in raw mode ([`Port::set_raw_mode`]) while the REPL reads keys and back in
//! normal mode while code runs: a host terminal then turns Ctrl-C into SIGINT (KeyboardInterrupt),
//! and a board port can treat a 0x03 byte as an interrupt request only while code runs.
//!
//! Soft resets (Ctrl-D on an empty line on boards, Ctrl-D on an empty raw buffer everywhere,
//! SystemExit on boards) happen in place: `MPY: soft reboot`, [`Engine::soft_reset`], and the
//! REPL carries on in the same mode (raw stays raw, as mpremote expects).

mod complete;
mod continuation;
mod paste;
mod raw;
pub mod readline;
mod vm_engine;

#[cfg(test)]
mod tests;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

pub use continuation::continue_with_input;
pub use raw::RAW_HEADER;

use crate::interrupt;
use crate::port::Port;
use paste::PasteEnd;
use raw::RawEnd;
use readline::{LineEnd, LineState};

/// Ctrl-A: raw REPL (empty line) or start of line.
pub const CTRL_A: u8 = 0x01;
/// Ctrl-B: banner / leave raw REPL, or cursor left.
pub const CTRL_B: u8 = 0x02;
/// Ctrl-C: cancel the line, or KeyboardInterrupt in running code.
pub const CTRL_C: u8 = 0x03;
/// Ctrl-D: soft reset / exit (empty line), end of raw input, or delete at cursor.
pub const CTRL_D: u8 = 0x04;
/// Ctrl-E: paste mode (empty line) or end of line.
pub const CTRL_E: u8 = 0x05;

/// Primary prompt.
pub const PS1: &str = ">>> ";
/// Continuation prompt.
pub const PS2: &str = "... ";
/// Printed before the engine is reset by Ctrl-D (tools wait for its `soft reboot` + newline).
pub const SOFT_REBOOT: &str = "MPY: soft reboot\n";

/// How the engine should compile and run one piece of source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExecMode {
    /// A friendly-REPL entry (`<stdin>`, single-input mode: expression values are printed).
    /// More lines may follow: when the source stops inside an open block or bracket, answer
    /// [`ExecOutcome::Incomplete`] without printing anything.
    Single,
    /// Like `Single`, but the user forced the end (Ctrl-D): incomplete input is a SyntaxError.
    SingleFinal,
    /// File mode (paste mode, raw REPL): expression values are not printed.
    File,
}

/// What running one piece of source came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecOutcome {
    /// Ran to the end.
    Done,
    /// [`ExecMode::Single`] only: the source needs more lines; nothing was run or printed.
    Incomplete,
    /// An uncaught exception (including SyntaxError and KeyboardInterrupt): the full text to
    /// show, `Traceback (most recent call last):` through the last line, each ending in `\n`
    /// (the REPL writes it with its own line ends).
    /// The engine returns it rather than printing it because the raw REPL must send it after
    /// a `\x04` marker that follows the program's normal output.
    Exception(String),
    /// SystemExit with this exit code (the engine has printed a non-int value if there was one).
    SystemExit(i32),
}

/// What the REPL needs from the interpreter; the VM implements it.
pub trait Engine {
    /// The console the REPL reads keys from and writes to (the same one program output uses).
    fn console(&mut self) -> &mut dyn Port;
    /// Compile and run `source`; program output goes to the console.
    fn exec(&mut self, source: &str, mode: ExecMode) -> ExecOutcome;
    /// Names that could complete the last component of the dotted `prefix`: for `"pri"` the
    /// globals and builtins (`"print"`, ...), for `"sys.pa"` the attributes of `sys` (`"path"`,
    /// ...). Complete words, not suffixes; any order; unfiltered is fine (the REPL filters).
    /// An empty list when the chain cannot be resolved. Must not run user code with effects.
    fn complete(&mut self, _prefix: &str) -> Vec<String> {
        Vec::new()
    }
    /// Module names for completion after `import ` (built-in and frozen modules).
    fn complete_module(&mut self, _prefix: &str) -> Vec<String> {
        Vec::new()
    }
    /// Forget all Python state (soft reset): fresh globals, modules, heap.
    fn soft_reset(&mut self);
    /// Called after each soft reset, before the REPL shows itself again; `raw` when the reset
    /// came from the raw REPL. The VM runs the frozen `boot.py`, and `main.py` unless `raw`
    /// (as MicroPython boards do); a port with a filesystem runs its boot.py/main.py too.
    fn after_soft_reset(&mut self, _raw: bool) {}
}

/// Settings of one REPL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplConfig {
    /// First banner line, e.g. `MicroPython v1.24.0; Zython 0.1.0 with x86_64`.
    pub banner: String,
    /// Optional second banner line (e.g. `Type "help()" for more information.`).
    pub banner_hint: Option<String>,
    /// End lines the REPL writes with CR LF (boards) instead of LF (host terminal).
    pub crlf: bool,
    /// Host behaviour: Ctrl-D on an empty friendly line and SystemExit make [`run`] return.
    /// Otherwise (boards) they soft-reset in place. The raw REPL always soft-resets in place,
    /// as mpremote expects.
    pub exit_on_ctrl_d: bool,
    /// Lines kept for up-arrow recall.
    pub history_len: usize,
    /// Raw-paste flow-control window in bytes (MicroPython boards use 128).
    pub raw_paste_window: u16,
    /// Longest entry, paste or raw upload accepted (bytes or chars); more is refused cleanly.
    pub max_input: usize,
}

/// The default first banner line for `machine` (e.g. `x86_64`, a board name).
pub fn default_banner(machine: &str) -> String {
    format!(
        "MicroPython v1.24.0; Zython {} with {}",
        env!("CARGO_PKG_VERSION"),
        machine
    )
}

impl ReplConfig {
    /// Settings for a board console: CR LF, soft reset on Ctrl-D, 8 lines of history.
    pub fn board(machine: &str) -> Self {
        ReplConfig {
            banner: default_banner(machine),
            // help() exists from the basic feature level up.
            banner_hint: cfg!(feature = "modules-basic")
                .then(|| String::from("Type \"help()\" for more information.")),
            crlf: true,
            exit_on_ctrl_d: false,
            history_len: 8,
            raw_paste_window: 128,
            max_input: 64 * 1024,
        }
    }

    /// Settings for the host CLI on a terminal: exit on Ctrl-D. The host port turns output
    /// post-processing off in raw mode, so the REPL writes CR LF there too. The banner ends in
    /// "version" like the one of MicroPython's unix port, which its test suite matches.
    pub fn host(machine: &str) -> Self {
        ReplConfig {
            banner: format!("{} version", default_banner(machine)),
            crlf: true,
            exit_on_ctrl_d: true,
            history_len: 50,
            max_input: 16 * 1024 * 1024,
            ..Self::board(machine)
        }
    }
}

/// Why [`run`] returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplExit {
    /// The input stream ended.
    Eof,
    /// Ctrl-D on an empty friendly line, with [`ReplConfig::exit_on_ctrl_d`].
    CtrlD,
    /// SystemExit at the friendly prompt, with [`ReplConfig::exit_on_ctrl_d`]: the exit code.
    SystemExit(i32),
}

/// Write REPL text, turning each `\n` into `\r\n` when `crlf` is set.
pub(crate) fn write_text(port: &mut dyn Port, crlf: bool, text: &str) {
    if !crlf {
        port.write(text.as_bytes());
        return;
    }
    let mut parts = text.split('\n');
    if let Some(first) = parts.next() {
        port.write(first.as_bytes());
    }
    for part in parts {
        port.write(b"\r\n");
        port.write(part.as_bytes());
    }
}

/// Append `b` unless `buf` would exceed `max` or memory runs out; false when refused.
pub(crate) fn push_bounded(buf: &mut Vec<u8>, b: u8, max: usize) -> bool {
    if buf.len() >= max || buf.try_reserve(1).is_err() {
        return false;
    }
    buf.push(b);
    true
}

/// Which REPL is active.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Friendly,
    Raw,
}

/// How one stint in the friendly REPL ended.
enum Step {
    Raw,
    SoftReset,
    SystemExit(i32),
    Eof,
}

/// Run the REPL until the input ends (or, on the host, until Ctrl-D / SystemExit).
///
/// Starts in the friendly REPL with the banner. Soft resets (Ctrl-D, or SystemExit on boards)
/// print [`SOFT_REBOOT`], call [`Engine::soft_reset`] and return to the mode that was active.
pub fn run(engine: &mut dyn Engine, cfg: &ReplConfig) -> ReplExit {
    engine.console().set_raw_mode(true);
    let exit = run_modes(engine, cfg);
    engine.console().set_raw_mode(false);
    exit
}

/// Run `source` with the console handed back to normal mode (so Ctrl-C interrupts the code).
pub(crate) fn execute(engine: &mut dyn Engine, source: &str, mode: ExecMode) -> ExecOutcome {
    interrupt::clear();
    engine.console().set_raw_mode(false);
    let outcome = engine.exec(source, mode);
    engine.console().set_raw_mode(true);
    outcome
}

/// The mode loop of [`run`].
fn run_modes(engine: &mut dyn Engine, cfg: &ReplConfig) -> ReplExit {
    let mut state = LineState::new(cfg.history_len, cfg.crlf, cfg.max_input);
    let mut mode = Mode::Friendly;
    loop {
        let reset = match mode {
            Mode::Friendly => match friendly(engine, cfg, &mut state) {
                Step::Raw => {
                    mode = Mode::Raw;
                    continue;
                }
                Step::Eof => return ReplExit::Eof,
                Step::SoftReset if cfg.exit_on_ctrl_d => return ReplExit::CtrlD,
                Step::SystemExit(code) if cfg.exit_on_ctrl_d => return ReplExit::SystemExit(code),
                Step::SoftReset | Step::SystemExit(_) => true,
            },
            Mode::Raw => match raw::raw_repl(engine, cfg, true) {
                RawEnd::Friendly => {
                    mode = Mode::Friendly;
                    false
                }
                RawEnd::Eof => return ReplExit::Eof,
                RawEnd::SoftReset | RawEnd::SystemExit(_) => true,
            },
        };
        if reset {
            write_text(engine.console(), cfg.crlf, SOFT_REBOOT);
            interrupt::clear();
            engine.soft_reset();
            engine.after_soft_reset(mode == Mode::Raw);
            state.history.clear();
        }
    }
}

/// Print the banner lines.
fn banner(port: &mut dyn Port, cfg: &ReplConfig) {
    write_text(port, cfg.crlf, &cfg.banner);
    write_text(port, cfg.crlf, "\n");
    if let Some(hint) = &cfg.banner_hint {
        write_text(port, cfg.crlf, hint);
        write_text(port, cfg.crlf, "\n");
    }
}

/// The friendly REPL, from the banner until it hands over or stops.
fn friendly(engine: &mut dyn Engine, cfg: &ReplConfig, state: &mut LineState) -> Step {
    banner(engine.console(), cfg);
    let nl = |engine: &mut dyn Engine| write_text(engine.console(), cfg.crlf, "\n");
    'entry: loop {
        let mut entry = String::new();
        interrupt::clear();
        let mode = match readline::read_line(engine, state, &mut entry, PS1) {
            LineEnd::Eof => return Step::Eof,
            LineEnd::Control(CTRL_A) => {
                nl(engine);
                return Step::Raw;
            }
            LineEnd::Control(CTRL_B) => {
                nl(engine);
                banner(engine.console(), cfg);
                continue;
            }
            LineEnd::Control(CTRL_D) => {
                nl(engine);
                return Step::SoftReset;
            }
            LineEnd::Control(CTRL_E) => {
                match paste::paste_mode(engine.console(), cfg.crlf, cfg.max_input) {
                    PasteEnd::Run(text) => {
                        entry = text;
                        ExecMode::File
                    }
                    PasteEnd::TooLong => {
                        write_text(engine.console(), cfg.crlf, "MemoryError: paste too long\n");
                        continue;
                    }
                    PasteEnd::Cancel => continue,
                    PasteEnd::Eof => return Step::Eof,
                }
            }
            LineEnd::Control(_) => {
                // Ctrl-C: a fresh prompt on a new line.
                nl(engine);
                continue;
            }
            LineEnd::Enter if entry.is_empty() => continue,
            LineEnd::Enter => ExecMode::Single,
        };

        let mut mode = mode;
        loop {
            while mode == ExecMode::Single && continue_with_input(&entry) {
                match more_line(engine, cfg, state, &mut entry) {
                    More::Line => {}
                    More::Final => mode = ExecMode::SingleFinal,
                    More::Cancel => continue 'entry,
                    More::Eof => return Step::Eof,
                }
            }
            match execute(engine, &entry, mode) {
                ExecOutcome::Incomplete if mode == ExecMode::Single => {
                    match more_line(engine, cfg, state, &mut entry) {
                        More::Line => {}
                        More::Final => mode = ExecMode::SingleFinal,
                        More::Cancel => continue 'entry,
                        More::Eof => return Step::Eof,
                    }
                }
                ExecOutcome::Exception(text) => {
                    write_text(engine.console(), cfg.crlf, &text);
                    break;
                }
                ExecOutcome::SystemExit(code) => return Step::SystemExit(code),
                ExecOutcome::Done | ExecOutcome::Incomplete => break,
            }
        }
    }
}

/// Result of asking for one continuation line.
enum More {
    Line,
    Final,
    Cancel,
    Eof,
}

/// Read one `... ` line onto `entry`.
fn more_line(
    engine: &mut dyn Engine,
    cfg: &ReplConfig,
    state: &mut LineState,
    entry: &mut String,
) -> More {
    entry.push('\n');
    match readline::read_line(engine, state, entry, PS2) {
        LineEnd::Enter => More::Line,
        LineEnd::Control(CTRL_D) => More::Final,
        LineEnd::Control(_) => {
            write_text(engine.console(), cfg.crlf, "\n");
            More::Cancel
        }
        LineEnd::Eof => More::Eof,
    }
}
