# FrameBuffer.line and .poly set the same pixels as MicroPython's: its Bresenham variant, the
# outline drawn from the first vertex backwards, and its scanline fill rule.
import framebuf
from array import array

w, h = 24, 12
buf = bytearray(w * h)
fb = framebuf.FrameBuffer(buf, w, h, framebuf.GS8)


def show():
    for y in range(h):
        print("".join("#" if buf[y * w + x] else "." for x in range(w)))
    print()


fb.line(0, 0, 23, 5, 1)
fb.line(23, 11, 2, 6, 1)
fb.line(5, 11, 8, 0, 1)
show()
fb.fill(0)
star = array("h", (7, 0, 3, 11, 14, 3, 0, 3, 11, 11))
fb.poly(0, 0, star, 1)
fb.poly(10, 0, star, 1, True)
show()
fb.fill(0)
fb.poly(2, 1, array("h", (0, 0, 9, 0, 0, 9, 9, 9)), 1, True)
fb.poly(13, 1, bytes((0, 0, 9, 4, 0, 9)), 1)
show()
