//! Attribute access, method lookup, classes (creation, MRO, isinstance) and descriptors.

use super::{PyResult, Vm};
use crate::obj::{Class, Dict, Exception, Instance, Obj};
use crate::qstr::{q, Qstr};
use crate::statics::{find_attr, Attr, StaticObj};
use crate::types::{self, exceptions as ex, object};
use crate::value::Value;
use alloc::boxed::Box;
use alloc::format;
use alloc::vec::Vec;

/// A method found by `load_method`: call `func` with `self_` prepended (unless NULL).
#[derive(Debug, Clone, Copy)]
pub struct Method {
    /// The callable.
    pub func: Value,
    /// The bound object, or NULL for a plain callable.
    pub self_: Value,
}

impl Vm {
    /// Convert a static attribute table entry into a value.
    pub fn attr_value(&mut self, a: Attr) -> PyResult<Value> {
        Ok(match a {
            Attr::Fn(f) | Attr::Obj(f) => Value::from_static(f),
            Attr::ClassMethod(f) => {
                let fv = Value::from_static(f);
                self.alloc(Obj::ClassMethod(fv))?
            }
            Attr::StaticMethod(f) => {
                let fv = Value::from_static(f);
                self.alloc(Obj::StaticMethod(fv))?
            }
            Attr::Int(i) => self.new_int(i as i64)?,
            Attr::Float(f) => self.new_float(*f)?,
            Attr::Str(s) => self.new_str(s)?,
            Attr::None => Value::NONE,
        })
    }

    /// The method resolution order of a type value.
    pub fn mro(&self, t: Value) -> Vec<Value> {
        if let Some(Obj::Class(c)) = self.heap.get(t) {
            return c.mro.to_vec();
        }
        let mut out = Vec::new();
        let mut cur = t.as_static();
        while let Some(s) = cur {
            out.push(Value::from_static(s));
            cur = s.as_type().and_then(|td| td.base);
            if out.len() > 64 {
                break;
            }
        }
        out
    }

    /// Look `name` up along the MRO of type `t` (no descriptor processing).
    pub fn lookup_class_attr(&mut self, t: Value, name: Qstr) -> Option<Value> {
        // Method cache: (class, name) -> value, valid while no class namespace changed and
        // no collection ran (a freed class's handle may be reused).
        let slot = (t.bits() ^ (name.0 as usize).wrapping_mul(0x9e37_79b9))
            & (self.method_cache.len() - 1);
        let stamp = self.class_version;
        if let Some(&(ct, cn, cv, val)) = self.method_cache.get(slot) {
            if ct == t && cn == name && cv == stamp {
                return if val.is_null() { None } else { Some(val) };
            }
        }
        self.lookup_class_attr_miss(t, name, slot)
    }

    /// [`Vm::lookup_class_attr`] past a cache miss: kept out of line so that a hit saves
    /// and restores no registers.
    #[inline(never)]
    fn lookup_class_attr_miss(&mut self, t: Value, name: Qstr, slot: usize) -> Option<Value> {
        let stamp = self.class_version;
        let r = self.lookup_class_attr_uncached(t, name);
        if let Some(e) = self.method_cache.get_mut(slot) {
            *e = (t, name, stamp, r.unwrap_or(Value::NULL));
        }
        r
    }

    fn lookup_class_attr_uncached(&mut self, t: Value, name: Qstr) -> Option<Value> {
        let n = match self.heap.get(t) {
            Some(Obj::Class(c)) => c.mro.len(),
            _ => return self.static_type_attr(t, name),
        };
        let h = self.qstrs.hash(name);
        let key = Value::qstr(name);
        for i in 0..n {
            let k = match self.heap.get(t) {
                Some(Obj::Class(c)) => match c.mro.get(i) {
                    Some(&k) => k,
                    None => break,
                },
                _ => break,
            };
            if let Some(Obj::Class(kc)) = self.heap.get(k) {
                if let Some(p) = kc.dict.find_identical(h, key) {
                    return kc.dict.entry(p).map(|e| e.value);
                }
            } else if k == Value::from_static(&object::OBJECT) {
                continue;
            } else if let Some(v) = self.static_type_attr(k, name) {
                return Some(v);
            }
        }
        None
    }

    /// The attribute entry `name` of builtin type `t` or its bases, unconverted.
    fn static_type_raw_attr(&self, t: Value, name: Qstr) -> Option<Attr> {
        let mut cur = t.as_static();
        let from_object = t == Value::from_static(&object::OBJECT);
        for _ in 0..64 {
            let s = cur?;
            // As in static_type_attr: object's own entries only for object itself.
            if !from_object && core::ptr::eq(s, &object::OBJECT) {
                return None;
            }
            let td = s.as_type()?;
            if let Some(a) = find_attr(td.attrs, name) {
                return Some(a);
            }
            cur = td.base;
        }
        None
    }

    fn static_type_attr(&mut self, t: Value, name: Qstr) -> Option<Value> {
        let mut cur = t.as_static();
        let mut n = 0;
        // `object`'s own methods are seen only when looking at `object` itself (or through
        // super()), so they never shadow what later classes of an MRO define.
        let from_object = t == Value::from_static(&object::OBJECT);
        while let Some(s) = cur {
            if !from_object && core::ptr::eq(s, &object::OBJECT) {
                break;
            }
            let td = s.as_type()?;
            if let Some(a) = find_attr(td.attrs, name) {
                return self.attr_value(a).ok();
            }
            cur = td.base;
            n += 1;
            if n > 64 {
                break;
            }
        }
        None
    }

