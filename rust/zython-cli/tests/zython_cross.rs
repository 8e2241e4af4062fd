//! End-to-end tests of the `zython-cross` binary: files, exit codes, messages, and its
//! output running in the `zython` binary.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// `print("hello")` as MicroPython's mpy-cross writes it with `-s hello.py`.
const HELLO_MPY: [u8; 39] = [
    0x4d, 0x06, 0x00, 0x1f, 0x04, 0x00, 0x10, b'h', b'e', b'l', b'l', b'o', b'.', b'p', b'y', 0x00,
    0x0f, 0x0a, b'h', b'e', b'l', b'l', b'o', 0x00, 0x81, 0x77, 0x60, 0x08, 0x02, 0x01, 0x11, 0x03,
    0x10, 0x02, 0x34, 0x01, 0x59, 0x51, 0x63,
];

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zython-cross-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn cross() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zython-cross"))
}

#[test]
fn writes_mpy_next_to_the_source_like_mpy_cross() {
    let dir = scratch("hello");
    std::fs::write(dir.join("hello.py"), "print(\"hello\")\n").unwrap();
    let st = cross().current_dir(&dir).arg("hello.py").status().unwrap();
    assert!(st.success());
    assert_eq!(std::fs::read(dir.join("hello.mpy")).unwrap(), HELLO_MPY);
    // And the zython binary imports it.
    let out = Command::new(env!("CARGO_BIN_EXE_zython"))
        .current_dir(&dir)
        .args(["-m", "hello"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hello\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn options_output_and_source_name() {
    let dir = scratch("opts");
    std::fs::write(
        dir.join("m.py"),
        "def f(x):\n    return x + 1\nprint(f(41))\n",
    )
    .unwrap();
    let st = cross()
        .current_dir(&dir)
        .args([
            "-o",
            "out.mpy",
            "-s",
            "lib/m.py",
            "-O1",
            "-march=x64",
            "-X",
            "emit=bytecode",
            "m.py",
        ])
        .status()
        .unwrap();
    assert!(st.success());
    let data = std::fs::read(dir.join("out.mpy")).unwrap();
    let m = zython::bytecode::mpy::load(&data, 31).unwrap();
    assert_eq!(m.qstrs[0], "lib/m.py");
    assert_eq!(m.root.children.len(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stdin_to_stdout() {
    let mut child = cross()
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"x = 1\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let m = zython::bytecode::mpy::load(&out.stdout, 31).unwrap();
    assert_eq!(m.qstrs[0], "<stdin>");
}

#[test]
fn errors_exit_1_with_micropython_messages() {
    let dir = scratch("errors");
    std::fs::write(dir.join("bad.py"), "x = 1\ny = 2\nz = = 3\n").unwrap();
    let out = cross().current_dir(&dir).arg("bad.py").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(
            "Traceback (most recent call last):\n  File \"bad.py\", line 3\nSyntaxError: "
        ),
        "{err}"
    );
    assert!(!dir.join("bad.mpy").exists());

    let out = cross()
        .current_dir(&dir)
        .arg("missing.py")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "OSError: (2, \"can't open missing.py\")\n"
    );

    let out = cross()
        .args(["-X", "emit=native", "x.py"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("native code is not supported"));

    let out = cross().output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "no input file\n");

    let out = cross().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("emitting mpy v6.3\n"));
    let _ = std::fs::remove_dir_all(&dir);
}
