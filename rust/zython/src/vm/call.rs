//! Calling: argument binding for Python functions (MicroPython's rules and messages),
//! native calls, class instantiation, and generator creation and resumption.

use super::exec::Exit;
use super::frame::Frame;
use super::{PyErr, PyResult, Vm};
use crate::bytecode::op;
use crate::obj::{Function, GenState, Generator, Obj};
use crate::qstr::q;
use crate::statics::{StaticObj, VAR_ARGS};
use crate::types::{self, exceptions as ex, object};
use crate::value::Value;
use alloc::boxed::Box;
use alloc::format;
use alloc::rc::Rc;
use alloc::vec::Vec;

/// What resuming a generator produced.
#[derive(Debug, Clone, Copy)]
pub enum GenResult {
    /// It yielded a value.
    Yield(Value),
    /// It returned (StopIteration with this value).
    Return(Value),
}

impl Vm {
    /// Call any callable with positional and keyword arguments.
    pub fn call(&mut self, f: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
        if let Some(s) = f.as_static() {
            return self.call_static(s, f, args, kw);
        }
        match self.heap.get(f) {
            Some(Obj::Function(_)) => self.call_function(f, args, kw, Value::NULL),
            Some(Obj::BoundMethod(func, s)) => {
                let (func, s) = (*func, *s);
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(s);
                all.extend_from_slice(args);
                self.call(func, &all, kw)
            }
            Some(Obj::Class(_)) => self.call_class(f, args, kw),
            Some(Obj::StaticMethod(g)) | Some(Obj::ClassMethod(g)) => {
                let g = *g;
                self.call(g, args, kw)
            }
            Some(Obj::Instance(_)) | Some(Obj::Native(_)) => {
                let t = types::type_of(self, f);
                match self.lookup_class_attr(t, q::__CALL__) {
                    Some(c) => {
                        let mut all = Vec::with_capacity(args.len() + 1);
                        all.push(f);
                        all.extend_from_slice(args);
                        self.call(c, &all, kw)
                    }
                    None => Err(self.type_error_for("", f, " object isn't callable")),
                }
            }
            _ => Err(self.type_error_for("", f, " object isn't callable")),
        }
    }

    fn call_static(
        &mut self,
        s: &'static StaticObj,
        f: Value,
        args: &[Value],
        kw: &[(Value, Value)],
    ) -> PyResult<Value> {
        match s {
            StaticObj::Fn(bf) => {
                let n = args.len();
                if n < bf.min as usize || (bf.max != VAR_ARGS && n > bf.max as usize) {
                    let msg = if bf.min == bf.max {
                        format!(
                            "function takes {} positional arguments but {} were given",
                            bf.min, n
                        )
                    } else if n < bf.min as usize {
                        format!(
                            "function missing {} required positional arguments",
                            bf.min as usize - n
                        )
                    } else {
                        format!("function expected at most {} arguments, got {}", bf.max, n)
                    };
                    return Err(self.type_error(&msg));
                }
                if !kw.is_empty() && !bf.kw {
                    return Err(self.type_error("function doesn't take keyword arguments"));
                }
                self.enter_native()?;
                let r = (bf.f)(self, args, kw);
                self.native_depth -= 1;
                r
            }
            StaticObj::Type(td) => match td.make_new {
                Some(mk) => {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(f);
                    all.extend_from_slice(args);
                    self.enter_native()?;
                    let r = mk(self, &all, kw);
                    self.native_depth -= 1;
                    r
                }
                None => {
                    let msg = format!("cannot create '{}' instances", td.name);
                    Err(self.type_error(&msg))
                }
            },
            StaticObj::Module(_) => Err(self.type_error("'module' object isn't callable")),
        }
    }

    /// Count a native re-entry, failing cleanly before the native stack runs out.
    #[inline]
    pub fn enter_native(&mut self) -> PyResult<()> {
        let used = self.stack_top.saturating_sub(super::stack_address());
        if self.native_depth >= self.config.max_native_depth || used > self.config.native_stack {
            return Err(self.runtime_error("maximum recursion depth exceeded"));
        }
        self.native_depth += 1;
        Ok(())
    }

    fn call_class(&mut self, cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
        // A metaclass with __call__ takes over.
        let meta = match self.heap.get(cls) {
            Some(Obj::Class(c)) => c.meta,
            _ => Value::from_static(&object::TYPE),
        };
        if meta != Value::from_static(&object::TYPE) {
            if let Some(mc) = self.lookup_class_attr(meta, q::__CALL__) {
                if matches!(self.heap.get(mc), Some(Obj::Function(_))) {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(cls);
                    all.extend_from_slice(args);
                    return self.call(mc, &all, kw);
                }
            }
        }
        self.instantiate(cls, args, kw)
    }

