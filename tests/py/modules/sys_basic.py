# sys: names, implementation facts, streams, exit
import sys

print(sys.byteorder in ("little", "big"))
print(sys.maxsize > 100)
print(sys.implementation.name)
print(sys.implementation._mpy & 0xFF, (sys.implementation._mpy >> 8) & 3)
print(sys.implementation[0] == sys.implementation.name)
print(sys.version_info[0], sys.version[:5])
print(sys.platform == "linux")
print(sys.modules["sys"] is sys)
n = sys.stdout.write("written\n")
print(n)
sys.stdout.buffer.write(b"raw bytes\n")
try:
    sys.exit(3)
except SystemExit as e:
    print("SystemExit", e.args)
try:
    sys.exit()
except SystemExit as e:
    print("SystemExit", e.args)
sys.print_exception(ValueError("boom"))
sys.print_exception(KeyError("k"), sys.stdout)
try:
    raise ValueError("boom")
except ValueError as e:
    t = sys.exc_info()
    print(t[0] is ValueError, t[1] is e, t[2])
print(sys.intern("abc") == "abc")
