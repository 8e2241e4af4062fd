//! Builtin modules (sys, gc, micropython...) and frozen modules.

pub mod frozen;
pub mod sys;

use crate::statics::StaticObj;

/// Every builtin module, found by import name.
pub static BUILTIN_MODULES: &[&StaticObj] = &[&sys::SYS_MODULE, &crate::builtins::BUILTINS_MODULE];

/// The builtin module called `name`, if any (`u`-prefixed aliases like `utime` map to `time`).
pub fn find(name: &str) -> Option<&'static StaticObj> {
    let lookup = |n: &str| {
        BUILTIN_MODULES
            .iter()
            .copied()
            .find(|m| matches!(m, StaticObj::Module(d) if d.name == n))
    };
    lookup(name).or_else(|| name.strip_prefix('u').and_then(lookup))
}
