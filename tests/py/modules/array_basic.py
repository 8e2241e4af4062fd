# array: construction, element types, indexing, slicing, growth, repr
from array import array

a = array("i", [1, 2, 3])
a.append(4)
print(a, len(a), a[0], a[-1])
print(a[1:3], a[::-1], a[::2])
a[0] = -100
print(a)
a.extend([5, 6])
a.extend(array("i", [7]))
print(a)
a += array("i", [8])
print(a)
print([x * 2 for x in array("h", [1, 2, 3])])
print(array("b", [127, 128, -129]))
print(array("B", [255, 256]), array("H", [65535, 65536]))
print(array("I", [-1]), array("l", [2**31]), array("q", [2**62]))
print(array("Q", [2**64 - 1]), array("f", [1.5, 0.25]), array("d", [1e100]))
print(array("i"), array("d"))
print(array("i", [1, 2]) == array("i", [1, 2]), array("i", [1]) == array("i", [2]))
print(array("i", [1, 2]) + array("i", [3]))
b = array("b", b"\x01\x02")
print(b)
b[0:1] = array("b", [9, 9])
print(b)
try:
    array("z")
except ValueError:
    print("ValueError")
try:
    a[100]
except IndexError:
    print("IndexError")
print(array("h", b"\x01\x00\x02\x00\x03")[:2] == array("h", [1, 2]))