    /// `issubclass(t, base)` for type values.
    pub fn is_subclass(&self, t: Value, base: Value) -> bool {
        if t == base || base == Value::from_static(&object::OBJECT) {
            return true;
        }
        if let Some(Obj::Class(c)) = self.heap.get(t) {
            return c.mro.contains(&base)
                || (base.as_static().is_some()
                    && c.mro.iter().any(|&k| match k.as_static() {
                        Some(s) => base.as_static().is_some_and(|b| types::static_is_sub(s, b)),
                        None => false,
                    }));
        }
        match (t.as_static(), base.as_static()) {
            (Some(a), Some(b)) => types::static_is_sub(a, b),
            _ => false,
        }
    }

    /// `isinstance(v, t)` for a single type value.
    pub fn isinstance(&self, v: Value, t: Value) -> bool {
        let vt = types::type_of(self, v);
        if self.is_subclass(vt, t) {
            return true;
        }
        // bool is an int; a user instance of a list subclass is a list.
        if let Some(st) = types::static_type_of(self, v) {
            if let Some(b) = t.as_static() {
                if types::static_is_sub(st, b)
                    && !matches!(self.heap.get(v), Some(Obj::Instance(_)))
                {
                    return true;
                }
            }
        }
        false
    }

    /// `getattr(obj, name)`, raising AttributeError when missing.
    pub fn getattr(&mut self, obj: Value, name: Qstr) -> PyResult<Value> {
        match self.getattr_opt(obj, name)? {
            Some(v) => Ok(v),
            None => Err(self.no_attr_error(obj, name)),
        }
    }

    /// AttributeError for `obj.name`.
    pub fn no_attr_error(&mut self, obj: Value, name: Qstr) -> crate::vm::PyErr {
        let n = alloc::string::String::from(self.qstrs.str(name));
        if let Some(Obj::Module(m, _)) = self.heap.get(obj) {
            let msg = format!("module '{}' has no attribute '{}'", self.qstrs.str(*m), n);
            return self.attribute_error(&msg);
        }
        if self.is_class_like(obj) {
            let tn = alloc::string::String::from(types::type_name(self, obj));
            let msg = format!("type object '{}' has no attribute '{}'", tn, n);
            return self.attribute_error(&msg);
        }
        let t = types::type_of(self, obj);
        let msg = format!(
            "'{}' object has no attribute '{}'",
            types::type_name(self, t),
            n
        );
        self.attribute_error(&msg)
    }

    /// `obj.name` with descriptors applied; Ok(None) when there is no such attribute.
    pub fn getattr_opt(&mut self, obj: Value, name: Qstr) -> PyResult<Option<Value>> {
        match self.load_method_opt(obj, name)? {
            None => Ok(None),
            Some(m) if m.self_.is_null() => Ok(Some(m.func)),
            Some(m) => self.alloc(Obj::BoundMethod(m.func, m.self_)).map(Some),
        }
    }

    /// LOAD_ATTR's common case: `name` in the own namespace of instance `obj`. `None`: take
    /// the general path ([`Vm::getattr`]), which finds the same value first.
    #[inline]
    pub fn instance_attr_fast(&self, obj: Value, name: Qstr) -> Option<Value> {
        if !cfg!(feature = "fast-paths") {
            return None; // the general path does the same in less flash
        }
        match self.heap.get(obj) {
            Some(Obj::Instance(i)) => {
                let p = i
                    .dict
                    .find_identical(self.qstrs.hash(name), Value::qstr(name))?;
                Some(i.dict.entry(p).map_or(Value::NONE, |e| e.value))
            }
            _ => None,
        }
    }

    /// LOAD_METHOD's common case, as [`Vm::load_method_opt`] finds it: `name` in the own
    /// namespace of instance `obj`, or a Python function of its class (bound to `obj`).
    /// `None`: take the general path.
    #[inline]
    pub fn instance_method_fast(&mut self, obj: Value, name: Qstr) -> Option<Method> {
        if !cfg!(feature = "fast-paths") {
            return None; // the general path does the same in less flash
        }
        let t = match self.heap.get(obj) {
            Some(Obj::Instance(i)) => {
                if let Some(p) = i
                    .dict
                    .find_identical(self.qstrs.hash(name), Value::qstr(name))
                {
                    return Some(Method {
                        func: i.dict.entry(p).map_or(Value::NONE, |e| e.value),
                        self_: Value::NULL,
                    });
                }
                i.class
            }
            // Builtin containers and str: a method from the type's table, bound.
            Some(
                Obj::Str(_)
                | Obj::List(_)
                | Obj::Dict(_)
                | Obj::Tuple(_)
                | Obj::Set(_)
                | Obj::Bytes(_)
                | Obj::ByteArray(_),
            ) => return self.builtin_method_fast(obj, name),
            None if obj.is_qstr() => return self.builtin_method_fast(obj, name),
            _ => return None,
        };
        if name == q::__CLASS__ || name == q::__DICT__ {
            return None;
        }
        let found = self.lookup_class_attr(t, name)?;
        match self.heap.get(found) {
            Some(Obj::Function(_)) => Some(Method {
                func: found,
                self_: obj,
            }),
            _ => None,
        }
    }

