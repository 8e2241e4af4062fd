# to_bytes / from_bytes / bit_length and radix builtins
print((1234).to_bytes(4, "little"), (1234).to_bytes(4, "big"))
print((-1).to_bytes(2, "big", signed=True), (2**70).to_bytes(9, "little"))
print(int.from_bytes(b"\x01\x02", "big"), int.from_bytes(b"\x01\x02", "little"))
print(int.from_bytes(b"\xff\xff", "big", signed=True))
for args in [(1, "big"), (0, "big")]:
    try:
        (256).to_bytes(*args)
    except OverflowError:
        print("OverflowError")
try:
    (-1).to_bytes(1, "big")
except OverflowError:
    print("OverflowError")
print((0).bit_length(), (255).bit_length(), (-256).bit_length(), (2**100).bit_length())
print(hex(255), hex(-255), oct(8), oct(-8), bin(5), bin(0), hex(2**70))
print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(2**70, 3))
print(pow(3, 4), pow(3, 4, 5), pow(2, -1, 7), pow(-3, 3, 5), pow(2, 100, 10**9 + 7))
try:
    pow(2, 3, 0)
except ValueError:
    print("ValueError")
