# micropython.qstr_info reports the names interned at run time (not the builtin ones), and
# with an argument lists each as Q(name). (Output is captured through sys.stdout, which
# MicroPython's unix port cannot reassign: expected output written by hand.)
import io
import micropython
import sys


def capture(*args):
    out = io.StringIO()
    old = sys.stdout
    sys.stdout = out
    try:
        micropython.qstr_info(*args)
    finally:
        sys.stdout = old
    return out.getvalue().split("\n")


def count(lines):
    return int(lines[0].split("n_qstr=")[1].split(",")[0])


lines = capture()
print(lines[0].startswith("qstr pool: n_pool=1, n_qstr="), len(lines))
n = count(lines)


class K:
    pass


setattr(K, "zz_" + str(12345), 1)
lines = capture(1)
print(count(lines) == n + 1)
print("Q(zz_12345)" in lines, "Q(print)" in lines, "Q(zz_12345)" in capture())
