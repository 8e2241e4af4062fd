# micropython.RingIO: a non-blocking byte ring buffer holding n bytes (RingIO(n)) or
# len(buf) - 1 bytes of a writable buffer used in place.
import micropython

r = micropython.RingIO(8)
print(r, r.any())
print(r.write(b"hello\nworld"), r.any())
print(r.readline(), r.any())
print(r.write(b"12345"), r.read(3), r.read())
print(r.read(), r.write(b"abc"))
buf = bytearray(2)
print(r.readinto(buf), buf, r.readinto(buf, 1), buf, r.any())

store = bytearray(6)
r = micropython.RingIO(store)
print(r.write(b"ABCDEFG"), store, r.read(2), r.write(b"xyz"), r.read())
m = memoryview(bytearray(10))[2:6]
r = micropython.RingIO(m)
print(r.write(b"12345"), r.read())
print(r.close())

for bad in (None, 0, bytearray(1), 65535, memoryview(b"abc")):
    try:
        micropython.RingIO(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__)
