# io: StringIO, BytesIO, files through open()
import io

s = io.StringIO()
print(s.write("hello\n"), s.write("world"))
print(s.getvalue(), s.tell())
s.seek(0)
print(s.readline(), s.read(), s.read() == "")
s = io.StringIO("a\nb\nc")
print([l for l in s])
s.seek(0)
print(s.readlines())
s.seek(2)
print(s.read(1), s.readline(1), s.tell())
with io.BytesIO(b"xyz") as b:
    print(b.read(2), b.read(5), b.read())
    b.seek(1)
    b.write(b"QQQ")
    print(b.getvalue())
    b.seek(-1, 2)
    print(b.read())
try:
    b.getvalue()
except ValueError:
    print("ValueError")
try:
    io.StringIO().write(b"x")
except TypeError:
    print("TypeError")

name = "zython_io_basic.tmp"
f = open(name, "w")
print(f.write("line1\nline2\n"))
f.close()
with open(name, "a") as f:
    f.write("line3\n")
with open(name) as f:
    print(f.read())
with open(name, "rb") as f:
    print(f.readline(), f.readlines())
for line in open(name):
    print(line, end="")
with open(name, "wb") as f:
    f.write(b"\x00\x01")
print(open(name, "rb").read())
try:
    open(name).write("x")
except OSError:
    print("OSError")
import os

os.remove(name)
try:
    open(name)
except OSError as e:
    print("OSError", e.args[0])
print("io.StringIO" in repr(io.StringIO()), "io.BytesIO" in repr(io.BytesIO()))
try:
    io.BytesIO(b"abc").seek(-10)
except OSError as e:
    print("OSError", e.args[0])


class Sink(io.IOBase):
    def __init__(self):
        self.got = []

    def write(self, s):
        self.got.append(s)
        return len(s)


k = Sink()
k.write("x")
print(k.got, isinstance(k, io.IOBase))

name = "zython_io_plus.tmp"
try:
    open(name, "r+b")
except OSError:
    print("OSError")
f = open(name, "w+b")
f.write(b"1234567890")
f.seek(0)
print(f.read())
f.close()
f = open(name, "r+b")
f.write(b"ab")
f.seek(0)
print(f.read())
f.close()
with open(name, "a+") as f:
    f.write("X")
    f.seek(0)
    print(f.read())
b = bytearray(4)
with open(name, "rb") as f:
    print(f.readinto(b), b, f.readinto(b, 2), b)
os.remove(name)