    /// [`Vm::instance_method_fast`] for a str or builtin container: a builtin function
    /// found on its (builtin) type binds to `obj`, as [`Vm::load_method_opt`] binds it.
    fn builtin_method_fast(&mut self, obj: Value, name: Qstr) -> Option<Method> {
        let t = types::type_of(self, obj);
        let found = self.lookup_class_attr(t, name)?;
        match found.as_static() {
            Some(StaticObj::Fn(_)) => Some(Method {
                func: found,
                self_: obj,
            }),
            _ => None,
        }
    }

    /// Find `obj.name` as (callable, self) without making a bound-method object.
    pub fn load_method_opt(&mut self, obj: Value, name: Qstr) -> PyResult<Option<Method>> {
        let plain = |v: Value| {
            Ok(Some(Method {
                func: v,
                self_: Value::NULL,
            }))
        };
        // Instance namespace first.
        match self.heap.get(obj) {
            Some(Obj::Instance(i)) => {
                let h = self.qstrs.hash(name);
                if let Some(p) = i.dict.find_identical(h, Value::qstr(name)) {
                    let v = i.dict.entry(p).map(|e| e.value).unwrap_or(Value::NONE);
                    return plain(v);
                }
                if name == q::__CLASS__ {
                    return plain(i.class);
                }
                if name == q::__DICT__ {
                    let d = self.instance_dict_snapshot(obj)?;
                    return plain(d);
                }
            }
            Some(Obj::Exception(e)) => {
                let h = self.qstrs.hash(name);
                if let Some(p) = e.dict.find_identical(h, Value::qstr(name)) {
                    let v = e.dict.entry(p).map(|e| e.value).unwrap_or(Value::NONE);
                    return plain(v);
                }
                if name == q::__CLASS__ {
                    return plain(e.class);
                }
            }
            Some(Obj::Module(_, g)) => {
                let g = *g;
                if name == q::__DICT__ {
                    return plain(g);
                }
                if let Some(v) = self.dict_get_qstr(g, name) {
                    return plain(v);
                }
                // Module-level __getattr__ (PEP 562).
                if let Some(ga) = self.dict_get_qstr(g, q::__GETATTR__) {
                    let nv = Value::qstr(name);
                    return self.call(ga, &[nv], &[]).map(|v| {
                        Some(Method {
                            func: v,
                            self_: Value::NULL,
                        })
                    });
                }
                return Ok(None);
            }
            Some(Obj::Class(_)) => return self.class_getattr(obj, name),
            Some(Obj::Super(cls, o)) => {
                let (cls, o) = (*cls, *o);
                return self.super_lookup(cls, o, name).map(Some);
            }
            _ => {
                if let Some(StaticObj::Type(_)) = obj.as_static() {
                    // `int.from_bytes(...)`: bind class and static methods of builtin types
                    // directly, without allocating a classmethod wrapper.
                    match self.static_type_raw_attr(obj, name) {
                        Some(Attr::ClassMethod(f)) => {
                            return Ok(Some(Method {
                                func: Value::from_static(f),
                                self_: obj,
                            }))
                        }
                        Some(Attr::StaticMethod(f)) => return plain(Value::from_static(f)),
                        _ => {}
                    }
                    return self.class_getattr(obj, name);
                }
                if let Some(s @ StaticObj::Module(m)) = obj.as_static() {
                    // A builtin namespace reached as an attribute (`machine.Pin.board`) is
                    // made into a module object on first use; its attributes are that one's.
                    if m.init.is_some() {
                        let inst = self.import_builtin_module(s)?;
                        return self.load_method_opt(inst, name);
                    }
                    return Ok(None);
                }
            }
        }
        let t = types::type_of(self, obj);
        if let Some(found) = self.lookup_class_attr(t, name) {
            if self.builtin_fn_in_user_class(found, t) {
                return plain(found);
            }
            return self.bind_descriptor(found, obj, t).map(Some);
        }
        if name == q::__CLASS__ {
            return plain(t);
        }
        // Computed attributes of builtin types.
        let st = types::static_type_of(self, obj);
        let mut cur = st;
        while let Some(s) = cur {
            if let Some(td) = s.as_type() {
                if let Some(hook) = td.attr_hook {
                    if let Some(v) = hook(self, obj, name)? {
                        return plain(v);
                    }
                }
                cur = td.base;
            } else {
                break;
            }
        }
        if let Some(b) = self.native_base_value(obj) {
            if let Some(m) = self.load_method_opt(b, name)? {
                return Ok(Some(m));
            }
        }
        // __getattr__ fallback for user classes.
        if matches!(self.heap.get(obj), Some(Obj::Instance(_))) && name != q::__GETATTR__ {
            if let Some(ga) = self.lookup_class_attr(t, q::__GETATTR__) {
                let nv = Value::qstr(name);
                let r = self.call(ga, &[obj, nv], &[])?;
                return plain(r);
            }
        }
        if name == q::__NAME__ {
            if let Some(Obj::BoundMethod(f, _)) = self.heap.get(obj) {
                let f = *f;
                return self.load_method_opt(f, name);
            }
            if let Some(StaticObj::Fn(f)) = obj.as_static() {
                let s = self.new_str(f.name)?;
                return plain(s);
            }
            if let Some(Obj::Function(f)) = self.heap.get(obj) {
                let (ctx, idx) = (f.ctx, f.code.name);
                let s = alloc::string::String::from(self.code_name(ctx, idx));
                let v = self.new_string(s)?;
                return plain(v);
            }
        }
        Ok(None)
    }

