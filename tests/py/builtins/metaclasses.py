class Meta(type):
    def __new__(mcs, name, bases, ns):
        print("Meta.__new__", name)
        ns["added"] = 1
        return super().__new__(mcs, name, bases, ns)

    def __init__(cls, name, bases, ns):
        print("Meta.__init__", name)

class A(metaclass=Meta):
    x = 1

print(A.added, A.x, type(A) is Meta, isinstance(A, type))

class Counting(type):
    def __call__(cls, *a):
        print("Counting.__call__", a)
        return super().__call__(*a)

class B(metaclass=Counting):
    def __init__(self, v):
        self.v = v

print(B(3).v)
X = Meta("X", (), {})
print(X.added, X.__name__)

class Base:
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__)

    @classmethod
    def make(cls):
        return cls.__name__

class Sub(Base):
    @classmethod
    def make(cls):
        return "Sub>" + super().make()

T = type("T", (Base,), {"y": 2})
print(T.__name__, T.__bases__ == (Base,), T.y, Sub.make())
