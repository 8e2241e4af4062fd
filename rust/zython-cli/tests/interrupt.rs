//! Ctrl-C (SIGINT) ends every blocking wait at once with KeyboardInterrupt: sleeps, poll
//! waits, `input()` and stdin reads, as in MicroPython's unix port.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Run `code` (which prints `ready` just before it blocks), send SIGINT once `ready` is read,
/// and check that it ends within a second or two with the output `expect`.
fn interrupted(code: &str, expect: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zython"))
        .args(["-c", code])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run zython");
    let _stdin = child.stdin.take();
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    out.read_line(&mut line).expect("read");
    assert_eq!(line, "ready\n", "{code}");
    // The program is now entering its wait; give it a moment to be inside it.
    std::thread::sleep(Duration::from_millis(200));
    let sent = Instant::now();
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).expect("read");
    let st = child.wait().expect("wait");
    let took = sent.elapsed();
    assert!(took < Duration::from_secs(3), "{code}: took {took:?}");
    assert_eq!(rest, expect, "{code}");
    assert!(st.success(), "{code}: {st:?}");
}

fn body(wait: &str) -> String {
    format!(
        "import sys, time, select\nprint('ready')\ntry:\n    {wait}\n    print('ended')\nexcept KeyboardInterrupt:\n    print('KeyboardInterrupt')\n"
    )
}

#[test]
fn ctrl_c_ends_sleeps() {
    interrupted(&body("time.sleep(20)"), "KeyboardInterrupt\n");
    interrupted(&body("time.sleep_ms(20000)"), "KeyboardInterrupt\n");
    interrupted(&body("time.sleep_us(20000000)"), "KeyboardInterrupt\n");
}

#[test]
fn ctrl_c_ends_poll_waits() {
    interrupted(
        &body("p = select.poll(); p.register(sys.stdin, select.POLLIN); p.poll()"),
        "KeyboardInterrupt\n",
    );
    interrupted(
        &body("p = select.poll(); p.register(sys.stdin, select.POLLIN); p.poll(20000)"),
        "KeyboardInterrupt\n",
    );
}

#[test]
fn ctrl_c_ends_console_reads() {
    interrupted(&body("input()"), "KeyboardInterrupt\n");
    interrupted(&body("sys.stdin.read(1)"), "KeyboardInterrupt\n");
    interrupted(&body("sys.stdin.buffer.readline()"), "KeyboardInterrupt\n");
}

#[test]
fn uncaught_interrupt_of_a_sleep_is_reported() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zython"))
        .args(["-c", "import time\nprint('ready')\ntime.sleep(20)\n"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run zython");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    out.read_line(&mut line).expect("read");
    std::thread::sleep(Duration::from_millis(200));
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    let out = child.wait_with_output().expect("wait");
    assert!(String::from_utf8_lossy(&out.stderr).contains("KeyboardInterrupt"));
    assert!(!out.status.success());
}
