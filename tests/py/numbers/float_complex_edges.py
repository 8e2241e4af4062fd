# Negative bases to nan/inf powers stay float; cmath takes __complex__/__float__ objects;
# hash of a complex with no imaginary part is the hash of its real part.
import cmath

nan, inf = float("nan"), float("inf")
print((-2) ** nan, (-2) ** inf, (-2) ** -inf, (-8) ** (1 / 3) != 0)


class C:
    def __complex__(self):
        return complex(10, 1)


class F:
    def __float__(self):
        return 1.0


print("%.5g %.5g" % (cmath.phase(C()), cmath.phase(F())), hash(1 + 0j), hash(2.0 + 0j))
