# re: behaviour specific to MicroPython's re (and our bounds).
import re

# split stops at the first empty match; sub-captures are not supported.
print(re.compile(" *").split("a b  c"))
print(re.compile("x*").split("axb"))
try:
    re.compile("(,)").split("a,b")
except NotImplementedError:
    print("NotImplementedError")

# A loop that matches the empty string runs out of backtracking room: RuntimeError.
try:
    re.match("(a*)*", "aaa")
except RuntimeError:
    print("RuntimeError")

# Patterns MicroPython finds too complex (jumps beyond a signed byte, too many groups).
for p in ("[" + "a" * 128 + "]", "(a)" * 64, "(" + "a" * 62 + ")?", "b" * 63 + "|a", "(" * 65536 + ")" * 65536):
    try:
        re.compile(p)
        print("ok")
    except Exception:
        print("too complex")
for p in ("[" + "a" * 127 + "]", "(a)" * 63, "(" + "a" * 61 + ")?", "b" * 62 + "|a", "a" * 5000):
    re.compile(p)
print("limits ok")

# Long subjects and heavy backtracking finish.
s = "x" * 20000 + "y"
print(re.match(".*y", s).end(), re.search("x*z", "x" * 300))
print(re.match(r"(a|b)*c", "ab" * 2000 + "c").span())

print(re.match("(a)(b)", "ab"), re.compile("a") is not None, re.DEBUG)
