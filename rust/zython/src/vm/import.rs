//! Running compiled code and the import system: builtin modules, .py and .mpy files on
//! `sys.path`, packages, relative imports.

#[cfg(feature = "compiler")]
use super::PyErr;
use super::{PyResult, Vm};
use crate::bytecode::{CompiledModule, Const};
use crate::obj::{Context, Function, Obj};
use crate::qstr::{q, Qstr};
use crate::statics::{ModuleDef, StaticObj};
use crate::types::exceptions as ex;
use crate::value::Value;
use crate::vm::code::Code;
use alloc::boxed::Box;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;

impl Vm {
    /// Turn a compiled module into a function object bound to `globals` (not yet run).
    pub fn load_compiled(&mut self, m: &CompiledModule, globals: Value) -> PyResult<Value> {
        // A module's tables are as big as its source says: made fallibly (MemoryError, not an
        // allocation failure), with room checked for the names' text and the small records.
        let (mut missing, mut text) = (0, 0);
        for s in &m.qstrs {
            if self.qstrs.lookup(s).is_none() {
                missing += 1;
                text += s.len() + 16;
            }
        }
        let need = text + m.qstrs.len() * 8 + crate::gc::HEADROOM;
        if crate::gc::short_of(need) {
            return Err(self.no_memory());
        }
        let r = self.qstrs.try_reserve(missing);
        self.mem(r)?;
        let mut qstrs: Vec<Qstr> = Vec::new();
        let r = qstrs.try_reserve_exact(m.qstrs.len());
        self.mem(r.map_err(|_| crate::gc::NoMemory))?;
        qstrs.extend(m.qstrs.iter().map(|s| self.qstrs.intern(s)));
        let base = self.roots.len();
        let mut consts = Vec::new();
        let r = consts.try_reserve_exact(m.consts.len());
        self.mem(r.map_err(|_| crate::gc::NoMemory))?;
        let r = (|| {
            for c in &m.consts {
                let v = self.make_const(c, 0)?;
                self.roots.push(v);
                consts.push(v);
            }
            let code = Code::from_raw(&m.root).map_err(|e| match e {
                crate::vm::code::BadCode::NO_MEMORY => self.no_memory(),
                e => self.value_error(e.0),
            })?;
            let ctx = self.alloc(Obj::Context(Box::new(Context {
                globals,
                qstrs: Rc::from(qstrs),
                consts: consts.into_boxed_slice(),
            })))?;
            self.alloc(Obj::Function(Box::new(Function {
                code,
                ctx,
                defaults: Value::NULL,
                kw_defaults: Value::NULL,
                closure: Box::new([]),
            })))
        })();
        self.roots.truncate(base);
        r
    }

    fn make_const(&mut self, c: &Const, depth: usize) -> PyResult<Value> {
        Ok(match c {
            Const::Str(s) => self.new_str(s)?,
            Const::Bytes(b) => self.new_bytes(b)?,
            Const::BigInt(s) => match s.parse::<crate::types::bigint::BigInt>() {
                Ok(b) => self.new_bigint(b)?,
                Err(_) => return Err(self.value_error("invalid int constant")),
            },
            Const::Float(f) => self.new_float(*f)?,
            Const::Complex(r, i) => self.new_complex(*r, *i)?,
            Const::Tuple(items) => {
                if depth > 32 {
                    return Err(self.value_error("constant nested too deeply"));
                }
                let base = self.roots.len();
                let mut vals = Vec::with_capacity(items.len());
                for it in items {
                    match self.make_const(it, depth + 1) {
                        Ok(v) => {
                            self.roots.push(v);
                            vals.push(v);
                        }
                        Err(e) => {
                            self.roots.truncate(base);
                            return Err(e);
                        }
                    }
                }
                self.roots.truncate(base);
                self.new_tuple(&vals)?
            }
            Const::Ellipsis => Value::ELLIPSIS,
            Const::None => Value::NONE,
            Const::False => Value::FALSE,
            Const::True => Value::TRUE,
        })
    }

