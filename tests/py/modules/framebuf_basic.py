# framebuf: pixel formats, drawing, blit (with key and palette), scroll, subclassing.
import framebuf


def show(fb, w, h):
    for y in range(h):
        print("".join("%x" % fb.pixel(x, y) for x in range(w)))


for fmt, size in (
    (framebuf.MONO_VLSB, 8),
    (framebuf.MONO_HLSB, 8),
    (framebuf.MONO_HMSB, 8),
    (framebuf.GS2_HMSB, 16),
    (framebuf.GS4_HMSB, 32),
    (framebuf.GS8, 64),
    (framebuf.RGB565, 128),
):
    buf = bytearray(size)
    fb = framebuf.FrameBuffer(buf, 8, 8, fmt)
    fb.fill(0)
    fb.pixel(1, 0, 1)
    fb.hline(0, 2, 8, 1)
    fb.vline(7, 0, 8, 1)
    fb.rect(2, 4, 4, 3, 1)
    fb.fill_rect(3, 5, 2, 1, 1)
    fb.line(0, 7, 3, 4, 1)
    print(fmt, bytes(buf[:8]).hex())
show(fb, 8, 8)
print(fb.pixel(-1, 0), fb.pixel(8, 8))

# scroll moves the contents; what is uncovered keeps its old pixels
g = framebuf.FrameBuffer(bytearray(16), 4, 4, framebuf.GS8)
for i in range(16):
    g.pixel(i % 4, i // 4, i)
g.scroll(1, 1)
show(g, 4, 4)
g.scroll(-2, 0)
show(g, 4, 4)

# blit with clipping, a transparent key and a palette
dst = framebuf.FrameBuffer(bytearray(25), 5, 5, framebuf.GS8)
src = framebuf.FrameBuffer(bytearray(b"\x01\x02\x03\x04"), 2, 2, framebuf.GS8)
dst.blit(src, -1, -1)
dst.blit(src, 4, 4)
dst.blit((b"\x05\x00\x00\x06", 2, 2, framebuf.GS8), 2, 2, 0)
pal = framebuf.FrameBuffer(bytearray(b"\x00\x07\x08"), 3, 1, framebuf.GS8)
dst.blit((b"\x01\x02", 2, 1, framebuf.GS8), 0, 4, -1, pal)
show(dst, 5, 5)

for args in ((bytearray(7), 8, 1, framebuf.MONO_VLSB), (bytearray(8), 8, 1, 99), (bytearray(20), 10, 10, framebuf.MONO_HLSB, 9)):
    try:
        framebuf.FrameBuffer(*args)
    except ValueError:
        print("ValueError")
for bad in (None, (b"", 1), 5):
    try:
        dst.blit(bad, 0, 0)
    except (TypeError, ValueError) as e:
        print(type(e).__name__)


class Screen(framebuf.FrameBuffer):
    def __init__(self, w, h):
        self.buf = bytearray(w * h)
        super().__init__(self.buf, w, h, framebuf.GS8)

    def cross(self):
        self.line(0, 0, 2, 2, 9)


s = Screen(3, 3)
s.cross()
print(bytes(s), s.buf)

# ellipse: outline, filled, one quadrant, and a zero radius
e = framebuf.FrameBuffer(bytearray(11 * 9), 11, 9, framebuf.GS8)
for args in ((5, 4, 5, 3, 1), (5, 4, 4, 4, 2, True), (5, 4, 5, 4, 3, True, 0b0100), (2, 2, 0, 0, 4, True)):
    e.fill(0)
    e.ellipse(*args)
    show(e, 11, 9)
e.ellipse(5, 4, 3, 0, 5)
e.ellipse(5, 4, 0, 3, 5, True)

# poly: outline from an array or bytes of coordinates; a filled rectangle
from array import array

e.fill(0)
e.poly(1, 1, array("h", (0, 0, 6, 2, 2, 6)), 6)
e.poly(0, 0, array("h", [8, 0, 10, 2, 8, 4]), 7)
e.poly(0, 0, b"\x00\x08\x03\x08", 8)
show(e, 11, 9)
e.fill(0)
e.poly(2, 2, bytes([0, 0, 4, 0, 4, 3, 0, 3]), 9, True)
show(e, 11, 9)
