print(dict(), dict(a=1), dict([(1, 2), (3, 4)]), dict({1: 2}, b=3))
print(dict(zip("abc", range(3))))
try:
    dict([(1, 2, 3)])
except ValueError:
    print("ValueError")
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0))
print(d.setdefault("a", 5), d.setdefault("c", 3), d)
print(d.pop("c"), d.pop("z", None), d)
try:
    d.pop("z")
except KeyError as e:
    print("KeyError", e.args)
print(d.popitem(), d)
try:
    {}.popitem()
except KeyError:
    print("KeyError")
d.update({"x": 1}, y=2)
d.update([("z", 3)])
print(d)
print(dict.fromkeys("ab"), dict.fromkeys([1, 2], 0))
e = d.copy()
d.clear()
print(d, e)
k = e.keys()
v = e.values()
i = e.items()
print(k, v, i)
print(len(k), "x" in k, "q" in k, 1 in v, 5 in v, ("x", 1) in i, ("x", 2) in i)
e["w"] = 9
print(list(k), list(v), list(i))
for kk, vv in e.items():
    print(kk, vv)
print(sorted(e))

class Counter(dict):
    def __missing__(self, key):
        return 0

c = Counter()
c["a"] += 1
c["a"] += 1
print(c["a"], c["b"], len(c))

class D(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 10)

dd = D()
dd[1] = 2
print(dd[1], dict.fromkeys is not None)
