//! The `hashlib` module: `sha256` (what mpremote needs to skip unchanged files). As in
//! MicroPython, `digest()` finalises the object: a second digest or a later update raises
//! ValueError("hash is final").

use crate::modules::native;
use crate::native_fn;
use crate::obj::{NativeObject, Obj};
use crate::qstr::{q, Qstr};
use crate::statics::{Attr, ModuleDef, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::any::Any;

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// A SHA-256 computation in progress.
#[derive(Debug, Clone)]
pub struct Sha256 {
    h: [u32; 8],
    buf: [u8; 64],
    buf_len: usize,
    total: u64,
    /// `digest()` was called.
    pub finished: bool,
}

impl Default for Sha256 {
    fn default() -> Self {
        Self::new()
    }
}

impl Sha256 {
    /// A fresh hash.
    pub fn new() -> Sha256 {
        Sha256 {
            h: [
                0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
                0x5be0cd19,
            ],
            buf: [0; 64],
            buf_len: 0,
            total: 0,
            finished: false,
        }
    }

    fn block(&mut self, block: &[u8; 64]) {
        let mut w = [0u32; 64];
        for (i, c) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = self.h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = h
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            h = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in self.h.iter_mut().zip([a, b, c, d, e, f, g, h]) {
            *x = x.wrapping_add(y);
        }
    }

    /// Feed more data.
    pub fn update(&mut self, mut data: &[u8]) {
        self.total = self.total.wrapping_add(data.len() as u64);
        while !data.is_empty() {
            let n = (64 - self.buf_len).min(data.len());
            self.buf[self.buf_len..self.buf_len + n].copy_from_slice(&data[..n]);
            self.buf_len += n;
            data = &data[n..];
            if self.buf_len == 64 {
                let b = self.buf;
                self.block(&b);
                self.buf_len = 0;
            }
        }
    }

    /// The digest of everything fed so far.
    pub fn finish(&self) -> [u8; 32] {
        let mut s = self.clone();
        let bits = self.total.wrapping_mul(8);
        s.update(&[0x80]);
        while s.buf_len != 56 {
            s.update(&[0]);
        }
        s.update(&bits.to_be_bytes());
        let mut out = [0u8; 32];
        for (i, v) in s.h.iter().enumerate() {
            out[i * 4..i * 4 + 4].copy_from_slice(&v.to_be_bytes());
        }
        out
    }
}

impl NativeObject for Sha256 {
    fn type_obj(&self) -> &'static StaticObj {
        &SHA256_TYPE
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

fn data_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(s) = vm.str_data(v) {
        return Ok(s.as_bytes().to_vec());
    }
    match native::buffer(vm, v) {
        Some(b) => Ok(b),
        None => Err(vm.type_error("object with buffer protocol required")),
    }
}

fn feed(vm: &mut Vm, h: Value, v: Value) -> PyResult<()> {
    let data = data_arg(vm, v)?;
    let finished = match native::get::<Sha256>(vm, h) {
        Some(s) => s.finished,
        None => return Err(vm.type_error("expected a hash object")),
    };
    if finished {
        return Err(vm.value_error("hash is final"));
    }
    if let Some(s) = native::get_mut::<Sha256>(vm, h) {
        s.update(&data);
    }
    Ok(())
}

fn take_digest(vm: &mut Vm, h: Value) -> PyResult<[u8; 32]> {
    let r = native::get_mut::<Sha256>(vm, h).map(|s| {
        let was = s.finished;
        s.finished = true;
        (was, s.finish())
    });
    match r {
        Some((false, d)) => Ok(d),
        Some((true, _)) => Err(vm.value_error("hash is final")),
        None => Err(vm.type_error("expected a hash object")),
    }
}

native_fn!(UPDATE, "update", 2, 2, |vm, a, _| {
    feed(vm, a[0], a[1])?;
    Ok(Value::NONE)
});
native_fn!(DIGEST, "digest", 1, 1, |vm, a, _| {
    let d = take_digest(vm, a[0])?;
    vm.new_bytes(&d)
});
native_fn!(HEXDIGEST, "hexdigest", 1, 1, |vm, a, _| {
    let d = take_digest(vm, a[0])?;
    let mut s = alloc::string::String::with_capacity(64);
    for b in d {
        s.push(char::from_digit((b >> 4) as u32, 16).unwrap_or('0'));
        s.push(char::from_digit((b & 15) as u32, 16).unwrap_or('0'));
    }
    vm.new_string(s)
});

fn sha256_new(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = &crate::statics::Args(a);
    if a.len() > 2 {
        return Err(vm.type_error("function takes at most 1 argument"));
    }
    let h = vm.alloc(Obj::Native(Box::new(Sha256::new())))?;
    if let Some(&d) = a.get(1) {
        vm.roots.push(h);
        let r = feed(vm, h, d);
        vm.roots.pop();
        r?;
    }
    Ok(h)
}

static SHA256_ATTRS: &[(Qstr, Attr)] = &[
    (q::UPDATE, Attr::Fn(&UPDATE)),
    (q::DIGEST, Attr::Fn(&DIGEST)),
    (q::HEXDIGEST, Attr::Fn(&HEXDIGEST)),
];

/// The `hashlib.sha256` type.
pub static SHA256_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "sha256",
    base: Some(&OBJECT),
    attrs: SHA256_ATTRS,
    make_new: Some(sha256_new),
    attr_hook: None,
    subclassable: false,
});

fn hashlib_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    vm.dict_set_str(g, q::SHA256, Value::from_static(&SHA256_TYPE))
}

/// The `hashlib` module.
pub static HASHLIB_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "hashlib",
    attrs: &[],
    init: Some(hashlib_init),
});

#[cfg(test)]
mod tests {
    use super::Sha256;

    fn hex(d: [u8; 32]) -> alloc::string::String {
        d.iter().map(|b| alloc::format!("{:02x}", b)).collect()
    }

    #[test]
    fn known_answers() {
        assert_eq!(
            hex(Sha256::new().finish()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        let mut h = Sha256::new();
        h.update(b"abc");
        assert_eq!(
            hex(h.finish()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let mut h = Sha256::new();
        for _ in 0..1000 {
            h.update(b"abcd");
        }
        let mut one = Sha256::new();
        one.update(&b"abcd".repeat(1000));
        assert_eq!(h.finish(), one.finish());
    }
}
