//! The conformance corpus: every `tests/py/**/NAME.py` runs through the `zython` binary and
//! its output (stdout + stderr) must equal `NAME.py.exp`. A test may print `SKIP` to skip.

mod common;

use std::path::Path;
use std::process::Command;

#[test]
fn conformance_corpus() {
    let root = common::corpus_root();
    let exe = env!("CARGO_BIN_EXE_zython");
    let tests = common::corpus();
    assert!(!tests.is_empty(), "no tests found under {}", root.display());
    let mut failures = Vec::new();
    for t in &tests {
        let dir = t.parent().unwrap_or(Path::new("."));
        // A first line `# cmdline: ARGS` passes extra options (as in MicroPython's tests).
        let source = std::fs::read_to_string(t).unwrap_or_default();
        let extra: Vec<&str> = source
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# cmdline:"))
            .map(|a| a.split_whitespace().collect())
            .unwrap_or_default();
        let out = Command::new(exe)
            .args(&extra)
            .arg("-X")
            .arg("emit=bytecode")
            .arg(t)
            .current_dir(dir)
            .env("MICROPYPATH", "")
            .output()
            .expect("run zython");
        let mut got = String::from_utf8_lossy(&out.stdout).into_owned();
        got.push_str(&String::from_utf8_lossy(&out.stderr));
        if got.trim() == "SKIP" {
            continue;
        }
        let expected = std::fs::read_to_string(t.with_extension("py.exp")).unwrap_or_default();
        if got != expected {
            failures.push(format!(
                "--- {} (exit {:?})\n--- expected:\n{}\n--- got:\n{}",
                t.display(),
                out.status.code(),
                expected,
                got
            ));
        }
    }
    if !failures.is_empty() {
        panic!(
            "{} of {} conformance tests failed:\n{}",
            failures.len(),
            tests.len(),
            failures.join("\n")
        );
    }
}
