# float() and complex() constructors, round()
print(float(), float("1e5"), float(" 1.5 "), float("-inf"), float("nan"), float(3), float("1_0.5"))
print(float("+.5"), float("5."), float("Infinity"), float(2**60))
for bad in ["", "abc", "1..2", "--1"]:
    try:
        float(bad)
    except ValueError:
        print("ValueError")
print((2.0).is_integer(), (2.5).is_integer())
print(complex(), complex(1, 2), complex("1+2j"), complex("-2.5j"), complex(2), complex(1j, 1))
c = 3 - 4j
print(c.real, c.imag, c.conjugate(), abs(c))
print(round(2.5), round(3.5), round(-0.5), round(-1.5), round(0.125, 2), round(2.675, 2))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(7, 2))
print(round(1250.0, -2), round(1.23456, 3), round(-1.5), isinstance(round(1.5), int))
print(divmod(7.5, 2), divmod(-7.5, 2))
try:
    round(float("inf"))
except OverflowError:
    print("OverflowError")
class C:
    def __complex__(self):
        return 1j + 10
print(complex(C()))
print(pow(0.0, float("-inf")), 0.0 ** float("inf"))
try:
    0.0 ** -1.0
except ZeroDivisionError:
    print("ZeroDivisionError")
