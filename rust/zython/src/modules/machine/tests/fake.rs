//! A fake board for the machine tests, driven from Python through a control UART.
//!
//! Devices: pins `led0` `led1` `sw0` and `("gpio0", n)` / `n` (n < 32); `i2c0` with a
//! 256-byte EEPROM at 0x50 (first written byte sets the address pointer), NACK elsewhere; the
//! same EEPROM answers bit-banged I2C on gpio0 pins 4 (SCL) and 5 (SDA); `spi0` loops MOSI back
//! to MISO; `uart0` loops back; `pwm0`; `adc0` and `("adc", 1)`; timers 0, 1 and fresh ids
//! for `Timer(-1)`; WDT 0; RTC 0. Events go into a 16-entry queue (overflow is counted).
//!
//! `UART("ctl")` takes commands, one per write, and queues its answers for reading:
//! `in P L` (drive input pin P to level L, queueing an edge event when its IRQ wants it),
//! `storm P N` (N edges on P), `fire T` (timer T expires), `link A B` (pin A reads pin B),
//! `adc C RAW UV`, `rx U TEXT`, `pwm C` (answers "period pulse"), `timers` (running ids),
//! `wdt` (answers "timeout feeds"), `irq` (answers the enable_irq state), `pin P` (level),
//! `events` (how many are queued), `stretch 1|0` (a device holds SCL low, or lets go).

use crate::hw::*;
use crate::port::Port;
use alloc::collections::VecDeque;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;

const NPINS: usize = 48;
const CTL: u16 = 9;
const SCL: u16 = 14;
const SDA: u16 = 15;

/// Bit-level state of the EEPROM on the bit-banged bus.
#[derive(Default)]
struct Slave {
    /// 0 idle, 1 receiving bits, 2 our ack slot, 3 sending bits, 4 master's ack slot.
    state: u8,
    byte: u8,
    n: u8,
    addressed: bool,
    read: bool,
    first: bool,
    drive_low: bool,
    master_acked: bool,
}

/// The fake board.
pub struct Fake {
    level: [bool; NPINS],
    trigger: [u8; NPINS],
    link: [Option<u16>; NPINS],
    eeprom: [u8; 256],
    ptr: u8,
    slave: Slave,
    uart_rx: [VecDeque<u8>; 10],
    adc: [(u16, i32); 2],
    pwm: (u32, u32),
    timers: Vec<(u16, u64, bool)>,
    next_timer: u16,
    wdt: (u32, u32),
    rtc: [u32; 8],
    events: VecDeque<Event>,
    lost: u32,
    irq_state: u32,
    /// A device holds SCL low (clock stretching that never ends).
    stretch: bool,
    /// Microseconds of fake time (advanced by delays, sleeps and every clock read).
    pub clock: Rc<RefCell<u64>>,
}

impl Fake {
    fn new(clock: Rc<RefCell<u64>>) -> Fake {
        Fake {
            level: [false; NPINS],
            trigger: [0; NPINS],
            link: [None; NPINS],
            eeprom: [0xff; 256],
            ptr: 0,
            slave: Slave::default(),
            uart_rx: Default::default(),
            adc: [(0, 0); 2],
            pwm: (0, 0),
            timers: Vec::new(),
            next_timer: 100,
            wdt: (0, 0),
            rtc: [2000, 1, 1, 5, 0, 0, 0, 0],
            events: VecDeque::new(),
            lost: 0,
            irq_state: 0,
            stretch: false,
            clock,
        }
    }

    fn push(&mut self, ev: Event) {
        if self.events.len() >= 16 {
            self.lost += 1;
        } else {
            self.events.push_back(ev);
        }
        wake();
    }

