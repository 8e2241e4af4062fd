# printf-style % formatting for str and bytes
print("%s %r %d %5.2f %x %-5d| %c %%" % ("a", "b", 42, 3.14159, 255, 7, 65))
print("%(a)s-%(b)d" % {"a": "x", "b": 5}, "%s" % {"k": 1}, "%s" % [1, 2], "%s" % (1,))
print("%05d|%+d|% d|%#x|%#o|%X|%.3d" % (42, 5, 5, 255, 8, 255, 7))
print("%e|%g|%G|%.2e|%10.3f|%-10.1f|" % (12345.678, 0.00001, 1e20, 1.5, 3.14159, 2.5))
print("%*d|%-*d|%.*f" % (5, 1, 5, 2, 2, 3.14159))
print("%d %i" % (3.9, -2.5), "%s" % None, "%c" % "z", "%.2s" % "abc")
print(b"%s %d %x" % (b"ab", 5, 255), b"%c%c" % (65, b"B"[0]), b"%5s|" % b"x")
for args in [(1,), (1, 2, 3)]:
    try:
        "%d %d" % args
    except TypeError:
        print("TypeError")
for fmt in ["%", "%y"]:
    try:
        fmt % 1
    except ValueError:
        print("ValueError")
try:
    "%d" % "x"
except TypeError:
    print("TypeError")