    /// `type.__call__(cls, *args, **kw)`: `__new__` then `__init__`, ignoring the metaclass.
    pub fn instantiate(
        &mut self,
        cls: Value,
        args: &[Value],
        kw: &[(Value, Value)],
    ) -> PyResult<Value> {
        let init = self.lookup_class_attr(cls, q::__INIT__);
        let user_init = init.filter(|i| matches!(self.heap.get(*i), Some(Obj::Function(_))));
        let obj = match self.lookup_class_attr(cls, q::__NEW__) {
            Some(n) if n.as_static().is_none_or(|s| s.as_fn().is_none()) => {
                let func = match self.heap.get(n) {
                    Some(Obj::StaticMethod(g)) => *g,
                    _ => n,
                };
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(cls);
                all.extend_from_slice(args);
                let o = self.call(func, &all, kw)?;
                // __init__ runs only when __new__ returned an instance of cls.
                let ot = types::type_of(self, o);
                if !self.is_subclass(ot, cls) {
                    return Ok(o);
                }
                o
            }
            _ => self.new_instance(cls, args, kw, user_init.is_some())?,
        };
        if let Some(i) = user_init {
            self.roots.push(obj);
            let mut all = Vec::with_capacity(args.len() + 1);
            all.push(obj);
            all.extend_from_slice(args);
            let r = self.call(i, &all, kw);
            self.roots.pop();
            let r = r?;
            if r != Value::NONE {
                return Err(self.type_error("__init__() should return None"));
            }
            if let Some(Obj::Exception(e)) = self.heap.get_mut(obj) {
                e.incomplete = false;
            }
        }
        Ok(obj)
    }

    /// Call a Python function; `locals` is the namespace for class bodies (NULL otherwise).
    pub fn call_function(
        &mut self,
        f: Value,
        args: &[Value],
        kw: &[(Value, Value)],
        locals: Value,
    ) -> PyResult<Value> {
        let frame = self.prepare_frame(f, args, kw, locals)?;
        if frame.code.is_generator() {
            return self.make_generator(f, frame);
        }
        self.enter_native()?;
        let stop = self.frames.len();
        self.frames.push(frame);
        let r = self.run(stop);
        self.native_depth -= 1;
        match r {
            Ok(Exit::Return(v)) => Ok(v),
            Ok(Exit::Yield(_)) => Err(self.runtime_error("yield outside generator")),
            Err(e) => Err(e),
        }
    }

