//! The `zephyr_test` module (feature `test-helpers`, Kconfig
//! `CONFIG_ZYTHON_MACHINE_TEST_HELPERS`): drives Zephyr's emulators from Python in the Twister
//! suite tests/zephyr/machine, through `zy_test_call(op, a, b)` that the test application
//! defines. Never part of the default firmware.
//!
//! `zephyr_test.call(op, a=0, b=0)`: the operations are listed in the test's src/emul.c.
//! `zephyr_test.hw(op, ...)`: the port's [`zython::hw::Hardware`] called directly (no
//! `machine` classes in between), so the suite checks the port layer on its own.

use crate::ffi;
use crate::machine::ZephyrHardware;
use alloc::string::String;
use alloc::vec::Vec;
use zython::hw::{Errno, Hardware, I2cMsg, Kind, Name, PinMode, UartConfig};
use zython::modules::native;
use zython::native_fn;
use zython::statics::{ModuleDef, StaticObj};
use zython::value::Value;
use zython::vm::{PyResult, Vm};

native_fn!(CALL, "call", 1, 3, |vm, a, _| {
    let mut x = [0i32; 3];
    for (i, v) in a.iter().enumerate() {
        match v.as_small_int().and_then(|n| i32::try_from(n).ok()) {
            Some(n) => x[i] = n,
            None => return Err(vm.type_error("int expected")),
        }
    }
    let r = ffi::test_call(x[0] as u32, x[1], x[2]);
    Ok(Value::small_int(r as isize))
});

fn int(vm: &mut Vm, a: &[Value], i: usize) -> PyResult<i64> {
    match a.get(i).and_then(|v| v.as_small_int()) {
        Some(n) => Ok(n as i64),
        None => Err(vm.type_error("int expected")),
    }
}

fn kind(vm: &mut Vm, a: &[Value], i: usize) -> PyResult<Kind> {
    Ok(match int(vm, a, i)? {
        0 => Kind::Pin,
        1 => Kind::I2c,
        2 => Kind::Spi,
        3 => Kind::Uart,
        4 => Kind::Pwm,
        5 => Kind::Adc,
        6 => Kind::Timer,
        7 => Kind::Wdt,
        8 => Kind::Rtc,
        _ => return Err(vm.value_error("bad kind")),
    })
}

fn bytes(vm: &mut Vm, a: &[Value], i: usize) -> PyResult<Vec<u8>> {
    match a.get(i).and_then(|&v| native::buffer(vm, v)) {
        Some(b) => Ok(b),
        None => Err(vm.type_error("bytes expected")),
    }
}

fn ok(vm: &mut Vm, r: Result<(), Errno>) -> PyResult<Value> {
    r.map_err(|e| vm.os_error(e))?;
    Ok(Value::NONE)
}

