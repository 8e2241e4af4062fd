# collections: namedtuple, deque, OrderedDict
from collections import namedtuple, deque, OrderedDict

T = namedtuple("Tup", ["foo", "bar"])
for t in T(1, 2), T(bar=1, foo=2), T(3, bar=4):
    print(t, t[0], t[1], t.foo, t.bar, len(t))
    print([f for f in t], isinstance(t, tuple), t == (t[0], t[1]))
print(T._fields)
P = namedtuple("P", "x y, z")
print(P(1, 2, 3), P._fields)
print(P(1, 2, 3)._replace(y=20))
try:
    T(1, 2).bar = 200
except AttributeError:
    print("AttributeError")
for args in ((1,), (1, 2, 3)):
    try:
        T(*args)
    except TypeError:
        print("TypeError")

d = deque((), 3)
print(len(d), not d)
d.append(1)
d.append(2)
d.appendleft(0)
print(d, len(d), not d, d[0], d[-1])
d.append(3)
print(d)
print(d.popleft(), d.pop(), [x for x in d])
d.extend([7, 8, 9, 10])
print(d)
d[0] = 70
print(d)
try:
    deque(())
except TypeError:
    print("TypeError")
d = deque((), 2, True)
for f in (d.popleft, d.pop):
    try:
        f()
    except IndexError as e:
        print("IndexError", e)
d.append(1)
d.append(2)
try:
    d.append(3)
except IndexError as e:
    print("IndexError", e)
print(d)
print(OrderedDict.__name__)
x = OrderedDict()
x["b"] = 1
x["a"] = 2
y = OrderedDict()
y["a"] = 2
y["b"] = 1
print(x, len(x), x["a"], list(x.keys()))
print(x == y, x == {"a": 2, "b": 1})
del y["a"]
y["a"] = 2
print(x == y)
