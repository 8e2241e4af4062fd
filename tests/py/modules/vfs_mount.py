# vfs.mount puts a Python filesystem object at a path: open(), execfile() and imports
# below it go through its open()/stat(); os.listdir('/') shows the mount point; umount
# takes the path or the object.
import io
import os
import sys
import vfs


class File(io.IOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def readinto(self, buf):
        n = min(len(buf), len(self.data) - self.pos)
        buf[:n] = self.data[self.pos : self.pos + n]
        self.pos += n
        return n

    def ioctl(self, req, arg):
        return 0


class FS:
    def __init__(self, files):
        self.files = files

    def mount(self, readonly, mkfs):
        print("mount", readonly, mkfs)

    def umount(self):
        print("umount")

    def stat(self, path):
        if path in self.files:
            return (0x8000, 0, 0, 0, 0, 0, len(self.files[path]), 0, 0, 0)
        raise OSError(2)

    def open(self, path, mode):
        print("open", path, mode)
        if path not in self.files:
            raise OSError(2)
        return File(self.files[path])


files = {"/run.py": b"x = 6 * 7\nprint('ran', x)", "/vmod.py": b"NAME = 'vmod'"}
fs = FS(files)
vfs.mount(fs, "/zfs", readonly=True)
print("zfs" in os.listdir("/"))
f = open("/zfs/run.py", "rb")
print(type(f) is File, f.read(5) if hasattr(f, "read") else None)
g = {}
execfile("/zfs/run.py", g)
print(g["x"])
for bad in ("/zfs/none.py", b"/zfs/run.py"):
    try:
        execfile(bad)
    except (OSError, TypeError) as e:
        print(type(e).__name__)
sys.path.append("/zfs")
import vmod

print(vmod.NAME, vmod.__file__)
sys.path.pop()
try:
    vfs.mount(fs, "/zfs")
except OSError:
    print("already mounted")
vfs.umount("/zfs")
try:
    vfs.umount(fs)
except OSError:
    print("not mounted")
vfs.mount(fs, "/zfs2")
vfs.umount(fs)
print("zfs" in os.listdir("/"))
# A str is a read-only buffer (user files often slice memoryview(text)).
m = memoryview("héllo")
print(len(m), bytes(m[1:3]), m.readonly if hasattr(m, "readonly") else True)