    fn drive_input(&mut self, pin: usize, level: bool) {
        let Some(&old) = self.level.get(pin) else {
            return;
        };
        self.level[pin] = level;
        let want = match (old, level) {
            (false, true) => IRQ_RISING,
            (true, false) => IRQ_FALLING,
            _ => 0,
        };
        if self.trigger[pin] & want != 0 {
            self.push(Event {
                kind: Kind::Pin,
                id: pin as u16,
            });
        }
    }

    fn answer(&mut self, s: &str) {
        self.uart_rx[CTL as usize].extend(s.as_bytes());
    }

    fn command(&mut self, cmd: &str) {
        let w: Vec<&str> = cmd.split_whitespace().collect();
        let num = |i: usize| w.get(i).and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
        match w.first().copied() {
            Some("in") => self.drive_input(num(1) as usize, num(2) != 0),
            Some("storm") => {
                for _ in 0..num(2) {
                    let p = num(1) as usize;
                    let l = !self.level.get(p).copied().unwrap_or(false);
                    self.drive_input(p, l);
                }
            }
            Some("fire") => {
                let id = num(1) as u16;
                if let Some(i) = self.timers.iter().position(|t| t.0 == id) {
                    if !self.timers[i].2 {
                        self.timers.remove(i);
                    }
                    self.push(Event {
                        kind: Kind::Timer,
                        id,
                    });
                }
            }
            Some("link") => {
                if let Some(l) = self.link.get_mut(num(1) as usize) {
                    *l = Some(num(2) as u16);
                }
            }
            Some("adc") => {
                if let Some(a) = self.adc.get_mut(num(1) as usize) {
                    *a = (num(2) as u16, num(3) as i32);
                }
            }
            Some("rx") => {
                let text = cmd.splitn(3, ' ').nth(2).unwrap_or("");
                let text = text.replace("\\n", "\n");
                if let Some(q) = self.uart_rx.get_mut(num(1) as usize) {
                    q.extend(text.as_bytes());
                }
            }
            Some("pwm") => {
                let s = format!("{} {}", self.pwm.0, self.pwm.1);
                self.answer(&s);
            }
            Some("timers") => {
                let s: Vec<String> = self.timers.iter().map(|t| format!("{}", t.0)).collect();
                let s = s.join(" ");
                self.answer(&s);
            }
            Some("wdt") => {
                let s = format!("{} {}", self.wdt.0, self.wdt.1);
                self.answer(&s);
            }
            Some("irq") => {
                let s = format!("{}", self.irq_state);
                self.answer(&s);
            }
            Some("stretch") => self.stretch = num(1) != 0,
            Some("events") => {
                let s = format!("{}", self.events.len());
                self.answer(&s);
            }
            Some("pin") => {
                let l = self.level.get(num(1) as usize).copied().unwrap_or(false);
                self.answer(if l { "1" } else { "0" });
            }
            _ => self.answer("?"),
        }
    }

    /// The SDA line: the master's level and the EEPROM's pull-down.
    fn sda_line(&self) -> bool {
        self.level[SDA as usize] && !self.slave.drive_low
    }

