# hashlib: sha256 digests, incremental updates, finality
import hashlib

print(hashlib.sha256().digest())
print(hashlib.sha256(b"abc").hexdigest())
h = hashlib.sha256()
h.update(b"ab")
h.update(b"c")
print(h.digest() == hashlib.sha256(b"abc").digest())
print(hashlib.sha256(b"\xff" * 56).hexdigest())
print(hashlib.sha256(b"\xff" * 64).hexdigest())
print(hashlib.sha256(b"abcd" * 1000).hexdigest())
h = hashlib.sha256(b"123")
h.digest()
for f in (h.digest, lambda: h.update(b"4")):
    try:
        f()
    except ValueError:
        print("ValueError")
