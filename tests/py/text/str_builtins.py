# str(), chr, ord, encode/decode
print(chr(65), chr(0x20ac), ord("a"), ord("é"), ord(b"A"))
print(str(b"abc", "utf-8"), str(5), str(), str(1.5), str([1, "a"]), "é".encode(), b"abc".decode())
try:
    chr(-1)
except ValueError:
    print("ValueError")
try:
    ord("ab")
except TypeError:
    print("TypeError")
s = "héllo wörld"
print(len(s), s[1], s[-1], s[1:4], s[::-1], s.upper())  # MicroPython: only ASCII letters have case
print(b"a\xffb".decode("utf-8", "ignore"), b"a\xffb".decode("utf-8", "replace"), "é1".encode("ascii", "replace"))
for f in [lambda: b"\xff".decode(), lambda: "é".encode("ascii"), lambda: str(b"\xe5", "ascii")]:
    try:
        f()
    except UnicodeError:
        print("UnicodeError")
try:
    b"x".decode("nosuchcodec")
except LookupError:
    print("LookupError")
print("{:06s}|{:<06s}|{:>06s}".format("ab", "ab", "ab"), pow(2, 3, None), int(memoryview(b"12")))
