//! Path resolution for the Zephyr filesystem: Zephyr's fs API takes absolute paths only, so the
//! port keeps a current directory and resolves every path against it here.

use alloc::string::String;
use alloc::vec::Vec;

/// `path` made absolute against `cwd` (itself absolute) with `.`, `..` and repeated or trailing
/// slashes removed: `resolve("/RAM:", "lib/../a.py") == "/RAM:/a.py"`. `..` stops at `/`.
pub fn resolve(cwd: &str, path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let rel = if path.starts_with('/') { "" } else { cwd };
    for part in rel.split('/').chain(path.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = String::new();
    for p in &parts {
        out.push('/');
        out.push_str(p);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn relative_and_absolute() {
        assert_eq!(resolve("/RAM:", "a.py"), "/RAM:/a.py");
        assert_eq!(resolve("/RAM:", ""), "/RAM:");
        assert_eq!(resolve("/RAM:", "."), "/RAM:");
        assert_eq!(resolve("/RAM:/lib", "./x/"), "/RAM:/lib/x");
        assert_eq!(resolve("/RAM:/lib", "/flash//y"), "/flash/y");
    }

    #[test]
    fn parent_directories() {
        assert_eq!(resolve("/RAM:/lib", ".."), "/RAM:");
        assert_eq!(resolve("/RAM:", "../.."), "/");
        assert_eq!(resolve("/", "a/../../b"), "/b");
        assert_eq!(resolve("/RAM:", "lib/../a.py"), "/RAM:/a.py");
    }
}
