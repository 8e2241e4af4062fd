//! The hardware boundary: what a port gives the `machine` and `zephyr` modules.
//!
//! The Python-facing types (Pin, I2C, SPI, UART, PWM, ADC, Timer, WDT, RTC, Signal, SoftI2C,
//! SoftSPI) live in the core and drive the board only through [`Hardware`]. A port returns its
//! implementation from [`crate::port::Port::hardware`]; the host CLI offers none (MicroPython
//! unix's subset of `machine` needs none), Zephyr implements it over its driver APIs, tests
//! use a fake.
//!
//! Devices are named as in the board's devicetree (aliases, node labels, `("gpio0", 13)`
//! pairs) and looked up once; after that they are a small integer id of the port's choosing.
//! Errors are positive errno values (`EIO`, `ENODEV`, `ETIMEDOUT`...), raised as `OSError`.
//!
//! Interrupts (pin edges, timer expiries, UART receive) never run Python and never allocate:
//! the port queues an [`Event`] in a fixed buffer, then calls [`crate::hw::wake`] (ISR-safe).
//! At the next safe point the VM takes the events with [`Hardware::take_event`], in order, and
//! runs the Python handler registered for each.

/// A positive errno value (`crate::modules::errno` has the names).
pub type Errno = i32;
/// `ENODEV`: no such device.
pub const ENODEV: Errno = 19;
/// `EINVAL`: invalid argument.
pub const EINVAL: Errno = 22;
/// `EIO`: I/O error (I2C NACK on data, bus error).
pub const EIO: Errno = 5;
/// `ETIMEDOUT`.
pub const ETIMEDOUT: Errno = 110;
/// `ENOTSUP`: the device or the board cannot do that.
pub const ENOTSUP: Errno = 95;

/// Device classes, as named in the devicetree tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// A GPIO pin.
    Pin = 0,
    /// An I2C controller.
    I2c = 1,
    /// An SPI controller.
    Spi = 2,
    /// A UART (never the console).
    Uart = 3,
    /// A PWM channel (pwm-leds child, alias, or `(controller, channel)`).
    Pwm = 4,
    /// An ADC channel.
    Adc = 5,
    /// A timer (`Timer(-1)` virtual, or numbered).
    Timer = 6,
    /// A watchdog.
    Wdt = 7,
    /// A real-time clock.
    Rtc = 8,
    /// A sensor (the `zephyr` module's sensor class).
    Sensor = 9,
}

/// How a device is named from Python.
#[derive(Clone, Copy, Debug)]
pub enum Name<'a> {
    /// A devicetree alias or node label (`"led0"`, `"i2c0"`), or a port-specific name.
    Str(&'a str),
    /// A controller's node label and a number: `("gpio0", 13)`, `("adc", 0)`.
    Pair(&'a str, u32),
    /// A number: `UART(1)`, `Timer(0)`, `WDT(0)`; `-1` for a virtual timer.
    Num(i32),
}

/// Pin direction and drive (MicroPython's `Pin.IN`, `Pin.OUT`, `Pin.OPEN_DRAIN`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinMode {
    /// Input.
    In,
    /// Push-pull output.
    Out,
    /// Open-drain output (drives low, floats high).
    OpenDrain,
}

/// Pin pull resistor (bit flags; 0 = none).
pub type Pull = u8;
/// Pull-up.
pub const PULL_UP: Pull = 1;
/// Pull-down.
pub const PULL_DOWN: Pull = 2;

/// Pin edge triggers (bit flags; 0 = interrupt off).
pub type Trigger = u8;
/// Rising edge (`Pin.IRQ_RISING`).
pub const IRQ_RISING: Trigger = 1;
/// Falling edge (`Pin.IRQ_FALLING`).
pub const IRQ_FALLING: Trigger = 2;

/// One part of an I2C transaction.
#[derive(Debug)]
pub enum I2cMsg<'a> {
    /// Write these bytes.
    Write(&'a [u8]),
    /// Read into this buffer.
    Read(&'a mut [u8]),
}

/// SPI settings (MicroPython's `SPI.init` arguments).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpiConfig {
    /// Clock rate in Hz.
    pub baudrate: u32,
    /// Clock idle level (0 or 1).
    pub polarity: u8,
    /// Sample on the first (0) or second (1) clock edge.
    pub phase: u8,
    /// Bits per word (8 in practice).
    pub bits: u8,
    /// Most significant bit first (`SPI.MSB`) when true.
    pub msb_first: bool,
}

