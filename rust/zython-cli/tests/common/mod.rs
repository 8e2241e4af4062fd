//! Shared by the integration tests that walk the conformance corpus.

use std::path::{Path, PathBuf};

/// Every `tests/py/**/NAME.py` that has an expected output `NAME.py.exp`, sorted.
pub fn corpus() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "py")
                && p.with_extension("py.exp").exists()
            {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&corpus_root(), &mut out);
    out
}

/// The corpus folder.
pub fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/py")
}
