# a letter directly after a number literal is a syntax error (as in MicroPython);
# \N{...} escapes are not implemented
for src in ["1and 0", "1or 0", "1if 1else 0", "0x1for", "1.5e", "1.5j", "1e5", "0x1f", "1_0", "1 and 0", "0b1 or 2"]:
    try:
        print(repr(src), eval(src))
    except SyntaxError:
        print(repr(src), "SyntaxError")
try:
    exec('x = "\\N{DIGIT ONE}"')
except NotImplementedError:
    print("NotImplementedError")
print("\\N{x}", r"\N{y}")
