# calls, defaults, keywords, varargs, closures
def f(a, b=2, *args, c=3, **kw):
    return (a, b, args, c, sorted(kw.items()) if kw else kw)

print(f(1))
print(f(1, 5, 6, 7, c=8, d=9))

def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc

c = counter()
c()
print(c(), c())

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

print(fact(20), fact(30))
print((lambda x, y=10: x + y)(5))
args = (1, 2)
kw = {"c": 4}
print(f(*args, **kw))