fn hw_op(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    let op = match a.first().and_then(|&v| vm.str_data(v)) {
        Some(s) => String::from(s),
        None => return Err(vm.type_error("op must be a str")),
    };
    let mut hw = ZephyrHardware;
    let id = |vm: &mut Vm| -> PyResult<u16> { Ok(int(vm, a, 1)? as u16) };
    match op.as_str() {
        "lookup" => {
            let k = kind(vm, a, 1)?;
            let r = match (
                a.get(2).and_then(|&v| vm.str_data(v)).map(String::from),
                a.get(3),
            ) {
                (Some(s), Some(_)) => {
                    let n = int(vm, a, 3)? as u32;
                    hw.lookup(k, Name::Pair(&s, n))
                }
                (Some(s), None) => hw.lookup(k, Name::Str(&s)),
                (None, _) => {
                    let n = int(vm, a, 2)? as i32;
                    hw.lookup(k, Name::Num(n))
                }
            };
            let id = r.map_err(|e| vm.os_error(e))?;
            Ok(Value::small_int(id as isize))
        }
        "names" => {
            let k = kind(vm, a, 1)?;
            let mut names = Vec::new();
            hw.names(k, &mut |s| names.push(String::from(s)));
            let mut out = String::new();
            for n in names {
                out.push_str(&n);
                out.push(' ');
            }
            vm.new_str(out.trim_end())
        }
        "pin_config" => {
            let (p, m, pull, v) = (id(vm)?, int(vm, a, 2)?, int(vm, a, 3)?, int(vm, a, 4)?);
            let mode = match m {
                0 => PinMode::In,
                1 => PinMode::Out,
                _ => PinMode::OpenDrain,
            };
            let r = hw.pin_config(p, mode, pull as u8, (v >= 0).then_some(v == 1));
            ok(vm, r)
        }
        "pin_get" => {
            let p = id(vm)?;
            let v = hw.pin_get(p).map_err(|e| vm.os_error(e))?;
            Ok(Value::small_int(v as isize))
        }
        "pin_set" => {
            let (p, v) = (id(vm)?, int(vm, a, 2)?);
            let r = hw.pin_set(p, v != 0);
            ok(vm, r)
        }
        "pin_irq" => {
            let (p, t) = (id(vm)?, int(vm, a, 2)?);
            let r = hw.pin_irq(p, t as u8);
            ok(vm, r)
        }
        "event" => match hw.take_event() {
            Some(e) => {
                let t = [
                    Value::small_int(e.kind as u8 as isize),
                    Value::small_int(e.id as isize),
                ];
                vm.new_tuple(&t)
            }
            None => Ok(Value::NONE),
        },
        "lost" => Ok(Value::small_int(hw.lost_events() as isize)),
        "i2c" => {
            let (bus, addr) = (id(vm)?, int(vm, a, 2)? as u16);
            let w = bytes(vm, a, 3)?;
            let mut r = alloc::vec![0u8; int(vm, a, 4)? as usize];
            let mut msgs = Vec::new();
            if !w.is_empty() {
                msgs.push(I2cMsg::Write(&w));
            }
            if !r.is_empty() {
                msgs.push(I2cMsg::Read(&mut r));
            }
            let res = hw.i2c_transfer(bus, addr, &mut msgs, true);
            drop(msgs);
            res.map_err(|e| vm.os_error(e))?;
            vm.new_bytes(&r)
        }
        "spi" => {
            let bus = id(vm)?;
            let w = bytes(vm, a, 2)?;
            let mut r = alloc::vec![0u8; w.len()];
            let res = hw.spi_transfer(bus, &w, &mut r, 0);
            res.map_err(|e| vm.os_error(e))?;
            vm.new_bytes(&r)
        }
        "uart_cfg" => {
            let (u, baud) = (id(vm)?, int(vm, a, 2)? as u32);
            let cfg = UartConfig {
                baudrate: baud,
                bits: 8,
                parity: 0,
                stop: 1,
            };
            let r = hw.uart_config(u, &cfg);
            ok(vm, r)
        }
        "uart_w" => {
            let u = id(vm)?;
            let w = bytes(vm, a, 2)?;
            let n = hw.uart_write(u, &w).map_err(|e| vm.os_error(e))?;
            Ok(Value::small_int(n as isize))
        }
        "uart_r" => {
            let u = id(vm)?;
            let mut r = alloc::vec![0u8; int(vm, a, 2)? as usize];
            let n = hw.uart_read(u, &mut r).map_err(|e| vm.os_error(e))?;
            vm.new_bytes(&r[..n])
        }
        "uart_any" => {
            let u = id(vm)?;
            let n = hw.uart_any(u).map_err(|e| vm.os_error(e))?;
            Ok(Value::small_int(n as isize))
        }
        "adc" => {
            let c = id(vm)?;
            let (v, uv) = hw.adc_read(c).map_err(|e| vm.os_error(e))?;
            let t = [Value::small_int(v as isize), Value::small_int(uv as isize)];
            vm.new_tuple(&t)
        }
        "timer" => {
            let (t, us, per) = (id(vm)?, int(vm, a, 2)?, int(vm, a, 3)?);
            let r = hw.timer_start(t, us as u64, per != 0);
            ok(vm, r)
        }
        "timer_stop" => {
            let t = id(vm)?;
            hw.timer_stop(t);
            Ok(Value::NONE)
        }
        "rtc_get" => {
            let r = id(vm)?;
            let t = hw.rtc_get(r).map_err(|e| vm.os_error(e))?;
            let v: Vec<Value> = t.iter().map(|&x| Value::small_int(x as isize)).collect();
            vm.new_tuple(&v)
        }
        "rtc_set" => {
            let r = id(vm)?;
            let mut t = [0u32; 8];
            for (i, x) in t.iter_mut().enumerate() {
                *x = int(vm, a, 2 + i)? as u32;
            }
            let res = hw.rtc_set(r, &t);
            ok(vm, res)
        }
        "wdt" => {
            let (w, ms) = (id(vm)?, int(vm, a, 2)? as u32);
            let r = hw.wdt_start(w, ms);
            ok(vm, r)
        }
        "feed" => {
            let w = id(vm)?;
            let r = hw.wdt_feed(w);
            ok(vm, r)
        }
        "idle" => {
            hw.idle();
            Ok(Value::NONE)
        }
        "lightsleep" => {
            let ms = int(vm, a, 1)? as u32;
            hw.light_sleep(ms);
            Ok(Value::NONE)
        }
        "uid" => {
            let mut b = [0u8; 32];
            let n = hw.unique_id(&mut b);
            vm.new_bytes(&b[..n])
        }
        "reset_cause" => Ok(Value::small_int(hw.reset_cause() as isize)),
        "freq" => Ok(Value::small_int(hw.cpu_freq() as isize)),
        _ => Err(vm.value_error("unknown op")),
    }
}

native_fn!(HW, "hw", 1, 255, |vm, a, _| hw_op(vm, a));

fn init(vm: &mut Vm, g: Value) -> PyResult<()> {
    native::fill(vm, g, &[&CALL, &HW])
}

/// The `zephyr_test` module.
pub static ZEPHYR_TEST_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "zephyr_test",
    attrs: &[],
    init: Some(init),
});
