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

/// Mask interrupts (`irq_lock`); the key to give back to [`irq_unlock`].
pub fn irq_lock() -> u32 {
    // SAFETY: no arguments; masking interrupts is always sound, the caller restores them.
    unsafe { zy_irq_lock() }
}

/// Restore interrupts to a key [`irq_lock`] returned.
pub fn irq_unlock(key: u32) {
    // SAFETY: restoring a key from irq_lock; an unrelated key only changes the interrupt mask.
    unsafe { zy_irq_unlock(key) }
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
    let port = CallbackPort {
        out,
        ctx,
        #[cfg(feature = "machine")]
        hw: crate::machine::ZephyrHardware,
    };
    crate::interp::exec_bytes(alloc::boxed::Box::new(port), code)
}

/// A port whose output goes to a C callback (the `py` shell command's `shell_fprintf`, or the
/// console when the callback is null); it has no input.
struct CallbackPort {
    out: Option<ZythonOutFn>,
    ctx: *mut c_void,
    #[cfg(feature = "machine")]
    hw: crate::machine::ZephyrHardware,
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

    #[cfg(feature = "machine")]
    fn hardware(&mut self) -> Option<&mut dyn zython::hw::Hardware> {
        Some(&mut self.hw)
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

// ---------------------------------------------------------------------------------------------
// machine (c/zython_machine.c): safe wrappers; errors are negative errno values from C, turned
// into positive errno values here.

/// One part of an I2C transaction (`struct zy_i2c_msg`).
#[cfg(feature = "machine")]
#[repr(C)]
#[derive(Debug)]
pub struct ZyI2cMsg {
    /// The bytes to send or the buffer to fill.
    pub buf: *mut u8,
    /// Their number.
    pub len: u32,
    /// Read (true) or write.
    pub read: bool,
}

#[cfg(feature = "machine")]
extern "C" {
    fn zy_hw_lookup(kind: u8, form: u8, name: *const u8, len: usize, num: i32) -> c_int;
    fn zy_hw_name(kind: u8, n: u32, name: *mut *const c_char) -> c_int;
    fn zy_hw_take_event(kind: *mut u8, id: *mut u16) -> bool;
    fn zy_hw_lost_events() -> u32;
    fn zy_hw_pending_events() -> u32;
    fn zy_hw_wait(ms: u32);
    fn zy_hw_delay_us(us: u32);
    fn zy_hw_reset();
    fn zy_hw_reset_cause() -> u8;
    fn zy_hw_unique_id(buf: *mut u8, cap: usize) -> c_int;
    fn zy_hw_cpu_freq() -> u32;
}
#[cfg(feature = "machine-pin")]
extern "C" {
    fn zy_pin_config(id: u16, mode: u8, pull: u8, value: c_int) -> c_int;
    fn zy_pin_get(id: u16) -> c_int;
    fn zy_pin_set(id: u16, value: bool) -> c_int;
    fn zy_pin_irq(id: u16, trigger: u8) -> c_int;
}
#[cfg(feature = "machine-i2c")]
extern "C" {
    fn zy_i2c_config(id: u16, freq: u32) -> c_int;
    fn zy_i2c_transfer(id: u16, addr: u16, msgs: *mut ZyI2cMsg, n: usize, stop: bool) -> c_int;
}
#[cfg(feature = "machine-spi")]
extern "C" {
    fn zy_spi_config(id: u16, baud: u32, pol: u8, pha: u8, bits: u8, msb: bool) -> c_int;
    fn zy_spi_transfer(
        id: u16,
        tx: *const u8,
        tx_len: usize,
        rx: *mut u8,
        rx_len: usize,
        fill: u8,
    ) -> c_int;
}
#[cfg(feature = "machine-uart")]
extern "C" {
    fn zy_uart_config(id: u16, baud: u32, bits: u8, parity: u8, stop: u8) -> c_int;
    fn zy_uart_read(id: u16, buf: *mut u8, cap: usize) -> c_int;
    fn zy_uart_write(id: u16, data: *const u8, len: usize) -> c_int;
    fn zy_uart_any(id: u16) -> c_int;
    fn zy_uart_txdone(id: u16) -> c_int;
}
#[cfg(feature = "machine-pwm")]
extern "C" {
    fn zy_pwm_set(id: u16, period_ns: u32, pulse_ns: u32) -> c_int;
    fn zy_pwm_clock(id: u16, cycles: *mut u64) -> c_int;
}
#[cfg(feature = "machine-adc")]
extern "C" {
    fn zy_adc_read(id: u16, u16v: *mut u16, uv: *mut i32) -> c_int;
}
#[cfg(feature = "machine-timer")]
extern "C" {
    fn zy_timer_start(id: u16, period_us: u64, periodic: bool) -> c_int;
    fn zy_timer_stop(id: u16);
}
#[cfg(feature = "machine-wdt")]
extern "C" {
    fn zy_wdt_start(id: u16, timeout_ms: u32) -> c_int;
    fn zy_wdt_feed(id: u16) -> c_int;
}
#[cfg(feature = "machine-rtc")]
extern "C" {
    fn zy_rtc_get(id: u16, t: *mut u32) -> c_int;
    fn zy_rtc_set(id: u16, t: *const u32) -> c_int;
}

/// A C result: `Ok(n)` for n >= 0, `Err(errno)` (positive) for a negative errno.
#[cfg(feature = "machine")]
fn errno_result(r: c_int) -> Result<u32, i32> {
    if r < 0 {
        Err(-r)
    } else {
        Ok(r as u32)
    }
}

/// Find a device: `form` 0 string, 1 (string, number), 2 number. Its id.
#[cfg(feature = "machine")]
pub fn hw_lookup(kind: u8, form: u8, name: &[u8], num: i32) -> Result<u16, i32> {
    // SAFETY: `name` is a valid slice; the shim only reads `name.len()` bytes during the call.
    let r = unsafe { zy_hw_lookup(kind, form, name.as_ptr(), name.len(), num) };
    errno_result(r).map(|v| v as u16)
}

/// The `n`-th name of a class, `None` after the last.
#[cfg(feature = "machine")]
pub fn hw_name(kind: u8, n: u32) -> Option<&'static str> {
    let mut p: *const c_char = core::ptr::null();
    // SAFETY: `p` is a valid out-pointer; on success the shim stores a pointer to a static
    // NUL-terminated string (a devicetree name in flash).
    let r = unsafe { zy_hw_name(kind, n, &mut p) };
    if r < 0 || p.is_null() {
        return None;
    }
    // SAFETY: checked non-null above; the string is static and NUL-terminated.
    unsafe { CStr::from_ptr(p) }.to_str().ok()
}

/// The oldest queued (kind, id) event.
#[cfg(feature = "machine")]
pub fn hw_take_event() -> Option<(u8, u16)> {
    let (mut kind, mut id) = (0u8, 0u16);
    // SAFETY: valid out-pointers; the shim takes the event under irq_lock.
    unsafe { zy_hw_take_event(&mut kind, &mut id) }.then_some((kind, id))
}

/// Events dropped since the last call.
#[cfg(feature = "machine")]
pub fn hw_lost_events() -> u32 {
    // SAFETY: no arguments; reads and clears a counter under irq_lock.
    unsafe { zy_hw_lost_events() }
}

/// Events waiting.
#[cfg(feature = "machine")]
pub fn hw_pending_events() -> u32 {
    // SAFETY: no arguments; reads a counter.
    unsafe { zy_hw_pending_events() }
}

/// Wait up to `ms`, less when an event is queued (thread context only).
#[cfg(feature = "machine")]
pub fn hw_wait(ms: u32) {
    // SAFETY: plain integer; called from the interpreter thread, never from an ISR.
    unsafe { zy_hw_wait(ms) }
}

/// Busy-wait.
#[cfg(feature = "machine")]
pub fn hw_delay_us(us: u32) {
    // SAFETY: plain integer (k_busy_wait).
    unsafe { zy_hw_delay_us(us) }
}

/// Reboot (returns when the firmware has no CONFIG_REBOOT).
#[cfg(feature = "machine")]
pub fn hw_reset() {
    // SAFETY: no arguments.
    unsafe { zy_hw_reset() }
}

/// MicroPython's reset cause constant.
#[cfg(feature = "machine")]
pub fn hw_reset_cause() -> u8 {
    // SAFETY: no arguments.
    unsafe { zy_hw_reset_cause() }
}

/// The device id into `buf`; its length.
#[cfg(feature = "machine")]
pub fn hw_unique_id(buf: &mut [u8]) -> usize {
    // SAFETY: the shim writes at most `buf.len()` bytes into `buf` during the call.
    let n = unsafe { zy_hw_unique_id(buf.as_mut_ptr(), buf.len()) };
    usize::try_from(n).unwrap_or(0).min(buf.len())
}

/// Hardware clock cycles per second.
#[cfg(feature = "machine")]
pub fn hw_cpu_freq() -> u32 {
    // SAFETY: no arguments.
    unsafe { zy_hw_cpu_freq() }
}

/// Configure a pin (`value` < 0 keeps the level).
#[cfg(feature = "machine-pin")]
pub fn pin_config(id: u16, mode: u8, pull: u8, value: i32) -> Result<(), i32> {
    // SAFETY: plain integers.
    errno_result(unsafe { zy_pin_config(id, mode, pull, value) }).map(drop)
}

/// A pin's logical level.
#[cfg(feature = "machine-pin")]
pub fn pin_get(id: u16) -> Result<bool, i32> {
    // SAFETY: plain integers.
    errno_result(unsafe { zy_pin_get(id) }).map(|v| v != 0)
}

/// Drive a pin.
#[cfg(feature = "machine-pin")]
pub fn pin_set(id: u16, value: bool) -> Result<(), i32> {
    // SAFETY: plain integers.
    errno_result(unsafe { zy_pin_set(id, value) }).map(drop)
}

/// Pin edge interrupts.
#[cfg(feature = "machine-pin")]
pub fn pin_irq(id: u16, trigger: u8) -> Result<(), i32> {
    // SAFETY: plain integers.
    errno_result(unsafe { zy_pin_irq(id, trigger) }).map(drop)
}

/// I2C bus speed.
#[cfg(feature = "machine-i2c")]
pub fn i2c_config(id: u16, freq: u32) -> Result<(), i32> {
    // SAFETY: plain integers.
    errno_result(unsafe { zy_i2c_config(id, freq) }).map(drop)
}

/// One I2C transaction over `msgs`.
#[cfg(feature = "machine-i2c")]
pub fn i2c_transfer(
    id: u16,
    addr: u16,
    msgs: &mut [zython::hw::I2cMsg<'_>],
    stop: bool,
) -> Result<(), i32> {
    const MAX: usize = 16;
    if msgs.len() > MAX {
        return Err(zython::hw::EINVAL);
    }
    let mut m: [ZyI2cMsg; MAX] = core::array::from_fn(|_| ZyI2cMsg {
        buf: core::ptr::null_mut(),
        len: 0,
        read: false,
    });
    for (d, s) in m.iter_mut().zip(msgs.iter_mut()) {
        match s {
            zython::hw::I2cMsg::Write(b) => {
                // The shim never writes through a write message's pointer.
                d.buf = b.as_ptr().cast_mut();
                d.len = b.len() as u32;
            }
            zython::hw::I2cMsg::Read(b) => {
                d.buf = b.as_mut_ptr();
                d.len = b.len() as u32;
                d.read = true;
            }
        }
    }
    // SAFETY: every message points into a slice borrowed from `msgs` for the call (read
    // buffers mutably); the shim writes only into read messages, within their lengths.
    let r = unsafe { zy_i2c_transfer(id, addr, m.as_mut_ptr(), msgs.len(), stop) };
    errno_result(r).map(drop)
}

/// SPI settings.
#[cfg(feature = "machine-spi")]
pub fn spi_config(id: u16, c: &zython::hw::SpiConfig) -> Result<(), i32> {
    // SAFETY: plain integers.
    let r = unsafe { zy_spi_config(id, c.baudrate, c.polarity, c.phase, c.bits, c.msb_first) };
    errno_result(r).map(drop)
}

/// Full-duplex SPI transfer.
#[cfg(feature = "machine-spi")]
pub fn spi_transfer(id: u16, tx: &[u8], rx: &mut [u8], fill: u8) -> Result<(), i32> {
    // SAFETY: both slices are valid for the call; the shim reads `tx` and writes at most
    // `rx.len()` bytes into `rx`.
    let r = unsafe { zy_spi_transfer(id, tx.as_ptr(), tx.len(), rx.as_mut_ptr(), rx.len(), fill) };
    errno_result(r).map(drop)
}

/// UART line settings.
#[cfg(feature = "machine-uart")]
pub fn uart_config(id: u16, c: &zython::hw::UartConfig) -> Result<(), i32> {
    // SAFETY: plain integers.
    let r = unsafe { zy_uart_config(id, c.baudrate, c.bits, c.parity, c.stop) };
    errno_result(r).map(drop)
}

/// Take received bytes.
#[cfg(feature = "machine-uart")]
pub fn uart_read(id: u16, buf: &mut [u8]) -> Result<usize, i32> {
    // SAFETY: the shim writes at most `buf.len()` bytes into `buf`.
    errno_result(unsafe { zy_uart_read(id, buf.as_mut_ptr(), buf.len()) }).map(|n| n as usize)
}

/// Send bytes.
#[cfg(feature = "machine-uart")]
pub fn uart_write(id: u16, data: &[u8]) -> Result<usize, i32> {
    // SAFETY: the shim reads `data.len()` bytes of `data`.
    errno_result(unsafe { zy_uart_write(id, data.as_ptr(), data.len()) }).map(|n| n as usize)
}

/// Received bytes waiting.
#[cfg(feature = "machine-uart")]
pub fn uart_any(id: u16) -> Result<usize, i32> {
    // SAFETY: plain integer.
    errno_result(unsafe { zy_uart_any(id) }).map(|n| n as usize)
}

/// Everything sent?
#[cfg(feature = "machine-uart")]
pub fn uart_txdone(id: u16) -> Result<bool, i32> {
    // SAFETY: plain integer.
    errno_result(unsafe { zy_uart_txdone(id) }).map(|n| n != 0)
}

/// PWM period and pulse.
#[cfg(feature = "machine-pwm")]
pub fn pwm_set(id: u16, period_ns: u32, pulse_ns: u32) -> Result<(), i32> {
    // SAFETY: plain integers.
    errno_result(unsafe { zy_pwm_set(id, period_ns, pulse_ns) }).map(drop)
}

/// PWM clock.
#[cfg(feature = "machine-pwm")]
pub fn pwm_clock(id: u16) -> Result<u64, i32> {
    let mut c = 0u64;
    // SAFETY: `c` is a valid out-pointer.
    errno_result(unsafe { zy_pwm_clock(id, &mut c) }).map(|_| c)
}

/// ADC sample: (16-bit value, microvolts or -1).
#[cfg(feature = "machine-adc")]
pub fn adc_read(id: u16) -> Result<(u16, i32), i32> {
    let (mut v, mut uv) = (0u16, 0i32);
    // SAFETY: valid out-pointers.
    errno_result(unsafe { zy_adc_read(id, &mut v, &mut uv) }).map(|_| (v, uv))
}

/// Start a pool timer.
#[cfg(feature = "machine-timer")]
pub fn timer_start(id: u16, period_us: u64, periodic: bool) -> Result<(), i32> {
    // SAFETY: plain integers.
    errno_result(unsafe { zy_timer_start(id, period_us, periodic) }).map(drop)
}

/// Stop a pool timer.
#[cfg(feature = "machine-timer")]
pub fn timer_stop(id: u16) {
    // SAFETY: plain integer; out-of-range ids are ignored by the shim.
    unsafe { zy_timer_stop(id) }
}

/// Start the watchdog.
#[cfg(feature = "machine-wdt")]
pub fn wdt_start(id: u16, timeout_ms: u32) -> Result<(), i32> {
    // SAFETY: plain integers.
    errno_result(unsafe { zy_wdt_start(id, timeout_ms) }).map(drop)
}

/// Feed the watchdog.
#[cfg(feature = "machine-wdt")]
pub fn wdt_feed(id: u16) -> Result<(), i32> {
    // SAFETY: plain integer.
    errno_result(unsafe { zy_wdt_feed(id) }).map(drop)
}

/// Read the RTC.
#[cfg(feature = "machine-rtc")]
pub fn rtc_get(id: u16) -> Result<[u32; 8], i32> {
    let mut t = [0u32; 8];
    // SAFETY: `t` holds the 8 fields the shim writes.
    errno_result(unsafe { zy_rtc_get(id, t.as_mut_ptr()) }).map(|_| t)
}

/// Set the RTC.
#[cfg(feature = "machine-rtc")]
pub fn rtc_set(id: u16, t: &[u32; 8]) -> Result<(), i32> {
    // SAFETY: `t` holds the 8 fields the shim reads.
    errno_result(unsafe { zy_rtc_set(id, t.as_ptr()) }).map(drop)
}

/// An interrupt queued a machine event (called by the shim, also from ISRs).
#[cfg(feature = "machine")]
#[no_mangle]
pub extern "C" fn zython_machine_wake() {
    zython::hw::wake();
}

// ---------------------------------------------------------------------------------------------
// zephyr module (c/zython_zmod.c)

/// `struct zy_stack_info`.
#[cfg(feature = "zephyr-module")]
#[repr(C)]
struct ZyStackInfo {
    name: [c_char; 32],
    size: u32,
    used: i32,
}

#[cfg(feature = "zephyr-module")]
extern "C" {
    fn zy_z_device(n: u32, name: *mut *const c_char, ready_only: bool) -> c_int;
    fn zy_thread_stack(n: u32, info: *mut ZyStackInfo) -> c_int;
}
#[cfg(feature = "zephyr-sensor")]
extern "C" {
    fn zy_sensor_open(name: *const u8, len: usize) -> c_int;
    fn zy_sensor_fetch(id: u32) -> c_int;
    fn zy_sensor_get(id: u32, chan: u32, val1: *mut i32, val2: *mut i32) -> c_int;
}
#[cfg(feature = "zephyr-shell")]
extern "C" {
    fn zy_shell_exec(cmd: *const c_char, out: *mut u8, cap: usize, out_len: *mut usize) -> c_int;
}

/// The `n`-th ready device's name.
#[cfg(feature = "zephyr-module")]
pub fn z_device(n: u32, ready_only: bool) -> Option<&'static str> {
    let mut p: *const c_char = core::ptr::null();
    // SAFETY: valid out-pointer; on success the shim stores the device's static name.
    let r = unsafe { zy_z_device(n, &mut p, ready_only) };
    if r < 0 || p.is_null() {
        return None;
    }
    // SAFETY: non-null, static and NUL-terminated (a `struct device` name).
    unsafe { CStr::from_ptr(p) }.to_str().ok()
}

/// The `n`-th thread's (name, stack size, bytes used or -1).
#[cfg(feature = "zephyr-module")]
pub fn thread_stack(n: u32) -> Option<(alloc::string::String, u32, i32)> {
    let mut info = ZyStackInfo {
        name: [0; 32],
        size: 0,
        used: -1,
    };
    // SAFETY: `info` is a valid `struct zy_stack_info` the shim fills during the call.
    if unsafe { zy_thread_stack(n, &mut info) } < 0 {
        return None;
    }
    let bytes: alloc::vec::Vec<u8> = info
        .name
        .iter()
        .take_while(|&&c| c != 0)
        // c_char is u8 on ARM and RISC-V, i8 on x86-64.
        .map(
            #[allow(clippy::unnecessary_cast)]
            |&c| c as u8,
        )
        .collect();
    let name = alloc::string::String::from_utf8_lossy(&bytes).into_owned();
    Some((name, info.size, info.used))
}

/// Open a sensor by device name: its id.
#[cfg(feature = "zephyr-sensor")]
pub fn sensor_open(name: &str) -> Result<u32, i32> {
    // SAFETY: the shim reads `name.len()` bytes of `name` during the call.
    let r = unsafe { zy_sensor_open(name.as_ptr(), name.len()) };
    if r < 0 {
        Err(-r)
    } else {
        Ok(r as u32)
    }
}

/// `sensor_sample_fetch`.
#[cfg(feature = "zephyr-sensor")]
pub fn sensor_fetch(id: u32) -> Result<(), i32> {
    // SAFETY: plain integer; the shim checks the id against the device list.
    let r = unsafe { zy_sensor_fetch(id) };
    if r < 0 {
        Err(-r)
    } else {
        Ok(())
    }
}

/// `sensor_channel_get`: (val1, val2 in millionths).
#[cfg(feature = "zephyr-sensor")]
pub fn sensor_get(id: u32, chan: u32) -> Result<(i32, i32), i32> {
    let (mut a, mut b) = (0i32, 0i32);
    // SAFETY: valid out-pointers; the shim reads the channel into a local array of 3 values.
    let r = unsafe { zy_sensor_get(id, chan, &mut a, &mut b) };
    if r < 0 {
        Err(-r)
    } else {
        Ok((a, b))
    }
}

/// Run a shell command: (return code, output bytes written into `out`).
#[cfg(feature = "zephyr-shell")]
pub fn shell_exec(cmd: &str, out: &mut [u8]) -> (i32, usize) {
    let mut c: alloc::vec::Vec<u8> = alloc::vec::Vec::with_capacity(cmd.len() + 1);
    c.extend_from_slice(cmd.as_bytes());
    c.push(0);
    let mut n = 0usize;
    // SAFETY: `c` is NUL-terminated; the shim writes at most `out.len()` bytes into `out` and
    // the count into `n`.
    let rc = unsafe { zy_shell_exec(c.as_ptr().cast(), out.as_mut_ptr(), out.len(), &mut n) };
    (rc, n.min(out.len()))
}

// ---------------------------------------------------------------------------------------------
// Test helpers (feature test-helpers): C functions the test application provides
// (tests/zephyr/machine/src/emul.c); never in the default firmware.

#[cfg(feature = "test-helpers")]
extern "C" {
    fn zy_test_call(op: u32, a: i32, b: i32) -> c_int;
}

/// Run test helper `op` with two integer arguments; its result (negative errno on failure).
#[cfg(feature = "test-helpers")]
pub fn test_call(op: u32, a: i32, b: i32) -> i32 {
    // SAFETY: plain integers; the test application's helper checks them.
    unsafe { zy_test_call(op, a, b) }
}
