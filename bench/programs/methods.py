# Method calls, including inherited methods and super().
class Base:
    def __init__(self):
        self.n = 0

    def bump(self, k):
        self.n += k
        return self.n


class Child(Base):
    def bump(self, k):
        return super().bump(k) + 1


def run():
    a = Base()
    b = Child()
    t = 0
    for i in range(400000):
        t += a.bump(1) + b.bump(2)
    return t


REPEAT = 3
for _ in range(REPEAT - 1):
    run()
print(run())
