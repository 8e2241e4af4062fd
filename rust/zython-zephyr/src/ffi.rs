//! The boundary with C: the shim's functions (`zy_*`), the functions the shim calls (`zython_*`),
//! the global allocator, the critical section and the panic handler.
//!
//! Every `unsafe` of the crate lives here. The extern block is written by hand rather than made by
//! bindgen: it is a dozen functions with plain integer/pointer types, and bindgen would need libclang
//! plus the whole Zephyr include path and flags at cargo time; `c/zython_shim.h` is the reference and
//! must be kept in step with this file.

use core::ffi::{c_char, c_int, c_void, CStr};
use core::fmt::Write;
use core::panic::PanicInfo;

use crate::port::ZephyrPort;

extern "C" {
    fn zy_console_write(data: *const u8, len: usize);
    fn zy_console_read_byte() -> c_int;
    fn zy_console_set_raw(raw: bool);
    fn zy_uptime_ms() -> u64;
    fn zy_uptime_us() -> u64;
    fn zy_sleep_ms(ms: u32);
    fn zy_arena(size: *mut usize) -> *mut u8;
    fn zy_gc_heap_size() -> usize;
    fn zy_irq_lock() -> u32;
    fn zy_irq_unlock(key: u32);
    fn zy_board_name() -> *const c_char;
    fn zy_thread_stack_size() -> usize;
    fn zy_fatal() -> !;
}

#[cfg(feature = "fs")]
extern "C" {
    fn zy_fs_mount(run_boot: *mut bool) -> *const c_char;
    fn zy_fs_stat(path: *const c_char, size: *mut u64) -> c_int;
    fn zy_fs_read(path: *const c_char, buf: *mut u8, cap: usize) -> c_int;
    fn zy_fs_write(path: *const c_char, data: *const u8, len: usize, append: bool) -> c_int;
    fn zy_fs_list(path: *const c_char, buf: *mut u8, cap: usize) -> c_int;
    fn zy_fs_op(op: c_int, path: *const c_char, to: *const c_char) -> c_int;
}

/// Mount the filesystem volume (once; CONFIG_ZYTHON_FS_AUTOMOUNT): its mount point, and whether
/// boot.py and main.py run (CONFIG_ZYTHON_FS_BOOT).
#[cfg(feature = "fs")]
pub fn fs_mount() -> (&'static str, bool) {
    let mut run_boot = false;
    // SAFETY: `run_boot` is a valid out-pointer; the shim returns a static NUL-terminated string.
    let p = unsafe { CStr::from_ptr(zy_fs_mount(&mut run_boot)) };
    (p.to_str().unwrap_or("/"), run_boot)
}

/// What is at `path`: 0 nothing, 1 a file (with its size), 2 a directory.
#[cfg(feature = "fs")]
pub fn fs_stat(path: &CStr) -> (u8, u64) {
    let mut size = 0u64;
    // SAFETY: `path` is NUL-terminated and `size` a valid out-pointer, both live for the call.
    let kind = unsafe { zy_fs_stat(path.as_ptr(), &mut size) };
    (kind.clamp(0, 2) as u8, size)
}

/// Read up to `buf.len()` bytes of a file; bytes read or a negative errno.
#[cfg(feature = "fs")]
pub fn fs_read(path: &CStr, buf: &mut [u8]) -> i32 {
    // SAFETY: the shim writes at most `buf.len()` bytes into `buf` during the call.
    unsafe { zy_fs_read(path.as_ptr(), buf.as_mut_ptr(), buf.len()) }
}

/// Write a whole file (or append to it); 0 or a negative errno.
#[cfg(feature = "fs")]
pub fn fs_write(path: &CStr, data: &[u8], append: bool) -> i32 {
    // SAFETY: the shim only reads `data.len()` bytes of `data` during the call.
    unsafe { zy_fs_write(path.as_ptr(), data.as_ptr(), data.len(), append) }
}

/// Directory entry names, NUL-terminated, into `buf`; the bytes all names need or a negative errno.
#[cfg(feature = "fs")]
pub fn fs_list(path: &CStr, buf: &mut [u8]) -> i32 {
    // SAFETY: the shim writes at most `buf.len()` bytes into `buf` during the call.
    unsafe { zy_fs_list(path.as_ptr(), buf.as_mut_ptr(), buf.len()) }
}

/// Remove (0), make a directory (1) or rename to `to` (2); 0 or a negative errno.
#[cfg(feature = "fs")]
pub fn fs_op(op: i32, path: &CStr, to: &CStr) -> i32 {
    // SAFETY: both strings are NUL-terminated and live for the call; the shim only reads them.
    unsafe { zy_fs_op(op, path.as_ptr(), to.as_ptr()) }
}

