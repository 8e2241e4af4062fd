//! The `heapq` module: heappush, heappop, heapify on a list (a min-heap ordered by `<`).
//!
//! Comparisons may run Python code, so the item being moved is kept on the root stack and
//! every list access is bounds-checked (a `__lt__` may change the list under us).

use crate::bytecode::op;
use crate::modules::native;
use crate::native_fn;
use crate::obj::Obj;
use crate::statics::{ModuleDef, StaticObj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

fn list_len(vm: &mut Vm, l: Value) -> PyResult<usize> {
    match vm.heap.get(l) {
        Some(Obj::List(v)) => Ok(v.len()),
        _ => Err(vm.type_error("heap must be a list")),
    }
}

fn at(vm: &Vm, l: Value, i: usize) -> Value {
    match vm.heap.get(l) {
        Some(Obj::List(v)) => v.get(i).copied().unwrap_or(Value::NONE),
        _ => Value::NONE,
    }
}

fn put(vm: &mut Vm, l: Value, i: usize, x: Value) {
    if let Some(Obj::List(v)) = vm.heap.get_mut(l) {
        if let Some(slot) = v.get_mut(i) {
            *slot = x;
        }
    }
}

fn less(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    let r = vm.binary_op(op::BINARY_LESS, a, b)?;
    vm.truthy(r)
}

/// Move the item at `pos` up towards `start` while it is smaller than its parent.
fn sift_down(vm: &mut Vm, l: Value, start: usize, mut pos: usize) -> PyResult<()> {
    let item = at(vm, l, pos);
    let base = vm.roots.len();
    vm.roots.push(item);
    let r = (|| {
        while pos > start {
            let parent_pos = (pos - 1) >> 1;
            let parent = at(vm, l, parent_pos);
            if less(vm, item, parent)? {
                put(vm, l, pos, parent);
                pos = parent_pos;
                continue;
            }
            break;
        }
        put(vm, l, pos, item);
        Ok(())
    })();
    vm.roots.truncate(base);
    r
}

/// Move the item at `pos` down to a leaf along the smaller children, then back up.
fn sift_up(vm: &mut Vm, l: Value, mut pos: usize) -> PyResult<()> {
    let end = list_len(vm, l)?;
    let start = pos;
    let item = at(vm, l, pos);
    let base = vm.roots.len();
    vm.roots.push(item);
    let r = (|| {
        let mut child = 2 * pos + 1;
        while child < end {
            let right = child + 1;
            if right < end {
                let (c, r) = (at(vm, l, child), at(vm, l, right));
                if !less(vm, c, r)? {
                    child = right;
                }
            }
            let c = at(vm, l, child);
            put(vm, l, pos, c);
            pos = child;
            child = 2 * pos + 1;
        }
        put(vm, l, pos, item);
        sift_down(vm, l, start, pos)
    })();
    vm.roots.truncate(base);
    r
}

native_fn!(HEAPPUSH, "heappush", 2, 2, |vm, a, _| {
    list_len(vm, a[0])?;
    vm.reserve(core::mem::size_of::<Value>())?;
    let n = match vm.heap.get_mut(a[0]) {
        Some(Obj::List(v)) => {
            if v.try_reserve(1).is_err() {
                None
            } else {
                v.push(a[1]);
                Some(v.len())
            }
        }
        _ => None,
    };
    let Some(n) = n else {
        return Err(vm.no_memory());
    };
    sift_down(vm, a[0], 0, n - 1)?;
    Ok(Value::NONE)
});
native_fn!(HEAPPOP, "heappop", 1, 1, |vm, a, _| {
    list_len(vm, a[0])?;
    let last = match vm.heap.get_mut(a[0]) {
        Some(Obj::List(v)) => v.pop(),
        _ => None,
    };
    let Some(last) = last else {
        return Err(vm.index_error("empty heap"));
    };
    if list_len(vm, a[0])? == 0 {
        return Ok(last);
    }
    let first = at(vm, a[0], 0);
    put(vm, a[0], 0, last);
    let base = vm.roots.len();
    vm.roots.push(first);
    let r = sift_up(vm, a[0], 0);
    vm.roots.truncate(base);
    r.map(|_| first)
});
native_fn!(HEAPIFY, "heapify", 1, 1, |vm, a, _| {
    let n = list_len(vm, a[0])?;
    for i in (0..n / 2).rev() {
        sift_up(vm, a[0], i)?;
    }
    Ok(Value::NONE)
});

static FUNCTIONS: &[&StaticObj] = &[&HEAPPUSH, &HEAPPOP, &HEAPIFY];

fn heapq_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    native::fill(vm, g, FUNCTIONS)
}

/// The `heapq` module.
pub static HEAPQ_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "heapq",
    attrs: &[],
    init: Some(heapq_init),
});
