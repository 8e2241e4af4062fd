//! The host implementation of the core's Port: stdio, clock, files and environment.

use std::io::{Read, Write};
use std::time::Instant;

/// Console and filesystem access for the `zython` command.
pub struct HostPort {
    start: Instant,
    stdout: std::io::Stdout,
}

impl Default for HostPort {
    fn default() -> Self {
        Self::new()
    }
}

impl HostPort {
    /// A port on this process's stdio.
    pub fn new() -> HostPort {
        HostPort {
            start: Instant::now(),
            stdout: std::io::stdout(),
        }
    }
}

impl zython::port::Port for HostPort {
    fn write(&mut self, bytes: &[u8]) {
        let _ = self.stdout.write_all(bytes);
        let _ = self.stdout.flush();
    }
    fn write_err(&mut self, bytes: &[u8]) {
        let _ = self.stdout.flush();
        let _ = std::io::stderr().write_all(bytes);
    }
    fn read_byte(&mut self) -> Option<u8> {
        let _ = self.stdout.flush();
        let mut b = [0u8; 1];
        loop {
            match std::io::stdin().read(&mut b) {
                Ok(1) => return Some(b[0]),
                // A signal ended the wait: Ctrl-C ends the read (the caller raises
                // KeyboardInterrupt), any other signal resumes it.
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                    if zython::interrupt::pending() {
                        return None;
                    }
                }
                _ => return None,
            }
        }
    }
    fn ticks_ms(&mut self) -> u64 {
        self.start.elapsed().as_millis() as u64
    }
    fn ticks_us(&mut self) -> u64 {
        self.start.elapsed().as_micros() as u64
    }
    fn sleep_ms(&mut self, ms: u32) {
        crate::tty::sleep_ms(ms);
    }
    fn poll_fds(&mut self, fds: &mut [(i32, u16, u16)], timeout_ms: i32) -> Result<usize, i32> {
        crate::tty::poll(fds, timeout_ms)
    }
    fn read_file(&mut self, path: &str) -> Option<Vec<u8>> {
        std::fs::read(path).ok()
    }
    fn stat_kind(&mut self, path: &str) -> u8 {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => 2,
            Ok(_) => 1,
            Err(_) => 0,
        }
    }
    fn set_raw_mode(&mut self, raw: bool) {
        crate::tty::set_raw(raw);
    }
    fn env_var(&mut self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }
    fn set_env_var(&mut self, name: &str, value: Option<&str>) -> bool {
        if name.is_empty() || name.contains(['=', '\0']) || value.is_some_and(|v| v.contains('\0'))
        {
            return false;
        }
        match value {
            Some(v) => std::env::set_var(name, v),
            None => std::env::remove_var(name),
        }
        true
    }
    fn system(&mut self, cmd: &str) -> Option<i32> {
        use std::os::unix::process::ExitStatusExt;
        let _ = self.stdout.flush();
        let st = std::process::Command::new("/bin/sh")
            .args(["-c", cmd])
            .status()
            .ok()?;
        Some(st.into_raw())
    }
    fn write_file(&mut self, path: &str, data: &[u8], append: bool) -> bool {
        let f = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(path);
        match f {
            Ok(mut f) => f.write_all(data).is_ok(),
            Err(_) => false,
        }
    }
    fn list_dir(&mut self, path: &str) -> Option<Vec<String>> {
        let rd = std::fs::read_dir(path).ok()?;
        let mut names: Vec<String> = rd
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        Some(names)
    }
    fn remove(&mut self, path: &str, dir: bool) -> bool {
        if dir {
            std::fs::remove_dir(path).is_ok()
        } else {
            std::fs::remove_file(path).is_ok()
        }
    }
    fn mkdir(&mut self, path: &str) -> bool {
        std::fs::create_dir(path).is_ok()
    }
    fn file_size(&mut self, path: &str) -> Option<u64> {
        std::fs::metadata(path).ok().map(|m| m.len())
    }
    fn rename(&mut self, from: &str, to: &str) -> bool {
        std::fs::rename(from, to).is_ok()
    }
    fn chdir(&mut self, path: &str) -> bool {
        std::env::set_current_dir(path).is_ok()
    }
    fn getcwd(&mut self) -> Option<String> {
        std::env::current_dir()
            .ok()
            .map(|p| p.to_string_lossy().into_owned())
    }
    fn epoch_ns(&mut self) -> Option<u64> {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .map(|d| d.as_nanos() as u64)
    }
}
