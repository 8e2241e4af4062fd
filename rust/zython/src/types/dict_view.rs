//! `dict_keys`, `dict_values` and `dict_items`: live views of a dict that iterate, have a
//! length, support `in` and print as `dict_keys([...])`.

use crate::native_fn;
use crate::obj::{Iter, NativeObject, Obj};
use crate::qstr::q;
use crate::statics::{Attr, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;

/// A view of dict `dict`: keys (0), values (1) or items (2).
#[derive(Debug)]
pub struct DictView {
    /// The dict object viewed.
    pub dict: Value,
    /// 0 keys, 1 values, 2 items.
    pub kind: u8,
}

impl NativeObject for DictView {
    fn type_obj(&self) -> &'static StaticObj {
        match self.kind {
            0 => &DICT_KEYS_TYPE,
            1 => &DICT_VALUES_TYPE,
            _ => &DICT_ITEMS_TYPE,
        }
    }
    fn trace(&self, out: &mut dyn FnMut(Value)) {
        out(self.dict);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

static VIEW_ATTRS: &[(crate::qstr::Qstr, Attr)] = &[
    (q::__ITER__, Attr::Fn(&VIEW_ITER)),
    (q::__LEN__, Attr::Fn(&VIEW_LEN)),
    (q::__CONTAINS__, Attr::Fn(&VIEW_CONTAINS)),
    (q::__REPR__, Attr::Fn(&VIEW_REPR)),
];

/// Keys and items views are set-like, hence unhashable (`__hash__ = None`).
static SETLIKE_VIEW_ATTRS: &[(crate::qstr::Qstr, Attr)] = &[
    (q::__ITER__, Attr::Fn(&VIEW_ITER)),
    (q::__LEN__, Attr::Fn(&VIEW_LEN)),
    (q::__CONTAINS__, Attr::Fn(&VIEW_CONTAINS)),
    (q::__REPR__, Attr::Fn(&VIEW_REPR)),
    (q::__HASH__, Attr::None),
];

macro_rules! view_type {
    ($id:ident, $name:expr, $attrs:expr) => {
        #[doc = concat!("The builtin type `", $name, "`.")]
        pub static $id: StaticObj = StaticObj::Type(&TypeDef {
            name: $name,
            base: Some(&OBJECT),
            attrs: $attrs,
            make_new: None,
            attr_hook: None,
            subclassable: false,
        });
    };
}

view_type!(DICT_KEYS_TYPE, "dict_keys", SETLIKE_VIEW_ATTRS);
view_type!(DICT_VALUES_TYPE, "dict_values", VIEW_ATTRS);
view_type!(DICT_ITEMS_TYPE, "dict_items", SETLIKE_VIEW_ATTRS);

/// A new view of dict object `d`.
pub fn new_view(vm: &mut Vm, d: Value, kind: u8) -> PyResult<Value> {
    vm.alloc(Obj::Native(Box::new(DictView { dict: d, kind })))
}

fn parts(vm: &mut Vm, v: Value) -> PyResult<(Value, u8)> {
    if let Some(Obj::Native(n)) = vm.heap.get(v) {
        if let Some(dv) = n.as_any().downcast_ref::<DictView>() {
            return Ok((dv.dict, dv.kind));
        }
    }
    Err(vm.type_error("expected a dict view"))
}

native_fn!(VIEW_ITER, "__iter__", 1, 1, |vm, a, _| {
    let (dict, kind) = parts(vm, a[0])?;
    vm.alloc(Obj::Iter(Box::new(Iter::Dict { dict, pos: 0, kind })))
});
native_fn!(VIEW_LEN, "__len__", 1, 1, |vm, a, _| {
    let (dict, _) = parts(vm, a[0])?;
    let n = vm.dict_ref(dict).map(|d| d.len()).unwrap_or(0);
    vm.new_int(n as i64)
});
native_fn!(VIEW_CONTAINS, "__contains__", 2, 2, |vm, a, _| {
    let (dict, kind) = parts(vm, a[0])?;
    let x = a[1];
    let found = match kind {
        0 => vm.contains(dict, x)?,
        1 => {
            let vals: Vec<Value> = match vm.dict_ref(dict) {
                Some(d) => d.iter().map(|e| e.value).collect(),
                None => Vec::new(),
            };
            let base = vm.roots.len();
            vm.roots.extend_from_slice(&vals);
            let mut f = Ok(false);
            for v in vals {
                match vm.eq(v, x) {
                    Ok(false) => {}
                    r => {
                        f = r;
                        break;
                    }
                }
            }
            vm.roots.truncate(base);
            f?
        }
        _ => {
            let pair: Option<(Value, Value)> = match vm.heap.get(x) {
                Some(Obj::Tuple(t)) if t.len() == 2 => Some((t[0], t[1])),
                _ => None,
            };
            match pair {
                Some((k, v)) => match vm.dict_get(dict, k)? {
                    Some(w) => vm.eq(v, w)?,
                    None => false,
                },
                None => false,
            }
        }
    };
    Ok(Value::bool(found))
});
native_fn!(VIEW_REPR, "__repr__", 1, 1, |vm, a, _| {
    let (dict, kind) = parts(vm, a[0])?;
    let mut out = String::from(match kind {
        0 => "dict_keys([",
        1 => "dict_values([",
        _ => "dict_items([",
    });
    let mut pos = 0;
    let mut first = true;
    while let Some(e) = vm.dict_ref(dict).and_then(|d| d.next_from(pos)) {
        pos = e.0 + 1;
        if !first {
            out.push_str(", ");
        }
        first = false;
        // Printing may run Python code that removes the entry: keep its parts alive.
        vm.roots.push(e.1.key);
        vm.roots.push(e.1.value);
        let r = show_entry(vm, kind, e.1.key, e.1.value, &mut out);
        vm.roots.truncate(vm.roots.len().saturating_sub(2));
        r?;
    }
    out.push_str("])");
    vm.new_string(out)
});

/// Append the repr of one view entry: the key, the value, or `(key, value)`.
fn show_entry(vm: &mut Vm, kind: u8, key: Value, value: Value, out: &mut String) -> PyResult<()> {
    match kind {
        0 => vm.repr_into(key, out),
        1 => vm.repr_into(value, out),
        _ => {
            out.push('(');
            vm.repr_into(key, out)?;
            out.push_str(", ");
            vm.repr_into(value, out)?;
            out.push(')');
            Ok(())
        }
    }
}
