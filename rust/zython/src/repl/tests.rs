//! End-to-end REPL tests with a scripted port and a recording engine.

use alloc::collections::VecDeque;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use alloc::{format, vec};

use super::*;

/// A console fed from a byte script, capturing everything written.
struct FakePort {
    input: VecDeque<u8>,
    out: Vec<u8>,
    raw: Vec<bool>,
}

impl FakePort {
    fn new(input: &[u8]) -> Self {
        FakePort {
            input: input.iter().copied().collect(),
            out: Vec::new(),
            raw: Vec::new(),
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.out).into_owned()
    }
}

impl Port for FakePort {
    fn set_raw_mode(&mut self, raw: bool) {
        self.raw.push(raw);
    }
    fn write(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }
    fn read_byte(&mut self) -> Option<u8> {
        self.input.pop_front()
    }
    fn ticks_ms(&mut self) -> u64 {
        0
    }
    fn ticks_us(&mut self) -> u64 {
        0
    }
    fn sleep_ms(&mut self, _ms: u32) {}
}

/// An engine that records what it is asked and answers from simple rules:
/// `raise` gives an exception, `exit(N)` SystemExit, `print(X)` prints X, an open `(` on a
/// `Single` entry is Incomplete, anything else is an expression whose value is `<source>`.
struct FakeEngine {
    port: FakePort,
    raw_switches: Vec<bool>,
    runs: Vec<(String, ExecMode)>,
    resets: usize,
    /// `raw` of each `after_soft_reset` call and the output written before it.
    after_resets: Vec<(bool, String)>,
    names: Vec<&'static str>,
}

impl FakeEngine {
    fn new(input: &[u8]) -> Self {
        FakeEngine {
            port: FakePort::new(input),
            raw_switches: Vec::new(),
            runs: Vec::new(),
            resets: 0,
            after_resets: Vec::new(),
            names: vec![
                "print",
                "property",
                "pow",
                "sys",
                "sys.path",
                "sys.platform",
                "sys.exit",
            ],
        }
    }
}

impl Engine for FakeEngine {
    fn console(&mut self) -> &mut dyn Port {
        &mut self.port
    }
    fn exec(&mut self, source: &str, mode: ExecMode) -> ExecOutcome {
        self.raw_switches.extend(self.port.raw.iter().copied());
        let port = &mut self.port;
        self.runs.push((source.to_string(), mode));
        if mode == ExecMode::Single && source.trim_end().ends_with("incomplete") {
            return ExecOutcome::Incomplete;
        }
        if source.contains("raise") {
            return ExecOutcome::Exception(
                "Traceback (most recent call last):\nValueError: x\n".into(),
            );
        }
        if let Some(rest) = source.strip_prefix("exit(") {
            let code = rest.trim_end_matches(')').parse().unwrap_or(1);
            return ExecOutcome::SystemExit(code);
        }
        if let Some(rest) = source.strip_prefix("print(") {
            port.write(rest.trim_end_matches(')').as_bytes());
            port.write(b"\n");
        } else if mode != ExecMode::File {
            port.write(format!("<{source}>\n").as_bytes());
        }
        ExecOutcome::Done
    }
    fn complete(&mut self, prefix: &str) -> Vec<String> {
        let (obj, _) = prefix.rsplit_once('.').unwrap_or(("", prefix));
        self.names
            .iter()
            .filter_map(|n| {
                let (o, last) = n.rsplit_once('.').unwrap_or(("", n));
                (o == obj).then(|| last.to_string())
            })
            .collect()
    }
    fn soft_reset(&mut self) {
        self.resets += 1;
    }
    fn after_soft_reset(&mut self, raw: bool) {
        // Runs after the reset, before the REPL shows itself again (boot.py/main.py's place).
        assert_eq!(self.after_resets.len() + 1, self.resets);
        self.after_resets.push((raw, self.port.text()));
    }
}