    /// Run a compiled module in `globals`, returning the value of its code (None for files).
    pub fn exec_compiled(&mut self, m: CompiledModule, globals: Value) -> PyResult<Value> {
        let f = self.load_compiled(&m, globals)?;
        // The VM's own code objects are built: the compiler's copy goes before the code runs
        // (a main program may run for ever).
        drop(m);
        self.run_module_code(f)
    }

    /// Compile and run source text in `globals` (the REPL, `exec`, scripts).
    #[cfg(feature = "compiler")]
    pub fn exec_source(
        &mut self,
        src: &str,
        filename: &str,
        mode: crate::compile::Mode,
        globals: Value,
    ) -> PyResult<Value> {
        match self.compile_bounded(src, filename, mode) {
            Ok(cm) => {
                self.show_bytecode(&cm);
                self.exec_compiled(cm, globals)
            }
            Err(ce) => self.exec_source_fallback(ce, src, filename, mode, globals),
        }
    }

    /// `-v -v` (`Config::verbose` >= 2, feature `showbc`): print a compiled program's bytecode
    /// as MicroPython does, before it runs.
    #[cfg(feature = "compiler")]
    fn show_bytecode(&mut self, _m: &CompiledModule) {
        #[cfg(feature = "showbc")]
        if self.config.verbose >= 2 {
            let text = crate::bytecode::dis::showbc(_m);
            self.port.write(text.as_bytes());
        }
    }

    /// A compile of `src` failed with `ce`: when that was for lack of memory and `src` is a
    /// file, compile and run it a few statements at a time instead (each batch is its own
    /// module code in `globals`, and only one batch's tree and code exist at once). A first
    /// round compiles every batch and runs none, so that a syntax error anywhere still stops
    /// the file before any of it runs, as a whole-file compile would. Other errors are raised.
    #[cfg(feature = "compiler")]
    pub(crate) fn exec_source_fallback(
        &mut self,
        ce: crate::compile::CompileError,
        src: &str,
        filename: &str,
        mode: crate::compile::Mode,
        globals: Value,
    ) -> PyResult<Value> {
        use crate::compile::{compiler::compile_owned_with_limits, parser::FileChunks};
        /// Top-level statements per batch.
        const BATCH: usize = 1;
        if ce.kind != crate::compile::ErrorKind::NoMemory || mode != crate::compile::Mode::File {
            return Err(self.compile_error(&ce, filename));
        }
        let (limits, opt) = (self.compile_limits(), self.config.opt_level);
        for run in [false, true] {
            let mut chunks = FileChunks::new(src, limits);
            loop {
                let batch = match chunks.next_batch(BATCH) {
                    Ok(Some(m)) => m,
                    Ok(None) => break,
                    Err(ce) => return Err(self.compile_error(&ce, filename)),
                };
                if run && (self.heap.gc_wanted || !self.heap.has_room(self.heap.limit() / 2)) {
                    // Between two batches is a safe point, as inside them (callers have rooted
                    // what they hold, since the code run here may collect): the code objects
                    // of earlier batches are garbage now.
                    self.roots.push(globals);
                    self.collect();
                    self.roots.pop();
                }
                let cm = compile_owned_with_limits(batch, filename, mode, opt, limits);
                match cm {
                    Ok(cm) if run => {
                        self.exec_compiled(cm, globals)?;
                    }
                    Ok(_) => {}
                    Err(ce) => return Err(self.compile_error(&ce, filename)),
                }
            }
        }
        Ok(Value::NONE)
    }

    /// Compile source text, turning compile errors into SyntaxError exceptions.
    #[cfg(feature = "compiler")]
    pub fn compile(
        &mut self,
        src: &str,
        filename: &str,
        mode: crate::compile::Mode,
    ) -> PyResult<CompiledModule> {
        match self.compile_bounded(src, filename, mode) {
            Ok(m) => {
                self.show_bytecode(&m);
                Ok(m)
            }
            Err(ce) => Err(self.compile_error(&ce, filename)),
        }
    }

