# errno.errorcode is read-only (a fixed dict, as in MicroPython); copies of it are not
import errno

ec = errno.errorcode
before = len(ec)
ops = [
    lambda: ec.popitem(),
    lambda: ec.pop(errno.EIO),
    lambda: ec.pop(12345, None),
    lambda: ec.setdefault(errno.EIO, "x"),
    lambda: ec.update({1: 2}),
    lambda: ec.clear(),
    lambda: ec.__setitem__(1, 2),
    lambda: ec.__delitem__(errno.EIO),
]
for op in ops:
    try:
        op()
        print("modified")
    except TypeError:
        print("TypeError")
try:
    ec[1] = "x"
except TypeError:
    print("TypeError")
try:
    del ec[errno.EIO]
except TypeError:
    print("TypeError")
try:
    ec |= {1: 2}
except TypeError:
    print("TypeError")
print(len(ec) == before, ec[errno.EIO], errno.EIO in ec, ec.get(-1))
c = ec.copy()
c[1] = "one"
del c[errno.EIO]
print(c[1], errno.EIO in c, len(ec) == before)
d = dict(ec)
d.clear()
print(len(d), len(ec | {-1: "x"}) == before + 1)
