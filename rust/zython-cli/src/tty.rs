//! The host terminal: raw mode while the REPL edits a line, and Ctrl-C (SIGINT) turned into
//! a KeyboardInterrupt request while Python code runs. All `unsafe` of the CLI is here.
//!
//! How Ctrl-C works: the REPL asks the port for raw mode (no echo, no line buffering, no
//! signals, no output processing) while it reads keys, so Ctrl-C arrives as the byte 0x03 and
//! cancels the line; it asks for the saved (cooked) mode while code runs, so the terminal turns
//! Ctrl-C into SIGINT, whose handler requests KeyboardInterrupt from the VM. This is what
//! MicroPython's unix port does. With output processing off in raw mode, the host REPL writes
//! CR LF itself (`ReplConfig::host`).

use std::sync::Mutex;

/// The terminal settings to restore (saved when raw mode is first entered).
static SAVED: Mutex<Option<libc::termios>> = Mutex::new(None);

extern "C" fn on_sigint(_sig: libc::c_int) {
    zython::interrupt::request();
}

/// Route SIGINT (Ctrl-C in cooked mode) to the VM's keyboard-interrupt flag. The handler is
/// installed without `SA_RESTART`, so a blocking `read`, `poll` or `nanosleep` returns EINTR
/// at once and the wait ends (as MicroPython's unix port does).
pub fn install_sigint_handler() {
    // SAFETY: sigaction is plain old data, zeroed is a valid empty value; `on_sigint` only
    // stores to an atomic, which is async-signal-safe; the pointers are valid for the calls.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_sigint as extern "C" fn(libc::c_int) as libc::sighandler_t;
        sa.sa_flags = 0;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGINT, &sa, std::ptr::null_mut());
    }
}

/// Sleep `ms` milliseconds, returning early when Ctrl-C requested KeyboardInterrupt.
pub fn sleep_ms(ms: u32) {
    let mut left = libc::timespec {
        tv_sec: (ms / 1000) as libc::time_t,
        tv_nsec: ((ms % 1000) * 1_000_000) as libc::c_long,
    };
    while !zython::interrupt::pending() {
        let mut rem = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: valid pointers to two timespec structs, alive for the call.
        if unsafe { libc::nanosleep(&left, &mut rem) } == 0 {
            return;
        }
        // EINTR: a signal arrived; go on sleeping unless it was Ctrl-C.
        left = rem;
    }
}

/// Switch stdin between raw (no echo, no line buffering, no signals) and its saved mode.
pub fn set_raw(raw: bool) {
    let Ok(mut saved) = SAVED.lock() else { return };
    if raw {
        // SAFETY: termios is plain old data; tcgetattr fills it for fd 0 or fails (checked).
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: fd 0 and a valid pointer to a termios struct.
        if unsafe { libc::tcgetattr(0, &mut t) } != 0 {
            return;
        }
        if saved.is_none() {
            *saved = Some(t);
        }
        t.c_lflag &= !(libc::ICANON | libc::ECHO | libc::ISIG | libc::IEXTEN);
        t.c_iflag &= !(libc::IXON | libc::ICRNL);
        t.c_oflag &= !libc::OPOST;
        t.c_cc[libc::VMIN] = 1;
        t.c_cc[libc::VTIME] = 0;
        // SAFETY: fd 0 and a valid termios obtained from tcgetattr.
        unsafe {
            libc::tcsetattr(0, libc::TCSANOW, &t);
        }
    } else if let Some(t) = saved.as_ref() {
        // SAFETY: restores settings previously read by tcgetattr for fd 0.
        unsafe {
            libc::tcsetattr(0, libc::TCSANOW, t);
        }
    }
}

/// Puts the terminal back in its saved mode when dropped, also when unwinding from a panic.
pub struct RestoreOnDrop;

impl Drop for RestoreOnDrop {
    fn drop(&mut self) {
        set_raw(false);
    }
}

/// Run `f` (which may switch the terminal to raw mode) and restore the terminal afterwards,
/// even if `f` panics. Call `process::exit` only after this returns.
pub fn with_raw_mode<R>(f: impl FnOnce() -> R) -> R {
    let _restore = RestoreOnDrop;
    f()
}

/// poll(2) over `fds`, each (fd, wanted events, returned events): how many are ready, or the
/// errno (EINTR when a signal such as Ctrl-C arrived, EINVAL for too many descriptors).
pub fn poll(fds: &mut [(i32, u16, u16)], timeout_ms: i32) -> Result<usize, i32> {
    let mut v: Vec<libc::pollfd> = fds
        .iter()
        .map(|f| libc::pollfd {
            fd: f.0,
            events: f.1 as i16,
            revents: 0,
        })
        .collect();
    // SAFETY: a valid pointer to `v.len()` initialised pollfd structs, alive for the call.
    let r = unsafe { libc::poll(v.as_mut_ptr(), v.len() as libc::nfds_t, timeout_ms) };
    if r < 0 {
        return Err(std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EINVAL));
    }
    for (f, p) in fds.iter_mut().zip(&v) {
        f.2 = p.revents as u16;
    }
    Ok(r as usize)
}