/// UART settings (MicroPython's `UART.init` arguments).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UartConfig {
    /// Bits per second.
    pub baudrate: u32,
    /// Data bits (5..9).
    pub bits: u8,
    /// 0 none, 1 odd, 2 even.
    pub parity: u8,
    /// Stop bits (1 or 2).
    pub stop: u8,
}

/// One queued interrupt: which device fired. The VM runs the handler registered for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// The device class.
    pub kind: Kind,
    /// The device id given by [`Hardware::lookup`].
    pub id: u16,
}

/// Why the board last reset (MicroPython's `machine.*_RESET` values).
pub mod reset_cause {
    /// Power-on reset.
    pub const PWRON: u8 = 1;
    /// Hard reset (reset pin, brown-out).
    pub const HARD: u8 = 2;
    /// Watchdog reset.
    pub const WDT: u8 = 3;
    /// Wake from deep sleep.
    pub const DEEPSLEEP: u8 = 4;
    /// Software reset (`machine.reset()`).
    pub const SOFT: u8 = 5;
}

/// Everything `machine` needs from a board. Every method has a default that answers
/// `ENOTSUP` (or nothing), so a port implements only what its hardware has.
pub trait Hardware {
    /// Find a device of `kind` by name; its id. `Err(ENODEV)` when the board has none of
    /// that name (the caller then lists [`Hardware::names`] in its ValueError).
    fn lookup(&mut self, _kind: Kind, _name: Name<'_>) -> Result<u16, Errno> {
        Err(ENODEV)
    }
    /// Call `f` with every name of `kind` the board has (for `Pin.board` and error messages).
    fn names(&mut self, _kind: Kind, _f: &mut dyn FnMut(&str)) {}

    /// Configure a pin; `value` sets an output's level before it starts driving.
    fn pin_config(
        &mut self,
        _pin: u16,
        _mode: PinMode,
        _pull: Pull,
        _value: Option<bool>,
    ) -> Result<(), Errno> {
        Err(ENOTSUP)
    }
    /// The pin's level (the input level, or for an output what it drives).
    fn pin_get(&mut self, _pin: u16) -> Result<bool, Errno> {
        Err(ENOTSUP)
    }
    /// Drive an output pin.
    fn pin_set(&mut self, _pin: u16, _value: bool) -> Result<(), Errno> {
        Err(ENOTSUP)
    }
    /// Enable edge interrupts (`trigger` != 0) or disable them (0). Each edge queues an
    /// [`Event`] of kind `Pin`.
    fn pin_irq(&mut self, _pin: u16, _trigger: Trigger) -> Result<(), Errno> {
        Err(ENOTSUP)
    }