fn board() -> ReplConfig {
    let mut cfg = ReplConfig::board("test-board");
    cfg.banner = "BANNER".into();
    cfg.banner_hint = None;
    cfg
}

/// Host behaviour (exit on Ctrl-D) with plain LF line ends.
fn host() -> ReplConfig {
    let mut cfg = ReplConfig::host("test-host");
    cfg.banner = "BANNER".into();
    cfg.banner_hint = None;
    cfg.crlf = false;
    cfg
}

/// Run a board REPL over `input`, returning (output, engine, exit).
fn session(input: &[u8], cfg: &ReplConfig) -> (String, FakeEngine, ReplExit) {
    let mut engine = FakeEngine::new(input);
    let exit = run(&mut engine, cfg);
    (engine.port.text(), engine, exit)
}

fn sources(e: &FakeEngine) -> Vec<&str> {
    e.runs.iter().map(|(s, _)| s.as_str()).collect()
}

#[test]
fn banner_prompt_and_expression() {
    let (out, e, exit) = session(b"1+2\r", &board());
    assert_eq!(out, "BANNER\r\n>>> 1+2\r\n<1+2>\n>>> ");
    assert_eq!(e.runs, vec![("1+2".to_string(), ExecMode::Single)]);
    assert_eq!(exit, ReplExit::Eof);
}

#[test]
fn console_is_cooked_while_code_runs() {
    let (_, e, _) = session(b"1\r", &board());
    // Raw from the start, cooked while the entry runs, raw again, cooked at the end.
    assert_eq!(e.raw_switches, [true, false]);
    assert_eq!(e.port.raw, [true, false, true, false]);
}

#[test]
fn default_configs_are_sensible() {
    let b = ReplConfig::board("m");
    assert!(b.banner.starts_with("MicroPython v"));
    assert!(b.banner.ends_with(" with m"));
    assert!(b.crlf && !b.exit_on_ctrl_d && b.raw_paste_window == 128);
    let h = ReplConfig::host("m");
    assert!(h.crlf && h.exit_on_ctrl_d);
    // MicroPython's test suite matches the unix banner as "MicroPython .+ version".
    assert!(h.banner.starts_with("MicroPython ") && h.banner.ends_with(" version"));
}

#[test]
fn host_uses_lf_and_exits_on_ctrl_d() {
    let (out, e, exit) = session(b"x\n\x04", &host());
    assert_eq!(out, "BANNER\n>>> x\n<x>\n>>> \n");
    assert_eq!(e.resets, 0);
    assert_eq!(exit, ReplExit::CtrlD);
    let (_, _, exit) = session(b"exit(3)\r", &host());
    assert_eq!(exit, ReplExit::SystemExit(3));
}

#[test]
fn crlf_pair_is_one_newline() {
    let (_, e, _) = session(b"a\r\nb\r\n\r\nc\n\n", &board());
    assert_eq!(sources(&e), ["a", "b", "c"]);
}

#[test]
fn multi_line_def_with_auto_indent_and_blank_lines() {
    // `def f():` Enter, body, Enter, then Enter three times as MicroPython needs: the
    // first blank line keeps the indent, the second drops it, the third runs the entry.
    let (out, e, _) = session(b"def f():\rreturn 1\r\r\r\r", &board());
    assert_eq!(sources(&e), ["def f():\n    return 1\n    \n    \n"]);
    assert!(
        out.contains(">>> def f():\r\n...     return 1\r\n...     \r\n...     \r\n... \r\n<def"),
        "{out:?}"
    );
}

#[test]
fn backspace_removes_one_indent_level() {
    // After `if x:` / `if y:`, two levels are offered; Backspace removes 4 spaces at once.
    let (_, e, _) = session(b"if x:\rif y:\rz\r\x7fw\r\x7f\r", &board());
    assert_eq!(sources(&e), ["if x:\n    if y:\n        z\n    w\n"]);
}

