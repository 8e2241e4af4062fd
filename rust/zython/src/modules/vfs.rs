//! The `vfs` module: mount Python filesystem objects (MicroPython's user VFS).
//!
//! A filesystem object has `mount(readonly, mkfs)`, `umount()`, `open(path, mode)` and
//! optionally `stat(path)`. The mount table (a list of `(path, fs)` in `vm.extra_roots`)
//! exists once `vfs.mount` or `vfs.umount` is first used; until then every path is the
//! port's. The port's filesystem counts as mounted at `/` (fs None) until unmounted.
//! `open()`, `execfile()`, imports and `os.listdir('/')` follow the table.

use crate::modules::native;
use crate::native_fn;
use crate::obj::Obj;
use crate::qstr::q;
use crate::statics::{ModuleDef, StaticObj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::string::String;
use alloc::vec::Vec;

/// Where a path leads.
pub enum Place {
    /// The port's own filesystem.
    Native,
    /// A mounted filesystem object and the path inside it (starting with `/`).
    User(Value, String),
    /// Nothing is mounted there.
    Missing,
}

fn table(vm: &Vm) -> Option<Value> {
    let key = Value::qstr(q::VFS);
    let p = vm.extra_roots.find_identical(vm.qstrs.hash(q::VFS), key)?;
    vm.extra_roots.entry(p).map(|e| e.value)
}

/// The mount table, made with the port's root mounted when first needed.
fn table_or_new(vm: &mut Vm) -> PyResult<Value> {
    if let Some(t) = table(vm) {
        return Ok(t);
    }
    let root = vm.new_tuple(&[Value::qstr(q::SLASH), Value::NONE])?;
    let t = vm.new_list(alloc::vec![root])?;
    let h = vm.qstrs.hash(q::VFS);
    let r = vm.extra_roots.push_new(h, Value::qstr(q::VFS), t);
    vm.mem(r)?;
    Ok(t)
}

/// The mounts as (mount path, fs) pairs.
fn mounts(vm: &Vm) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let Some(Obj::List(l)) = table(vm).and_then(|t| vm.heap.get(t)) else {
        return out;
    };
    for &e in l {
        if let Some(Obj::Tuple(t)) = vm.heap.get(e) {
            if let (Some(&p), Some(&fs)) = (t.first(), t.get(1)) {
                out.push((String::from(vm.str_data(p).unwrap_or("")), fs));
            }
        }
    }
    out
}

/// Where `path` leads: the longest matching mount point wins.
pub fn resolve(vm: &Vm, path: &str) -> Place {
    if table(vm).is_none() {
        return Place::Native;
    }
    let mut abs = String::new();
    if !path.starts_with('/') {
        abs.push('/');
    }
    abs.push_str(path);
    let mut best: Option<(usize, Value)> = None;
    for (m, fs) in mounts(vm) {
        let inside = m == "/"
            || abs == m
            || (abs.starts_with(m.as_str()) && abs.as_bytes().get(m.len()) == Some(&b'/'));
        if inside && best.is_none_or(|(n, _)| m.len() > n) {
            best = Some((m.len(), fs));
        }
    }
    match best {
        None => Place::Missing,
        Some((_, fs)) if fs == Value::NONE => Place::Native,
        Some((n, fs)) => {
            // `n` is the length of a mount point `abs` starts with: a char boundary.
            let rest = if n == 1 {
                abs.as_str()
            } else {
                abs.get(n..).unwrap_or("")
            };
            Place::User(fs, String::from(if rest.is_empty() { "/" } else { rest }))
        }
    }
}

/// Names mounted directly under `/` (for `os.listdir('/')`), when the table exists.
pub fn root_names(vm: &Vm) -> Option<Vec<String>> {
    table(vm)?;
    Some(
        mounts(vm)
            .into_iter()
            .filter(|(m, _)| m.len() > 1)
            .map(|(m, _)| String::from(m.strip_prefix('/').unwrap_or(&m)))
            .collect(),
    )
}

/// `fs.open(path, mode)` on a mounted filesystem.
pub fn open(vm: &mut Vm, fs: Value, path: &str, mode: &str) -> PyResult<Value> {
    let p = vm.new_str(path)?;
    vm.roots.push(p);
    let m = vm.new_str(mode);
    let r = m.and_then(|m| {
        vm.roots.push(m);
        let r = vm.call_method(fs, q::OPEN, &[p, m]);
        vm.roots.pop();
        r
    });
    vm.roots.pop();
    r
}

/// The whole contents of `path` on a mounted filesystem (OSError when it can't be read).
pub fn read(vm: &mut Vm, fs: Value, path: &str) -> PyResult<Vec<u8>> {
    let f = open(vm, fs, path, "rb")?;
    vm.roots.push(f);
    let r = read_stream(vm, f);
    vm.roots.pop();
    r
}

