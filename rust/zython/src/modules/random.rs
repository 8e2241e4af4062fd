//! The `random` module: seed, getrandbits (up to 32 bits), randrange, randint, choice,
//! random, uniform. The generator is xoshiro128** (four 32-bit words of state kept in
//! atomics so that only loads and stores are needed on every target).

use crate::modules::native;
use crate::native_fn;
use crate::statics::{ModuleDef, StaticObj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use portable_atomic::{AtomicU32, Ordering};

static STATE: [AtomicU32; 4] = [
    AtomicU32::new(0x9e37_79b9),
    AtomicU32::new(0x243f_6a88),
    AtomicU32::new(0xb7e1_5162),
    AtomicU32::new(0x1234_5678),
];

/// splitmix32-style mixing used to expand a seed into the state.
fn mix(mut z: u32) -> u32 {
    z = (z ^ (z >> 16)).wrapping_mul(0x85eb_ca6b);
    z = (z ^ (z >> 13)).wrapping_mul(0xc2b2_ae35);
    z ^ (z >> 16)
}

/// Reset the generator from a 64-bit seed.
pub fn seed(s: u64) {
    let mut x = (s as u32) ^ mix((s >> 32) as u32 ^ 0x6a09_e667);
    for a in STATE.iter() {
        x = x.wrapping_add(0x9e37_79b9);
        let mut v = mix(x);
        if v == 0 {
            v = 1;
        }
        a.store(v, Ordering::Relaxed);
    }
}

/// The next 32 random bits.
pub fn next_u32() -> u32 {
    let mut s = [0u32; 4];
    for (d, a) in s.iter_mut().zip(STATE.iter()) {
        *d = a.load(Ordering::Relaxed);
    }
    let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
    let t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = s[3].rotate_left(11);
    for (d, a) in s.iter().zip(STATE.iter()) {
        a.store(*d, Ordering::Relaxed);
    }
    result
}

/// A uniform integer in `0..n` (n > 0), without modulo bias.
pub fn below(n: u64) -> u64 {
    if n <= 1 {
        return 0;
    }
    let bits = 64 - (n - 1).leading_zeros();
    loop {
        let hi = if bits > 32 {
            (next_u32() as u64) << 32
        } else {
            0
        };
        let r = (hi | next_u32() as u64) & (u64::MAX >> (64 - bits));
        if r < n {
            return r;
        }
    }
}

/// A float in [0, 1) with 53 random bits.
pub fn unit() -> f64 {
    let hi = (next_u32() >> 5) as u64;
    let lo = (next_u32() >> 6) as u64;
    ((hi << 26) | lo) as f64 / (1u64 << 53) as f64
}

fn randrange_i(vm: &mut Vm, start: i64, stop: i64, step: i64) -> PyResult<Value> {
    if step == 0 {
        return Err(vm.value_error("zero step for randrange()"));
    }
    let n = if step > 0 {
        (stop as i128 - start as i128 + step as i128 - 1) / step as i128
    } else {
        (start as i128 - stop as i128 - step as i128 - 1) / (-step as i128)
    };
    if n <= 0 {
        return Err(vm.value_error("empty range for randrange()"));
    }
    let k = below(n.min(u64::MAX as i128) as u64) as i128;
    vm.new_int((start as i128 + k * step as i128) as i64)
}

native_fn!(SEED, "seed", 0, 1, |vm, a, _| {
    let s = match a.first() {
        Some(&v) if v != Value::NONE => vm.to_i64(v)? as u64,
        _ => {
            let t = vm.port.ticks_us();
            let e = vm.port.epoch_ns().unwrap_or(0);
            t ^ e.rotate_left(17) ^ (next_u32() as u64) << 32
        }
    };
    seed(s);
    Ok(Value::NONE)
});
native_fn!(GETRANDBITS, "getrandbits", 1, 1, |vm, a, _| {
    let n = vm.to_i64(a[0])?;
    if !(0..=32).contains(&n) {
        return Err(vm.value_error("bits must be 32 or less"));
    }
    if n == 0 {
        return Ok(Value::small_int(0));
    }
    vm.new_int((next_u32() >> (32 - n)) as i64)
});
native_fn!(RANDRANGE, "randrange", 1, 3, |vm, a, _| {
    let x = vm.to_i64(a[0])?;
    match a.len() {
        1 => randrange_i(vm, 0, x, 1),
        2 => {
            let y = vm.to_i64(a[1])?;
            randrange_i(vm, x, y, 1)
        }
        _ => {
            let y = vm.to_i64(a[1])?;
            let s = vm.to_i64(a[2])?;
            randrange_i(vm, x, y, s)
        }
    }
});
native_fn!(RANDINT, "randint", 2, 2, |vm, a, _| {
    let x = vm.to_i64(a[0])?;
    let y = vm.to_i64(a[1])?;
    if y == i64::MAX {
        return Err(vm.overflow_error("overflow converting long int to machine word"));
    }
    randrange_i(vm, x, y + 1, 1)
});
native_fn!(CHOICE, "choice", 1, 1, |vm, a, _| {
    let n = vm.len(a[0])?;
    if n == 0 {
        return Err(vm.index_error("empty sequence"));
    }
    let i = below(n as u64) as i64;
    let iv = vm.new_int(i)?;
    vm.getitem(a[0], iv)
});
native_fn!(RANDOM, "random", 0, 0, |vm, _, _| vm.new_float(unit()));
native_fn!(UNIFORM, "uniform", 2, 2, |vm, a, _| {
    let x = vm.to_f64(a[0])?;
    let y = vm.to_f64(a[1])?;
    vm.new_float(x + (y - x) * unit())
});

static FUNCTIONS: &[&StaticObj] = &[
    &SEED,
    &GETRANDBITS,
    &RANDRANGE,
    &RANDINT,
    &CHOICE,
    &RANDOM,
    &UNIFORM,
];

fn random_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    native::fill(vm, g, FUNCTIONS)
}

/// The `random` module.
pub static RANDOM_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "random",
    attrs: &[],
    init: Some(random_init),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeatable_and_bounded() {
        seed(1);
        let a = [next_u32(), next_u32()];
        seed(1);
        assert_eq!(a, [next_u32(), next_u32()]);
        for n in [1u64, 2, 3, 10, 1 << 40] {
            for _ in 0..50 {
                assert!(below(n) < n);
            }
        }
        let u = unit();
        assert!((0.0..1.0).contains(&u));
    }
}