/// Write bytes to the console UART (blocking).
pub fn console_write(bytes: &[u8]) {
    // SAFETY: the pointer and length come from a valid slice; the shim only reads them during the call.
    unsafe { zy_console_write(bytes.as_ptr(), bytes.len()) }
}

/// Block until a console byte arrives; `None` if the console input has ended.
pub fn console_read_byte() -> Option<u8> {
    // SAFETY: no arguments; the shim blocks on its RX semaphore and returns 0..=255 or -1.
    let c = unsafe { zy_console_read_byte() };
    u8::try_from(c).ok()
}

/// Raw console (the REPL reads keys: Ctrl-C is input) or normal (code runs: Ctrl-C interrupts).
pub fn console_set_raw(raw: bool) {
    // SAFETY: plain bool argument; the shim stores it in an atomic read by the RX ISR.
    unsafe { zy_console_set_raw(raw) }
}

/// Milliseconds since boot (`k_uptime_get`).
pub fn uptime_ms() -> u64 {
    // SAFETY: no arguments, no shared state.
    unsafe { zy_uptime_ms() }
}

/// Microseconds since boot (cycle counter or kernel ticks converted with `k_*_to_us`).
pub fn uptime_us() -> u64 {
    // SAFETY: no arguments, no shared state.
    unsafe { zy_uptime_us() }
}

/// Sleep the calling thread (`k_msleep`).
pub fn sleep_ms(ms: u32) {
    // SAFETY: plain integer argument; called from thread context only (never from an ISR).
    unsafe { zy_sleep_ms(ms) }
}

/// Size of the Python GC heap chosen in Kconfig (`CONFIG_ZYTHON_HEAP_SIZE`).
pub fn gc_heap_size() -> usize {
    // SAFETY: no arguments; returns a Kconfig constant.
    unsafe { zy_gc_heap_size() }
}

/// The board target name (`CONFIG_BOARD_TARGET` or `CONFIG_BOARD`).
pub fn board_name() -> &'static str {
    // SAFETY: the shim returns a pointer to a static NUL-terminated string literal.
    let name = unsafe { CStr::from_ptr(zy_board_name()) };
    name.to_str().unwrap_or("zephyr")
}

/// Stack size of the calling thread (bytes), for the VM's native recursion limit.
pub fn thread_stack_size() -> usize {
    // SAFETY: no arguments; reads the current thread's stack info or a Kconfig constant.
    unsafe { zy_thread_stack_size() }
}

/// Formats to the console without allocating (used by the panic handler).
struct ConsoleWriter;

impl Write for ConsoleWriter {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        console_write(s.as_bytes());
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Critical section (used by embedded-alloc): Zephyr's irq_lock/irq_unlock.

struct ZephyrCriticalSection;
critical_section::set_impl!(ZephyrCriticalSection);

// SAFETY: irq_lock() masks interrupts (and takes the global lock on SMP) and returns a key that
// irq_unlock() restores; nesting works because each release restores the key of its acquire.
unsafe impl critical_section::Impl for ZephyrCriticalSection {
    unsafe fn acquire() -> u32 {
        // SAFETY: see the impl's comment; no preconditions.
        unsafe { zy_irq_lock() }
    }

