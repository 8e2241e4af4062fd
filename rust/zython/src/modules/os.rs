//! The `os` module on the port's filesystem: getcwd, listdir, ilistdir (name, type, inode,
//! size: what mpremote reads), stat, remove, rmdir, mkdir, rename, chdir, getenv, sep;
//! putenv, unsetenv, system and errno with the `os-unix` feature. Ports without a filesystem
//! answer every call with OSError.

use crate::modules::native;
use crate::native_fn;
use crate::statics::{ModuleDef, StaticObj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::string::String;
use alloc::vec::Vec;

/// `st_mode` of a directory and of a regular file.
pub const S_IFDIR: i64 = 0x4000;
/// `st_mode` of a regular file.
pub const S_IFREG: i64 = 0x8000;

fn path_arg(vm: &mut Vm, a: &[Value], i: usize) -> PyResult<String> {
    let a = &crate::statics::Args(a);
    match a.get(i) {
        None => Ok(String::from(".")),
        Some(&v) => match vm.str_data(v) {
            Some(s) => Ok(String::from(s)),
            None => Err(vm.type_error("expected str")),
        },
    }
}

fn join(dir: &str, name: &str) -> String {
    let mut p = String::from(dir);
    if p.is_empty() {
        // ilistdir('') lists the current directory: its entries are relative names.
        p.push('.');
    }
    if !p.ends_with('/') {
        p.push('/');
    }
    p.push_str(name);
    p
}

fn names(vm: &mut Vm, dir: &str) -> PyResult<Vec<String>> {
    // With `vfs` mounts, `/` lists the mount points (and the port's root while mounted).
    #[cfg(feature = "modules-full")]
    {
        use crate::modules::vfs::{resolve, root_names, Place};
        let place = resolve(vm, dir);
        if let (true, Some(mut n)) = (dir == "/", root_names(vm)) {
            if let Place::Native = place {
                n.extend(vm.port.list_dir(dir).unwrap_or_default());
            }
            return Ok(n);
        }
        if !matches!(place, Place::Native) {
            return Err(vm.os_error(2));
        }
    }
    match vm.port.list_dir(dir) {
        Some(n) => Ok(n),
        None => Err(vm.os_error(2)),
    }
}

native_fn!(GETCWD, "getcwd", 0, 0, |vm, _, _| {
    let cwd = vm.port.getcwd().unwrap_or_else(|| String::from("/"));
    vm.new_string(cwd)
});
native_fn!(LISTDIR, "listdir", 0, 1, |vm, a, _| {
    let dir = path_arg(vm, a, 0)?;
    let list = vm.new_list(Vec::new())?;
    let base = vm.roots.len();
    vm.roots.push(list);
    let r = (|| {
        for n in names(vm, &dir)? {
            let s = vm.new_string(n)?;
            if let Some(crate::obj::Obj::List(l)) = vm.heap.get_mut(list) {
                if l.try_reserve(1).is_err() {
                    return Err(vm.no_memory());
                }
                l.push(s);
            }
        }
        Ok(list)
    })();
    vm.roots.truncate(base);
    r
});
native_fn!(ILISTDIR, "ilistdir", 0, 1, |vm, a, _| {
    let dir = path_arg(vm, a, 0)?;
    let mut entries = Vec::new();
    let base = vm.roots.len();
    let r = (|| {
        for n in names(vm, &dir)? {
            let full = join(&dir, &n);
            let kind = vm.port.stat_kind(&full);
            let mode = if kind == 2 { S_IFDIR } else { S_IFREG };
            let size = if kind == 1 {
                vm.port.file_size(&full).unwrap_or(0)
            } else {
                0
            };
            let size = vm.new_int(size.min(i64::MAX as u64) as i64)?;
            vm.roots.push(size);
            let s = vm.new_string(n)?;
            vm.roots.push(s);
            let t = vm.new_tuple(&[
                s,
                Value::small_int(mode as isize),
                Value::small_int(0),
                size,
            ])?;
            vm.roots.push(t);
            entries.push(t);
        }
        let l = vm.new_list(entries)?;
        vm.get_iter(l)
    })();
    vm.roots.truncate(base);
    r
});
native_fn!(STAT, "stat", 1, 1, |vm, a, _| {
    let p = path_arg(vm, a, 0)?;
    let kind = vm.port.stat_kind(&p);
    if kind == 0 {
        return Err(vm.os_error(2));
    }
    let mode = if kind == 2 { S_IFDIR } else { S_IFREG };
    let size = if kind == 1 {
        vm.port.file_size(&p).unwrap_or(0)
    } else {
        0
    };
    let size = vm.new_int(size.min(i64::MAX as u64) as i64)?;
    let z = Value::small_int(0);
    vm.new_tuple(&[
        Value::small_int(mode as isize),
        z,
        z,
        z,
        z,
        z,
        size,
        z,
        z,
        z,
    ])
});
native_fn!(REMOVE, "remove", 1, 1, |vm, a, _| {
    let p = path_arg(vm, a, 0)?;
    if vm.port.stat_kind(&p) == 2 {
        return Err(vm.os_error(21));
    }
    if !vm.port.remove(&p, false) {
        return Err(vm.os_error(2));
    }
    Ok(Value::NONE)
});
native_fn!(RMDIR, "rmdir", 1, 1, |vm, a, _| {
    let p = path_arg(vm, a, 0)?;
    if !vm.port.remove(&p, true) {
        return Err(vm.os_error(2));
    }
    Ok(Value::NONE)
});
native_fn!(MKDIR, "mkdir", 1, 2, |vm, a, _| {
    let p = path_arg(vm, a, 0)?;
    if vm.port.stat_kind(&p) != 0 {
        return Err(vm.os_error(17));
    }
    if !vm.port.mkdir(&p) {
        return Err(vm.os_error(2));
    }
    Ok(Value::NONE)
});
native_fn!(RENAME, "rename", 2, 2, |vm, a, _| {
    let from = path_arg(vm, a, 0)?;
    let to = path_arg(vm, a, 1)?;
    if !vm.port.rename(&from, &to) {
        return Err(vm.os_error(2));
    }
    Ok(Value::NONE)
});
native_fn!(CHDIR, "chdir", 1, 1, |vm, a, _| {
    let p = path_arg(vm, a, 0)?;
    if !vm.port.chdir(&p) {
        let errno = if vm.port.stat_kind(&p) == 1 { 20 } else { 2 };
        return Err(vm.os_error(errno));
    }
    Ok(Value::NONE)
});
native_fn!(GETENV, "getenv", 1, 2, |vm, a, _| {
    let name = path_arg(vm, a, 0)?;
    match vm.port.env_var(&name) {
        Some(v) => vm.new_string(v),
        None => Ok(a.get(1).copied().unwrap_or(Value::NONE)),
    }
});
#[cfg(feature = "os-unix")]
native_fn!(PUTENV, "putenv", 2, 2, |vm, a, _| {
    let name = path_arg(vm, a, 0)?;
    let value = path_arg(vm, a, 1)?;
    if !vm.port.set_env_var(&name, Some(&value)) {
        return Err(vm.os_error(1));
    }
    Ok(Value::NONE)
});
#[cfg(feature = "os-unix")]
native_fn!(UNSETENV, "unsetenv", 1, 1, |vm, a, _| {
    let name = path_arg(vm, a, 0)?;
    if !vm.port.set_env_var(&name, None) {
        return Err(vm.os_error(1));
    }
    Ok(Value::NONE)
});
#[cfg(feature = "os-unix")]
native_fn!(SYSTEM, "system", 1, 1, |vm, a, _| {
    let cmd = path_arg(vm, a, 0)?;
    match vm.port.system(&cmd) {
        Some(status) => vm.new_int(status as i64),
        None => Err(vm.os_error(1)),
    }
});

/// The value `os.errno()` gives back: the last one set with `os.errno(n)`.
#[cfg(feature = "os-unix")]
static ERRNO: portable_atomic::AtomicI32 = portable_atomic::AtomicI32::new(0);

#[cfg(feature = "os-unix")]
native_fn!(ERRNO_FN, "errno", 0, 1, |vm, a, _| {
    match a.first() {
        Some(&v) => {
            let n = vm.to_i64(v)?;
            ERRNO.store(n as i32, portable_atomic::Ordering::Relaxed);
            Ok(Value::NONE)
        }
        None => vm.new_int(ERRNO.load(portable_atomic::Ordering::Relaxed) as i64),
    }
});

native_fn!(URANDOM, "urandom", 1, 1, |vm, a, _| {
    // Not a cryptographic source: the `random` module's generator.
    let n = vm.to_index(a[0])?;
    if n < 0 {
        return Err(vm.value_error("negative length"));
    }
    let n = n as usize;
    vm.reserve(n)?;
    let mut out = Vec::new();
    if out.try_reserve_exact(n).is_err() {
        return Err(vm.no_memory());
    }
    while out.len() < n {
        let w = crate::modules::random::next_u32().to_le_bytes();
        let k = (n - out.len()).min(4);
        out.extend_from_slice(&w[..k]);
    }
    vm.new_bytes(&out)
});

static FUNCTIONS: &[&StaticObj] = &[
    &URANDOM,
    &GETCWD,
    &LISTDIR,
    &ILISTDIR,
    &STAT,
    &REMOVE,
    &RMDIR,
    &MKDIR,
    &RENAME,
    &CHDIR,
    &GETENV,
    #[cfg(feature = "os-unix")]
    &PUTENV,
    #[cfg(feature = "os-unix")]
    &UNSETENV,
    #[cfg(feature = "os-unix")]
    &SYSTEM,
    #[cfg(feature = "os-unix")]
    &ERRNO_FN,
];

fn os_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    native::fill(vm, g, FUNCTIONS)?;
    let sep = vm.new_str("/")?;
    let k = vm.qstrs.intern_static("sep");
    vm.dict_set_str(g, k, sep)?;
    Ok(())
}

/// The `os` module.
pub static OS_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "os",
    attrs: &[],
    init: Some(os_init),
});

#[cfg(test)]
mod tests {
    #[test]
    fn join_paths() {
        assert_eq!(super::join("a", "b"), "a/b");
        assert_eq!(super::join("a/", "b"), "a/b");
        assert_eq!(super::join("", "b"), "./b");
    }
}