    fn instance_dict_snapshot(&mut self, obj: Value) -> PyResult<Value> {
        // The namespace is exposed as a dict object sharing the same entries.
        let d = match self.heap.get(obj) {
            Some(Obj::Instance(i)) => i.dict.clone(),
            _ => Dict::new(),
        };
        self.alloc(Obj::Dict(Box::new(d)))
    }

    /// Whether `found`, an attribute of class `t`, is a builtin function stored in a user
    /// class's namespace: there it acts as a staticmethod (as in MicroPython), not a method,
    /// unless it is a method of a builtin type the class derives from (`app = list.append` in
    /// a list subclass binds, as in CPython). A builtin function that is no method of the
    /// class's builtin bases can only have come from a user namespace.
    fn builtin_fn_in_user_class(&self, found: Value, t: Value) -> bool {
        let Some(f @ StaticObj::Fn(bf)) = found.as_static() else {
            return false;
        };
        let Some(Obj::Class(c)) = self.heap.get(t) else {
            return false;
        };
        if bf.method {
            return false;
        }
        let object = Value::from_static(&object::OBJECT);
        let mut natives = c.mro.iter().copied().chain(core::iter::once(object));
        !natives.any(|k| {
            let mut ty = k.as_static();
            while let Some(td) = ty.and_then(|s| s.as_type()) {
                let hit = td
                    .attrs
                    .iter()
                    .any(|(_, a)| matches!(a, Attr::Fn(g) if core::ptr::eq(*g, f)));
                if hit {
                    return true;
                }
                ty = td.base;
            }
            false
        })
    }

    /// Store a static attribute table into dict `d` (sized once).
    pub fn set_attrs(&mut self, d: Value, attrs: &'static [(Qstr, Attr)]) -> PyResult<()> {
        if let Some(Obj::Dict(x)) = self.heap.get_mut(d) {
            let r = x.reserve(attrs.len() + 1);
            self.mem(r)?;
        }
        for &(k, a) in attrs {
            let v = self.attr_value(a)?;
            self.dict_set_str(d, k, v)?;
        }
        Ok(())
    }

    /// Apply the descriptor protocol to a class attribute found for instance `obj` of type `t`.
    fn bind_descriptor(&mut self, found: Value, obj: Value, t: Value) -> PyResult<Method> {
        match self.heap.get(found) {
            Some(Obj::Function(_)) => {
                return Ok(Method {
                    func: found,
                    self_: obj,
                })
            }
            Some(Obj::ClassMethod(f)) => return Ok(Method { func: *f, self_: t }),
            Some(Obj::StaticMethod(f)) => {
                return Ok(Method {
                    func: *f,
                    self_: Value::NULL,
                })
            }
            Some(Obj::Property(get, _, _)) => {
                let get = *get;
                if get.is_null() || get == Value::NONE {
                    return Err(self.attribute_error("unreadable attribute"));
                }
                let v = self.call(get, &[obj], &[])?;
                return Ok(Method {
                    func: v,
                    self_: Value::NULL,
                });
            }
            Some(Obj::Instance(_)) => {
                let dt = types::type_of(self, found);
                if let Some(g) = self.lookup_class_attr(dt, q::__GET__) {
                    let v = self.call(g, &[found, obj, t], &[])?;
                    return Ok(Method {
                        func: v,
                        self_: Value::NULL,
                    });
                }
            }
            _ => {}
        }
        if let Some(StaticObj::Fn(_)) = found.as_static() {
            return Ok(Method {
                func: found,
                self_: obj,
            });
        }
        Ok(Method {
            func: found,
            self_: Value::NULL,
        })
    }

