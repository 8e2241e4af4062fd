//! The virtual machine: global interpreter state (one root structure) and the helpers that
//! native code uses to make objects, raise exceptions and call back into Python.
//!
//! Submodules: `exec` (the bytecode dispatch loop), `call` (argument binding and calls),
//! `ops` (operators), `attr` (attribute lookup and classes), `iter` (iteration),
//! `exc` (exceptions and tracebacks), `convert` (str/repr/number conversion), `import`.

pub mod attr;
pub mod call;
pub mod code;
pub mod convert;
pub mod exc;
pub mod exec;
pub mod frame;
pub mod import;
pub mod iter;
pub mod ops;

use crate::gc::{Heap, NoMemory};
use crate::obj::{Dict, Obj, Str};
use crate::port::Port;
use crate::qstr::{hash_bytes, q, Qstr, QstrTable};
use crate::statics::StaticObj;
use crate::types;
use crate::value::Value;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use frame::Frame;

/// Most entries in the class-attribute (method) cache.
pub const METHOD_CACHE_SIZE: usize = 256;

/// Most entries in the name-lookup cache (a power of two).
pub const LOOKUP_CACHE_SIZE: usize = 512;

/// Entries of the lookup cache for a GC heap of `heap_size` bytes: a power of two, one per
/// 128 heap bytes between 32 and [`LOOKUP_CACHE_SIZE`], so a 16 KB board heap gets 1 KB of
/// caches instead of 8 KB (the method cache has half as many entries).
fn lookup_cache_entries(heap_size: usize) -> usize {
    (heap_size / 128)
        .next_power_of_two()
        .clamp(32, LOOKUP_CACHE_SIZE)
}

/// A raised Python exception (the exception instance).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PyErr(pub Value);

/// The result of anything that can raise.
pub type PyResult<T> = Result<T, PyErr>;

/// Interpreter settings chosen by the port at start-up.
#[derive(Debug, Clone)]
pub struct Config {
    /// GC heap size in bytes.
    pub heap_size: usize,
    /// Most nested Python calls before RuntimeError.
    pub max_frames: usize,
    /// Most nested native re-entries (native code calling Python calling native...).
    pub max_native_depth: u32,
    /// `-O` level (asserts are dropped at 1 and above).
    pub opt_level: u8,
    /// `sys.platform`.
    pub platform: &'static str,
    /// Bytes of native stack the interpreter may use below the point where it was created
    /// (native recursion beyond this raises RuntimeError instead of overflowing the stack).
    pub native_stack: usize,
    /// Frozen modules (importable through the `.frozen` entry of `sys.path`, which is in the
    /// default path when this is not empty); usually the `zython-frozen` crate's table.
    pub frozen: &'static [crate::modules::frozen::FrozenModule],
    /// Bytes the global allocator can still hand out, for ports whose Python heap shares one
    /// fixed arena with the interpreter's own tables (boards): the heap limit is lowered at
    /// start so that Python data always fits the arena (MemoryError, never an allocation panic).
    pub arena_free: Option<fn() -> usize>,
    /// MicroPython's `-v` count: from 2, each compiled program's bytecode is printed as its
    /// `-v -v` does (with the `showbc` feature).
    pub verbose: u8,
    /// Builtin modules the port adds (Zephyr's `zephyr`), found by import after the core's own.
    pub port_modules: &'static [&'static crate::statics::StaticObj],
}

impl Default for Config {
    fn default() -> Self {
        Config {
            heap_size: 8 << 20,
            max_frames: 1000,
            max_native_depth: 64,
            opt_level: 0,
            platform: "zython",
            native_stack: 1 << 20,
            frozen: &[],
            arena_free: None,
            verbose: 0,
            port_modules: &[],
        }
    }
}

