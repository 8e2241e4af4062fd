//! [`zython::hw::Hardware`] on Zephyr's drivers, through the C shim (c/zython_machine.c).
//!
//! Device names come from the board's devicetree (tables generated at build time in the shim);
//! ids are the shim's. Each class is compiled only with its cargo feature (Kconfig
//! `CONFIG_ZYTHON_MACHINE_<CLASS>`); the others answer `ENOTSUP` through the trait's defaults.
//!
//! Pins use the devicetree's active level: `Pin("led0").value(1)` lights an LED wired active
//! low. MicroPython's Zephyr port reads and drives raw levels; for `("gpio0", n)` pins, which
//! carry no devicetree flags, both agree.

use crate::ffi;
use zython::hw::{Errno, Event, Hardware, Kind, Name};

/// The board's hardware (stateless on the Rust side: all state lives in the shim's tables).
#[derive(Debug, Default)]
pub struct ZephyrHardware;

fn kind_from(k: u8) -> Option<Kind> {
    Some(match k {
        0 => Kind::Pin,
        1 => Kind::I2c,
        2 => Kind::Spi,
        3 => Kind::Uart,
        4 => Kind::Pwm,
        5 => Kind::Adc,
        6 => Kind::Timer,
        7 => Kind::Wdt,
        8 => Kind::Rtc,
        9 => Kind::Sensor,
        _ => return None,
    })
}

/// How long one wait of `idle`/`light_sleep` may last before Ctrl-C is looked at again.
const WAIT_SLICE_MS: u32 = 10;

impl Hardware for ZephyrHardware {
    fn lookup(&mut self, kind: Kind, name: Name<'_>) -> Result<u16, Errno> {
        let (form, s, n) = match name {
            Name::Str(s) => (0, s, 0),
            Name::Pair(s, n) => (1, s, i32::try_from(n).map_err(|_| zython::hw::EINVAL)?),
            Name::Num(n) => (2, "", n),
        };
        ffi::hw_lookup(kind as u8, form, s.as_bytes(), n)
    }

    fn names(&mut self, kind: Kind, f: &mut dyn FnMut(&str)) {
        let mut i = 0;
        while let Some(s) = ffi::hw_name(kind as u8, i) {
            f(s);
            i += 1;
        }
    }

    #[cfg(feature = "machine-pin")]
    fn pin_config(
        &mut self,
        pin: u16,
        mode: zython::hw::PinMode,
        pull: zython::hw::Pull,
        value: Option<bool>,
    ) -> Result<(), Errno> {
        let mode = match mode {
            zython::hw::PinMode::In => 0,
            zython::hw::PinMode::Out => 1,
            zython::hw::PinMode::OpenDrain => 2,
        };
        ffi::pin_config(pin, mode, pull, value.map_or(-1, i32::from))
    }

    #[cfg(feature = "machine-pin")]
    fn pin_get(&mut self, pin: u16) -> Result<bool, Errno> {
        ffi::pin_get(pin)
    }

    #[cfg(feature = "machine-pin")]
    fn pin_set(&mut self, pin: u16, value: bool) -> Result<(), Errno> {
        ffi::pin_set(pin, value)
    }

    #[cfg(feature = "machine-pin")]
    fn pin_irq(&mut self, pin: u16, trigger: zython::hw::Trigger) -> Result<(), Errno> {
        ffi::pin_irq(pin, trigger)
    }

    #[cfg(feature = "machine-i2c")]
    fn i2c_config(&mut self, bus: u16, freq: u32) -> Result<(), Errno> {
        ffi::i2c_config(bus, freq)
    }

