# A constant cannot be redefined, and only micropython.<name> decorators MicroPython knows
# are accepted: both are SyntaxErrors at compile time.
for code in (
    "from micropython import const\nA = const(1)\nA = const(2)",
    "import micropython\n@micropython.a.b\ndef f(): pass",
    "import micropython\n@micropython.nope\ndef f(): pass",
):
    try:
        exec(code)
    except SyntaxError:
        print("SyntaxError")
exec("from micropython import const\nB = const(3)\nprint(B * 2)")