/// The interpreter. All Python-visible state hangs off this one structure.
pub struct Vm {
    /// The object heap.
    pub heap: Heap,
    /// Interned names.
    pub qstrs: QstrTable,
    /// Value stack shared by all frames (locals and temporaries).
    pub stack: Vec<Value>,
    /// Active Python frames, innermost last.
    pub frames: Vec<Frame>,
    /// Values held by native code across calls back into Python (see `gc` invariants).
    pub roots: Vec<Value>,
    /// `sys.modules` (a dict).
    pub modules: Value,
    /// The `builtins` module's dict (for overrides and `__builtins__` lookups).
    pub builtins: Value,
    /// `__main__`'s globals.
    pub main_globals: Value,
    /// The exception currently being handled (for `sys.exc_info`) or NULL.
    pub cur_exc: Value,
    /// Pre-made MemoryError raised when nothing more can be allocated.
    pub memory_error: Value,
    /// A slice object reused by `x[a:b]` (get, set, del) on bytearray, memoryview and
    /// array, so those allocate nothing (MicroPython's stack slice); NULL while in use.
    pub slice_buf: Value,
    /// The emergency exception, its args tuple and message string: reused for exceptions
    /// made while the heap is locked or full (MicroPython's emergency exception object).
    pub emergency: [Value; 3],
    /// Bytes of `micropython.alloc_emergency_exception_buf`: room for an emergency
    /// exception's args and message (256 as on MicroPython's unix port).
    pub emergency_buf: usize,
    /// The `sys` module's dict (argv, path, stdout...).
    pub sys_dict: Value,
    /// Native re-entry depth.
    pub native_depth: u32,
    /// Settings.
    pub config: Config,
    /// The port: console, time, files.
    pub port: Box<dyn Port>,
    /// Extra named values native modules keep alive (e.g. the `micropython.schedule` queue).
    pub extra_roots: Dict,
    /// Exception to throw into the generator being resumed (NULL for none).
    pub inject: Value,
    /// The StopIteration a user `__next__` raised when an iteration ended (NULL if none), so
    /// that `next()` on a wrapping iterator (map, zip, enumerate) re-raises it with its value.
    pub last_stop: Value,
    /// Name-lookup cache: (instruction tag, entry position) hints for global/attribute loads.
    pub lookup_cache: Box<[(usize, u32)]>,
    /// Approximate native stack address where the interpreter started (see `Config::native_stack`).
    pub stack_top: usize,
    /// (class, name, class_version, value) cache of class attribute lookups.
    pub method_cache: Box<[(Value, Qstr, u32, Value)]>,
    /// Bumped whenever a class namespace changes or the heap is collected.
    pub class_version: u32,
    /// Turn "\n" into "\r\n" in Python output (serial consoles).
    pub crlf: bool,
    /// Print tracebacks on stdout instead of stderr (the raw REPL does).
    pub errors_to_stdout: bool,
}

/// The address of a local variable: where the native stack is now (it grows down on every
/// target we support).
#[inline(never)]
pub fn stack_address() -> usize {
    let probe = 0u8;
    core::hint::black_box(core::ptr::addr_of!(probe)) as usize
}

impl Vm {
    /// Record the current native stack position as the top the stack limit counts from
    /// (call on the thread that will run Python code).
    pub fn set_stack_top(&mut self) {
        self.stack_top = stack_address();
    }

    /// A fresh interpreter with the builtins loaded.
    pub fn new(port: Box<dyn Port>, config: Config) -> Vm {
        if let Some(free) = config.arena_free {
            // A fixed arena (a board's): the counting allocator refuses what would take the
            // last eighth of it (kept for the allocator's own overhead and fragmentation),
            // so fallible growth fails before the arena does, and the compiler's room checks
            // (`compile::check_room`) know where the end is.
            let f = free();
            crate::gc::set_arena(f - f / 8);
        }
        let cache = lookup_cache_entries(config.heap_size);
        let mut vm = Vm {
            heap: Heap::new(config.heap_size),
            qstrs: QstrTable::new(),
            stack: Vec::new(),
            frames: Vec::new(),
            roots: Vec::new(),
            modules: Value::NULL,
            builtins: Value::NULL,
            main_globals: Value::NULL,
            cur_exc: Value::NULL,
            memory_error: Value::NULL,
            slice_buf: Value::NULL,
            emergency: [Value::NULL; 3],
            emergency_buf: 256,
            sys_dict: Value::NULL,
            native_depth: 0,
            config,
            port,
            extra_roots: Dict::new(),
            inject: Value::NULL,
            last_stop: Value::NULL,
            lookup_cache: alloc::vec![(usize::MAX, 0); cache].into_boxed_slice(),
            stack_top: stack_address(),
            crlf: false,
            errors_to_stdout: false,
            method_cache: alloc::vec![
                (Value::NULL, q::EMPTY, u32::MAX, Value::NULL);
                cache / 2
            ]
            .into_boxed_slice(),
            class_version: 0,
        };
        vm.heap.set_baseline();
        // These cannot fail on a fresh heap of any sensible size; if they do, the VM reports
        // MemoryError on first use instead of panicking.
        vm.modules = vm
            .heap
            .alloc(Obj::Dict(Box::default()))
            .unwrap_or(Value::NULL);
        vm.main_globals = vm
            .heap
            .alloc(Obj::Dict(Box::default()))
            .unwrap_or(Value::NULL);
        vm.memory_error = exc::prealloc_memory_error(&mut vm);
        vm.slice_buf = vm
            .heap
            .alloc(Obj::Slice(Value::NONE, Value::NONE, Value::NONE))
            .unwrap_or(Value::NULL);
        vm.emergency = exc::prealloc_emergency(&mut vm);
        let _ = vm.init_builtins();
        if let Some(free) = vm.config.arena_free {
            // Fit Python data below the counting allocator's end (set above, an eighth short
            // of the arena), not the arena's own: `fit_arena` keeps its slack below that end,
            // where the interpreter's infallible bookkeeping still finds room.
            vm.heap.fit_arena(free().min(crate::gc::arena_free()));
        }
        vm
    }

