//! The REPL driven through a scripted port, like a person or mpremote would.

use super::*;
use crate::vm::Config;
use alloc::collections::VecDeque;
use alloc::rc::Rc;
use core::cell::RefCell;

/// A port reading a fixed script and recording everything written (shared with the test).
struct Script {
    input: VecDeque<u8>,
    out: Rc<RefCell<Vec<u8>>>,
}

impl Port for Script {
    fn write(&mut self, b: &[u8]) {
        self.out.borrow_mut().extend_from_slice(b);
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
    fn sleep_ms(&mut self, _: u32) {}
}

fn session(input: &[u8], start_raw: bool) -> (String, ReplExit) {
    let (bytes, exit) = session_bytes(input, start_raw);
    (String::from_utf8_lossy(&bytes).into_owned(), exit)
}

fn session_bytes(input: &[u8], start_raw: bool) -> (Vec<u8>, ReplExit) {
    let out = Rc::new(RefCell::new(Vec::new()));
    let port = Script {
        input: input.iter().copied().collect(),
        out: out.clone(),
    };
    let mut vm = Vm::new(Box::new(port), Config::default());
    vm.crlf = true;
    let cfg = ReplConfig {
        machine: String::from("test"),
        start_raw,
    };
    let exit = run(&mut vm, &cfg);
    let bytes = out.borrow().clone();
    (bytes, exit)
}

#[test]
fn expression_function_and_traceback() {
    let (out, exit) = session(b"1+2\rdef f(x):\rreturn x*2\r\rf(21)\r1/0\r\x04", false);
    assert!(out.starts_with("Zython v"), "{}", out);
    assert!(out.contains(">>> 1+2\r\n3\r\n>>> "), "{}", out);
    assert!(
        out.contains("...     return x*2\r\n...     \r\n>>> "),
        "{}",
        out
    );
    assert!(out.contains("f(21)\r\n42\r\n"), "{}", out);
    assert!(out.contains("Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nZeroDivisionError: divide by zero\r\n"), "{}", out);
    assert_eq!(exit, ReplExit::SoftReset { raw: false });
}

#[test]
fn paste_mode_runs_block() {
    let (out, _) = session(b"\x05for i in range(2):\r    print(i)\r\x04\x04", false);
    assert!(
        out.contains("paste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== "),
        "{}",
        out
    );
    assert!(out.contains("0\r\n1\r\n>>> "), "{}", out);
}

#[test]
fn raw_repl_exec_and_error() {
    let (out, exit) = session(b"\x01print('hi')\x04x\x04\x02\x04", false);
    assert!(
        out.contains("\r\nraw REPL; CTRL-B to exit\r\n>OKhi\r\n\x04\x04>"),
        "{:?}",
        out
    );
    assert!(out.contains("OK\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nNameError: name 'x' isn't defined\r\n\x04>"), "{:?}", out);
    assert_eq!(exit, ReplExit::SoftReset { raw: false });
}

#[test]
fn raw_paste_with_flow_control() {
    let mut input = Vec::from(&b"\x05A\x01"[..]);
    let code = alloc::format!("x = '{}'\nprint(len(x))\n", "a".repeat(300));
    input.extend_from_slice(code.as_bytes());
    input.extend_from_slice(b"\x04\x04");
    let (bytes, exit) = session_bytes(&input, true);
    let out = String::from_utf8_lossy(&bytes).into_owned();
    assert!(
        bytes.starts_with(b"raw REPL; CTRL-B to exit\r\n>R\x01\x80\x00\x01"),
        "{:?}",
        out
    );
    // Two more windows were granted while the 320-byte program arrived.
    let grants = bytes.iter().filter(|&&b| b == 0x01).count();
    assert_eq!(grants, 1 + 1 + code.len() / 128, "{:?}", out);
    assert!(out.contains("\x04300\r\n\x04\x04>"), "{:?}", out);
    // Ctrl-D on an empty raw buffer: OK then soft reset, staying in raw mode.
    assert!(out.ends_with("OK\r\n"), "{:?}", out);
    assert_eq!(exit, ReplExit::SoftReset { raw: true });
}

#[test]
fn ctrl_c_cancels_line_and_banner_on_ctrl_b() {
    let (out, _) = session(b"abc\x03\x02\x04", false);
    assert!(out.contains(">>> abc\r\n>>> \r\nZython v"), "{:?}", out);
}

#[test]
fn completion_of_names_and_attributes() {
    let out = Rc::new(RefCell::new(Vec::new()));
    let port = Script {
        input: VecDeque::new(),
        out,
    };
    let mut vm = Vm::new(Box::new(port), Config::default());
    let g = vm.main_globals;
    vm.exec_source(
        "class K:\n    value_one = 1\n    value_two = 2\nk = K()\n",
        "<t>",
        crate::compile::Mode::File,
        g,
    )
    .unwrap();
    assert_eq!(complete(&mut vm, "pri"), alloc::vec![String::from("print")]);
    assert_eq!(
        complete(&mut vm, "k.val"),
        alloc::vec![String::from("value_one"), String::from("value_two")]
    );
}

#[test]
fn random_input_never_panics_or_hangs() {
    let mut seed: u32 = 99;
    for _ in 0..30 {
        let mut input = Vec::new();
        for _ in 0..200 {
            seed = seed.wrapping_mul(1103515245).wrapping_add(12345);
            let b = (seed >> 16) as u8;
            // Avoid generating runaway programs: keep to control keys, letters and digits.
            input.push(match b % 8 {
                0 => b % 6,
                1 => b'\r',
                _ => b'a' + b % 26,
            });
        }
        let _ = session(&input, (seed & 1) == 1);
    }
}
