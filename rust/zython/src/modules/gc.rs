//! The `gc` module: collect, enable/disable, memory figures and the allocation threshold.

use crate::native_fn;
use crate::qstr::{q, Qstr};
use crate::statics::{Attr, ModuleDef, StaticObj};
use crate::value::Value;
use portable_atomic::{AtomicIsize, Ordering};

/// `gc.threshold()` as last set (-1 = none), rounded down to 16-byte blocks like MicroPython.
static THRESHOLD: AtomicIsize = AtomicIsize::new(-1);

native_fn!(COLLECT, "collect", 0, 0, |vm, _, _| {
    vm.collect();
    Ok(Value::NONE)
});
native_fn!(ENABLE, "enable", 0, 0, |vm, _, _| {
    vm.heap.disabled = false;
    Ok(Value::NONE)
});
native_fn!(DISABLE, "disable", 0, 0, |vm, _, _| {
    vm.heap.disabled = true;
    Ok(Value::NONE)
});
native_fn!(ISENABLED, "isenabled", 0, 0, |vm, _, _| Ok(Value::bool(
    !vm.heap.disabled
)));
native_fn!(MEM_FREE, "mem_free", 0, 0, |vm, _, _| {
    let s = vm.heap.stats();
    vm.new_int(s.limit.saturating_sub(s.used) as i64)
});
native_fn!(MEM_ALLOC, "mem_alloc", 0, 0, |vm, _, _| {
    let s = vm.heap.stats();
    vm.new_int(s.used.min(s.limit) as i64)
});
native_fn!(THRESHOLD_FN, "threshold", 0, 1, |vm, a, _| {
    match a.first() {
        None => vm.new_int(THRESHOLD.load(Ordering::Relaxed) as i64),
        Some(&v) => {
            let n = vm.to_index(v)?;
            let n = if n < 0 { -1 } else { n / 16 * 16 };
            THRESHOLD.store(n, Ordering::Relaxed);
            Ok(Value::NONE)
        }
    }
});

static GC_ATTRS: &[(Qstr, Attr)] = &[
    (q::COLLECT, Attr::Fn(&COLLECT)),
    (q::ENABLE, Attr::Fn(&ENABLE)),
    (q::DISABLE, Attr::Fn(&DISABLE)),
    (q::ISENABLED, Attr::Fn(&ISENABLED)),
    (q::MEM_FREE, Attr::Fn(&MEM_FREE)),
    (q::MEM_ALLOC, Attr::Fn(&MEM_ALLOC)),
    (q::THRESHOLD, Attr::Fn(&THRESHOLD_FN)),
];

/// The `gc` module.
pub static GC_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "gc",
    attrs: GC_ATTRS,
    init: None,
});
