//! Compiles the frozen modules: every `.py` under `$ZYTHON_FROZEN_DIR` becomes a .mpy image in
//! `$OUT_DIR`, and `$OUT_DIR/frozen.rs` lists them as `MODULES`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use zython::bytecode::mpy;
use zython::compile::{compile_source, ErrorKind, Mode};

/// Small-int width written into the images: the narrowest any target has (32-bit boards); the
/// compiler folds constants for it, and wider VMs accept it.
const SMALL_INT_BITS: u8 = 31;

fn main() {
    println!("cargo:rerun-if-env-changed=ZYTHON_FROZEN_DIR");
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let mut files = Vec::new();
    if let Some(dir) = std::env::var_os("ZYTHON_FROZEN_DIR").filter(|d| !d.is_empty()) {
        let mut dir = PathBuf::from(dir);
        if dir.is_relative() {
            // Relative to the repository root (this crate is rust/zython-frozen).
            let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("dir"));
            dir = manifest.join("../..").join(dir);
        }
        if !dir.is_dir() {
            fail(&format!(
                "ZYTHON_FROZEN_DIR: {} is not a folder",
                dir.display()
            ));
        }
        println!("cargo:rerun-if-changed={}", dir.display());
        collect(&dir, "", &mut files);
        files.sort();
    }
    let mut table = String::from(
        "/// The frozen modules of this build (path in the frozen tree, .mpy image).\n\
         pub static MODULES: &[zython::modules::frozen::FrozenModule] = &[\n",
    );
    for (i, (name, path)) in files.iter().enumerate() {
        println!("cargo:rerun-if-changed={}", path.display());
        let image = image_of(name, path);
        let file = out.join(format!("frozen{i}.mpy"));
        fs::write(&file, image).unwrap_or_else(|e| fail(&format!("{}: {e}", file.display())));
        let _ = writeln!(
            table,
            "    zython::modules::frozen::FrozenModule {{ name: {name:?}, mpy: include_bytes!({:?}) }},",
            file.display().to_string()
        );
    }
    table.push_str("];\n");
    fs::write(out.join("frozen.rs"), table).unwrap_or_else(|e| fail(&format!("frozen.rs: {e}")));
}

/// Stop the build with `msg`.
fn fail(msg: &str) -> ! {
    eprintln!("zython-frozen: {msg}");
    std::process::exit(1);
}

/// Add the `.py` and `.mpy` files under `dir` (named `prefix` + relative path, `/`-separated)
/// to `files`, skipping hidden entries and `__pycache__`.
fn collect(dir: &Path, prefix: &str, files: &mut Vec<(String, PathBuf)>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == "__pycache__" {
            continue;
        }
        let path = entry.path();
        let rel = format!("{prefix}{name}");
        if path.is_dir() {
            collect(&path, &format!("{rel}/"), files);
        } else if name.ends_with(".py") || name.ends_with(".mpy") {
            files.push((rel, path));
        }
    }
}

/// The checked .mpy image of the frozen file `name` at `path`: .py files are compiled (source
/// name `name`, as MicroPython's tracebacks show frozen files), .mpy files taken as they are.
fn image_of(name: &str, path: &Path) -> Vec<u8> {
    let data = fs::read(path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    let image = if name.ends_with(".mpy") {
        data
    } else {
        let src = String::from_utf8(data)
            .unwrap_or_else(|_| fail(&format!("{}: not UTF-8", path.display())));
        let m = compile_source(&src, name, Mode::File, 0).unwrap_or_else(|e| {
            let kind = match e.kind {
                ErrorKind::Indentation => "IndentationError",
                ErrorKind::Recursion | ErrorKind::Runtime => "RuntimeError",
                ErrorKind::NoMemory => "MemoryError",
                _ => "SyntaxError",
            };
            fail(&format!("{}:{}: {kind}: {}", path.display(), e.line, e.msg))
        });
        mpy::save(&m, SMALL_INT_BITS)
    };
    // The VM checks the image again at import; a bad one is better refused here.
    if let Err(e) = mpy::load(&image, SMALL_INT_BITS) {
        fail(&format!("{}: {e}", path.display()));
    }
    image
}
