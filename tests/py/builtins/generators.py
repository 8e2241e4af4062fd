def g():
    x = yield 1
    print("got", x)
    try:
        yield 2
    except ValueError as e:
        print("caught", e)
        yield 3
    finally:
        print("finally")
    yield 4

it = g()
print(iter(it) is it, it.__iter__() is it)
print(it.send(None))
print(it.send("hello"))
print(it.throw(ValueError("boom")))
print(it.__next__())
try:
    next(it)
except StopIteration:
    print("StopIteration")

def r():
    yield 1
    return 42

it = r()
next(it)
try:
    it.send(None)
except StopIteration as e:
    print("return value", e.value)

def c():
    try:
        yield 1
    except GeneratorExit:
        print("exit")
        raise

it = c()
next(it)
print(it.close())
print(it.close())
it = c()
print(it.close())

def bad():
    try:
        yield 1
    except GeneratorExit:
        yield 2

it = bad()
next(it)
try:
    it.close()
except RuntimeError:
    print("RuntimeError")

def t():
    yield 1

it = t()
try:
    it.throw(ValueError)
except ValueError:
    print("ValueError thrown into new generator")
try:
    next(it)
except StopIteration:
    print("finished")
it = t()
try:
    it.send(1)
except TypeError:
    print("TypeError")
it = t()
next(it)
try:
    it.throw(KeyError, "k")
except KeyError as e:
    print("KeyError", e.args)
