# str.format, format(), f-strings and the format-spec mini-language
x = 5
print(f"{x:>4}|{x!r}|{x=}|{'s'!r}")
print("{} {}".format(1, 2), "{1} {0}".format("a", "b"), "{x:>5}".format(x=3), "{0[1]}".format([7, 8]))
print("{0[a]}".format({"a": 1}), "{{}} {}".format(9), "{:{w}}|".format(1, w=4))
print("{:08.3f}|{:,}|{:x}|{:#o}|{:e}|{:g}|{:%}".format(3.14159, 1234567, 255, 8, 12345.678, 0.00001, 0.5))
print("{:*^9}|{:<6}|{:>6}|{:=+6}".format("mid", "l", "r", 5))
print("{:010,}|{:_b}|{:#X}|{:c}".format(1234, 255, 255, 65))
print(format(1.0, ".3"), format(10.0, ".2"), format(1e20), format(-0.0), format(1e16, ".20"))
print(format(3.5, "^10"), format(42, "b"), format(True), format(True, ">5"), format(2.5, "=+8.2f"))
print("{:.2}".format("abcdef"), "{:5.1f}".format(2.25), "{:g}".format(1e-5), "{:G}".format(1e20))
print("{!s:>4}".format(1), "{!r}".format("a"))
class P:
    def __init__(self):
        self.v = 42
    def __format__(self, spec):
        return "P" + spec
print("{0.v}".format(P()), "{:xyz}".format(P()), format(P(), "q"))
for bad in ["{", "}", "{0}{}", "{:10.}"]:
    try:
        bad.format(1, 2)
    except ValueError:
        print("ValueError")
try:
    "{2}".format(1)
except IndexError:
    print("IndexError")
try:
    "{a}".format(b=1)
except KeyError:
    print("KeyError")
