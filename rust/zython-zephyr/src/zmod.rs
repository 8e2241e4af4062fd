//! Python's `zephyr` module (Kconfig `CONFIG_ZYTHON_ZEPHYR_MODULE`): what Zephyr offers beyond
//! MicroPython's `machine`, over c/zython_zmod.c.
//!
//! - `zephyr.devices()`: names of the ready devices;
//! - `zephyr.Sensor(name)`: `fetch()`, `get(channel)` as a float; channels as class constants
//!   (`zephyr.Sensor.ACCEL_X`, Zephyr's `SENSOR_CHAN_*` values: ACCEL_X/Y/Z, DIE_TEMP,
//!   AMBIENT_TEMP) or by name (`get("HUMIDITY")`, every channel in `CHANNELS`) (with
//!   `CONFIG_SENSOR`);
//! - `zephyr.shell_exec("cmd")`: runs a shell command, returns its output when the shell has
//!   the dummy backend (with `CONFIG_SHELL`);
//! - `zephyr.stacks()`: `(name, size, used)` of every thread's stack (`used` is -1 without
//!   `CONFIG_INIT_STACKS`); all threads with `CONFIG_THREAD_MONITOR`, else the calling one.

use crate::ffi;
use alloc::vec::Vec;
use zython::modules::native;
use zython::native_fn;
use zython::obj::Obj;
use zython::statics::{ModuleDef, StaticObj};
use zython::value::Value;
use zython::vm::{PyResult, Vm};

/// A list of values made one by one (each kept rooted while the next is allocated).
fn list_of(
    vm: &mut Vm,
    mut next: impl FnMut(&mut Vm, u32) -> PyResult<Option<Value>>,
) -> PyResult<Value> {
    let list = vm.new_list(Vec::new())?;
    let base = vm.roots.len();
    vm.roots.push(list);
    let r = (|| {
        let mut i = 0;
        while let Some(v) = next(vm, i)? {
            i += 1;
            if let Some(Obj::List(l)) = vm.heap.get_mut(list) {
                if l.try_reserve(1).is_err() {
                    return Err(vm.no_memory());
                }
                l.push(v);
            }
        }
        Ok(list)
    })();
    vm.roots.truncate(base);
    r
}

native_fn!(DEVICES, "devices", 0, 0, |vm, _a, _| {
    list_of(vm, |vm, i| match ffi::z_device(i, true) {
        Some(name) => vm.new_str(name).map(Some),
        None => Ok(None),
    })
});

native_fn!(STACKS, "stacks", 0, 0, |vm, _a, _| {
    list_of(vm, |vm, i| {
        let Some((name, size, used)) = ffi::thread_stack(i) else {
            return Ok(None);
        };
        let n = vm.new_str(&name)?;
        vm.roots.push(n);
        let t = vm.new_tuple(&[
            n,
            Value::small_int(size as isize),
            Value::small_int(used as isize),
        ]);
        vm.roots.pop();
        t.map(Some)
    })
});

#[cfg(feature = "zephyr-shell")]
native_fn!(SHELL_EXEC, "shell_exec", 1, 1, |vm, a, _| {
    let Some(cmd) = vm.str_data(a[0]).map(alloc::string::String::from) else {
        return Err(vm.type_error("command must be a str"));
    };
    let mut out = alloc::vec![0u8; 2048];
    let (rc, n) = ffi::shell_exec(&cmd, &mut out);
    if rc < 0 {
        return Err(vm.os_error(-rc));
    }
    let s = core::str::from_utf8(&out[..n]).unwrap_or("");
    vm.new_str(s)
});

#[cfg(feature = "zephyr-sensor")]
mod sensor {
    use super::*;
    use core::any::Any;
    use zython::obj::NativeObject;
    use zython::qstr::{q, Qstr};
    use zython::statics::{Attr, TypeDef};
    use zython::types::object::OBJECT;

    /// An opened sensor: its index in Zephyr's device list.
    #[derive(Debug)]
    pub struct Sensor {
        id: u32,
    }

