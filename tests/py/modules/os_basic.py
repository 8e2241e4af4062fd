# os: directories and files on the host
import os

d = "zython_os_basic.tmpdir"
print(os.sep)
print(len(os.getcwd()) > 0)
os.mkdir(d)
try:
    os.mkdir(d)
except OSError as e:
    print("OSError", e.args[0])
with open(d + "/f.txt", "w") as f:
    f.write("12345")
os.mkdir(d + "/sub")
print(os.listdir(d))
print([e[:2] for e in os.ilistdir(d)])
print([e[3] for e in os.ilistdir(d) if e[1] == 0x8000])
st = os.stat(d + "/f.txt")
print(st[0], st[6])
print(os.stat(d)[0])
os.remove(d + "/f.txt")
os.rmdir(d + "/sub")
print(os.listdir(d))
os.rmdir(d)
try:
    os.stat(d)
except OSError as e:
    print("OSError", e.args[0])
print(os.getenv("ZYTHON_SURELY_UNSET_VAR"), os.getenv("ZYTHON_SURELY_UNSET_VAR", 1))
print(len(os.urandom(7)), os.urandom(0))
try:
    os.urandom(-1)
except ValueError:
    print("ValueError")
