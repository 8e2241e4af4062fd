//! `tuple`.

use crate::native_fn;
use crate::obj::Obj;
use crate::qstr::q;
use crate::statics::{Attr, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::types::{args, list};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The builtin type `tuple`.
pub static TUPLE: StaticObj = StaticObj::Type(&TypeDef {
    name: "tuple",
    base: Some(&OBJECT),
    attrs: &[
        (q::INDEX, Attr::Fn(&TUPLE_INDEX)),
        (q::COUNT, Attr::Fn(&TUPLE_COUNT)),
        (q::__GETITEM__, Attr::Fn(&list::SEQ_GETITEM)),
        (q::__LEN__, Attr::Fn(&list::SEQ_LEN)),
        (q::__ITER__, Attr::Fn(&list::SEQ_ITER)),
        (q::__CONTAINS__, Attr::Fn(&list::SEQ_CONTAINS)),
    ],
    make_new: Some(tuple_make_new),
    attr_hook: None,
    subclassable: true,
});

native_fn!(TUPLE_INDEX, "index", 2, 4, |vm, a, _| {
    let t = this(vm, a[0])?;
    list::seq_index_method(vm, t, &a[1..])
});
native_fn!(TUPLE_COUNT, "count", 2, 2, |vm, a, _| {
    let t = this(vm, a[0])?;
    list::seq_count(vm, t, a[1])
});

fn this(vm: &mut Vm, v: Value) -> PyResult<Value> {
    args::expect(vm, v, "tuple", |o| matches!(o, Obj::Tuple(_)))
}

/// `tuple()` / `tuple(iterable)`.
fn tuple_make_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if !kw.is_empty() {
        return Err(vm.type_error("function doesn't take keyword arguments"));
    }
    match a.len() {
        1 => vm.new_tuple(&[]),
        2 => {
            if matches!(vm.heap.get(a[1]), Some(Obj::Tuple(_))) {
                return Ok(a[1]);
            }
            let items = vm.collect_iterable(a[1])?;
            vm.new_tuple_vec(items)
        }
        n => Err(vm.type_error(&alloc::format!(
            "function expected at most 1 arguments, got {}",
            n - 1
        ))),
    }
}