    unsafe fn release(key: u32) {
        // SAFETY: critical-section guarantees `key` is the value returned by the matching acquire.
        unsafe { zy_irq_unlock(key) }
    }
}

// ---------------------------------------------------------------------------------------------
// Global allocator over the shim's static arena (GC heap + CONFIG_ZYTHON_SYSTEM_HEAP_SIZE).

/// The core's counting wrapper makes gc.mem_alloc()/mem_free() exact.
#[global_allocator]
static HEAP: zython::gc::CountingAlloc<embedded_alloc::LlffHeap> =
    zython::gc::CountingAlloc(embedded_alloc::LlffHeap::empty());

static HEAP_READY: critical_section::Mutex<core::cell::Cell<bool>> =
    critical_section::Mutex::new(core::cell::Cell::new(false));

/// Hand the shim's arena to the allocator; idempotent, safe to call from any thread.
pub fn heap_init() {
    critical_section::with(|cs| {
        let ready = HEAP_READY.borrow(cs);
        if ready.get() {
            return;
        }
        let mut size = 0usize;
        // SAFETY: `size` is a valid out-pointer; the shim returns its static arena, which nothing
        // else uses, and its size.
        let start = unsafe { zy_arena(&mut size) };
        // SAFETY: called once (guarded by HEAP_READY inside a critical section) with a static
        // region of `size` bytes that lives for the whole program and is used only by HEAP.
        unsafe { HEAP.0.init(start as usize, size) };
        ready.set(true);
    });
}

/// Bytes still free in the allocator arena (the VM fits its heap limit to them).
pub fn arena_free() -> usize {
    mem_info().arena_free
}

/// Allocator arena statistics for `py mem`.
#[repr(C)]
#[derive(Debug, Default, Clone, Copy)]
pub struct ZythonMemInfo {
    /// Bytes in the allocator arena.
    pub arena_size: usize,
    /// Bytes currently allocated from it.
    pub arena_used: usize,
    /// Bytes still free in it.
    pub arena_free: usize,
    /// Configured Python GC heap size (part of the arena once the VM runs).
    pub gc_heap_size: usize,
}

/// Current allocator statistics.
pub fn mem_info() -> ZythonMemInfo {
    heap_init();
    let used = HEAP.0.used();
    let free = HEAP.0.free();
    ZythonMemInfo {
        arena_size: used + free,
        arena_used: used,
        arena_free: free,
        gc_heap_size: gc_heap_size(),
    }
}

// ---------------------------------------------------------------------------------------------
// Functions the C shim calls.

/// Called once from the shim's SYS_INIT hook: prepares the allocator.
#[no_mangle]
pub extern "C" fn zython_rust_init() {
    heap_init();
}

/// Entry of the REPL thread (K_THREAD_DEFINE in the shim); returns only when the input ends.
#[no_mangle]
pub extern "C" fn zython_repl_main() {
    heap_init();
    crate::interp::repl(alloc::boxed::Box::new(ZephyrPort::default()));
}

/// Ctrl-C arrived on the console while Python code runs: ask the VM to raise KeyboardInterrupt.
#[no_mangle]
pub extern "C" fn zython_interrupt_request() {
    zython::interrupt::request();
}

/// Output callback of [`zython_exec_str`]: `ctx` is passed back unchanged.
pub type ZythonOutFn = extern "C" fn(ctx: *mut c_void, data: *const u8, len: usize);

/// Run `len` bytes of Python source at `code` for the `py -c` shell command.
///
/// # Safety
/// `code` must point to `len` readable bytes for the duration of the call, and `out` (if not null)
/// must be safe to call with `ctx` and any byte slice.
#[no_mangle]
pub unsafe extern "C" fn zython_exec_str(
    code: *const u8,
    len: usize,
    out: Option<ZythonOutFn>,
    ctx: *mut c_void,
) -> c_int {
    heap_init();
    let code = if code.is_null() {
        &[][..]
    } else {
        // SAFETY: the caller guarantees `code` points to `len` readable bytes during the call.
        unsafe { core::slice::from_raw_parts(code, len) }
    };
    let port = CallbackPort { out, ctx };
    crate::interp::exec_bytes(alloc::boxed::Box::new(port), code)
}

/// A port whose output goes to a C callback (the `py` shell command's `shell_fprintf`, or the
/// console when the callback is null); it has no input.
struct CallbackPort {
    out: Option<ZythonOutFn>,
    ctx: *mut c_void,
}

impl zython::port::Port for CallbackPort {
    fn write(&mut self, bytes: &[u8]) {
        match self.out {
            Some(f) => f(self.ctx, bytes.as_ptr(), bytes.len()),
            None => console_write(bytes),
        }
    }

    fn read_byte(&mut self) -> Option<u8> {
        None
    }

    fn ticks_ms(&mut self) -> u64 {
        uptime_ms()
    }

    fn ticks_us(&mut self) -> u64 {
        uptime_us()
    }

    fn sleep_ms(&mut self, ms: u32) {
        sleep_ms(ms);
    }
}

/// Fill `info` with allocator statistics for `py mem`.
///
/// # Safety
/// `info` must be null or point to writable memory for one `ZythonMemInfo`.
#[no_mangle]
pub unsafe extern "C" fn zython_mem_info(info: *mut ZythonMemInfo) {
    let m = mem_info();
    if !info.is_null() {
        // SAFETY: the caller guarantees `info` is valid for one write when not null.
        unsafe { info.write(m) };
    }
}

/// Referenced by the unwind tables of the precompiled `core`/`alloc` for hosted targets
/// (native_sim's x86_64-unknown-linux-gnu). The firmware is built with panic = abort, so nothing
/// ever unwinds and this personality routine is never called.
#[cfg(target_os = "linux")]
#[no_mangle]
pub extern "C" fn rust_eh_personality() {}

/// Print the panic message on the console, then let Zephyr reboot (CONFIG_REBOOT) or halt.
#[panic_handler]
fn panic(info: &PanicInfo) -> ! {
    let _ = write!(ConsoleWriter, "\r\nzython: fatal Rust panic: {info}\r\n");
    // SAFETY: zy_fatal takes no arguments and never returns (sys_reboot or k_panic).
    unsafe { zy_fatal() }
}
