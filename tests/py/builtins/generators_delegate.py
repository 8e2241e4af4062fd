def leaf():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("leaf exit")
        raise

def outer():
    try:
        r = yield from leaf()
        print("r", r)
    except GeneratorExit:
        print("outer exit")
        raise

g = outer()
print(next(g))
g.close()

class It:
    def __iter__(self):
        return self
    def __next__(self):
        return 1
    def close(self):
        print("It.close")

def deleg():
    yield from It()

g = deleg()
print(next(g))
g.close()

def gen():
    try:
        yield 123
    except GeneratorExit:
        print("inner GeneratorExit")

def gen2():
    try:
        yield from gen()
    except GeneratorExit:
        print("outer GeneratorExit")
    yield 789

g = gen2()
print(next(g), g.throw(GeneratorExit))
print(all(x > 0 for x in range(1, 4)), list(x * x for x in (1, 2, 3)))

class NotIter:
    def __iter__(self):
        return self

try:
    for x in NotIter():
        pass
except TypeError:
    print("TypeError")
