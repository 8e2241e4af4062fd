//! The conformance corpus: every `tests/py/**/NAME.py` runs through the `zython` binary and
//! its output (stdout + stderr) must equal `NAME.py.exp`. A test may print `SKIP` to skip.

use std::path::{Path, PathBuf};
use std::process::Command;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "py") && p.with_extension("py.exp").exists() {
            out.push(p);
        }
    }
}

#[test]
fn conformance_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/py");
    let exe = env!("CARGO_BIN_EXE_zython");
    let mut tests = Vec::new();
    collect(&root, &mut tests);
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