    /// Compile source text within what is left of the native stack budget: the parser and
    /// compiler recurse natively, so deep nesting on a small thread stack is a clean error,
    /// not an overflow. Every compile of source in the VM and the REPL goes through here.
    #[cfg(feature = "compiler")]
    pub fn compile_bounded(
        &self,
        src: &str,
        filename: &str,
        mode: crate::compile::Mode,
    ) -> Result<CompiledModule, crate::compile::CompileError> {
        let limits = self.compile_limits();
        let opt = self.config.opt_level;
        crate::compile::compiler::compile_source_with_limits(src, filename, mode, opt, limits)
    }

    /// The parser's and compiler's recursion bounds from here: what is left of the native
    /// stack budget.
    #[cfg(feature = "compiler")]
    fn compile_limits(&self) -> crate::compile::parser::Limits {
        // They check the budget once per nesting level, so one level's worth (about 2 KB:
        // brackets on x86-64, 1.4 KB on Cortex-M) is kept back.
        const LEVEL: usize = 2048;
        let used = self.stack_top.saturating_sub(super::stack_address());
        crate::compile::parser::Limits {
            max_depth: crate::compile::compiler::MAX_NESTING / 2,
            native_stack: self.config.native_stack.saturating_sub(used + LEVEL).max(1),
        }
    }

