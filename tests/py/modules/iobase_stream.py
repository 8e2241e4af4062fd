# Subclasses of io.IOBase are driven as streams: print() hands write() a bytearray for
# each piece and json.load() reads through readinto(); a count beyond the buffer's size is
# OSError(EIO), a negative count is OSError(-count), None means "nothing written".
import io
import json


class W(io.IOBase):
    def __init__(self, ret):
        self.ret = ret

    def write(self, buf):
        print("write", type(buf).__name__, bytes(buf))
        return self.ret(len(buf))

    def ioctl(self, cmd, arg):
        return 0


print("ab", 5, file=W(lambda n: n))
print("x", end="", file=W(lambda n: None))
for ret in (lambda n: n + 1, lambda n: -22):
    try:
        print("abc", file=W(ret))
    except OSError as e:
        print("OSError", e.errno)


class R(io.IOBase):
    def __init__(self, data, extra=0):
        self.data = data
        self.extra = extra

    def readinto(self, buf):
        if not self.data:
            return 0
        buf[0] = self.data[0]
        self.data = self.data[1:]
        return len(buf) + self.extra


print(json.load(R(b'{"a": [1, 2]}')))
try:
    json.load(R(b"[1]", 2))
except OSError as e:
    print("OSError", e.errno)
