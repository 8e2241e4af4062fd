# bytes / bytearray constructors and methods
print(bytes(3), bytes([65, 66]), bytes("hi", "utf-8"), bytes(b"x"), bytes(bytearray(b"y")), bytes())
print(bytearray(b"xy"), bytearray(2), bytearray([1, 2]), bytearray("é", "utf-8"))
print(b"abc".hex(), b"\x01\xff".hex(":"), bytes.fromhex("41 42"), bytearray.fromhex("ff00"))
print(b"a,b".split(b","), b"  x ".strip(), b"abc".upper(), b"abc".find(b"c"), b"abc".find(99), b"abc".replace(b"b", b"B"))
print(b"abcabc".count(b"bc"), b"abc".startswith(b"ab"), b"abc".endswith((b"x", b"c")), b"-".join([b"a", b"b"]))
print(b"a b c".split(), b"x".center(5, b"*"), b"abc".index(b"b"), b"a1".isalnum(), b"AB".lower())
ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
ba.extend([103])
print(ba, ba.pop(), ba.pop(0), ba)
ba.insert(1, 65)
ba.remove(65)
print(ba, len(ba), ba.upper(), isinstance(ba.strip(), bytearray))
for bad in [lambda: bytes([256]), lambda: ba.append(-1), lambda: bytes.fromhex("4")]:
    try:
        bad()
    except ValueError:
        print("ValueError")
try:
    bytes("x")
except TypeError:
    print("TypeError")
