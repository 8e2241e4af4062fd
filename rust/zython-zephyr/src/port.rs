//! [`zython::port::Port`] implemented over the Zephyr C shim.

use crate::ffi;
use zython::port::Port;

/// The console UART (through the shim's interrupt-driven RX ring buffer) and the kernel clock.
#[derive(Debug, Default)]
pub struct ZephyrPort;

impl Port for ZephyrPort {
    fn write(&mut self, bytes: &[u8]) {
        ffi::console_write(bytes);
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
}

/// A port whose output goes to a callback (the `py` shell command's `shell_fprintf`); it has no input.
pub struct CallbackPort<'a> {
    /// Where output bytes go.
    pub out: &'a mut dyn FnMut(&[u8]),
}

impl Port for CallbackPort<'_> {
    fn write(&mut self, bytes: &[u8]) {
        (self.out)(bytes);
    }

    fn read_byte(&mut self) -> Option<u8> {
        None
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
}
