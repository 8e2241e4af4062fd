//! The `framebuf` module: `FrameBuffer` drawing into a bytearray (or array, or writable
//! memoryview) in MicroPython's pixel formats: pixels, lines, rectangles, blit and scroll.
//! (`text` is not provided.)

use crate::modules::native;
use crate::native_fn;
use crate::obj::{NativeObject, Obj};
use crate::qstr::q;
use crate::statics::{Attr, ModuleDef, StaticObj, TypeDef};
use crate::types::memoryview::{raw_mut, writable_region};
use crate::types::object::OBJECT;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::any::Any;

const MVLSB: u8 = 0;
const RGB565: u8 = 1;
const GS4_HMSB: u8 = 2;
const MHLSB: u8 = 3;
const MHMSB: u8 = 4;
const GS2_HMSB: u8 = 5;
const GS8: u8 = 6;

/// Geometry and pixel format of a frame buffer.
#[derive(Debug, Clone, Copy, Default)]
struct Geom {
    w: i64,
    h: i64,
    stride: i64,
    fmt: u8,
}

impl Geom {
    /// Check the arguments and round the stride as the format needs; also gives the bytes
    /// the buffer must hold.
    fn new(w: i64, h: i64, fmt: u8, stride: Option<i64>) -> Option<(Geom, usize)> {
        let stride = stride.unwrap_or(w);
        if stride < w {
            return None;
        }
        let round = match fmt {
            MHLSB | MHMSB => 8,
            GS2_HMSB => 4,
            GS4_HMSB => 2,
            MVLSB | RGB565 | GS8 => 1,
            _ => return None,
        };
        let stride = (stride + round - 1) / round * round;
        if !(1..=0xffff).contains(&w) || !(1..=0xffff).contains(&h) {
            return None;
        }
        let need = match fmt {
            MVLSB => ((h + 7) / 8 - 1) * stride + w,
            RGB565 => 2 * ((h - 1) * stride + w),
            GS8 => (h - 1) * stride + w,
            // Packed formats: `round` pixels per byte.
            _ => ((h - 1) * stride + w + round - 1) / round,
        };
        Some((Geom { w, h, stride, fmt }, need as usize))
    }

    fn get(&self, d: &[u8], x: i64, y: i64) -> u32 {
        let (x, y, s) = (x as usize, y as usize, self.stride as usize);
        let at = |i: usize| d.get(i).copied().unwrap_or(0) as u32;
        match self.fmt {
            MVLSB => (at((y >> 3) * s + x) >> (y & 7)) & 1,
            MHLSB => (at((x + y * s) >> 3) >> (7 - (x & 7))) & 1,
            MHMSB => (at((x + y * s) >> 3) >> (x & 7)) & 1,
            RGB565 => at(2 * (x + y * s)) | at(2 * (x + y * s) + 1) << 8,
            GS2_HMSB => (at((x + y * s) >> 2) >> ((x & 3) * 2)) & 3,
            GS4_HMSB => (at((x + y * s) >> 1) >> if x & 1 == 0 { 4 } else { 0 }) & 15,
            _ => at(x + y * s),
        }
    }

    fn set(&self, d: &mut [u8], x: i64, y: i64, c: u32) {
        let (x, y, s) = (x as usize, y as usize, self.stride as usize);
        let mut put = |i: usize, mask: u8, v: u8| {
            if let Some(b) = d.get_mut(i) {
                *b = (*b & !mask) | (v & mask);
            }
        };
        let bit = |c: u32, sh: usize| ((c & 1) as u8) << sh;
        match self.fmt {
            MVLSB => put((y >> 3) * s + x, 1 << (y & 7), bit(c, y & 7)),
            MHLSB => put((x + y * s) >> 3, 1 << (7 - (x & 7)), bit(c, 7 - (x & 7))),
            MHMSB => put((x + y * s) >> 3, 1 << (x & 7), bit(c, x & 7)),
            RGB565 => {
                put(2 * (x + y * s), 0xff, c as u8);
                put(2 * (x + y * s) + 1, 0xff, (c >> 8) as u8);
            }
            GS2_HMSB => {
                let sh = (x & 3) * 2;
                put((x + y * s) >> 2, 3 << sh, ((c & 3) as u8) << sh)
            }
            GS4_HMSB => {
                let sh = if x & 1 == 0 { 4 } else { 0 };
                put((x + y * s) >> 1, 15 << sh, ((c & 15) as u8) << sh)
            }
            _ => put(x + y * s, 0xff, c as u8),
        }
    }
}

