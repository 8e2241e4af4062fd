//! Frozen modules in the `zython` binary. tools/test.sh runs this test with
//! `ZYTHON_FROZEN_DIR=tests/frozen`, which freezes that folder into the binary under test; in a
//! normal build (nothing frozen) it checks that none of those modules is found.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Is this the test build with tests/frozen frozen in?
fn frozen_build() -> bool {
    option_env!("ZYTHON_FROZEN_DIR")
        .is_some_and(|d| Path::new(d.trim_end_matches('/')).ends_with("tests/frozen"))
}

/// The frozen tree's sources.
fn frozen_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/frozen")
}

/// A fresh empty folder to run in (so that nothing on disk shadows the frozen modules).
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("zython-frozen-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Run `zython ARGS` in `dir` with `stdin` as input; stdout + stderr.
fn zython(dir: &Path, args: &[&str], stdin: &str) -> (String, Output) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_zython"))
        .args(args)
        .current_dir(dir)
        .env_remove("MICROPYPATH")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run zython");
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    let out = child.wait_with_output().expect("zython output");
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (text, out)
}

#[test]
fn boot_and_main_run_before_a_program_on_stdin() {
    let dir = scratch("startup");
    let (text, out) = zython(&dir, &[], "print('stdin program:', booted)\n");
    if frozen_build() {
        assert_eq!(
            text,
            "frozen boot.py: __main__\n\
             frozen main.py: booted = True double(21) = 42\n\
             stdin program: True\n"
        );
        assert!(out.status.success());
        // A program named on the command line runs alone.
        let (text, _) = zython(&dir, &["-c", "print('booted' in globals())"], "");
        assert_eq!(text, "False\n");
    } else {
        assert!(text.contains("NameError"), "{text}");
    }
}

#[test]
fn modules_and_packages_import_like_micropython_frozen_ones() {
    let dir = scratch("import");
    let prog = "\
import sys
print(sys.path[:2])
import frozmod, frozpkg
print(frozmod, frozmod.__file__)
print(frozpkg, frozpkg.__file__, frozpkg.__path__, frozpkg.NAME)
print(frozpkg.sub)
from frozpkg import sub
print(sub.__name__, sub is frozpkg.sub)
print(frozmod.big, frozmod.ratio, frozmod.raw, frozmod.pair)
print(frozmod.text == 'a string constant long enough not to be interned, ' * 2)
c = frozmod.make_counter()
c()
print(c())
import frozerr
frozerr.fail()
";
    let (text, _) = zython(&dir, &["-c", prog], "");
    if !frozen_build() {
        assert!(
            text.contains("ImportError: no module named 'frozmod'"),
            "{text}"
        );
        return;
    }
    assert_eq!(
        text,
        "['', '.frozen']\n\
         <module 'frozmod' from 'frozmod.py'> frozmod.py\n\
         <module 'frozpkg' from 'frozpkg/__init__.py'> frozpkg/__init__.py .frozen/frozpkg frozpkg.sub\n\
         <module 'frozpkg.sub' from 'frozpkg/sub.py'>\n\
         frozpkg.sub True\n\
         12345678901234567890 1.5 b'\\x00\\x01bytes' (1, 'two', 3.0)\n\
         True\n\
         2\n\
         Traceback (most recent call last):\n  \
         File \"<stdin>\", line 15, in <module>\n  \
         File \"frozerr.py\", line 5, in fail\n\
         ValueError: raised in frozen code\n"
    );
}

#[test]
fn sys_path_order_decides_as_in_micropython() {
    if !frozen_build() {
        return;
    }
    let dir = scratch("order");
    std::fs::write(dir.join("frozmod.py"), "print('frozmod from the folder')\n").expect("write");
    // '' comes before '.frozen': the file in the folder wins.
    let (text, _) = zython(&dir, &["-c", "import frozmod"], "");
    assert_eq!(text, "frozmod from the folder\n");
    // Frozen modules are found only through the '.frozen' entry.
    let prog = "import sys\nsys.path = ['.frozen']\nimport frozmod\nprint(frozmod.double(4))\n\
                sys.path = []\nimport frozpkg\n";
    let (text, _) = zython(&dir, &["-c", prog], "");
    assert!(
        text.starts_with("8\n") && text.ends_with("ImportError: no module named 'frozpkg'\n"),
        "{text}"
    );
    // `-m` finds frozen modules too.
    let (text, out) = zython(&dir, &["-m", "frozpkg.sub"], "");
    assert!(text.is_empty() && out.status.success(), "{text}");
}

#[test]
fn frozen_bytecode_is_not_copied_into_the_heap() {
    if !frozen_build() {
        return;
    }
    // The same module, frozen and as a file: the file's bytecode lives on the heap (about 8 KB),
    // the frozen module's stays in the binary.
    let dir = scratch("memory");
    std::fs::copy(frozen_src().join("frozbig.py"), dir.join("diskbig.py")).expect("copy");
    // (frozmod first: the first import grows tables every import uses.)
    let prog = "\
import gc, frozmod
gc.collect()
a = gc.mem_alloc()
import frozbig
gc.collect()
b = gc.mem_alloc()
import diskbig
gc.collect()
c = gc.mem_alloc()
print(frozbig.RESULT == diskbig.RESULT, b - a, c - b)
";
    let (text, _) = zython(&dir, &["-c", prog], "");
    let nums: Vec<i64> = text
        .split_whitespace()
        .skip(1)
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(text.starts_with("True ") && nums.len() == 2, "{text}");
    let (frozen, disk) = (nums[0], nums[1]);
    assert!(disk - frozen > 7000 && frozen * 3 < disk, "{text}");
    // A heap too small for the file's bytecode still runs the frozen module.
    let prog = "import frozbig\nprint(frozbig.RESULT)\nimport diskbig\n";
    let (text, _) = zython(&dir, &["-X", "heapsize=16k", "-c", prog], "");
    assert!(
        text.starts_with("750243\n") && text.contains("MemoryError"),
        "{text}"
    );
}