    /// The Python exception for a compile error.
    #[cfg(feature = "compiler")]
    pub fn compile_error(&mut self, ce: &crate::compile::CompileError, filename: &str) -> PyErr {
        use crate::compile::ErrorKind;
        let ty: &'static StaticObj = match ce.kind {
            ErrorKind::Indentation => &ex::INDENTATION_ERROR,
            ErrorKind::NotImplemented => &ex::NOT_IMPLEMENTED_ERROR,
            ErrorKind::Runtime => &ex::RUNTIME_ERROR,
            ErrorKind::Recursion => {
                return self.runtime_error("maximum recursion depth exceeded");
            }
            ErrorKind::NoMemory => return self.no_memory(),
            _ => &ex::SYNTAX_ERROR,
        };
        let e = self.new_exception(ty, &ce.msg);
        let file = self.intern(filename);
        self.add_traceback(e.0, file, ce.line, q::EMPTY);
        e
    }

    /// Make a module object named `name` with a fresh globals dict.
    pub fn new_module(&mut self, name: Qstr) -> PyResult<Value> {
        let g = self.new_dict()?;
        self.roots.push(g);
        let r = self
            .dict_set_str(g, q::__NAME__, Value::qstr(name))
            .and_then(|_| self.alloc(Obj::Module(name, g)));
        self.roots.pop();
        r
    }

    /// Create (or fetch) the module object for a builtin module definition.
    pub fn import_builtin_module(&mut self, def: &'static StaticObj) -> PyResult<Value> {
        let md: &ModuleDef = match def {
            StaticObj::Module(m) => m,
            _ => return Err(self.type_error("not a module")),
        };
        let name = self.qstrs.intern_static(md.name);
        let key = Value::qstr(name);
        let h = self.qstrs.hash(name);
        // Extensible builtins (which a file may replace) are not in sys.modules, as in
        // MicroPython: each import looks at sys.path again. Their instances are kept in
        // `extra_roots` under their name.
        let extensible = crate::modules::is_extensible(def);
        if !extensible {
            if let Some(m) = self.dict_get_qstr(self.modules, name) {
                return Ok(m);
            }
        }
        if let Some(p) = self.extra_roots.find_identical(h, key) {
            if let Some(e) = self.extra_roots.entry(p) {
                return Ok(e.value);
            }
        }
        let m = self.new_module(name)?;
        self.roots.push(m);
        let r = (|| {
            let g = match self.heap.get(m) {
                Some(Obj::Module(_, g)) => *g,
                _ => return Err(self.type_error("not a module")),
            };
            // Sized once: module namespaces of builtins are large and rarely grow.
            self.set_attrs(g, md.attrs)?;
            if let Some(init) = md.init {
                init(self, g)?;
            }
            if extensible {
                let r = self.extra_roots.push_new(h, key, m);
                return self.mem(r);
            }
            let modules = self.modules;
            self.dict_set(modules, key, m)
        })();
        self.roots.pop();
        r.map(|_| m)
    }

    /// IMPORT_NAME: through `builtins.__import__` when a program replaced it, as MicroPython
    /// does; else the import machinery directly.
    pub fn import_statement(
        &mut self,
        name: Qstr,
        fromlist: Value,
        level: Value,
        globals: Value,
    ) -> PyResult<Value> {
        let hook = self.dict_get_qstr(self.builtins, q::__IMPORT__);
        match hook {
            Some(f) if f != Value::from_static(&crate::builtins::functions::IMPORT) => {
                let args = [Value::qstr(name), globals, Value::NONE, fromlist, level];
                self.call(f, &args, &[])
            }
            _ => self.import_name(name, fromlist, level),
        }
    }

    /// Import `name` (dotted, maybe relative) and return the top package or, with a
    /// fromlist, the module itself.
    pub fn import_name(&mut self, name: Qstr, fromlist: Value, level: Value) -> PyResult<Value> {
        let globals = self
            .frames
            .last()
            .map(|f| f.globals)
            .unwrap_or(self.main_globals);
        self.import_name_in(name, fromlist, level, globals)
    }

    /// [`Vm::import_name`] with relative names resolved against module globals `globals`.
    pub fn import_name_in(
        &mut self,
        name: Qstr,
        fromlist: Value,
        level: Value,
        globals: Value,
    ) -> PyResult<Value> {
        let level = level.as_small_int().unwrap_or(0).max(0) as usize;
        let mut full = String::from(self.qstrs.str(name));
        // Without a fromlist the result is the first module named by `name` itself: for a
        // relative import that is below the package it is relative to (as in CPython).
        let mut top_at = 0;
        if level > 0 {
            let given = full.split('.').filter(|p| !p.is_empty()).count();
            full = self.resolve_relative(&full, level, globals)?;
            top_at = full.split('.').count() - given.max(1);
        }
        if full.is_empty() {
            return Err(self.new_exception(&ex::IMPORT_ERROR, "empty module name"));
        }
        let mut top = Value::NULL;
        let mut parent = Value::NULL;
        let mut so_far = String::new();
        for part in full.split('.') {
            if !so_far.is_empty() {
                so_far.push('.');
            }
            so_far.push_str(part);
            // A submodule becomes an attribute of its package only when first imported (the
            // package may have rebound that name since).
            let sq = self.intern(&so_far);
            let known = self.dict_get_qstr(self.modules, sq).is_some();
            let m = self.import_one(&so_far, parent)?;
            if !parent.is_null() && !known {
                let pq = self.intern(part);
                let _ = self.setattr(parent, pq, m);
            }
            if top_at == 0 {
                top = m;
            }
            top_at = top_at.wrapping_sub(1);
            parent = m;
            self.roots.push(m);
        }
        let has_fromlist = fromlist != Value::NONE
            && !fromlist.is_null()
            && self.truthy(fromlist).unwrap_or(false);
        // Keep roots balanced.
        let n = full.split('.').count();
        let new_len = self.roots.len().saturating_sub(n);
        self.roots.truncate(new_len);
        if has_fromlist {
            Ok(parent)
        } else {
            Ok(top)
        }
    }

    fn resolve_relative(&mut self, name: &str, level: usize, globals: Value) -> PyResult<String> {
        let name_of = |key| {
            self.dict_get_qstr(globals, key)
                .and_then(|v| self.str_data(v).map(String::from))
        };
        // A module run by `-m` is `__main__`; its real name is kept under `__main__`.
        let pkg_name = match name_of(q::__NAME__)
            .filter(|n| n != "__main__")
            .or_else(|| name_of(q::__MAIN__))
        {
            Some(s) => s,
            None => {
                return Err(self.new_exception(&ex::IMPORT_ERROR, "can't perform relative import"))
            }
        };
        let is_pkg = self.dict_get_qstr(globals, q::__PATH__).is_some();
        let mut parts: Vec<&str> = pkg_name.split('.').collect();
        let drop = if is_pkg { level - 1 } else { level };
        if drop > parts.len() || (drop == parts.len() && !is_pkg) || pkg_name == "__main__" {
            return Err(self.new_exception(&ex::IMPORT_ERROR, "can't perform relative import"));
        }
        parts.truncate(parts.len() - drop);
        let mut s = parts.join(".");
        if !name.is_empty() {
            if !s.is_empty() {
                s.push('.');
            }
            s.push_str(name);
        }
        Ok(s)
    }

    /// Import one module by full dotted name (its parent already imported as `parent`).
    fn import_one(&mut self, full: &str, parent: Value) -> PyResult<Value> {
        let fq = self.intern(full);
        // As in MicroPython, an empty sys.path forces builtins, even over loaded modules.
        let forced = parent.is_null() && self.sys_path_is_empty();
        if !forced {
            if let Some(m) = self.dict_get_qstr(self.modules, fq) {
                return Ok(m);
            }
        }
        // Builtins come first, except that a file may replace an extensible one (not under
        // its `u` alias).
        let builtin = if parent.is_null() {
            crate::modules::find(full, self.config.port_modules)
        } else {
            None
        };
        if let Some(def) = builtin {
            let alias = !matches!(def, StaticObj::Module(d) if d.name == full);
            if alias || !crate::modules::is_extensible(def) {
                return self.import_builtin_module(def);
            }
        }
        // Search directories: sys.path for top level, the parent's __path__ for submodules.
        let leaf = full.rsplit('.').next().unwrap_or(full);
        let dirs: Vec<String> = if parent.is_null() {
            self.sys_path()
        } else {
            match self.getattr_opt(parent, q::__PATH__)? {
                Some(p) => self
                    .str_data(p)
                    .map(|s| alloc::vec![String::from(s)])
                    .unwrap_or_default(),
                None => Vec::new(),
            }
        };
        for dir in dirs {
            let prefix = if dir.is_empty() || dir == "." {
                String::from(leaf)
            } else {
                format!("{}/{}", dir.trim_end_matches('/'), leaf)
            };
            // `.frozen/...` paths are looked up in the frozen table, as in MicroPython.
            if self.stat_import_path(&prefix) == 2 {
                let init_py = format!("{}/__init__.py", prefix);
                let init_mpy = format!("{}/__init__.mpy", prefix);
                let file = if self.stat_import_path(&init_py) == 1 {
                    Some(init_py)
                } else if self.stat_import_path(&init_mpy) == 1 {
                    Some(init_mpy)
                } else {
                    None
                };
                return self.load_module_file(fq, file.as_deref(), Some(&prefix));
            }
            let py = format!("{}.py", prefix);
            if self.stat_import_path(&py) == 1 {
                return self.load_module_file(fq, Some(&py), None);
            }
            let mpy = format!("{}.mpy", prefix);
            if self.stat_import_path(&mpy) == 1 {
                return self.load_module_file(fq, Some(&mpy), None);
            }
        }
        // An extensible builtin that no file on the path replaced.
        if let Some(def) = builtin {
            return self.import_builtin_module(def);
        }
        let msg = format!("no module named '{}'", full);
        Err(self.new_exception(&ex::IMPORT_ERROR, &msg))
    }

    /// sys.path as strings (a list or tuple of str).
    pub fn sys_path(&mut self) -> Vec<String> {
        let p = match self
            .dict_get_qstr(self.sys_dict, self.qstrs.lookup("path").unwrap_or(q::EMPTY))
        {
            Some(p) => p,
            None => return alloc::vec![String::new()],
        };
        let items: &[Value] = match self.heap.get(p) {
            Some(Obj::List(l)) => l,
            Some(Obj::Tuple(t)) => t,
            _ => &[],
        };
        items
            .iter()
            .filter_map(|&v| self.str_data(v).map(String::from))
            .collect()
    }

    /// Is sys.path set to an empty list or tuple?
    fn sys_path_is_empty(&self) -> bool {
        let path = self.qstrs.lookup("path").unwrap_or(q::EMPTY);
        match self
            .dict_get_qstr(self.sys_dict, path)
            .map(|p| self.heap.get(p))
        {
            Some(Some(Obj::List(l))) => l.is_empty(),
            Some(Some(Obj::Tuple(t))) => t.is_empty(),
            _ => false,
        }
    }

    /// Load a module from a .py or .mpy file (or a namespace package with no file).
    fn load_module_file(
        &mut self,
        name: Qstr,
        file: Option<&str>,
        pkg_path: Option<&str>,
    ) -> PyResult<Value> {
        let m = self.new_module(name)?;
        self.roots.push(m);
        let r = self.load_module_file_into(m, name, file, pkg_path);
        self.roots.pop();
        r.map(|_| m)
    }

    fn load_module_file_into(
        &mut self,
        m: Value,
        name: Qstr,
        file: Option<&str>,
        pkg_path: Option<&str>,
    ) -> PyResult<()> {
        let g = match self.heap.get(m) {
            Some(Obj::Module(_, g)) => *g,
            _ => return Err(self.type_error("not a module")),
        };
        if let Some(p) = pkg_path {
            let pv = self.new_str(p)?;
            self.dict_set_str(g, q::__PATH__, pv)?;
        }
        let modules = self.modules;
        self.dict_set(modules, Value::qstr(name), m)?;
        let file = match file {
            Some(f) => f,
            None => return Ok(()),
        };
        // A frozen module's __file__ is its path in the frozen tree (`pkg/__init__.py`), as
        // in MicroPython.
        let frozen = crate::modules::frozen::strip_prefix(file);
        let fv = self.new_str(frozen.unwrap_or(file))?;
        self.dict_set_str(g, q::__FILE__, fv)?;
        if let Err(e) = self.exec_path(file, g) {
            self.forget_module(name);
            return Err(e);
        }
        Ok(())
    }

    /// Run the module file at `path` in `globals`: a `.frozen/` path from the frozen table, a
    /// .mpy image or .py source from the port's files.
    fn exec_path(&mut self, path: &str, globals: Value) -> PyResult<Value> {
        if let Some(p) = crate::modules::frozen::strip_prefix(path) {
            return match crate::modules::frozen::find(self.config.frozen, p) {
                Some(fm) => {
                    let cm = crate::modules::frozen::load_frozen(self, fm)?;
                    self.exec_compiled(cm, globals)
                }
                None => Err(self.os_error(2)),
            };
        }
        let data = match self.fs_read(path)? {
            Some(d) => d,
            None => return Err(self.os_error(2)),
        };
        if path.ends_with(".mpy") {
            self.exec_mpy(data, globals)
        } else {
            self.exec_file_source(data, path, globals)
        }
    }

    fn forget_module(&mut self, name: Qstr) {
        let modules = self.modules;
        let key = Value::qstr(name);
        let h = self.qstrs.hash(name);
        if let Ok(Some(p)) = self.dict_find(modules, key, h) {
            if let Some(Obj::Dict(d)) = self.heap.get_mut(modules) {
                d.remove_at(p);
            }
        }
    }

    /// The contents of file `path`, through a filesystem mounted with `vfs` or the port's
    /// own (None when there is no such file).
    pub fn fs_read(&mut self, path: &str) -> PyResult<Option<alloc::vec::Vec<u8>>> {
        #[cfg(feature = "modules-full")]
        match crate::modules::vfs::resolve(self, path) {
            crate::modules::vfs::Place::Native => {}
            crate::modules::vfs::Place::Missing => return Ok(None),
            crate::modules::vfs::Place::User(fs, p) => {
                return crate::modules::vfs::read(self, fs, &p).map(Some)
            }
        }
        Ok(self.port.read_file(path))
    }

    /// What is at `path` (0 nothing, 1 a file, 2 a directory), through `vfs` mounts or
    /// the port's filesystem.
    pub fn fs_stat_kind(&mut self, path: &str) -> u8 {
        #[cfg(feature = "modules-full")]
        match crate::modules::vfs::resolve(self, path) {
            crate::modules::vfs::Place::Native => {}
            crate::modules::vfs::Place::Missing => return 0,
            crate::modules::vfs::Place::User(fs, p) => {
                return crate::modules::vfs::stat_kind(self, fs, &p)
            }
        }
        self.port.stat_kind(path)
    }

    /// Run .py source bytes in `globals`.
    pub fn exec_file_source(
        &mut self,
        data: Vec<u8>,
        file: &str,
        globals: Value,
    ) -> PyResult<Value> {
        #[cfg(feature = "compiler")]
        {
            let src = match core::str::from_utf8(&data) {
                Ok(s) => s,
                Err(_) => {
                    return Err(self.new_exception(&ex::SYNTAX_ERROR, "invalid UTF-8 in source"))
                }
            };
            match self.compile_bounded(src, file, crate::compile::Mode::File) {
                Ok(cm) => {
                    // The source text is not needed while the module runs.
                    drop(data);
                    self.exec_compiled(cm, globals)
                }
                Err(ce) => {
                    self.exec_source_fallback(ce, src, file, crate::compile::Mode::File, globals)
                }
            }
        }
        #[cfg(not(feature = "compiler"))]
        {
            let _ = (data, globals);
            let msg = format!(
                "can't import {}: this firmware has no compiler (use .mpy files)",
                file
            );
            Err(self.new_exception(&ex::IMPORT_ERROR, &msg))
        }
    }

    /// Run a .mpy file image in `globals`.
    pub fn exec_mpy(&mut self, data: Vec<u8>, globals: Value) -> PyResult<Value> {
        let cm = crate::modules::frozen::load_mpy(self, &data)?;
        drop(data);
        self.exec_compiled(cm, globals)
    }

    /// IMPORT_FROM: `from m import name`.
    pub fn import_from(&mut self, m: Value, name: Qstr) -> PyResult<Value> {
        if let Some(v) = self.getattr_opt(m, name)? {
            return Ok(v);
        }
        // A submodule not yet imported.
        if let Some(Obj::Module(mn, _)) = self.heap.get(m) {
            let full = format!("{}.{}", self.qstrs.str(*mn), self.qstrs.str(name));
            if let Ok(sub) = self.import_one(&full, m) {
                let _ = self.setattr(m, name, sub);
                return Ok(sub);
            }
        }
        let msg = format!("cannot import name {}", self.qstrs.str(name));
        Err(self.new_exception(&ex::IMPORT_ERROR, &msg))
    }

    /// IMPORT_STAR: copy a module's public names into `locals`. As in MicroPython, `__all__`
    /// (a tuple or list, looked up like any attribute) names what to copy; otherwise every name
    /// of the object's `__dict__` not starting with `_` (any object with a `__dict__` works).
    pub fn import_star(&mut self, m: Value, locals: Value) -> PyResult<()> {
        let all = match self.getattr_opt(m, q::__ALL__) {
            Ok(v) => v,
            Err(e) if self.exc_is(e.0, &ex::ATTRIBUTE_ERROR) => None,
            Err(e) => return Err(e),
        };
        if let Some(all) = all {
            let names: Vec<Value> = match self.heap.get(all) {
                Some(Obj::Tuple(t)) => t.to_vec(),
                Some(Obj::List(l)) => l.to_vec(),
                _ => return Err(self.type_error_for("object ", all, " isn't a tuple or list")),
            };
            let base = self.roots.len();
            self.roots.push(all);
            let r = (|| {
                for k in names {
                    let name = self.to_qstr(k)?;
                    let v = self.getattr(m, name)?;
                    self.dict_set(locals, Value::qstr(name), v)?;
                }
                Ok(())
            })();
            self.roots.truncate(base);
            return r;
        }
        let g = match self.heap.get(m) {
            Some(Obj::Module(_, g)) => *g,
            _ => self.getattr(m, q::__DICT__)?,
        };
        let pairs: Vec<(Value, Value)> = match self.dict_ref(g) {
            Some(d) => d.iter().map(|e| (e.key, e.value)).collect(),
            None => Vec::new(),
        };
        let base = self.roots.len();
        self.roots.push(g);
        let r = (|| {
            for (k, v) in pairs {
                if self.str_data(k).is_some_and(|s| !s.starts_with('_')) {
                    self.dict_set(locals, k, v)?;
                }
            }
            Ok(())
        })();
        self.roots.truncate(base);
        r
    }

    /// Run a script file as `__main__`.
    pub fn run_main_file(&mut self, path: &str) -> PyResult<()> {
        let data = match self.port.read_file(path) {
            Some(d) => d,
            // A file that is there but could not be read whole: no memory for it.
            None if self.port.stat_kind(path) == 1 => return Err(self.no_memory()),
            None => return Err(self.os_error(2)),
        };
        let g = self.main_globals;
        let fv = self.new_str(path)?;
        self.dict_set_str(g, q::__FILE__, fv)?;
        if path.ends_with(".mpy") {
            self.exec_mpy(data, g).map(|_| ())
        } else {
            self.exec_file_source(data, path, g).map(|_| ())
        }
    }

    /// `-m NAME`: import NAME as `__main__`. As in MicroPython, the parent packages of a
    /// dotted NAME are imported first, a package runs its `__main__` submodule, and the
    /// module's real name is kept in its globals under `__main__` for relative imports.
    pub fn run_main_module(&mut self, name: &str) -> PyResult<()> {
        if let Some((parent, _)) = name.rsplit_once('.') {
            let pq = self.intern(parent);
            self.import_name(pq, Value::NONE, Value::small_int(0))?;
        }
        let dirs = self.sys_path();
        let rel = name.replace('.', "/");
        for dir in dirs {
            let prefix = if dir.is_empty() || dir == "." {
                rel.clone()
            } else {
                format!("{}/{}", dir, rel)
            };
            let (base, real) = if self.stat_import_path(&prefix) == 2 {
                // A package: import it, then run its __main__.
                let nq = self.intern(name);
                self.import_name(nq, Value::NONE, Value::small_int(0))?;
                (format!("{}/__main__", prefix), format!("{}.__main__", name))
            } else {
                (prefix, String::from(name))
            };
            for ext in [".py", ".mpy"] {
                let p = format!("{}{}", base, ext);
                if self.stat_import_path(&p) == 1 {
                    let g = self.main_globals;
                    let file = crate::modules::frozen::strip_prefix(&p).unwrap_or(&p);
                    let fv = self.new_str(file)?;
                    self.dict_set_str(g, q::__FILE__, fv)?;
                    let rv = self.new_str(&real)?;
                    self.dict_set_str(g, q::__MAIN__, rv)?;
                    return self.exec_path(&p, g).map(|_| ());
                }
            }
            if base.ends_with("/__main__") {
                let msg = format!("no module named '{}'", real);
                return Err(self.new_exception(&ex::IMPORT_ERROR, &msg));
            }
        }
        let msg = format!("no module named '{}'", name);
        Err(self.new_exception(&ex::IMPORT_ERROR, &msg))
    }
}
