# read(n) on a text stream counts characters, not bytes.
import io

s = io.StringIO("aé€😀z")
print(s.read(1), s.read(2), s.read(1), s.read(5))
with open("text_read_chars.txt", "w") as f:
    f.write("αβγ\nδ")
with open("text_read_chars.txt") as f:
    print(f.read(2), repr(f.read(2)), f.read())
with open("text_read_chars.txt", "rb") as f:
    print(f.read(3))
import os

os.remove("text_read_chars.txt")
