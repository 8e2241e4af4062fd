# memoryview over bytes and bytearray
ba = bytearray(b"abcdef")
m = memoryview(ba)
print(len(m), m[0], m[-1], bytes(m[1:3]), m.tobytes(), m[2:4].tolist())
m[0:2] = b"XY"
m[5] = 122
print(ba, m.tobytes())
sub = m[2:5]
sub[0] = 48
print(ba, len(sub), bytes(sub[1:]))
print([x for x in memoryview(b"hi")], bytearray(memoryview(b"xy")))
try:
    memoryview(b"ro")[0] = 1
except TypeError:
    print("TypeError")
try:
    m[0:2] = b"abc"
except ValueError:
    print("ValueError")
print(memoryview(b"abc") == b"abc", memoryview(b"abc") != b"abc", b"cd" == memoryview(b"abcdef")[2:4])
print(memoryview(b"\x01\xff").hex(), memoryview(b"ab").itemsize)
import array
a = array.array("i", [1, 2, 3, 4])
ma = memoryview(a)
print(len(ma), ma[1], ma.itemsize, ma[1:3].tolist())
ma[2] = 6
print(a, bytes(array.array("b", [1, 2])))