    /// The bit-banged bus moved: `pin` was set to `level` by the master.
    fn bus(&mut self, pin: u16, level: bool) {
        let scl_old = self.level[SCL as usize];
        let sda_old = self.sda_line();
        self.level[pin as usize] = level;
        let s = &mut self.slave;
        if pin == SDA {
            let sda = self.level[SDA as usize] && !s.drive_low;
            if scl_old && sda_old && !sda {
                // START (or repeated start): the address follows.
                *s = Slave {
                    state: 1,
                    first: true,
                    ..Slave::default()
                };
            } else if scl_old && !sda_old && sda {
                // STOP.
                *s = Slave::default();
            }
            return;
        }
        let rising = !scl_old && level;
        let falling = scl_old && !level;
        let sda_master = self.level[SDA as usize];
        match (s.state, rising, falling) {
            (1, true, _) => {
                s.byte = (s.byte << 1) | sda_master as u8;
                s.n += 1;
            }
            (1, _, true) if s.n == 8 => {
                let b = s.byte;
                s.n = 0;
                s.byte = 0;
                if !s.addressed {
                    if b >> 1 == 0x50 {
                        s.addressed = true;
                        s.read = b & 1 != 0;
                        s.drive_low = true;
                        s.state = 2;
                    } else {
                        s.state = 0;
                    }
                } else {
                    if s.first {
                        self.ptr = b;
                        s.first = false;
                    } else {
                        self.eeprom[self.ptr as usize] = b;
                        self.ptr = self.ptr.wrapping_add(1);
                    }
                    s.drive_low = true;
                    s.state = 2;
                }
            }
            (2, _, true) => {
                s.drive_low = false;
                if s.read {
                    s.byte = self.eeprom[self.ptr as usize];
                    self.ptr = self.ptr.wrapping_add(1);
                    s.n = 0;
                    s.drive_low = s.byte & 0x80 == 0;
                    s.state = 3;
                } else {
                    s.state = 1;
                }
            }
            (3, _, true) => {
                s.n += 1;
                if s.n == 8 {
                    s.drive_low = false;
                    s.state = 4;
                } else {
                    s.drive_low = (s.byte >> (7 - s.n)) & 1 == 0;
                }
            }
            (4, true, _) => s.master_acked = !sda_master,
            (4, _, true) => {
                if s.master_acked {
                    s.byte = self.eeprom[self.ptr as usize];
                    self.ptr = self.ptr.wrapping_add(1);
                    s.n = 0;
                    s.drive_low = s.byte & 0x80 == 0;
                    s.state = 3;
                } else {
                    s.state = 0;
                }
            }
            _ => {}
        }
    }
}

fn pin_of(name: Name<'_>) -> Result<u16, Errno> {
    match name {
        Name::Str("led0") => Ok(0),
        Name::Str("led1") => Ok(1),
        Name::Str("sw0") => Ok(2),
        Name::Pair("gpio0", n) if n < 32 => Ok(10 + n as u16),
        Name::Num(n) if (0..32).contains(&n) => Ok(10 + n as u16),
        Name::Str("gpio_busy") => Err(16),
        _ => Err(ENODEV),
    }
}

