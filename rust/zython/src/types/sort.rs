//! Stable sorting of Python values (`list.sort`, `sorted`): a merge sort whose comparison
//! may run Python code and fail, so it never relies on a total order and never panics.

use crate::bytecode::op;
use crate::qstr::q;
use crate::types::args;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::vec::Vec;

/// Stable in-place insertion sort for the interpreter's own short lists (names for `dir()` and
/// completion): a few dozen bytes of code per use instead of core's sort machinery.
pub fn insertion_sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Sort `items` in place by `key` (None/NULL for identity), descending when `reverse`.
/// Every value involved is kept on `vm.roots` while Python comparisons run.
pub fn sort_values(vm: &mut Vm, items: &mut [Value], key: Value, reverse: bool) -> PyResult<()> {
    if items.len() < 2 {
        return Ok(());
    }
    let base = vm.roots.len();
    if vm.roots.try_reserve(items.len() * 2).is_err() {
        return Err(vm.no_memory());
    }
    vm.roots.extend_from_slice(items);
    let r = sort_rooted(vm, items, key, reverse);
    vm.roots.truncate(base);
    r
}

fn sort_rooted(vm: &mut Vm, items: &mut [Value], key: Value, reverse: bool) -> PyResult<()> {
    // Pairs (key, item); keys are computed first, in order, as CPython does.
    let mut pairs: Vec<(Value, Value)> = Vec::new();
    if pairs.try_reserve(items.len()).is_err() {
        return Err(vm.no_memory());
    }
    for &x in items.iter() {
        let k = if key.is_null() || key == Value::NONE {
            x
        } else {
            let k = vm.call(key, &[x], &[])?;
            vm.roots.push(k);
            k
        };
        pairs.push((k, x));
    }
    let mut tmp: Vec<(Value, Value)> = Vec::new();
    if tmp.try_reserve(pairs.len()).is_err() {
        return Err(vm.no_memory());
    }
    tmp.extend_from_slice(&pairs);
    // Bottom-up merge sort: runs of width w merged from `pairs` into `tmp`, then swapped.
    let n = pairs.len();
    let mut w = 1;
    while w < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + w).min(n);
            let hi = (lo + 2 * w).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                // Take from the right run only when it is strictly before the left item.
                let right_first = if reverse {
                    less(vm, pairs[i].0, pairs[j].0)?
                } else {
                    less(vm, pairs[j].0, pairs[i].0)?
                };
                if right_first {
                    tmp[k] = pairs[j];
                    j += 1;
                } else {
                    tmp[k] = pairs[i];
                    i += 1;
                }
                k += 1;
            }
            while i < mid {
                tmp[k] = pairs[i];
                i += 1;
                k += 1;
            }
            while j < hi {
                tmp[k] = pairs[j];
                j += 1;
                k += 1;
            }
            lo = hi;
        }
        core::mem::swap(&mut pairs, &mut tmp);
        w *= 2;
    }
    for (dst, (_, x)) in items.iter_mut().zip(pairs) {
        *dst = x;
    }
    Ok(())
}

/// `a < b` as a bool.
pub fn less(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
        return Ok(x < y);
    }
    let r = vm.binary_op(op::BINARY_LESS, a, b)?;
    vm.truthy(r)
}

/// Parse `key=` and `reverse=` keyword arguments (both keyword-only).
pub fn sort_kwargs(vm: &mut Vm, kw: &[(Value, Value)]) -> PyResult<(Value, bool)> {
    args::check_kw(vm, kw, &[q::KEY, q::REVERSE])?;
    let key = args::kwarg(vm, kw, q::KEY).unwrap_or(Value::NONE);
    let reverse = match args::kwarg(vm, kw, q::REVERSE) {
        Some(r) => vm.truthy(r)?,
        None => false,
    };
    Ok((key, reverse))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertion_sort_is_stable_and_ordered() {
        let mut v = [(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        insertion_sort_by(&mut v, |x, y| x.0 < y.0);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
    }
    use crate::port::Port;
    use crate::vm::Config;
    use alloc::boxed::Box;

    struct Quiet;
    impl Port for Quiet {
        fn write(&mut self, _bytes: &[u8]) {}
        fn read_byte(&mut self) -> Option<u8> {
            None
        }
        fn ticks_ms(&mut self) -> u64 {
            0
        }
        fn ticks_us(&mut self) -> u64 {
            0
        }
        fn sleep_ms(&mut self, _ms: u32) {}
    }

    fn ints(v: &[Value]) -> Vec<isize> {
        v.iter().map(|x| x.small_int_value()).collect()
    }

    #[test]
    fn sorts_and_is_stable_in_both_directions() {
        let mut vm = Vm::new(Box::new(Quiet), Config::default());
        let roots = vm.roots.len();
        let mut v: Vec<Value> = [5, 3, 9, 1, 3, 0, -2, 7, 3, 8, 6]
            .iter()
            .map(|&i| Value::small_int(i))
            .collect();
        sort_values(&mut vm, &mut v, Value::NONE, false).unwrap();
        assert_eq!(ints(&v), [-2, 0, 1, 3, 3, 3, 5, 6, 7, 8, 9]);
        sort_values(&mut vm, &mut v, Value::NONE, true).unwrap();
        assert_eq!(ints(&v), [9, 8, 7, 6, 5, 3, 3, 3, 1, 0, -2]);
        // Key = abs (the builtin): equal keys keep their original order.
        let abs = vm.load_builtin(q::ABS).unwrap();
        let mut w: Vec<Value> = [2, -1, 1, -2, 0]
            .iter()
            .map(|&i| Value::small_int(i))
            .collect();
        sort_values(&mut vm, &mut w, abs, false).unwrap();
        assert_eq!(ints(&w), [0, -1, 1, 2, -2]);
        sort_values(&mut vm, &mut w, abs, true).unwrap();
        assert_eq!(ints(&w), [2, -2, -1, 1, 0]);
        assert_eq!(vm.roots.len(), roots);
    }

    #[test]
    fn incomparable_items_raise_instead_of_panicking() {
        let mut vm = Vm::new(Box::new(Quiet), Config::default());
        let roots = vm.roots.len();
        let s = vm.new_str("a").unwrap();
        let mut v = alloc::vec![Value::small_int(1), s, Value::small_int(0)];
        assert!(sort_values(&mut vm, &mut v, Value::NONE, false).is_err());
        assert_eq!(vm.roots.len(), roots);
    }
}