    fn init_builtins(&mut self) -> PyResult<()> {
        let b = self.import_builtin_module(&types::builtins::BUILTINS_MODULE)?;
        if let Some(Obj::Module(_, g)) = self.heap.get(b) {
            self.builtins = *g;
        }
        let main = self.main_globals;
        self.dict_set_str(main, q::__NAME__, Value::qstr(q::__MAIN__))?;
        let m = self.alloc(Obj::Module(q::__MAIN__, main))?;
        let modules = self.modules;
        self.dict_set(modules, Value::qstr(q::__MAIN__), m)?;
        let sys = self.import_builtin_module(&crate::modules::sys::SYS_MODULE)?;
        if let Some(Obj::Module(_, g)) = self.heap.get(sys) {
            self.sys_dict = *g;
        }
        Ok(())
    }

    // ----- allocation -----

    /// Put an object in the heap, raising MemoryError when full.
    #[inline]
    pub fn alloc(&mut self, obj: Obj) -> PyResult<Value> {
        self.heap.alloc(obj).map_err(|_| PyErr(self.memory_error))
    }

    /// MemoryError as a PyErr.
    #[inline]
    pub fn no_memory(&self) -> PyErr {
        PyErr(self.memory_error)
    }

    /// MemoryError for a request too large to count (its size overflows): no size in the message.
    pub fn memory_error_unsized(&mut self) -> PyErr {
        self.heap.last_refused = 0;
        PyErr(self.memory_error)
    }

    /// Raise KeyboardInterrupt if Ctrl-C requested it (blocking waits call this when they end).
    pub fn check_interrupt(&mut self) -> PyResult<()> {
        if crate::interrupt::take() {
            return Err(self.new_exception(&crate::types::exceptions::KEYBOARD_INTERRUPT, ""));
        }
        Ok(())
    }

    /// Map an allocation failure to MemoryError.
    #[inline]
    pub fn mem<T>(&self, r: Result<T, NoMemory>) -> PyResult<T> {
        r.map_err(|_| PyErr(self.memory_error))
    }

    /// Check that `bytes` more may be allocated (raise MemoryError otherwise).
    #[inline]
    pub fn reserve(&mut self, bytes: usize) -> PyResult<()> {
        self.heap
            .reserve(bytes)
            .map_err(|_| PyErr(self.memory_error))
    }

    /// [`Vm::reserve`] for native code that may collect: when the heap is short (or a
    /// collection is due) it collects first, keeping `keep` alive on [`Vm::roots`]. Only for
    /// natives whose other live values are rooted (arguments are), like a safe point.
    pub fn reserve_collecting(&mut self, bytes: usize, keep: &[Value]) -> PyResult<()> {
        if self.heap.reserve(bytes).is_err() || self.heap.gc_wanted {
            let base = self.roots.len();
            self.roots.extend_from_slice(keep);
            self.collect();
            self.roots.truncate(base);
        }
        self.reserve(bytes)
    }

    /// Like [`Vm::reserve`] for the value stack of a new frame: allowed while the heap is
    /// locked (MicroPython's frames live on the C stack, so calls work under `heap_lock`).
    #[inline]
    pub fn reserve_stack(&mut self, bytes: usize) -> PyResult<()> {
        let locked = core::mem::replace(&mut self.heap.lock_depth, 0);
        let r = self.heap.reserve(bytes);
        self.heap.lock_depth = locked;
        r.map_err(|_| PyErr(self.memory_error))
    }

