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
print(len(s), s[1], s[-1], s[1:4], s[::-1], s.upper())
