# struct: sizes, byte orders, alignment, pack/unpack, offsets, errors
import struct

print(struct.calcsize("<bI"), struct.calcsize(">bI"), struct.calcsize("bI"))
print(struct.unpack("<bI", b"\x80\0\0\x01\0"))
print(struct.unpack(">bI", b"\x80\0\0\x01\0"))
print(struct.pack("<l", 1), struct.pack(">l", 1), struct.pack("!i", 123))
print(struct.pack("<h", -2), struct.pack(">H", 513), struct.pack("<x"))
print(struct.pack("<bI", -128, 256), struct.pack(">bI", -128, 256))
print(struct.calcsize("100sI"), struct.calcsize("97sI"), struct.calcsize("7xx"))
print(struct.unpack("<6sH", b"foo\0\0\0\x12\x34"))
print(struct.pack("<6sH", b"foo", 10000))
print(struct.pack(">bxI3xH", 1, 2, 3))
print(struct.unpack(">bxI3xH", b"\x01\0\0\0\0\x02\0\0\0\0\x03"))
print(struct.unpack("BHBI", struct.pack("BHBI", 10, 100, 200, 300)))
print(struct.pack("<q", -1), struct.unpack("<Q", b"\xff" * 8))
print(struct.pack("<f", 1.5), struct.unpack("<d", struct.pack("<d", 0.1)))
print(struct.pack("<?", 5), struct.unpack("<??", b"\x00\x02"))
print(struct.pack("<3B", 1, 2, 3), struct.unpack("<3B", b"\x07\x08\x09"))
print(struct.unpack_from("<H", b"\x00\x01\x02", 1), struct.unpack_from("<B", b"\x05\x06", -1))
print(struct.pack("<2I", 1))
for f, args in (
    (struct.unpack, ("I", b"\x00\x00\x00")),
    (struct.unpack_from, ("<I", b"\x00\x00\x00\x00", 1)),
    (struct.calcsize, ("z",)),
    (struct.pack, ("<B", 1, 2)),
):
    try:
        f(*args)
    except ValueError:
        print("ValueError")
try:
    struct.pack(1, 2)
except TypeError:
    print("TypeError")
