# MicroPython's stream extension: write(buf, n) and write(buf, offset, n) write a clipped slice
import io

b = io.BytesIO()
print(b.write(b"hello", 3), b.getvalue())
print(b.write(b"hello", 50), b.getvalue())
print(b.write(b"abcdef", 2, 2), b.getvalue())
print(b.write(b"abcdef", 4, 10), b.getvalue())
print(b.write(b"abcdef", 9, 1), b.getvalue())
print(b.write(bytearray(b"xyz"), 0), b.getvalue())
s = io.StringIO()
print(s.write("text", 2), s.getvalue())
try:
    b.write(b"ab", "x")
except TypeError:
    print("TypeError")
try:
    b.write(b"ab", 1, 2, 3)
except TypeError:
    print("TypeError")
