# readinto fills a memoryview (what mpremote's file hashing does), a slice of one, or an array
import io
from array import array

f = io.BytesIO(b"abcdefghij")
buf = memoryview(bytearray(4))
n = f.readinto(buf)
print(n, bytes(buf))
print(f.readinto(buf[1:3]), bytes(buf))
a = array("B", [0, 0, 0])
print(f.readinto(a), list(a))
print(f.readinto(buf), bytes(buf[:1]))
try:
    f.readinto(memoryview(b"xyz"))
except TypeError:
    print("TypeError")