    /// Make room for `extra` more items in list `l`, counting the growth against the heap
    /// (MemoryError when full or locked).
    pub fn list_reserve(&mut self, l: Value, extra: usize) -> PyResult<()> {
        let (len, cap) = match self.heap.get(l) {
            Some(Obj::List(v)) => (v.len(), v.capacity()),
            _ => return Ok(()),
        };
        let need = len.saturating_add(extra);
        if need > cap {
            // Vec doubles; account for what it will really take.
            let new_cap = need.max(cap.saturating_mul(2)).max(4);
            self.reserve((new_cap - cap).saturating_mul(core::mem::size_of::<Value>()))?;
            let ok = match self.heap.get_mut(l) {
                Some(Obj::List(v)) => v.try_reserve(extra).is_ok(),
                _ => true,
            };
            if !ok {
                return Err(self.no_memory());
            }
        }
        Ok(())
    }

    /// Is `v` an empty str or bytes?
    pub fn len_is_zero(&self, v: Value) -> bool {
        self.str_data(v).map(str::is_empty).unwrap_or(false)
            || self.bytes_data(v).map(<[u8]>::is_empty).unwrap_or(false)
    }

    /// A new str (the empty string and already-interned names reuse the qstr).
    pub fn new_str(&mut self, s: &str) -> PyResult<Value> {
        if s.len() <= 32 {
            if let Some(qs) = self.qstrs.lookup(s) {
                return Ok(Value::qstr(qs));
            }
        }
        self.reserve(s.len())?;
        let hash = hash_bytes(s.as_bytes());
        self.alloc(Obj::Str(Str { s: s.into(), hash }))
    }

    /// A new str taking ownership of `s`.
    pub fn new_string(&mut self, s: String) -> PyResult<Value> {
        if s.len() <= 32 {
            if let Some(qs) = self.qstrs.lookup(&s) {
                return Ok(Value::qstr(qs));
            }
        }
        let hash = hash_bytes(s.as_bytes());
        self.alloc(Obj::Str(Str {
            s: s.into_boxed_str(),
            hash,
        }))
    }

    /// A new bytes object.
    pub fn new_bytes(&mut self, b: &[u8]) -> PyResult<Value> {
        self.reserve(b.len())?;
        self.alloc(Obj::Bytes(b.into()))
    }

    /// A new tuple.
    pub fn new_tuple(&mut self, items: &[Value]) -> PyResult<Value> {
        self.reserve(core::mem::size_of_val(items))?;
        self.alloc(Obj::Tuple(items.into()))
    }

    /// A new list owning `items`.
    pub fn new_list(&mut self, items: Vec<Value>) -> PyResult<Value> {
        self.alloc(Obj::List(items))
    }

    /// A new empty dict.
    pub fn new_dict(&mut self) -> PyResult<Value> {
        self.alloc(Obj::Dict(Box::default()))
    }

    /// A new float.
    #[inline]
    pub fn new_float(&mut self, f: f64) -> PyResult<Value> {
        self.alloc(Obj::Float(f))
    }

    /// An int from an i64 (small when it fits).
    #[inline]
    pub fn new_int(&mut self, i: i64) -> PyResult<Value> {
        match Value::try_small_int(i) {
            Some(v) => Ok(v),
            None => self.alloc(Obj::BigInt(Box::new(i.into()))),
        }
    }

    /// An int from a BigInt (small when it fits).
    pub fn new_bigint(&mut self, b: crate::types::bigint::BigInt) -> PyResult<Value> {
        use crate::types::bigint::ToPrimitive;
        if let Some(v) = b.to_i64().and_then(Value::try_small_int) {
            return Ok(v);
        }
        self.alloc(Obj::BigInt(Box::new(b)))
    }

    /// Intern a name.
    #[inline]
    pub fn intern(&mut self, s: &str) -> Qstr {
        self.qstrs.intern(s)
    }

    /// The text of a str value (qstr or heap str).
    #[inline]
    pub fn str_data(&self, v: Value) -> Option<&str> {
        if let Some(qs) = v.as_qstr() {
            return Some(self.qstrs.str(qs));
        }
        match self.heap.get(v)? {
            Obj::Str(s) => Some(&s.s),
            _ => None,
        }
    }