#[test]
fn space_after_auto_indent_turns_it_off() {
    // Pasted indented text: the first pasted space gives back 3 of the auto-indent's 4.
    let (out, e, _) = session(b"if x:\r    a\r    b\r\r", &board());
    assert_eq!(sources(&e), ["if x:\n    a\n    b\n"]);
    // As MicroPython: back 3 columns, without erasing the rest of the line (only spaces).
    assert!(out.contains("...     \x08\x08\x08 "), "{out:?}");
    assert!(!out.contains("\x1b[K"), "{out:?}");
}

#[test]
fn open_bracket_continues_without_indent() {
    let (out, e, _) = session(b"x = (1,\r2)\r", &board());
    assert_eq!(sources(&e), ["x = (1,\n2)"]);
    assert!(out.contains("... 2)"));
}

#[test]
fn engine_incomplete_asks_for_more() {
    let (_, e, _) = session(b"incomplete\rdone\r", &board());
    assert_eq!(
        e.runs,
        vec![
            ("incomplete".to_string(), ExecMode::Single),
            ("incomplete\ndone".to_string(), ExecMode::Single)
        ]
    );
}

#[test]
fn ctrl_d_in_continuation_forces_the_end() {
    let (_, e, _) = session(b"incomplete\r\x04", &board());
    assert_eq!(
        e.runs[1],
        ("incomplete\n".to_string(), ExecMode::SingleFinal)
    );
    assert_eq!(e.runs.len(), 2);
}

#[test]
fn ctrl_c_cancels_line_and_entry() {
    let (out, e, _) = session(b"abc\x03for i in x:\r\x03y\r", &board());
    assert_eq!(sources(&e), ["y"]);
    assert_eq!(
        out,
        "BANNER\r\n>>> abc\r\n>>> for i in x:\r\n...     \r\n>>> y\r\n<y>\n>>> "
    );
}

#[test]
fn ctrl_c_on_empty_prompt_just_starts_a_new_line() {
    let (out, _, _) = session(b"\x03", &board());
    assert_eq!(out, "BANNER\r\n>>> \r\n>>> ");
}

#[test]
fn ctrl_b_reprints_banner() {
    let (out, _, _) = session(b"\x02", &board());
    assert_eq!(out, "BANNER\r\n>>> \r\nBANNER\r\n>>> ");
}

#[test]
fn exception_text_is_shown() {
    let (out, _, _) = session(b"raise\r", &board());
    assert!(out.ends_with("raise\r\nTraceback (most recent call last):\r\nValueError: x\r\n>>> "));
}

#[test]
fn friendly_soft_reset_on_board() {
    let (out, e, exit) = session(b"\x04", &board());
    assert_eq!(out, "BANNER\r\n>>> \r\nMPY: soft reboot\r\nBANNER\r\n>>> ");
    assert_eq!(e.resets, 1);
    assert_eq!(e.after_resets.len(), 1);
    assert!(!e.after_resets[0].0);
    assert!(e.after_resets[0].1.ends_with("MPY: soft reboot\r\n"));
    assert_eq!(exit, ReplExit::Eof);
    let (out, e, _) = session(b"exit(0)\r", &board());
    assert_eq!(e.resets, 1);
    assert!(out.ends_with("MPY: soft reboot\r\nBANNER\r\n>>> "));
}

#[test]
fn history_recall_with_arrows() {
    // Enter two lines, recall the older one with Up Up, run it; Down returns to newer/empty.
    let (_, e, _) = session(b"aa\rbb\r\x1b[A\x1b[A\r\x1b[A\x1b[B\x1b[Bcc\r", &board());
    assert_eq!(sources(&e), ["aa", "bb", "aa", "cc"]);
    let (_, e, _) = session(b"aa\r\x10\x10\x10\r", &board());
    assert_eq!(sources(&e), ["aa", "aa"]);
}

