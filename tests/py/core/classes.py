# classes: inheritance, super(), properties, class/static methods, special methods
class Animal:
    kind = "animal"

    def __init__(self, name):
        self.name = name

    def speak(self):
        return self.name + " makes a sound"

    def __repr__(self):
        return "Animal(" + repr(self.name) + ")"


class Dog(Animal):
    kind = "dog"

    def speak(self):
        return super().speak() + ": woof"


d = Dog("rex")
print(d.speak(), d.kind, Animal.kind, isinstance(d, Animal), issubclass(Dog, Animal))
print(repr(d), type(d).__name__)


class Temp:
    def __init__(self):
        self._c = 0

    @property
    def c(self):
        return self._c

    @c.setter
    def c(self, v):
        self._c = v * 2

    @staticmethod
    def twice(x):
        return 2 * x

    @classmethod
    def make(cls):
        return cls()


t = Temp.make()
t.c = 21
print(t.c, Temp.twice(4), t.twice(5))


class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)

    def __eq__(self, o):
        return self.x == o.x and self.y == o.y

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.x, self.y)[i]

    def __iter__(self):
        yield self.x
        yield self.y

    def __call__(self, k):
        return self.x * k

    def __bool__(self):
        return self.x != 0


v = Vec(1, 2) + Vec(3, 4)
print(v.x, v.y, v == Vec(4, 6), len(v), v[1], list(v), v(10), bool(Vec(0, 1)))


class Base1:
    def who(self):
        return "Base1"


class Base2:
    def who(self):
        return "Base2"

    def only2(self):
        return "only2"


class Multi(Base1, Base2):
    pass


m = Multi()
print(m.who(), m.only2(), [k.__name__ for k in Multi.__bases__])


class WithGetattr:
    def __getattr__(self, name):
        return name.upper()


print(WithGetattr().hello)
try:
    Animal("x").missing
except AttributeError:
    print("AttributeError")
