# binascii: hex and base64 both ways, crc32
import binascii

print(binascii.hexlify(b"\x00\x7f\x80\xff"), binascii.hexlify(b"123", ":"), binascii.hexlify(b"", b":"))
print(binascii.unhexlify(b"7f80ff"), binascii.unhexlify("414243"))
for bad in (b"0", b"gg"):
    try:
        binascii.unhexlify(bad)
    except ValueError:
        print("ValueError")
for s in (b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", b"\x00\xff\xfe"):
    e = binascii.b2a_base64(s)
    print(e, binascii.a2b_base64(e) == s)
print(binascii.b2a_base64(b"foo", newline=False))
print(binascii.a2b_base64(b"Zm9v\n"), binascii.a2b_base64(b"Zm9v===YmFy"), binascii.a2b_base64(b"f4D+"))
for bad in (b"abc", b"abcde=", b"ab*d", b"ab=cdef="):
    try:
        binascii.a2b_base64(bad)
    except ValueError:
        print("ValueError")
print(binascii.crc32(b"123456789"), binascii.crc32(b"56789", binascii.crc32(b"1234")))
