//! [`zython::port::Port`] implemented over the Zephyr C shim.

use crate::ffi;
use crate::line_repl::cook;
use zython::port::Port;

/// The console UART (through the shim's interrupt-driven RX ring buffer) and the kernel clock.
///
/// Output is "cooked" like MicroPython's stdout on a UART: a lone `\n` goes out as `\r\n`.
#[derive(Debug, Default)]
pub struct ZephyrPort {
    last_cr: bool,
}

impl Port for ZephyrPort {
    fn write(&mut self, bytes: &[u8]) {
        cook(bytes, &mut self.last_cr, &mut |b| ffi::console_write(b));
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
