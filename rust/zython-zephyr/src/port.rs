//! [`zython::port::Port`] implemented over the Zephyr C shim.

use crate::cooked::cook;
use crate::ffi;
use zython::port::Port;

/// The console UART (through the shim's interrupt-driven RX ring buffer) and the kernel clock.
///
/// In raw mode (the REPL editing a line) bytes pass through unchanged and Ctrl-C is an input
/// byte. In normal mode (code running) output is cooked (a lone `\n` goes out as `\r\n`) and the
/// shim turns Ctrl-C into a KeyboardInterrupt request.
#[derive(Debug)]
pub struct ZephyrPort {
    raw: bool,
    last_cr: bool,
    #[cfg(feature = "fs")]
    fs: crate::fs::Fs,
    #[cfg(feature = "machine")]
    hw: crate::machine::ZephyrHardware,
}

impl Default for ZephyrPort {
    fn default() -> Self {
        ffi::console_set_raw(false);
        ZephyrPort {
            raw: false,
            last_cr: false,
            #[cfg(feature = "fs")]
            fs: crate::fs::Fs::default(),
            #[cfg(feature = "machine")]
            hw: crate::machine::ZephyrHardware,
        }
    }
}

impl Port for ZephyrPort {
    fn write(&mut self, bytes: &[u8]) {
        if self.raw {
            ffi::console_write(bytes);
            self.last_cr = bytes.last().map_or(self.last_cr, |&b| b == b'\r');
        } else {
            cook(bytes, &mut self.last_cr, &mut |b| ffi::console_write(b));
        }
    }

    fn read_byte(&mut self) -> Option<u8> {
        ffi::console_read_byte()
    }

    fn ticks_ms(&mut self) -> u64 {
        ffi::uptime_ms()
    }

    fn ticks_us(&mut self) -> u64 {
        ffi::uptime_us()
    }

    fn sleep_ms(&mut self, ms: u32) {
        ffi::sleep_ms(ms);
    }

    #[cfg(feature = "machine")]
    fn hardware(&mut self) -> Option<&mut dyn zython::hw::Hardware> {
        Some(&mut self.hw)
    }

    fn set_raw_mode(&mut self, raw: bool) {
        self.raw = raw;
        ffi::console_set_raw(raw);
    }

    #[cfg(feature = "fs")]
    fn read_file(&mut self, path: &str) -> Option<alloc::vec::Vec<u8>> {
        self.fs.read_file(path)
    }

    #[cfg(feature = "fs")]
    fn stat_kind(&mut self, path: &str) -> u8 {
        self.fs.stat(path).0
    }

    #[cfg(feature = "fs")]
    fn file_size(&mut self, path: &str) -> Option<u64> {
        Some(self.fs.stat(path)).filter(|s| s.0 == 1).map(|s| s.1)
    }

    #[cfg(feature = "fs")]
    fn write_file(&mut self, path: &str, data: &[u8], append: bool) -> bool {
        self.fs.write_file(path, data, append)
    }

    #[cfg(feature = "fs")]
    fn list_dir(&mut self, path: &str) -> Option<alloc::vec::Vec<alloc::string::String>> {
        self.fs.list_dir(path)
    }

    #[cfg(feature = "fs")]
    fn remove(&mut self, path: &str, dir: bool) -> bool {
        self.fs.remove(path, dir)
    }

    #[cfg(feature = "fs")]
    fn mkdir(&mut self, path: &str) -> bool {
        self.fs.mkdir(path)
    }

    #[cfg(feature = "fs")]
    fn rename(&mut self, from: &str, to: &str) -> bool {
        self.fs.rename(from, to)
    }

    #[cfg(feature = "fs")]
    fn getcwd(&mut self) -> Option<alloc::string::String> {
        Some(self.fs.getcwd())
    }

    #[cfg(feature = "fs")]
    fn chdir(&mut self, path: &str) -> bool {
        self.fs.chdir(path)
    }
}