    #[cfg(feature = "machine-i2c")]
    fn i2c_transfer(
        &mut self,
        bus: u16,
        addr: u16,
        msgs: &mut [zython::hw::I2cMsg<'_>],
        stop: bool,
    ) -> Result<(), Errno> {
        ffi::i2c_transfer(bus, addr, msgs, stop)
    }

    #[cfg(feature = "machine-spi")]
    fn spi_config(&mut self, bus: u16, cfg: &zython::hw::SpiConfig) -> Result<(), Errno> {
        ffi::spi_config(bus, cfg)
    }

    #[cfg(feature = "machine-spi")]
    fn spi_transfer(&mut self, bus: u16, tx: &[u8], rx: &mut [u8], fill: u8) -> Result<(), Errno> {
        ffi::spi_transfer(bus, tx, rx, fill)
    }

    #[cfg(feature = "machine-uart")]
    fn uart_config(&mut self, id: u16, cfg: &zython::hw::UartConfig) -> Result<(), Errno> {
        ffi::uart_config(id, cfg)
    }

    #[cfg(feature = "machine-uart")]
    fn uart_read(&mut self, id: u16, buf: &mut [u8]) -> Result<usize, Errno> {
        ffi::uart_read(id, buf)
    }

    #[cfg(feature = "machine-uart")]
    fn uart_write(&mut self, id: u16, data: &[u8]) -> Result<usize, Errno> {
        ffi::uart_write(id, data)
    }

    #[cfg(feature = "machine-uart")]
    fn uart_any(&mut self, id: u16) -> Result<usize, Errno> {
        ffi::uart_any(id)
    }

    #[cfg(feature = "machine-uart")]
    fn uart_txdone(&mut self, id: u16) -> Result<bool, Errno> {
        ffi::uart_txdone(id)
    }

    #[cfg(feature = "machine-pwm")]
    fn pwm_set(&mut self, id: u16, period_ns: u32, pulse_ns: u32) -> Result<(), Errno> {
        ffi::pwm_set(id, period_ns, pulse_ns)
    }

    #[cfg(feature = "machine-pwm")]
    fn pwm_clock(&mut self, id: u16) -> Result<u64, Errno> {
        ffi::pwm_clock(id)
    }

    #[cfg(feature = "machine-adc")]
    fn adc_read(&mut self, id: u16) -> Result<(u16, i32), Errno> {
        ffi::adc_read(id)
    }

    #[cfg(feature = "machine-timer")]
    fn timer_start(&mut self, id: u16, period_us: u64, periodic: bool) -> Result<(), Errno> {
        ffi::timer_start(id, period_us, periodic)
    }

    #[cfg(feature = "machine-timer")]
    fn timer_stop(&mut self, id: u16) {
        ffi::timer_stop(id);
    }

    #[cfg(feature = "machine-wdt")]
    fn wdt_start(&mut self, id: u16, timeout_ms: u32) -> Result<(), Errno> {
        ffi::wdt_start(id, timeout_ms)
    }

    #[cfg(feature = "machine-wdt")]
    fn wdt_feed(&mut self, id: u16) -> Result<(), Errno> {
        ffi::wdt_feed(id)
    }

    #[cfg(feature = "machine-rtc")]
    fn rtc_get(&mut self, id: u16) -> Result<[u32; 8], Errno> {
        ffi::rtc_get(id)
    }

    #[cfg(feature = "machine-rtc")]
    fn rtc_set(&mut self, id: u16, t: &[u32; 8]) -> Result<(), Errno> {
        ffi::rtc_set(id, t)
    }

    fn take_event(&mut self) -> Option<Event> {
        loop {
            let (k, id) = ffi::hw_take_event()?;
            if let Some(kind) = kind_from(k) {
                return Some(Event { kind, id });
            }
        }
    }

    fn lost_events(&mut self) -> u32 {
        ffi::hw_lost_events()
    }

    fn delay_us(&mut self, us: u32) {
        ffi::hw_delay_us(us);
    }

    fn reset(&mut self) {
        ffi::hw_reset();
    }

    fn reset_cause(&mut self) -> u8 {
        ffi::hw_reset_cause()
    }

    fn unique_id(&mut self, buf: &mut [u8]) -> usize {
        ffi::hw_unique_id(buf)
    }

    fn cpu_freq(&mut self) -> u32 {
        ffi::hw_cpu_freq()
    }

    fn idle(&mut self) {
        if ffi::hw_pending_events() == 0 && !zython::interrupt::pending() {
            ffi::hw_wait(WAIT_SLICE_MS);
        }
    }

    fn light_sleep(&mut self, ms: u32) {
        let start = ffi::uptime_ms();
        loop {
            let elapsed = ffi::uptime_ms().saturating_sub(start);
            if elapsed >= u64::from(ms)
                || ffi::hw_pending_events() > 0
                || zython::interrupt::pending()
            {
                return;
            }
            let left = u64::from(ms) - elapsed;
            ffi::hw_wait(left.min(u64::from(WAIT_SLICE_MS)) as u32);
        }
    }

    fn disable_irq(&mut self) -> u32 {
        ffi::irq_lock()
    }

    fn enable_irq(&mut self, state: u32) {
        ffi::irq_unlock(state);
    }
}
