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