    fn class_getattr(&mut self, cls: Value, name: Qstr) -> PyResult<Option<Method>> {
        let plain = |v: Value| {
            Ok(Some(Method {
                func: v,
                self_: Value::NULL,
            }))
        };
        if let Some(found) = self.lookup_class_attr(cls, name) {
            match self.heap.get(found) {
                Some(Obj::ClassMethod(f)) => {
                    return Ok(Some(Method {
                        func: *f,
                        self_: cls,
                    }))
                }
                Some(Obj::StaticMethod(f)) => return plain(*f),
                Some(Obj::Property(..)) => return plain(found),
                Some(Obj::Instance(_)) => {
                    let dt = types::type_of(self, found);
                    if let Some(g) = self.lookup_class_attr(dt, q::__GET__) {
                        let v = self.call(g, &[found, Value::NONE, cls], &[])?;
                        return plain(v);
                    }
                }
                _ => {}
            }
            return plain(found);
        }
        if name == q::__NAME__ || name == q::__QUALNAME__ {
            let n = alloc::string::String::from(types::type_name(self, cls));
            let v = self.new_string(n)?;
            return plain(v);
        }
        if name == q::__BASES__ {
            let bases: Vec<Value> = match self.heap.get(cls) {
                Some(Obj::Class(c)) if c.bases.is_empty() => {
                    alloc::vec![Value::from_static(&object::OBJECT)]
                }
                Some(Obj::Class(c)) => c.bases.to_vec(),
                _ => match cls
                    .as_static()
                    .and_then(|s| s.as_type())
                    .and_then(|t| t.base)
                {
                    Some(b) => alloc::vec![Value::from_static(b)],
                    None => Vec::new(),
                },
            };
            let v = self.new_tuple(&bases)?;
            return plain(v);
        }
        if name == q::__MRO__ {
            let m = self.mro(cls);
            let v = self.new_tuple(&m)?;
            return plain(v);
        }
        if name == q::__DICT__ {
            if let Some(Obj::Class(c)) = self.heap.get(cls) {
                let d = c.dict.clone();
                let v = self.alloc(Obj::Dict(Box::new(d)))?;
                return plain(v);
            }
            // A builtin type's own attribute table, as a read-only dict (as in MicroPython).
            if let Some(td) = cls.as_static().and_then(|s| s.as_type()) {
                // No Python code runs here, so no collection: `d` needs no rooting.
                let d = self.new_dict()?;
                self.set_attrs(d, td.attrs)?;
                if let Some(Obj::Dict(x)) = self.heap.get_mut(d) {
                    x.fixed = true;
                }
                return plain(d);
            }
        }
        if name == q::__CLASS__ {
            let t = types::type_of(self, cls);
            return plain(t);
        }
        // Metaclass attributes.
        if let Some(Obj::Class(c)) = self.heap.get(cls) {
            let meta = c.meta;
            if meta != Value::from_static(&object::TYPE) {
                if let Some(found) = self.lookup_class_attr(meta, name) {
                    return self.bind_descriptor(found, cls, meta).map(Some);
                }
            }
        }
        Ok(None)
    }

    /// `obj.name = value`.
    pub fn setattr(&mut self, obj: Value, name: Qstr, value: Value) -> PyResult<()> {
        let (t, user) = match self.heap.get(obj) {
            Some(Obj::Instance(i)) => (i.class, true),
            _ => (types::type_of(self, obj), false),
        };
        if user {
            // Data descriptors (property, __set__) and __setattr__ overrides.
            if let Some(found) = self.lookup_class_attr(t, name) {
                match self.heap.get(found) {
                    Some(Obj::Property(_, set, _)) => {
                        let set = *set;
                        if set.is_null() || set == Value::NONE {
                            return Err(self.attribute_error("can't set attribute"));
                        }
                        self.call(set, &[obj, value], &[])?;
                        return Ok(());
                    }
                    Some(Obj::Instance(_)) => {
                        let dt = types::type_of(self, found);
                        if let Some(s) = self.lookup_class_attr(dt, q::__SET__) {
                            self.call(s, &[found, obj, value], &[])?;
                            return Ok(());
                        }
                    }
                    _ => {}
                }
            }
            if let Some(sa) = self.lookup_class_attr(t, q::__SETATTR__) {
                if matches!(self.heap.get(sa), Some(Obj::Function(_))) {
                    let nv = Value::qstr(name);
                    self.call(sa, &[obj, nv, value], &[])?;
                    return Ok(());
                }
            }
            let h = self.qstrs.hash(name);
            if let Some(Obj::Instance(i)) = self.heap.get_mut(obj) {
                let r = ns_set(&mut i.dict, h, Value::qstr(name), value);
                return self.mem(r);
            }
        }
        // `exc.__traceback__ = None` empties the traceback, so a pre-made exception can be
        // raised again without allocating (as in MicroPython).
        if name == q::__TRACEBACK__ && value == Value::NONE {
            if let Some(Obj::Exception(e)) = self.heap.get_mut(obj) {
                e.traceback.clear();
                return Ok(());
            }
        }
        let h = self.qstrs.hash(name);
        let key = Value::qstr(name);
        if matches!(self.heap.get(obj), Some(Obj::Class(_))) {
            self.class_version = self.class_version.wrapping_add(1);
        }
        let r = match self.heap.get_mut(obj) {
            Some(Obj::Instance(i)) => ns_set(&mut i.dict, h, key, value),
            Some(Obj::Exception(e)) => ns_set(&mut e.dict, h, key, value),
            Some(Obj::Class(c)) => ns_set(&mut c.dict, h, key, value),
            Some(Obj::Module(mname, g)) => {
                let (mname, g) = (*mname, *g);
                // Builtin modules are read-only as in MicroPython, except `builtins` (programs
                // may override builtins) and the existing attributes of `sys` (sys.stdout...).
                let builtin = crate::modules::find(self.qstrs.str(mname), self.config.port_modules)
                    .is_some()
                    && self.dict_get_qstr(g, q::__FILE__).is_none()
                    && mname != q::BUILTINS;
                if builtin && (mname != q::SYS || self.dict_get_qstr(g, name).is_none()) {
                    return Err(self.no_attr_error(obj, name));
                }
                return self.dict_set(g, key, value);
            }
            Some(Obj::Function(_)) => {
                return Err(self.attribute_error("'function' object has no attribute"));
            }
            _ => {
                return Err(self.no_attr_error(obj, name));
            }
        };
        self.mem(r)
    }

