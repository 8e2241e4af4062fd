# subclasses of builtin containers: __init__ through super(), immutable bases get the args
class L(list):
    def __init__(self, a, b):
        super().__init__([a, b])

print(L(1, 2), len(L(3, 4)))

class D(dict):
    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)

print(D([("a", 1)], b=2), D())

class Base:
    def __init__(self, *args):
        print("Base.__init__", args)

class T(Base, tuple):
    pass

class T2(tuple, Base):
    pass

print(len(T([1, 2, 3])), len(T2("ab")))

class S(set):
    pass

s = S([1, 2])
s.add(3)
print(sorted(s), 2 in s, len(s))

class A:
    pass

class B(A):
    pass

print(A.__bases__ == (object,), B.__bases__ == (A,), object.__bases__ == ())

class C:
    def __setattr__(self, name, value):
        print("set", name)
        super().__setattr__(name, value * 2)

c = C()
c.x = 5
print(c.x)
object.__setattr__(c, "y", 1)
print(c.y)
object.__delattr__(c, "y")
print(hasattr(c, "y"))

class N:
    def __new__(cls, v):
        o = super().__new__(cls)
        o.v = v
        return o

n = N(7)
print(n.v, type(n) is N, N.__new__(N, 1).v)
try:
    class Bad(list, dict):
        pass
except TypeError:
    print("TypeError")
try:
    super(str, 0)
except TypeError:
    print("TypeError")
