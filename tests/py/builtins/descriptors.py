class C:
    def __init__(self):
        self._x = 0

    def getx(self):
        return self._x

    def setx(self, v):
        self._x = v * 2

    def delx(self):
        print("del x")

    x = property(getx, setx, delx)

    @property
    def y(self):
        return "y"

    @y.setter
    def y(self, v):
        print("set y", v)

    @classmethod
    def cm(cls, a):
        return cls.__name__ + a

    @staticmethod
    def sm(a):
        return a + 1

    cm2 = classmethod(lambda cls: cls.__name__)
    sm2 = staticmethod(lambda: "sm2")

c = C()
c.x = 5
print(c.x)
del c.x
print(c.y)
c.y = 3
print(C.cm("!"), c.cm("?"), C.sm(1), c.sm(2), C.cm2(), c.sm2())
p = C.__dict__["x"] if hasattr(C, "__dict__") else None
print(type(C.x).__name__, C.x.fget is C.getx, C.x.fset is C.setx)

class Base:
    def f(self):
        return "Base.f"

    def g(self):
        return "Base.g"

class Mid(Base):
    def f(self):
        return "Mid.f>" + super().f()

class Top(Mid):
    def f(self):
        return "Top.f>" + super().f()

    def h(self):
        s = super()
        return s.g()

print(Top().f(), Top().h(), super(Mid, Top()).f())

T = type("T", (Base,), {"z": 5, "f": lambda self: "T.f"})
t = T()
print(T.__name__, t.z, t.f(), t.g(), type(t) is T, isinstance(t, Base))
print(type(1), type("a"), type([]), type(T), type(type))
o = object()
print(type(o) is object)
try:
    type(1, 2)
except TypeError:
    print("TypeError")

class Meta(type):
    pass

class WithMeta(metaclass=Meta):
    pass

print(type(WithMeta) is Meta)
