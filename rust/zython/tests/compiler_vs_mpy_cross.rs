//! Compares the compiler (through the .mpy saver) with MicroPython's own `mpy-cross`.
//!
//! Runs only when `MPY_CROSS` names an `mpy-cross` executable and `MPY_COMPARE_DIRS` lists
//! folders of .py files (separated by `:`), for example MicroPython's tests/basics; otherwise
//! it passes without doing anything. Each file is compiled by both; the test fails when fewer
//! than `MPY_COMPARE_MIN` percent (default 95) of the files that mpy-cross accepts produce
//! byte-identical .mpy files, and lists the ones that differ.

use std::path::Path;
use std::process::Command;

use zython::bytecode::mpy;
use zython::compile::{compile_source, Mode};

#[test]
fn compiler_matches_mpy_cross() {
    let (Ok(mpy_cross), Ok(dirs)) = (
        std::env::var("MPY_CROSS"),
        std::env::var("MPY_COMPARE_DIRS"),
    ) else {
        return;
    };
    let min: usize = std::env::var("MPY_COMPARE_MIN")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(95);
    let tmp = std::env::temp_dir().join(format!("zython-mpy-compare-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let (mut same, mut total) = (0usize, 0usize);
    let mut differ = Vec::new();
    for dir in dirs.split(':').filter(|d| !d.is_empty()) {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "py"))
            .collect();
        files.sort();
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let Ok(src) = std::fs::read_to_string(&path) else {
                continue;
            };
            let copy = tmp.join(&name);
            std::fs::write(&copy, &src).unwrap();
            let ok = Command::new(&mpy_cross)
                .arg(&name)
                .current_dir(&tmp)
                .output()
                .is_ok_and(|o| o.status.success());
            let theirs_path = copy.with_extension("mpy");
            if !ok || !Path::new(&theirs_path).exists() {
                continue;
            }
            let theirs = std::fs::read(&theirs_path).unwrap();
            let _ = std::fs::remove_file(&theirs_path);
            total += 1;
            match compile_source(&src, &name, Mode::File, 0) {
                Ok(m) if mpy::save(&m, 31) == theirs => same += 1,
                Ok(_) => differ.push(name),
                Err(e) => differ.push(format!("{name} ({e:?})")),
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    eprintln!("{same} of {total} files byte-identical to mpy-cross; differing: {differ:?}");
    assert!(
        total == 0 || same * 100 >= total * min,
        "only {same} of {total} identical: {differ:?}"
    );
}