impl Hardware for Fake {
    fn lookup(&mut self, kind: Kind, name: Name<'_>) -> Result<u16, Errno> {
        match (kind, name) {
            (Kind::Pin, n) => pin_of(n),
            (Kind::I2c, Name::Str("i2c0")) => Ok(0),
            (Kind::Spi, Name::Str("spi0")) => Ok(0),
            (Kind::Uart, Name::Str("uart0")) => Ok(0),
            (Kind::Uart, Name::Str("ctl")) => Ok(CTL),
            (Kind::Pwm, Name::Str("pwm0")) => Ok(0),
            (Kind::Adc, Name::Str("adc0")) => Ok(0),
            (Kind::Adc, Name::Pair("adc", 1)) => Ok(1),
            (Kind::Timer, Name::Num(-1)) => {
                self.next_timer += 1;
                Ok(self.next_timer)
            }
            (Kind::Timer, Name::Num(n @ 0..=1)) => Ok(n as u16),
            (Kind::Wdt, Name::Num(0)) | (Kind::Rtc, Name::Num(0)) => Ok(0),
            _ => Err(ENODEV),
        }
    }
    fn names(&mut self, kind: Kind, f: &mut dyn FnMut(&str)) {
        let names: &[&str] = match kind {
            Kind::Pin => &["led0", "led1", "sw0"],
            Kind::I2c => &["i2c0"],
            Kind::Uart => &["uart0"],
            Kind::Adc => &["adc0"],
            _ => &[],
        };
        names.iter().for_each(|n| f(n));
    }
    fn pin_config(
        &mut self,
        pin: u16,
        _mode: PinMode,
        _pull: Pull,
        value: Option<bool>,
    ) -> Result<(), Errno> {
        if let Some(v) = value {
            self.pin_set(pin, v)?;
        }
        Ok(())
    }
    fn pin_get(&mut self, pin: u16) -> Result<bool, Errno> {
        *self.clock.borrow_mut() += 1;
        let src = self
            .link
            .get(pin as usize)
            .copied()
            .flatten()
            .unwrap_or(pin);
        if src == SDA {
            return Ok(self.sda_line());
        }
        if src == SCL && self.stretch {
            return Ok(false);
        }
        self.level.get(src as usize).copied().ok_or(EINVAL)
    }
    fn pin_set(&mut self, pin: u16, value: bool) -> Result<(), Errno> {
        if pin == SCL || pin == SDA {
            self.bus(pin, value);
            return Ok(());
        }
        match self.level.get_mut(pin as usize) {
            Some(l) => *l = value,
            None => return Err(EINVAL),
        }
        Ok(())
    }
    fn pin_irq(&mut self, pin: u16, trigger: Trigger) -> Result<(), Errno> {
        match self.trigger.get_mut(pin as usize) {
            Some(t) => *t = trigger,
            None => return Err(EINVAL),
        }
        Ok(())
    }
    fn i2c_config(&mut self, _bus: u16, freq: u32) -> Result<(), Errno> {
        if freq > 1_000_000 {
            return Err(EINVAL);
        }
        Ok(())
    }
    fn i2c_transfer(
        &mut self,
        _bus: u16,
        addr: u16,
        msgs: &mut [I2cMsg<'_>],
        _stop: bool,
    ) -> Result<(), Errno> {
        if addr != 0x50 {
            return Err(ENODEV);
        }
        for m in msgs.iter_mut() {
            match m {
                I2cMsg::Write(data) => {
                    if let Some((&p, rest)) = data.split_first() {
                        self.ptr = p;
                        for &b in rest {
                            self.eeprom[self.ptr as usize] = b;
                            self.ptr = self.ptr.wrapping_add(1);
                        }
                    }
                }
                I2cMsg::Read(buf) => {
                    for b in buf.iter_mut() {
                        *b = self.eeprom[self.ptr as usize];
                        self.ptr = self.ptr.wrapping_add(1);
                    }
                }
            }
        }
        Ok(())
    }
    fn spi_config(&mut self, _bus: u16, cfg: &SpiConfig) -> Result<(), Errno> {
        if cfg.bits != 8 {
            return Err(ENOTSUP);
        }
        Ok(())
    }
    fn spi_transfer(&mut self, _bus: u16, tx: &[u8], rx: &mut [u8], fill: u8) -> Result<(), Errno> {
        for (i, r) in rx.iter_mut().enumerate() {
            *r = tx.get(i).copied().unwrap_or(fill);
        }
        Ok(())
    }
    fn uart_config(&mut self, _id: u16, cfg: &UartConfig) -> Result<(), Errno> {
        if cfg.baudrate > 4_000_000 {
            return Err(EINVAL);
        }
        Ok(())
    }
    fn uart_read(&mut self, id: u16, buf: &mut [u8]) -> Result<usize, Errno> {
        let q = self.uart_rx.get_mut(id as usize).ok_or(EINVAL)?;
        let mut n = 0;
        for b in buf.iter_mut() {
            match q.pop_front() {
                Some(c) => *b = c,
                None => break,
            }
            n += 1;
        }
        Ok(n)
    }
    fn uart_write(&mut self, id: u16, data: &[u8]) -> Result<usize, Errno> {
        if id == CTL {
            let cmd = String::from_utf8_lossy(data).into_owned();
            self.command(&cmd);
        } else {
            self.uart_rx[id as usize].extend(data);
        }
        Ok(data.len())
    }
    fn uart_any(&mut self, id: u16) -> Result<usize, Errno> {
        Ok(self.uart_rx.get(id as usize).map_or(0, |q| q.len()))
    }
    fn uart_txdone(&mut self, _id: u16) -> Result<bool, Errno> {
        Ok(true)
    }
    fn uart_break(&mut self, id: u16) -> Result<(), Errno> {
        if id == 0 {
            self.uart_rx[0].push_back(0);
        }
        Ok(())
    }
    fn pwm_set(&mut self, _id: u16, period_ns: u32, pulse_ns: u32) -> Result<(), Errno> {
        self.pwm = (period_ns, pulse_ns);
        Ok(())
    }
    fn pwm_clock(&mut self, _id: u16) -> Result<u64, Errno> {
        Ok(16_000_000)
    }
    fn adc_read(&mut self, id: u16) -> Result<(u16, i32), Errno> {
        self.adc.get(id as usize).copied().ok_or(EIO)
    }
    fn timer_start(&mut self, id: u16, period_us: u64, periodic: bool) -> Result<(), Errno> {
        self.timer_stop(id);
        self.timers.push((id, period_us, periodic));
        Ok(())
    }
    fn timer_stop(&mut self, id: u16) {
        self.timers.retain(|t| t.0 != id);
    }
    fn wdt_start(&mut self, _id: u16, timeout_ms: u32) -> Result<(), Errno> {
        self.wdt.0 = timeout_ms;
        Ok(())
    }
    fn wdt_feed(&mut self, _id: u16) -> Result<(), Errno> {
        self.wdt.1 += 1;
        Ok(())
    }
    fn rtc_get(&mut self, _id: u16) -> Result<[u32; 8], Errno> {
        Ok(self.rtc)
    }
    fn rtc_set(&mut self, _id: u16, t: &[u32; 8]) -> Result<(), Errno> {
        if t[1] == 0 || t[1] > 12 {
            return Err(EINVAL);
        }
        self.rtc = *t;
        Ok(())
    }
    fn take_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }
    fn lost_events(&mut self) -> u32 {
        core::mem::take(&mut self.lost)
    }
    fn delay_us(&mut self, us: u32) {
        *self.clock.borrow_mut() += us as u64;
    }
    fn reset_cause(&mut self) -> u8 {
        reset_cause::SOFT
    }
    fn unique_id(&mut self, buf: &mut [u8]) -> usize {
        let id = [1, 2, 3, 4];
        buf[..4].copy_from_slice(&id);
        4
    }
    fn cpu_freq(&mut self) -> u32 {
        64_000_000
    }
    fn disable_irq(&mut self) -> u32 {
        self.irq_state += 1;
        self.irq_state
    }
    fn enable_irq(&mut self, state: u32) {
        self.irq_state = state.saturating_sub(1);
    }
}

/// A port with the fake board: console output in a shared buffer, a fake clock.
pub struct FakePort {
    /// Everything written to stdout and stderr.
    pub out: Rc<RefCell<Vec<u8>>>,
    /// The board.
    pub hw: Fake,
}

impl FakePort {
    /// A port with a fresh fake board.
    pub fn new(out: Rc<RefCell<Vec<u8>>>) -> FakePort {
        FakePort {
            out,
            hw: Fake::new(Rc::new(RefCell::new(0))),
        }
    }
}

impl Port for FakePort {
    fn write(&mut self, bytes: &[u8]) {
        self.out.borrow_mut().extend_from_slice(bytes);
    }
    fn read_byte(&mut self) -> Option<u8> {
        None
    }
    fn ticks_ms(&mut self) -> u64 {
        self.ticks_us() / 1000
    }
    fn ticks_us(&mut self) -> u64 {
        let mut c = self.hw.clock.borrow_mut();
        *c += 1;
        *c
    }
    fn sleep_ms(&mut self, ms: u32) {
        *self.hw.clock.borrow_mut() += ms as u64 * 1000;
    }
    fn hardware(&mut self) -> Option<&mut dyn Hardware> {
        Some(&mut self.hw)
    }
}
