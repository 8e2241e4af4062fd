# Viper functions (run as bytecode): bool and uint parameters are converted on entry,
# bool/int/uint return annotations convert the result (None gives 0 or False), and uint
# arithmetic wraps at the machine word.
import micropython
import sys

WORD = sys.maxsize * 2 + 1


@micropython.viper
def as_bool(x: bool) -> bool:
    return x


@micropython.viper
def ret_bool(x) -> bool:
    return bool(x)


@micropython.viper
def ret_none_int() -> int:
    return None


@micropython.viper
def ret_none_bool() -> bool:
    return


@micropython.viper
def falls_off() -> int:
    pass


print(as_bool(0), as_bool([]), as_bool([0]), ret_bool(""), ret_bool("a"))
print(ret_none_int(), ret_none_bool(), falls_off())


@micropython.viper
def ops(x: uint, y: uint):
    z = x - y
    w = x
    w += y
    return z, w, x * y, ~x, x < y, x >> 1


for a, b in ((5, 3), (3, 5), (-1, 1), (-2, -3)):
    r = ops(a, b)
    print(r[0] == (a - b) & WORD, r[1] == (a + b) & WORD, r[2] == (a * b) & WORD)
    print(r[3] == ~a & WORD, r[4] == ((a & WORD) < (b & WORD)), r[5] == (a & WORD) >> 1)


@micropython.viper
def to_uint(x) -> uint:
    return uint(x) - 1


print(to_uint(0) == WORD, to_uint(5))