fn read_stream(vm: &mut Vm, f: Value) -> PyResult<Vec<u8>> {
    if crate::modules::io::is_iobase(vm, f) {
        // As MicroPython's file reader: ask the stream's buffer size (ioctl 11, kept within
        // 1..=255), read in chunks of it, then close it (ioctl 4), also after an error.
        if vm.getattr_opt(f, q::IOCTL)?.is_none() {
            return crate::modules::io::iobase_read_all(vm, f, 1);
        }
        let small = |n: isize| Value::small_int(n);
        let size = vm.call_method(f, q::IOCTL, &[small(11), small(0)])?;
        let size = vm.to_i64(size).unwrap_or(0).clamp(1, 255) as usize;
        let r = crate::modules::io::iobase_read_all(vm, f, size);
        vm.call_method(f, q::IOCTL, &[small(4), small(0)])?;
        return r;
    }
    if f == Value::NONE {
        return Err(vm.os_error(95)); // EOPNOTSUPP: not a stream
    }
    let d = vm.call_method(f, q::READ, &[])?;
    match crate::types::bytes::buffer_data(vm, d)
        .or_else(|| vm.str_data(d).map(|s| s.as_bytes().to_vec()))
    {
        Some(b) => Ok(b),
        None => Err(vm.os_error(95)),
    }
}

/// What `fs.stat(path)` says is there: 0 nothing (or an error), 1 a file, 2 a directory.
pub fn stat_kind(vm: &mut Vm, fs: Value, path: &str) -> u8 {
    let Ok(p) = vm.new_str(path) else { return 0 };
    vm.roots.push(p);
    let r = vm.call_method(fs, q::STAT, &[p]);
    vm.roots.pop();
    let mode = match r {
        Ok(t) => match vm.heap.get(t) {
            Some(Obj::Tuple(t)) => t.first().and_then(|m| m.as_small_int()).unwrap_or(0),
            _ => 0,
        },
        Err(_) => 0,
    };
    match mode & 0xf000 {
        0x4000 => 2,
        0x8000 => 1,
        _ => 0,
    }
}

native_fn!(
    MOUNT,
    "mount",
    0,
    2,
    |vm, a, kw| {
        if a.is_empty() {
            // `vfs.mount()`: the (filesystem, mount point) pairs, oldest first.
            let mut items = Vec::new();
            let base = vm.roots.len();
            let r = (|| {
                for (p, fs) in mounts(vm).into_iter().filter(|m| m.1 != Value::NONE) {
                    let pv = vm.new_string(p)?;
                    vm.roots.push(pv);
                    let t = vm.new_tuple(&[fs, pv])?;
                    vm.roots.push(t);
                    vm.reserve(core::mem::size_of::<Value>())?;
                    items.try_reserve(1).map_err(|_| vm.no_memory())?;
                    items.push(t);
                }
                vm.new_list(items)
            })();
            vm.roots.truncate(base);
            return r;
        }
        if a.len() < 2 {
            return Err(vm.type_error("function takes 2 positional arguments"));
        }
        let path = match vm.str_data(a[1]) {
            Some(s) => String::from(s.trim_end_matches('/')),
            None => return Err(vm.type_error("expected str")),
        };
        let path = if path.is_empty() {
            String::from("/")
        } else {
            path
        };
        let flag = |vm: &mut Vm, name: &str| -> PyResult<Value> {
            match kw.iter().find(|(k, _)| vm.str_data(*k) == Some(name)) {
                Some(&(_, v)) => Ok(Value::bool(vm.truthy(v)?)),
                None => Ok(Value::FALSE),
            }
        };
        let ro = flag(vm, "readonly")?;
        let mkfs = flag(vm, "mkfs")?;
        vm.call_method(a[0], q::MOUNT, &[ro, mkfs])?;
        // As MicroPython: the filesystem is asked to mount before the path is checked.
        if mounts(vm).iter().any(|(m, _)| *m == path) {
            return Err(vm.os_error(1)); // EPERM: already mounted
        }
        let t = table_or_new(vm)?;
        let pv = vm.new_string(path)?;
        vm.roots.push(pv);
        let entry = vm.new_tuple(&[pv, a[0]]);
        vm.roots.pop();
        let entry = entry?;
        vm.list_reserve(t, 1)?;
        if let Some(Obj::List(l)) = vm.heap.get_mut(t) {
            l.push(entry);
        }
        Ok(Value::NONE)
    },
    kw
);

native_fn!(UMOUNT, "umount", 1, 1, |vm, a, _| {
    let t = table_or_new(vm)?;
    let by_path = vm.str_data(a[0]).map(|s| {
        let s = s.trim_end_matches('/');
        String::from(if s.is_empty() { "/" } else { s })
    });
    let found = mounts(vm).iter().position(|(m, fs)| match &by_path {
        Some(p) => m == p,
        None => *fs == a[0],
    });
    let Some(i) = found else {
        return Err(vm.os_error(22)); // EINVAL: not mounted
    };
    let fs = mounts(vm)[i].1;
    if let Some(Obj::List(l)) = vm.heap.get_mut(t) {
        if i < l.len() {
            l.remove(i);
        }
    }
    if fs != Value::NONE {
        vm.call_method(fs, q::UMOUNT, &[])?;
    }
    Ok(Value::NONE)
});

fn vfs_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    native::fill(vm, g, &[&MOUNT, &UMOUNT])
}

/// The `vfs` module.
pub static VFS_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "vfs",
    attrs: &[],
    init: Some(vfs_init),
});
