//! Command-line options of `zython` that MicroPython's unix port also has.

use std::path::PathBuf;
use std::process::Command;

fn zython() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zython"))
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("zython-cli-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

#[test]
fn compile_only_runs_nothing_but_reports_syntax_errors() {
    let out = zython()
        .args(["-X", "compile-only", "-c", "print('ran')"])
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(out.stdout.is_empty(), "{:?}", out);
    let out = zython()
        .args(["-X", "compile-only", "-c", "1 +"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SyntaxError"));
}

#[test]
fn dash_m_runs_a_module_inside_a_package_and_atexit_runs_last() {
    let d = scratch("m");
    std::fs::create_dir_all(d.join("pkg")).expect("pkg");
    std::fs::write(
        d.join("pkg/tool.py"),
        "import sys\nsys.atexit(lambda: print('atexit'))\nprint('tool', __name__)\nsys.exit(3)\n",
    )
    .expect("write");
    let out = zython()
        .args(["-m", "pkg.tool"])
        .current_dir(&d)
        .output()
        .expect("run");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "tool __main__\natexit\n"
    );
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn dash_m_runs_a_package_s_main_with_relative_imports() {
    let d = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/py/import_rel");
    let out = zython()
        .args(["-m", "relpkg"])
        .current_dir(&d)
        .output()
        .expect("run");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "relpkg.__main__ as __main__ 42\n",
        "{out:?}"
    );
    assert!(out.status.success());
    let out = zython()
        .args(["-m", "relpkg.nothing"])
        .current_dir(&d)
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no module named 'relpkg.nothing'"));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn help_modules_lists_the_builtin_modules() {
    let out = zython()
        .args(["-c", "help('modules')"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    for m in [
        "__main__",
        "builtins",
        "gc",
        "json",
        "micropython",
        "re",
        "sys",
        "time",
    ] {
        assert!(text.split_whitespace().any(|w| w == m), "{m}: {text}");
    }
    assert!(text.ends_with("Plus any modules on the filesystem\n"));
}

#[test]
fn a_program_setting_micropyinspect_ends_in_the_repl() {
    use std::io::Write;
    let d = scratch("inspect");
    std::fs::write(
        d.join("prog.py"),
        "import os\nos.putenv('MICROPYINSPECT', '1')\nx = 6\n",
    )
    .expect("write");
    let mut child = zython()
        .arg("prog.py")
        .current_dir(&d)
        .env_remove("MICROPYINSPECT")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"print(x * 7)\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("42"),
        "{out:?}"
    );
}

#[test]
fn dash_v_twice_prints_bytecode_and_ends_with_mem_info() {
    let out = zython()
        .args(["-v", "-v", "-c", "print(1)"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("File <stdin>, code block '<module>'"),
        "{text}"
    );
    assert!(
        text.contains("\n00 LOAD_NAME print\n02 LOAD_CONST_SMALL_INT 1\n"),
        "{text}"
    );
    assert!(text.contains("\n1\nmem: total="), "{text}");
    let out = zython()
        .args(["-v", "-c", "print(1)"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("1\nmem: total="), "{text}");
}