    /// The bytes of a bytes/bytearray value.
    pub fn bytes_data(&self, v: Value) -> Option<&[u8]> {
        match self.heap.get(v)? {
            Obj::Bytes(b) => Some(b),
            Obj::ByteArray(b) => Some(b),
            _ => None,
        }
    }

    /// Is `v` a str?
    #[inline]
    pub fn is_str(&self, v: Value) -> bool {
        v.is_qstr() || matches!(self.heap.get(v), Some(Obj::Str(_)))
    }

    /// A str value as a qstr, interning it if needed (attribute names from `getattr` etc.).
    pub fn to_qstr(&mut self, v: Value) -> PyResult<Qstr> {
        if let Some(qs) = v.as_qstr() {
            return Ok(qs);
        }
        let s = match self.heap.get(v) {
            Some(Obj::Str(s)) => String::from(&*s.s),
            _ => return Err(self.type_error("expected str")),
        };
        if s.len() > crate::qstr::MAX_NAME_LEN {
            return Err(self.new_exception(&types::exceptions::RUNTIME_ERROR, "name too long"));
        }
        Ok(self.intern(&s))
    }

    // ----- dict helpers (no Python-level equality needed for str/int keys) -----

    /// `d[key] = value` for a dict object.
    pub fn dict_set(&mut self, d: Value, key: Value, value: Value) -> PyResult<()> {
        let h = self.hash(key)?;
        let pos = self.dict_find(d, key, h)?;
        let r = match self.heap.get_mut(d) {
            Some(Obj::Dict(dict)) | Some(Obj::Set(dict)) | Some(Obj::FrozenSet(dict)) => {
                match pos {
                    Some(p) => {
                        dict.set_value_at(p, value);
                        Ok(())
                    }
                    None => dict.push_new(h, key, value),
                }
            }
            _ => return Err(self.type_error("expected dict")),
        };
        self.mem(r)
    }

    /// `d[name] = value` for a name key (identity fast path when all keys are names).
    #[inline]
    pub fn dict_set_str(&mut self, d: Value, name: Qstr, value: Value) -> PyResult<()> {
        let h = self.qstrs.hash(name);
        let key = Value::qstr(name);
        if let Some(Obj::Dict(dict)) = self.heap.get_mut(d) {
            if dict.all_qstr_keys() {
                let r = match dict.find_identical(h, key) {
                    Some(p) => {
                        dict.set_value_at(p, value);
                        Ok(())
                    }
                    None => dict.push_new(h, key, value),
                };
                return self.mem(r);
            }
        }
        self.dict_set(d, key, value)
    }

    /// `d.get(key)` for a dict object; Ok(None) when absent.
    pub fn dict_get(&mut self, d: Value, key: Value) -> PyResult<Option<Value>> {
        let h = self.hash(key)?;
        let pos = self.dict_find(d, key, h)?;
        Ok(pos.and_then(|p| {
            self.dict_ref(d)
                .and_then(|dict| dict.entry(p))
                .map(|e| e.value)
        }))
    }

    /// Fast lookup of a name in a dict object (no hashing of the key object needed).
    #[inline]
    pub fn dict_get_qstr(&self, d: Value, name: Qstr) -> Option<Value> {
        let dict = self.dict_ref(d)?;
        let h = self.qstrs.hash(name);
        let key = Value::qstr(name);
        if let Some(p) = dict.find_identical(h, key) {
            return dict.entry(p).map(|e| e.value);
        }
        if dict.all_qstr_keys() {
            return None;
        }
        // A heap str with the same text (made at run time) is the same key.
        let text = self.qstrs.str(name);
        let p = dict.find(
            h,
            |k| matches!(self.heap.get(k), Some(Obj::Str(s)) if &*s.s == text),
        )?;
        dict.entry(p).map(|e| e.value)
    }

    /// Name lookup through the lookup cache: `slot` identifies the instruction (see
    /// [`LookupCache`]); a hit is verified by key identity, so a stale hint is harmless.
    #[inline(always)]
    pub fn dict_get_qstr_cached(&mut self, d: Value, name: Qstr, slot: usize) -> Option<Value> {
        let key = Value::qstr(name);
        let (tag, pos) = self.lookup_cache[slot & (self.lookup_cache.len() - 1)];
        if tag == slot {
            if let Some(e) = self.dict_ref(d).and_then(|dict| dict.entry(pos as usize)) {
                if e.key == key {
                    return Some(e.value);
                }
            }
        }
        self.dict_get_qstr_miss(d, name, slot)
    }

