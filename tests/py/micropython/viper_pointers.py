# @micropython.viper functions run as bytecode: pointer parameters read and write the
# little-endian elements of their buffer, stores keep the low bits, and bad indices raise.
# (ptr8/ptr16/ptr32/uint are builtins in Zython; MicroPython knows them inside viper only,
# and there an index outside the buffer touches other memory.)
import micropython
import array
import sys


@micropython.viper
def sum16(p: ptr16, n: int) -> int:
    s = 0
    for i in range(n):
        s += p[i]
    return s


@micropython.viper
def store32(p: ptr32, i: int, v: int):
    p[i] = v


@micropython.viper
def cast8(buf) -> int:
    q = ptr8(buf)
    q[0] = 0x1FF
    return q[0] + q[1]


b = bytearray([1, 0, 2, 1, 0xFF, 0xFF])
print(sum16(b, 3))
store32(b, 0, -2)
print(list(b))
print(cast8(b))
a = array.array("H", [1, 2, 3])
print(sum16(a, 3))
# uint is a machine word: the pointer width.
print(uint(-1) == sys.maxsize * 2 + 1, uint((sys.maxsize * 2 + 2) | 5))
try:
    store32(b, 2, 0)
except IndexError:
    print("IndexError")
try:
    store32(b"abcd", 0, 0)
except TypeError:
    print("TypeError")
