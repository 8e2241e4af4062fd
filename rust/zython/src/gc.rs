//! The garbage-collected heap: a table of objects addressed by handle, with a precise
//! mark-and-sweep collector.
//!
//! Invariants (read these before touching the VM):
//! 1. Every heap object is one slot of `Heap::objs`; a [`Value`] names it by index. Slot 0 is
//!    never used, so handle 0 is NULL.
//! 2. Collection happens only at VM safe points (between bytecode instructions), never inside
//!    an allocation. At a safe point every live Value is reachable from the roots the VM
//!    reports: frames, value stacks, globals, module table, the current exception and the
//!    explicit native root stack (`Vm::roots`). Native code that holds Values across a call
//!    back into Python (which reaches safe points) must push them onto `Vm::roots` first.
//! 3. Allocation is fallible: when the heap limit is reached, `alloc` returns `Err(NoMemory)`
//!    and the VM raises MemoryError. Python data grows only through `try_reserve`.
//! 4. Memory use is measured by [`CountingAlloc`] when the port installs it as the global
//!    allocator (the truth for gc.mem_alloc/mem_free); otherwise an estimate is used.
//!
//! The table never shrinks below its high-water mark; freed slots are chained in a free list.

use crate::obj::Obj;
use crate::value::Value;
use alloc::vec::Vec;
use core::alloc::{GlobalAlloc, Layout};
use portable_atomic::{AtomicBool, AtomicUsize, Ordering};

pub use crate::obj::dict::NoMemory;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);
/// Bytes ever allocated (a realloc adds its growth), for `micropython.mem_total()`.
static TOTAL: AtomicUsize = AtomicUsize::new(0);
/// The most bytes allocated at once, for `micropython.mem_peak()`.
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// Count `n` more bytes allocated.
#[inline]
fn count_alloc(n: usize) {
    let now = ALLOCATED.fetch_add(n, Ordering::Relaxed).saturating_add(n);
    TOTAL.fetch_add(n, Ordering::Relaxed);
    PEAK.fetch_max(now, Ordering::Relaxed);
}
static COUNTING: AtomicBool = AtomicBool::new(false);
/// Allocations that would take the total past this fail (null), so `try_reserve` reports
/// them and the VM raises MemoryError; set a little above the heap limit by `set_baseline`.
static HARD_LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
/// The end of a fixed arena the port emulates with [`set_arena`] (a board's allocator
/// arena): allocations past it fail; `usize::MAX` when unset.
static ARENA_END: AtomicUsize = AtomicUsize::new(usize::MAX);

/// Emulate a board's fixed allocator arena (`zython -X arena=N`, tests): from now on the
/// counting allocator hands out at most `bytes` more than is allocated now, and returns null
/// past that, as a board's arena does when it is exhausted. Use before creating the VM.
pub fn set_arena(bytes: usize) {
    let end = ALLOCATED.load(Ordering::Relaxed).saturating_add(bytes);
    ARENA_END.store(end, Ordering::Relaxed);
    HARD_LIMIT.store(end, Ordering::Relaxed);
}

/// Bytes the emulated arena of [`set_arena`] has left (for `Config::arena_free`).
pub fn arena_free() -> usize {
    ARENA_END
        .load(Ordering::Relaxed)
        .saturating_sub(ALLOCATED.load(Ordering::Relaxed))
}

/// Bytes the allocator must keep free where the interpreter checks for room before work
/// whose small allocations are infallible (the compiler's tree nodes and names, a module's
/// records): see `compile::check_room`.
pub const HEADROOM: usize = 2048;

/// True when fewer than `bytes` more can be allocated before the counting allocator's hard
/// limit (or the emulated arena's end): the compiler checks this with a margin, so that its
/// small infallible allocations never meet an exhausted allocator.
#[inline]
pub fn short_of(bytes: usize) -> bool {
    over_hard_limit(bytes)
}

/// Bytes allocated now through [`CountingAlloc`] (0 when it is not installed).
pub fn allocated() -> usize {
    ALLOCATED.load(Ordering::Relaxed)
}

