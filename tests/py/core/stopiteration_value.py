# next() on map/zip/enumerate re-raises the inner iterator's StopIteration with its value;
# a * argument after a keyword argument is a SyntaxError, as in MicroPython.
class A:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration(42)


for make in (lambda: enumerate(A()), lambda: map(abs, A()), lambda: zip(A())):
    try:
        next(make())
    except StopIteration as e:
        print(e.args)
print(list(map(abs, A())), next(zip(A()), "default"))
try:
    exec("f(y=1, *(3,))")
except SyntaxError:
    print("SyntaxError")
