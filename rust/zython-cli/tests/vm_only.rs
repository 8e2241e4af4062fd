//! The VM-only `zython` (built with `--no-default-features`, as firmware with
//! CONFIG_ZYTHON_COMPILER=n): .mpy files run, source is refused with a clear error.
//!
//! `ZYTHON_VM_ONLY` names that binary (tools/test.sh builds it); without it the test prints
//! SKIP and passes. The .mpy files come from this build's zython-cross.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn text(o: &Output) -> String {
    let mut s = String::from_utf8_lossy(&o.stdout).into_owned();
    s.push_str(&String::from_utf8_lossy(&o.stderr));
    s
}

fn scratch() -> PathBuf {
    let d = std::env::temp_dir().join(format!("zython-vm-only-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn vm_only_build_runs_mpy_and_refuses_source() {
    let Ok(vm_only) = std::env::var("ZYTHON_VM_ONLY") else {
        eprintln!("SKIP: VM-only zython (set ZYTHON_VM_ONLY to a --no-default-features build)");
        return;
    };
    let dir = scratch();
    let prog = r#"
import helper
print(helper.double(21), helper.__name__)
for src in ("1 + 1", "x = 1"):
    for f in (eval, exec):
        try:
            f(src)
            print("compiled?!")
        except Exception as e:
            print(type(e).__name__, e)
try:
    import plain
except ImportError as e:
    print("ImportError", e)
"#;
    std::fs::write(dir.join("prog.py"), prog).unwrap();
    std::fs::write(dir.join("helper.py"), "def double(x):\n    return 2 * x\n").unwrap();
    for f in ["prog.py", "helper.py"] {
        let o = Command::new(env!("CARGO_BIN_EXE_zython-cross"))
            .arg(f)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(o.status.success(), "zython-cross {f}: {}", text(&o));
        std::fs::remove_file(dir.join(f)).unwrap();
    }
    // A source module beside the .mpy files: importing it must be refused.
    std::fs::write(dir.join("plain.py"), "x = 1\n").unwrap();

    let o = Command::new(&vm_only)
        .args(["-m", "prog"])
        .current_dir(&dir)
        .env("MICROPYPATH", "")
        .output()
        .unwrap();
    assert_eq!(
        text(&o),
        "42 helper\n\
         NotImplementedError compiler disabled\n\
         NotImplementedError compiler disabled\n\
         NotImplementedError compiler disabled\n\
         NotImplementedError compiler disabled\n\
         ImportError can't import plain.py: this firmware has no compiler (use .mpy files)\n"
    );
    assert_eq!(o.status.code(), Some(0));

    // A .mpy given as the script runs; -c, a .py script and stdin are refused with exit 1.
    let o = Command::new(&vm_only)
        .arg("helper.mpy")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!((o.status.code(), text(&o)), (Some(0), String::new()));
    for args in [&["-c", "print(1)"][..], &["plain.py"][..]] {
        let o = Command::new(&vm_only)
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            text(&o).contains("script compilation not supported")
                || text(&o).contains("has no compiler"),
            "{args:?}: {}",
            text(&o)
        );
    }
    let mut child = Command::new(&vm_only)
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"print(1)\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("RuntimeError: script compilation not supported"));
    let _ = std::fs::remove_dir_all(&dir);
}