    impl NativeObject for Sensor {
        fn type_obj(&self) -> &'static StaticObj {
            &SENSOR_TYPE
        }
        fn as_any(&self) -> &dyn Any {
            self
        }
        fn as_any_mut(&mut self) -> &mut dyn Any {
            self
        }
    }

    fn sensor_id(vm: &mut Vm, v: Value) -> PyResult<u32> {
        match native::get::<Sensor>(vm, v) {
            Some(s) => Ok(s.id),
            None => Err(vm.type_error("expected a Sensor")),
        }
    }

    fn sensor_new(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
        let name = match a.get(1).and_then(|&v| vm.str_data(v)) {
            Some(s) => alloc::string::String::from(s),
            None => return Err(vm.type_error("Sensor(name): name must be a str")),
        };
        match ffi::sensor_open(&name) {
            Ok(id) => vm.alloc(Obj::Native(alloc::boxed::Box::new(Sensor { id }))),
            Err(_) => {
                let msg = alloc::format!("no ready sensor named '{name}'");
                Err(vm.value_error(&msg))
            }
        }
    }

    native_fn!(FETCH, "fetch", 1, 1, |vm, a, _| {
        let id = sensor_id(vm, a[0])?;
        ffi::sensor_fetch(id).map_err(|e| vm.os_error(e))?;
        Ok(Value::NONE)
    });

    native_fn!(GET, "get", 2, 2, |vm, a, _| {
        let id = sensor_id(vm, a[0])?;
        let by_name = vm
            .str_data(a[1])
            .and_then(|n| CHANNELS.iter().find(|c| c.0 == n).map(|c| c.1));
        let Some(chan) =
            by_name.or_else(|| a[1].as_small_int().and_then(|c| u32::try_from(c).ok()))
        else {
            return Err(vm.value_error("channel: a Sensor constant or a channel name"));
        };
        let (v1, v2) = ffi::sensor_get(id, chan).map_err(|e| vm.os_error(e))?;
        vm.new_float(f64::from(v1) + f64::from(v2) / 1e6)
    });

    static SENSOR_ATTRS: &[(Qstr, Attr)] = &[
        (q::FETCH, Attr::Fn(&FETCH)),
        (q::GET, Attr::Fn(&GET)),
        (q::ACCEL_X, Attr::Int(0)),
        (q::ACCEL_Y, Attr::Int(1)),
        (q::ACCEL_Z, Attr::Int(2)),
        (q::DIE_TEMP, Attr::Int(12)),
        (q::AMBIENT_TEMP, Attr::Int(13)),
    ];

    /// Every channel by name, for `get("HUMIDITY")`: the class constants above are only the
    /// common ones, since each static name costs flash in every firmware (qemu_cortex_m3 had
    /// about 100 bytes left).
    const CHANNELS: &[(&str, u32)] = &[
        ("ACCEL_X", 0),
        ("ACCEL_Y", 1),
        ("ACCEL_Z", 2),
        ("GYRO_X", 4),
        ("GYRO_Y", 5),
        ("GYRO_Z", 6),
        ("MAGN_X", 8),
        ("MAGN_Y", 9),
        ("MAGN_Z", 10),
        ("DIE_TEMP", 12),
        ("AMBIENT_TEMP", 13),
        ("PRESS", 14),
        ("PROX", 15),
        ("HUMIDITY", 16),
        ("LIGHT", 17),
        ("ALTITUDE", 22),
        ("DISTANCE", 26),
        ("CO2", 27),
        ("VOC", 29),
        ("VOLTAGE", 31),
        ("CURRENT", 33),
        ("POWER", 34),
    ];

    /// `zephyr.Sensor`.
    pub static SENSOR_TYPE: StaticObj = StaticObj::Type(&TypeDef {
        name: "Sensor",
        base: Some(&OBJECT),
        attrs: SENSOR_ATTRS,
        make_new: Some(sensor_new),
        attr_hook: None,
        subclassable: false,
    });
}

fn zephyr_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    native::fill(vm, g, &[&DEVICES, &STACKS])?;
    #[cfg(feature = "zephyr-shell")]
    native::fill(vm, g, &[&SHELL_EXEC])?;
    #[cfg(feature = "zephyr-sensor")]
    {
        let k = vm.qstrs.intern_static("Sensor");
        vm.dict_set_str(g, k, Value::from_static(&sensor::SENSOR_TYPE))?;
    }
    Ok(())
}

/// The `zephyr` module.
pub static ZEPHYR_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "zephyr",
    attrs: &[],
    init: Some(zephyr_init),
});
