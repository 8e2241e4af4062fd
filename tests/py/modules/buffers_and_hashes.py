# Half floats in struct, bytes with other buffers, and hash() values of numbers.
import struct
import array

for v in (1.5, -2.0, 65504.0, 1e-7, float("inf")):
    b = struct.pack("<e", v)
    print(v, b, struct.unpack("<e", b)[0], struct.unpack(">e", struct.pack(">e", v))[0])
print(struct.unpack("h", memoryview(b"0123")[1:3]))
print(b"12" + array.array("b", [3, 4]), array.array("b", [1, 2]) in b"\x01\x02\x03")
print(hash(-12), hash(-12.0), hash(True), hash(7.0), hash(2**40) == 2**40)
