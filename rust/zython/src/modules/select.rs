//! The `select` module: `poll()` objects and `select()` (MicroPython's subset).
//!
//! A registered object is polled either as a file descriptor, through the port's
//! [`crate::port::Port::poll_fds`] (an int, a console stream's `fileno()`, or what a Python
//! stream's `ioctl(MP_STREAM_GET_FILENO)` answers), or, for a Python stream (an `io.IOBase`
//! subclass) without one, by calling its `ioctl(MP_STREAM_POLL, events)`, as MicroPython does.

use crate::modules::{micropython, native};
use crate::native_fn;
use crate::obj::{NativeObject, Obj};
use crate::qstr::q;
use crate::statics::{Attr, ModuleDef, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::value::Value;
use crate::vm::{PyErr, PyResult, Vm};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::any::Any;

const POLLIN: u16 = 0x01;
const POLLOUT: u16 = 0x04;
const POLLERR: u16 = 0x08;
const POLLHUP: u16 = 0x10;
/// `ioctl` requests of MicroPython's stream protocol.
const STREAM_POLL: isize = 3;
const STREAM_GET_FILENO: isize = 10;
/// `ipoll` flag: stop polling an object once it has been reported.
const ONESHOT: i64 = 1;

/// One registered object: `fd` is its file descriptor, or -1 to ask its `ioctl`.
#[derive(Debug, Clone, Copy)]
struct Entry {
    obj: Value,
    fd: i32,
    events: u16,
    revents: u16,
}

/// A `select.poll()` object. `ipoll` returns the object itself, iterating over the ready
/// entries with one reused 2-tuple, so polling in a loop allocates nothing (as MicroPython).
#[derive(Debug, Default)]
pub struct Poll {
    entries: Vec<Entry>,
    /// The tuple `ipoll` hands out (NULL until the first `ipoll`).
    ret: Value,
    /// Where the `ipoll` iteration continues; `ipoll`'s flags.
    next: usize,
    flags: i64,
}

impl NativeObject for Poll {
    fn type_obj(&self) -> &'static StaticObj {
        &POLL_TYPE
    }
    fn trace(&self, out: &mut dyn FnMut(Value)) {
        self.entries.iter().for_each(|e| out(e.obj));
        out(self.ret);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

fn this(vm: &mut Vm, v: Value) -> PyResult<&mut Poll> {
    if native::get::<Poll>(vm, v).is_none() {
        return Err(vm.type_error("expected a poll object"));
    }
    native::get_mut::<Poll>(vm, v).ok_or(PyErr(Value::NONE))
}

/// Entries polled by the core's own streams (RingIO, UART) rather than a descriptor or `ioctl`.
const NATIVE: i32 = -2;

/// Poll one of the core's own streams (RingIO, machine.UART); None for other objects.
fn native_poll(vm: &mut Vm, obj: Value, events: u16) -> Option<u16> {
    #[cfg(feature = "machine")]
    if let Some(r) = crate::modules::machine::uart_poll(vm, obj, events) {
        return Some(r);
    }
    crate::modules::ringio::poll(vm, obj, events)
}

/// How `obj` is polled: its file descriptor, -1 for a Python stream's `ioctl`, or `NATIVE`.
fn fd_of(vm: &mut Vm, obj: Value) -> PyResult<i32> {
    if native_poll(vm, obj, 0).is_some() {
        return Ok(NATIVE);
    }
    if let Some(fd) = obj.as_small_int() {
        return i32::try_from(fd)
            .ok()
            .filter(|&fd| fd >= 0)
            .ok_or_else(|| vm.value_error(""));
    }
    if vm.getattr_opt(obj, q::IOCTL)?.is_some() {
        let args = [Value::small_int(STREAM_GET_FILENO), Value::small_int(0)];
        let r = vm.call_method(obj, q::IOCTL, &args)?;
        return Ok(r
            .as_small_int()
            .and_then(|fd| i32::try_from(fd).ok())
            .filter(|&fd| fd >= 0)
            .unwrap_or(-1));
    }
    match vm.call_method_opt(obj, q::FILENO, &[])? {
        Some(fd) => {
            let fd = vm.to_i64(fd)?;
            i32::try_from(fd).map_err(|_| vm.value_error(""))
        }
        None => Err(vm.type_error("object with stream.ioctl required")),
    }
}

/// Register `obj` for `events` (or-ed into an existing registration when `or_events`).
fn add(vm: &mut Vm, p: Value, obj: Value, events: u16, or_events: bool) -> PyResult<()> {
    if let Some(e) = this(vm, p)?.entries.iter_mut().find(|e| e.obj == obj) {
        e.events = if or_events { e.events | events } else { events };
        return Ok(());
    }
    let fd = fd_of(vm, obj)?;
    vm.reserve(core::mem::size_of::<Entry>())?;
    let entries = &mut this(vm, p)?.entries;
    if entries.try_reserve(1).is_err() {
        return Err(vm.no_memory());
    }
    entries.push(Entry {
        obj,
        fd,
        events,
        revents: 0,
    });
    Ok(())
}

/// The registration at `i`, if the list still has one there.
fn entry(vm: &mut Vm, p: Value, i: usize) -> PyResult<Option<Entry>> {
    Ok(this(vm, p)?.entries.get(i).copied())
}

/// Poll every registered object once, waiting up to `wait` ms for file descriptors.
fn poll_once(vm: &mut Vm, p: Value, wait: Option<u32>) -> PyResult<usize> {
    let mut ready = 0;
    let mut has_stream = false;
    let mut i = 0;
    // Python streams first (their `ioctl` may change the registrations: index checked).
    while let Some(e) = entry(vm, p, i)? {
        if e.fd == NATIVE {
            has_stream = true;
            let r = native_poll(vm, e.obj, e.events).unwrap_or(0x20);
            if let Some(slot) = this(vm, p)?.entries.get_mut(i) {
                slot.revents = r;
            }
            ready += (r != 0) as usize;
        } else if e.fd < 0 {
            has_stream = true;
            let args = [
                Value::small_int(STREAM_POLL),
                Value::small_int(e.events as isize),
            ];
            let r = vm.call_method(e.obj, q::IOCTL, &args)?;
            let r = vm.to_i64(r)?;
            if r < 0 {
                return Err(vm.os_error(r.saturating_neg().min(i32::MAX as i64) as i32));
            }
            if let Some(slot) = this(vm, p)?.entries.get_mut(i).filter(|s| s.obj == e.obj) {
                slot.revents = r as u16;
            }
            ready += (r != 0) as usize;
        }
        i += 1;
    }
    let mut fds = Vec::new();
    let n = this(vm, p)?.entries.iter().filter(|e| e.fd >= 0).count();
    if fds.try_reserve_exact(n).is_err() {
        return Err(vm.no_memory());
    }
    let entries = &this(vm, p)?.entries;
    fds.extend(
        entries
            .iter()
            .filter(|e| e.fd >= 0)
            .map(|e| (e.fd, e.events, 0u16)),
    );
    // Python streams are asked again every millisecond.
    let wait = match (ready > 0, has_stream, wait) {
        (true, _, _) => 0,
        (_, true, w) => w.unwrap_or(1).min(1) as i32,
        (_, _, Some(w)) => w.min(i32::MAX as u32) as i32,
        (_, _, None) => -1,
    };
    if !fds.is_empty() || wait != 0 {
        match vm.port.poll_fds(&mut fds, wait) {
            Ok(_) => {}
            // EINTR: a signal (Ctrl-C) arrived while waiting.
            Err(4) => fds.iter_mut().for_each(|f| f.2 = 0),
            Err(e) => return Err(vm.os_error(e)),
        }
    }
    let fd_entries = this(vm, p)?.entries.iter_mut().filter(|e| e.fd >= 0);
    for (k, e) in fd_entries.enumerate() {
        e.revents = fds.get(k).map_or(0, |f| f.2);
        ready += (e.revents != 0) as usize;
    }
    Ok(ready)
}

/// Poll until something is ready or `timeout` ms (None: no limit) have passed.
fn poll_until(vm: &mut Vm, p: Value, timeout: Option<u32>) -> PyResult<()> {
    let base = vm.roots.len();
    vm.roots.push(p);
    let start = vm.port.ticks_ms();
    let r = loop {
        let elapsed = vm.port.ticks_ms().wrapping_sub(start);
        let left = timeout.map(|t| (t as u64).saturating_sub(elapsed) as u32);
        match poll_once(vm, p, left) {
            Ok(0) if left != Some(0) && !crate::interrupt::pending() => {}
            Ok(_) => break vm.check_interrupt(),
            Err(e) => break Err(e),
        }
        if let Err(e) = micropython::run_scheduled(vm) {
            break Err(e);
        }
    };
    vm.roots.truncate(base);
    r
}

/// A timeout in ms from `poll`'s argument: None or a negative number mean no limit.
fn timeout_ms(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<u32>> {
    match v {
        Some(&t) if t != Value::NONE => {
            let t = vm.to_i64(t)?;
            Ok((t >= 0).then(|| t.min(u32::MAX as i64) as u32))
        }
        _ => Ok(None),
    }
}

/// Poll with the arguments of `poll`/`ipoll` (self, timeout, flags); gives the flags.
fn poll_args(vm: &mut Vm, a: &[Value]) -> PyResult<i64> {
    this(vm, a[0])?;
    let timeout = timeout_ms(vm, a.get(1))?;
    let flags = match a.get(2) {
        Some(&f) => vm.to_i64(f)?,
        None => 0,
    };
    poll_until(vm, a[0], timeout)?;
    Ok(flags)
}

/// `poll.poll`: list the (object, events) that are ready.
fn poll_results(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    let p = a[0];
    let flags = poll_args(vm, a)?;
    let ready: Vec<(Value, u16)> = this(vm, p)?
        .entries
        .iter()
        .filter(|e| e.revents != 0)
        .map(|e| (e.obj, e.revents))
        .collect();
    let mut out = Vec::new();
    if out.try_reserve_exact(ready.len()).is_err() {
        return Err(vm.no_memory());
    }
    let list = vm.new_list(out)?;
    let base = vm.roots.len();
    vm.roots.push(list);
    let r = (|| {
        for &(obj, ev) in &ready {
            let t = vm.new_tuple(&[obj, Value::small_int(ev as isize)])?;
            if let Some(Obj::List(l)) = vm.heap.get_mut(list) {
                l.push(t);
            }
        }
        if flags & ONESHOT != 0 {
            for e in this(vm, p)?.entries.iter_mut().filter(|e| e.revents != 0) {
                e.events = 0;
            }
        }
        Ok(list)
    })();
    vm.roots.truncate(base);
    r
}

native_fn!(POLL, "poll", 0, 0, |vm, _, _| {
    vm.alloc(Obj::Native(Box::new(Poll::default())))
});
native_fn!(REGISTER, "register", 2, 3, |vm, a, _| {
    let events = match a.get(2) {
        Some(&e) => vm.to_i64(e)? as u16,
        None => POLLIN | POLLOUT,
    };
    add(vm, a[0], a[1], events, false)?;
    Ok(Value::NONE)
});
native_fn!(UNREGISTER, "unregister", 2, 2, |vm, a, _| {
    let obj = a[1];
    this(vm, a[0])?.entries.retain(|e| e.obj != obj);
    Ok(Value::NONE)
});
native_fn!(MODIFY, "modify", 3, 3, |vm, a, _| {
    let events = vm.to_i64(a[2])? as u16;
    let obj = a[1];
    match this(vm, a[0])?.entries.iter_mut().find(|e| e.obj == obj) {
        Some(e) => e.events = events,
        None => return Err(vm.os_error(2)),
    }
    Ok(Value::NONE)
});
native_fn!(POLL_POLL, "poll", 1, 3, |vm, a, _| poll_results(vm, a));
native_fn!(IPOLL, "ipoll", 1, 3, |vm, a, _| {
    let flags = poll_args(vm, a)?;
    if this(vm, a[0])?.ret.is_null() {
        let t = vm.new_tuple(&[Value::NONE, Value::NONE])?;
        this(vm, a[0])?.ret = t;
    }
    let p = this(vm, a[0])?;
    p.next = 0;
    p.flags = flags;
    Ok(a[0])
});
native_fn!(ITER, "__iter__", 1, 1, |_, a, _| Ok(a[0]));
native_fn!(NEXT, "__next__", 1, 1, |vm, a, _| {
    let p = this(vm, a[0])?;
    let (start, oneshot, ret) = (p.next, p.flags & ONESHOT != 0, p.ret);
    let Some(i) = (start..p.entries.len()).find(|&i| p.entries[i].revents != 0) else {
        p.next = p.entries.len();
        return Err(vm.new_exception(&crate::types::exceptions::STOP_ITERATION, ""));
    };
    p.next = i + 1;
    let e = &mut p.entries[i];
    let item = [e.obj, Value::small_int(e.revents as isize)];
    if oneshot {
        e.events = 0;
    }
    match vm.heap.get_mut(ret) {
        Some(Obj::Tuple(t)) if t.len() == 2 => t.copy_from_slice(&item),
        _ => return vm.new_tuple(&item),
    }
    Ok(ret)
});

/// Add every object of sequence `seq` for `events`.
fn add_all(vm: &mut Vm, p: Value, seq: Value, events: u16) -> PyResult<()> {
    let items = vm.collect_iterable(seq)?;
    for obj in items {
        add(vm, p, obj, events, true)?;
    }
    Ok(())
}

native_fn!(SELECT, "select", 3, 4, |vm, a, _| {
    let timeout = match a.get(3) {
        Some(&t) if t != Value::NONE => {
            let s = vm.to_f64(t)?;
            (s >= 0.0).then(|| (s * 1000.0).min(u32::MAX as f64) as u32)
        }
        _ => None,
    };
    let p = vm.alloc(Obj::Native(Box::new(Poll::default())))?;
    let base = vm.roots.len();
    vm.roots.push(p);
    let r = (|| {
        add_all(vm, p, a[0], POLLIN)?;
        add_all(vm, p, a[1], POLLOUT)?;
        add_all(vm, p, a[2], POLLERR | POLLHUP)?;
        poll_until(vm, p, timeout)?;
        let entries = this(vm, p)?.entries.clone();
        let mut lists = [Value::NULL; 3];
        for (k, mask) in [POLLIN, POLLOUT, !(POLLIN | POLLOUT)]
            .into_iter()
            .enumerate()
        {
            let mut v = Vec::new();
            let hits = entries.iter().filter(|e| e.revents & mask != 0);
            if v.try_reserve_exact(hits.clone().count()).is_err() {
                return Err(vm.no_memory());
            }
            v.extend(hits.map(|e| e.obj));
            lists[k] = vm.new_list(v)?;
            vm.roots.push(lists[k]);
        }
        vm.new_tuple(&lists)
    })();
    vm.roots.truncate(base);
    r
});

/// The type of `select.poll()` objects.
pub static POLL_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "poll",
    base: Some(&OBJECT),
    attrs: &[
        (q::REGISTER, Attr::Fn(&REGISTER)),
        (q::UNREGISTER, Attr::Fn(&UNREGISTER)),
        (q::MODIFY, Attr::Fn(&MODIFY)),
        (q::POLL, Attr::Fn(&POLL_POLL)),
        (q::IPOLL, Attr::Fn(&IPOLL)),
        (q::__ITER__, Attr::Fn(&ITER)),
        (q::__NEXT__, Attr::Fn(&NEXT)),
    ],
    make_new: None,
    attr_hook: None,
    subclassable: false,
});

fn select_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    native::fill(vm, g, &[&POLL, &SELECT])?;
    for (name, v) in [
        ("POLLIN", POLLIN),
        ("POLLOUT", POLLOUT),
        ("POLLERR", POLLERR),
        ("POLLHUP", POLLHUP),
    ] {
        let k = vm.qstrs.intern_static(name);
        vm.dict_set_str(g, k, Value::small_int(v as isize))?;
    }
    Ok(())
}

/// The `select` module.
pub static SELECT_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "select",
    attrs: &[],
    init: Some(select_init),
});