    /// [`Vm::dict_get_qstr_cached`] past a cache miss (out of line: the hit stays small).
    #[inline(never)]
    fn dict_get_qstr_miss(&mut self, d: Value, name: Qstr, slot: usize) -> Option<Value> {
        let key = Value::qstr(name);
        let i = slot & (self.lookup_cache.len() - 1);
        let dict = self.dict_ref(d)?;
        let h = self.qstrs.hash(name);
        if let Some(p) = dict.find_identical(h, key) {
            let v = dict.entry(p).map(|e| e.value);
            self.lookup_cache[i] = (slot, p as u32);
            return v;
        }
        if dict.all_qstr_keys() {
            return None;
        }
        self.dict_get_qstr(d, name)
    }

    /// The Dict inside a dict/set object or an instance/class namespace.
    #[inline]
    pub fn dict_ref(&self, d: Value) -> Option<&Dict> {
        match self.heap.get(d)? {
            Obj::Dict(dict) | Obj::Set(dict) | Obj::FrozenSet(dict) => Some(dict),
            _ => None,
        }
    }

    /// Position of `key` (with hash `h`) in dict object `d`, using Python equality when needed.
    pub fn dict_find(&mut self, d: Value, key: Value, h: u32) -> PyResult<Option<usize>> {
        let dict = match self.dict_ref(d) {
            Some(x) => x,
            None => return Err(self.type_error("expected dict")),
        };
        let mut needs_python = false;
        let found = dict.find(h, |k| match ops::native_eq(self, k, key) {
            Some(b) => b,
            None => {
                needs_python = true;
                false
            }
        });
        if found.is_some() || !needs_python {
            return Ok(found);
        }
        let cands = dict.candidates(h);
        let base = self.roots.len();
        self.roots.push(d);
        self.roots.push(key);
        let mut result = Ok(None);
        for p in cands {
            let k = match self.dict_ref(d).and_then(|x| x.entry(p)) {
                Some(e) if !e.key.is_null() => e.key,
                _ => continue,
            };
            match self.eq(k, key) {
                Ok(true) => {
                    result = Ok(Some(p));
                    break;
                }
                Ok(false) => {}
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        self.roots.truncate(base);
        result
    }

    // ----- output -----

    /// Write text to the console.
    pub fn print_str(&mut self, s: &str) {
        self.port.write(s.as_bytes());
    }

    /// Current Python frame depth.
    pub fn depth(&self) -> usize {
        self.frames.len()
    }

    /// Run a collection now, at a safe point.
    pub fn collect(&mut self) {
        self.heap.begin_collect();
        let roots: [Value; 11] = [
            self.emergency[0],
            self.emergency[1],
            self.emergency[2],
            self.modules,
            self.builtins,
            self.main_globals,
            self.cur_exc,
            self.memory_error,
            self.slice_buf,
            self.sys_dict,
            self.last_stop,
        ];
        for v in roots {
            self.heap.mark(v);
        }
        // Each frame: its temporaries below sp and its locals at the top of its state; stale
        // temporaries above sp are skipped so dropped values can be collected. (Marked as
        // found: a collection allocates nothing here, since it runs when memory is short.)
        let heap = &mut self.heap;
        let stack = &self.stack;
        let mut mark_span = |a: usize, b: usize| {
            for &v in stack.get(a..b).unwrap_or_default() {
                heap.mark(v);
            }
        };
        let mut covered_to = 0;
        for f in &self.frames {
            let top = (f.base + f.code.n_state as usize).min(stack.len());
            mark_span(f.base, f.sp.min(top));
            mark_span(
                top.saturating_sub(f.code.n_locals as usize).max(f.base),
                top,
            );
            covered_to = covered_to.max(top);
        }
        // Anything above the last frame (arguments being prepared) is live too.
        mark_span(covered_to, stack.len());
        if self.frames.is_empty() {
            mark_span(0, stack.len());
        }
        for &v in &self.roots {
            heap.mark(v);
        }
        for f in &self.frames {
            f.trace(&mut |v| heap.mark(v));
        }
        self.extra_roots.trace(&mut |v| heap.mark(v));
        self.heap.finish_collect();
        self.class_version = self.class_version.wrapping_add(1);
    }

    /// The builtin type object for a static type definition.
    #[inline]
    pub fn static_value(obj: &'static StaticObj) -> Value {
        Value::from_static(obj)
    }
}
