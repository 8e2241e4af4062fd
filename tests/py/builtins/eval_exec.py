print(eval("1 + 2"), eval("x * 2", {"x": 21}))
g = {}
exec("a = 5\ndef f():\n    return a + 1", g)
print(g["a"], g["f"]())
l = {}
exec("b = 7", g, l)
print(l["b"], "b" in g)
y = 10
print(eval("y + 1"))
def f():
    z = 3
    return eval("z", {"z": 4})
print(f())
code = compile("1 + 41", "<test>", "eval")
print(eval(code))
code = compile("q = 9", "<test>", "exec")
exec(code, g)
print(g["q"])
try:
    eval("1 +")
except SyntaxError:
    print("SyntaxError")
try:
    exec("raise ValueError('x')")
except ValueError as e:
    print("ValueError", e)
m = __import__("sys")
print(m.__name__)
print("append" in dir([]), "keys" in dir({}), "__class__" in dir(1))
class A:
    q = 1
    def m(self):
        pass
a = A()
a.r = 2
d = dir(a)
print("q" in d, "m" in d, "r" in d, d == sorted(d))
x = 1
print("x" in dir())