#[test]
fn history_is_bounded() {
    let mut input = Vec::new();
    for i in 0..12 {
        input.extend_from_slice(format!("l{i}\r").as_bytes());
    }
    input.extend_from_slice(&b"\x1b[A".repeat(20));
    input.push(b'\r');
    let (_, e, _) = session(&input, &board());
    // 8 entries kept: the oldest reachable is l4.
    assert_eq!(sources(&e).last().copied(), Some("l4"));
}

#[test]
fn cursor_editing_keys() {
    // abc, Left Left, X -> aXbc; Home, Y -> YaXbc; End, Z; Delete at start.
    let (_, e, _) = session(b"abc\x1b[D\x1b[DX\x1b[HY\x1b[FZ\r", &board());
    assert_eq!(sources(&e), ["YaXbcZ"]);
    let (_, e, _) = session(b"abc\x01\x1b[3~\x05d\r", &board());
    assert_eq!(sources(&e), ["bcd"]);
    let (_, e, _) = session(b"abc\x01\x04\x1b[1~Q\x1b[4~R\x1bOHS\x1bOFT\r", &board());
    assert_eq!(sources(&e), ["SQbcRT"]);
    // Ctrl-K kills to the end, Ctrl-U to the start, Ctrl-W a word.
    let (_, e, _) = session(b"hello world\x02\x02\x0b!\r", &board());
    assert_eq!(sources(&e), ["hello wor!"]);
    let (_, e, _) = session(b"hello world\x1b[D\x15\r", &board());
    assert_eq!(sources(&e), ["d"]);
    let (_, e, _) = session(b"foo bar\x17baz\r", &board());
    assert_eq!(sources(&e), ["foo baz"]);
    // Word moves: Alt-b, Alt-f, Ctrl-Left.
    let (_, e, _) = session(b"one two\x1bbX\x1b[1;5DY\x1bfZ\r", &board());
    assert_eq!(sources(&e), ["one YXtwoZ"]);
    let (_, e, _) = session(b"one two\x1b[1;5DX\x1b[1;5DY\r", &board());
    assert_eq!(sources(&e), ["one YXtwo"]);
    let (_, e, _) = session(b"one two\x01\x1b[1;5CX\x1bdY\r", &board());
    assert_eq!(sources(&e), ["oneXY"]);
}

#[test]
fn cursor_redraw_output() {
    // Inserting in the middle redraws the tail and steps back over it.
    let (out, _, _) = session(b"ac\x1b[Db", &board());
    assert!(out.ends_with(">>> ac\x08bc\x08"), "{out:?}");
    // Backspace in the middle erases the rest of the line and redraws it.
    let (out, _, _) = session(b"abc\x1b[D\x7f", &board());
    assert!(out.ends_with("abc\x08\x08\x1b[Kc\x08"), "{out:?}");
}

#[test]
fn utf8_input_is_kept() {
    let (_, e, _) = session("s = 'é€😀'\r".as_bytes(), &board());
    assert_eq!(sources(&e), ["s = 'é€😀'"]);
    let (_, e, _) = session(b"a\xff\x80\xc3b\r", &board());
    assert_eq!(sources(&e), ["ab"]);
}

#[test]
fn paste_mode_runs_file_mode() {
    let (out, e, _) = session(b"\x05def f():\r    return 1\r\nf()\r\x04", &board());
    assert_eq!(
        e.runs,
        vec![("def f():\n    return 1\nf()\n".to_string(), ExecMode::File)]
    );
    assert_eq!(
        out,
        "BANNER\r\n>>> \r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== def f():\r\n===     return 1\r\n=== f()\r\n=== \r\n>>> "
    );
}

#[test]
fn paste_mode_cancel() {
    let (out, e, _) = session(b"\x05abc\x03x\r", &board());
    assert_eq!(sources(&e), ["x"]);
    assert!(out.contains("=== abc\r\n>>> x"));
}

