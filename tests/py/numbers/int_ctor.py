# int() and bool() constructors, parsing, conversions
print(int(), int("12"), int(" -0x1f ", 0), int("1_000"), int("z", 36), int(b"42"))
print(int(3.9), int(-3.9), int(2**70 * 1.0), int(True))
print(int("0b101", 0), int("0o17", 0), int("ff", 16), int("0xff", 16))
print(int("123456789012345678901234567890"))
for bad in ["", "1__0", "_1", "12a", "0x", "010"]:
    try:
        int(bad, 0)
    except ValueError:
        print("ValueError", repr(bad))
for v in [float("inf"), float("nan")]:
    try:
        int(v)
    except OverflowError:
        print("OverflowError")
    except ValueError:
        print("ValueError")
try:
    int(5, 10)
except TypeError:
    print("TypeError")
class A:
    def __int__(self):
        return 7
print(int(A()))
class B(int):
    pass
print(int(B(9)) + 1)
print(bool(), bool([1]), bool(0), bool(""), bool("x"))