/// The most bytes allocated at once since the last [`reset_peak`] (or the start).
pub fn peak() -> usize {
    PEAK.load(Ordering::Relaxed)
}

/// Start measuring [`peak`] again from what is allocated now.
pub fn reset_peak() {
    PEAK.store(ALLOCATED.load(Ordering::Relaxed), Ordering::Relaxed);
}

#[inline]
fn over_hard_limit(size: usize) -> bool {
    ALLOCATED.load(Ordering::Relaxed).saturating_add(size) > HARD_LIMIT.load(Ordering::Relaxed)
}

/// A global-allocator wrapper that counts live bytes, so gc.mem_alloc() tells the truth.
pub struct CountingAlloc<A>(pub A);

// SAFETY: every method forwards to the inner allocator unchanged and only adds atomic
// bookkeeping, so the GlobalAlloc contract of `A` carries over.
unsafe impl<A: GlobalAlloc> GlobalAlloc for CountingAlloc<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        COUNTING.store(true, Ordering::Relaxed);
        if over_hard_limit(layout.size()) {
            return core::ptr::null_mut();
        }
        // SAFETY: same contract as our caller's.
        let p = unsafe { self.0.alloc(layout) };
        if !p.is_null() {
            count_alloc(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as our caller's.
        unsafe { self.0.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        COUNTING.store(true, Ordering::Relaxed);
        if over_hard_limit(layout.size()) {
            return core::ptr::null_mut();
        }
        // SAFETY: same contract as our caller's.
        let p = unsafe { self.0.alloc_zeroed(layout) };
        if !p.is_null() {
            count_alloc(layout.size());
        }
        p
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() && over_hard_limit(new_size - layout.size()) {
            return core::ptr::null_mut();
        }
        // SAFETY: same contract as our caller's.
        let p = unsafe { self.0.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                count_alloc(new_size - layout.size());
            } else {
                ALLOCATED.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

/// Heap statistics.
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    /// Bytes in use.
    pub used: usize,
    /// The heap size (`-X heapsize`, CONFIG_ZYTHON_HEAP_SIZE).
    pub limit: usize,
    /// Live objects after the last collection.
    pub objects: usize,
    /// Collections so far.
    pub collections: usize,
}

/// The object table and collector state.
pub struct Heap {
    objs: Vec<Obj>,
    marks: Vec<u64>,
    free_head: u32,
    live: usize,
    limit: usize,
    /// Bytes in use at start (interpreter tables) when counting is on.
    base_used: usize,
    /// [`TOTAL`] at the baseline.
    base_total: usize,
    estimate: usize,
    threshold: usize,
    collections: usize,
    mark_stack: Vec<u32>,
    /// Objects were marked that the full mark stack could not take: their children are
    /// found by a scan of the marked objects (see [`Heap::finish_collect`]).
    mark_overflow: bool,
    allocs_since_gc: usize,
    live_after_gc: usize,
    /// Bytes in use after the last collection.
    used_after_gc: usize,
    /// Backward jumps since the last collection (see [`Heap::tick`]).
    ticks: usize,
    /// Collect at the next safe point.
    pub gc_wanted: bool,
    /// `gc.disable()` in effect.
    pub disabled: bool,
    /// `micropython.heap_lock()` depth: allocation raises MemoryError while > 0.
    pub lock_depth: u32,
    /// Bytes of the last request refused (`usize::MAX`: refused because the heap was
    /// locked; 0: none since it was reported), for MemoryError's message.
    pub last_refused: usize,
}

impl Heap {
    /// A heap limited to `limit` bytes.
    pub fn new(limit: usize) -> Heap {
        Heap {
            objs: alloc::vec![Obj::Free(0)],
            marks: Vec::new(),
            free_head: 0,
            live: 0,
            limit,
            base_used: 0,
            base_total: 0,
            estimate: 0,
            threshold: limit / 2,
            collections: 0,
            mark_stack: Vec::new(),
            mark_overflow: false,
            allocs_since_gc: 0,
            live_after_gc: 0,
            used_after_gc: 0,
            ticks: 0,
            gc_wanted: false,
            disabled: false,
            lock_depth: 0,
            last_refused: 0,
        }
    }

    /// Bytes in use by Python (measured when the counting allocator is installed).
    pub fn used(&self) -> usize {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATED
                .load(Ordering::Relaxed)
                .saturating_sub(self.base_used)
        } else {
            self.estimate + self.objs.capacity() * core::mem::size_of::<Obj>()
        }
    }

    /// `(total, peak)`: bytes allocated since the baseline and the most in use at once
    /// (MicroPython's `mem_total`, `mem_peak`); without the counting allocator only the
    /// current use is known, and both are that.
    pub fn alloc_history(&self) -> (usize, usize) {
        if COUNTING.load(Ordering::Relaxed) {
            let total = TOTAL
                .load(Ordering::Relaxed)
                .saturating_sub(self.base_total);
            let peak = PEAK.load(Ordering::Relaxed).saturating_sub(self.base_used);
            (total, peak.max(self.used()))
        } else {
            (self.used(), self.used())
        }
    }

    /// Treat what is allocated now as the interpreter's own fixed cost, not Python data.
    pub fn set_baseline(&mut self) {
        if COUNTING.load(Ordering::Relaxed) {
            self.base_used = ALLOCATED.load(Ordering::Relaxed);
            self.base_total = TOTAL.load(Ordering::Relaxed);
            PEAK.store(self.base_used, Ordering::Relaxed);
            // The backstop for growth that bypasses `reserve`: a little above the heap size
            // (the slack keeps room for the interpreter's own bookkeeping).
            let slack = self.limit / 2 + (1 << 20);
            HARD_LIMIT.store(
                self.base_used
                    .saturating_add(self.limit)
                    .saturating_add(slack)
                    .min(ARENA_END.load(Ordering::Relaxed)),
                Ordering::Relaxed,
            );
        }
    }

    /// Lower the limit so that Python data fits in the `free` bytes the allocator has left
    /// (a board's arena also holds the interpreter's tables): an eighth of them, and 1 KB, stay
    /// for allocator overhead and the interpreter's own short-lived buffers.
    pub fn fit_arena(&mut self, free: usize) {
        let room = free.saturating_sub(free / 8 + 1024);
        let limit = self.used().saturating_add(room);
        if limit < self.limit {
            self.limit = limit;
            self.threshold = self.threshold.min(self.used() + room / 2);
        }
    }

    /// The heap size in force (the configured one, or less after [`Heap::fit_arena`]).
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Statistics for gc.mem_info and friends.
    pub fn stats(&self) -> Stats {
        Stats {
            used: self.used(),
            limit: self.limit,
            objects: self.live,
            collections: self.collections,
        }
    }

    /// Would `extra` more bytes still fit?
    #[inline]
    pub fn has_room(&self, extra: usize) -> bool {
        self.used().saturating_add(extra) <= self.limit
    }

    /// Check that `extra` bytes may be allocated for Python data; asks for a collection
    /// when the heap is filling up.
    #[inline]
    pub fn reserve(&mut self, extra: usize) -> Result<(), NoMemory> {
        let used = self.used();
        // Past the threshold, or with the heap nearly full once an eighth of what was free
        // after the last collection has been taken (so garbage made just before is found
        // in time, and filling the heap costs a bounded number of collections).
        let soon = self.used_after_gc + (self.limit.saturating_sub(self.used_after_gc)) / 8;
        let wanted = used.saturating_add(extra);
        if wanted > self.threshold || (self.near_full(used) && wanted > soon) {
            self.gc_wanted = true;
        }
        if self.lock_depth > 0 || used.saturating_add(extra) > self.limit {
            self.last_refused = if self.lock_depth > 0 {
                usize::MAX
            } else {
                extra
            };
            return Err(NoMemory);
        }
        Ok(())
    }

    fn near_full(&self, used: usize) -> bool {
        used > self.limit - self.limit / 8
    }

    /// Count a backward jump: with the heap over half full, loops that only drop
    /// references get a collection every eighth of the live objects' count of jumps (at
    /// least 1024: amortized), so the garbage they make is found before a later
    /// allocation needs the room.
    #[inline]
    pub fn tick(&mut self) {
        self.ticks += 1;
        if self.ticks > (self.live_after_gc / 8).max(1024) {
            self.ticks = 0;
            if self.used() > self.limit / 2 {
                self.gc_wanted = true;
            }
        }
    }

    /// Put `obj` in the heap and return its handle.
    pub fn alloc(&mut self, obj: Obj) -> Result<Value, NoMemory> {
        let extra = obj.extra_bytes();
        // With the counting allocator the object's buffers are already allocated (and
        // counted in `used`): only its table slot is new.
        let fresh = if COUNTING.load(Ordering::Relaxed) {
            0
        } else {
            extra
        };
        self.reserve(fresh + core::mem::size_of::<Obj>())?;
        self.estimate += extra;
        self.live += 1;
        self.allocs_since_gc += 1;
        if self.allocs_since_gc > self.live_after_gc.max(4096) {
            // As many new objects as survived the last collection: time for another.
            self.gc_wanted = true;
        }
        if self.free_head != 0 {
            let i = self.free_head;
            let next = match self.objs.get(i as usize) {
                Some(Obj::Free(n)) => *n,
                _ => 0,
            };
            self.free_head = next;
            self.objs[i as usize] = obj;
            return Ok(Value::from_handle(i));
        }
        let i = self.objs.len();
        if i >= (u32::MAX >> 3) as usize {
            return Err(NoMemory);
        }
        if i == self.objs.capacity() {
            // The table is full of live objects or garbage: collect at the next safe point
            // before growing again, and grow by half (not double) to stay near the live size.
            // Small steps at first: a fresh interpreter has a few dozen objects, and a 16 KB
            // heap cannot spare a 256-slot table.
            self.gc_wanted = true;
            let size = core::mem::size_of::<Obj>();
            let mut grow = (i / 2).max(32);
            if !self.has_room(grow * size) {
                // Near the limit: grow by half of what still fits, so that the last objects
                // fit too instead of failing for a step sized for the table's whole size.
                let room = self.limit.saturating_sub(self.used()) / size;
                grow = (room / 2).clamp(1, grow);
            }
            self.reserve(grow * size)?;
            self.objs.try_reserve_exact(grow).map_err(|_| NoMemory)?;
            // The collector's mark bitmap grows with the table, so that a collection (which
            // runs when memory is short) does not have to allocate it.
            let words = self.objs.capacity().div_ceil(64);
            self.marks
                .try_reserve_exact(words.saturating_sub(self.marks.len()))
                .map_err(|_| NoMemory)?;
        }
        self.objs.push(obj);
        Ok(Value::from_handle(i as u32))
    }

    /// The object named by `v`, if `v` is a heap handle.
    #[inline]
    pub fn get(&self, v: Value) -> Option<&Obj> {
        match self.objs.get(v.as_handle()? as usize) {
            Some(Obj::Free(_)) | None => None,
            Some(o) => Some(o),
        }
    }

    /// Mutable access to the object named by `v`.
    #[inline]
    pub fn get_mut(&mut self, v: Value) -> Option<&mut Obj> {
        match self.objs.get_mut(v.as_handle()? as usize) {
            Some(Obj::Free(_)) | None => None,
            Some(o) => Some(o),
        }
    }

    /// Number of table slots (live and free).
    pub fn slots(&self) -> usize {
        self.objs.len()
    }

    /// Begin a collection: clear all marks. A collection runs when memory is short, so it
    /// allocates nothing it cannot do without: the mark bitmap grows with the table (see
    /// [`Heap::alloc`]), and a mark stack that cannot grow overflows into a rescan.
    pub fn begin_collect(&mut self) {
        self.marks.clear();
        let words = self.objs.len().div_ceil(64);
        // The bitmap grows with the table, so this only fails when a soft reset or a test
        // shrank it; then this collection is skipped (nothing is freed).
        if self.marks.try_reserve_exact(words).is_ok() {
            self.marks.resize(words, 0);
        }
        self.mark_stack.clear();
        self.mark_overflow = false;
    }

    /// Mark a root.
    #[inline]
    pub fn mark(&mut self, v: Value) {
        mark_into(
            &mut self.marks,
            &mut self.mark_stack,
            &mut self.mark_overflow,
            v,
        );
    }

    /// Is handle `i` marked?
    fn is_marked(&self, i: usize) -> bool {
        self.marks
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Trace everything reachable from the marked roots, then free the rest.
    pub fn finish_collect(&mut self) {
        if self.marks.len() < self.objs.len().div_ceil(64) {
            // No bitmap (see `begin_collect`): keep everything.
            self.mark_stack.clear();
            self.gc_wanted = false;
            return;
        }
        loop {
            while let Some(h) = self.mark_stack.pop() {
                if let Some(o) = self.objs.get(h as usize) {
                    let (marks, stack, overflow) = (
                        &mut self.marks,
                        &mut self.mark_stack,
                        &mut self.mark_overflow,
                    );
                    o.trace(&mut |v| mark_into(marks, stack, overflow, v));
                }
            }
            if !self.mark_overflow {
                break;
            }
            // Some marked objects were not traced: trace every marked object again (what is
            // already marked is skipped), until nothing overflows.
            self.mark_overflow = false;
            for i in 1..self.objs.len() {
                if self.is_marked(i) {
                    let (marks, stack, overflow) = (
                        &mut self.marks,
                        &mut self.mark_stack,
                        &mut self.mark_overflow,
                    );
                    self.objs[i].trace(&mut |v| mark_into(marks, stack, overflow, v));
                }
            }
        }
        let mut live = 0;
        let mut estimate = 0;
        for i in (1..self.objs.len()).rev() {
            if self.is_marked(i) && !matches!(self.objs[i], Obj::Free(_)) {
                live += 1;
                estimate += self.objs[i].extra_bytes();
            } else {
                match self.objs[i] {
                    Obj::Free(_) => {}
                    // Objects that own no memory: overwritten without a call to Obj's drop
                    // (floats and bound methods are most of what a loop leaves behind).
                    Obj::Float(_)
                    | Obj::BoundMethod(..)
                    | Obj::Cell(_)
                    | Obj::Range(..)
                    | Obj::Slice(..) => {
                        core::mem::forget(core::mem::replace(&mut self.objs[i], Obj::Free(0)))
                    }
                    _ => self.objs[i] = Obj::Free(0),
                }
            }
        }
        // Give back the table a burst of short-lived objects grew: the free slots at its end
        // go, and its room too once that is over twice what is left (a fallible copy: when
        // the allocator cannot spare it, the table stays as it is). Slot 0 is never used.
        let keep = (1..self.objs.len())
            .rev()
            .find(|&i| !matches!(self.objs[i], Obj::Free(_)))
            .map_or(1, |i| i + 1);
        self.objs.truncate(keep);
        if self.objs.capacity() > 2 * keep + 64 {
            let mut table = Vec::new();
            if table.try_reserve_exact(keep + keep / 2 + 32).is_ok() {
                table.append(&mut self.objs);
                self.objs = table;
            }
        }
        // Rebuild the free list lowest-index first so the table stays dense.
        self.free_head = 0;
        for i in (1..self.objs.len()).rev() {
            if let Obj::Free(n) = &mut self.objs[i] {
                *n = self.free_head;
                self.free_head = i as u32;
            }
        }
        self.live = live;
        self.live_after_gc = live;
        self.allocs_since_gc = 0;
        self.estimate = estimate;
        self.collections += 1;
        self.gc_wanted = false;
        let used = self.used();
        self.used_after_gc = used;
        self.ticks = 0;
        self.threshold = used + (self.limit.saturating_sub(used)) / 2;
        // The mark stack's room goes back (it would count against the heap); the next
        // collection grows it again, and where it cannot, marking rescans instead.
        self.mark_stack = Vec::new();
    }
}

/// Is the mark stack at its bound? Only in unit tests (4 entries, so that they exercise the
/// rescan); otherwise it is bounded by memory alone.
#[cfg(test)]
#[inline]
fn mark_stack_full(len: usize) -> bool {
    len >= 4
}

#[cfg(not(test))]
#[inline]
fn mark_stack_full(_len: usize) -> bool {
    false
}

/// Mark `v` in `marks` and queue it on `stack` for tracing; when the stack cannot grow the
/// object stays marked and `overflow` asks for a rescan.
#[inline]
fn mark_into(marks: &mut [u64], stack: &mut Vec<u32>, overflow: &mut bool, v: Value) {
    if let Some(h) = v.as_handle() {
        let (w, b) = (h as usize / 64, h as usize % 64);
        if let Some(word) = marks.get_mut(w) {
            if *word & (1 << b) == 0 {
                *word |= 1 << b;
                if mark_stack_full(stack.len())
                    || (stack.len() == stack.capacity() && stack.try_reserve(1).is_err())
                {
                    *overflow = true;
                } else {
                    stack.push(h);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn collect_frees_unreachable_and_keeps_cycles_reachable() {
        let mut h = Heap::new(1 << 20);
        let a = h.alloc(Obj::List(Vec::new())).unwrap();
        let b = h.alloc(Obj::List(vec![a])).unwrap();
        if let Some(Obj::List(v)) = h.get_mut(a) {
            v.push(b);
        }
        let c = h.alloc(Obj::Float(1.0)).unwrap();
        let garbage = h.alloc(Obj::List(Vec::new())).unwrap();
        let g2 = h.alloc(Obj::List(vec![garbage])).unwrap();
        if let Some(Obj::List(v)) = h.get_mut(garbage) {
            v.push(g2);
        }
        h.begin_collect();
        h.mark(b);
        h.mark(c);
        h.finish_collect();
        assert!(h.get(a).is_some());
        assert!(h.get(b).is_some());
        assert!(h.get(c).is_some());
        assert!(h.get(garbage).is_none());
        assert!(h.get(g2).is_none());
        // Freed slots are reused.
        let d = h.alloc(Obj::Float(2.0)).unwrap();
        assert!(d == garbage || d == g2);
    }

    #[test]
    fn marking_survives_a_full_mark_stack() {
        // Long chains and a wide list: far more than the mark stack holds in tests.
        let mut h = Heap::new(1 << 24);
        let mut head = h.alloc(Obj::List(Vec::new())).unwrap();
        let first = head;
        for _ in 0..300 {
            head = h.alloc(Obj::List(vec![head])).unwrap();
        }
        let items: Vec<Value> = (0..200)
            .map(|i| h.alloc(Obj::Float(i as f64)).unwrap())
            .collect();
        let wide = h.alloc(Obj::List(items.clone())).unwrap();
        let mut junk = h.alloc(Obj::List(Vec::new())).unwrap();
        for _ in 0..100 {
            junk = h.alloc(Obj::List(vec![junk])).unwrap();
        }
        h.begin_collect();
        h.mark(head);
        h.mark(wide);
        h.finish_collect();
        assert!(h.get(first).is_some());
        assert!(items.iter().all(|&v| h.get(v).is_some()));
        assert!(h.get(junk).is_none());
        assert_eq!(h.stats().objects, 301 + 201);
    }

    #[test]
    fn limit_gives_no_memory() {
        let mut h = Heap::new(100_000);
        let mut n = 0;
        while h.alloc(Obj::Float(0.0)).is_ok() {
            n += 1;
            assert!(n < 100_000);
        }
        assert!(n > 0);
    }
}