#[test]
fn paste_mode_too_long() {
    let mut cfg = board();
    cfg.max_input = 4;
    let (out, e, _) = session(b"\x05abcdefgh\x04", &cfg);
    assert!(e.runs.is_empty());
    assert!(out.contains("MemoryError"));
}

#[test]
fn tab_completes_one_match() {
    let (_, e, _) = session(b"pri\t(1)\r", &board());
    assert_eq!(sources(&e), ["print(1)"]);
    let (_, e, _) = session(b"sys.pa\t\r", &board());
    assert_eq!(sources(&e), ["sys.path"]);
    let (_, e, _) = session(b"imp\tsys\r", &board());
    assert_eq!(sources(&e), ["import sys"]);
}

#[test]
fn tab_lists_many_matches_and_redraws() {
    let (out, e, _) = session(b"sys.p\tl\t\r", &board());
    assert_eq!(sources(&e), ["sys.platform"]);
    assert!(
        out.contains(">>> sys.p\r\npath            platform\r\n>>> sys.pl"),
        "{out:?}"
    );
}

#[test]
fn tab_after_space_indents() {
    let (_, e, _) = session(b"x = \t1\r", &board());
    assert_eq!(sources(&e), ["x =     1"]);
}

#[test]
fn ctrl_d_mid_line_deletes() {
    let (_, e, _) = session(b"ab\x02\x04\r", &board());
    assert_eq!(sources(&e), ["a"]);
}

#[test]
fn raw_repl_exec_sequence() {
    let (out, e, _) = session(b"\x01print(hi)\x04raise\x04", &board());
    assert_eq!(
        e.runs,
        vec![
            ("print(hi)".to_string(), ExecMode::File),
            ("raise".to_string(), ExecMode::File)
        ]
    );
    assert_eq!(
        out,
        "BANNER\r\n>>> \r\nraw REPL; CTRL-B to exit\r\n>OKhi\n\x04\x04>OK\x04Traceback (most recent call last):\r\nValueError: x\r\n\x04>"
    );
}

#[test]
fn raw_repl_like_mpremote() {
    // What mpremote sends to enter the raw REPL and soft-reset, then an exec, then Ctrl-B.
    let (out, e, exit) = session(b"\r\x03\r\x01\x04print(1)\x04\r\x02", &board());
    assert_eq!(e.resets, 1);
    assert_eq!(e.after_resets.len(), 1);
    assert!(e.after_resets[0].0);
    assert!(e.after_resets[0].1.ends_with("MPY: soft reboot\r\n"));
    assert_eq!(sources(&e), ["print(1)"]);
    assert_eq!(
        out,
        "BANNER\r\n>>> \r\n>>> \r\n>>> \r\n>>> \r\nraw REPL; CTRL-B to exit\r\n>OK\r\nMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>OK1\n\x04\x04>\r\nBANNER\r\n>>> "
    );
    assert_eq!(exit, ReplExit::Eof);
}

#[test]
fn raw_repl_ctrl_c_clears_and_ctrl_a_resets() {
    let (out, e, _) = session(b"\x01junk\x03print(2)\x04x\x01print(3)\x04", &board());
    assert_eq!(sources(&e), ["print(2)", "print(3)"]);
    assert!(out.contains("\x04\x04>raw REPL; CTRL-B to exit\r\n>OK3"));
}

#[test]
fn raw_repl_system_exit_soft_resets() {
    let (out, e, _) = session(b"\x01exit(1)\x04", &host());
    assert_eq!(e.resets, 1);
    assert!(out.ends_with(">OK\x04\x04MPY: soft reboot\nraw REPL; CTRL-B to exit\n>"));
}

#[test]
fn raw_repl_keeps_raw_bytes_and_overflow_reports() {
    let (_, e, _) = session(b"\x01a\rb\nc\x04", &board());
    assert_eq!(sources(&e), ["a\rb\nc"]);
    let mut cfg = board();
    cfg.max_input = 3;
    let (out, e, _) = session(b"\x01abcdef\x04", &cfg);
    assert!(e.runs.is_empty());
    assert!(out.ends_with(">OK\x04MemoryError: input too long\r\n\x04>"));
}

