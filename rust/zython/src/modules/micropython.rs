//! The `micropython` module: const, opt_level, memory and qstr reports, heap locking,
//! the Ctrl-C character and the scheduler queue.
//!
//! Scheduler: `schedule(f, arg)` appends to a queue kept in `vm.extra_roots` (so the
//! collector sees it); [`run_scheduled`] runs the queue, then the handlers of queued
//! hardware events (`machine::run_events`), and is meant to be called by the VM at
//! safe points (cheap check: [`pending`]). Until the dispatch loop calls it, the queue also
//! runs when Python code sleeps (`time.sleep*`).

use crate::native_fn;
use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::statics::{Attr, ModuleDef, StaticObj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::format;
use alloc::vec::Vec;
use portable_atomic::{AtomicBool, AtomicI32, Ordering};

/// The character that raises KeyboardInterrupt (-1 = none); ports read it with [`kbd_intr`].
static KBD_INTR: AtomicI32 = AtomicI32::new(3);
/// Callbacks are waiting in the schedule queue.
static PENDING: AtomicBool = AtomicBool::new(false);
/// A callback is running (nested ones wait for it to finish).
static RUNNING: AtomicBool = AtomicBool::new(false);
/// `schedule(kbd_intr, None)` is waiting: a single node (scheduling it again is a no-op)
/// that requests KeyboardInterrupt when the scheduler next runs, as MicroPython's.
static KBD_NODE: AtomicBool = AtomicBool::new(false);

/// Most callbacks waiting at once (MicroPython's default scheduler depth).
pub const SCHEDULE_DEPTH: usize = 8;

/// The interrupt character set by `micropython.kbd_intr()` (3 = Ctrl-C, -1 = disabled).
pub fn kbd_intr() -> i32 {
    KBD_INTR.load(Ordering::Relaxed)
}

/// Ask for `run_scheduled` at the next safe point (ISR-safe: hardware events are queued).
#[inline]
pub fn wake() {
    PENDING.store(true, Ordering::Relaxed);
}

/// Are scheduled callbacks waiting?
#[inline]
pub fn pending() -> bool {
    PENDING.load(Ordering::Relaxed)
}

/// Run every waiting scheduled callback (call at a safe point). The first exception stops
/// the run and is returned; the remaining callbacks stay queued.
pub fn run_scheduled(vm: &mut Vm) -> PyResult<()> {
    if !pending() || RUNNING.load(Ordering::Relaxed) {
        return Ok(());
    }
    RUNNING.store(true, Ordering::Relaxed);
    // The keyboard-interrupt node runs before the Python callbacks; the exception is raised
    // at the next safe point.
    if KBD_NODE.swap(false, Ordering::Relaxed) {
        crate::interrupt::request();
    }
    let r = run_queue(vm);
    // Hardware events (pin edges, timers) queued by the port: their handlers run in order.
    // `run_queue` cleared the pending flag first, so an event queued after the last one taken
    // here sets it again and runs at the next safe point.
    #[cfg(feature = "machine")]
    crate::modules::machine::run_events(vm);
    RUNNING.store(false, Ordering::Relaxed);
    r
}

fn run_queue(vm: &mut Vm) -> PyResult<()> {
    // Take the current batch; callbacks scheduled while it runs wait for the next safe point.
    let Some(queue) = queue_value(vm) else {
        PENDING.store(false, Ordering::Relaxed);
        return Ok(());
    };
    let batch: Vec<Value> = match vm.heap.get_mut(queue) {
        Some(Obj::List(l)) => core::mem::take(l),
        _ => Vec::new(),
    };
    PENDING.store(false, Ordering::Relaxed);
    let keep = vm.new_list(batch)?;
    let base = vm.roots.len();
    vm.roots.push(keep);
    let mut result = Ok(());
    let mut i = 0;
    loop {
        let pair = match vm.heap.get(keep) {
            Some(Obj::List(l)) => (l.get(i).copied(), l.get(i + 1).copied()),
            _ => (None, None),
        };
        let (Some(f), Some(arg)) = pair else { break };
        i += 2;
        if let Err(e) = vm.call(f, &[arg], &[]) {
            result = Err(e);
            break;
        }
    }
    vm.roots.truncate(base);
    result
}

fn queue_value(vm: &Vm) -> Option<Value> {
    let key = Value::qstr(q::SCHEDULE);
    let h = vm.qstrs.hash(q::SCHEDULE);
    let p = vm.extra_roots.find_identical(h, key)?;
    vm.extra_roots.entry(p).map(|e| e.value)
}

native_fn!(SCHEDULE_FN, "schedule", 2, 2, |vm, a, _| {
    if a[0] == Value::from_static(&KBD_INTR_FN) {
        KBD_NODE.store(true, Ordering::Relaxed);
        PENDING.store(true, Ordering::Relaxed);
        return Ok(Value::NONE);
    }
    let queue = match queue_value(vm) {
        Some(v) => v,
        None => {
            let l = vm.new_list(Vec::new())?;
            let h = vm.qstrs.hash(q::SCHEDULE);
            let key = Value::qstr(q::SCHEDULE);
            let r = vm.extra_roots.push_new(h, key, l);
            vm.mem(r)?;
            l
        }
    };
    let full = matches!(vm.heap.get(queue), Some(Obj::List(l)) if l.len() >= 2 * SCHEDULE_DEPTH);
    if full {
        return Err(vm.runtime_error("schedule queue full"));
    }
    if let Some(Obj::List(l)) = vm.heap.get_mut(queue) {
        if l.try_reserve(2).is_err() {
            return Err(vm.no_memory());
        }
        l.push(a[0]);
        l.push(a[1]);
    }
    PENDING.store(true, Ordering::Relaxed);
    Ok(Value::NONE)
});

native_fn!(CONST_FN, "const", 1, 1, |_, a, _| Ok(a[0]));
native_fn!(OPT_LEVEL, "opt_level", 0, 1, |vm, a, _| match a.first() {
    None => Ok(Value::small_int(vm.config.opt_level as isize)),
    Some(&v) => {
        let n = vm.to_index(v)?;
        vm.config.opt_level = n.clamp(0, 3) as u8;
        Ok(Value::NONE)
    }
});
native_fn!(MEM_INFO, "mem_info", 0, 1, |vm, a, _| {
    let s = vm.heap.stats();
    let used = s.used.min(s.limit);
    let free = s.limit - used;
    let stack_used = vm.stack_top.saturating_sub(crate::vm::stack_address());
    let (total, peak) = vm.heap.alloc_history();
    let mut text = format!(
        "mem: total={}, current={}, peak={}\nstack: {} out of {}\nGC: total: {}, used: {}, free: {}\n No. of 1-blocks: {}, 2-blocks: 0, max blk sz: 0, max free sz: {}\n",
        total,
        s.used,
        peak,
        stack_used,
        vm.config.native_stack,
        s.limit,
        used,
        free,
        s.objects,
        free / 16
    );
    if !a.is_empty() {
        text.push_str(&format!(
            "GC memory layout; from {:x}:\n{} objects in {} slots, {} collections\n",
            0,
            s.objects,
            vm.heap.slots(),
            s.collections
        ));
    }
    vm.write_stdout(&text)?;
    Ok(Value::NONE)
});
native_fn!(MEM_TOTAL, "mem_total", 0, 0, |vm, _, _| {
    let n = vm.heap.alloc_history().0;
    vm.new_int(n as i64)
});
native_fn!(MEM_CURRENT, "mem_current", 0, 0, |vm, _, _| {
    let n = vm.heap.used();
    vm.new_int(n as i64)
});
native_fn!(MEM_PEAK, "mem_peak", 0, 0, |vm, _, _| {
    let n = vm.heap.alloc_history().1;
    vm.new_int(n as i64)
});
native_fn!(QSTR_INFO, "qstr_info", 0, 1, |vm, a, _| {
    // The run-time (RAM) names, as MicroPython's dynamic pool; with an argument, each one.
    let (mut n, mut bytes) = (0, 0);
    for s in vm.qstrs.dynamic() {
        n += 1;
        bytes += s.len() + 1;
    }
    let mut text = format!(
        "qstr pool: n_pool=1, n_qstr={}, n_str_data_bytes={}, n_total_bytes={}\n",
        n,
        bytes,
        bytes + n * 8
    );
    if !a.is_empty() {
        for s in vm.qstrs.dynamic() {
            text.push_str("Q(");
            text.push_str(s);
            text.push_str(")\n");
        }
    }
    vm.write_stdout(&text)?;
    Ok(Value::NONE)
});
native_fn!(STACK_USE, "stack_use", 0, 0, |vm, _, _| {
    let used = vm.stack_top.saturating_sub(crate::vm::stack_address());
    vm.new_int(used as i64)
});
native_fn!(HEAP_LOCK, "heap_lock", 0, 0, |vm, _, _| {
    vm.heap.lock_depth = vm.heap.lock_depth.saturating_add(1);
    Ok(Value::NONE)
});
native_fn!(HEAP_UNLOCK, "heap_unlock", 0, 0, |vm, _, _| {
    vm.heap.lock_depth = vm.heap.lock_depth.saturating_sub(1);
    Ok(Value::small_int(vm.heap.lock_depth as isize))
});
native_fn!(HEAP_LOCKED, "heap_locked", 0, 0, |vm, _, _| Ok(
    Value::small_int(vm.heap.lock_depth as isize)
));
native_fn!(KBD_INTR_FN, "kbd_intr", 1, 1, |vm, a, _| {
    let c = vm.to_i64(a[0])?;
    KBD_INTR.store(c.clamp(-1, 255) as i32, Ordering::Relaxed);
    Ok(Value::NONE)
});
native_fn!(
    ALLOC_EMERGENCY,
    "alloc_emergency_exception_buf",
    1,
    1,
    |vm, a, _| {
        // Room for the args and message of exceptions made while the heap is locked.
        vm.emergency_buf = vm.to_index(a[0])?.max(0) as usize;
        Ok(Value::NONE)
    }
);

static MICROPYTHON_ATTRS: &[(Qstr, Attr)] = &[
    (q::CONST, Attr::Fn(&CONST_FN)),
    (q::OPT_LEVEL, Attr::Fn(&OPT_LEVEL)),
    (q::MEM_INFO, Attr::Fn(&MEM_INFO)),
    (q::MEM_TOTAL, Attr::Fn(&MEM_TOTAL)),
    (q::MEM_CURRENT, Attr::Fn(&MEM_CURRENT)),
    (q::MEM_PEAK, Attr::Fn(&MEM_PEAK)),
    (q::QSTR_INFO, Attr::Fn(&QSTR_INFO)),
    (q::STACK_USE, Attr::Fn(&STACK_USE)),
    (q::HEAP_LOCK, Attr::Fn(&HEAP_LOCK)),
    (q::HEAP_UNLOCK, Attr::Fn(&HEAP_UNLOCK)),
    (q::HEAP_LOCKED, Attr::Fn(&HEAP_LOCKED)),
    (q::KBD_INTR, Attr::Fn(&KBD_INTR_FN)),
    (q::SCHEDULE, Attr::Fn(&SCHEDULE_FN)),
    (q::ALLOC_EMERGENCY_EXCEPTION_BUF, Attr::Fn(&ALLOC_EMERGENCY)),
    #[cfg(feature = "modules-full")]
    (
        q::T_RING_I_O,
        Attr::Obj(&crate::modules::ringio::RINGIO_TYPE),
    ),
];

/// The `micropython` module.
pub static MICROPYTHON_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "micropython",
    attrs: MICROPYTHON_ATTRS,
    init: None,
});
