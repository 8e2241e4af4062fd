# str methods shared with bytes
print("a,b,,c".split(","), " a  b ".split(), "a b c".rsplit(None, 1), "a,b,c".split(",", 1))
print("  a b  c ".split(None, 1), "  a b  c ".rsplit(None, 1), "a,b,c".rsplit(",", 1), "".split())
print("x".join(["1", "2", "3"]), "".join([]), "-".join("abc"))
print("hello".find("l"), "hello".rfind("l"), "hello".count("l"), "hello".find("l", 3), "hello".find("z"))
print("héllo".find("l"), "héllo".index("o"), "aaa".count(""), "hello".find("", 5), "hello".find("", 6))
print("hello".startswith(("x", "he")), "hello".endswith("lo"), "hello".startswith("l", 2))
print("  hi  ".strip(), "xxhixx".strip("x"), "  hi".lstrip(), "hi  ".rstrip() + "|", "ééaéé".strip("é"))
print("hello".replace("l", "L", 1), "hello".replace("l", "L"), "ab".replace("", "-"))
print("a-b-c".partition("-"), "a-b-c".rpartition("-"), "abc".partition("x"), "abc".rpartition("x"))
print("abc".upper(), "ABC".lower(), "hello world".title(), "hello".capitalize(), "AbC".swapcase())
print("ab".center(7, "*"), "ab".center(6), "ab".ljust(5) + "|", "ab".rjust(5), "-42".zfill(6), "7".zfill(3))
print("123".isdigit(), "abc".isalpha(), " ".isspace(), "ABC".isupper(), "abc".islower(), "a1".isalnum(), "".isdigit())
print("a\nb\r\nc".splitlines(), "a\nb\n".splitlines(True))
try:
    "abc".index("z")
except ValueError:
    print("ValueError")
try:
    "a".split("")
except ValueError:
    print("ValueError")
class S(str):
    pass
print(S("abc").upper(), S("a b").split())