    /// `del obj.name`.
    pub fn delattr(&mut self, obj: Value, name: Qstr) -> PyResult<()> {
        let t = types::type_of(self, obj);
        if matches!(self.heap.get(obj), Some(Obj::Instance(_))) {
            if let Some(found) = self.lookup_class_attr(t, name) {
                if let Some(Obj::Property(_, _, del)) = self.heap.get(found) {
                    let del = *del;
                    if del.is_null() || del == Value::NONE {
                        return Err(self.attribute_error("can't delete attribute"));
                    }
                    self.call(del, &[obj], &[])?;
                    return Ok(());
                }
                if matches!(self.heap.get(found), Some(Obj::Instance(_))) {
                    let dt = types::type_of(self, found);
                    if let Some(d) = self.lookup_class_attr(dt, q::__DELETE__) {
                        self.call(d, &[found, obj], &[])?;
                        return Ok(());
                    }
                }
            }
            if let Some(da) = self.lookup_class_attr(t, q::__DELATTR__) {
                if matches!(self.heap.get(da), Some(Obj::Function(_))) {
                    let nv = Value::qstr(name);
                    self.call(da, &[obj, nv], &[])?;
                    return Ok(());
                }
            }
        }
        let h = self.qstrs.hash(name);
        let key = Value::qstr(name);
        self.class_version = self.class_version.wrapping_add(1);
        let removed = match self.heap.get_mut(obj) {
            Some(Obj::Instance(i)) => ns_del(&mut i.dict, h, key),
            Some(Obj::Exception(e)) => ns_del(&mut e.dict, h, key),
            Some(Obj::Class(c)) => ns_del(&mut c.dict, h, key),
            Some(Obj::Module(_, g)) => {
                let g = *g;
                match self.dict_find(g, key, h)? {
                    Some(p) => {
                        if let Some(Obj::Dict(d)) = self.heap.get_mut(g) {
                            d.remove_at(p);
                        }
                        true
                    }
                    None => false,
                }
            }
            _ => false,
        };
        if removed {
            Ok(())
        } else {
            Err(self.no_attr_error(obj, name))
        }
    }

    /// Find `obj.name` for a call: (callable, self-or-NULL); AttributeError when missing.
    pub fn load_method(&mut self, obj: Value, name: Qstr) -> PyResult<Method> {
        match self.load_method_opt(obj, name)? {
            Some(m) => Ok(m),
            None => Err(self.no_attr_error(obj, name)),
        }
    }

    /// Call `obj.name(*args)`.
    pub fn call_method(&mut self, obj: Value, name: Qstr, args: &[Value]) -> PyResult<Value> {
        let m = self.load_method(obj, name)?;
        self.call_bound(m, args)
    }

    /// Call `obj.name(*args)` if the type defines `name` (not looking in the instance dict).
    pub fn call_method_opt(
        &mut self,
        obj: Value,
        name: Qstr,
        args: &[Value],
    ) -> PyResult<Option<Value>> {
        let t = types::type_of(self, obj);
        let found = match self.lookup_class_attr(t, name) {
            Some(f) => f,
            None => return Ok(None),
        };
        let m = if self.builtin_fn_in_user_class(found, t) {
            Method {
                func: found,
                self_: Value::NULL,
            }
        } else {
            self.bind_descriptor(found, obj, t)?
        };
        self.call_bound(m, args).map(Some)
    }

    /// Call a found method with its self.
    pub fn call_bound(&mut self, m: Method, args: &[Value]) -> PyResult<Value> {
        if m.self_.is_null() {
            return self.call(m.func, args, &[]);
        }
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(m.self_);
        all.extend_from_slice(args);
        self.call(m.func, &all, &[])
    }

    /// The `super()` lookup: `name` found after `cls` in the MRO of `self_`'s type.
    pub fn super_lookup(&mut self, cls: Value, obj: Value, name: Qstr) -> PyResult<Method> {
        // A class as `obj` means a classmethod's super(), unless `cls` is one of its
        // metaclasses (super() inside a metaclass method): then obj is a plain instance.
        let class_like = self.is_class_like(obj);
        if class_like && !self.mro(obj).contains(&cls) {
            let meta = types::type_of(self, obj);
            if self.mro(meta).contains(&cls) {
                return self.super_lookup_in(cls, obj, meta, name);
            }
        }
        let start_type = if class_like {
            obj
        } else {
            types::type_of(self, obj)
        };
        self.super_lookup_in(cls, obj, start_type, name)
    }

