# os.rename and os.chdir on the host's filesystem
import os

d = "zython_os_rename.tmpdir"
os.mkdir(d)
with open(d + "/a.txt", "w") as f:
    f.write("abc")
os.rename(d + "/a.txt", d + "/b.txt")
print(sorted(os.listdir(d)))
try:
    os.rename(d + "/missing", d + "/c.txt")
except OSError as e:
    print("OSError", e.args[0])
top = os.getcwd()
os.chdir(d)
print(os.getcwd() == top + "/" + d)
print(os.listdir())
with open("b.txt") as f:
    print(f.read())
os.mkdir("sub")
os.rename("sub", "sub2")
print(os.stat("sub2")[0] & 0xF000 == 0x4000)
os.rmdir("sub2")
try:
    os.chdir("b.txt")
except OSError as e:
    print("OSError", e.args[0])
os.chdir("..")
print(os.getcwd() == top)
os.remove(d + "/b.txt")
os.rmdir(d)
print(d in os.listdir())
