# sys.exc_info() is cleared when an except block ends; arrays order element by element and
# never equal bytes.
import sys
import array


def show():
    e = sys.exc_info()
    print(e[0], e[1])


try:
    raise ValueError("v")
except ValueError:
    show()
show()
a, b = array.array("H", [1, 1]), array.array("H", [1, 2])
print(a < b, a <= a, a > b, b >= a, a == array.array("H", [1, 1]), a == b"\x01\x00\x01\x00")