    /// Set an I2C controller's bus frequency in Hz.
    fn i2c_config(&mut self, _bus: u16, _freq: u32) -> Result<(), Errno> {
        Err(ENOTSUP)
    }
    /// Run one transaction with the device at 7-bit `addr`: the messages in order, a repeated
    /// start between them, a stop at the end when `stop`. `Err(ENODEV)` when the address is
    /// not acknowledged, `Err(EIO)` for other bus errors.
    fn i2c_transfer(
        &mut self,
        _bus: u16,
        _addr: u16,
        _msgs: &mut [I2cMsg<'_>],
        _stop: bool,
    ) -> Result<(), Errno> {
        Err(ENOTSUP)
    }

    /// Configure an SPI controller.
    fn spi_config(&mut self, _bus: u16, _cfg: &SpiConfig) -> Result<(), Errno> {
        Err(ENOTSUP)
    }
    /// Full-duplex transfer of `max(tx.len(), rx.len())` bytes: `tx` is sent (then `fill`
    /// bytes when it is shorter), what comes back is stored into `rx`.
    fn spi_transfer(
        &mut self,
        _bus: u16,
        _tx: &[u8],
        _rx: &mut [u8],
        _fill: u8,
    ) -> Result<(), Errno> {
        Err(ENOTSUP)
    }

    /// Configure a UART.
    fn uart_config(&mut self, _id: u16, _cfg: &UartConfig) -> Result<(), Errno> {
        Err(ENOTSUP)
    }
    /// Take up to `buf.len()` received bytes without waiting; how many were taken.
    fn uart_read(&mut self, _id: u16, _buf: &mut [u8]) -> Result<usize, Errno> {
        Err(ENOTSUP)
    }
    /// Send bytes (may block until they are queued); how many were accepted.
    fn uart_write(&mut self, _id: u16, _data: &[u8]) -> Result<usize, Errno> {
        Err(ENOTSUP)
    }
    /// Received bytes waiting to be read.
    fn uart_any(&mut self, _id: u16) -> Result<usize, Errno> {
        Err(ENOTSUP)
    }
    /// Has everything written left the transmitter?
    fn uart_txdone(&mut self, _id: u16) -> Result<bool, Errno> {
        Err(ENOTSUP)
    }
    /// Send a break condition (the line held low for longer than a character).
    fn uart_break(&mut self, _id: u16) -> Result<(), Errno> {
        Err(ENOTSUP)
    }

    /// Set a PWM channel: `period_ns` 0 stops it.
    fn pwm_set(&mut self, _id: u16, _period_ns: u32, _pulse_ns: u32) -> Result<(), Errno> {
        Err(ENOTSUP)
    }
    /// The channel's fastest clock (cycles per second), to bound `freq`.
    fn pwm_clock(&mut self, _id: u16) -> Result<u64, Errno> {
        Err(ENOTSUP)
    }

    /// Sample an ADC channel: (raw value scaled to 0..65535, microvolts).
    fn adc_read(&mut self, _id: u16) -> Result<(u16, i32), Errno> {
        Err(ENOTSUP)
    }

    /// Start a timer: after `period_us`, then (when `periodic`) every `period_us`, it queues an
    /// [`Event`] of kind `Timer`. Starting a running timer restarts it.
    fn timer_start(&mut self, _id: u16, _period_us: u64, _periodic: bool) -> Result<(), Errno> {
        Err(ENOTSUP)
    }
    /// Stop a timer (no more events from it).
    fn timer_stop(&mut self, _id: u16) {}

    /// Start the watchdog with a timeout; once started it cannot be stopped.
    fn wdt_start(&mut self, _id: u16, _timeout_ms: u32) -> Result<(), Errno> {
        Err(ENOTSUP)
    }
    /// Feed the watchdog.
    fn wdt_feed(&mut self, _id: u16) -> Result<(), Errno> {
        Err(ENOTSUP)
    }

    /// Read the RTC: (year, month, day, weekday 0=Monday, hour, minute, second, subseconds µs).
    fn rtc_get(&mut self, _id: u16) -> Result<[u32; 8], Errno> {
        Err(ENOTSUP)
    }
    /// Set the RTC (same fields as [`Hardware::rtc_get`]).
    fn rtc_set(&mut self, _id: u16, _t: &[u32; 8]) -> Result<(), Errno> {
        Err(ENOTSUP)
    }

    /// Take the oldest queued interrupt event.
    fn take_event(&mut self) -> Option<Event> {
        None
    }
    /// How many events were dropped because the queue was full (since the last call).
    fn lost_events(&mut self) -> u32 {
        0
    }

    /// Busy-wait `us` microseconds (bit-banged buses, `time_pulse_us`).
    fn delay_us(&mut self, _us: u32) {}
    /// Reset the board; returns only when it cannot.
    fn reset(&mut self) {}
    /// Enter the bootloader; returns only when the board has none.
    fn bootloader(&mut self) {}
    /// Why the board last reset (a [`reset_cause`] value).
    fn reset_cause(&mut self) -> u8 {
        reset_cause::PWRON
    }
    /// Copy the board's unique id into `buf`; its length (0 when it has none).
    fn unique_id(&mut self, _buf: &mut [u8]) -> usize {
        0
    }
    /// CPU clock in Hz.
    fn cpu_freq(&mut self) -> u32 {
        0
    }
    /// Wait for the next interrupt (or return at once when events are queued).
    fn idle(&mut self) {}
    /// Sleep `ms` milliseconds in the lightest low-power state that keeps RAM; returns early
    /// when an interrupt queues an event or Ctrl-C arrives.
    fn light_sleep(&mut self, _ms: u32) {}
    /// Sleep `ms` milliseconds (`u32::MAX`: until a wake-up source) in the deepest state; the
    /// board resets on waking. Returns only when the board cannot.
    fn deep_sleep(&mut self, _ms: u32) {}
    /// Disable interrupts; the state to give back to [`Hardware::enable_irq`].
    fn disable_irq(&mut self) -> u32 {
        0
    }
    /// Restore interrupts to a state `disable_irq` returned.
    fn enable_irq(&mut self, _state: u32) {}
}

/// Tell the VM that events are queued (safe from an interrupt handler: one atomic store).
pub fn wake() {
    crate::modules::micropython::wake();
}
