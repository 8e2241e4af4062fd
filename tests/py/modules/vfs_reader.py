# Importing from a mounted Python filesystem reads the file as MicroPython does: ask the
# buffer size (ioctl 11), readinto chunks, close (ioctl 4) even when
# the source then fails to compile.
import io
import sys
import vfs


class File(io.IOBase):
    size = 4

    def __init__(self, data):
        self.data = data
        self.pos = 0

    def readinto(self, buf):
        n = min(len(buf), len(self.data) - self.pos)
        buf[:n] = self.data[self.pos : self.pos + n]
        self.pos += n
        return n

    def ioctl(self, req, arg):
        print("ioctl", req, arg)
        return File.size if req == 11 else 0


class FS:
    files = {"/ok.py": b"print('ok')", "/bad.py": b"1 +", "/big.py": b"x = 1"}

    def mount(self, readonly, mkfs):
        pass

    def umount(self):
        pass

    def stat(self, path):
        if path in self.files:
            return (0x8000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        raise OSError(2)

    def open(self, path, mode):
        return File(self.files[path])


vfs.mount(FS(), "/rfs")
sys.path.append("/rfs")
import ok

try:
    import bad
except SyntaxError:
    print("SyntaxError")
File.size = 1000
import big

# vfs.mount() lists the Python filesystems mounted, with their mount points.
print([(type(f).__name__, p) for f, p in vfs.mount() if p != "/"])
vfs.umount("/rfs")
print([p for f, p in vfs.mount() if p != "/"])
sys.path.pop()