/// A `framebuf.FrameBuffer`: drawing on `len` bytes at `off` in the buffer of `obj`.
#[derive(Debug, Default, Clone, Copy)]
pub struct FrameBuffer {
    obj: Value,
    off: usize,
    len: usize,
    g: Geom,
}

impl NativeObject for FrameBuffer {
    fn type_obj(&self) -> &'static StaticObj {
        &FRAMEBUFFER_TYPE
    }
    fn trace(&self, out: &mut dyn FnMut(Value)) {
        out(self.obj);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

impl FrameBuffer {
    /// The bytes drawn on, as (object, byte offset, byte length); None before set-up.
    pub fn region(&self) -> Option<(Value, usize, usize)> {
        (!self.obj.is_null()).then_some((self.obj, self.off, self.len))
    }
}

/// The bytes a frame buffer draws on (a copy), for `bytes(fb)` and as a blit source.
pub fn buffer(vm: &Vm, v: Value) -> Option<Vec<u8>> {
    let fb = native::get::<FrameBuffer>(vm, v)?;
    let (obj, off, len) = (fb.obj, fb.off, fb.len);
    native::buffer(vm, obj)?
        .get(off..off + len)
        .map(<[u8]>::to_vec)
}

fn ints(vm: &mut Vm, a: &[Value]) -> PyResult<Vec<i64>> {
    a.iter().map(|&v| vm.to_i64(v)).collect()
}

/// Set up `fb` from (buffer, width, height, format[, stride]).
fn setup(vm: &mut Vm, fb: Value, a: &[Value]) -> PyResult<()> {
    if !(4..=5).contains(&a.len()) {
        return Err(vm.type_error("FrameBuffer(buffer, width, height, format[, stride])"));
    }
    let n = ints(vm, &a[1..])?;
    let Some((obj, off, len)) = writable_region(vm, a[0]) else {
        return Err(vm.type_error("object with buffer protocol required"));
    };
    let fmt = u8::try_from(n[2]).unwrap_or(u8::MAX);
    match Geom::new(n[0], n[1], fmt, n.get(3).copied()) {
        Some((g, need)) if need <= len => {
            if let Some(f) = native::get_mut::<FrameBuffer>(vm, fb) {
                *f = FrameBuffer { obj, off, len, g };
            }
            Ok(())
        }
        _ => Err(vm.value_error("")),
    }
}

fn make_new(vm: &mut Vm, a: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let fb = vm.alloc(Obj::Native(Box::new(FrameBuffer::default())))?;
    // A subclass's __init__ sets it up later (through FrameBuffer.__init__).
    if a.len() > 1 {
        vm.roots.push(fb);
        let r = setup(vm, fb, &a[1..]);
        vm.roots.pop();
        r?;
    }
    Ok(fb)
}

native_fn!(INIT, "__init__", 1, 6, |vm, a, _| {
    setup(vm, a[0], &a[1..])?;
    Ok(Value::NONE)
});

fn this(vm: &mut Vm, v: Value) -> PyResult<FrameBuffer> {
    match native::get::<FrameBuffer>(vm, v) {
        Some(f) => Ok(*f),
        None => Err(vm.type_error("expected a FrameBuffer")),
    }
}

/// Run `f` on the frame buffer's bytes (nothing when the buffer has shrunk).
fn with_pixels(vm: &mut Vm, fb: &FrameBuffer, f: impl FnOnce(&mut [u8])) {
    if let Some(d) = raw_mut(vm, fb.obj).and_then(|b| b.get_mut(fb.off..fb.off + fb.len)) {
        f(d);
    }
}

/// Fill the rectangle clipped to the frame buffer.
fn fill_rect(vm: &mut Vm, fb: &FrameBuffer, x: i64, y: i64, w: i64, h: i64, c: u32) {
    let g = fb.g;
    let (x0, y0) = (x.max(0), y.max(0));
    let (x1, y1) = (x.saturating_add(w).min(g.w), y.saturating_add(h).min(g.h));
    with_pixels(vm, fb, |d| {
        for yy in y0..y1 {
            for xx in x0..x1 {
                g.set(d, xx, yy, c);
            }
        }
    });
}

native_fn!(FILL, "fill", 2, 2, |vm, a, _| {
    let fb = this(vm, a[0])?;
    let c = vm.to_i64(a[1])? as u32;
    fill_rect(vm, &fb, 0, 0, fb.g.w, fb.g.h, c);
    Ok(Value::NONE)
});
native_fn!(FILL_RECT, "fill_rect", 6, 6, |vm, a, _| {
    let fb = this(vm, a[0])?;
    let n = ints(vm, &a[1..])?;
    fill_rect(vm, &fb, n[0], n[1], n[2], n[3], n[4] as u32);
    Ok(Value::NONE)
});
native_fn!(HLINE, "hline", 5, 5, |vm, a, _| {
    let fb = this(vm, a[0])?;
    let n = ints(vm, &a[1..])?;
    fill_rect(vm, &fb, n[0], n[1], n[2], 1, n[3] as u32);
    Ok(Value::NONE)
});
native_fn!(VLINE, "vline", 5, 5, |vm, a, _| {
    let fb = this(vm, a[0])?;
    let n = ints(vm, &a[1..])?;
    fill_rect(vm, &fb, n[0], n[1], 1, n[2], n[3] as u32);
    Ok(Value::NONE)
});
native_fn!(RECT, "rect", 6, 7, |vm, a, _| {
    let fb = this(vm, a[0])?;
    let n = ints(vm, &a[1..])?;
    let (x, y, w, h, c) = (n[0], n[1], n[2], n[3], n[4] as u32);
    if n.get(5).is_some_and(|&f| f != 0) {
        fill_rect(vm, &fb, x, y, w, h, c);
    } else {
        fill_rect(vm, &fb, x, y, w, 1, c);
        fill_rect(vm, &fb, x, y + h - 1, w, 1, c);
        fill_rect(vm, &fb, x, y, 1, h, c);
        fill_rect(vm, &fb, x + w - 1, y, 1, h, c);
    }
    Ok(Value::NONE)
});
native_fn!(PIXEL, "pixel", 3, 4, |vm, a, _| {
    let fb = this(vm, a[0])?;
    let n = ints(vm, &a[1..])?;
    let (x, y, g) = (n[0], n[1], fb.g);
    if !(0..g.w).contains(&x) || !(0..g.h).contains(&y) {
        return Ok(Value::NONE);
    }
    match n.get(2) {
        Some(&c) => {
            with_pixels(vm, &fb, |d| g.set(d, x, y, c as u32));
            Ok(Value::NONE)
        }
        None => {
            let d = buffer(vm, a[0]).unwrap_or_default();
            Ok(Value::small_int(g.get(&d, x, y) as isize))
        }
    }
});
native_fn!(LINE, "line", 6, 6, |vm, a, _| {
    let fb = this(vm, a[0])?;
    let n = ints(vm, &a[1..])?;
    line(vm, &fb, n[0], n[1], n[2], n[3], n[4] as u32);
    Ok(Value::NONE)
});

#[allow(clippy::too_many_arguments)]
fn line(vm: &mut Vm, fb: &FrameBuffer, x1: i64, y1: i64, x2: i64, y2: i64, c: u32) {
    let g = fb.g;
    // MicroPython's Bresenham variant (so the same pixels are set): step along the longer
    // axis, the error term decides the other; the end point is always drawn.
    let (mut dx, mut sx) = (x2 - x1, 1);
    if dx <= 0 {
        dx = -dx;
        sx = -1;
    }
    let (mut dy, mut sy) = (y2 - y1, 1);
    if dy <= 0 {
        dy = -dy;
        sy = -1;
    }
    let steep = dy > dx;
    let (mut a, mut b) = (x1, y1);
    if steep {
        core::mem::swap(&mut a, &mut b);
        core::mem::swap(&mut dx, &mut dy);
        core::mem::swap(&mut sx, &mut sy);
    }
    let mut e = 2 * dy - dx;
    let put = |d: &mut [u8], x: i64, y: i64| {
        if (0..g.w).contains(&x) && (0..g.h).contains(&y) {
            g.set(d, x, y, c);
        }
    };
    with_pixels(vm, fb, |d| {
        for _ in 0..dx {
            if steep {
                put(d, b, a);
            } else {
                put(d, a, b);
            }
            while e >= 0 {
                b += sy;
                e -= 2 * dx;
            }
            a += sx;
            e += 2 * dy;
        }
        put(d, x2, y2);
    });
}

/// The vertices of `poly`'s coordinates: an array or a sequence of ints, or bytes (one per
/// coordinate).
fn vertices(vm: &mut Vm, v: Value) -> PyResult<Vec<(i64, i64)>> {
    let flat: Vec<i64> = match native::get::<crate::modules::array::Array>(vm, v) {
        Some(_) => {
            let items = vm.collect_iterable(v)?;
            ints(vm, &items)?
        }
        None => match native::buffer(vm, v) {
            Some(b) => b.iter().map(|&c| c as i64).collect(),
            None => {
                let items = vm.collect_iterable(v)?;
                ints(vm, &items)?
            }
        },
    };
    Ok(flat.chunks_exact(2).map(|p| (p[0], p[1])).collect())
}

native_fn!(POLY, "poly", 5, 6, |vm, a, _| {
    let fb = this(vm, a[0])?;
    let (x, y) = (vm.to_i64(a[1])?, vm.to_i64(a[2])?);
    let pts = vertices(vm, a[3])?;
    let c = vm.to_i64(a[4])? as u32;
    let fill = match a.get(5) {
        Some(&f) => vm.truthy(f)?,
        None => false,
    };
    let n = pts.len();
    if n == 0 {
        return Ok(Value::NONE);
    }
    if fill {
        // Scanlines: each row crosses the edges at x positions, filled in pairs.
        let ymin = pts.iter().map(|p| p.1).min().unwrap_or(0);
        let ymax = pts.iter().map(|p| p.1).max().unwrap_or(0);
        let mut nodes: Vec<i64> = Vec::new();
        for row in ymin..=ymax {
            nodes.clear();
            // MicroPython's scanline rule: edges from the first vertex backwards, a crossing
            // rounded to the nearest pixel, an edge's bottom row left out (its minima and
            // horizontal edges drawn directly), so the same pixels are set.
            let mut p1 = pts[0];
            for &p2 in pts.iter().rev() {
                let (px1, py1) = p1;
                let (px2, py2) = p2;
                if py1 != py2 && ((py1 > row && py2 <= row) || (py1 <= row && py2 > row)) {
                    nodes.push((32 * px1 + 32 * (px2 - px1) * (row - py1) / (py2 - py1) + 16) / 32);
                } else if row == py1.max(py2) {
                    if py1 < py2 {
                        fill_rect(vm, &fb, x + px2, y + py2, 1, 1, c);
                    } else if py2 < py1 {
                        fill_rect(vm, &fb, x + px1, y + py1, 1, 1, c);
                    } else {
                        line(vm, &fb, x + px1, y + py1, x + px2, y + py2, c);
                    }
                }
                p1 = p2;
            }
            crate::types::sort::insertion_sort_by(&mut nodes, |a, b| a < b);
            for pair in nodes.chunks_exact(2) {
                fill_rect(vm, &fb, x + pair[0], y + row, pair[1] - pair[0] + 1, 1, c);
            }
        }
    } else {
        // The outline, from the first vertex backwards (the direction decides some pixels).
        let mut p1 = pts[0];
        for &p2 in pts.iter().rev() {
            line(vm, &fb, x + p1.0, y + p1.1, x + p2.0, y + p2.1, c);
            p1 = p2;
        }
    }
    Ok(Value::NONE)
});

/// Draw the points (or, filled, the spans from the centre to the points) (cx ± x, cy ± y)
/// of the quadrants in mask `m`: 1 upper right, 2 upper left, 4 lower left, 8 lower right.
#[allow(clippy::too_many_arguments)]
fn quadrants(
    vm: &mut Vm,
    fb: &FrameBuffer,
    cx: i64,
    cy: i64,
    x: i64,
    y: i64,
    c: u32,
    fill: bool,
    m: i64,
) {
    for (bit, sx, sy) in [(1, 1, -1), (2, -1, -1), (4, -1, 1), (8, 1, 1)] {
        if m & bit == 0 {
            continue;
        }
        let (px, py) = (cx + sx * x, cy + sy * y);
        if fill {
            fill_rect(vm, fb, px.min(cx), py, x + 1, 1, c);
        } else {
            fill_rect(vm, fb, px, py, 1, 1, c);
        }
    }
}

native_fn!(ELLIPSE, "ellipse", 6, 8, |vm, a, _| {
    let fb = this(vm, a[0])?;
    let n = ints(vm, &a[1..])?;
    let (cx, cy, xr, yr, c) = (n[0], n[1], n[2], n[3], n[4] as u32);
    let fill = n.get(5).is_some_and(|&f| f != 0);
    let m = n.get(6).copied().unwrap_or(0xf);
    if xr < 0 || yr < 0 {
        return Ok(Value::NONE);
    }
    if xr == 0 && yr == 0 {
        if m & 0xf != 0 {
            fill_rect(vm, &fb, cx, cy, 1, 1, c);
        }
        return Ok(Value::NONE);
    }
    // Each loop below runs at most once per pixel of its radius (a zero radius would leave
    // one stop value unchanged).
    let mut budget = 2 * (xr + yr) + 4;
    // J. Kennedy's midpoint ellipse: the flat part stepping y, then the steep part
    // stepping x; the error terms stay integers.
    let (two_a2, two_b2) = (2 * xr * xr, 2 * yr * yr);
    let (mut x, mut y) = (xr, 0);
    let (mut xch, mut ych) = (yr * yr * (1 - 2 * xr), xr * xr);
    let (mut err, mut stop_x, mut stop_y) = (0, two_b2 * xr, 0);
    while stop_x >= stop_y && budget > 0 {
        budget -= 1;
        quadrants(vm, &fb, cx, cy, x, y, c, fill, m);
        y += 1;
        stop_y += two_a2;
        err += ych;
        ych += two_a2;
        if 2 * err + xch > 0 {
            x -= 1;
            stop_x -= two_b2;
            err += xch;
            xch += two_b2;
        }
    }
    let (mut x, mut y) = (0, yr);
    let (mut xch, mut ych) = (yr * yr, xr * xr * (1 - 2 * yr));
    let (mut err, mut stop_x, mut stop_y) = (0, 0, two_a2 * yr);
    while stop_x <= stop_y && budget > 0 {
        budget -= 1;
        quadrants(vm, &fb, cx, cy, x, y, c, fill, m);
        x += 1;
        stop_x += two_b2;
        err += xch;
        xch += two_b2;
        if 2 * err + ych > 0 {
            y -= 1;
            stop_y -= two_a2;
            err += ych;
            ych += two_a2;
        }
    }
    Ok(Value::NONE)
});

/// A blit source or palette: a FrameBuffer, or (buffer, width, height, format[, stride]).
fn source(vm: &mut Vm, v: Value) -> PyResult<(Geom, Vec<u8>)> {
    if let Some(fb) = native::get::<FrameBuffer>(vm, v) {
        let g = fb.g;
        return Ok((g, buffer(vm, v).unwrap_or_default()));
    }
    let items = match vm.heap.get(v) {
        Some(Obj::Tuple(t)) => t.to_vec(),
        _ => return Err(vm.type_error("expected a FrameBuffer")),
    };
    if !(4..=5).contains(&items.len()) {
        return Err(vm.value_error("expected a 4 or 5 item tuple"));
    }
    let n = ints(vm, &items[1..])?;
    let Some(d) = native::buffer(vm, items[0]) else {
        return Err(vm.type_error("object with buffer protocol required"));
    };
    let fmt = u8::try_from(n[2]).unwrap_or(u8::MAX);
    match Geom::new(n[0], n[1], fmt, n.get(3).copied()) {
        Some((g, need)) if need <= d.len() => Ok((g, d)),
        _ => Err(vm.value_error("")),
    }
}

native_fn!(BLIT, "blit", 4, 6, |vm, a, _| {
    let fb = this(vm, a[0])?;
    let (sg, src) = source(vm, a[1])?;
    let (x, y) = (vm.to_i64(a[2])?, vm.to_i64(a[3])?);
    let key = match a.get(4) {
        Some(&k) => vm.to_i64(k)?,
        None => -1,
    };
    let pal = match a.get(5) {
        Some(&p) if p != Value::NONE => Some(source(vm, p)?),
        _ => None,
    };
    let g = fb.g;
    if x >= g.w || y >= g.h || -x >= sg.w || -y >= sg.h {
        return Ok(Value::NONE);
    }
    let (x0, y0, x1, y1) = (x.max(0), y.max(0), (-x).max(0), (-y).max(0));
    let (xe, ye) = (g.w.min(x + sg.w), g.h.min(y + sg.h));
    with_pixels(vm, &fb, |d| {
        for (dy, sy) in (y0..ye).zip(y1..) {
            for (dx, sx) in (x0..xe).zip(x1..) {
                let mut c = sg.get(&src, sx, sy);
                if let Some((pg, pd)) = &pal {
                    c = if (c as i64) < pg.w {
                        pg.get(pd, c as i64, 0)
                    } else {
                        0
                    };
                }
                if c as i64 != key {
                    g.set(d, dx, dy, c);
                }
            }
        }
    });
    Ok(Value::NONE)
});
native_fn!(SCROLL, "scroll", 3, 3, |vm, a, _| {
    let fb = this(vm, a[0])?;
    let (xs, ys) = (vm.to_i64(a[1])?, vm.to_i64(a[2])?);
    let g = fb.g;
    // Walk away from the direction of motion so each pixel is read before it is replaced.
    let (sx, xend, dx) = if xs < 0 {
        (0, g.w + xs, 1)
    } else {
        (g.w - 1, xs - 1, -1)
    };
    let (sy, yend, dy) = if ys < 0 {
        (0, g.h + ys, 1)
    } else {
        (g.h - 1, ys - 1, -1)
    };
    if (dx == 1 && xend <= 0) || (dx == -1 && xend >= sx) {
        return Ok(Value::NONE);
    }
    if (dy == 1 && yend <= 0) || (dy == -1 && yend >= sy) {
        return Ok(Value::NONE);
    }
    with_pixels(vm, &fb, |d| {
        let mut y = sy;
        while y != yend {
            let mut x = sx;
            while x != xend {
                let c = g.get(d, x - xs, y - ys);
                g.set(d, x, y, c);
                x += dx;
            }
            y += dy;
        }
    });
    Ok(Value::NONE)
});

/// The `framebuf.FrameBuffer` type.
pub static FRAMEBUFFER_TYPE: StaticObj = StaticObj::Type(&TypeDef {
    name: "FrameBuffer",
    base: Some(&OBJECT),
    attrs: &[
        (q::__INIT__, Attr::Fn(&INIT)),
        (q::FILL, Attr::Fn(&FILL)),
        (q::FILL_RECT, Attr::Fn(&FILL_RECT)),
        (q::PIXEL, Attr::Fn(&PIXEL)),
        (q::HLINE, Attr::Fn(&HLINE)),
        (q::VLINE, Attr::Fn(&VLINE)),
        (q::RECT, Attr::Fn(&RECT)),
        (q::LINE, Attr::Fn(&LINE)),
        (q::BLIT, Attr::Fn(&BLIT)),
        (q::SCROLL, Attr::Fn(&SCROLL)),
        (q::ELLIPSE, Attr::Fn(&ELLIPSE)),
        (q::POLY, Attr::Fn(&POLY)),
    ],
    make_new: Some(make_new),
    attr_hook: None,
    subclassable: true,
});

fn framebuf_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    let k = vm.qstrs.intern_static("FrameBuffer");
    vm.dict_set_str(g, k, Value::from_static(&FRAMEBUFFER_TYPE))?;
    for (name, v) in [
        ("MONO_VLSB", MVLSB),
        ("MVLSB", MVLSB),
        ("RGB565", RGB565),
        ("GS4_HMSB", GS4_HMSB),
        ("MONO_HLSB", MHLSB),
        ("MONO_HMSB", MHMSB),
        ("GS2_HMSB", GS2_HMSB),
        ("GS8", GS8),
    ] {
        let k = vm.qstrs.intern_static(name);
        vm.dict_set_str(g, k, Value::small_int(v as isize))?;
    }
    Ok(())
}

/// The `framebuf` module.
pub static FRAMEBUF_MODULE: StaticObj = StaticObj::Module(&ModuleDef {
    name: "framebuf",
    attrs: &[],
    init: Some(framebuf_init),
});