    fn super_lookup_in(
        &mut self,
        cls: Value,
        obj: Value,
        start_type: Value,
        name: Qstr,
    ) -> PyResult<Method> {
        let mro = self.mro(start_type);
        let on_class = start_type == obj;
        let pos = mro
            .iter()
            .position(|&k| k == cls)
            .map(|p| p + 1)
            .unwrap_or(mro.len());
        for &k in &mro[pos..] {
            let found = if let Some(Obj::Class(kc)) = self.heap.get(k) {
                let h = self.qstrs.hash(name);
                kc.dict
                    .find_identical(h, Value::qstr(name))
                    .and_then(|p| kc.dict.entry(p))
                    .map(|e| e.value)
            } else {
                self.static_type_attr(k, name)
            };
            if let Some(f) = found {
                if on_class {
                    return match self.heap.get(f) {
                        Some(Obj::ClassMethod(g)) => Ok(Method {
                            func: *g,
                            self_: obj,
                        }),
                        Some(Obj::StaticMethod(g)) => Ok(Method {
                            func: *g,
                            self_: Value::NULL,
                        }),
                        _ => Ok(Method {
                            func: f,
                            self_: Value::NULL,
                        }),
                    };
                }
                return self.bind_descriptor(f, obj, start_type);
            }
            // object.__init__ and friends accept the call and do nothing.
        }
        // Every MRO ends in object, whose methods are not in class MROs.
        let obj_t = Value::from_static(&object::OBJECT);
        if !mro.contains(&obj_t) {
            if let Some(f) = self.static_type_attr(obj_t, name) {
                if on_class {
                    return Ok(Method {
                        func: f,
                        self_: Value::NULL,
                    });
                }
                return self.bind_descriptor(f, obj, start_type);
            }
        }
        if name == q::__INIT__ {
            return Ok(Method {
                func: Value::from_static(&crate::builtins::OBJECT_INIT),
                self_: obj,
            });
        }
        if name == q::__NEW__ {
            return Ok(Method {
                func: Value::from_static(&crate::builtins::OBJECT_NEW),
                self_: Value::NULL,
            });
        }
        Err(self.attribute_error(&format!(
            "'super' object has no attribute '{}'",
            self.qstrs.str(name)
        )))
    }

    /// Create a class: `__build_class__(body, name, *bases, **kw)` after the body ran into `ns`.
    pub fn make_class(
        &mut self,
        name: Qstr,
        bases: &[Value],
        ns: Value,
        meta: Value,
    ) -> PyResult<Value> {
        let mut native_base: &'static StaticObj = &object::OBJECT;
        for &b in bases {
            if let Some(s) = b.as_static() {
                match s.as_type() {
                    Some(td) if td.subclassable => {
                        if core::ptr::eq(native_base, &object::OBJECT) {
                            native_base = s;
                        } else if !core::ptr::eq(s, &object::OBJECT)
                            && !core::ptr::eq(s, native_base)
                        {
                            return Err(
                                self.type_error("multiple bases have instance lay-out conflict")
                            );
                        }
                    }
                    _ => {
                        let msg = format!(
                            "type '{}' is not an acceptable base type",
                            types::type_name(self, b)
                        );
                        return Err(self.type_error(&msg));
                    }
                }
            } else if let Some(Obj::Class(c)) = self.heap.get(b) {
                if core::ptr::eq(native_base, &object::OBJECT) {
                    native_base = c.native_base;
                }
            } else {
                return Err(self.type_error("bases must be types"));
            }
        }
        let mro = self.compute_mro(bases);
        let mut dict = match self.heap.get(ns) {
            Some(Obj::Dict(d)) => (**d).clone(),
            _ => Dict::new(),
        };
        // `__new__` is implicitly a staticmethod.
        let h = self.qstrs.hash(q::__NEW__);
        if let Some(p) = dict.find_identical(h, Value::qstr(q::__NEW__)) {
            if let Some(f) = dict.entry(p).map(|e| e.value) {
                if matches!(self.heap.get(f), Some(Obj::Function(_))) {
                    let sm = self.alloc(Obj::StaticMethod(f))?;
                    dict.set_value_at(p, sm);
                }
            }
        }
        let cls = self.alloc(Obj::Class(Box::new(Class {
            name,
            bases: bases.into(),
            mro: Box::new([]),
            dict,
            native_base,
            meta,
        })))?;
        let mut full = Vec::with_capacity(mro.len() + 1);
        full.push(cls);
        full.extend(mro);
        if let Some(Obj::Class(c)) = self.heap.get_mut(cls) {
            c.mro = full.into_boxed_slice();
        }
        self.roots.push(cls);
        let r = self.class_created(cls, bases);
        self.roots.pop();
        r.map(|_| cls)
    }

    fn class_created(&mut self, cls: Value, bases: &[Value]) -> PyResult<()> {
        // __set_name__ on descriptors, then __init_subclass__ of the parent.
        let entries: Vec<(Value, Value)> = match self.heap.get(cls) {
            Some(Obj::Class(c)) => c.dict.iter().map(|e| (e.key, e.value)).collect(),
            _ => Vec::new(),
        };
        for (k, v) in entries {
            if matches!(self.heap.get(v), Some(Obj::Instance(_))) {
                if let Some(_r) = self.call_method_opt(v, q::__SET_NAME__, &[cls, k])? {}
            }
        }
        if let Some(&b) = bases.first() {
            if matches!(self.heap.get(b), Some(Obj::Class(_))) {
                if let Some(f) = self.lookup_class_attr(b, q::__INIT_SUBCLASS__) {
                    let func = match self.heap.get(f) {
                        Some(Obj::ClassMethod(g)) => *g,
                        _ => f,
                    };
                    self.call(func, &[cls], &[])?;
                }
            }
        }
        Ok(())
    }

