//! .mpy interoperability with MicroPython, both ways, over the conformance corpus.
//!
//! * `MPY_CROSS=/path/to/mpy-cross`: every corpus program compiled by MicroPython's mpy-cross
//!   must run in zython (`zython -m NAME`) exactly as its source does.
//! * `MICROPYTHON=/path/to/micropython` (the unix port): every program compiled by
//!   zython-cross must run in MicroPython exactly as MicroPython runs its source.
//!
//! Without those variables each direction prints a SKIP line and passes: CI has no
//! MicroPython binaries. docs/testing.md says how to run them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Corpus programs that take no `# cmdline:` options.
fn corpus() -> Vec<PathBuf> {
    common::corpus()
        .into_iter()
        .filter(|p| {
            !std::fs::read_to_string(p)
                .unwrap_or_default()
                .starts_with("# cmdline:")
        })
        .collect()
}

/// Exit code and merged output of `exe -m NAME` run from `cwd`, finding NAME in `dir` and
/// the modules it imports in `lib` (the program's own corpus folder).
fn run_module(exe: &str, name: &str, dir: &Path, lib: &Path, cwd: &Path) -> (Option<i32>, Vec<u8>) {
    let out = Command::new(exe)
        .args(["-m", name])
        .current_dir(cwd)
        .env(
            "MICROPYPATH",
            format!("{}:{}", dir.display(), lib.display()),
        )
        .output()
        .expect("run interpreter");
    let mut text = out.stdout;
    text.extend_from_slice(&out.stderr);
    (out.status.code(), text)
}

fn empty_dir(d: &Path) {
    let _ = std::fs::remove_dir_all(d);
    std::fs::create_dir_all(d).unwrap();
}

/// Compile each corpus program with `compiler` and check that `runner` gives the same exit
/// code and output for the .mpy as for the source. Returns the number of programs compared.
fn check_direction(compiler: &str, runner: &str, tag: &str) -> usize {
    let tmp = std::env::temp_dir().join(format!("zython-interop-{tag}-{}", std::process::id()));
    // Programs that write files do so in `run`, one folder per direction (both directions
    // run at once).
    let (src_dir, mpy_dir, run_dir) = (tmp.join("src"), tmp.join("mpy"), tmp.join("run"));
    let mut failures = Vec::new();
    let mut compared = 0;
    for t in corpus() {
        let name = t.file_stem().unwrap().to_string_lossy().into_owned();
        if std::fs::read_to_string(&t).is_ok_and(|s| s.contains("@micropython.viper")) {
            // zython-cross compiles viper functions to bytecode that only Zython can run
            // (ptr8/ptr16/ptr32 are Zython builtins); MicroPython needs native code for them.
            continue;
        }
        let file = format!("{name}.py");
        for d in [&src_dir, &mpy_dir] {
            empty_dir(d);
            std::fs::copy(&t, d.join(&file)).unwrap();
        }
        // The source name stored in the .mpy is the path the source run reports, so that
        // tracebacks read the same both ways.
        let compiled = Command::new(compiler)
            .arg("-s")
            .arg(src_dir.join(&file))
            .arg(&file)
            .current_dir(&mpy_dir)
            .output()
            .expect("run compiler");
        if !compiled.status.success() {
            // Programs the compiler refuses (viper needs mpy-cross -march) are not compared.
            eprintln!("{tag}: {name}: not compiled, not compared");
            continue;
        }
        std::fs::remove_file(mpy_dir.join(&file)).unwrap();
        let lib = t.parent().unwrap();
        // Each run starts in an empty folder (a program that fails may leave files behind).
        empty_dir(&run_dir);
        let from_source = run_module(runner, &name, &src_dir, lib, &run_dir);
        empty_dir(&run_dir);
        let from_mpy = run_module(runner, &name, &mpy_dir, lib, &run_dir);
        compared += 1;
        if from_source != from_mpy {
            failures.push(format!(
                "--- {name}: source gave {:?}:\n{}\n--- .mpy gave {:?}:\n{}",
                from_source.0,
                String::from_utf8_lossy(&from_source.1),
                from_mpy.0,
                String::from_utf8_lossy(&from_mpy.1)
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(
        failures.is_empty(),
        "{tag}: {} of {compared} programs differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    compared
}

#[test]
fn mpy_cross_output_runs_in_zython() {
    let Ok(mpy_cross) = std::env::var("MPY_CROSS") else {
        eprintln!("SKIP: mpy-cross -> zython interop (set MPY_CROSS to MicroPython's mpy-cross)");
        return;
    };
    let n = check_direction(&mpy_cross, env!("CARGO_BIN_EXE_zython"), "mpy-cross");
    eprintln!("mpy-cross -> zython: {n} programs run the same from .mpy as from source");
    assert!(n > 50, "only {n} programs compared");
}

#[test]
fn zython_cross_output_runs_in_micropython() {
    let Ok(micropython) = std::env::var("MICROPYTHON") else {
        eprintln!(
            "SKIP: zython-cross -> MicroPython interop (set MICROPYTHON to MicroPython's unix build)"
        );
        return;
    };
    let n = check_direction(
        env!("CARGO_BIN_EXE_zython-cross"),
        &micropython,
        "zython-cross",
    );
    eprintln!("zython-cross -> MicroPython: {n} programs run the same from .mpy as from source");
    assert!(n > 50, "only {n} programs compared");
}