#[test]
fn raw_paste_with_windowing() {
    let mut cfg = board();
    cfg.raw_paste_window = 4;
    let mut input = b"\x01\x05A\x01".to_vec();
    input.extend_from_slice(b"print(123456)");
    input.push(0x04);
    let (out, e, _) = session(&input, &cfg);
    assert_eq!(e.runs, vec![("print(123456)".to_string(), ExecMode::File)]);
    // 13 bytes with a window of 4: a window-free mark after bytes 4, 8 and 12.
    assert_eq!(
        out.as_bytes()[out.find(">R").unwrap()..],
        *b">R\x01\x04\x00\x01\x01\x01\x01\x04123456\n\x04\x04>"
    );
}

#[test]
fn raw_paste_default_window_and_unknown_command() {
    let mut engine = FakeEngine::new(b"\x01\x05A\x01\x04");
    run(&mut engine, &board());
    let out = &engine.port.out;
    assert!(out.ends_with(b">R\x01\x80\x00\x01\x04\x04\x04>"), "{out:?}");
    let (out, e, _) = session(b"\x01\x05B\x01print(1)\x04", &board());
    assert!(out.contains(">R\x00>OK1\n"));
    assert_eq!(sources(&e), ["print(1)"]);
}

#[test]
fn raw_paste_ctrl_c_aborts() {
    let (out, e, _) = session(b"\x01\x05A\x01print(1)\x03", &board());
    assert!(e.runs.is_empty());
    assert!(
        out.ends_with("\x01\x04\x04KeyboardInterrupt: \r\n\x04>"),
        "{out:?}"
    );
}

#[test]
fn raw_paste_overflow_ends_abruptly() {
    let mut cfg = board();
    cfg.max_input = 8;
    let (out, e, _) = session(b"\x01\x05A\x01abcdefghijk\x04print(1)\x04", &cfg);
    assert!(e.runs.len() == 1 && e.runs[0].0 == "print(1)");
    assert!(
        out.contains("\x01\x04\x04MemoryError: input too long\r\n\x04>OK1\n"),
        "{out:?}"
    );
}

#[test]
fn raw_paste_then_system_exit() {
    let (out, e, _) = session(b"\x01\x05A\x01exit(2)\x04", &board());
    assert_eq!(e.resets, 1);
    assert!(out.ends_with("\x04\x04\x04MPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>"));
}

#[test]
fn eof_anywhere_returns() {
    for input in [
        &b""[..],
        b"abc",
        b"if x:\r",
        b"\x05abc",
        b"\x01abc",
        b"\x01\x05A\x01ab",
        b"\x1b[",
    ] {
        let (_, _, exit) = session(input, &board());
        assert_eq!(exit, ReplExit::Eof);
    }
}

/// A small deterministic generator for the fuzz test.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_bytes_never_hang_or_panic() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let interesting = b"\x01\x02\x03\x04\x05\x1b[~AB CD;15\r\n\t\x7f\x08:(\"'\x80\xc3\xa9";
    for round in 0..400 {
        let len = (rng.next() % 300) as usize;
        let mut input = Vec::with_capacity(len);
        for _ in 0..len {
            let r = rng.next();
            let b = if r & 3 == 0 {
                (r >> 8) as u8
            } else {
                interesting[(r >> 8) as usize % interesting.len()]
            };
            input.push(b);
        }
        let mut cfg = if round & 1 == 0 { board() } else { host() };
        cfg.max_input = 1 + (rng.next() % 200) as usize;
        cfg.raw_paste_window = (rng.next() % 5) as u16;
        cfg.history_len = (rng.next() % 4) as usize;
        let (_, _, exit) = session(&input, &cfg);
        if !cfg.exit_on_ctrl_d {
            assert_eq!(exit, ReplExit::Eof);
        }
    }
}