    /// C3 linearisation of `bases` (falls back to depth-first order when inconsistent).
    fn compute_mro(&self, bases: &[Value]) -> Vec<Value> {
        let mut seqs: Vec<Vec<Value>> = bases.iter().map(|&b| self.mro(b)).collect();
        seqs.push(bases.to_vec());
        let mut out: Vec<Value> = Vec::new();
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                return out;
            }
            let mut pick = None;
            for s in &seqs {
                let cand = s[0];
                if !seqs.iter().any(|t| t[1..].contains(&cand)) {
                    pick = Some(cand);
                    break;
                }
            }
            match pick {
                Some(c) => {
                    out.push(c);
                    for s in seqs.iter_mut() {
                        if s.first() == Some(&c) {
                            s.remove(0);
                        }
                    }
                }
                None => {
                    // Inconsistent: depth-first, first occurrence wins.
                    let mut dfs = Vec::new();
                    for &b in bases {
                        for k in self.mro(b) {
                            if !dfs.contains(&k) {
                                dfs.push(k);
                            }
                        }
                    }
                    return dfs;
                }
            }
        }
    }

    /// Make a new instance of user class `cls` (before `__init__`).
    pub fn new_instance(
        &mut self,
        cls: Value,
        args: &[Value],
        kw: &[(Value, Value)],
        has_init: bool,
    ) -> PyResult<Value> {
        let native_base = match self.heap.get(cls) {
            Some(Obj::Class(c)) => c.native_base,
            _ => &object::OBJECT,
        };
        if types::static_is_sub(native_base, &ex::BASE_EXCEPTION) {
            let t = self.new_tuple(args)?;
            let mut e = Exception::new(cls, t);
            e.incomplete = has_init;
            return self.alloc(Obj::Exception(e));
        }
        let mut base = Value::NULL;
        if !core::ptr::eq(native_base, &object::OBJECT) {
            if let Some(mk) = native_base.as_type().and_then(|t| t.make_new) {
                let tv = Value::from_static(native_base);
                let mut a = Vec::with_capacity(args.len() + 1);
                a.push(tv);
                // Mutable builtins are filled by __init__; immutable ones only at creation.
                let mutable = [
                    &types::list::LIST,
                    &types::dict::DICT,
                    &types::dict::SET,
                    &types::bytes::BYTEARRAY,
                ]
                .iter()
                .any(|t| core::ptr::eq(*t, native_base))
                    // Builtin types with an __init__ (framebuf.FrameBuffer) are set up by it.
                    || native_base
                        .as_type()
                        .is_some_and(|t| t.attrs.iter().any(|(k, _)| *k == q::__INIT__));
                if !has_init || !mutable {
                    a.extend_from_slice(args);
                    base = mk(self, &a, kw)?;
                } else {
                    base = mk(self, &a, &[])?;
                }
            }
        }
        self.alloc(Obj::Instance(Box::new(Instance {
            class: cls,
            dict: Dict::new(),
            base,
        })))
    }
}

impl Vm {
    /// Attribute names of `obj` (instance namespace, class MRO, builtin type tables, module
    /// globals), unsorted, for `dir()` and tab completion.
    pub fn dir_names(&mut self, obj: Value) -> Vec<alloc::string::String> {
        let mut keys: Vec<Value> = Vec::new();
        let mut statics: Vec<&'static StaticObj> = Vec::new();
        match self.heap.get(obj) {
            Some(Obj::Module(_, g)) => {
                if let Some(d) = self.dict_ref(*g) {
                    keys.extend(d.iter().map(|e| e.key));
                }
            }
            Some(Obj::Instance(i)) => keys.extend(i.dict.iter().map(|e| e.key)),
            Some(Obj::Exception(e)) => keys.extend(e.dict.iter().map(|e| e.key)),
            _ => {}
        }
        if let Some(StaticObj::Module(m)) = obj.as_static() {
            for (k, _) in m.attrs {
                keys.push(Value::qstr(*k));
            }
        }
        let t = if self.is_class_like(obj) {
            obj
        } else {
            types::type_of(self, obj)
        };
        for k in self.mro(t) {
            match self.heap.get(k) {
                Some(Obj::Class(c)) => keys.extend(c.dict.iter().map(|e| e.key)),
                _ => {
                    if let Some(s) = k.as_static() {
                        statics.push(s);
                    }
                }
            }
        }
        let mut out: Vec<alloc::string::String> = keys
            .into_iter()
            .filter_map(|k| self.str_data(k).map(alloc::string::String::from))
            .collect();
        for s in statics {
            if let Some(td) = s.as_type() {
                for (k, _) in td.attrs {
                    out.push(alloc::string::String::from(self.qstrs.str(*k)));
                }
            }
        }
        out
    }
}

fn ns_set(d: &mut Dict, h: u32, key: Value, value: Value) -> Result<(), crate::gc::NoMemory> {
    match d.find_identical(h, key) {
        Some(p) => {
            d.set_value_at(p, value);
            Ok(())
        }
        None => d.push_new(h, key, value),
    }
}

fn ns_del(d: &mut Dict, h: u32, key: Value) -> bool {
    match d.find_identical(h, key) {
        Some(p) => d.remove_at(p).is_some(),
        None => false,
    }
}
