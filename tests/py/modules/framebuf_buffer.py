# A FrameBuffer exposes the bytes it draws on through the buffer protocol.
import framebuf

buf = bytearray(8)
fb = framebuf.FrameBuffer(buf, 8, 8, framebuf.MONO_VLSB)
fb.pixel(0, 0, 1)
mv = memoryview(fb)
print(len(mv), mv[0])
mv[1] = 0xFF
print(buf)
