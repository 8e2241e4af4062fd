//! Keyboard interrupt (Ctrl-C) requests from a port, polled by the VM at safe points.

use portable_atomic::{AtomicBool, Ordering};

static PENDING: AtomicBool = AtomicBool::new(false);

/// Ask the running Python code to raise KeyboardInterrupt (safe from an ISR or another thread).
pub fn request() {
    PENDING.store(true, Ordering::Relaxed);
}

/// Take a pending request, clearing it; the VM calls this at backward jumps and calls.
pub fn take() -> bool {
    PENDING.load(Ordering::Relaxed) && PENDING.swap(false, Ordering::Relaxed)
}

/// Is a request waiting (without taking it)? Blocking waits return early when one is.
pub fn pending() -> bool {
    PENDING.load(Ordering::Relaxed)
}

/// Drop any pending request (used when the REPL starts a new line).
pub fn clear() {
    PENDING.store(false, Ordering::Relaxed);
}
