# Like MicroPython, str case mappings and character classes only know ASCII characters.
s = "Ça va? Ünïcode ok"
print(s.upper(), s.lower())
for t in ["é", "abc", "aé", "ABC", "É", "AÉ", "12", "٣", " \t", "\u00a0", "x1", ""]:
    print(repr(t), t.isalpha(), t.isdigit(), t.isspace(), t.isupper(), t.islower())
print(repr("\u00a0 x \u00a0".strip()), repr("  x\t".strip()), repr("éxé".strip("é")))
print(float("1.5e3"), float("-0.000123"), float(".5"), float("5."), 1e23, 2.2250738585072011e-308)
for bad in ["1e", "1.2.3", "--1", ""]:
    try:
        float(bad)
    except ValueError:
        print("ValueError", repr(bad))
