# reading invalid UTF-8 from a text file raises UnicodeError; binary reads are unaffected
import os

name = "_text_read_invalid.tmp"
with open(name, "wb") as f:
    f.write(b"ok\n\xff\xfe bad\n")
with open(name) as f:
    print(repr(f.readline()))
    try:
        f.read()
    except UnicodeError:
        print("UnicodeError")
with open(name, "rb") as f:
    print(f.read())
try:
    open(name).read()
except UnicodeError:
    print("UnicodeError")
os.remove(name)