    /// Build a frame for `f` with its arguments bound, state allocated on the value stack.
    pub fn prepare_frame(
        &mut self,
        f: Value,
        args: &[Value],
        kw: &[(Value, Value)],
        locals: Value,
    ) -> PyResult<Frame> {
        let (code, ctx, defaults, kw_defaults, n_closure) = match self.heap.get(f) {
            Some(Obj::Function(func)) => {
                let Function {
                    code,
                    ctx,
                    defaults,
                    kw_defaults,
                    closure,
                } = &**func;
                (code.clone(), *ctx, *defaults, *kw_defaults, closure.len())
            }
            _ => return Err(self.type_error("not a function")),
        };
        if self.frames.len() >= self.config.max_frames {
            return Err(self.runtime_error("maximum recursion depth exceeded"));
        }
        let (globals, ctx_qstrs) = match self.heap.get(ctx) {
            Some(Obj::Context(c)) => (c.globals, c.qstrs.clone()),
            _ => return Err(self.type_error("function has no module context")),
        };
        let n_state = code.n_state as usize;
        let base = self.stack.len();
        // The value stack only grows (and is counted against the heap) when full.
        if self.stack.capacity() - base < n_state {
            if self.stack.try_reserve(n_state).is_err() {
                return Err(self.no_memory());
            }
            self.reserve_stack(n_state * core::mem::size_of::<Value>())?;
        }
        self.stack
            .extend(core::iter::repeat_n(Value::NULL, n_state));
        let simple = op::SCOPE_VARARGS | op::SCOPE_VARKEYWORDS | op::SCOPE_DEFKWARGS;
        if kw.is_empty()
            && code.scope_flags & simple == 0
            && n_closure + args.len() == code.n_pos_args as usize
            && code.n_kwonly_args == 0
            && code.n_pos_args as usize <= n_state
        {
            // Fast path: closed-over cells then exactly the positional parameters.
            if n_closure > 0 {
                let slots = self.stack.get_mut(base..base + n_state);
                if let (Some(Obj::Function(func)), Some(slots)) = (self.heap.get(f), slots) {
                    // Locals are stored last-first.
                    for (s, &c) in slots.iter_mut().rev().zip(func.closure.iter()) {
                        *s = c;
                    }
                }
            }
            for (i, &a) in args.iter().enumerate() {
                *self.sv_mut(base + n_state - 1 - (n_closure + i)) = a;
            }
        } else {
            let closure: Vec<Value> = match self.heap.get(f) {
                Some(Obj::Function(func)) => func.closure.to_vec(),
                _ => Vec::new(),
            };
            let r = self.bind_args(
                &code,
                &ctx_qstrs,
                base,
                &closure,
                args,
                kw,
                defaults,
                kw_defaults,
            );
            if let Err(e) = r {
                self.stack.truncate(base);
                return Err(e);
            }
        }
        // Locals captured by inner functions live in cells.
        for &c in code.cells.iter() {
            let slot = base + n_state - 1 - c as usize;
            let v = self.sv(slot);
            match self.alloc(Obj::Cell(v)) {
                Ok(cell) => *self.sv_mut(slot) = cell,
                Err(e) => {
                    self.stack.truncate(base);
                    return Err(e);
                }
            }
        }
        Ok(Frame {
            ip: code.bc_start as usize,
            op_ip: code.bc_start as usize,
            code,
            ctx,
            globals,
            qstrs: ctx_qstrs,
            locals: if locals.is_null() { globals } else { locals },
            base,
            sp: base,
            handlers: Vec::new(),
            gen: Value::NULL,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn bind_args(
        &mut self,
        code: &Rc<super::code::Code>,
        ctx_qstrs: &[crate::qstr::Qstr],
        base: usize,
        closure: &[Value],
        args: &[Value],
        kw: &[(Value, Value)],
        defaults: Value,
        kw_defaults: Value,
    ) -> PyResult<()> {
        let n_state = code.n_state as usize;
        let n_pos = code.n_pos_args as usize;
        let n_kwonly = code.n_kwonly_args as usize;
        let n_def = code.n_def_pos_args as usize;
        let flags = code.scope_flags;
        let local = |i: usize| base + n_state - 1 - i;
        let n_args = closure.len() + args.len();
        let arg = |i: usize| {
            if i < closure.len() {
                closure[i]
            } else {
                args[i - closure.len()]
            }
        };
        if n_pos + n_kwonly + 2 > n_state + 2 && n_pos + n_kwonly > n_state {
            return Err(self.runtime_error("bad code: too few state slots"));
        }
        let mut var_slot = n_pos + n_kwonly;
        let mut n_bind = n_args;
        if n_args > n_pos {
            if flags & op::SCOPE_VARARGS == 0 {
                return Err(self.pos_args_mismatch(code, n_pos, n_args));
            }
            let extra: Vec<Value> = (n_pos..n_args).map(arg).collect();
            let t = self.new_tuple(&extra)?;
            if var_slot < n_state {
                *self.sv_mut(local(var_slot)) = t;
            }
            var_slot += 1;
            n_bind = n_pos;
        } else {
            if flags & op::SCOPE_VARARGS != 0 {
                let t = self.new_tuple(&[])?;
                if var_slot < n_state {
                    *self.sv_mut(local(var_slot)) = t;
                }
                var_slot += 1;
            }
        }
        for i in 0..n_bind {
            *self.sv_mut(local(i)) = arg(i);
        }
        let def_items: Vec<Value> = match self.heap.get(defaults) {
            Some(Obj::Tuple(t)) => t.to_vec(),
            _ => Vec::new(),
        };
        if kw.is_empty() && flags & op::SCOPE_DEFKWARGS == 0 {
            if n_bind < n_pos {
                if n_bind + n_def < n_pos || def_items.len() < n_def {
                    return Err(self.pos_args_mismatch(code, n_pos - n_def, n_args));
                }
                for i in n_bind..n_pos {
                    *self.sv_mut(local(i)) = def_items[i - (n_pos - n_def)];
                }
            }
            if n_kwonly != 0 {
                return Err(self.type_error("function missing keyword-only argument"));
            }
            if flags & op::SCOPE_VARKEYWORDS != 0 && var_slot < n_state {
                let d = self.new_dict()?;
                *self.sv_mut(local(var_slot)) = d;
            }
            return Ok(());
        }
        // Keyword arguments.
        let mut kwdict = Value::NULL;
        if flags & op::SCOPE_VARKEYWORDS != 0 {
            kwdict = self.new_dict()?;
            if var_slot < n_state {
                *self.sv_mut(local(var_slot)) = kwdict;
            }
        }
        for &(name, value) in kw {
            let mut placed = false;
            for (j, &ai) in code.arg_names.iter().enumerate() {
                let aq = ctx_qstrs.get(ai as usize).copied();
                let matches = match (aq, name.as_qstr()) {
                    (Some(a), Some(n)) => a == n,
                    (Some(a), None) => self.str_data(name) == Some(self.qstrs.str(a)),
                    _ => false,
                };
                if matches {
                    if !self.sv(local(j)).is_null() {
                        let n = alloc::string::String::from(self.str_data(name).unwrap_or("?"));
                        return Err(self.type_error(&format!(
                            "function got multiple values for argument '{}'",
                            n
                        )));
                    }
                    *self.sv_mut(local(j)) = value;
                    placed = true;
                    break;
                }
            }
            if !placed {
                if kwdict.is_null() {
                    let n = alloc::string::String::from(self.str_data(name).unwrap_or("?"));
                    return Err(self.type_error(&format!("unexpected keyword argument '{}'", n)));
                }
                if self.dict_get(kwdict, name)?.is_some() {
                    let n = alloc::string::String::from(self.str_data(name).unwrap_or("?"));
                    return Err(self.type_error(&format!(
                        "function got multiple values for argument '{}'",
                        n
                    )));
                }
                self.dict_set(kwdict, name, value)?;
            }
        }
        // Positional defaults for what is still unbound.
        for i in (n_pos - n_def.min(n_pos))..n_pos {
            if self.sv(local(i)).is_null() {
                if let Some(&d) = def_items.get(i - (n_pos - n_def)) {
                    *self.sv_mut(local(i)) = d;
                }
            }
        }
        for i in 0..n_pos {
            if self.sv(local(i)).is_null() {
                return Err(self.type_error(&format!(
                    "function missing required positional argument #{}",
                    i + 1
                )));
            }
        }
        for i in 0..n_kwonly {
            let slot = local(n_pos + i);
            if self.sv(slot).is_null() {
                let name_q = code
                    .arg_names
                    .get(n_pos + i)
                    .and_then(|&ai| ctx_qstrs.get(ai as usize).copied());
                let found = match (name_q, kw_defaults.is_null()) {
                    (Some(nq), false) => self.dict_get_qstr(kw_defaults, nq),
                    _ => None,
                };
                match found {
                    Some(v) => *self.sv_mut(slot) = v,
                    None => {
                        let n = alloc::string::String::from(
                            name_q.map(|x| self.qstrs.str(x)).unwrap_or("?"),
                        );
                        return Err(self.type_error(&format!(
                            "function missing required keyword argument '{}'",
                            n
                        )));
                    }
                }
            }
        }
        Ok(())
    }

    fn pos_args_mismatch(
        &mut self,
        _code: &super::code::Code,
        expected: usize,
        given: usize,
    ) -> PyErr {
        let msg = format!(
            "function takes {} positional arguments but {} were given",
            expected, given
        );
        self.type_error(&msg)
    }

    fn make_generator(&mut self, f: Value, mut frame: Frame) -> PyResult<Value> {
        let _ = f;
        let base = frame.base;
        let state: Vec<Value> = self.stack[base..].to_vec();
        self.stack.truncate(base);
        frame.base = 0;
        frame.sp = 0;
        let g = self.alloc(Obj::Generator(Box::new(Generator {
            frame: Some(frame),
            stack: state,
            state: GenState::Created,
            is_coroutine: false,
            pending: Value::NONE,
        })))?;
        if let Some(Obj::Generator(gen)) = self.heap.get_mut(g) {
            if let Some(fr) = gen.frame.as_mut() {
                fr.gen = g;
            }
        }
        Ok(g)
    }

    /// Resume generator `g`, sending `send` (or throwing `throw` when not NULL).
    pub fn gen_resume(&mut self, g: Value, send: Value, throw: Value) -> PyResult<GenResult> {
        let mut throw = throw;
        let (state, mut frame, mut saved) = match self.heap.get_mut(g) {
            Some(Obj::Generator(gen)) => {
                let st = gen.state;
                if st == GenState::Running {
                    return Err(self.value_error("generator already executing"));
                }
                if st == GenState::Finished {
                    if !throw.is_null() {
                        return Err(PyErr(self.make_raise_obj(throw)?));
                    }
                    return Ok(GenResult::Return(Value::NONE));
                }
                let fr = match gen.frame.take() {
                    Some(f) => f,
                    None => return Ok(GenResult::Return(Value::NONE)),
                };
                gen.state = GenState::Running;
                // An exception set by pend_throw() replaces what is sent or thrown.
                if gen.pending != Value::NONE {
                    throw = core::mem::replace(&mut gen.pending, Value::NONE);
                }
                (st, fr, core::mem::take(&mut gen.stack))
            }
            _ => return Err(self.type_error("not a generator")),
        };
        if state == GenState::Created && throw.is_null() && send != Value::NONE {
            self.gen_restore(g, frame, saved, GenState::Created);
            return Err(self.type_error("can't send non-None value to a just-started generator"));
        }
        if let Err(e) = self.enter_native() {
            self.gen_restore(g, frame, saved, state);
            return Err(e);
        }
        let base = self.stack.len();
        let rel_sp = frame.sp;
        if self.stack.capacity() - base < saved.len() + 1
            && self.stack.try_reserve(saved.len() + 1).is_err()
        {
            self.native_depth -= 1;
            self.gen_restore(g, frame, saved, state);
            return Err(self.no_memory());
        }
        self.stack.extend_from_slice(&saved);
        // The buffer is kept (emptied) to save the state into at the next yield: a
        // generator's state has a fixed size, so yielding allocates nothing.
        saved.clear();
        frame.base = base;
        frame.sp = base + rel_sp;
        for h in frame.handlers.iter_mut() {
            h.sp += base;
        }
        if state != GenState::Created {
            // The value of the `yield` expression.
            if let Some(slot) = self.stack.get_mut(frame.sp) {
                *slot = send;
                frame.sp += 1;
            }
        }
        let stop = self.frames.len();
        self.frames.push(frame);
        self.inject = throw;
        let roots = self.roots.len();
        self.roots.push(throw);
        let r = self.run(stop);
        self.roots.truncate(roots);
        self.inject = Value::NULL;
        self.native_depth -= 1;
        match r {
            Ok(Exit::Yield(v)) => {
                // The frame is still on the frame stack: save it back into the generator.
                if let Some(mut fr) = self.frames.pop() {
                    let base = fr.base;
                    let live = self.stack.len().saturating_sub(base);
                    if saved.capacity() < live && saved.try_reserve(live).is_err() {
                        self.stack.truncate(base);
                        self.gen_finish(g);
                        return Err(self.no_memory());
                    }
                    saved.extend_from_slice(&self.stack[base..]);
                    self.stack.truncate(base);
                    fr.sp -= base;
                    for h in fr.handlers.iter_mut() {
                        h.sp -= base;
                    }
                    fr.base = 0;
                    self.gen_restore(g, fr, saved, GenState::Suspended);
                }
                Ok(GenResult::Yield(v))
            }
            Ok(Exit::Return(v)) => {
                self.gen_finish(g);
                Ok(GenResult::Return(v))
            }
            Err(e) => {
                self.gen_finish(g);
                if self.exc_is(e.0, &ex::STOP_ITERATION) {
                    return Err(self.runtime_error("generator raised StopIteration"));
                }
                Err(e)
            }
        }
    }

    fn gen_restore(&mut self, g: Value, frame: Frame, saved: Vec<Value>, state: GenState) {
        if let Some(Obj::Generator(gen)) = self.heap.get_mut(g) {
            gen.frame = Some(frame);
            gen.stack = saved;
            gen.state = state;
        }
    }

    fn gen_finish(&mut self, g: Value) {
        if let Some(Obj::Generator(gen)) = self.heap.get_mut(g) {
            gen.frame = None;
            gen.stack = Vec::new();
            gen.state = GenState::Finished;
        }
    }

    /// next(generator) for the iteration protocol: `Ok(None)` when it returns.
    pub fn gen_next(&mut self, g: Value) -> PyResult<Option<Value>> {
        match self.gen_resume(g, Value::NONE, Value::NULL)? {
            GenResult::Yield(v) => Ok(Some(v)),
            GenResult::Return(_) => Ok(None),
        }
    }

    /// Run a module's top-level code: `root` with `globals` as globals and locals.
    pub fn run_module_code(&mut self, func: Value) -> PyResult<Value> {
        self.call_function(func, &[], &[], Value::NULL)
    }
}
