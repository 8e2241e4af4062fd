# re: the syntax subset, match objects, sub and split (semantics shared with CPython).
import re


def show(m):
    if m is None:
        print(None)
    else:
        print(repr(m.group(0)), m.groups(), m.span())


show(re.match(r"(\d+)-(\w+)", "2024-abc rest"))
show(re.search(r"[a-c]+", "xxbcaz"))
show(re.search(r"[^a-c ]+", "abc xyz"))
show(re.match(r"a*?b", "aaab"))
show(re.match(r"a+?", "aaa"))
show(re.match(r"(a|bc)+d", "abcad"))
show(re.match(r"(?:ab)+(c)?", "ababx"))
show(re.search(r"^b", "ab"))
show(re.search(r"b$", "ab"))
show(re.match(r"\s*(\S+)\s*$", "  word  "))
show(re.match(r"[\d\s]+", "1 2 3x"))
show(re.match(r"[\W]+", "+-*a"))
show(re.match(r"[-a]+[a-]+", "-a-a"))
show(re.match(r"[]x]+", "]x]"))
show(re.match(r"a\.b\\", "a.b\\"))
show(re.match(r"a.c", "a\nc"))
show(re.match(r"\t\n", "\t\n"))
show(re.match("(a)|b", "b"))
show(re.match(b"[a-z]+", b"bytes!"))

# str subjects match by code point; positions count code points.
m = re.search("é(.)", "caféé!")
print(m.group(1), m.span(), m.start(1), m.end(1))
print(re.match("[α-ω]+", "λμν.").group(0))

# pos and endpos
p = re.compile("o")
print(p.search("foo", 2).span(), p.search("foo", 0, 1), p.match("foo", 1).span())
print(re.compile("o$").search("foo", 0, 2).span())

# group access
m = re.match(r"(a)(b)?", "ac")
print(m.group(1), m.group(2), m.groups(), m.groups("-"), m.start(2), m.span(2))
try:
    m.group(3)
except IndexError:
    print("IndexError")

# sub: templates, callables and count
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "joe@home, ann@work"))
print(re.sub(r"(\w)(\d)", r"\g<2>\g<1>", "a1b2c3"))
print(re.sub(r"\d+", lambda m: str(int(m.group(0)) * 3), "1 22 333"))
print(re.sub("a", "b", "aaaa", 2))
print(re.sub("x*", "-", "abc"))
print(re.sub("b", r"[\n]", "abc"))
print(re.compile(b"b+").sub(b"B", b"abbbcb"))
try:
    re.sub("(a)", r"\2", "a")
except Exception:
    print("invalid group")

# split
print(re.split(r"[,;]\s*", "a, b;c,  d"))
print(re.compile(r"\s+").split(" a b  c "))
print(re.compile(",").split("a,b,c,d", 2))
print(re.compile(",").split(""))

for bad in ("(", ")", "[a", "a**", "*", "a|?", r"[b-a]", "\\"):
    try:
        re.compile(bad)
        print("compiled", bad)
    except Exception:
        print("error", bad)
try:
    re.match(12, "a")
except TypeError:
    print("TypeError")
