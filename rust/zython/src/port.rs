//! The boundary between the core and a port (host CLI, Zephyr, tests).
//!
//! A port gives the core a console, time and (optionally) files. Everything else is in the core.

use alloc::string::String;
use alloc::vec::Vec;

/// What a port provides to the interpreter.
pub trait Port {
    /// Write bytes to the console (stdout). Line endings are passed through unchanged.
    fn write(&mut self, bytes: &[u8]);
    /// Write bytes to the error stream (stderr); ports without one send them to the console.
    fn write_err(&mut self, bytes: &[u8]) {
        self.write(bytes)
    }
    /// Block until one console byte arrives; `None` means the input has ended (EOF), or that
    /// Ctrl-C ended the wait when `interrupt::pending()` is true (the caller then raises).
    fn read_byte(&mut self) -> Option<u8>;
    /// Milliseconds since an arbitrary start point (wraps freely).
    fn ticks_ms(&mut self) -> u64;
    /// Microseconds since an arbitrary start point (wraps freely).
    fn ticks_us(&mut self) -> u64;
    /// Sleep for `ms` milliseconds; may return early, and should when Ctrl-C requests an
    /// interrupt (the core measures the time slept and sleeps again if needed).
    fn sleep_ms(&mut self, ms: u32);
    /// Read a whole file; `None` when it does not exist or cannot be read.
    fn read_file(&mut self, _path: &str) -> Option<Vec<u8>> {
        None
    }
    /// What is at `path`: 0 = nothing, 1 = a file, 2 = a directory.
    fn stat_kind(&mut self, _path: &str) -> u8 {
        0
    }
    /// Put the console in raw (unbuffered, no echo) mode while the REPL edits a line, and
    /// back to normal while code runs (so Ctrl-C reaches the port's interrupt handling).
    fn set_raw_mode(&mut self, _raw: bool) {}
    /// Environment lookup (MICROPYPATH and friends); `None` when unset or unsupported.
    fn env_var(&mut self, _name: &str) -> Option<String> {
        None
    }
    /// Set (`Some`) or remove (`None`) an environment variable; false when unsupported.
    fn set_env_var(&mut self, _name: &str, _value: Option<&str>) -> bool {
        false
    }
    /// Run a shell command (`os.system`): its wait status as C's system() gives it; `None`
    /// when the port has no shell.
    fn system(&mut self, _cmd: &str) -> Option<i32> {
        None
    }
    /// Nanoseconds since the Unix epoch (`time.time()`); `None` when the port has no clock.
    fn epoch_ns(&mut self) -> Option<u64> {
        None
    }
    /// Write (or with `append`, extend) a whole file; false on failure or when unsupported.
    fn write_file(&mut self, _path: &str, _data: &[u8], _append: bool) -> bool {
        false
    }
    /// The names in directory `path`; `None` when it cannot be listed.
    fn list_dir(&mut self, _path: &str) -> Option<Vec<String>> {
        None
    }
    /// Remove a file (`dir` false) or an empty directory (`dir` true); false on failure.
    fn remove(&mut self, _path: &str, _dir: bool) -> bool {
        false
    }
    /// Make a directory; false on failure or when unsupported.
    fn mkdir(&mut self, _path: &str) -> bool {
        false
    }
    /// Size in bytes of the file at `path`.
    fn file_size(&mut self, _path: &str) -> Option<u64> {
        None
    }
    /// The current directory, when the port has one.
    fn getcwd(&mut self) -> Option<String> {
        None
    }
    /// Rename (move) a file or directory; false on failure or when unsupported.
    fn rename(&mut self, _from: &str, _to: &str) -> bool {
        false
    }
    /// Wait up to `timeout_ms` (-1: no limit) until one of `fds`, each (fd, wanted events,
    /// returned events) with POSIX poll's event bits, is ready; fill in the returned events
    /// and give how many are ready, or `Err(errno)`. The default knows only the console:
    /// stdout and stderr are always writable, any other descriptor is invalid (POLLNVAL).
    fn poll_fds(&mut self, fds: &mut [(i32, u16, u16)], timeout_ms: i32) -> Result<usize, i32> {
        let mut n = 0;
        for f in fds.iter_mut() {
            f.2 = match f.0 {
                0 => 0,
                1 | 2 => f.1 & 0x04,
                _ => 0x20,
            };
            n += (f.2 != 0) as usize;
        }
        if n == 0 && timeout_ms != 0 {
            // No limit: wake up now and then so the caller can check for Ctrl-C.
            self.sleep_ms(if timeout_ms < 0 {
                10
            } else {
                timeout_ms as u32
            });
        }
        Ok(n)
    }
    /// Change the current directory; false when `path` is not a directory or unsupported.
    fn chdir(&mut self, _path: &str) -> bool {
        false
    }
    /// The board's hardware for `machine` (pins, buses, timers...); `None` when it has none.
    fn hardware(&mut self) -> Option<&mut dyn crate::hw::Hardware> {
        None
    }
}

/// A port for unit tests: console output collected in a shared buffer, no input, no clock.
#[cfg(test)]
pub(crate) struct CapturePort(pub alloc::rc::Rc<core::cell::RefCell<Vec<u8>>>);

#[cfg(test)]
impl Port for CapturePort {
    fn write(&mut self, bytes: &[u8]) {
        self.0.borrow_mut().extend_from_slice(bytes);
    }
    fn read_byte(&mut self) -> Option<u8> {
        None
    }
    fn ticks_ms(&mut self) -> u64 {
        0
    }
    fn ticks_us(&mut self) -> u64 {
        0
    }
    fn sleep_ms(&mut self, _ms: u32) {}
}
